"""The worker's clock: every WORKER_START_SECONDS it queues the start of the cases the
public form recorded; every WORKER_SWEEP_SECONDS it queues the sweep (timers, lost starts,
delivery retries). The tasks themselves run in the worker; this process only keeps time.

Run one; a second one started by mistake (or on purpose, as a standby) is harmless: the
clocks elect a leader (`workflow.leader`), only the leader queues work, and a standby takes
over within seconds when the leader dies.
"""

import logging
import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from workflow.leader import RETRY_SECONDS, leadership_for
from workflow.tasks import ProcessStarts, sweep_task

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Queue the start of newly recorded cases every WORKER_START_SECONDS and the "
        "periodic sweep (workflow timers, outbox retries) every WORKER_SWEEP_SECONDS. "
        "Of several clocks, only the elected leader queues work."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Queue the starts due and one sweep (if no other clock leads), then exit.",
        )
        parser.add_argument(
            "--retry-seconds",
            type=float,
            default=RETRY_SECONDS,
            help="How often a standby clock tries to take the lead (default %(default)s).",
        )

    def handle(self, *args, once=False, retry_seconds=RETRY_SECONDS, **options):
        leadership = leadership_for(retry_seconds=retry_seconds)
        starts, standing_by = None, False
        next_sweep = 0.0
        try:
            while True:
                if leadership.hold():
                    if starts is None:
                        logger.info("Clock %s leads: it queues starts and sweeps", os.getpid())
                        starts, next_sweep, standing_by = ProcessStarts(), 0.0, False
                    next_sweep = self.tick(starts, next_sweep)
                else:
                    if not standing_by:
                        logger.info("Clock %s stands by: another clock leads", os.getpid())
                    starts, standing_by = None, True
                if once:
                    return
                time.sleep(settings.WORKER_START_SECONDS)
        finally:
            leadership.release()

    def tick(self, starts: ProcessStarts, next_sweep: float) -> float:
        """Queue the starts due and, when its time has come, the sweep; returns when the
        next sweep is due."""
        now = time.monotonic()
        # A database or queue that is down for a while must not stop the clock.
        try:
            starts.tick()
        except Exception:  # logged; the next tick tries again
            logger.exception("Clock: could not queue the starts of recorded cases")
        if now >= next_sweep:
            try:
                sweep_task.enqueue()
                next_sweep = now + settings.WORKER_SWEEP_SECONDS
            except Exception:  # logged; the next tick tries again
                logger.exception("Clock: could not queue the sweep")
        return next_sweep
