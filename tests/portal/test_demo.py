import copy
import dataclasses
import re
from collections import Counter
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

import pytest

from portal.demo import schema
from portal.models import (
    ContactSettings,
    FeedbackFormTexts,
    HomePage,
    HowToComplainPage,
    PolicyPage,
    PrinciplesPage,
    StandardPage,
)
from workflow.demo_cases import demo_cases_read, submission_key
from workflow.flows import ComplaintFlow, FeedbackFlow
from workflow.models import Case, CaseEvent, Category, HandlingSettings, Priority, Team

from ..conftest import CONTENT_PAGES, LANGUAGES

CONTENT = schema.read()
DEMO_CASES = demo_cases_read().cases


def _page_spec(slug: str) -> dict:
    return next(spec for spec in CONTENT.child_pages if spec["slug"] == slug)


@pytest.mark.django_db
@pytest.mark.iso("4.4")
@pytest.mark.iso("5.3")
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
    # The feedback form's texts, a setting written in every language.
    for language in LANGUAGES:
        texts = CONTENT.settings[FeedbackFormTexts]["text"][language]
        step = client.get(f"/{language}/feedback/kind/").content.decode()
        assert texts["title"] in step and texts["intro"] in step, language


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


def _principle_names(language: str) -> list[str]:
    stream = _page_spec("principles")["text"][language]["principles"]
    return [value["name"] for _block_type, value in stream]


@pytest.mark.django_db
@pytest.mark.iso("4.4")
@pytest.mark.iso("4.5")
@pytest.mark.iso("7.1")
def test_demo_principles_and_channels_are_shown_in_every_language(client):
    call_command("load_demo", stdout=StringIO())
    contact = CONTENT.settings[ContactSettings]
    for language in LANGUAGES:
        page = client.get(f"/{language}/principles/").content.decode()
        names = _principle_names(language)
        assert re.findall(r"<dt>(.*?)</dt>", page) == names, language
        assert len(names) == 12

        page = client.get(f"/{language}/how-to-complain/").content.decode()
        assert 'href="mailto:complaints@example.org"' in page, language
        assert 'href="tel:08000000000"' in page and "0800 000 0000" in page, language
        texts = contact["text"][language]
        assert page.count(texts["phone_hours"]) >= 1, language
        assert texts["postal_address"].replace("\n", "<br>") in page, language
        assert texts["counter_address"].replace("\n", "<br>") in page, language
        assert f'href="/{language}/feedback/"' in page, language  # the online form
        assert "<li><strong>" not in page.split('<ul class="channels">')[1].split("</ul>")[0]

    second = StringIO()
    call_command("load_demo", stdout=second)
    output = second.getvalue()
    assert "settings: 3 unchanged;" in output
    assert f"pages: {1 + len(CONTENT.child_pages)} unchanged;" in output, output
    assert PrinciplesPage.objects.get().revisions.count() == 1


@pytest.mark.django_db
def test_contact_settings_someone_set_are_kept_unless_reset():
    call_command("load_demo", stdout=StringIO())
    contact = ContactSettings.load()
    contact.phone_hours_en = "Every day, 8:00 to 20:00"
    contact.postal_address_en = contact.postal_address_ar = ""  # no postal channel any more
    contact.save()
    call_command("load_demo", stdout=StringIO())
    contact.refresh_from_db()
    assert (contact.phone_hours_en, contact.postal_address_en) == ("Every day, 8:00 to 20:00", "")

    output = StringIO()
    call_command("load_demo", "--reset", stdout=output)
    contact.refresh_from_db()
    assert contact.phone_hours_en == "Monday to Friday, 9:00 to 17:00"
    assert (
        contact.postal_address_ar
        == CONTENT.settings[ContactSettings]["text"]["ar"]["postal_address"]
    )
    assert "settings: 1 updated, 2 unchanged;" in output.getvalue()


@pytest.mark.django_db
def test_feedback_form_texts_someone_wrote_are_kept_unless_reset(client):
    call_command("load_demo", stdout=StringIO())
    texts = FeedbackFormTexts.load()
    texts.intro_en = "<p>Tell us, briefly.</p>"
    texts.save()
    call_command("load_demo", stdout=StringIO())
    assert "Tell us, briefly." in client.get("/en/feedback/kind/").content.decode()

    call_command("load_demo", "--reset", stdout=StringIO())
    step = client.get("/en/feedback/kind/").content.decode()
    assert CONTENT.settings[FeedbackFormTexts]["text"]["en"]["intro"] in step
    assert "Tell us, briefly." not in step


def _as_standard_page(spec: dict) -> dict:
    """A page as an earlier load_demo loaded it: a standard page with the principles in its
    body."""
    old = {"model": "StandardPage", "slug": spec["slug"], "fields": {}, "text": {}}
    for language, texts in spec["text"].items():
        items = "".join(
            f"<li><strong>{value['name']}</strong>: {value['meaning']}</li>"
            for _block_type, value in texts.get("principles", [])
        )
        old["text"][language] = {
            "title": texts["title"],
            "intro": texts["intro"],
            "body": f"<ul>{items}</ul>" + texts["body"],
        }
    return old


def _load_as_earlier_version(monkeypatch):
    """Run load_demo with the principles and how-to-complain pages as standard pages."""
    with monkeypatch.context() as patch:
        earlier = [
            _as_standard_page(spec)
            if spec["slug"] in {"principles", "how-to-complain"}
            else copy.deepcopy(spec)
            for spec in CONTENT.child_pages
        ]
        patch.setattr(schema, "read", lambda: dataclasses.replace(CONTENT, child_pages=earlier))
        call_command("load_demo", stdout=StringIO())
    assert set(
        StandardPage.objects.filter(slug__in=["principles", "how-to-complain"]).values_list(
            "slug", flat=True
        )
    ) == {"principles", "how-to-complain"}


def _menu(home: HomePage) -> list[str]:
    return [page.slug for page in home.get_children()]


@pytest.mark.django_db
def test_standard_pages_of_an_earlier_version_are_replaced_by_their_new_types(client, monkeypatch):
    _load_as_earlier_version(monkeypatch)
    home = HomePage.objects.get()
    menu = _menu(home)

    output = StringIO()
    call_command("load_demo", stdout=output)
    assert "edited in the CMS" not in output.getvalue()
    assert not StandardPage.objects.filter(slug__in=["principles", "how-to-complain"]).exists()
    assert PrinciplesPage.objects.child_of(home).live().get().slug == "principles"
    assert HowToComplainPage.objects.child_of(home).live().get().slug == "how-to-complain"
    assert _menu(home) == menu == [spec["slug"] for spec in CONTENT.child_pages]
    page = client.get("/el/principles/").content.decode()
    assert len(re.findall("<dt>", page)) == len(_principle_names("el"))
    assert "<dt>Διαφάνεια</dt>" in page
    assert "complaints@example.org" in client.get("/tr/how-to-complain/").content.decode()


@pytest.mark.django_db
def test_an_earlier_standard_page_edited_in_the_cms_is_kept_unless_reset(monkeypatch):
    _load_as_earlier_version(monkeypatch)
    editor = get_user_model().objects.get(username="manager")
    old = StandardPage.objects.get(slug="principles")
    old.intro_en = "Our own introduction."
    old.save_revision(user=editor).publish()

    output = StringIO()
    call_command("load_demo", stdout=output)
    assert StandardPage.objects.filter(slug="principles").exists()
    assert not PrinciplesPage.objects.exists()
    assert HowToComplainPage.objects.exists()  # not edited: replaced
    assert "“Our guiding principles” is a standard page that was edited" in output.getvalue()

    call_command("load_demo", "--reset", stdout=StringIO())
    assert not StandardPage.objects.filter(slug="principles").exists()
    assert PrinciplesPage.objects.get().principles_en[0].value["name"] == "Transparency"
