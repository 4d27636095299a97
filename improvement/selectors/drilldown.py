"""The staff search's filters that the dashboard's figures drill down with (ISO 10002 8.4:
every figure lists exactly the cases behind it).

Each is a `search.conditions.Condition` registered in `apps.py`: a query-string parameter
of the staff search whose rule reads the KPI facts (`CaseFacts`, `StepFacts`) with the same
conditions the figures are counted with (`indicators.kpis_for`, `deadlines.step_counts`),
so the number a figure shows and the number of cases its link lists are the same. The search
applies them among the cases the person may see, on every backend.

`figure_params` gives, per figure, the parameters of its link (and of the link to the cases
it is a share of, for rates).
"""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from search.conditions import (
    Condition,
    choice_parse,
    date_parse,
    date_text,
    period_parse,
    period_value,
)
from workflow import steps
from workflow.models import Case

from ..models import CaseFacts, StepFacts, facts_missing_fill
from .scope import period_bounds

YES, NO = "yes", "no"
# Steps against their recorded deadline (`deadlines.step_counts`): done within it, late
# (done after it, or open past it while the case is open), either of those (measured).
WITHIN, LATE, MEASURED = "within", "late", "measured"
ALL_STEPS = "all"


def _cases(rule: Q) -> Q:
    """The cases whose facts meet `rule` (facts written first for cases that have none)."""
    facts_missing_fill()
    return Q(pk__in=CaseFacts.objects.filter(rule).values("case_id"))


def _yes_no(yes, no):
    """The labels of "yes" and "no" (lazy translations, read in the current language)."""

    def labels() -> dict[str, str]:
        return {YES: str(yes), NO: str(no)}

    return labels


def _period_text(period) -> str:
    return _("from %(start)s to %(end)s") % {
        "start": date_text(period[0]),
        "end": date_text(period[1]),
    }


# closed: "yes" (closed now), "ever" (closed now or taken up again after closing), or a
# period in which the case was closed.
def _closed_parse(value: str):
    if value in (YES, "ever"):
        return value
    return period_parse(value)


def _closed_describe(value) -> str:
    if value == YES:
        return _("closed")
    if value == "ever":
        return _("closed at least once (now, or before it was taken up again)")
    return _("closed %(period)s") % {"period": _period_text(value)}


def _closed_rule(value, now) -> Q:
    if value == YES:
        return _cases(Q(closed_at__isnull=False))
    if value == "ever":
        return _cases(Q(closed_at__isnull=False) | Q(reopened__gt=0))
    start, end = period_bounds(*value)
    return _cases(Q(closed_at__gte=start, closed_at__lt=end))


# open_on: a day; the cases received by its end and not closed by then (the backlog).
def _open_rule(day, now) -> Q:
    _start, end = period_bounds(day, day)
    return _cases(Q(received_at__lt=end) & (Q(closed_at__isnull=True) | Q(closed_at__gte=end)))


# The acknowledgement and the decision, in working hours on the team's calendar.
def _acknowledged_rule(value, now) -> Q:
    return _cases(Q(ack_hours__isnull=value == NO))


def _ack_within_day_rule(value, now) -> Q:
    return _cases(Q(ack_hours__isnull=False, ack_within_day=value == YES))


def _decided_rule(value, now) -> Q:
    return _cases(Q(decide_hours__isnull=value == NO))


def decided_late(now) -> Q:
    """As `indicators.kpis_for` counts a decision late: a step up to the decision done
    late, or still open past its recorded deadline while the case is open."""
    return Q(resolution_late=True) | Q(resolution_open_due__lt=now, closed_at__isnull=True)


def _decided_in_time_rule(value, now) -> Q:
    late = decided_late(now)
    return _cases(Q(decide_hours__isnull=False) & (~late if value == YES else late))


REPLIES = (Case.Reply.ACCEPTED, Case.Reply.CONTESTED, Case.Reply.LAPSED)
REVIEWS = (Case.ReviewResult.UPHELD, Case.ReviewResult.CHANGED)


def _reply_labels() -> dict[str, str]:
    return {"any": _("any reply"), **{str(reply.value): str(reply.label) for reply in REPLIES}}


def _reply_rule(value, now) -> Q:
    return _cases(Q(reply__in=[str(r) for r in REPLIES]) if value == "any" else Q(reply=value))


def _review_labels() -> dict[str, str]:
    return {"any": _("reviewed"), **{str(result.value): str(result.label) for result in REVIEWS}}


def _review_rule(value, now) -> Q:
    if value == "any":
        return _cases(Q(review_result__in=[str(r) for r in REVIEWS]))
    return _cases(Q(review_result=value))


def _compensated_rule(value, now) -> Q:
    paid = Q(compensation__gt=0)
    return _cases(Q(closed_at__isnull=False) & (paid if value == YES else ~paid))


def _survey_rule(value, now) -> Q:
    return _cases(Q(closed_at__isnull=False, survey_overall__isnull=value == NO))


def _reopened_rule(value, now) -> Q:
    return _cases(Q(reopened__gt=0) if value == YES else Q(reopened=0))


# steps: "STEP:OUTCOME:FIRST/LAST", the cases with a step (or any step: "all") started in
# the period whose outcome against its recorded deadline is within, late or either.
def _step_labels() -> dict[str, str]:
    return {ALL_STEPS: _("any step"), **{step.key: str(step.title) for step in steps.STEPS}}


def _outcome_labels() -> dict[str, str]:
    return {
        WITHIN: _("done within its deadline"),
        LATE: _("done late or open past its deadline"),
        MEASURED: _("done, or open past its deadline"),
    }


def _steps_parse(value: str):
    step, _sep, rest = value.partition(":")
    outcome, _sep, period = rest.partition(":")
    return (
        choice_parse(step, _step_labels()),
        choice_parse(outcome, _outcome_labels()),
        period_parse(period),
    )


def _steps_describe(value) -> str:
    step, outcome, period = value
    return _("%(step)s started %(period)s, %(outcome)s") % {
        "step": _step_labels()[step],
        "period": _period_text(period),
        "outcome": _outcome_labels()[outcome],
    }


def _steps_rule(value, now) -> Q:
    step, outcome, period = value
    start, end = period_bounds(*period)
    within = Q(result=StepFacts.Result.WITHIN)
    # As `deadlines.step_counts` counts a step late.
    late = Q(result=StepFacts.Result.LATE) | Q(
        result=StepFacts.Result.OPEN, due_at__lt=now, case_open=True
    )
    rule = {WITHIN: within, LATE: late, MEASURED: within | late}[outcome]
    rule &= Q(started_at__gte=start, started_at__lt=end)
    if step != ALL_STEPS:
        rule &= Q(step=step)
    facts_missing_fill()
    return Q(pk__in=StepFacts.objects.filter(rule).values("case_id"))


def _choice(labels):
    return lambda value: choice_parse(value, labels())


def _label(labels):
    return lambda value: labels()[value]


def conditions() -> list[Condition]:
    """The conditions to register with the staff search (`apps.py`)."""
    acknowledged = _yes_no(gettext_lazy("acknowledged"), gettext_lazy("not acknowledged yet"))
    within_day = _yes_no(
        gettext_lazy("acknowledged within one working day"),
        gettext_lazy("acknowledged after more than one working day"),
    )
    decided = _yes_no(gettext_lazy("decided"), gettext_lazy("not decided yet"))
    in_time = _yes_no(gettext_lazy("decided within its deadline"), gettext_lazy("decided late"))
    compensated = _yes_no(
        gettext_lazy("closed with compensation paid"), gettext_lazy("closed without compensation")
    )
    survey = _yes_no(
        gettext_lazy("closed, survey answered"), gettext_lazy("closed, survey not answered")
    )
    reopened = _yes_no(
        gettext_lazy("taken up again after it was closed"), gettext_lazy("never taken up again")
    )
    return [
        Condition("closed", lambda: _("Closed"), _closed_parse, _closed_describe, _closed_rule),
        Condition(
            "open_on",
            lambda: _("Open at the end of a day"),
            date_parse,
            lambda day: (
                _("received by the end of %(day)s and not closed by then") % {"day": date_text(day)}
            ),
            _open_rule,
        ),
        Condition(
            "acknowledged",
            lambda: _("Acknowledgement"),
            _choice(acknowledged),
            _label(acknowledged),
            _acknowledged_rule,
        ),
        Condition(
            "ack_within_day",
            lambda: _("Acknowledged within one working day"),
            _choice(within_day),
            _label(within_day),
            _ack_within_day_rule,
        ),
        Condition(
            "decided", lambda: _("Decision"), _choice(decided), _label(decided), _decided_rule
        ),
        Condition(
            "decided_in_time",
            lambda: _("Decided within its deadline"),
            _choice(in_time),
            _label(in_time),
            _decided_in_time_rule,
        ),
        Condition(
            "reply",
            lambda: _("Complainant's reply"),
            _choice(_reply_labels),
            _label(_reply_labels),
            _reply_rule,
        ),
        Condition(
            "review",
            lambda: _("Review of the decision"),
            _choice(_review_labels),
            _label(_review_labels),
            _review_rule,
        ),
        Condition(
            "compensated",
            lambda: _("Compensation"),
            _choice(compensated),
            _label(compensated),
            _compensated_rule,
        ),
        Condition(
            "survey",
            lambda: _("Satisfaction survey"),
            _choice(survey),
            _label(survey),
            _survey_rule,
        ),
        Condition(
            "reopened",
            lambda: _("Taken up again"),
            _choice(reopened),
            _label(reopened),
            _reopened_rule,
        ),
        Condition(
            "steps",
            lambda: _("Steps against their deadline"),
            _steps_parse,
            _steps_describe,
            _steps_rule,
        ),
    ]


# The links of the figures ----------------------------------------------------------------


def steps_value(step: str, outcome: str, start: datetime.date, end: datetime.date) -> str:
    return f"{step}:{outcome}:{period_value(start, end)}"


def closed_value(start: datetime.date, end: datetime.date) -> str:
    return period_value(start, end)
