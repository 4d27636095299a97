"""The whole months of a period that are over, read from their monthly snapshots
(`improvement.models.CohortMonth`, `StepMonth`: the additive counts per scope value), and
the rest of the period (the partial months at its edges, the current month) from the facts.

A month's snapshot is counted when a period first needs it and again whenever a fact of
that month changed since (`models.snapshot_months_changed` raises its version in the same
transaction as the change): the figures stay exactly what the facts say. What depends on
the moment of reading (a decision or a step still open past its deadline) is never kept:
the readers count it from the facts of the open cases each time.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from workflow.models import Case

from ..models import SCOPE_FIELDS, CaseFacts, CohortMonth, SnapshotMonth, StepFacts, StepMonth
from .scope import period_bounds

# How long a month's facts must have stayed unchanged before its snapshot is counted again
# (counting a month takes about 0.3 s at 100,000 cases a year; reading it from the facts,
# a few hundredths).
QUIET = datetime.timedelta(minutes=10)


def _next_month(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1)


# The counts of a cohort (cases received in a span), as `CohortMonth` keeps them; their
# sum over months is the span's (every one is additive).
def cohort_counts() -> dict:
    closed = Q(closed_at__isnull=False)
    return {
        "received": Count("pk"),
        "acknowledged": Count("ack_hours"),
        "ack_within_day": Count("pk", filter=Q(ack_hours__isnull=False, ack_within_day=True)),
        "decided": Count("decide_hours"),
        "decided_late": Count("pk", filter=Q(decide_hours__isnull=False, resolution_late=True)),
        "escalated": Count("pk", filter=Q(escalation_level__gte=1)),
        "level_2": Count("pk", filter=Q(escalation_level__gte=2)),
        "accepted": Count("pk", filter=Q(reply=Case.Reply.ACCEPTED)),
        "contested": Count("pk", filter=Q(reply=Case.Reply.CONTESTED)),
        "lapsed": Count("pk", filter=Q(reply=Case.Reply.LAPSED)),
        "upheld": Count("pk", filter=Q(review_result=Case.ReviewResult.UPHELD)),
        "changed": Count("pk", filter=Q(review_result=Case.ReviewResult.CHANGED)),
        "closed_cohort": Count("pk", filter=closed),
        "compensation_sum": Sum("compensation", filter=closed & Q(compensation__gt=0)),
        "compensated": Count("pk", filter=closed & Q(compensation__gt=0)),
        "surveys": Count("survey_overall", filter=closed),
        "survey_sum": Sum("survey_overall", filter=closed),
        "reopened_cases": Count("pk", filter=Q(reopened__gt=0)),
        "ever_closed": Count("pk", filter=closed | Q(reopened__gt=0)),
    }


COHORT_FIELDS = (*cohort_counts(), "closed")


def step_counts_kept() -> dict:
    return {
        "within": Count("pk", filter=Q(result=StepFacts.Result.WITHIN)),
        "late": Count("pk", filter=Q(result=StepFacts.Result.LATE)),
    }


def _build(month: datetime.date) -> None:
    """Count `month` again from the facts, unless its snapshot is already true (another
    reader counted it): under the lock of its `SnapshotMonth`, which a writer of its facts
    waits for (or holds until it commits, so that this count sees its change)."""
    SnapshotMonth.objects.get_or_create(month=month)
    start, end = period_bounds(month, _next_month(month) - datetime.timedelta(days=1))
    with transaction.atomic():
        marker = SnapshotMonth.objects.select_for_update().get(month=month)
        if marker.built == marker.version:
            return
        rows: dict[tuple, dict] = {}
        facts = CaseFacts.objects.order_by()
        received = (
            facts.filter(received_at__gte=start, received_at__lt=end)
            .values(*SCOPE_FIELDS)
            .annotate(**cohort_counts())
        )
        for row in received:
            key = tuple(row.pop(name) for name in SCOPE_FIELDS)
            row["compensation_sum"] = row["compensation_sum"] or 0
            row["survey_sum"] = row["survey_sum"] or 0
            rows[key] = row
        closed = (
            facts.filter(closed_at__gte=start, closed_at__lt=end)
            .values(*SCOPE_FIELDS)
            .annotate(n=Count("pk"))
        )
        for row in closed:
            key = tuple(row[name] for name in SCOPE_FIELDS)
            rows.setdefault(key, {})["closed"] = row["n"]
        steps = (
            StepFacts.objects.filter(started_at__gte=start, started_at__lt=end)
            .order_by()
            .values("step", *SCOPE_FIELDS)
            .annotate(**step_counts_kept())
        )
        step_rows = [
            StepMonth(
                month=month,
                **{name: row[name] for name in ("step", *SCOPE_FIELDS)},
                within=row["within"],
                late=row["late"],
            )
            for row in steps
        ]
        CohortMonth.objects.filter(month=month).delete()
        StepMonth.objects.filter(month=month).delete()
        CohortMonth.objects.bulk_create(
            [
                CohortMonth(month=month, **dict(zip(SCOPE_FIELDS, key, strict=True)), **counts)
                for key, counts in rows.items()
            ],
            batch_size=1000,
        )
        StepMonth.objects.bulk_create(step_rows, batch_size=1000)
        marker.built = marker.version
        marker.save(update_fields=["built"])


@dataclass(frozen=True)
class Split:
    """A period cut into the whole months read from snapshots (`months`, consecutive:
    from `kept[0]` until `kept[1]`) and the rest (`live_ranges`) read from the facts."""

    bounds: tuple[datetime.datetime, datetime.datetime]
    months: tuple[datetime.date, ...] = ()
    kept: tuple[datetime.datetime, datetime.datetime] | None = None

    @property
    def live_ranges(self) -> list[tuple[datetime.datetime, datetime.datetime]]:
        start, end = self.bounds
        if self.kept is None:
            return [(start, end)]
        return [(a, b) for a, b in ((start, self.kept[0]), (self.kept[1], end)) if a < b]

    def live(self, field: str) -> Q | None:
        """Rows whose `field` falls in the period outside the kept months (None: none)."""
        rule = None
        for a, b in self.live_ranges:
            part = Q(**{f"{field}__gte": a, f"{field}__lt": b})
            rule = part if rule is None else rule | part
        return rule

    def in_kept(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.kept[0], f"{field}__lt": self.kept[1]})


def period_split(period_start: datetime.date, period_end: datetime.date) -> Split:
    """The period's whole months that ended at least a day ago (so that no write still
    running counts them as the current month), from the first on, with their snapshots
    counted where they are missing or stale, up to a month that changed in the last
    minutes (`QUIET`); the rest is read from the facts."""
    bounds = period_bounds(period_start, period_end)
    if timezone.get_current_timezone_name() != settings.TIME_ZONE:
        return Split(bounds)  # the months are kept in the site's time zone
    settled = timezone.localdate() - datetime.timedelta(days=1)
    months, month = [], period_start.replace(day=1)
    if month < period_start:
        month = _next_month(month)
    while _next_month(month) - datetime.timedelta(days=1) <= period_end and (
        _next_month(month) <= settled
    ):
        months.append(month)
        month = _next_month(month)
    if not months:
        return Split(bounds)
    markers = {marker.month: marker for marker in SnapshotMonth.objects.filter(month__in=months)}
    now = timezone.now()
    kept = []
    for month in months:
        marker = markers.get(month)
        if marker is None or marker.built != marker.version:
            # A month whose facts changed in the last minutes is likely to change again:
            # read from the facts (with the months after it) until it is quiet.
            if marker is not None and marker.changed_at and abs(now - marker.changed_at) < QUIET:
                break
            _build(month)
        kept.append(month)
    months = kept
    if not months:
        return Split(bounds)
    kept = period_bounds(months[0], _next_month(months[-1]) - datetime.timedelta(days=1))
    return Split(bounds, tuple(months), (kept[0], kept[1]))
