"""Background tasks (Django's tasks API), run by the worker, and what the clock queues.

The outbox's delivery task lives beside the outbox (`outbox.outbox_deliver_task`), which
queues it; it is named here too, so a task queued under this path before it moved still
runs."""

import logging
import time
from datetime import timedelta

from django_tasks import task

from .outbox import (
    outbox_claims_release,
    outbox_deliver_batch,
    outbox_deliver_task,  # noqa: F401 - the task path of tasks queued before it moved
    outbox_due_ids,
)
from .process import case_process_start
from .services import PROCESS_START_STALE, cases_unstarted_ids
from .timers import periodic_run_all, timers_fire_due
from .workers import tasks_stopped_release

logger = logging.getLogger(__name__)


@task()
def case_process_start_task(case_id: int) -> bool:
    """Start the process of a case the public form recorded (acknowledgement, first step,
    its timers); nothing happens if it has started already."""
    return case_process_start(case_id=case_id)


@task()
def sweep_task() -> dict:
    """Release the work of stopped workers (their tasks, their delivery claims) and claims
    past their lease, fire due workflow timers (deadlines, escalations), run the periodic
    jobs other apps registered (`timers.periodic_register`), start the
    processes of recorded cases whose start was lost, and retry due deliveries."""
    try:
        tasks_released = tasks_stopped_release()
    except Exception:  # another backend's tables, a moment's lock: next sweep
        logger.exception("Sweep: could not release the tasks of stopped workers")
        tasks_released = 0
    claims_released = outbox_claims_release()
    timers = timers_fire_due()
    # The periodic jobs other apps registered (corrective-action deadlines, say).
    periodic = periodic_run_all()
    started = 0
    for case_id in cases_unstarted_ids():
        try:
            started += case_process_start(case_id=case_id)
        except Exception:  # one case that fails must not stop the sweep
            logger.exception("Sweep: could not start the process of case %s", case_id)
    delivered = outbox_deliver_batch(message_ids=outbox_due_ids())
    if timers or started or delivered or tasks_released or claims_released:
        logger.info(
            "Sweep: %s timers fired, %s processes started, %s messages delivered, "
            "%s tasks and %s deliveries of stopped workers released",
            timers,
            started,
            delivered,
            tasks_released,
            claims_released,
        )
    return {
        "timers": timers,
        "started": started,
        "delivered": delivered,
        "tasks_released": tasks_released,
        "claims_released": claims_released,
        "periodic": periodic,
    }


class ProcessStarts:
    """The clock's part in starting the cases the public form records: on every tick it
    queues the start of each recorded case whose process has not started, once; again if
    it has still not started PROCESS_START_STALE later (the task was lost)."""

    def __init__(self):
        self.queued: dict[int, float] = {}  # case id -> when its start was queued

    def tick(self, now: float | None = None) -> int:
        """Queue the starts due `now` (the monotonic clock's); returns how many."""
        now = time.monotonic() if now is None else now
        waiting = cases_unstarted_ids(stale=timedelta(0))
        # Forget the cases started meanwhile.
        still = set(waiting)
        self.queued = {pk: at for pk, at in self.queued.items() if pk in still}
        queued = 0
        for case_id in waiting:
            at = self.queued.get(case_id)
            if at is None or now - at > PROCESS_START_STALE.total_seconds():
                case_process_start_task.enqueue(case_id)
                self.queued[case_id] = now
                queued += 1
        return queued
