"""The process module: the only code outside the flows that starts or advances a flow.

The flows (`flows.py`, with the forms of their human steps in `task_views.py`) define the
process and call the services from their nodes; everything else that needs a flow started
or moved on calls this module: the public form and the staff intake (record, then start),
the worker (start a recorded case), the complainant's reply on the tracking page (advance
the waiting step), a merge (stop the duplicate's process) and its undoing (take it up
again), and the demo's scenarios (complete a step as a named person). (The clock fires the
flows' own timer nodes through Viewflow's activations, `timers.py`: the engine's scheduler.)
Services never import the flows, so the arrows point one way: views → process → flows →
task views → services (see .importlinter).
"""

from contextlib import ExitStack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from viewflow.fsm import TransitionNotAllowed
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS

from . import services
from .flows import ComplaintFlow, flow_for
from .models import Case


def complaint_submit(*, kind: str, defer_start: bool = False, **fields) -> services.Submission:
    """Record feedback (`services.complaint_record`, same arguments) and start its process
    in the same transaction: acknowledgement, first step and its timers.

    With `defer_start` (the public form) only the case is recorded, in one short
    transaction; the clock queues the start of its process and the worker runs it
    (`case_process_start`)."""
    first_step = flow_for(kind).first_step
    if defer_start:
        return services.complaint_record(kind=kind, first_step=first_step, **fields)
    with transaction.atomic():
        submission = services.complaint_record(kind=kind, first_step=first_step, **fields)
        case_process_start(case_id=submission.case.pk)
    submission.case.refresh_from_db()
    return submission


def case_process_start(*, case_id: int) -> bool:
    """Start the process of a recorded case: acknowledgement, first step and its timers.
    Idempotent: the task the clock queued and the sweep may both try; only one starts it.
    True when this call started it."""
    with transaction.atomic():
        case = (
            Case.objects.select_for_update()
            .filter(pk=case_id, process__isnull=True, merged_into__isnull=True)
            .exclude(status=Case.Status.CLOSED)
            .first()
        )
        if case is None:
            return False
        flow_for(case.kind).start.run(case=case)
    return True


def case_reply(*, case: Case, accepted: bool, reasons: str = "") -> Case:
    """The complainant accepts the decision or contests it with reasons (then an
    independent reviewer looks at it again): the flow's waiting step moves on."""
    reasons = reasons.strip()
    if not accepted and not reasons:
        raise ValidationError(_("Tell us why you do not accept the decision."))
    task = (
        case.process.task_set.filter(flow_task=ComplaintFlow.await_reply, status=STATUS.NEW).first()
        if case.process_id
        else None
    )
    no_longer = ValidationError(_("This decision can no longer be accepted or contested."))
    if task is None or case.reply:
        raise no_longer
    try:
        ComplaintFlow.await_reply.run(task, accepted=accepted, reasons=reasons)
    except TransitionNotAllowed:
        # The same answer sent twice at once: the other request recorded it.
        raise no_longer from None
    case.refresh_from_db()
    return case


def _flow_lock(process_id: int):
    """The flow's own lock on a process (`Flow.lock`: `SELECT ... FOR UPDATE` on its row),
    held until the surrounding transaction ends."""
    return Process.objects.get(pk=process_id).flow_class.lock(process_id)


def case_merge(*, duplicate: Case, into: Case, actor, move_files: bool = False) -> Case:
    """Close `duplicate` as a duplicate of `into`: its process stops, both histories say so,
    and the duplicate's complainant is told (`services.case_merge_record`)."""
    refusal = services.merge_refusal(duplicate=duplicate, into=into, user=actor)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic(), ExitStack() as locks:
        # The duplicate's process first, under the flow's own lock (as its actions take it,
        # before they touch the case): no task of it completes while the merge stops it.
        process_id = (
            Case.objects.filter(pk=duplicate.pk).values_list("process_id", flat=True).first()
        )
        if process_id:
            locks.enter_context(_flow_lock(process_id))
        # Checked again under the row locks: nothing moved on since the form was shown.
        locked = {
            case.pk: case
            for case in Case.objects.select_for_update().filter(pk__in=[duplicate.pk, into.pk])
        }
        refusal = services.merge_refusal(
            duplicate=locked[duplicate.pk], into=locked[into.pk], user=actor
        )
        if refusal:
            raise ValidationError(refusal)
        # From here on the locked rows, not the caller's (the clock may have started the
        # duplicate's process since they were loaded).
        duplicate, into = locked[duplicate.pk], locked[into.pk]
        if duplicate.process_id and duplicate.process_id != process_id:
            # Started just now: its start has committed, and none begins under the case lock.
            locks.enter_context(_flow_lock(duplicate.process_id))
        status_before = duplicate.status
        stopped = _process_stop(duplicate.process) if duplicate.process_id else []
        return services.case_merge_record(
            duplicate=duplicate,
            into=into,
            actor=actor,
            move_files=move_files,
            status_before=status_before,
            stopped=stopped,
        )


def _process_stop(process: Process) -> list[int]:
    """Cancel the process and its open tasks; returns the human tasks stopped."""
    stopped = []
    for task in process.task_set.exclude(status__in=[STATUS.DONE, STATUS.CANCELED]):
        task.status = STATUS.CANCELED
        task.finished = timezone.now()
        task.save(update_fields=["status", "finished"])
        if task.flow_task_type == "HUMAN":
            stopped.append(task.pk)
    process.status = STATUS.CANCELED
    process.finished = timezone.now()
    process.save(update_fields=["status", "finished"])
    return stopped


def case_unmerge(*, duplicate: Case, actor) -> Case:
    """Undo the merge of `duplicate` (a complaints manager's decision): the case is open
    again, its process takes up the step it was stopped at (or starts, if it had not), the
    files that moved go back, both histories say so, and its complainant is told that their
    case is handled on its own again."""
    with transaction.atomic():
        case, into, stopped_ids, files_returned = services.case_unmerge_record(
            duplicate=duplicate, actor=actor
        )
        restored = _process_restore(case=case, task_ids=stopped_ids) if case.process_id else []
        case.refresh_from_db()
        services.case_unmerge_notify(
            case=case, into=into, restored=restored, files_returned=files_returned
        )
    return case


def _process_restore(*, case: Case, task_ids: list[int]) -> list:
    """Take the stopped process of `case` up again at the steps the merge stopped: each
    gets a new task (with its owner, deadline and timers, as when the step first began).
    Returns (stopped task, new task) pairs."""
    process = case.process
    flow_class = process.flow_class
    stopped = list(
        Task.objects.filter(process=process, pk__in=task_ids, flow_task_type="HUMAN").order_by("pk")
    )
    if not stopped:
        raise ValidationError(
            _("The process of this case cannot be taken up again: no stopped step is recorded.")
        )
    restored = []
    with flow_class.lock(process.pk):
        process.status = PROCESS.NEW
        process.finished = None
        process.save(update_fields=["status", "finished"])
        for task in stopped:
            node = task.flow_task
            previous = node.activation_class(task)
            # Viewflow's own way of creating a node's task (owner, timers, `onCreate`).
            activation = node._create(previous, task.token)
            if activation.activate.can_proceed():
                activation.activate()
            restored.append((task, activation.task))
    return restored


def task_complete(*, case: Case, step: str, user, perform) -> Case:
    """Complete the open task of `step` of the case's process as `user`, as the staff task
    form does: under the flow's lock, take the task, `perform(case)` (the step's service),
    then let the flow move on. The demo's scenarios and tests drive cases with it."""
    process = case.process
    flow_class = process.flow_class
    task = process.task_set.get(flow_task=getattr(flow_class, step), finished__isnull=True)
    with flow_class.lock(task.process_id):
        task.refresh_from_db()
        activation = task.flow_task.activation_class(task)
        if task.status == STATUS.NEW:
            activation.assign(user)
        activation.start(None)
        perform(Case.objects.get(pk=case.pk))
        activation.execute()
    return Case.objects.get(pk=case.pk)
