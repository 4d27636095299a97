"""KPIs per period and scope (ISO 10002 8.4), computed on the database with the ORM's
aggregation, for the dashboard and for anything else that needs them (a management review
pack calls `kpis_for` with a period and a scope).

Every function returns plain data (dataclasses of numbers, strings and dates) and takes the
`user` whose view it is: a supervisor sees their own teams' cases only, those who may see
every case (complaints managers, auditors, top management) every team's; `user=None` is the
system itself (every case).

What the figures are based on:
- *cases received in the period* (the cohort): received, acknowledgement and decision times,
  decided within deadline, escalations, replies, reviews, compensation, surveys.
- *what happened in the period*: cases closed in it, cases open at its end, and the steps
  started in it, each measured against the deadline recorded when it started (the
  `step_started` history event, never recomputed from today's configuration).

Every figure carries the staff search that lists exactly the cases behind it (received
dates, facets, and the search's conditions of `drilldown`, read from the same facts); a time
or a mean lists the cases it was computed from (`Figure.search_exact`), a rate also the
cases it is a share of (`Figure.search_whole`).

Modules: `scope` (which cases, for whom, when), `durations` (working hours on the teams'
calendars), `deadlines` (steps against their recorded deadlines), `indicators` (the KPIs
and objectives), `trends` (months, breakdowns, open cases), `drilldown` (the staff search's
filters the figures link with).
"""

from .deadlines import STEP_END_KINDS, StepFigure, step_figures
from .durations import calendars, percentile
from .indicators import REOPENING_RECORDED, Figure, KpiReport, Target, kpis_for, objectives_for
from .scope import (
    OPEN_STATUSES,
    SCOPE_FACETS,
    Scope,
    dashboard_teams,
    period_bounds,
    scope_choices,
    scope_for,
)
from .trends import (
    BREAKDOWNS,
    BreakdownRow,
    Month,
    OpenCase,
    breakdown,
    monthly_trends,
    open_cases,
    open_cases_search,
)

__all__ = [
    "BREAKDOWNS",
    "OPEN_STATUSES",
    "REOPENING_RECORDED",
    "SCOPE_FACETS",
    "STEP_END_KINDS",
    "BreakdownRow",
    "Figure",
    "KpiReport",
    "Month",
    "OpenCase",
    "Scope",
    "StepFigure",
    "Target",
    "breakdown",
    "calendars",
    "dashboard_teams",
    "kpis_for",
    "monthly_trends",
    "objectives_for",
    "open_cases",
    "open_cases_search",
    "percentile",
    "period_bounds",
    "scope_choices",
    "scope_for",
    "step_figures",
]
