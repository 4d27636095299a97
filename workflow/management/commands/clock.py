"""The worker's clock: every WORKER_SWEEP_SECONDS, enqueue a sweep (timers and retries).

The sweep itself runs in the task worker; this process only keeps time.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from workflow.tasks import sweep_task


class Command(BaseCommand):
    help = "Enqueue the periodic sweep (workflow timers, outbox retries) on a fixed interval."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue one sweep and exit.")

    def handle(self, *args, once=False, **options):
        interval = settings.WORKER_SWEEP_SECONDS
        while True:
            sweep_task.enqueue()
            if once:
                return
            time.sleep(interval)
