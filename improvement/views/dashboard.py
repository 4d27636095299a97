"""Staff pages of the improvement app: the dashboard of KPIs against objectives (ISO 10002
8.2, 8.4) and the objectives themselves (6.2). Thin: parse the request, read through the
selectors, write through a service, render."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import charts, kpis, selectors
from ..forms.dashboard import DashboardFilterForm, ObjectiveForm
from ..models import Objective
from ..selectors import drilldown
from ..selectors.reviews import number_text
from ..services import objectives as services

# The permissions (granted to the roles in `permissions.py`, the layer above).
VIEW_DASHBOARD = "improvement.view_dashboard"
CHANGE_OBJECTIVE = "improvement.change_objective"

_DAY = datetime.timedelta(days=1)


def _search_url(params) -> str:
    return f"{reverse('staff_search')}?{urlencode(list(params))}"


def _kpi_rows(report) -> list[dict]:
    rows = []
    for figure in report.figures:
        target = figure.target
        rows.append(
            {
                "figure": figure,
                "actual": number_text(figure.actual, figure.unit),
                "counted": (
                    _("%(part)s of %(whole)s")
                    % {"part": figure.numerator, "whole": figure.denominator}
                    if figure.numerator is not None and figure.denominator is not None
                    else ""
                ),
                "objective": (
                    f"{target.direction_label} {number_text(target.target, figure.unit)}"
                    if target
                    else ""
                ),
                "met": figure.met,
                "url": _search_url(figure.search),
                "whole_url": _search_url(figure.search_whole) if figure.search_whole else "",
            }
        )
    return rows


def _month_label(month) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def _month_row(row, start, end, scope) -> dict:
    """A month of the trends, with the links of its figures: received, closed, and the
    steps started in it within their deadline and measured (within the period)."""
    first = max(row.month, start)
    last = min((row.month + datetime.timedelta(days=32)).replace(day=1), end + _DAY) - _DAY
    in_scope = scope.search_params()

    def steps(outcome):
        value = drilldown.steps_value(drilldown.ALL_STEPS, outcome, first, last)
        return _search_url([*in_scope, ("steps", value)])

    return {
        "month": row,
        "label": _month_label(row.month),
        "rate": number_text(row.within_rate, kpis.PERCENT),
        "url": _search_url(row.search),
        "closed_url": _search_url([("closed", drilldown.closed_value(first, last)), *in_scope]),
        "within_url": steps(drilldown.WITHIN),
        "measured_url": steps(drilldown.MEASURED),
    }


def _trend_charts(months) -> dict:
    # Short month names on the charts; the tables spell them out.
    labels = [formats.date_format(row.month, "M Y") for row in months]
    volume = charts.line_chart(
        chart_id="chart-volume",
        title=_("Cases received and closed per month"),
        description=_("Line chart; the table below gives the same figures."),
        labels=labels,
        series=[
            (_("Received"), [row.received for row in months]),
            (_("Closed"), [row.closed for row in months]),
        ],
    )
    deadlines = charts.line_chart(
        chart_id="chart-deadlines",
        title=_("Steps done within their deadline, per month"),
        description=_("Line chart of percentages; the table below gives the same figures."),
        labels=labels,
        series=[(_("Within deadline"), [row.within_rate for row in months])],
        percent=True,
    )
    return {"volume": volume, "deadlines": deadlines}


def _breakdowns(start, end, scope, user) -> list[dict]:
    titles = {
        "category": (_("Cases received per category"), _("Category")),
        "channel": (_("Cases received per channel"), _("Channel")),
        "team": (_("Cases received per team"), _("Team")),
    }
    result = []
    for dimension in selectors.BREAKDOWNS:
        rows = selectors.breakdown(dimension, start, end, scope, user)
        title, heading = titles[dimension]
        chart = charts.bar_chart(
            chart_id=f"chart-{dimension}",
            title=title,
            description=_("Bar chart; the table below gives the same figures."),
            labels=[row.label for row in rows],
            series=[
                (_("Received"), [row.received for row in rows]),
                (_("Closed"), [row.closed for row in rows]),
            ],
        )
        result.append(
            {
                "dimension": dimension,
                "title": title,
                "heading": heading,
                "chart": chart,
                "rows": [
                    {
                        "row": row,
                        "url": _search_url(row.search),
                        "closed_url": _search_url([*row.search, ("closed", "yes")]),
                        "escalated_url": _search_url(
                            [*row.search, ("escalation", "1"), ("escalation", "2")]
                        ),
                        "contested_url": _search_url([*row.search, ("reply", "contested")]),
                    }
                    for row in rows
                ],
            }
        )
    return result


def _objectives_chart(report):
    """Percentages that have an objective: actual against target."""
    figures = [figure for figure in report.figures if figure.target and figure.unit == kpis.PERCENT]
    if not figures:
        return None
    return charts.bar_chart(
        chart_id="chart-objectives",
        title=_("Objectives against actual figures (percentages)"),
        description=_("Bar chart; the indicators table above gives the same figures."),
        labels=[figure.label for figure in figures],
        series=[
            (_("Actual"), [figure.actual for figure in figures]),
            (_("Objective"), [float(figure.target.target) for figure in figures]),
        ],
        percent=True,
    )


@login_required
@permission_required(VIEW_DASHBOARD, raise_exception=True)
def dashboard(request):
    """KPIs of a period against the objectives, trends, breakdowns and the oldest and
    overdue open cases, for a scope; supervisors see their own teams' cases only."""
    # Every field is optional: without a period, the last twelve months.
    form = DashboardFilterForm(request.GET, user=request.user)
    context = {"form": form}
    if not form.is_valid():
        return render(request, "improvement/dashboard.html", context, status=400)
    start, end = form.period()
    scope = form.scope()
    now = timezone.now()
    report = selectors.kpis_for(start, end, scope, request.user, now=now)
    months = selectors.monthly_trends(start, end, scope, request.user, now=now, report=report)
    oldest, overdue = selectors.open_cases(scope, request.user, now=now)
    scope_seen = report.scope
    context.update(
        {
            "report": report,
            "start": start,
            "end": end,
            "rows": _kpi_rows(report),
            "steps": report.steps,
            "months": [_month_row(row, start, end, scope_seen) for row in months],
            "trend_charts": _trend_charts(months),
            "breakdowns": _breakdowns(start, end, scope, request.user),
            "objectives_chart": _objectives_chart(report),
            "oldest": oldest,
            "overdue": overdue,
            "oldest_url": _search_url(selectors.open_cases_search(scope_seen, overdue=False)),
            "overdue_url": _search_url(selectors.open_cases_search(scope_seen, overdue=True)),
            "restricted": selectors.dashboard_teams(request.user) is not None,
            "may_set_objectives": request.user.has_perm(CHANGE_OBJECTIVE),
        }
    )
    return render(request, "improvement/dashboard.html", context)


@login_required
@permission_required(CHANGE_OBJECTIVE, raise_exception=True)
def objectives(request):
    rows = Objective.objects.select_related("team", "updated_by")
    return render(request, "improvement/objectives.html", {"objectives": rows})


@login_required
@permission_required(CHANGE_OBJECTIVE, raise_exception=True)
def objective_edit(request, pk: int | None = None):
    objective = get_object_or_404(Objective, pk=pk) if pk else Objective()
    form = ObjectiveForm(request.POST or None, instance=objective)
    if request.method == "POST" and form.is_valid():
        services.objective_save(objective=form.save(commit=False), actor=request.user)
        messages.success(request, _("Objective saved."))
        return redirect("improvement:objectives")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "improvement/objective_form.html",
        {"form": form, "objective": objective},
        status=status,
    )


@login_required
@permission_required(CHANGE_OBJECTIVE, raise_exception=True)
@require_POST
def objective_delete(request, pk: int):
    objective = get_object_or_404(Objective, pk=pk)
    services.objective_delete(objective=objective)
    messages.success(request, _("Objective deleted."))
    return redirect("improvement:objectives")
