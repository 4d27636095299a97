"""Filters the staff search takes from the apps above it: each a query-string parameter
whose value selects cases by what another app knows of them (the improvement dashboard's
drill-down: closed in a period, reply, review result, acknowledged within a working day,
decided within its deadline, a step's outcome against its deadline...).

An app registers its conditions in its `ready()` (as the outbox's channels do), so that the
search never imports the app: a condition names its parameter, its title, says what a
value means (a translated chip) or why it is refused (`ValidationError`, a translated 400),
and gives the rule as a condition on `workflow.Case` (a `Q`). Every backend applies that
rule the same way, inside its query, together with the person's visibility rule: the
database backend as a subquery of the same statement, the engines through the ids of the
cases it selects among those the person may see (at most `MAX_CONDITION_CASES`).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _

# The most cases an engine is asked to select by id (below the engines' own limit on the
# terms of one query, 65,536): beyond, the search asks for a narrower one.
MAX_CONDITION_CASES = 50_000

# A value longer than this is refused unread.
MAX_VALUE = 100

# The dates a search takes: a day after the last one must still be a date (9999-12-31
# answered 500), and no case is older than the first.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(9998, 12, 31)


@dataclass(frozen=True)
class Condition:
    """One filter: `parse` turns a value into what `rule` and `describe` take, or raises
    `ValidationError` (translated) for a value it does not take."""

    name: str
    title: Callable[[], str]
    parse: Callable[[str], object]
    describe: Callable[[object], str]
    rule: Callable[[object, datetime.datetime], Q]


_registry: dict[str, Condition] = {}


def condition_register(condition: Condition) -> None:
    """Register a condition (an app's `ready()`); a second one of the same name replaces
    the first (a reload)."""
    _registry[condition.name] = condition


def condition_names() -> tuple[str, ...]:
    return tuple(_registry)


def condition_get(name: str) -> Condition | None:
    return _registry.get(name)


def condition_parse(name: str, value: str):
    """The parsed value, or ValidationError (also for a condition that is not registered
    and for a value longer than MAX_VALUE)."""
    condition = _registry.get(name)
    if condition is None or len(value) > MAX_VALUE:
        raise ValidationError("unknown", code="condition")
    return condition.parse(value)


def conditions_q(conditions: tuple[tuple[str, str], ...], now: datetime.datetime) -> Q | None:
    """The rule of every condition (AND), None without any. A value that does not parse
    selects nothing (the form has refused it already: never searched as if absent)."""
    if not conditions:
        return None
    rule = Q()
    for name, value in conditions:
        try:
            parsed = condition_parse(name, value)
        except ValidationError:
            return Q(pk__in=[])
        rule &= _registry[name].rule(parsed, now)
    return rule


# Values shared by the apps' conditions ----------------------------------------------------


def date_parse(value: str) -> datetime.date:
    """A day written YYYY-MM-DD, from EARLIEST_DATE to LATEST_DATE."""
    try:
        day = datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not a date (write it as YYYY-MM-DD).") % {"value": value[:40]},
            code="date",
        ) from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            _("Enter a date from %(earliest)s to %(latest)s.")
            % {"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
            code="date_range",
        )
    return day


def period_parse(value: str) -> tuple[datetime.date, datetime.date]:
    """Two days, both included, written FIRST/LAST (ISO 8601's interval)."""
    first, separator, last = value.partition("/")
    if not separator:
        raise ValidationError(
            _("“%(value)s” is not a period (write it as YYYY-MM-DD/YYYY-MM-DD).")
            % {"value": value[:40]},
            code="period",
        )
    start, end = date_parse(first), date_parse(last)
    if start > end:
        raise ValidationError(
            _("The end date must be on or after the start date."), code="period_order"
        )
    return start, end


def period_value(start: datetime.date, end: datetime.date) -> str:
    return f"{start.isoformat()}/{end.isoformat()}"


def date_text(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def choice_parse(value: str, choices: dict[str, str]) -> str:
    """One of `choices` (value → its translated label)."""
    if value not in choices:
        raise ValidationError(
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": value[:40], "choices": ", ".join(choices)},
            code="choice",
        )
    return value
