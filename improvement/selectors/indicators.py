"""Every KPI of `improvement.kpis` for a period and scope, against the objectives."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Avg, Count, Q, Sum
from django.utils import timezone

from workflow.models import Case

from .. import kpis
from ..models import Objective, facts_missing_fill
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
    reopening_recorded: bool = REOPENING_RECORDED

    def figure(self, code: str) -> Figure:
        return next(figure for figure in self.figures if figure.code == code)

    def as_dict(self) -> dict[str, float | int | Decimal | None]:
        return {figure.code: figure.actual for figure in self.figures}


def kpis_for(
    period_start: datetime.date,
    period_end: datetime.date,
    scope_filters: Scope | None = None,
    user=None,
    *,
    now: datetime.datetime | None = None,
) -> KpiReport:
    """Every KPI of `improvement.kpis` for the period (both days included) and scope, as
    `user` may see it, with the objectives for the period: about ten queries over the KPI
    facts (`improvement.models.CaseFacts`, `StepFacts`), however many cases."""
    now = now or timezone.now()
    facts_missing_fill()
    scope, visible = scope_for(user, scope_filters or Scope())
    bounds = period_bounds(period_start, period_end)
    start, end = bounds
    facts = scoped_facts(scope, visible)
    cohort = facts.filter(received_at__gte=start, received_at__lt=end)

    closed_in_cohort = Q(closed_at__isnull=False)
    # A decided case with a step up to the decision done late, or still open past its
    # recorded deadline while the case is open.
    decided_late = Q(resolution_late=True) | Q(resolution_open_due__lt=now, closed_at__isnull=True)
    decided = Q(decide_hours__isnull=False)
    # PostgreSQL gives the percentiles with the totals; elsewhere two ranks are read each.
    ordered_sets = connection.vendor == "postgresql"
    quantiles = (
        {
            "ack_median": PercentileCont("ack_hours", fraction=0.5),
            "ack_p90": PercentileCont("ack_hours", fraction=0.9),
            "decide_median": PercentileCont("decide_hours", fraction=0.5),
            "decide_p90": PercentileCont("decide_hours", fraction=0.9),
        }
        if ordered_sets
        else {}
    )
    totals = cohort.aggregate(
        **quantiles,
        received=Count("pk"),
        acknowledged=Count("ack_hours"),
        ack_within_day=Count("pk", filter=Q(ack_hours__isnull=False, ack_within_day=True)),
        decided=Count("decide_hours"),
        decided_late=Count("pk", filter=decided & decided_late),
        escalated=Count("pk", filter=Q(escalation_level__gte=1)),
        level_1=Count("pk", filter=Q(escalation_level__gte=1)),
        level_2=Count("pk", filter=Q(escalation_level__gte=2)),
        accepted=Count("pk", filter=Q(reply=Case.Reply.ACCEPTED)),
        contested=Count("pk", filter=Q(reply=Case.Reply.CONTESTED)),
        lapsed=Count("pk", filter=Q(reply=Case.Reply.LAPSED)),
        upheld=Count("pk", filter=Q(review_result=Case.ReviewResult.UPHELD)),
        changed=Count("pk", filter=Q(review_result=Case.ReviewResult.CHANGED)),
        closed_cohort=Count("pk", filter=closed_in_cohort),
        compensation_sum=Sum("compensation", filter=closed_in_cohort & Q(compensation__gt=0)),
        compensated=Count("pk", filter=closed_in_cohort & Q(compensation__gt=0)),
        surveys=Count("survey_overall", filter=closed_in_cohort),
        survey_mean=Avg("survey_overall", filter=closed_in_cohort),
        reopened_cases=Count("pk", filter=Q(reopened__gt=0)),
        ever_closed=Count("pk", filter=closed_in_cohort | Q(reopened__gt=0)),
    )
    flow = (
        facts.filter(received_at__lt=end)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=start))
        .aggregate(
            closed=Count("pk", filter=Q(closed_at__gte=start, closed_at__lt=end)),
            backlog=Count("pk", filter=Q(closed_at__isnull=True) | Q(closed_at__gte=end)),
        )
    )
    totals["decided_in_time"] = totals["decided"] - totals["decided_late"]
    if ordered_sets:
        ack_median, ack_p90 = totals["ack_median"], totals["ack_p90"]
        decide_median, decide_p90 = totals["decide_median"], totals["decide_p90"]
    else:
        ack_median, ack_p90 = percentiles(cohort, "ack_hours", totals["acknowledged"], 0.5, 0.9)
        decided = totals["decided"]
        decide_median, decide_p90 = percentiles(cohort, "decide_hours", decided, 0.5, 0.9)
    counts = step_counts(bounds, scope, visible, now)
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
            "actual": totals["level_1"],
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
    )
