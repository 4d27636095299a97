"""KPIs per period and scope (ISO 10002 8.4), computed on the database with the ORM's
aggregation, for the dashboard and for anything else that needs them (a management review
pack calls `kpis_for` with a period and a scope).

Every function returns plain data (dataclasses of numbers, strings and dates) and takes the
`user` whose view it is: a supervisor sees their own teams' cases only, those who may see
every case (complaints managers, auditors, top management) every team's; `user=None` is the
system itself (every case).

What the figures are based on:
- *cases received in the period* (the cohort): received, acknowledgement and decision times,
  decided within deadline, escalations, replies, reviews, compensation, surveys. These drill
  down exactly to the staff search (received dates and facets).
- *what happened in the period*: cases closed in it, cases open at its end, and the steps
  started in it, each measured against the deadline recorded when it started (the
  `step_started` history event, never recomputed from today's configuration).
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Avg,
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models import Case as Switch
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from workflow import steps
from workflow.deadlines import WorkCalendar
from workflow.models import Case, CaseEvent, Category, Holiday, Priority, Team
from workflow.selectors import case_visibility_get

from . import kpis
from .models import Objective

# The history event that ends each timed step (the first one after the step started).
STEP_END_KINDS = {
    "assess": (CaseEvent.Kind.ASSESSED,),
    "investigate": (CaseEvent.Kind.INVESTIGATED,),
    "respond": (CaseEvent.Kind.RESPONSE_DRAFTED,),
    "approve": (CaseEvent.Kind.APPROVED, CaseEvent.Kind.SENT_BACK),
    "review": (CaseEvent.Kind.REVIEWED,),
    "close": (CaseEvent.Kind.CLOSED,),
}
assert set(STEP_END_KINDS) == set(steps.STEP), "every timed step needs its end event"
RESOLUTION_STEPS = tuple(step.key for step in steps.STEPS if step.counts_to_resolution)

# The open statuses, as the staff search's status facet takes them.
OPEN_STATUSES = tuple(status.value for status in steps.STATUSES if status.value != "closed")

# The scope filters a dashboard or a review pack may take, as the staff search's facets.
SCOPE_FACETS = ("team", "category", "channel", "language", "priority")

# Cases can be closed but not reopened in this process (a contested decision is reviewed
# before closing): the reopen rate is not recorded, and the dashboard says so.
REOPENING_RECORDED = False


@dataclass(frozen=True)
class Scope:
    """Which cases a figure covers: each filter a tuple of values (none: every value)."""

    teams: tuple[int, ...] = ()
    categories: tuple[int, ...] = ()
    channels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    priorities: tuple[int, ...] = ()

    def q(self, prefix: str = "") -> Q:
        rule = Q()
        for name, values in (
            ("team_id", self.teams),
            ("category_id", self.categories),
            ("channel", self.channels),
            ("language", self.languages),
            ("priority_id", self.priorities),
        ):
            if values:
                rule &= Q(**{f"{prefix}{name}__in": sorted(values)})
        return rule

    def search_params(self) -> list[tuple[str, str]]:
        """The staff search's facet parameters that select the same cases."""
        pairs = []
        for name, values in zip(
            SCOPE_FACETS,
            (self.teams, self.categories, self.channels, self.languages, self.priorities),
            strict=True,
        ):
            pairs += [(name, str(value)) for value in sorted(values)]
        return pairs


def dashboard_teams(user) -> frozenset[int] | None:
    """The teams whose figures `user` may see: None for every team (those who see every
    case), else the teams they are a member or supervisor of (workflow's visibility rule,
    without the cases they see for their role's queue in other teams)."""
    if user is None:
        return None
    visibility = case_visibility_get(user=user)
    if visibility.everything:
        return None
    return visibility.team_ids


def scope_for(user, scope: Scope) -> tuple[Scope, bool]:
    """`scope` narrowed to what `user` may see, and whether anything is left."""
    allowed = dashboard_teams(user)
    if allowed is None:
        return scope, True
    teams = tuple(team for team in scope.teams if team in allowed) if scope.teams else ()
    if scope.teams and not teams:
        return Scope(teams=(), **_without_teams(scope)), False
    teams = teams or tuple(sorted(allowed))
    return Scope(teams=teams, **_without_teams(scope)), bool(teams)


def _without_teams(scope: Scope) -> dict:
    return {
        "categories": scope.categories,
        "channels": scope.channels,
        "languages": scope.languages,
        "priorities": scope.priorities,
    }


def period_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    """The period as whole days in the current time zone: from the start of `start` until
    (not including) the start of the day after `end`, as the staff search counts them."""

    def day_start(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    return day_start(start), day_start(end + datetime.timedelta(days=1))


def _cases(scope: Scope, visible: bool) -> QuerySet:
    if not visible:
        return Case.objects.none()
    return Case.objects.filter(scope.q())


def _received_params(start, end, scope: Scope) -> list[tuple[str, str]]:
    return [
        ("received_from", start.isoformat()),
        ("received_to", end.isoformat()),
        *scope.search_params(),
    ]


# --- Durations in working hours -----------------------------------------------------------


def calendars() -> dict[int | None, WorkCalendar]:
    """Every team's working calendar (and the default one under None), in two queries."""
    holidays: dict[int | None, set] = {}
    for team_id, day in Holiday.objects.values_list("team_id", "date"):
        holidays.setdefault(team_id, set()).add(day)
    everyone = holidays.get(None, set())
    result = {
        None: WorkCalendar(
            frozenset(range(5)),
            datetime.time(9),
            datetime.time(17),
            zoneinfo.ZoneInfo(settings.TIME_ZONE),
            frozenset(everyone),
        )
    }
    for team in Team.objects.only("pk", "work_days", "day_starts", "day_ends", "time_zone"):
        result[team.pk] = WorkCalendar(
            frozenset(int(day) for day in team.work_days.split(",") if day.strip()),
            team.day_starts,
            team.day_ends,
            zoneinfo.ZoneInfo(team.time_zone),
            frozenset(everyone | holidays.get(team.pk, set())),
        )
    return result


def percentile(values: list[float], fraction: float) -> float | None:
    """The `fraction` quantile by linear interpolation between the closest ranks (the
    median is `percentile(values, 0.5)`); None without values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


@dataclass
class Durations:
    ack_hours: list[float] = field(default_factory=list)
    decide_hours: list[float] = field(default_factory=list)
    ack_within_day: int = 0


def _durations(cases: QuerySet) -> Durations:
    """Working hours from receipt to acknowledgement and to decision, per case (stamped by
    the same services that record the `acknowledged` and `decided` events), on the team's
    calendar: one query for the cases' times, two for the calendars."""
    rows = cases.filter(Q(acknowledged_at__isnull=False) | Q(decided_at__isnull=False))
    rows = rows.order_by().values_list("team_id", "received_at", "acknowledged_at", "decided_at")
    result = Durations()
    by_team = calendars()
    for team_id, received, acknowledged, decided in rows.iterator(chunk_size=2000):
        calendar = by_team.get(team_id) or by_team[None]
        if acknowledged is not None:
            hours = calendar.hours_between(received, acknowledged)
            result.ack_hours.append(hours)
            result.ack_within_day += hours <= (calendar.day_hours or 24)
        if decided is not None:
            result.decide_hours.append(calendar.hours_between(received, decided))
    return result


# --- Steps against their recorded deadlines ---------------------------------------------


def _steps_measured() -> QuerySet:
    """Every `step_started` event with its step, the deadline recorded then (`due`), and
    when the step ended (`ended`: the first end event of that step at or after its start)."""
    ended = Switch(
        *(
            When(
                step=key,
                then=Subquery(
                    CaseEvent.objects.filter(
                        case_id=OuterRef("case_id"),
                        kind__in=kinds,
                        created_at__gte=OuterRef("created_at"),
                    )
                    .order_by("created_at", "pk")
                    .values("created_at")[:1]
                ),
            )
            for key, kinds in STEP_END_KINDS.items()
        ),
        output_field=DateTimeField(),
    )
    return (
        CaseEvent.objects.filter(kind=CaseEvent.Kind.STEP_STARTED)
        # Cast to plain text: lookups on a JSON key's text differ between databases.
        .annotate(
            step=Cast(KT("data__step"), CharField(max_length=20)),
            due=Cast(KT("data__due_at"), DateTimeField()),
        )
        .annotate(ended=ended)
    )


def _within_q() -> Q:
    return Q(ended__isnull=False, ended__lte=F("due"))


def _late_q(now) -> Q:
    """Done after its deadline, or not done and past it (a case closed or merged away while
    a step was open ends that step unmeasured)."""
    return Q(ended__isnull=False, ended__gt=F("due")) | Q(
        ended__isnull=True, due__lt=now, case__closed_at__isnull=True
    )


@dataclass(frozen=True)
class StepFigure:
    step: str
    title: str
    within: int
    late: int

    @property
    def measured(self) -> int:
        return self.within + self.late

    @property
    def rate(self) -> float | None:
        return _rate(self.within, self.measured)


def _rate(part, whole) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def step_figures(bounds, scope: Scope, visible: bool, now) -> list[StepFigure]:
    """Per timed step: how many started in the period were done within their recorded
    deadline, and how many late (done late, or open past it)."""
    if not visible:
        return [StepFigure(step.key, str(step.title), 0, 0) for step in steps.STEPS]
    rows = (
        _steps_measured()
        .filter(scope.q("case__"), created_at__gte=bounds[0], created_at__lt=bounds[1])
        .order_by()
        .values("step")
        .annotate(
            within=Count("pk", filter=_within_q()),
            late=Count("pk", filter=_late_q(now)),
        )
    )
    counted = {row["step"]: row for row in rows}
    return [
        StepFigure(
            step.key,
            str(step.title),
            counted.get(step.key, {}).get("within", 0),
            counted.get(step.key, {}).get("late", 0),
        )
        for step in steps.STEPS
    ]


# --- Objectives ------------------------------------------------------------------------------


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


# --- The KPIs ------------------------------------------------------------------------------


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
    # True when the search lists exactly the cases counted; False when it lists the
    # nearest set the search can express (e.g. closed cases received by the period's end).
    search_exact: bool = True
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
    `user` may see it, with the objectives for the period: about ten queries, however many
    cases (the durations read one row per case received in the period)."""
    now = now or timezone.now()
    scope, visible = scope_for(user, scope_filters or Scope())
    bounds = period_bounds(period_start, period_end)
    start, end = bounds
    cases = _cases(scope, visible)
    received_q = Q(received_at__gte=start, received_at__lt=end)
    cohort = cases.filter(received_q)

    late_resolution = _steps_measured().filter(
        _late_q(now), case_id=OuterRef("pk"), step__in=RESOLUTION_STEPS
    )
    closed_in_cohort = Q(closed_at__isnull=False)
    totals = cohort.aggregate(
        received=Count("pk"),
        acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
        decided=Count("pk", filter=Q(decided_at__isnull=False)),
        decided_in_time=Count("pk", filter=Q(decided_at__isnull=False) & ~Exists(late_resolution)),
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
        surveys=Count("survey", filter=closed_in_cohort),
        survey_mean=Avg("survey__overall", filter=closed_in_cohort),
    )
    flow = (
        cases.filter(received_at__lt=end)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=start))
        .aggregate(
            closed=Count("pk", filter=Q(closed_at__gte=start, closed_at__lt=end)),
            backlog=Count("pk", filter=Q(closed_at__isnull=True) | Q(closed_at__gte=end)),
        )
    )
    durations = _durations(cohort)
    step_rows = step_figures(bounds, scope, visible, now)
    targets = objectives_for(period_start, period_end, scope)

    cohort_search = tuple(_received_params(period_start, period_end, scope))
    until_end = (("received_to", period_end.isoformat()), *scope.search_params())
    open_statuses = tuple(("status", status) for status in OPEN_STATUSES)
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
            "search": (*until_end, ("status", "closed")),
            "search_exact": False,
        },
        "backlog": {
            "actual": flow["backlog"],
            "search": (*until_end, *open_statuses),
            "search_exact": period_end >= timezone.localdate(now),
        },
        "ack_within_day": {
            "actual": _rate(durations.ack_within_day, len(durations.ack_hours)),
            "numerator": durations.ack_within_day,
            "denominator": len(durations.ack_hours),
            "search": cohort_search,
        },
        "ack_hours_median": {"actual": hours(percentile(durations.ack_hours, 0.5))},
        "ack_hours_p90": {"actual": hours(percentile(durations.ack_hours, 0.9))},
        "decide_hours_median": {"actual": hours(percentile(durations.decide_hours, 0.5))},
        "decide_hours_p90": {"actual": hours(percentile(durations.decide_hours, 0.9))},
        "decided_within_deadline": {
            "actual": _rate(totals["decided_in_time"], totals["decided"]),
            "numerator": totals["decided_in_time"],
            "denominator": totals["decided"],
        },
        "steps_within_deadline": {
            "actual": _rate(within, measured),
            "numerator": within,
            "denominator": measured,
            "search": (*until_end, ("overdue", "yes")),
            "search_exact": False,
        },
        "escalation_rate": {
            "actual": _rate(totals["escalated"], totals["received"]),
            "numerator": totals["escalated"],
            "denominator": totals["received"],
            "search": (*cohort_search, ("escalation", "1"), ("escalation", "2")),
        },
        "escalated_level_1": {
            "actual": totals["level_1"],
            "search": (*cohort_search, ("escalation", "1"), ("escalation", "2")),
        },
        "escalated_level_2": {
            "actual": totals["level_2"],
            "search": (*cohort_search, ("escalation", "2")),
        },
        "accepted": {"actual": totals["accepted"]},
        "contested": {"actual": totals["contested"]},
        "lapsed": {"actual": totals["lapsed"]},
        "contest_rate": {
            "actual": _rate(totals["contested"], replied),
            "numerator": totals["contested"],
            "denominator": replied,
        },
        "review_upheld": {"actual": totals["upheld"]},
        "review_changed": {"actual": totals["changed"]},
        "review_changed_rate": {
            "actual": _rate(totals["changed"], reviewed),
            "numerator": totals["changed"],
            "denominator": reviewed,
        },
        "compensation_paid": {
            "actual": totals["compensation_sum"] or Decimal("0.00"),
            "search": (*cohort_search, ("status", "closed")),
            "search_exact": False,
        },
        "compensation_cases": {
            "actual": totals["compensated"],
            "search": (*cohort_search, ("status", "closed")),
            "search_exact": False,
        },
        "survey_response_rate": {
            "actual": _rate(totals["surveys"], totals["closed_cohort"]),
            "numerator": totals["surveys"],
            "denominator": totals["closed_cohort"],
            "search": (*cohort_search, ("status", "closed")),
            "search_exact": False,
        },
        "survey_mean": {
            "actual": round(totals["survey_mean"], 2) if totals["survey_mean"] else None,
            "numerator": totals["surveys"],
        },
    }
    for row in step_rows:
        values[f"step_{row.step}_within_deadline"] = {
            "actual": row.rate,
            "numerator": row.within,
            "denominator": row.measured,
            "search": (*until_end, ("overdue", "yes")),
            "search_exact": False,
        }
    # These list exactly the cases counted; the others list the cases they were counted
    # from (the search cannot select by reply, review, time taken or closing date).
    exact = {"received", "escalation_rate", "escalated_level_1", "escalated_level_2"}
    figures = []
    for kpi in kpis.KPIS:
        value = dict(values[kpi.code])
        value.setdefault("search", cohort_search)
        value.setdefault("search_exact", kpi.code in exact)
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
    )


# --- Trends and breakdowns ------------------------------------------------------------------


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
        return _rate(self.steps_within, self.steps_measured)


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
) -> list[Month]:
    """Per month of the period: cases received, cases closed, and the steps started that
    month done within their recorded deadline (three queries)."""
    now = now or timezone.now()
    scope, visible = scope_for(user, scope_filters or Scope())
    start, end = period_bounds(period_start, period_end)
    cases = _cases(scope, visible)
    received = {
        _month_key(row["month"]): row["n"]
        for row in cases.filter(received_at__gte=start, received_at__lt=end)
        .annotate(month=TruncMonth("received_at"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
    }
    closed = {
        _month_key(row["month"]): row["n"]
        for row in cases.filter(closed_at__gte=start, closed_at__lt=end)
        .annotate(month=TruncMonth("closed_at"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
    }
    measured = {}
    if visible:
        measured = {
            _month_key(row["month"]): row
            for row in _steps_measured()
            .filter(scope.q("case__"), created_at__gte=start, created_at__lt=end)
            .annotate(month=TruncMonth("created_at"))
            .order_by()
            .values("month")
            .annotate(
                within=Count("pk", filter=_within_q()),
                late=Count("pk", filter=_late_q(now)),
            )
        }
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
                steps_within=steps_row.get("within", 0),
                steps_measured=steps_row.get("within", 0) + steps_row.get("late", 0),
                search=tuple(_received_params(first, last, scope)),
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
) -> list[BreakdownRow]:
    """The cases received in the period per category, channel or team (two queries):
    received, closed since, escalated, contested; most received first."""
    column = {"category": "category_id", "channel": "channel", "team": "team_id"}[dimension]
    scope, visible = scope_for(user, scope_filters or Scope())
    start, end = period_bounds(period_start, period_end)
    rows = (
        _cases(scope, visible)
        .filter(received_at__gte=start, received_at__lt=end)
        .order_by()
        .values(column)
        .annotate(
            received=Count("pk"),
            closed=Count("pk", filter=Q(closed_at__isnull=False)),
            escalated=Count("pk", filter=Q(escalation_level__gte=1)),
            contested=Count("pk", filter=Q(reply=Case.Reply.CONTESTED)),
        )
    )
    rows = list(rows)
    labels = _labels(dimension) if rows else {}
    base = _received_params(period_start, period_end, scope)
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
    open_ = _cases(scope, visible).exclude(status=Case.Status.CLOSED)
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


def scope_choices(user) -> dict[str, list[tuple[str, str]]]:
    """The values each scope filter offers `user` (teams: only those they may see)."""
    allowed = dashboard_teams(user)
    teams = Team.objects.order_by("name")
    if allowed is not None:
        teams = teams.filter(pk__in=sorted(allowed))
    return {
        "team": [(str(pk), name) for pk, name in teams.values_list("pk", "name")],
        "category": [
            (str(pk), name)
            for pk, name in Category.objects.order_by("name").values_list("pk", "name")
        ],
        "channel": [(value, str(label)) for value, label in Case.Channel.choices],
        "language": [(code, str(label)) for code, label in settings.LANGUAGES],
        "priority": [
            (str(pk), name)
            for pk, name in Priority.objects.order_by("-rank", "name").values_list("pk", "name")
        ],
    }
