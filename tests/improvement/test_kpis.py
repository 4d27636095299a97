"""KPIs per period and scope against objectives (ISO 10002 6.2, 8.4), with exact figures on
cases whose history is recorded by the real services at moved times."""

import datetime
from datetime import UTC
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from improvement import kpis, selectors
from improvement.models import Objective
from improvement.selectors import Scope, kpis_for
from workflow import deadlines
from workflow.models import Holiday
from workflow.steps import STEPS

from ..factories import CategoryFactory, PriorityFactory, TeamFactory
from .history import MARCH, NOW, at, close, quick_priority, received, step, three_cases


@pytest.fixture
def quick(db):
    return quick_priority()


@pytest.fixture
def three(staff, category, quick):
    return three_cases(category, quick)


@pytest.mark.iso("8.4")
@pytest.mark.iso("6.2")
def test_kpis_of_a_period_are_exact(three, staff):
    report = kpis_for(*MARCH, Scope(), staff["manager"], now=NOW)
    figures = report.as_dict()
    assert figures["received"] == 3
    assert figures["closed"] == 1
    assert figures["backlog"] == 2
    # C was acknowledged 10 working hours after receipt: one of three late.
    assert figures["ack_within_day"] == 66.7
    assert report.figure("ack_within_day").numerator == 2
    assert report.figure("ack_within_day").denominator == 3
    # 5 minutes, 30 minutes and 10 hours: median 0.5, 90th percentile 0.5 + 0.8 × 9.5.
    assert figures["ack_hours_median"] == 0.5
    assert figures["ack_hours_p90"] == 8.1
    # 22 and 32 working hours: median 27, 90th percentile 22 + 0.9 × 10.
    assert figures["decide_hours_median"] == 27.0
    assert figures["decide_hours_p90"] == 31.0
    # Steps: A's four within; B's assessment late, its investigation (16 h from Tuesday
    # 15:00, due Thursday 15:00, done Thursday 10:00) and response (72 h) within; C's
    # assessment open past its deadline (Wednesday 14:00).
    step_rows = {row.step: row for row in report.steps}
    assert (step_rows["assess"].within, step_rows["assess"].late) == (1, 2)
    assert (step_rows["investigate"].within, step_rows["investigate"].late) == (2, 0)
    assert (step_rows["respond"].within, step_rows["respond"].late) == (2, 0)
    assert (step_rows["close"].within, step_rows["close"].late) == (1, 0)
    assert figures["step_assess_within_deadline"] == 33.3
    assert figures["steps_within_deadline"] == 75.0  # 6 of 8
    # Decided within deadline: A yes; B no (its assessment was late).
    assert figures["decided_within_deadline"] == 50.0
    assert figures["escalation_rate"] == 66.7
    assert figures["escalated_level_1"] == 2
    assert figures["escalated_level_2"] == 1
    assert (figures["accepted"], figures["contested"], figures["lapsed"]) == (1, 1, 0)
    assert figures["contest_rate"] == 50.0
    assert (figures["review_upheld"], figures["review_changed"]) == (0, 1)
    assert figures["review_changed_rate"] == 100.0
    assert figures["compensation_paid"] == Decimal("100.00")
    assert figures["compensation_cases"] == 1
    assert figures["survey_response_rate"] == 100.0
    assert figures["survey_mean"] == 4.0
    assert report.reopening_recorded is True
    assert figures["reopen_rate"] == 0.0  # of the one closed case, none taken up again


@pytest.mark.iso("8.4")
def test_a_period_before_the_cases_counts_nothing(three, staff):
    report = kpis_for(
        datetime.date(2026, 2, 1), datetime.date(2026, 2, 28), Scope(), staff["manager"], now=NOW
    )
    figures = report.as_dict()
    assert figures["received"] == 0
    assert figures["ack_within_day"] is None
    assert figures["decide_hours_median"] is None
    assert figures["steps_within_deadline"] is None


@pytest.mark.iso("8.4")
def test_backlog_at_the_end_of_an_earlier_period(three, staff):
    """Backlog counts what was open at the period's end, not what is open today."""
    # Up to Monday 2 March (the day they arrived): all three open at its end.
    report = kpis_for(
        datetime.date(2026, 3, 1), datetime.date(2026, 3, 2), Scope(), staff["manager"], now=NOW
    )
    assert report.as_dict()["backlog"] == 3
    assert report.as_dict()["closed"] == 0


@pytest.mark.iso("8.4")
def test_recorded_deadlines_are_not_recomputed(three, staff, quick):
    """Changing the priority's hours afterwards leaves past deadlines as recorded."""
    quick.assess_hours = 400
    quick.save()
    from workflow import config

    config.forget()
    report = kpis_for(*MARCH, Scope(), staff["manager"], now=NOW)
    assert report.as_dict()["step_assess_within_deadline"] == 33.3


@pytest.mark.iso("8.4")
def test_filters_by_channel_language_and_category(three, staff, category):
    web = kpis_for(*MARCH, Scope(channels=("web",)), staff["manager"], now=NOW).as_dict()
    assert web["received"] == 2
    assert web["ack_within_day"] == 50.0
    arabic = kpis_for(*MARCH, Scope(languages=("ar",)), staff["manager"], now=NOW).as_dict()
    assert arabic["received"] == 1
    assert arabic["contest_rate"] == 100.0
    other = CategoryFactory(code="other", team=staff["team"])
    none = kpis_for(*MARCH, Scope(categories=(other.pk,)), staff["manager"], now=NOW)
    assert none.as_dict()["received"] == 0
    mine = kpis_for(*MARCH, Scope(categories=(category.pk,)), staff["manager"], now=NOW)
    assert mine.as_dict()["received"] == 3


@pytest.mark.iso("8.4")
def test_filter_by_priority(three, staff, quick):
    other = PriorityFactory(code="urgent", name="Urgent", is_default=False)
    assert kpis_for(*MARCH, Scope(priorities=(other.pk,)), None, now=NOW).as_dict()["received"] == 0
    assert kpis_for(*MARCH, Scope(priorities=(quick.pk,)), None, now=NOW).as_dict()["received"] == 3


@pytest.mark.iso("8.4")
def test_a_supervisor_sees_only_their_teams_figures(three, staff):
    """The supervisor of billing sees billing's cases; a case of another team is left out
    even when its status would put it in their queue elsewhere."""
    service = CategoryFactory(code="service", team=staff["other_team"])
    received(service, at(hours=3))
    assert kpis_for(*MARCH, Scope(), staff["manager"], now=NOW).as_dict()["received"] == 4
    assert kpis_for(*MARCH, Scope(), staff["supervisor"], now=NOW).as_dict()["received"] == 3
    # Asking for the other team gives nothing rather than its figures.
    other = Scope(teams=(staff["other_team"].pk,))
    assert kpis_for(*MARCH, other, staff["supervisor"], now=NOW).as_dict()["received"] == 0
    assert kpis_for(*MARCH, other, staff["manager"], now=NOW).as_dict()["received"] == 1


@pytest.mark.iso("6.2")
@pytest.mark.iso("8.4")
def test_objectives_met_and_not_met(three, staff):
    Objective.objects.create(
        kpi="ack_within_day",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        target=Decimal("98"),
        direction=Objective.Direction.AT_LEAST,
    )
    Objective.objects.create(
        kpi="contest_rate",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        target=Decimal("60"),
        direction=Objective.Direction.AT_MOST,
    )
    Objective.objects.create(
        kpi="survey_mean",
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 3, 31),
        target=Decimal("4"),
        direction=Objective.Direction.AT_LEAST,
    )
    # An objective of another period and one of another team are not used.
    Objective.objects.create(
        kpi="received",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        target=Decimal("1"),
        direction=Objective.Direction.AT_MOST,
    )
    Objective.objects.create(
        kpi="ack_within_day",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        target=Decimal("50"),
        direction=Objective.Direction.AT_LEAST,
        team=staff["other_team"],
    )
    report = kpis_for(*MARCH, Scope(), staff["manager"], now=NOW)
    assert report.figure("ack_within_day").target.target == Decimal("98")
    assert report.figure("ack_within_day").met is False  # 66.7 < 98
    assert report.figure("contest_rate").met is True  # 50 <= 60
    assert report.figure("survey_mean").met is True  # 4.0 >= 4
    assert report.figure("received").target is None
    assert report.figure("received").met is None

    # The team's own objective wins for that team's figures.
    team_objective = Objective.objects.create(
        kpi="ack_within_day",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        target=Decimal("60"),
        direction=Objective.Direction.AT_LEAST,
        team=staff["team"],
    )
    billing = kpis_for(*MARCH, Scope(teams=(staff["team"].pk,)), staff["manager"], now=NOW)
    assert billing.figure("ack_within_day").target.objective_id == team_objective.pk
    assert billing.figure("ack_within_day").met is True  # 66.7 >= 60


@pytest.mark.iso("6.2")
def test_objective_validation(db):
    objective = Objective(
        kpi="ack_within_day",
        period_start=datetime.date(2026, 12, 31),
        period_end=datetime.date(2026, 1, 1),
        target=Decimal("120"),
        direction=Objective.Direction.AT_LEAST,
    )
    with pytest.raises(ValidationError) as error:
        objective.full_clean()
    assert set(error.value.message_dict) == {"period_end", "target"}


def test_working_hours_between_is_the_inverse_of_add(db):
    team = TeamFactory(code="athens", time_zone="Europe/Athens")
    Holiday.objects.create(date=datetime.date(2026, 3, 25), name="Independence Day")
    calendar = deadlines.WorkCalendar.of(team)
    start = datetime.datetime(2026, 3, 20, 15, 30, tzinfo=UTC)
    for hours in (0.5, 7, 8, 16, 40, 56.25, 200):
        assert calendar.hours_between(start, calendar.add(start, hours)) == pytest.approx(hours)
    # A weekend and a holiday add no working time.
    friday = datetime.datetime(2026, 3, 27, 15, 0, tzinfo=UTC)  # 17:00 in Athens (EET)
    monday = datetime.datetime(2026, 3, 30, 6, 0, tzinfo=UTC)  # 9:00 in Athens (EEST)
    assert calendar.hours_between(friday, monday) == 0
    tuesday = datetime.datetime(2026, 3, 24, 15, 0, tzinfo=UTC)
    thursday = datetime.datetime(2026, 3, 26, 7, 0, tzinfo=UTC)
    assert calendar.hours_between(tuesday, thursday) == 0
    assert calendar.hours_between(tuesday, thursday + datetime.timedelta(hours=1)) == 1


def test_percentile():
    assert selectors.percentile([], 0.5) is None
    assert selectors.percentile([3.0], 0.9) == 3.0
    assert selectors.percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert selectors.percentile([0.0, 10.0], 0.9) == 9.0


def test_every_step_has_a_kpi():
    codes = {f"step_{step.key}_within_deadline" for step in STEPS}
    assert codes <= set(kpis.KPI)


@pytest.mark.iso("8.4")
def test_a_step_left_open_by_a_closed_case_is_not_measured(three, staff, category, quick):
    """A duplicate merged away (closed) before its assessment: its open step is neither
    within nor late; a step not yet due is not counted either."""
    merged = received(category, at(hours=4), priority=quick)
    step(merged, "assess", at(hours=4))
    close(merged, at(days=1))
    waiting = received(category, at(days=29), priority=quick)
    step(waiting, "assess", at(days=29, hours=5))  # due after NOW
    report = kpis_for(*MARCH, Scope(), staff["manager"], now=NOW)
    assess = next(row for row in report.steps if row.step == "assess")
    assert (assess.within, assess.late) == (1, 2)
    assert report.as_dict()["received"] == 5
