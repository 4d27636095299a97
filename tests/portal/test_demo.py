from collections import Counter
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

import pytest

from portal.models import ComplaintFormPage, HomePage, PolicyPage
from workflow.demo_cases import DEMO_CASES, submission_key
from workflow.flows import ComplaintFlow, FeedbackFlow
from workflow.models import Case, CaseEvent, Category, HandlingSettings, Priority, Team

from ..conftest import CONTENT_PAGES, LANGUAGES


@pytest.mark.django_db
def test_demo_content_is_idempotent_and_serves_every_language(client):
    first = StringIO()
    call_command("load_demo", stdout=first)
    counts = (
        Priority.objects.count(),
        Team.objects.count(),
        Category.objects.count(),
        get_user_model().objects.count(),
        HomePage.objects.count(),
    )
    call_command("load_demo", stdout=StringIO())
    assert counts == (
        Priority.objects.count(),
        Team.objects.count(),
        Category.objects.count(),
        get_user_model().objects.count(),
        HomePage.objects.count(),
    )
    output = first.getvalue()
    for username in ("intake", "handler", "supervisor", "manager", "auditor", "admin"):
        assert username in output
    assert Priority.objects.filter(is_default=True).count() == 1

    policy = PolicyPage.objects.get()
    titles = {language: getattr(policy, f"title_{language}") for language in LANGUAGES}
    assert len(set(titles.values())) == 5, titles
    for language in LANGUAGES:
        for path in [*CONTENT_PAGES, "feedback/"]:
            response = client.get(f"/{language}/{path}", follow=True)
            assert response.status_code == 200, (language, path)
        assert titles[language] in client.get(f"/{language}/policy/").content.decode()
    assert ComplaintFormPage.objects.live().count() == 1


@pytest.mark.django_db
def test_demo_cases_cover_every_state_and_language_once():
    first = StringIO()
    call_command("load_demo", stdout=first)
    assert f"cases: {len(DEMO_CASES)} created." in first.getvalue()
    cases = Case.objects.all()
    assert cases.count() == len(DEMO_CASES)

    statuses = set(cases.values_list("status", flat=True))
    assert set(Case.Status.values) - {Case.Status.RECEIVED} <= statuses, statuses
    per_language = Counter(cases.values_list("language", flat=True))
    assert all(per_language[language] >= 2 for language in LANGUAGES), per_language
    assert set(cases.values_list("kind", flat=True)) == set(Case.Kind.values)
    assert set(cases.values_list("channel", flat=True)) >= {"web", "email", "phone", "post"}
    assert cases.filter(complainant__name="", complainant__email="").exists()

    # Every case is handled by a member of its category's owning team.
    for case in cases.exclude(handler=None):
        assert case.category.team.members.filter(pk=case.handler_id).exists(), case

    closed = cases.filter(status=Case.Status.CLOSED)
    assert closed.count() >= 2
    assert not closed.filter(survey__isnull=True).exists()
    assert closed.filter(review_result=Case.ReviewResult.CHANGED).exists()

    # A case under investigation with a question from the handler and the complainant's answer.
    investigating = cases.filter(status=Case.Status.INVESTIGATION)
    assert (
        investigating.filter(events__kind=CaseEvent.Kind.MESSAGE)
        .filter(events__kind=CaseEvent.Kind.CUSTOMER_INFO)
        .exists()
    )

    # Suggestions and compliments take the short path: answered by the owning team, closed.
    suggestion = cases.get(kind=Case.Kind.SUGGESTION)
    assert suggestion.process.flow_class is FeedbackFlow
    assert suggestion.status == Case.Status.RESPONSE
    compliment = cases.get(kind=Case.Kind.COMPLIMENT)
    assert compliment.status == Case.Status.CLOSED
    assert compliment.events.filter(kind=CaseEvent.Kind.ANSWERED).exists()

    # High severity waits for a supervisor's approval.
    assert cases.filter(status=Case.Status.APPROVAL, severity=Case.Severity.HIGH).exists()

    # The contested case waits for an independent reviewer, whom Viewflow offers it to.
    contested = Case.objects.get(submission_key=submission_key("late-payment-fee-contested"))
    assert (contested.status, contested.reply) == (Case.Status.REVIEW, Case.Reply.CONTESTED)
    task = contested.process.task_set.get(flow_task=ComplaintFlow.review, finished__isnull=True)
    reviewer = get_user_model().objects.get(username="reviewer")
    handler = get_user_model().objects.get(username="handler")
    assert ComplaintFlow.review.can_assign(reviewer, task)
    assert not ComplaintFlow.review.can_assign(handler, task)

    recourse = HandlingSettings.load()
    for language in LANGUAGES:
        assert getattr(recourse, f"external_recourse_{language}"), language

    before = (
        sorted(cases.values_list("pk", "status")),
        CaseEvent.objects.count(),
        contested.process.task_set.count(),
    )
    second = StringIO()
    call_command("load_demo", stdout=second)
    assert f"cases: {len(DEMO_CASES)} unchanged." in second.getvalue()
    assert before == (
        sorted(Case.objects.values_list("pk", "status")),
        CaseEvent.objects.count(),
        contested.process.task_set.count(),
    )
