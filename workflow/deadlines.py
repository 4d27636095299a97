"""Deadlines of the process steps, from the case's priority (configuration, not code),
counted in working hours on the owning team's calendar: its working days and hours, its
time zone, and the holidays of the team and of everyone. The default priority and the
calendars are configuration kept per process for a minute (see `workflow.config`).
"""

import bisect
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.conf import settings
from django.db.models import Q

from . import steps
from .config import configured
from .models import Case, Holiday, Priority, Team

# A calendar with no working time at all must not loop for ever.
_MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class WorkCalendar:
    work_days: frozenset[int]
    starts: time
    ends: time
    tz: zoneinfo.ZoneInfo
    holidays: frozenset[date]

    @classmethod
    def of(cls, team: Team | None) -> "WorkCalendar":
        if team is None:
            return cls(
                frozenset(range(5)),
                time(9),
                time(17),
                zoneinfo.ZoneInfo(settings.TIME_ZONE),
                frozenset(Holiday.objects.filter(team=None).values_list("date", flat=True)),
            )
        holidays = Holiday.objects.filter(Q(team=None) | Q(team=team)).values_list(
            "date", flat=True
        )
        return cls(
            frozenset(int(day) for day in team.work_days.split(",") if day.strip()),
            team.day_starts,
            team.day_ends,
            zoneinfo.ZoneInfo(team.time_zone),
            frozenset(holidays),
        )

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.work_days and day not in self.holidays

    def describe(self, start: datetime, end: datetime) -> dict:
        """The calendar as a deadline was counted on it, for the history: its working week
        and hours, its time zone and the holidays between `start` and `end`."""
        first, last = start.astimezone(self.tz).date(), end.astimezone(self.tz).date()
        return {
            "time_zone": self.tz.key,
            "work_days": sorted(self.work_days),
            "day_starts": self.starts.isoformat(timespec="minutes"),
            "day_ends": self.ends.isoformat(timespec="minutes"),
            "holidays": sorted(day.isoformat() for day in self.holidays if first <= day <= last),
        }

    def add(self, start: datetime, hours: float) -> datetime:
        """The moment `hours` of working time after `start`."""
        remaining = timedelta(hours=hours)
        moment = start.astimezone(self.tz)
        for _day in range(_MAX_DAYS):
            day = moment.date()
            if self.is_working_day(day):
                opens = datetime.combine(day, self.starts, self.tz)
                closes = datetime.combine(day, self.ends, self.tz)
                moment = max(moment, opens)
                if moment < closes:
                    if remaining <= closes - moment:
                        return moment + remaining
                    remaining -= closes - moment
            moment = datetime.combine(day + timedelta(days=1), time(0), self.tz)
        # No working time configured (no working days, or a day that ends before it starts):
        # fall back to plain hours rather than never.
        return start + timedelta(hours=hours)

    @cached_property
    def _day_length(self) -> timedelta:
        return datetime.combine(date.min, self.ends) - datetime.combine(date.min, self.starts)

    @property
    def day_hours(self) -> float:
        """The working hours of one working day (0 when the day ends before it starts)."""
        return max(self._day_length.total_seconds() / 3600, 0.0)

    @cached_property
    def _working_holidays(self) -> tuple[date, ...]:
        """The holidays that fall on working days, sorted (a holiday on a Sunday removes
        no working time)."""
        return tuple(sorted(day for day in self.holidays if day.weekday() in self.work_days))

    @cached_property
    def _week_rest(self) -> tuple[tuple[int, ...], ...]:
        """[first weekday][n]: the working days among n (< 7) days from that weekday."""
        return tuple(
            tuple(
                sum(1 for offset in range(rest) if (first + offset) % 7 in self.work_days)
                for rest in range(7)
            )
            for first in range(7)
        )

    def _working_days(self, first: date, last: date) -> int:
        """How many working days from `first` to `last`, both included (in constant time
        for the week days, logarithmic for the holidays: reports call it per case)."""
        if last < first:
            return 0
        weeks, rest = divmod((last - first).days + 1, 7)
        days = weeks * len(self.work_days) + self._week_rest[first.weekday()][rest]
        holidays = self._working_holidays
        return days - (bisect.bisect_right(holidays, last) - bisect.bisect_left(holidays, first))

    @staticmethod
    def _seconds(moment) -> float:
        return moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6

    @cached_property
    def _opens_closes(self) -> tuple[float, float]:
        return self._seconds(self.starts), self._seconds(self.ends)

    def hours_between(self, start: datetime, end: datetime) -> float:
        """The working hours from `start` to `end` (0 when `end` is not after `start`): the
        inverse of `add`, for reports of how long a step or a case took. Counted on the
        local wall clock, as `add` counts (reports call it per case: no datetimes made)."""
        if end <= start:
            return 0.0
        if self._day_length <= timedelta(0) or not self.work_days:
            # No working time configured: plain hours, as `add` falls back to.
            return (end - start).total_seconds() / 3600
        first, last = start.astimezone(self.tz), end.astimezone(self.tz)
        first_day, last_day = first.date(), last.date()
        opens, closes = self._opens_closes
        since, until = self._seconds(first), self._seconds(last)
        if first_day == last_day:
            if not self.is_working_day(first_day):
                return 0.0
            return max(0.0, min(until, closes) - max(since, opens)) / 3600
        worked = 0.0
        if self.is_working_day(first_day):
            worked += max(0.0, closes - max(since, opens))
        if self.is_working_day(last_day):
            worked += max(0.0, min(until, closes) - opens)
        between = self._working_days(first_day + timedelta(days=1), last_day - timedelta(days=1))
        return (worked + between * (closes - opens)) / 3600


def calendar_for(case: Case) -> WorkCalendar:
    """The calendar of the case's team, looked up once per case instance."""
    if "_work_calendar" not in case.__dict__:
        case._work_calendar = configured(
            ("calendar", case.team_id),
            lambda: WorkCalendar.of(case.team if case.team_id else None),
        )
    return case._work_calendar


def priority_for(case: Case) -> Priority | None:
    """The case's priority, or the default one until the assessment sets it."""
    if case.priority_id:
        return case.priority
    # Looked up once per case instance: the start of a process asks several times.
    if "_default_priority" not in case.__dict__:
        case._default_priority = configured(
            ("default priority",), lambda: Priority.objects.filter(is_default=True).first()
        )
    return case._default_priority


def _hours(case: Case, step: str) -> int:
    priority = priority_for(case)
    return priority.hours_for(step) if priority else 72


def step_due_at(*, case: Case, step: str, started: datetime) -> datetime:
    """When a step started at `started` must be done."""
    return calendar_for(case).add(started, _hours(case, step))


@dataclass(frozen=True)
class StepPromise:
    """The deadline promised when a step started, with what it was counted from."""

    step: str
    started: datetime
    due_at: datetime
    hours: int
    priority: str  # the priority's code, empty without one
    calendar: dict

    def as_data(self) -> dict:
        return {
            "step": self.step,
            "started": self.started.isoformat(),
            "due_at": self.due_at.isoformat(),
            "hours": self.hours,
            "priority": self.priority,
            "calendar": self.calendar,
        }


def step_promise(*, case: Case, step: str, started: datetime) -> StepPromise:
    """The deadline of a step started at `started`, and what it was counted from."""
    due_at = step_due_at(case=case, step=step, started=started)
    priority = priority_for(case)
    return StepPromise(
        step=step,
        started=started,
        due_at=due_at,
        hours=_hours(case, step),
        priority=priority.code if priority else "",
        calendar=calendar_for(case).describe(started, due_at),
    )


def reminder_at(*, case: Case, step: str, started: datetime) -> datetime:
    """When the person with the task is reminded: the priority's reminder lead before the
    deadline, and never earlier than half-way through the step."""
    priority = priority_for(case)
    hours = _hours(case, step)
    lead = min(priority.reminder_hours if priority else 8, hours / 2)
    return calendar_for(case).add(started, hours - lead)


def second_level_due_at(*, case: Case, step: str, started: datetime) -> datetime:
    priority = priority_for(case)
    extra = priority.second_level_hours if priority else 24
    return calendar_for(case).add(step_due_at(case=case, step=step, started=started), extra)


def resolution_due_at(*, case: Case, started: datetime) -> datetime:
    """The target date for a decision (or an answer): the sum of the steps of the case's
    flow that count toward it."""
    priority = priority_for(case)
    if priority is None:
        return started + timedelta(days=30)
    hours = sum(priority.hours_for(step.key) for step in steps.resolution_steps(case.kind))
    return calendar_for(case).add(started, hours)
