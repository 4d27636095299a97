"""The monthly snapshots of the KPI facts (improvement.models.CohortMonth, StepMonth): the
whole months over are read from them, and whatever changes a fact of a past month (a late
event, a recount on a new holiday, an undone merge, a deletion) makes its snapshot counted
again, so the figures stay those counted the slow way (tests/improvement/slow_kpis.py)."""

import datetime
from datetime import UTC

from django.db.models import F

import pytest
import time_machine

from improvement.models import CohortMonth, SnapshotMonth, StepMonth
from improvement.selectors import Scope, breakdown, kpis_for, monthly_trends
from workflow import services
from workflow.models import CaseEvent, Holiday

from .history import at, close, event, quick_priority, received, three_cases
from .slow_kpis import slow_figures

# February and March whole, 1 to 15 April from the facts; read on 1 June.
PERIOD = (datetime.date(2026, 2, 1), datetime.date(2026, 4, 15))
LATER = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
FEBRUARY, MARCH = datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)


def read(scope=None, when=LATER):
    """The KPIs of the period on 1 June, checked against the slow count."""
    scope = scope or Scope()
    with time_machine.travel(when, tick=False):
        report = kpis_for(*PERIOD, scope, None, now=when)
        expected = slow_figures(*PERIOD, scope, when)
    figures = report.as_dict()
    assert {key: figures[key] for key in expected} == expected
    return report


def true(month) -> bool:
    marker = SnapshotMonth.objects.filter(month=month).first()
    return marker is not None and marker.built == marker.version


@pytest.fixture
def cases(category):
    return three_cases(category, quick_priority())


@pytest.mark.iso("8.4")
def test_the_months_over_are_read_from_their_snapshots(cases, staff):
    report = read()
    assert true(FEBRUARY) and true(MARCH)
    assert not SnapshotMonth.objects.filter(month=datetime.date(2026, 4, 1)).exists()
    assert CohortMonth.objects.filter(month=MARCH).count() == 2  # two channels, languages
    assert StepMonth.objects.filter(month=MARCH).exists()
    # What the dashboard shows comes from them: a count changed behind the facts' back
    # shows (the test of this test: the figures above did not come from the facts).
    CohortMonth.objects.filter(month=MARCH).update(received=F("received") + 10)
    with time_machine.travel(LATER, tick=False):
        again = kpis_for(*PERIOD, Scope(), None, now=LATER)
        months = monthly_trends(*PERIOD, Scope(), None, now=LATER, report=again)
        channels = breakdown("channel", *PERIOD, Scope(), None)
    assert again.as_dict()["received"] == report.as_dict()["received"] + 20
    assert [month.received for month in months] == [0, 23, 0]
    assert sum(row.received for row in channels) == 23


@pytest.mark.iso("8.4")
def test_a_late_event_counts_its_month_again(cases, staff):
    a, b, c = cases
    before = read()
    assert true(MARCH)
    # C, received in March, is assessed and closed in May: March's figures change.
    event(c, CaseEvent.Kind.ASSESSED, at(days=62))
    close(c, at(days=63))
    assert not true(MARCH)
    after = read(Scope(channels=("web",)))
    assert true(MARCH)
    after = read()
    closed = after.figure("survey_response_rate").denominator
    assert closed == before.figure("survey_response_rate").denominator + 1
    assert after.figure("step_assess_within_deadline").denominator == 3


@pytest.mark.iso("8.4")
def test_a_recount_on_a_new_holiday_counts_the_months_again(
    cases, staff, django_capture_on_commit_callbacks
):
    before = read()
    assert before.figure("ack_within_day").numerator == 2
    # Monday 2 March off: C's acknowledgement (Tuesday 14:00) came within a working day.
    with django_capture_on_commit_callbacks(execute=True):
        Holiday.objects.create(date=datetime.date(2026, 3, 2), name="Founders' day")
    assert not true(MARCH)
    assert read().figure("ack_within_day").numerator == 3


@pytest.mark.iso("8.4")
def test_an_undone_merge_counts_the_month_it_was_closed_in_again(category, staff):
    into = received(category, datetime.datetime(2026, 2, 16, 10, tzinfo=UTC))
    duplicate = received(category, datetime.datetime(2026, 2, 17, 10, tzinfo=UTC))
    with time_machine.travel(datetime.datetime(2026, 2, 18, 10, tzinfo=UTC), tick=False):
        services.case_merge_record(
            duplicate=duplicate,
            into=into,
            actor=staff["manager"],
            move_files=False,
            status_before=duplicate.status,
            stopped=[],
        )
    read(when=LATER - datetime.timedelta(days=3))  # writes the facts of `into`
    before = read(when=LATER - datetime.timedelta(days=2))
    assert before.as_dict()["closed"] == 1 and true(FEBRUARY)
    with time_machine.travel(LATER - datetime.timedelta(days=1), tick=False):
        services.case_unmerge_record(duplicate=duplicate, actor=staff["manager"])
    assert not true(FEBRUARY)
    after = read()
    assert after.as_dict()["closed"] == 0
    assert after.figure("reopen_rate").numerator == 1


@pytest.mark.iso("8.4")
def test_a_deleted_case_counts_its_months_again(cases, staff):
    a, b, c = cases
    assert read().as_dict()["received"] == 3
    a.delete()
    assert not true(MARCH)
    assert read().as_dict()["received"] == 2


def test_the_current_month_is_never_kept(cases, staff):
    """A month is kept once it ended at least a day before: 1 April reads March live."""
    with time_machine.travel(datetime.datetime(2026, 4, 1, 10, tzinfo=UTC), tick=False):
        report = kpis_for(*PERIOD, Scope(), None, now=LATER)
    assert not true(MARCH) and not CohortMonth.objects.filter(month=MARCH).exists()
    assert true(FEBRUARY)
    assert report.as_dict()["received"] == 3


def test_a_month_still_changing_is_read_from_the_facts(cases, staff):
    """Counted again only once its facts stayed unchanged for a while (QUIET)."""
    a, b, c = cases
    read()
    close(c, LATER - datetime.timedelta(minutes=5))

    def closed(report):
        return report.figure("survey_response_rate").denominator

    assert closed(read()) == 2
    assert not true(MARCH) and true(FEBRUARY)
    assert closed(read(when=LATER + datetime.timedelta(minutes=20))) == 2
    assert true(MARCH)
