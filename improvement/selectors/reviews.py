"""Management reviews (ISO 10002 5.2, 8.6): the inputs a review is based on, taken from the
other selectors and frozen as plain JSON (`review_inputs`), and what the pack shows of them
in the reader's language (`pack_view`, `pack_csv_rows`).

The inputs keep codes and numbers, not words: labels are translated when the pack is read,
so one frozen set of figures gives the pack in every language. Names people typed (root
causes are translated in the CMS) are frozen in every language."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import CharField, Count, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from workflow.models import Case, CaseEvent, RootCause

from .. import kpis
from ..models import (
    ActionLogEntry,
    AuditFinding,
    CorrectiveAction,
    ManagementReview,
    Objective,
)
from .indicators import kpis_for
from .satisfaction import QUESTIONS, question_label, satisfaction_for
from .scope import Scope, period_bounds
from .trends import monthly_trends

# The version of the inputs' layout (a pack reads the layout it was frozen with).
INPUTS_VERSION = 1
# How many root causes the pack lists (most complaints first).
TOP_CAUSES = 10
# How many actions and findings the pack lists at most (the counts cover them all).
ROWS_MAX = 50


def _json_number(value):
    if isinstance(value, Decimal):
        return str(value)
    return value


def _names(obj) -> dict[str, str]:
    """`str(obj)` in every language (a translated CMS name)."""
    names = {}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            names[code] = str(obj)
    return names


def _kpis(start, end, now) -> list[dict]:
    report = kpis_for(start, end, Scope(), None, now=now)
    rows = []
    for figure in report.figures:
        target = figure.target
        rows.append(
            {
                "code": figure.code,
                "unit": figure.unit,
                "actual": _json_number(figure.actual),
                "numerator": figure.numerator,
                "denominator": figure.denominator,
                "target": str(target.target) if target else None,
                "direction": target.direction if target else None,
                "met": figure.met,
            }
        )
    return rows


def _months(start, end, now) -> list[dict]:
    return [
        {
            "month": row.month.isoformat(),
            "received": row.received,
            "closed": row.closed,
            "steps_within": row.steps_within,
            "steps_measured": row.steps_measured,
        }
        for row in monthly_trends(start, end, Scope(), None, now=now)
    ]


def _causes(bounds) -> dict:
    """The root causes of the complaints received in the period, most first (one query
    for the counts, one for the names)."""
    cohort = Case.objects.filter(
        received_at__gte=bounds[0], received_at__lt=bounds[1], merged_into__isnull=True
    )
    totals = cohort.aggregate(
        received=Count("pk"), classified=Count("pk", filter=Q(cause__isnull=False))
    )
    counted = list(
        cohort.filter(cause__isnull=False)
        .order_by()
        .values("cause_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "cause_id")[:TOP_CAUSES]
    )
    causes = RootCause.objects.select_related("parent").in_bulk(
        [row["cause_id"] for row in counted]
    )
    return {
        "received": totals["received"],
        "classified": totals["classified"],
        "top": [
            {
                "id": row["cause_id"],
                "code": causes[row["cause_id"]].code,
                "names": _names(causes[row["cause_id"]]),
                "count": row["n"],
            }
            for row in counted
        ],
    }


def _actions(bounds, now) -> dict:
    """Corrective and preventive actions: opened, completed, checked (effective or not)
    and cancelled in the period; open and overdue when the figures were taken."""
    start, end = bounds
    today = timezone.localdate(now)
    in_period = {"gte": start, "lt": end}

    def during(field):
        return Q(**{f"{field}__{op}": value for op, value in in_period.items()})

    open_statuses = list(CorrectiveAction.OPEN_STATUSES)
    counts = CorrectiveAction.objects.aggregate(
        opened=Count("pk", filter=during("created_at")),
        completed=Count("pk", filter=during("completed_at")),
        effective=Count(
            "pk", filter=during("checked_at") & Q(status=CorrectiveAction.Status.EFFECTIVE)
        ),
        not_effective=Count(
            "pk", filter=during("checked_at") & Q(status=CorrectiveAction.Status.NOT_EFFECTIVE)
        ),
        open_now=Count("pk", filter=Q(status__in=open_statuses)),
        overdue_now=Count("pk", filter=Q(status__in=open_statuses, due_on__lt=today)),
    )
    counts["cancelled"] = (
        ActionLogEntry.objects.filter(
            during("created_at"),
            kind=ActionLogEntry.Kind.STATUS,
            data__to=CorrectiveAction.Status.CANCELLED,
        )
        .values("action_id")
        .distinct()
        .count()
    )
    touched = (
        CorrectiveAction.objects.filter(
            during("created_at") | during("completed_at") | during("checked_at")
        )
        .select_related("owner", "root_cause__parent")
        .order_by("pk")[:ROWS_MAX]
    )
    counts["rows"] = [
        {
            "number": action.number,
            "id": action.pk,
            "title": action.title,
            "kind": action.kind,
            "status": action.status,
            "owner": action.owner.get_full_name() or action.owner.get_username(),
            "due_on": action.due_on.isoformat(),
            "cause": _names(action.root_cause) if action.root_cause else None,
            "recurrence_before": action.recurrence_before,
            "recurrence_after": action.recurrence_after,
        }
        for action in touched
    ]
    return counts


def _escalations(bounds, kpi_rows) -> dict:
    """Escalations by level: of the cases received in the period (the KPIs), and the
    escalations that happened in the period (history events, one query)."""
    events = (
        CaseEvent.objects.filter(
            kind=CaseEvent.Kind.ESCALATED, created_at__gte=bounds[0], created_at__lt=bounds[1]
        )
        .annotate(level=Cast(KT("data__level"), CharField(max_length=4)))
        .order_by()
        .values("level")
        .annotate(n=Count("pk"))
    )
    by_level = {str(row["level"]): row["n"] for row in events}
    figures = {row["code"]: row["actual"] for row in kpi_rows}
    return {
        "cases_level_1": figures.get("escalated_level_1", 0),
        "cases_level_2": figures.get("escalated_level_2", 0),
        "events_level_1": by_level.get("1", 0),
        "events_level_2": by_level.get("2", 0),
    }


def _findings(start, end) -> dict:
    """The findings of the internal audits carried out in the period, open or closed when
    the figures were taken, by severity; and those of earlier audits still open."""
    findings = AuditFinding.objects.filter(audit__audited_on__gte=start, audit__audited_on__lte=end)
    done = AuditFinding.Status.DONE
    by_severity = {
        row["severity"]: row
        for row in findings.order_by()
        .values("severity")
        .annotate(
            open=Count("pk", filter=~Q(status=done)), closed=Count("pk", filter=Q(status=done))
        )
    }
    earlier_open = (
        AuditFinding.objects.filter(audit__audited_on__lt=start).exclude(status=done).count()
    )
    rows = findings.select_related("audit").order_by("audit__audited_on", "pk")[:ROWS_MAX]
    return {
        "by_severity": [
            {
                "severity": severity,
                "open": by_severity.get(severity, {}).get("open", 0),
                "closed": by_severity.get(severity, {}).get("closed", 0),
            }
            for severity in AuditFinding.Severity.values
        ],
        "earlier_open": earlier_open,
        "rows": [
            {
                "audit": finding.audit.title,
                "audited_on": finding.audit.audited_on.isoformat(),
                "severity": finding.severity,
                "description": finding.description,
                "action": finding.action,
                "status": finding.status,
                "due_on": finding.due_on.isoformat() if finding.due_on else None,
            }
            for finding in rows
        ],
    }


def _satisfaction(start, end) -> dict:
    report = satisfaction_for(start, end, None, None)
    total = report.total
    return {
        "invited": total.invited,
        "answered": total.answered,
        "response_rate": total.response_rate,
        "low": total.low,
        "awaiting_follow_up": total.awaiting_follow_up,
        "means": dict(total.means),
        "mean_all": total.mean_all,
        "distribution": {row.question: list(row.counts) for row in report.distribution},
    }


def previous_review(start: datetime.date, *, exclude: int | None = None):
    """The latest signed-off review of a period that started before `start`."""
    reviews = ManagementReview.objects.filter(
        status=ManagementReview.Status.SIGNED_OFF, period_start__lt=start
    )
    if exclude:
        reviews = reviews.exclude(pk=exclude)
    return reviews.order_by("-period_end", "-signed_off_at", "-pk").first()


def _previous(start, exclude) -> dict | None:
    review = previous_review(start, exclude=exclude)
    if review is None:
        return None
    decisions = review.decisions.select_related("owner", "corrective_action").order_by("pk")
    return {
        "id": review.pk,
        "period": [review.period_start.isoformat(), review.period_end.isoformat()],
        "meeting_date": review.meeting_date.isoformat() if review.meeting_date else None,
        "recommendations": review.recommendations,
        "decisions": [
            {
                "text": decision.text,
                "owner": (
                    decision.owner.get_full_name() or decision.owner.get_username()
                    if decision.owner
                    else ""
                ),
                "due_on": decision.due_on.isoformat() if decision.due_on else None,
                "action": (
                    {
                        "number": decision.corrective_action.number,
                        "id": decision.corrective_action.pk,
                        "status": decision.corrective_action.status,
                    }
                    if decision.corrective_action
                    else None
                ),
            }
            for decision in decisions
        ],
    }


def review_inputs(
    start: datetime.date,
    end: datetime.date,
    *,
    now: datetime.datetime | None = None,
    review_id: int | None = None,
) -> dict:
    """Every figure of the pack for the period, over every case (the review is the whole
    organisation's), as plain JSON: KPIs against objectives, trends by month, top root
    causes, corrective actions, satisfaction, escalations by level, internal-audit
    findings and the previous review's decisions. About thirty queries, however many cases."""
    now = now or timezone.now()
    bounds = period_bounds(start, end)
    kpi_rows = _kpis(start, end, now)
    return {
        "version": INPUTS_VERSION,
        "taken_at": now.isoformat(),
        "period": [start.isoformat(), end.isoformat()],
        "kpis": kpi_rows,
        "months": _months(start, end, now),
        "causes": _causes(bounds),
        "actions": _actions(bounds, now),
        "satisfaction": _satisfaction(start, end),
        "escalations": _escalations(bounds, kpi_rows),
        "findings": _findings(start, end),
        "previous": _previous(start, review_id),
    }


def reviews_list():
    return ManagementReview.objects.select_related("signed_off_by", "created_by").annotate(
        decision_count=Count("decisions")
    )


def review_get(pk: int) -> ManagementReview | None:
    return (
        ManagementReview.objects.select_related("created_by", "signed_off_by")
        .prefetch_related("attendees")
        .filter(pk=pk)
        .first()
    )


def review_decisions(review: ManagementReview) -> list:
    return list(review.decisions.select_related("owner", "corrective_action").order_by("pk"))


# --- What the pack shows, in the active language ------------------------------------------


def number_text(value, unit: str) -> str:
    """A figure as people read it, in the active language."""
    if value is None:
        return "—"
    if isinstance(value, str):
        value = Decimal(value)
    if unit == kpis.COUNT:
        if value == int(value):
            value = int(value)
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    if unit == kpis.MONEY:
        return formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    decimals = 2 if unit == kpis.SCORE else 1
    number = formats.number_format(value, decimal_pos=decimals, use_l10n=True)
    if unit == kpis.PERCENT:
        return _("%(number)s %%") % {"number": number}
    if unit == kpis.HOURS:
        return _("%(number)s working hours") % {"number": number}
    if unit == kpis.SCORE:
        return _("%(number)s of 5") % {"number": number}
    return number


def _name(names: dict | None) -> str:
    if not names:
        return ""
    return names.get(translation.get_language()) or names.get("en") or next(iter(names.values()))


def _date(value: str | None):
    return datetime.date.fromisoformat(value) if value else None


def _direction(code: str | None) -> str:
    if not code:
        return ""
    return str(Objective.Direction(code).label)


def pack_view(inputs: dict) -> dict:
    """The frozen inputs labelled in the active language, for the page and the PDF."""
    kpi_rows = []
    for row in inputs["kpis"]:
        spec = kpis.KPI.get(row["code"])
        kpi_rows.append(
            {
                **row,
                "label": str(spec.label) if spec else row["code"],
                "actual_text": number_text(row["actual"], row["unit"]),
                "counted": (
                    _("%(part)s of %(whole)s")
                    % {"part": row["numerator"], "whole": row["denominator"]}
                    if row["numerator"] is not None and row["denominator"] is not None
                    else ""
                ),
                "objective": (
                    f"{_direction(row['direction'])} {number_text(row['target'], row['unit'])}"
                    if row["target"] is not None
                    else ""
                ),
            }
        )
    months = []
    for row in inputs["months"]:
        month = _date(row["month"])
        within = (
            round(100 * row["steps_within"] / row["steps_measured"], 1)
            if row["steps_measured"]
            else None
        )
        months.append(
            {
                **row,
                "date": month,
                "label": formats.date_format(month, "YEAR_MONTH_FORMAT"),
                "short": formats.date_format(month, "M Y"),
                "within_rate": within,
                "within_text": number_text(within, kpis.PERCENT),
            }
        )
    causes = inputs["causes"]
    action_status = dict(CorrectiveAction.Status.choices)
    action_kind = dict(CorrectiveAction.Kind.choices)
    actions = inputs["actions"]
    findings = inputs["findings"]
    severity = dict(AuditFinding.Severity.choices)
    finding_status = dict(AuditFinding.Status.choices)
    satisfaction = inputs["satisfaction"]
    previous = inputs.get("previous")
    return {
        "taken_at": datetime.datetime.fromisoformat(inputs["taken_at"]),
        "period_start": _date(inputs["period"][0]),
        "period_end": _date(inputs["period"][1]),
        "kpis": kpi_rows,
        "objectives_set": any(row["target"] is not None for row in kpi_rows),
        "months": months,
        "causes": {
            "received": causes["received"],
            "classified": causes["classified"],
            "top": [{**row, "name": _name(row["names"])} for row in causes["top"]],
        },
        "actions": {
            "summary": [
                (_("Opened in the period"), actions["opened"]),
                (_("Completed in the period"), actions["completed"]),
                (_("Checked in the period: effective"), actions["effective"]),
                (_("Checked in the period: not effective"), actions["not_effective"]),
                (_("Cancelled in the period"), actions["cancelled"]),
                (_("Open when the figures were taken"), actions["open_now"]),
                (_("Overdue when the figures were taken"), actions["overdue_now"]),
            ],
            "rows": [
                {
                    **row,
                    "status_label": str(action_status.get(row["status"], row["status"])),
                    "kind_label": str(action_kind.get(row["kind"], row["kind"])),
                    "due": _date(row["due_on"]),
                    "cause_name": _name(row["cause"]),
                }
                for row in actions["rows"]
            ],
        },
        "satisfaction": {
            **satisfaction,
            "summary": [
                (_("Surveys sent (cases closed in the period)"), satisfaction["invited"]),
                (_("Surveys answered"), satisfaction["answered"]),
                (
                    _("Response rate"),
                    number_text(satisfaction["response_rate"], kpis.PERCENT),
                ),
                (_("Mean of all answers"), number_text(satisfaction["mean_all"], kpis.SCORE)),
                (_("Responses with a low score"), satisfaction["low"]),
                (_("Low scores awaiting a follow-up"), satisfaction["awaiting_follow_up"]),
            ],
            "questions": [
                {
                    "label": question_label(question),
                    "mean": number_text(satisfaction["means"].get(question), kpis.SCORE),
                    "counts": satisfaction["distribution"].get(question, []),
                }
                for question in QUESTIONS
            ],
        },
        "escalations": [
            (
                _("Level 1 (the supervisor)"),
                inputs["escalations"]["cases_level_1"],
                inputs["escalations"]["events_level_1"],
            ),
            (
                _("Level 2 (the complaints manager)"),
                inputs["escalations"]["cases_level_2"],
                inputs["escalations"]["events_level_2"],
            ),
        ],
        "findings": {
            "by_severity": [
                {**row, "label": str(severity.get(row["severity"], row["severity"]))}
                for row in findings["by_severity"]
            ],
            "earlier_open": findings["earlier_open"],
            "rows": [
                {
                    **row,
                    "severity_label": str(severity.get(row["severity"], row["severity"])),
                    "status_label": str(finding_status.get(row["status"], row["status"])),
                    "date": _date(row["audited_on"]),
                    "due": _date(row["due_on"]),
                }
                for row in findings["rows"]
            ],
        },
        "previous": (
            {
                **previous,
                "start": _date(previous["period"][0]),
                "end": _date(previous["period"][1]),
                "meeting": _date(previous["meeting_date"]),
                "decisions": [
                    {
                        **decision,
                        "due": _date(decision["due_on"]),
                        "action_status": (
                            str(action_status.get(decision["action"]["status"], ""))
                            if decision["action"]
                            else ""
                        ),
                    }
                    for decision in previous["decisions"]
                ],
            }
            if previous
            else None
        ),
    }


def pack_csv_rows(inputs: dict) -> tuple[list[str], list[list]]:
    """The frozen figures, one row per figure: section, code, figure, period, scope,
    value, unit, target, met (header and rows, in the active language)."""
    view = pack_view(inputs)
    start, end = inputs["period"]
    everything = _("Every case")
    yes, no = _("yes"), _("no")
    header = [
        _("Section"),
        _("Code"),
        _("Figure"),
        _("Period from"),
        _("Period until"),
        _("Scope"),
        _("Value"),
        _("Unit"),
        _("Objective"),
        _("Met"),
    ]
    rows = []

    def add(section, code, label, value, *, unit="count", scope=everything, period=None, **kw):
        first, last = period or (start, end)
        met = kw.get("met")
        rows.append(
            [
                section,
                code,
                label,
                first,
                last,
                scope,
                "" if value is None else value,
                unit,
                kw.get("target") or "",
                "" if met is None else (yes if met else no),
            ]
        )

    section = _("Indicators against objectives")
    for row in view["kpis"]:
        target = (
            f"{_direction(row['direction'])} {row['target']}" if row["target"] is not None else ""
        )
        add(
            section,
            row["code"],
            row["label"],
            row["actual"],
            unit=row["unit"],
            target=target,
            met=row["met"],
        )
    section = _("Trends by month")
    for row in view["months"]:
        month = row["date"]
        last = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        period = (max(month.isoformat(), start), min(last.isoformat(), end))
        add(section, "received", _("Received"), row["received"], period=period)
        add(section, "closed", _("Closed"), row["closed"], period=period)
        add(
            section,
            "steps_within_deadline",
            _("Steps done within their deadline"),
            row["within_rate"],
            unit=kpis.PERCENT,
            period=period,
        )
    section = _("Root causes")
    causes = view["causes"]
    add(section, "received", _("Complaints received"), causes["received"])
    add(section, "classified", _("Classified by root cause"), causes["classified"])
    for row in causes["top"]:
        add(
            section,
            f"cause:{row['code']}",
            _("Complaints of this root cause"),
            row["count"],
            scope=pgettext("management review", "Root cause: %(name)s") % {"name": row["name"]},
        )
    section = _("Corrective and preventive actions")
    codes = ("opened", "completed", "effective", "not_effective", "cancelled", "open_now")
    for code, (label, value) in zip(
        (*codes, "overdue_now"), view["actions"]["summary"], strict=True
    ):
        add(section, f"actions:{code}", label, value)
    section = _("Satisfaction")
    figures = inputs["satisfaction"]
    add(
        section,
        "survey:invited",
        _("Surveys sent (cases closed in the period)"),
        figures["invited"],
    )
    add(section, "survey:answered", _("Surveys answered"), figures["answered"])
    add(
        section,
        "survey:response_rate",
        _("Response rate"),
        figures["response_rate"],
        unit=kpis.PERCENT,
    )
    for question in QUESTIONS:
        add(
            section,
            f"survey:mean_{question}",
            question_label(question),
            figures["means"].get(question),
            unit=kpis.SCORE,
        )
    add(section, "survey:mean_all", _("Mean of all answers"), figures["mean_all"], unit=kpis.SCORE)
    add(section, "survey:low", _("Responses with a low score"), figures["low"])
    section = _("Escalations")
    escalations = inputs["escalations"]
    for level in ("1", "2"):
        add(
            section,
            f"escalations:cases_level_{level}",
            _("Cases received in the period escalated to level %(level)s or above")
            % {"level": level},
            escalations[f"cases_level_{level}"],
        )
        add(
            section,
            f"escalations:events_level_{level}",
            _("Escalations to level %(level)s in the period") % {"level": level},
            escalations[f"events_level_{level}"],
        )
    section = _("Internal audit findings")
    for row in view["findings"]["by_severity"]:
        add(section, f"findings:{row['severity']}:open", _("Open"), row["open"], scope=row["label"])
        add(
            section,
            f"findings:{row['severity']}:closed",
            _("Closed"),
            row["closed"],
            scope=row["label"],
        )
    add(
        section,
        "findings:earlier_open",
        _("Findings of earlier audits still open"),
        view["findings"]["earlier_open"],
    )
    return header, rows
