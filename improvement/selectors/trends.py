"""Trends by month, breakdowns, and the oldest and overdue open cases."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, QuerySet, Sum
from django.utils import timezone

from workflow.models import Case, Category, Priority, Team

from ..models import CohortMonth, facts_missing_fill
from .deadlines import LATE, WITHIN, step_counts
from .scope import (
    OPEN_STATUSES,
    Scope,
    period_bounds,
    rate,
    received_params,
    scope_for,
    scoped_cases,
    scoped_facts,
)
from .snapshots import cohort_counts, period_split


@dataclass(frozen=True)
class Month:
    month: datetime.date  # its first day
    received: int
    closed: int
    steps_within: int
    steps_measured: int
    search: tuple[tuple[str, str], ...]

    @property
    def within_rate(self) -> float | None:
        return rate(self.steps_within, self.steps_measured)


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _month_key(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def monthly_trends(
    period_start: datetime.date,
    period_end: datetime.date,
    scope_filters: Scope | None = None,
    user=None,
    *,
    now: datetime.datetime | None = None,
    report=None,
) -> list[Month]:
    """Per month of the period: cases received, cases closed, and the steps started that
    month done within their recorded deadline (grouped by the months stored in the KPI
    facts; the whole months over from their snapshots, `snapshots.period_split`; the steps'
    counts from `report`, the `KpiReport` of the same period, scope, user and moment, when
    given)."""
    now = now or timezone.now()
    scope, visible = scope_for(user, scope_filters or Scope())
    start, end = period_bounds(period_start, period_end)
    split = (report.split if report is not None else None) or period_split(period_start, period_end)
    cases = scoped_facts(scope, visible)
    received: dict = {}
    closed: dict = {}

    def add(into, rows, count="n"):
        for row in rows:
            month = _month_key(row["month"])
            into[month] = into.get(month, 0) + row[count]

    live = split.live("received_at")
    if live is not None and visible:
        add(
            received,
            cases.filter(live).order_by().values(month=F("received_month")).annotate(n=Count("pk")),
        )
        add(
            closed,
            cases.filter(split.live("closed_at"))
            .order_by()
            .values(month=F("closed_month"))
            .annotate(n=Count("pk")),
        )
    if split.months and visible:
        kept = (
            CohortMonth.objects.filter(scope.q(), month__in=split.months)
            .order_by()
            .values("month")
            .annotate(received=Sum("received"), closed=Sum("closed"))
        )
        add(received, kept, "received")
        add(closed, kept, "closed")
    if report is not None:
        counts = report.step_counts
    else:
        facts_missing_fill()
        counts = step_counts((start, end), scope, visible, now, split)
    measured: dict = {}
    for (month, _step), (within, late) in counts.items():
        totals = measured.setdefault(_month_key(month), {WITHIN: 0, LATE: 0})
        totals[WITHIN] += within
        totals[LATE] += late
    months = []
    for month in _months(period_start, period_end):
        next_month = (month + datetime.timedelta(days=32)).replace(day=1)
        last = min(next_month - datetime.timedelta(days=1), period_end)
        first = max(month, period_start)
        steps_row = measured.get(month, {})
        months.append(
            Month(
                month=month,
                received=received.get(month, 0),
                closed=closed.get(month, 0),
                steps_within=steps_row.get(WITHIN, 0),
                steps_measured=steps_row.get(WITHIN, 0) + steps_row.get(LATE, 0),
                search=tuple(received_params(first, last, scope)),
            )
        )
    return months


@dataclass(frozen=True)
class BreakdownRow:
    key: str
    label: str
    received: int
    closed: int
    escalated: int
    contested: int
    search: tuple[tuple[str, str], ...]


BREAKDOWNS = ("category", "channel", "team")


def _labels(dimension: str) -> dict[str, str]:
    if dimension == "channel":
        return {value: str(label) for value, label in Case.Channel.choices}
    if dimension == "language":
        return {code: str(label) for code, label in settings.LANGUAGES}
    model = {"category": Category, "team": Team, "priority": Priority}[dimension]
    return {str(pk): name for pk, name in model.objects.values_list("pk", "name")}


def breakdown(
    dimension: str,
    period_start: datetime.date,
    period_end: datetime.date,
    scope_filters: Scope | None = None,
    user=None,
    *,
    split=None,
) -> list[BreakdownRow]:
    """The cases received in the period per category, channel or team: received, closed
    since, escalated, contested; most received first (one query over the facts and one
    over the snapshots of the whole months over, `snapshots.period_split`, given as `split`
    when the caller has it)."""
    column = {"category": "category_id", "channel": "channel", "team": "team_id"}[dimension]
    scope, visible = scope_for(user, scope_filters or Scope())
    split = split or period_split(period_start, period_end)
    # Each column of the breakdown, as the cohort's counts (and the snapshots) name it.
    kept_as = {
        "received": "received",
        "closed": "closed_cohort",
        "escalated": "escalated",
        "contested": "contested",
    }
    found: dict = {}

    def add(rows):
        for row in rows:
            total = found.setdefault(row[column], dict.fromkeys(kept_as, 0))
            for name in kept_as:
                total[name] += row[name] or 0

    live = split.live("received_at")
    if live is not None:
        counts = cohort_counts()
        add(
            scoped_facts(scope, visible)
            .filter(live)
            .order_by()
            .values(column)
            .annotate(**{name: counts[kept] for name, kept in kept_as.items()})
        )
    if split.months and visible:
        add(
            CohortMonth.objects.filter(scope.q(), month__in=split.months)
            .order_by()
            .values(column)
            .annotate(**{name: Sum(kept) for name, kept in kept_as.items()})
        )
    rows = [{column: key, **counts} for key, counts in found.items() if counts["received"]]
    labels = _labels(dimension) if rows else {}
    base = received_params(period_start, period_end, scope)
    result = []
    for row in rows:
        key = str(row[column])
        # Drilling into one value replaces the scope's own filter on that facet.
        search = [(name, value) for name, value in base if name != dimension]
        result.append(
            BreakdownRow(
                key=key,
                label=labels.get(key, key),
                received=row["received"],
                closed=row["closed"],
                escalated=row["escalated"],
                contested=row["contested"],
                search=(*search, (dimension, key)),
            )
        )
    return sorted(result, key=lambda row: (-row.received, row.label))


@dataclass(frozen=True)
class OpenCase:
    pk: int
    reference: str
    status: str
    category: str
    team: str
    received_at: datetime.datetime
    due_at: datetime.datetime | None
    escalation_level: int


def _open_cases(cases: QuerySet, limit: int) -> list[OpenCase]:
    rows = cases.select_related("category", "team")[:limit]
    return [
        OpenCase(
            case.pk,
            case.reference,
            case.staff_status,
            case.category.name,
            case.team.name,
            case.received_at,
            case.due_at,
            case.escalation_level,
        )
        for case in rows
    ]


def open_cases(
    scope_filters: Scope | None = None,
    user=None,
    *,
    limit: int = 10,
    now: datetime.datetime | None = None,
) -> tuple[list[OpenCase], list[OpenCase]]:
    """The oldest open cases, and the open cases longest past their due date (two
    queries), in the scope as it stands now."""
    now = now or timezone.now()
    scope, visible = scope_for(user, scope_filters or Scope())
    # The open statuses by name (an IN on the indexed status, not a scan of the closed).
    open_ = scoped_cases(scope, visible).filter(status__in=OPEN_STATUSES)
    oldest = _open_cases(open_.order_by("received_at", "pk"), limit)
    overdue = _open_cases(open_.filter(due_at__lt=now).order_by("due_at", "pk"), limit)
    return oldest, overdue


def open_cases_search(scope: Scope, *, overdue: bool) -> tuple[tuple[str, str], ...]:
    """The staff search listing the open cases (or the overdue ones) of the scope."""
    if overdue:
        return (*scope.search_params(), ("overdue", "yes"))
    return (
        *scope.search_params(),
        *(("status", status) for status in OPEN_STATUSES),
        ("sort", "oldest"),
    )
