"""Durations in working hours on each team's calendar (workflow.deadlines)."""

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q, QuerySet

from workflow.deadlines import WorkCalendar
from workflow.models import Holiday, Team


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


def durations_of(cases: QuerySet) -> Durations:
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
