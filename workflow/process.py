"""The process module: the only code outside the flows that starts or advances a flow.

The flows (`flows.py`, with the forms of their human steps in `task_views.py`) define the
process and call the services from their nodes; everything else that needs a flow started
or moved on calls this module: the public form and the staff intake (record, then start),
the worker (start a recorded case), the complainant's reply on the tracking page (advance
the waiting step). Services never import the flows, so the arrows point one way:
views → process → flows → task views → services (see .importlinter).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from viewflow.fsm import TransitionNotAllowed
from viewflow.workflow.status import STATUS

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
