"""Every human step of both flows, through its reminder and both escalation levels, with
moved time and the worker's sweep."""

from datetime import timedelta

from django.core import mail

import pytest
import time_machine

from workflow import deadlines, roles
from workflow.models import CaseEvent, HandlingSettings
from workflow.scenarios import CaseDriver
from workflow.tasks import sweep_task

from ..conftest import make_case
from ..factories import UserFactory


def _open_task(case, step):
    return case.process.task_set.get(flow_task_type="HUMAN", finished__isnull=True)


def _to_step(step, staff, category, reviewer):
    case = make_case(category, kind="suggestion" if step == "answer" else "complaint")
    driver = CaseDriver(
        case,
        intake=staff["intake"],
        handler=staff["handler"],
        supervisor=staff["supervisor"],
        reviewer=reviewer,
    )
    order = ["assess", "investigate", "respond", "approve", "review", "close"]
    if step != "answer":
        for done in order[: order.index(step)]:
            if done == "assess":
                driver.assess(severity="high")
            elif done == "investigate":
                driver.investigate("Found.")
            elif done == "respond":
                driver.respond("Refund.")
            elif done == "approve":
                driver.approve()
                driver.reply(accepted=False, reasons="No.")
            elif done == "review":
                driver.review("upheld", "Right.")
    return driver.case


@pytest.mark.django_db
@pytest.mark.parametrize(
    "step", ["assess", "investigate", "respond", "approve", "review", "close", "answer"]
)
@pytest.mark.iso("4.15")
def test_reminder_then_two_escalation_levels(
    step, staff, category, priority, django_capture_on_commit_callbacks
):
    reviewer = UserFactory(username="reviewer", role=roles.REVIEWER)
    with django_capture_on_commit_callbacks(execute=True):
        case = _to_step(step, staff, category, reviewer)
    task = _open_task(case, step)
    name = "respond" if step == "answer" else step
    assert task.flow_task.name == name
    started = task.created
    remind = deadlines.reminder_at(case=case, step=name, started=started)
    due = deadlines.step_due_at(case=case, step=name, started=started)
    second = deadlines.second_level_due_at(case=case, step=name, started=started)
    assert started < remind < due < second
    assert case.due_at == due
    owner_before = task.owner
    mail.outbox.clear()

    def sweep_at(moment):
        with time_machine.travel(moment), django_capture_on_commit_callbacks(execute=True):
            return sweep_task.call()["timers"]

    assert sweep_at(remind - timedelta(minutes=1)) == 0
    assert sweep_at(remind + timedelta(minutes=1)) == 1
    reminder = case.events.get(kind=CaseEvent.Kind.REMINDED)
    if step == "review":
        # Nobody has taken the review: the eligible reviewers are reminded (the complaints
        # manager holds the permission and took no part), never the team's supervisor.
        expected = [staff["manager"], reviewer]
    else:
        expected = [owner_before or staff["supervisor"]]
    assert reminder.data["to"] == [user.get_username() for user in expected]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        user.email for user in expected
    )

    assert sweep_at(due + timedelta(minutes=1)) == 1
    case.refresh_from_db()
    assert case.escalation_level == 1
    first = case.events.get(kind=CaseEvent.Kind.ESCALATED)
    if step == "review":
        assert first.data["level"] == 1 and first.data["to"] == ["manager", "reviewer"]
    else:
        assert first.data["level"] == 1 and first.data["to"] == ["supervisor"]
    task.refresh_from_db()
    if step == "approve":
        # The supervisor had the approval already; it stays theirs.
        assert task.owner == staff["supervisor"]
    elif step == "review":
        # The supervisor is not a reviewer (and approved the response): the review stays in
        # the queue of the eligible reviewers.
        assert task.owner is None and not first.data["reassigned"]
    else:
        assert task.owner == staff["supervisor"] and first.data["reassigned"]

    assert sweep_at(second + timedelta(minutes=1)) == 1
    case.refresh_from_db()
    assert case.escalation_level == 2
    assert mail.outbox[-1].to == ["manager@example.org"]
    assert sweep_at(second + timedelta(days=30)) == 0  # nothing fires twice


@pytest.mark.django_db
@pytest.mark.iso("4.7")
@pytest.mark.iso("4.15")
def test_escalation_never_hands_a_review_to_someone_involved(
    staff, category, priority, django_capture_on_commit_callbacks
):
    """The supervisor approved the response, so the overdue review is flagged, not given to
    them."""
    reviewer = UserFactory(username="reviewer", role=roles.REVIEWER)
    case = _to_step("review", staff, category, reviewer)
    task = _open_task(case, "review")
    due = deadlines.step_due_at(case=case, step="review", started=task.created)
    with (
        time_machine.travel(due + timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        sweep_task.call()
    task.refresh_from_db()
    assert task.owner is None
    escalation = case.events.get(kind=CaseEvent.Kind.ESCALATED)
    assert escalation.data["reassigned"] is False


@pytest.mark.django_db
@pytest.mark.iso("4.15")
def test_escalation_can_flag_only(staff, category, priority, django_capture_on_commit_callbacks):
    settings = HandlingSettings.load()
    settings.escalation_reassigns = False
    settings.save()
    case = make_case(category)
    task = _open_task(case, "assess")
    with (
        time_machine.travel(case.due_at + timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        sweep_task.call()
    case.refresh_from_db()
    task.refresh_from_db()
    assert case.escalation_level == 1 and task.owner is None
