"""Rewrite the KPI facts of every case from the cases and their history (after a bulk
import, a restore, or a change of the rules in `improvement.services.facts`)."""

import time

from django.core.management.base import BaseCommand

from improvement.services.facts import facts_rebuild


class Command(BaseCommand):
    help = "Rewrite the KPI facts (improvement.models.CaseFacts, StepFacts) of every case."

    def handle(self, *args, **options):
        started = time.monotonic()
        count = facts_rebuild()
        self.stdout.write(
            f"KPI facts of {count} cases rewritten in {time.monotonic() - started:.1f} s"
        )
