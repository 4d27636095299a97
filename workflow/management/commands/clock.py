"""The worker's clock: every WORKER_START_SECONDS it queues the start of the cases the
public form recorded; every WORKER_SWEEP_SECONDS it queues the sweep (timers, lost starts,
delivery retries). The tasks themselves run in the worker; this process only keeps time.
Run exactly one.
"""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from workflow.tasks import ProcessStarts, sweep_task

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Queue the start of newly recorded cases every WORKER_START_SECONDS and the "
        "periodic sweep (workflow timers, outbox retries) every WORKER_SWEEP_SECONDS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Queue the starts due and one sweep, then exit."
        )

    def handle(self, *args, once=False, **options):
        starts = ProcessStarts()
        next_sweep = 0.0
        while True:
            now = time.monotonic()
            # A database or queue that is down for a while must not stop the clock.
            try:
                starts.tick()
            except Exception:  # noqa: BLE001 - logged; the next tick tries again
                logger.exception("Clock: could not queue the starts of recorded cases")
            if now >= next_sweep:
                try:
                    sweep_task.enqueue()
                    next_sweep = now + settings.WORKER_SWEEP_SECONDS
                except Exception:  # noqa: BLE001 - logged; the next tick tries again
                    logger.exception("Clock: could not queue the sweep")
            if once:
                return
            time.sleep(settings.WORKER_START_SECONDS)
