"""The demo's year of history (improvement/demo_history.py, loaded by `load_demo`): enough
closed cases over twelve months in every language, channel and team for the clause 8 pages
to show trends, with records consistent with what the process writes, loaded once."""

import datetime
from collections import Counter
from io import StringIO

from django.core.management import call_command
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

import pytest

from improvement import demo_history
from improvement.forms.dashboard import default_period
from improvement.models import CorrectiveAction, Objective, SatisfactionFollowUp
from improvement.selectors import kpis_for, monthly_trends
from workflow import deadlines, steps
from workflow.demo_cases import demo_cases_read
from workflow.models import Case, CaseEvent, OutboxMessage, RootCause, SurveyResponse

from ..conftest import LANGUAGES

DATA = demo_history.history_read()
HANDLERS = demo_cases_read().handlers
Kind = CaseEvent.Kind


def history_cases():
    return Case.objects.filter(process__isnull=True)


def _load(settings, count):
    settings.DEMO_HISTORY_CASES = count
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _snapshot():
    return (
        Case.objects.count(),
        CaseEvent.objects.count(),
        SurveyResponse.objects.count(),
        SatisfactionFollowUp.objects.count(),
        RootCause.objects.count(),
        Objective.objects.count(),
        CorrectiveAction.objects.count(),
        OutboxMessage.objects.count(),
    )


@pytest.fixture
def small(settings):
    """The demo with a history of 300 cases (the real default is tested once, below)."""
    output = _load(settings, 300)
    return output


@pytest.mark.django_db(transaction=False)
@pytest.mark.iso("8.2")
@pytest.mark.iso("8.4")
def test_the_default_year_of_history_loads_once_and_feeds_the_kpis(settings):
    settings.DEMO_HISTORY_CASES = None
    started = timezone.now()
    output = _load(settings, None)
    assert f"history cases: {DATA['cases']} created" in output
    cases = history_cases()
    assert cases.count() == DATA["cases"] >= 2000
    assert not cases.exclude(status=Case.Status.CLOSED).exists()
    first, last = (
        cases.order_by("received_at").first().received_at,
        cases.order_by("received_at").last().closed_at,
    )
    assert first >= started - datetime.timedelta(days=366)
    assert last < timezone.now()
    months = {
        timezone.localtime(moment).strftime("%Y-%m")
        for moment in cases.values_list("received_at", flat=True)
    }
    assert len(months) >= 12
    assert set(cases.values_list("language", flat=True)) == set(LANGUAGES)
    assert set(cases.values_list("channel", flat=True)) == set(Case.Channel.values)
    assert set(cases.values_list("team__code", flat=True)) == set(HANDLERS)
    assert set(cases.values_list("kind", flat=True)) == set(Case.Kind.values)

    # A second run adds nothing.
    before = _snapshot()
    second = _load(settings, None)
    assert "history cases: 1 unchanged" in second
    assert _snapshot() == before

    # The KPIs of the dashboard's default year, as the system sees them.
    start, end = default_period(timezone.localdate())
    report = kpis_for(start, end)
    figures = report.as_dict()
    assert figures["received"] >= 0.9 * cases.filter(received_at__date__gte=start).count()
    assert 85 <= figures["ack_within_day"] <= 100
    assert 60 <= figures["decided_within_deadline"] < 100
    assert 0 < figures["contest_rate"] < 25
    assert figures["escalated_level_1"] > figures["escalated_level_2"] > 0
    assert figures["review_upheld"] > 0 and figures["review_changed"] > 0
    assert figures["compensation_paid"] > 0
    assert 25 <= figures["survey_response_rate"] <= 60
    assert 3 <= figures["survey_mean"] <= 4.5
    assert all(row.measured > 0 for row in report.steps)
    assert report.figure("decided_within_deadline").target is not None
    months = monthly_trends(start, end)
    assert len(months) == 12
    assert all(month.received > 0 and month.steps_measured > 0 for month in months[:-1])
    assert all(month.closed > 0 for month in months)


@pytest.mark.django_db
@pytest.mark.iso("8.2")
def test_a_second_run_adds_nothing(settings, small):
    assert "history cases: 300 created" in small
    assert history_cases().count() == 300
    before = _snapshot()
    assert "history cases: 1 unchanged" in _load(settings, 300)
    assert _snapshot() == before
    # On a later day too (another `now` would leave out other cases).
    assert (
        demo_history.history_load(
            handlers=HANDLERS,
            tally=Counter(),
            count=300,
            now=timezone.now() + datetime.timedelta(days=9),
        )
        == 0
    )
    assert _snapshot() == before


@pytest.mark.django_db
@pytest.mark.iso("8.4")
def test_events_are_those_the_process_writes(small):
    cases = history_cases().select_related("priority", "team", "category")
    complaints = cases.filter(kind=Case.Kind.COMPLAINT)
    # Every decided case has one `decided` event at its decision time, and the steps up to
    # it started with their recorded deadline.
    decided = cases.filter(decided_at__isnull=False)
    assert decided.count() == 300
    per_case = decided.annotate(
        decided_events=Count("events", filter=Q(events__kind=Kind.DECIDED)),
        answered_events=Count("events", filter=Q(events__kind=Kind.ANSWERED)),
        closed_events=Count("events", filter=Q(events__kind=Kind.CLOSED)),
        starts=Count("events", filter=Q(events__kind=Kind.STEP_STARTED)),
    ).values_list("kind", "decided_events", "answered_events", "closed_events", "starts")
    for kind, decided_events, answered, closed, starts in per_case:
        if kind == Case.Kind.COMPLAINT:
            assert (decided_events, answered, closed) == (1, 0, 1)
            assert starts >= 4  # assess, investigate, respond, close (+ approve, review)
        else:
            assert (decided_events, answered, closed, starts) == (0, 1, 0, 1)

    default = deadlines.priority_for(Case())
    for case in complaints[:60]:
        events = list(case.events.order_by("created_at", "pk"))
        kinds = [event.kind for event in events]
        assert kinds[:2] == [Kind.RECEIVED, Kind.ACKNOWLEDGED]
        assert kinds.index(Kind.DECIDED) < kinds.index(Kind.CLOSED)
        assert kinds[-1] in (
            Kind.CLOSED,
            Kind.NOTIFIED,
            Kind.SURVEY,
            Kind.SURVEY_FOLLOW_UP,
            Kind.ACTION,
        )
        for event in events:
            if event.kind != Kind.STEP_STARTED:
                continue
            data = event.data
            started = datetime.datetime.fromisoformat(data["started"])
            # The deadline promised is the one the process computes (the default priority
            # before the assessment sets the case's own).
            probe = Case(
                team=case.team, priority=None if data["step"] == "assess" else case.priority
            )
            promise = deadlines.step_promise(case=probe, step=data["step"], started=started)
            assert data == promise.as_data(), (case.reference, data)
            if data["step"] == "assess":
                assert data["priority"] == default.code
        # The steps' end events follow their start, each step in the order of the flow.
        started_steps = [event.data["step"] for event in events if event.kind == Kind.STEP_STARTED]
        assert started_steps[:3] == ["assess", "investigate", "respond"]
        assert started_steps[-1] == "close"
        assert set(started_steps) <= set(steps.STEP)
        assert case.acknowledged_at == events[1].created_at
        assert case.closed_at == next(e.created_at for e in events if e.kind == Kind.CLOSED)
        if case.reply == Case.Reply.CONTESTED:
            assert "review" in started_steps and case.review_result
        escalations = [e.data["level"] for e in events if e.kind == Kind.ESCALATED]
        assert case.escalation_level == max(escalations, default=0)
    # Surveys: answered after closing, each with its event; low ones partly followed up.
    for survey in SurveyResponse.objects.filter(case__in=cases).select_related("case"):
        assert survey.answered_at > survey.case.closed_at
    assert SurveyResponse.objects.filter(case__in=cases).count() == (
        CaseEvent.objects.filter(case__in=cases, kind=Kind.SURVEY).count()
    )
    followups = SatisfactionFollowUp.objects.select_related("response")
    assert all(followup.response.overall <= 2 for followup in followups)
    assert followups.count() == CaseEvent.objects.filter(kind=Kind.SURVEY_FOLLOW_UP).count()
    # The search index is asked for every case, through the outbox.
    assert (
        OutboxMessage.objects.filter(channel=OutboxMessage.Channel.SEARCH, case__in=cases).count()
        == 300
    )


@pytest.mark.django_db
def test_the_same_seed_and_day_give_the_same_cases(small):
    ctx = demo_history._context(DATA, now=timezone.now(), handlers=HANDLERS)
    stored = dict(history_cases().values_list("submission_key", "reference"))
    numbers = [n for n in range(40) if demo_history.history_key(n) in stored]
    assert numbers
    for number in numbers:
        plan = demo_history._generate(ctx, number)
        assert plan.case.reference == stored[demo_history.history_key(number)]


@pytest.mark.django_db
@pytest.mark.iso("8.7")
@pytest.mark.iso("6.2")
def test_taxonomy_objectives_and_actions(small):
    groups = RootCause.objects.filter(parent=None)
    assert groups.count() == len(DATA["root_causes"])
    assert RootCause.objects.count() == len(DATA["root_causes"]) + sum(
        len(group["children"]) for group in DATA["root_causes"]
    )
    for language in LANGUAGES:
        assert all(getattr(cause, f"name_{language}") for cause in RootCause.objects.all())
    assert Objective.objects.count() == len(DATA["objectives"])
    start, _end = default_period(timezone.localdate())
    assert set(Objective.objects.values_list("period_start", flat=True)) == {start}
    assert CorrectiveAction.objects.count() == len(DATA["actions"])
    statuses = Counter(CorrectiveAction.objects.values_list("status", flat=True))
    assert statuses == {
        CorrectiveAction.Status.EFFECTIVE: 2,
        CorrectiveAction.Status.NOT_EFFECTIVE: 1,
        CorrectiveAction.Status.DONE: 1,
        CorrectiveAction.Status.IN_PROGRESS: 1,
        CorrectiveAction.Status.OPEN: 1,
    }
    for action in CorrectiveAction.objects.filter(status=CorrectiveAction.Status.EFFECTIVE):
        assert action.checked_at <= timezone.now()
        assert action.recurrence_before is not None and action.recurrence_after is not None
        assert action.log.filter(kind="checked").exists()
        for case in action.cases.all():
            assert case.events.filter(kind=Kind.ACTION, data__action=action.pk).count() == 2


@pytest.mark.django_db
def test_a_history_case_page_works_without_a_process(small, client):
    from django.contrib.auth import get_user_model

    case = history_cases().filter(kind=Case.Kind.COMPLAINT, survey__isnull=False).first()
    client.force_login(get_user_model().objects.get(username="manager"))
    response = client.get(reverse("case_detail", args=[case.reference]))
    assert response.status_code == 200
    assert case.reference in response.content.decode()


@pytest.mark.django_db
@pytest.mark.iso("8.2")
def test_history_cases_are_indexed_for_the_search_after_commit(
    settings, client, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    from search.models import CaseSearchEntry

    _load(settings, 0)
    with django_capture_on_commit_callbacks(execute=True):
        created, _next = demo_history.cases_generate(count=20, handlers=HANDLERS)
    assert created == 20
    cases = history_cases()
    assert cases.count() == 20
    assert CaseSearchEntry.objects.filter(case__in=cases).count() == 20
    assert not OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).exists()
    # The drill-down of the dashboard: the staff search lists them.
    case = cases.order_by("received_at").first()
    client.force_login(get_user_model().objects.get(username="manager"))
    response = client.get(reverse("staff_search"), {"q": case.reference})
    assert response.status_code == 200
    assert case.reference in response.content.decode()
