"""Escalation never breaks the independence rules (reviewer's findings on the approval and
escalation rules): a supervisor who took over and drafted a response never approves it, and
a supervisor named in a complaint is never handed its steps. Over HTTP and through the
timers, as each role."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse

import pytest
import time_machine

from workflow import deadlines, process, services
from workflow.models import Case, CaseEvent
from workflow.tasks import sweep_task

# Every test here proves ISO 10002 4.7.
pytestmark = pytest.mark.iso("4.7")


def _task(case, name):
    return case.process.task_set.get(
        flow_task=f"workflow/flows.ComplaintFlow.{name}", finished__isnull=True
    )


def _url(case, name, action="execute"):
    return reverse(f"cases:complaint:{name}:{action}", args=[case.process_id, _task(case, name).pk])


def _sweep_at(moment, capture):
    with time_machine.travel(moment), capture(execute=True):
        return sweep_task.call()["timers"]


def _overdue(case, step, capture):
    """Past the reminder, then past the deadline of `step`: the first escalation fires, and
    the mail outbox holds only what it sent."""
    task = _task(case, step)
    started = task.created
    assert _sweep_at(deadlines.reminder_at(case=case, step=step, started=started), capture) == 1
    mail.outbox.clear()
    due = deadlines.step_due_at(case=case, step=step, started=started)
    assert _sweep_at(due + timedelta(minutes=1), capture) == 1
    task.refresh_from_db()
    case.refresh_from_db()
    return task


def _assessed(run, staff, category, priority, named_staff=()):
    """Assessed as critical (its response needs approval), given to the handler."""
    case = run.submit(category, email="amira@example.net")
    assert run(staff["intake"], _url(case, "assess", "assign")).status_code == 302
    data = {
        "category": category.pk,
        "priority": priority.pk,
        "severity": "critical",
        "handler": staff["handler"].pk,
        "named_staff": [user.pk for user in named_staff],
    }
    assert run(staff["intake"], _url(case, "assess"), data).status_code == 302
    case.refresh_from_db()
    return case


def _investigated(run, staff, category, priority, named_staff=()):
    """Assessed, with the handler's findings."""
    case = _assessed(run, staff, category, priority, named_staff=named_staff)
    assert (
        run(staff["handler"], _url(case, "investigate"), {"findings": "Seen."}).status_code == 302
    )
    return case


def _drafted_by_supervisor(run, staff, category, priority, capture):
    """The respond step is overdue: the supervisor takes it over and drafts the response."""
    case = _investigated(run, staff, category, priority)
    task = _overdue(case, "respond", capture)
    assert task.owner == staff["supervisor"]
    assert case.handler == staff["handler"]  # the handler stays the case's handler
    mail.outbox.clear()
    drafted = run(
        staff["supervisor"], _url(case, "respond"), {"decision": "Refund.", "compensation": ""}
    )
    assert drafted.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.APPROVAL
    return case


# --- A supervisor never approves a response they drafted ----------------------------------


@pytest.mark.django_db
def test_a_supervisor_who_drafted_the_response_after_escalation_cannot_approve_it(
    run, staff, category, priority, django_capture_on_commit_callbacks
):
    case = _drafted_by_supervisor(
        run, staff, category, priority, django_capture_on_commit_callbacks
    )
    task = _task(case, "approve")
    # The approval is not handed to the supervisor: it waits for the other approvers.
    assert task.owner is None
    assert [message.to for message in mail.outbox] == [["manager@example.org"]]
    assert services.eligible_for_step(case=case, step="approve") == [staff["manager"]]
    assert run(staff["supervisor"], _url(case, "approve", "assign")).status_code == 403
    # Handed to them by hand, the service still refuses, and nothing is decided.
    task.owner = staff["supervisor"]
    task.status = "ASSIGNED"
    task.save()
    mail.outbox.clear()
    refused = run(staff["supervisor"], _url(case, "approve"), {"approved": "yes"})
    assert refused.status_code == 200
    assert "You drafted this response" in refused.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.APPROVAL and case.decided_at is None
    assert not case.events.filter(kind=CaseEvent.Kind.APPROVED).exists()
    assert mail.outbox == []
    # An independent approver approves it and the complainant hears the decision.
    task.owner = None
    task.status = "NEW"
    task.save()
    assert run(staff["manager"], _url(case, "approve", "assign")).status_code == 302
    assert run(staff["manager"], _url(case, "approve"), {"approved": "yes"}).status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.DECIDED
    assert case.events.get(kind=CaseEvent.Kind.APPROVED).actor == staff["manager"]


@pytest.mark.django_db
def test_an_overdue_approval_is_never_escalated_to_the_supervisor_who_drafted_it(
    run, staff, category, priority, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    case = _drafted_by_supervisor(run, staff, category, priority, capture)
    task = _overdue(case, "approve", capture)
    assert task.owner is None
    reminder = case.events.get(kind=CaseEvent.Kind.REMINDED, data__step="approve")
    assert reminder.data["to"] == ["manager"]
    escalation = case.events.filter(kind=CaseEvent.Kind.ESCALATED).latest("pk")
    assert escalation.data["step"] == "approve" and escalation.data["to"] == ["manager"]
    assert "supervisor@example.org" not in [message.to[0] for message in mail.outbox]


@pytest.mark.django_db
def test_an_approval_left_with_the_supervisor_who_drafted_it_goes_back_to_the_queue(
    run, staff, category, priority, django_capture_on_commit_callbacks
):
    """An approval already in the supervisor's hands (given before this rule, or by hand)
    is not kept by them when it is overdue: it goes back to the other approvers."""
    capture = django_capture_on_commit_callbacks
    case = _drafted_by_supervisor(run, staff, category, priority, capture)
    task = _task(case, "approve")
    task.owner = staff["supervisor"]
    task.status = "ASSIGNED"
    task.save()
    task = _overdue(case, "approve", capture)
    assert task.owner is None and task.status == "NEW"
    escalation = case.events.filter(kind=CaseEvent.Kind.ESCALATED).latest("pk")
    assert escalation.data["to"] == ["manager"]
    assert escalation.data["reassigned"] and escalation.data["taken_from"] == "supervisor"


@pytest.mark.django_db
def test_an_earlier_draft_also_bars_its_author_from_approving_the_revision(
    run, staff, category, priority, django_capture_on_commit_callbacks
):
    """The supervisor drafted, the manager sent it back, the handler revised it: the
    response being approved still carries the supervisor's draft, so they do not approve
    it either."""
    case = _drafted_by_supervisor(
        run, staff, category, priority, django_capture_on_commit_callbacks
    )
    assert run(staff["manager"], _url(case, "approve", "assign")).status_code == 302
    sent_back = run(
        staff["manager"], _url(case, "approve"), {"approved": "no", "comments": "Say why."}
    )
    assert sent_back.status_code == 302
    assert _task(case, "respond").owner == staff["handler"]
    revised = run(
        staff["handler"],
        _url(case, "respond"),
        {"decision": "Refund, because we erred.", "compensation": ""},
    )
    assert revised.status_code == 302
    case.refresh_from_db()
    assert _task(case, "approve").owner is None
    assert services.approval_conflict(case=case, user=staff["supervisor"])
    # The manager only sent it back: they may approve the revision.
    assert services.approval_conflict(case=case, user=staff["manager"]) is None


@pytest.mark.django_db
def test_the_supervisor_still_approves_the_handlers_own_draft(
    run, staff, category, priority, django_capture_on_commit_callbacks
):
    case = _investigated(run, staff, category, priority)
    drafted = run(staff["handler"], _url(case, "respond"), {"decision": "No.", "compensation": ""})
    assert drafted.status_code == 302
    assert _task(case, "approve").owner == staff["supervisor"]
    assert services.approval_conflict(case=case, user=staff["handler"])


# --- A supervisor named in the complaint is never handed its steps ------------------------


def _at_step(step, run, staff, category, priority, capture):
    """A case naming the supervisor, waiting at `step` with the handler."""
    named = [staff["supervisor"]]
    if step == "investigate":
        return _assessed(run, staff, category, priority, named_staff=named)
    case = _investigated(run, staff, category, priority, named_staff=named)
    if step == "close":
        run(staff["handler"], _url(case, "respond"), {"decision": "Refund.", "compensation": ""})
        # The approval waits for the manager (the supervisor is named).
        assert run(staff["manager"], _url(case, "approve", "assign")).status_code == 302
        assert run(staff["manager"], _url(case, "approve"), {"approved": "yes"}).status_code == 302
        with capture(execute=True):
            process.case_reply(case=case, accepted=True, reasons="")
        case.refresh_from_db()
    return case


@pytest.mark.django_db
@pytest.mark.parametrize("step", ["investigate", "respond", "close"])
def test_an_overdue_step_is_not_handed_to_a_supervisor_named_in_the_complaint(
    step, run, staff, category, priority, django_capture_on_commit_callbacks
):
    """The supervisor is named in the complaint: the overdue step stays with the handler,
    the case is flagged (escalation level 1, recorded) and the complaints managers are
    alerted, not the supervisor."""
    capture = django_capture_on_commit_callbacks
    case = _at_step(step, run, staff, category, priority, capture)
    assert _task(case, step).owner == staff["handler"]
    task = _overdue(case, step, capture)
    assert task.owner == staff["handler"]  # never handed to the named supervisor
    assert case.escalation_level == 1
    escalation = case.events.filter(kind=CaseEvent.Kind.ESCALATED).latest("pk")
    assert escalation.data["step"] == step
    assert escalation.data["to"] == ["manager"]
    assert escalation.data["reassigned"] is False and escalation.data["taken_from"] is None
    assert escalation.data["supervisor_named"] is True
    recipients = [message.to[0] for message in mail.outbox]
    assert "supervisor@example.org" not in recipients
    alerted = [message for message in mail.outbox if message.to == ["manager@example.org"]]
    assert len(alerted) == 1
    assert "supervisor is named in this complaint" in alerted[0].body


@pytest.mark.django_db
def test_a_supervisor_not_named_still_takes_the_overdue_step(
    run, staff, category, priority, django_capture_on_commit_callbacks
):
    """The rule only bites when the supervisor is named: naming someone else changes
    nothing."""
    case = _investigated(run, staff, category, priority, named_staff=[staff["outsider"]])
    task = _overdue(case, "respond", django_capture_on_commit_callbacks)
    assert task.owner == staff["supervisor"]
    escalation = case.events.get(kind=CaseEvent.Kind.ESCALATED)
    assert escalation.data["to"] == ["supervisor"] and escalation.data["reassigned"]
    assert escalation.data["supervisor_named"] is False
    alerted = [message for message in mail.outbox if message.to == ["supervisor@example.org"]]
    assert len(alerted) == 1 and "named in this complaint" not in alerted[0].body
