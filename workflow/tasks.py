"""Background tasks (Django's tasks API), run by the worker."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def outbox_deliver_task(message_ids: list[int]) -> int:
    """Deliver the messages one transaction wrote (the search ones in one bulk request);
    returns how many were delivered."""
    from .outbox import outbox_deliver_batch

    return outbox_deliver_batch(message_ids=message_ids)


@task()
def sweep_task() -> dict:
    """Fire due workflow timers (deadlines, escalations) and retry due deliveries."""
    from viewflow.workflow.timers import fire_due_timers

    from .outbox import outbox_deliver_batch, outbox_due_ids

    timers = fire_due_timers()
    delivered = outbox_deliver_batch(message_ids=outbox_due_ids())
    if timers or delivered:
        logger.info("Sweep: %s timers fired, %s messages delivered", timers, delivered)
    return {"timers": timers, "delivered": delivered}
