import time
import uuid
from datetime import timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest
import time_machine

from workflow import process, services
from workflow.models import Case, CaseEvent, OutboxMessage
from workflow.selectors import case_public_status_get, cases_visible_to
from workflow.tasks import ProcessStarts, sweep_task


def _submit(category, **overrides):
    fields = {
        "kind": "complaint",
        "category": category,
        "description": "The lift at the station has been broken for a month.",
        "language": "it",
        "consent": True,
        "email": "giulia@example.it",
    }
    fields.update(overrides)
    return process.complaint_submit(**fields)


@pytest.mark.django_db
@pytest.mark.iso("4.12")
@pytest.mark.iso("7.2")
def test_submit_records_case_complainant_history_and_outbox(category, priority):
    submission = _submit(category, phone="+39 333 123 4567")
    case = submission.case
    assert case.team == category.team and case.status == Case.Status.ASSESSMENT
    assert case.complainant.email == "giulia@example.it"
    assert case.process is not None
    assert list(case.events.values_list("kind", flat=True)) == [
        CaseEvent.Kind.RECEIVED,
        CaseEvent.Kind.ACKNOWLEDGED,
        CaseEvent.Kind.NOTIFIED,
        CaseEvent.Kind.STEP_STARTED,
    ]
    channels = sorted(case.outbox.values_list("channel", flat=True))
    assert channels == ["email", "search", "sms"]
    assert case_public_status_get(reference=case.reference, second_factor=submission.access_code)


@pytest.mark.django_db
@pytest.mark.iso("4.9")
def test_the_same_submission_key_makes_one_case(category, priority):
    key = uuid.uuid4()
    first = _submit(category, submission_key=key)
    second = _submit(category, submission_key=key)
    assert first.case.pk == second.case.pk
    assert first.access_code == second.access_code
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_a_deferred_start_records_first_and_the_clock_has_the_worker_start_the_process(
    category, priority, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(category, defer_start=True)
    case = Case.objects.get(pk=submission.case.pk)
    # Recorded, with what the confirmation promises; nothing of the process yet, and
    # nothing queued: the case row is the queue.
    assert case.process_id is None and case.status == Case.Status.RECEIVED
    assert submission.access_code and case.complainant.email == "giulia@example.it"
    promised = case.due_at
    assert promised is not None and promised > case.received_at
    assert list(case.events.values_list("kind", flat=True)) == [CaseEvent.Kind.RECEIVED]
    assert not case.outbox.exists() and not mail.outbox

    # The clock's next tick queues the start; the worker runs it (the test backend at once).
    with django_capture_on_commit_callbacks(execute=True):
        assert ProcessStarts().tick() == 1
    case.refresh_from_db()
    assert case.process is not None and case.status == Case.Status.ASSESSMENT
    assert case.acknowledged_at is not None
    # The first step counts from receipt: the promised date holds.
    assert case.due_at == promised
    assert mail.outbox[-1].to == ["giulia@example.it"]
    assert case.reference in mail.outbox[-1].subject

    # Starting again (a repeated task, the sweep) changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert process.case_process_start(case_id=case.pk) is False
        assert ProcessStarts().tick() == 0
    assert len(mail.outbox) == 1
    assert case.events.filter(kind=CaseEvent.Kind.ACKNOWLEDGED).count() == 1
    assert case.process.task_set.filter(flow_task_type="HUMAN").count() == 1


@pytest.mark.django_db
def test_the_clock_queues_each_start_once_and_again_when_it_was_lost(
    category, priority, monkeypatch
):
    queued = []

    class Queue:  # the task's queue, as far as the clock sees it: nothing runs
        enqueue = staticmethod(queued.append)

    monkeypatch.setattr("workflow.tasks.case_process_start_task", Queue)
    case = _submit(category, defer_start=True).case
    starts = ProcessStarts()
    assert starts.tick() == 1 and starts.tick() == 0
    assert queued == [case.pk]
    # The worker never ran it: queued again once it is overdue.
    later = time.monotonic() + services.PROCESS_START_STALE.total_seconds() + 1
    assert starts.tick(now=later) == 1
    assert queued == [case.pk, case.pk]


@pytest.mark.django_db
def test_the_sweep_starts_a_recorded_case_whose_start_was_lost(
    category, priority, django_capture_on_commit_callbacks
):
    # The start the clock queued is lost (the worker's queue was down).
    case = _submit(category, kind="suggestion", defer_start=True).case
    assert case.process_id is None

    def sweep_at(moment):
        with time_machine.travel(moment), django_capture_on_commit_callbacks(execute=True):
            return sweep_task.call()["started"]

    # Not before it could be late (the task may still be on its way).
    assert sweep_at(timezone.now() + timedelta(seconds=30)) == 0
    assert sweep_at(timezone.now() + services.PROCESS_START_STALE + timedelta(seconds=1)) == 1
    case.refresh_from_db()
    assert case.process is not None and case.status == Case.Status.RESPONSE
    assert case.events.filter(kind=CaseEvent.Kind.ACKNOWLEDGED).count() == 1
    assert [message.to for message in mail.outbox] == [["giulia@example.it"]]
    # Started once: later sweeps leave it alone.
    assert sweep_at(timezone.now() + timedelta(minutes=10)) == 0
    assert case.events.filter(kind=CaseEvent.Kind.ACKNOWLEDGED).count() == 1


@pytest.mark.django_db
def test_the_sweep_leaves_merged_and_started_cases_alone(
    staff, category, priority, django_capture_on_commit_callbacks
):
    started = _submit(category).case
    with django_capture_on_commit_callbacks(execute=False):
        duplicate = _submit(category, defer_start=True).case
    process.case_merge(duplicate=duplicate, into=started, actor=staff["manager"])
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert services.cases_unstarted_ids() == []
        assert process.case_process_start(case_id=started.pk) is False
        assert process.case_process_start(case_id=duplicate.pk) is False
    assert Case.objects.get(pk=started.pk).process_id == started.process_id
    assert Case.objects.get(pk=duplicate.pk).process_id is None


@pytest.mark.django_db
@pytest.mark.iso("4.9")
@pytest.mark.iso("7.2")
def test_consent_and_description_are_required(category, priority):
    with pytest.raises(ValidationError):
        _submit(category, consent=False)
    with pytest.raises(ValidationError):
        _submit(category, description="   ")
    assert Case.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.iso("4.9")
def test_case_history_is_append_only(category, priority):
    event = _submit(category).case.events.first()
    event.note = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()


@pytest.mark.django_db
@pytest.mark.iso("4.10")
@pytest.mark.iso("7.3")
def test_public_status_needs_the_second_factor(category, priority):
    case = _submit(category, phone="+39 333 123 4567").case
    assert case_public_status_get(reference=case.reference, second_factor="GIULIA@example.it ")
    assert case_public_status_get(reference=case.reference, second_factor="0039 333 1234567")
    assert case_public_status_get(reference=case.reference, second_factor="") is None
    assert case_public_status_get(reference=case.reference, second_factor="4567") is None
    assert case_public_status_get(reference=case.reference, second_factor="x@example.it") is None
    assert case_public_status_get(reference="nonsense", second_factor="giulia@example.it") is None


@pytest.mark.django_db
@pytest.mark.iso("4.10")
@pytest.mark.iso("5.4")
def test_visibility_follows_roles_and_teams(staff, category, priority):
    case = _submit(category).case
    assert list(cases_visible_to(staff["manager"])) == [case]
    assert list(cases_visible_to(staff["auditor"])) == [case]
    # Intake officers see the cases waiting for assessment...
    assert list(cases_visible_to(staff["intake"])) == [case]
    # ...team members see their team's cases; other teams see nothing.
    assert list(cases_visible_to(staff["handler"])) == [case]
    assert list(cases_visible_to(staff["outsider"])) == []
    case.status = Case.Status.INVESTIGATION
    case.save()
    assert list(cases_visible_to(staff["intake"])) == []


@pytest.mark.django_db
@pytest.mark.iso("5.4")
def test_roles_sync_is_exact_for_case_roles_and_keeps_wagtail_editor_permissions():
    from django.contrib.auth.models import Group, Permission

    from workflow import roles

    roles.roles_sync()
    handlers = Group.objects.get(name=roles.HANDLER)
    handlers.permissions.add(Permission.objects.get(codename="view_all_cases"))
    editors = Group.objects.get(name=roles.EDITOR)
    wagtail_perms = set(editors.permissions.values_list("codename", flat=True))
    assert "add_image" in wagtail_perms  # given by Wagtail's own migrations
    roles.roles_sync()
    assert not handlers.permissions.filter(codename="view_all_cases").exists()
    assert set(editors.permissions.values_list("codename", flat=True)) == wagtail_perms
