"""The process vocabulary (`workflow.steps`): everything that names a step or a status is
derived from it; the acknowledgement promises the first step of the case's own flow; each
step's start is recorded with the deadline promised then."""

from django.core import mail
from django.utils import formats, timezone, translation

import pytest

from workflow import deadlines, selectors, services, steps
from workflow.flows import ComplaintFlow, FeedbackFlow
from workflow.models import Case, CaseEvent, Priority
from workflow.wagtail_hooks import PriorityViewSet

from ..conftest import make_case
from .test_decision_paths import _respond, _to_response, _url


def _timed_nodes(flow_class):
    """The flow's human steps that carry deadlines, in the order they were declared."""
    return [node for node in flow_class.instance.nodes() if node.name in steps.STEP]


def test_the_case_statuses_are_the_vocabularys():
    assert Case.Status.choices == [(status.value, status.label) for status in steps.STATUSES]
    assert Case.Status.ASSESSMENT.label == steps.STATUS["assessment"].label
    assert {step.status for step in steps.STEPS} <= set(Case.Status.values)
    # Each step's deadline is a field of the priority, in working hours.
    fields = {field.name for field in Priority._meta.get_fields()}
    assert {step.deadline_field for step in steps.STEPS} <= fields
    assert steps.COMPLAINT == Case.Kind.COMPLAINT


def test_both_flows_take_the_vocabularys_steps_with_its_titles():
    complaint = {node.name: node for node in _timed_nodes(ComplaintFlow)}
    assert set(complaint) == {step.key for step in steps.steps_for(Case.Kind.COMPLAINT)}
    for step in steps.STEPS:
        assert str(complaint[step.key].task_title) == str(step.title)
        assert complaint[step.key]._owner_permission == f"workflow.{step.permission}"
        assert step.app_permission == f"workflow.{step.permission}"
    assert services.INDEPENDENT_STEPS == {"approve": "approve_response", "review": "review_case"}
    for kind in (Case.Kind.SUGGESTION, Case.Kind.COMPLIMENT):
        short = {node.name: str(node.task_title) for node in _timed_nodes(FeedbackFlow)}
        assert set(short) == {step.key for step in steps.steps_for(kind)} == {"respond"}
        assert short["respond"] == str(steps.STEP["respond"].title_in(kind)) == "Answer"
    assert ComplaintFlow.first_step == steps.first_step(Case.Kind.COMPLAINT).key == "assess"
    assert FeedbackFlow.first_step == steps.first_step(Case.Kind.SUGGESTION).key == "respond"
    # Every flow's first step says what the acknowledgement promises.
    assert all(steps.first_step(kind).promise for kind in Case.Kind.values)


@pytest.mark.iso("6.3")
def test_the_priority_snippet_shows_each_steps_deadline_under_its_title():
    group = PriorityViewSet.panels[4]
    assert [(panel.field_name, str(panel.heading)) for panel in group.children] == [
        (step.deadline_field, str(step.title)) for step in steps.STEPS
    ]
    assert PriorityViewSet.list_display[3:] == ["assess_hours", "respond_hours"]


@pytest.mark.django_db
@pytest.mark.iso("4.6")
def test_the_resolution_date_sums_the_steps_of_the_cases_own_flow(category, priority):
    start = timezone.now()
    complaint = Case(kind=Case.Kind.COMPLAINT, team=category.team)
    suggestion = Case(kind=Case.Kind.SUGGESTION, team=category.team)
    calendar = deadlines.calendar_for(complaint)
    hours = priority.assess_hours + priority.investigate_hours + priority.respond_hours
    assert deadlines.resolution_due_at(case=complaint, started=start) == calendar.add(start, hours)
    assert deadlines.resolution_due_at(case=suggestion, started=start) == calendar.add(
        start, priority.respond_hours
    )


def _date(moment, language):
    with translation.override(language):
        return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "it"])
@pytest.mark.parametrize(
    ("kind", "promise", "decision"),
    [
        (Case.Kind.COMPLAINT, "We will assess your feedback by", True),
        (Case.Kind.SUGGESTION, "We will answer your feedback by", False),
        (Case.Kind.COMPLIMENT, "We will answer your feedback by", False),
    ],
)
@pytest.mark.iso("4.6")
@pytest.mark.iso("7.4")
def test_the_acknowledgement_promises_the_first_step_of_the_cases_own_flow(
    category, priority, django_capture_on_commit_callbacks, kind, promise, decision, language
):
    """A complaint is promised its assessment; a suggestion or a compliment its answer
    (they have no assessment), by the date the flow itself gave that step."""
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(category, kind=kind, language=language, email="giulia@example.it")
    case.refresh_from_db()
    first = steps.first_step(kind)
    assert case.status == first.status
    body = next(message.body for message in mail.outbox if message.to == ["giulia@example.it"])
    with translation.override(language):
        expected = str(first.promise) % {"date": _date(case.due_at, language)}
        assessment = str(steps.STEP["assess"].promise).split("%(date)s")[0]
        decision_line = translation.gettext(
            "We aim to give you our decision by %(date)s, and we will write to you at each step."
        ).split("%(date)s")[0]
    assert expected in body
    if language == "en":
        assert promise in body
    else:
        assert promise not in body and "entro il" in expected  # in Italian
    # Only a complaint is told of an assessment, and of a decision after further steps.
    assert (assessment in body) is (kind == Case.Kind.COMPLAINT)
    assert (decision_line in body) is decision


@pytest.mark.django_db
@pytest.mark.iso("4.12")
@pytest.mark.iso("4.15")
def test_each_step_start_is_recorded_with_the_deadline_promised_then(
    run,
    staff,
    category,
    priority,
):
    case = _to_response(run, staff, category, priority, severity="medium")
    starts = selectors.case_step_starts(case=case)
    assert [start.step for start in starts] == ["assess", "investigate", "respond"]
    # Each promise is the deadline the case showed for that step: the current one for the
    # step now open, counted on the priority's hours and the team's calendar.
    assert starts[-1].due_at == case.due_at
    assert (
        starts[0].hours == priority.assess_hours and starts[1].hours == priority.investigate_hours
    )
    for start in starts:
        assert start.priority == priority.code
        assert start.calendar["time_zone"] == category.team.time_zone
        assert start.due_at == deadlines.step_due_at(
            case=case, step=start.step, started=start.started
        )
    # The first step's deadline is the one the case showed once submitted.
    submitted = run.submit(category)
    assert selectors.case_step_starts(case=submitted)[0].due_at == submitted.due_at
    # The history is internal: the complainant's timeline does not list it.
    assert not case.events.filter(kind=CaseEvent.Kind.STEP_STARTED, is_public=True).exists()
    # A later change to the priority changes the deadlines counted from now on, never the
    # ones already promised.
    promised = [(start.step, start.due_at) for start in starts]
    priority.assess_hours += 40
    priority.investigate_hours += 40
    priority.respond_hours += 40
    priority.save()
    case = Case.objects.get(pk=case.pk)
    recomputed = [
        (start.step, deadlines.step_due_at(case=case, step=start.step, started=start.started))
        for start in starts
    ]
    assert recomputed != promised
    assert [(start.step, start.due_at) for start in selectors.case_step_starts(case=case)] == (
        promised
    )


@pytest.mark.django_db
@pytest.mark.iso("7.7")
def test_a_response_sent_back_starts_its_step_again(
    run,
    staff,
    category,
    priority,
):
    case = _to_response(run, staff, category, priority, severity="high")
    assert _respond(run, staff, case, "We apologise.").status_code == 302
    sent_back = run(
        staff["supervisor"], _url(case, "approve"), {"approved": "no", "comments": "More."}
    )
    assert sent_back.status_code == 302
    case.refresh_from_db()
    starts = selectors.case_step_starts(case=case)
    assert [start.step for start in starts] == [
        "assess",
        "investigate",
        "respond",
        "approve",
        "respond",
    ]
    assert starts[-1].due_at == case.due_at and starts[-1].started > starts[2].started


@pytest.mark.django_db
@pytest.mark.iso("4.12")
def test_staff_read_the_staff_labels_and_each_step_start_with_its_deadline(
    client, staff, category, priority
):
    from django.urls import reverse

    from search.backends.base import facet_choices

    case = make_case(category)
    case.status = Case.Status.DECIDED
    case.save(update_fields=["status"])
    client.force_login(staff["manager"])
    page = client.get(reverse("case_detail", args=[case.reference])).content.decode()
    # Staff are not told "your reply": they read their own label of the status.
    assert "Decision sent, waiting for the complainant&#x27;s reply" in page
    assert "waiting for your reply" not in page
    # The internal history names the step that began and the deadline promised for it.
    due = formats.date_format(timezone.localtime(case.due_at), "SHORT_DATETIME_FORMAT")
    assert f"Initial assessment, due by {due}" in page
    assert dict(facet_choices("status"))["decided"] == (
        "Decision sent, waiting for the complainant's reply"
    )
