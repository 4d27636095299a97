"""The key performance indicators the system computes (ISO 10002 6.2, 8.4): one place.

Objectives name a KPI by its code (`improvement.models.Objective.kpi`); the selectors
(`improvement.selectors`) compute each one per period and scope. Adding a KPI means a row
here and its figure in `selectors.kpis_for`. This module imports no model: the models read it.
"""

from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workflow import steps

# Units: how a figure is read and shown.
COUNT = "count"
PERCENT = "percent"
HOURS = "hours"  # working hours on the owning team's calendar
SCORE = "score"  # 1 to 5
MONEY = "money"

# Which way is better (the direction an objective usually takes).
HIGHER = "higher"
LOWER = "lower"


@dataclass(frozen=True)
class Kpi:
    code: str
    label: str
    unit: str
    better: str | None  # HIGHER, LOWER, or None for a plain volume
    help: str = ""


def _step_label(title) -> str:
    return gettext("%(step)s done within its deadline") % {"step": title}


def _step_help(title) -> str:
    text = gettext("Of the “%(step)s” steps started in the period, done or past their deadline.")
    return text % {"step": title}


# Translated when read, in the reader's language (the step titles are lazy too).
_step_label_lazy = lazy(_step_label, str)
_step_help_lazy = lazy(_step_help, str)


def _step_kpi(step: steps.Step) -> Kpi:
    return Kpi(
        f"step_{step.key}_within_deadline",
        _step_label_lazy(step.title),
        PERCENT,
        HIGHER,
        _step_help_lazy(step.title),
    )


KPIS = (
    Kpi("received", _("Received"), COUNT, None, _("Cases received in the period.")),
    Kpi("closed", _("Closed"), COUNT, None, _("Cases closed in the period, whenever received.")),
    Kpi(
        "backlog",
        _("Open at the end of the period"),
        COUNT,
        LOWER,
        _("Cases received by the end of the period and not closed by then."),
    ),
    Kpi(
        "ack_within_day",
        _("Acknowledged within one working day"),
        PERCENT,
        HIGHER,
        _("Of the cases received in the period and acknowledged."),
    ),
    Kpi("ack_hours_median", _("Time to acknowledge, median"), HOURS, LOWER),
    Kpi("ack_hours_p90", _("Time to acknowledge, 90th percentile"), HOURS, LOWER),
    Kpi("decide_hours_median", _("Time to decide, median"), HOURS, LOWER),
    Kpi("decide_hours_p90", _("Time to decide, 90th percentile"), HOURS, LOWER),
    Kpi(
        "decided_within_deadline",
        _("Decided within deadline"),
        PERCENT,
        HIGHER,
        _(
            "Of the cases received in the period and decided: every step up to the decision "
            "done by the deadline promised when it started."
        ),
    ),
    Kpi(
        "steps_within_deadline",
        _("Steps done within their deadline"),
        PERCENT,
        HIGHER,
        _("Of the steps started in the period and done or past their deadline."),
    ),
    *(_step_kpi(step) for step in steps.STEPS),
    Kpi(
        "escalation_rate",
        _("Escalation rate"),
        PERCENT,
        LOWER,
        _("Of the cases received in the period: escalated at least once."),
    ),
    Kpi("escalated_level_1", _("Escalated to the supervisor"), COUNT, LOWER),
    Kpi("escalated_level_2", _("Escalated to the complaints manager"), COUNT, LOWER),
    Kpi("accepted", _("Decisions accepted"), COUNT, None),
    Kpi("contested", _("Decisions contested"), COUNT, None),
    Kpi("lapsed", _("Decisions without a reply in time"), COUNT, None),
    Kpi(
        "contest_rate",
        _("Contest rate"),
        PERCENT,
        LOWER,
        _("Of the decisions the complainant replied to or let lapse."),
    ),
    Kpi("review_upheld", _("Reviews: decision upheld"), COUNT, None),
    Kpi("review_changed", _("Reviews: decision changed"), COUNT, None),
    Kpi(
        "review_changed_rate",
        _("Reviews that changed the decision"),
        PERCENT,
        LOWER,
        _("Of the independent reviews completed."),
    ),
    Kpi(
        "compensation_paid",
        _("Compensation paid"),
        MONEY,
        None,
        _("Compensation of the closed cases (closing records that the decision was carried out)."),
    ),
    Kpi("compensation_cases", _("Cases with compensation paid"), COUNT, None),
    Kpi(
        "reopen_rate",
        _("Reopen rate"),
        PERCENT,
        LOWER,
        _(
            "Of the cases received in the period and closed: taken up again after closing "
            "(a merge undone)."
        ),
    ),
    Kpi(
        "survey_response_rate",
        _("Survey response rate"),
        PERCENT,
        HIGHER,
        _("Of the closed cases received in the period: survey answered."),
    ),
    Kpi(
        "survey_mean",
        _("Satisfaction, mean score (of 5)"),
        SCORE,
        HIGHER,
    ),
)
KPI = {kpi.code: kpi for kpi in KPIS}


def kpi_choices() -> list[tuple[str, str]]:
    return [(kpi.code, kpi.label) for kpi in KPIS]
