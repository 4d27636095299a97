"""Monthly snapshots of the KPI facts: for a month already over, the additive counts of its
cases and steps per scope value (team, category, channel, language, priority), so that a
dashboard for a year sums about twelve rows per value instead of a year of facts.

They are derived from the facts (`facts.CaseFacts`, `StepFacts`) and only read while they
are still true: each month has a `SnapshotMonth` whose `version` every change of a fact of
that month raises (`snapshot_months_changed`, called by `services.facts` in the same
transaction as the change), and whose `built` says which version the rows were counted at.
The readers (`selectors.snapshots`) count a month again when the two differ. Nothing here
depends on the moment of reading: what does (a step or a decision still open past its
deadline) is counted from the facts each time.
"""

import datetime
from collections.abc import Iterable

from django.db import models
from django.db.models import F
from django.utils import timezone

from .facts import CaseScope


class SnapshotMonth(models.Model):
    """One month (its first day, in the site's time zone) and whether its rows are true."""

    month = models.DateField(primary_key=True)
    # Raised by every change of a fact of the month; `built`: the version counted.
    version = models.PositiveIntegerField(default=0)
    built = models.PositiveIntegerField(null=True)
    # When a fact of the month last changed: a month still changing is read from the facts
    # rather than counted again on every view (`selectors.snapshots.QUIET`).
    changed_at = models.DateTimeField(null=True)

    class Meta:
        default_permissions = ()


class _Scoped(CaseScope):
    month = models.DateField()

    class Meta:
        abstract = True


class CohortMonth(_Scoped):
    """The cases received in `month` with one scope value (the cohort's counts, as
    `selectors.indicators.kpis_for` counts them), and how many of that scope value were
    closed in `month` (`closed`, whenever they were received)."""

    received = models.IntegerField(default=0)
    acknowledged = models.IntegerField(default=0)
    ack_within_day = models.IntegerField(default=0)
    decided = models.IntegerField(default=0)
    # Decided with a step up to the decision done late (the part of "decided late" that
    # does not depend on the moment).
    decided_late = models.IntegerField(default=0)
    escalated = models.IntegerField(default=0)
    level_2 = models.IntegerField(default=0)
    accepted = models.IntegerField(default=0)
    contested = models.IntegerField(default=0)
    lapsed = models.IntegerField(default=0)
    upheld = models.IntegerField(default=0)
    changed = models.IntegerField(default=0)
    closed_cohort = models.IntegerField(default=0)
    compensation_sum = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    compensated = models.IntegerField(default=0)
    surveys = models.IntegerField(default=0)
    survey_sum = models.IntegerField(default=0)
    reopened_cases = models.IntegerField(default=0)
    ever_closed = models.IntegerField(default=0)
    closed = models.IntegerField(default=0)

    class Meta:
        default_permissions = ()
        indexes = [models.Index(fields=["month"], name="kpi_cohort_month")]


class StepMonth(_Scoped):
    """The steps started in `month` with one scope value: done within their recorded
    deadline, and done after it."""

    step = models.CharField(max_length=20)
    within = models.IntegerField(default=0)
    late = models.IntegerField(default=0)

    class Meta:
        default_permissions = ()
        indexes = [models.Index(fields=["month"], name="kpi_stepmonth_month")]


def _month_over(month: datetime.date) -> bool:
    today = timezone.localdate()
    return month < today.replace(day=1)


def snapshot_months_changed(months: Iterable[datetime.date | None], *, active: bool = True) -> None:
    """The facts of these months change (in the caller's transaction): their snapshots are
    no longer true. A month already over gets its `SnapshotMonth` (an insert that waits
    for a reader counting that month), then every one that exists is raised (an update
    that holds the row until the caller commits, which a reader counting the month waits
    for): the reader either sees the change or its count is stale. In month order, so that
    two writers lock them in the same order. `active`: a change of the months' activity
    (not a rebuild), dated in `changed_at`."""
    months = sorted({month for month in months if month is not None})
    if not months:
        return
    over = [month for month in months if _month_over(month)]
    if over:
        SnapshotMonth.objects.bulk_create(
            [SnapshotMonth(month=month) for month in over], ignore_conflicts=True
        )
    changed = {"changed_at": timezone.now()} if active else {}
    SnapshotMonth.objects.filter(month__in=months).update(version=F("version") + 1, **changed)


def case_months(case_ids: Iterable[int]) -> set[datetime.date]:
    """The months the facts of these cases count in now (received, closed, steps)."""
    from .facts import CaseFacts, StepFacts

    case_ids = list(case_ids)
    months: set = set()
    for received, closed in CaseFacts.objects.filter(case_id__in=case_ids).values_list(
        "received_month", "closed_month"
    ):
        months.update((received, closed))
    months.update(
        StepFacts.objects.filter(case_id__in=case_ids)
        .order_by()
        .values_list("started_month", flat=True)
        .distinct()
    )
    months.discard(None)
    return months


def case_deleting(sender, instance, origin=None, **kwargs):
    """Before a case is deleted (its facts go with it): its months' snapshots are stale."""
    snapshot_months_changed(case_months([instance.pk]))
