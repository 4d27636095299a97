"""Deadlines in working hours on the owning team's calendar."""

import zoneinfo
from datetime import date, datetime, time, timedelta

import pytest

from workflow.deadlines import WorkCalendar
from workflow.models import Holiday

# Every test here proves ISO 10002 4.15.
pytestmark = pytest.mark.iso("4.15")


ATHENS = zoneinfo.ZoneInfo("Europe/Athens")


def _calendar(**overrides):
    values = {
        "work_days": frozenset(range(5)),
        "starts": time(9),
        "ends": time(17),
        "tz": ATHENS,
        "holidays": frozenset(),
    }
    values.update(overrides)
    return WorkCalendar(**values)


def at(*args):
    return datetime(*args, tzinfo=ATHENS)


def test_working_hours_skip_nights_and_weekends():
    calendar = _calendar()
    # Friday 15:00 + 4 working hours = Monday 11:00.
    assert calendar.add(at(2026, 11, 20, 15, 0), 4) == at(2026, 11, 23, 11, 0)
    # Received on Saturday night: the clock starts on Monday at 9:00.
    assert calendar.add(at(2026, 11, 21, 23, 0), 1) == at(2026, 11, 23, 10, 0)
    # 48 working hours = 6 working days of 8 hours.
    assert calendar.add(at(2026, 11, 23, 9, 0), 48) == at(2026, 11, 30, 17, 0)
    # Exactly at closing time: the deadline is that moment, not the next morning.
    assert calendar.add(at(2026, 11, 23, 16, 0), 1) == at(2026, 11, 23, 17, 0)


def test_holidays_and_other_working_weeks():
    christmas = _calendar(holidays=frozenset({date(2026, 12, 25)}))
    assert christmas.add(at(2026, 12, 24, 16, 0), 2) == at(2026, 12, 28, 10, 0)
    sunday_to_thursday = _calendar(work_days=frozenset({6, 0, 1, 2, 3}))
    # Thursday 16:00 + 2 hours = Sunday 10:00.
    assert sunday_to_thursday.add(at(2026, 11, 26, 16, 0), 2) == at(2026, 11, 29, 10, 0)


def test_time_zone_and_summer_time():
    calendar = _calendar()
    # Given in UTC, counted in Athens: 6:30 UTC is 8:30 in Athens in winter (UTC+2).
    start = datetime(2026, 11, 23, 6, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    assert calendar.add(start, 1) == at(2026, 11, 23, 10, 0)
    # Over the change to summer time (29 March 2026) a working hour is still an hour.
    assert calendar.add(at(2026, 3, 27, 16, 0), 2) == at(2026, 3, 30, 10, 0)


def test_a_calendar_without_working_time_falls_back_to_plain_hours():
    start = at(2026, 11, 23, 9, 0)
    assert _calendar(work_days=frozenset()).add(start, 5) == start + timedelta(hours=5)


@pytest.mark.django_db
@pytest.mark.iso("6.4")
def test_a_case_uses_its_teams_calendar_and_holidays(category, priority):
    from workflow.deadlines import step_due_at

    from ..conftest import make_case
    from ..factories import TeamFactory

    team = category.team
    team.time_zone = "Europe/Athens"
    team.save()
    Holiday.objects.create(date=date(2026, 11, 24), name="Team day", team=team)
    Holiday.objects.create(date=date(2026, 11, 25), name="National day")
    Holiday.objects.create(date=date(2026, 11, 26), name="Not ours", team=TeamFactory())
    case = make_case(category)
    due = step_due_at(case=case, step="assess", started=at(2026, 11, 23, 9, 0))
    # 48 working hours from Monday 9:00, Tuesday and Wednesday off: Wednesday next week.
    assert due == at(2026, 12, 2, 17, 0)


@pytest.mark.django_db
@pytest.mark.iso("6.3")
def test_a_change_to_the_calendar_applies_to_the_next_deadline(category, priority):
    """The calendars and the default priority are kept per process: saving any of them
    clears that copy at once."""
    from workflow.deadlines import step_due_at
    from workflow.models import Case

    def due():
        case = Case(kind="complaint", team=category.team)
        return step_due_at(case=case, step="assess", started=at(2026, 11, 23, 9, 0))

    before = due()
    Holiday.objects.create(date=date(2026, 11, 24), name="Strike day")
    assert due() == before + timedelta(days=1)
    priority.assess_hours += 8
    priority.save()
    assert due() == before + timedelta(days=2)
    Holiday.objects.all().delete()
    assert due() == before + timedelta(days=1)
