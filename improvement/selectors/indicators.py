"""Every KPI of `improvement.kpis` for a period and scope, against the objectives."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils import timezone

from .. import kpis
from ..models import CohortMonth, Objective, facts_missing_fill
from . import drilldown
from .deadlines import StepFigure, step_counts, step_figures
from .durations import PercentileCont, percentiles
from .scope import (
    Scope,
    period_bounds,
    rate,
    received_params,
    scope_for,
    scoped_facts,
)
from .snapshots import COHORT_FIELDS, Split, cohort_counts, period_split

# A closed case is taken up again when a merge is undone (the case merged away as a
# duplicate is handled on its own again, `unmerged` in its history): the reopen rate counts
# those (a contested decision is reviewed before closing, so it reopens nothing).
REOPENING_RECORDED = True


@dataclass(frozen=True)
class Target:
    """The objective a figure is held against."""

    objective_id: int
    target: Decimal
    direction: str
    direction_label: str
    team: str  # the team's name, empty for the whole organisation
    period_start: datetime.date
    period_end: datetime.date

    def met(self, actual) -> bool | None:
        if actual is None:
            return None
        if self.direction == Objective.Direction.AT_LEAST:
            return actual >= self.target
        return actual <= self.target


def objectives_for(start, end, scope: Scope) -> dict[str, Target]:
    """Per KPI, the objective whose period covers the whole of `start`..`end`: the one of
    the team when exactly one team is in scope, else the organisation's; of several, the
    one with the shortest period."""
    team = scope.teams[0] if len(scope.teams) == 1 else None
    rows = Objective.objects.filter(period_start__lte=start, period_end__gte=end).filter(
        Q(team=None) | Q(team_id=team) if team else Q(team=None)
    )
    rows = rows.select_related("team")
    chosen: dict[str, Objective] = {}
    for objective in rows:
        current = chosen.get(objective.kpi)
        key = (objective.team_id is None, objective.period_end - objective.period_start)
        if current is None or key < (
            current.team_id is None,
            current.period_end - current.period_start,
        ):
            chosen[objective.kpi] = objective
    return {
        code: Target(
            objective.pk,
            objective.target,
            objective.direction,
            str(objective.get_direction_display()),
            objective.team.name if objective.team else "",
            objective.period_start,
            objective.period_end,
        )
        for code, objective in chosen.items()
    }


@dataclass(frozen=True)
class Figure:
    """One KPI for the period: the actual figure, what it was counted from, the search that
    lists the cases behind it, and the objective it is held against."""

    code: str
    label: str
    unit: str
    help: str
    actual: float | int | Decimal | None
    numerator: int | None = None
    denominator: int | None = None
    search: tuple[tuple[str, str], ...] = ()
    # True when the search lists exactly the cases counted (for a rate: its part); False
    # for a time or a mean, where it lists the cases the figure was computed from.
    search_exact: bool = True
    # For a rate: the search that lists the cases it is a share of (its whole).
    search_whole: tuple[tuple[str, str], ...] = ()
    target: Target | None = None

    @property
    def met(self) -> bool | None:
        return self.target.met(self.actual) if self.target else None


@dataclass(frozen=True)
class KpiReport:
    period_start: datetime.date
    period_end: datetime.date
    scope: Scope
    figures: tuple[Figure, ...]
    steps: tuple[StepFigure, ...]
    # Per (month started, step): steps within and late (`deadlines.step_counts`), which
    # `monthly_trends` reuses for the same period and scope.
    step_counts: dict = field(default_factory=dict, compare=False, repr=False)
    # The months read from snapshots (`snapshots.period_split`), which `monthly_trends`
    # reuses.
    split: Split | None = field(default=None, compare=False, repr=False)
    reopening_recorded: bool = REOPENING_RECORDED

    def figure(self, code: str) -> Figure:
        return next(figure for figure in self.figures if figure.code == code)

    def as_dict(self) -> dict[str, float | int | Decimal | None]:
        return {figure.code: figure.actual for figure in self.figures}


def cohort_totals(split: Split, scope: Scope, visible: bool, now) -> dict:
    """The additive counts of the cases received in the period (`snapshots.cohort_counts`),
    with `decided_late` at `now` and `closed`, the cases closed in the period: the kept
    months' from their snapshots, the rest from the facts (two to four queries)."""
    names = COHORT_FIELDS
    totals = dict.fromkeys(names, 0)
    if not visible:
        return totals

    def add(row):
        for name in names:
            totals[name] += row.get(name) or 0

    facts = scoped_facts(scope, visible)
    # A decided case with a step up to the decision still open past its recorded deadline
    # while the case is open is late at `now` (the snapshots keep the rest of the late).
    open_late = Q(
        decide_hours__isnull=False,
        resolution_late=False,
        resolution_open_due__lt=now,
        closed_at__isnull=True,
    )
    received = split.live("received_at")
    if received is not None:
        row = facts.filter(received).aggregate(
            **cohort_counts(), open_late=Count("pk", filter=open_late)
        )
        row["decided_late"] += row.pop("open_late")
        add(row)
        add(facts.filter(split.live("closed_at")).aggregate(closed=Count("pk")))
    if split.months:
        add(
            CohortMonth.objects.filter(scope.q(), month__in=split.months).aggregate(
                **{name: Sum(name) for name in names}
            )
        )
        late = facts.filter(split.in_kept("received_at")).filter(open_late).count()
        totals["decided_late"] += late
    return totals


def kpis_for(
    period_start: datetime.date,
    period_end: datetime.date,
    scope_filters: Scope | None = None,
    user=None,
    *,
    now: datetime.datetime | None = None,
) -> KpiReport:
    """Every KPI of `improvement.kpis` for the period (both days included) and scope, as
    `user` may see it, with the objectives for the period: about fifteen queries over the
    KPI facts (`improvement.models.CaseFacts`, `StepFacts`) and, for the whole months over,
    their monthly snapshots (`snapshots.period_split`), however many cases."""
    now = now or timezone.now()
    facts_missing_fill()
    scope, visible = scope_for(user, scope_filters or Scope())
    bounds = period_bounds(period_start, period_end)
    start, end = bounds
    facts = scoped_facts(scope, visible)
    cohort = facts.filter(received_at__gte=start, received_at__lt=end)
    split = period_split(period_start, period_end)
    totals = cohort_totals(split, scope, visible, now)
    # The backlog: the cases received by the period's end and not closed before it (the
    # cases open now, when the period ends today: the index of the closing dates finds
    # them).
    backlog = (
        facts.filter(received_at__lt=end)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=end))
        .count()
    )
    totals["decided_in_time"] = totals["decided"] - totals["decided_late"]
    # PostgreSQL gives the four percentiles in one scan; elsewhere two ranks are read each.
    if connection.vendor == "postgresql":
        quantiles = cohort.aggregate(
            ack_median=PercentileCont("ack_hours", fraction=0.5),
            ack_p90=PercentileCont("ack_hours", fraction=0.9),
            decide_median=PercentileCont("decide_hours", fraction=0.5),
            decide_p90=PercentileCont("decide_hours", fraction=0.9),
        )
        ack_median, ack_p90 = quantiles["ack_median"], quantiles["ack_p90"]
        decide_median, decide_p90 = quantiles["decide_median"], quantiles["decide_p90"]
    else:
        ack_median, ack_p90 = percentiles(cohort, "ack_hours", totals["acknowledged"], 0.5, 0.9)
        decided = totals["decided"]
        decide_median, decide_p90 = percentiles(cohort, "decide_hours", decided, 0.5, 0.9)
    flow = {"closed": totals["closed"], "backlog": backlog}
    if totals["surveys"]:
        # As the database's average of the scores (a float, `Avg` of an integer field).
        totals["survey_mean"] = totals["survey_sum"] / totals["surveys"]
    else:
        totals["survey_mean"] = None
    counts = step_counts(bounds, scope, visible, now, split)
    step_rows = step_figures(counts)
    targets = objectives_for(period_start, period_end, scope)

    # The links of the figures: the cohort (received in the period, the scope), narrowed
    # by the staff search's conditions of `drilldown` (the same rules on the same facts).
    cohort_search = tuple(received_params(period_start, period_end, scope))
    in_scope = tuple(scope.search_params())

    def cohort(*pairs):
        return (*cohort_search, *pairs)

    def steps_search(step, outcome):
        value = drilldown.steps_value(step, outcome, period_start, period_end)
        return (*in_scope, ("steps", value))

    all_steps = drilldown.ALL_STEPS
    replied = totals["accepted"] + totals["contested"] + totals["lapsed"]
    reviewed = totals["upheld"] + totals["changed"]
    within = sum(row.within for row in step_rows)
    measured = sum(row.measured for row in step_rows)

    def hours(value):
        return round(value, 1) if value is not None else None

    values: dict[str, dict] = {
        "received": {"actual": totals["received"], "search": cohort_search},
        "closed": {
            "actual": flow["closed"],
            "search": (
                ("closed", drilldown.closed_value(period_start, period_end)),
                *in_scope,
            ),
        },
        "backlog": {
            "actual": flow["backlog"],
            "search": (("open_on", period_end.isoformat()), *in_scope),
        },
        "ack_within_day": {
            "actual": rate(totals["ack_within_day"], totals["acknowledged"]),
            "numerator": totals["ack_within_day"],
            "denominator": totals["acknowledged"],
            "search": cohort(("ack_within_day", "yes")),
            "search_whole": cohort(("acknowledged", "yes")),
        },
        "ack_hours_median": {
            "actual": hours(ack_median),
            "search": cohort(("acknowledged", "yes")),
            "search_exact": False,
        },
        "ack_hours_p90": {
            "actual": hours(ack_p90),
            "search": cohort(("acknowledged", "yes")),
            "search_exact": False,
        },
        "decide_hours_median": {
            "actual": hours(decide_median),
            "search": cohort(("decided", "yes")),
            "search_exact": False,
        },
        "decide_hours_p90": {
            "actual": hours(decide_p90),
            "search": cohort(("decided", "yes")),
            "search_exact": False,
        },
        "decided_within_deadline": {
            "actual": rate(totals["decided_in_time"], totals["decided"]),
            "numerator": totals["decided_in_time"],
            "denominator": totals["decided"],
            "search": cohort(("decided_in_time", "yes")),
            "search_whole": cohort(("decided", "yes")),
        },
        "steps_within_deadline": {
            "actual": rate(within, measured),
            "numerator": within,
            "denominator": measured,
            "search": steps_search(all_steps, drilldown.WITHIN),
            "search_whole": steps_search(all_steps, drilldown.MEASURED),
        },
        "escalation_rate": {
            "actual": rate(totals["escalated"], totals["received"]),
            "numerator": totals["escalated"],
            "denominator": totals["received"],
            "search": (*cohort_search, ("escalation", "1"), ("escalation", "2")),
            "search_whole": cohort_search,
        },
        "escalated_level_1": {
            "actual": totals["escalated"],
            "search": (*cohort_search, ("escalation", "1"), ("escalation", "2")),
        },
        "escalated_level_2": {
            "actual": totals["level_2"],
            "search": (*cohort_search, ("escalation", "2")),
        },
        "accepted": {"actual": totals["accepted"], "search": cohort(("reply", "accepted"))},
        "contested": {"actual": totals["contested"], "search": cohort(("reply", "contested"))},
        "lapsed": {"actual": totals["lapsed"], "search": cohort(("reply", "lapsed"))},
        "contest_rate": {
            "actual": rate(totals["contested"], replied),
            "numerator": totals["contested"],
            "denominator": replied,
            "search": cohort(("reply", "contested")),
            "search_whole": cohort(("reply", "any")),
        },
        "review_upheld": {"actual": totals["upheld"], "search": cohort(("review", "upheld"))},
        "review_changed": {"actual": totals["changed"], "search": cohort(("review", "changed"))},
        "review_changed_rate": {
            "actual": rate(totals["changed"], reviewed),
            "numerator": totals["changed"],
            "denominator": reviewed,
            "search": cohort(("review", "changed")),
            "search_whole": cohort(("review", "any")),
        },
        "compensation_paid": {
            "actual": totals["compensation_sum"] or Decimal("0.00"),
            "search": cohort(("compensated", "yes")),
        },
        "compensation_cases": {
            "actual": totals["compensated"],
            "search": cohort(("compensated", "yes")),
        },
        "reopen_rate": {
            "actual": rate(totals["reopened_cases"], totals["ever_closed"]),
            "numerator": totals["reopened_cases"],
            "denominator": totals["ever_closed"],
            "search": cohort(("reopened", "yes")),
            "search_whole": cohort(("closed", "ever")),
        },
        "survey_response_rate": {
            "actual": rate(totals["surveys"], totals["closed_cohort"]),
            "numerator": totals["surveys"],
            "denominator": totals["closed_cohort"],
            "search": cohort(("survey", "yes")),
            "search_whole": cohort(("closed", "yes")),
        },
        "survey_mean": {
            "actual": round(totals["survey_mean"], 2) if totals["survey_mean"] else None,
            "numerator": totals["surveys"],
            "search": cohort(("survey", "yes")),
            "search_exact": False,
        },
    }
    for row in step_rows:
        values[f"step_{row.step}_within_deadline"] = {
            "actual": row.rate,
            "numerator": row.within,
            "denominator": row.measured,
            "search": steps_search(row.step, drilldown.WITHIN),
            "search_whole": steps_search(row.step, drilldown.MEASURED),
        }
    figures = []
    for kpi in kpis.KPIS:
        value = dict(values[kpi.code])
        value.setdefault("search", cohort_search)
        figures.append(
            Figure(
                code=kpi.code,
                label=str(kpi.label),
                unit=kpi.unit,
                help=str(kpi.help),
                target=targets.get(kpi.code),
                **value,
            )
        )
    return KpiReport(
        period_start=period_start,
        period_end=period_end,
        scope=scope,
        figures=tuple(figures),
        steps=tuple(step_rows),
        step_counts=counts,
        split=split,
    )
