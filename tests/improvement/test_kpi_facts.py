"""The KPI facts (improvement.models.CaseFacts, StepFacts) follow each case as it moves
through the process, and the figures counted from them equal the figures counted the slow
way from the cases and their history (tests/improvement/slow_kpis.py)."""

import datetime
import random
from decimal import Decimal

import pytest
import time_machine

from improvement.models import CaseFacts, StepFacts
from improvement.selectors import Scope, kpis_for, monthly_trends
from improvement.services.facts import facts_rebuild
from workflow import services
from workflow.models import Case, CaseEvent, Holiday, SurveyResponse

from ..factories import CategoryFactory
from .history import (
    MARCH,
    NOW,
    acknowledge,
    at,
    close,
    decide,
    event,
    quick_priority,
    received,
    step,
)
from .slow_kpis import slow_figures


def facts(case) -> CaseFacts:
    return CaseFacts.objects.get(case=case)


def snapshot() -> tuple[list, list]:
    cases = list(CaseFacts.objects.order_by("case_id").values())
    steps = list(StepFacts.objects.order_by("event_id").values())
    return cases, steps


@pytest.mark.iso("8.4")
def test_the_facts_follow_a_case_through_the_process(
    staff, category, django_capture_on_commit_callbacks
):
    """Received, acknowledged, assessed late, decided, contested, reviewed, escalated,
    closed, surveyed, merged away and taken up again: the case's row says so each time."""
    quick = quick_priority()
    case = received(category, at(), priority=quick)
    # Recording a case writes no facts (the public form costs no query more): the first
    # reader writes them.
    assert not CaseFacts.objects.filter(case=case).exists()
    assert kpis_for(*MARCH, Scope(), staff["manager"], now=NOW).as_dict()["received"] == 1
    row = facts(case)
    assert (row.received_at, row.ack_hours, row.decide_hours, row.closed_at) == (
        at(),
        None,
        None,
        None,
    )
    assert row.team_id == staff["team"].pk and row.priority_id == quick.pk

    with time_machine.travel(at(hours=2), tick=False):
        services.case_acknowledge(case=case)
    row = facts(case)
    assert (row.ack_hours, row.ack_within_day) == (2.0, True)

    step(case, "assess", at(hours=2))  # due 8 working hours later: Tuesday 12:00
    assert StepFacts.objects.get(case=case).result == StepFacts.Result.OPEN
    assert facts(case).resolution_open_due == at(days=1, hours=2)
    event(case, CaseEvent.Kind.ASSESSED, at(days=1, hours=3))  # Tuesday 13:00: late
    assessed = StepFacts.objects.get(case=case)
    assert (assessed.result, assessed.ended_at) == (StepFacts.Result.LATE, at(days=1, hours=3))
    row = facts(case)
    assert (row.resolution_late, row.resolution_open_due) == (True, None)

    decide(case, at(days=2), compensation=Decimal("25.00"))
    assert facts(case).decide_hours == 16.0  # 7 + 8 + 1
    with time_machine.travel(at(days=3), tick=False):
        services.case_reply_record(case=case, accepted=False, reasons="Not enough")
    assert facts(case).reply == Case.Reply.CONTESTED
    case.review_result = Case.ReviewResult.UPHELD
    case.escalation_level = 1
    case.save()
    row = facts(case)
    assert (row.review_result, row.escalation_level) == (Case.ReviewResult.UPHELD, 1)

    with time_machine.travel(at(days=7), tick=False):
        services.case_close(case=case, actor=staff["manager"])
    row = facts(case)
    assert row.closed_at == at(days=7) and row.compensation == Decimal("25.00")
    assert not StepFacts.objects.get(case=case).case_open
    with time_machine.travel(at(days=8), tick=False):
        services.survey_answer(case=case, overall=2, ease=3, fairness=2, timeliness=1)
    assert facts(case).survey_overall == 2

    # Merged away as a duplicate of another case, then the merge is undone: reopened.
    into = received(category, at(hours=1))
    other = received(category, at(days=9))
    with time_machine.travel(at(days=10), tick=False):
        services.case_merge_record(
            duplicate=other,
            into=into,
            actor=staff["manager"],
            move_files=False,
            status_before=Case.Status.RECEIVED,
            stopped=[],
        )
    assert facts(other).closed_at == at(days=10)
    assert facts(other).reopened == 0
    with time_machine.travel(at(days=11), tick=False):
        services.case_unmerge_record(duplicate=other, actor=staff["manager"])
    row = facts(other)
    assert (row.closed_at, row.reopened) == (None, 1)
    report = kpis_for(*MARCH, Scope(), staff["manager"], now=NOW)
    # Of the cases received in March and closed (or closed once): `other` was reopened.
    assert report.figure("reopen_rate").numerator == 1
    assert report.figure("reopen_rate").denominator == 2
    assert report.as_dict()["reopen_rate"] == 50.0

    # Moved to another team: the facts move with it, and so do its steps.
    case.team = staff["other_team"]
    case.save(update_fields=["team"])
    assert facts(case).team_id == staff["other_team"].pk
    assert StepFacts.objects.get(case=case).team_id == staff["other_team"].pk
    # A holiday on the day of the decision: the working hours are counted again, by the
    # worker once the change is committed (not in the editor's request).
    with django_capture_on_commit_callbacks() as recount:
        Holiday.objects.create(date=at(days=1).date(), name="Founders' day")
    assert facts(case).decide_hours == 16.0 and len(recount) == 1  # not yet
    recount[0]()
    assert facts(case).decide_hours == 8.0  # 7 + 1
    # The team's working day now ends at 18:00: counted again on its new calendar.
    team = staff["other_team"]
    team.day_ends = datetime.time(18, 0)
    with django_capture_on_commit_callbacks(execute=True):
        team.save()
    assert facts(case).decide_hours == 9.0  # 8 + 1
    # A new name counts nothing again.
    team.name = "Renamed"
    with django_capture_on_commit_callbacks() as recount:
        team.save()
    assert recount == []
    # Deleting the case deletes its facts.
    case.delete()
    assert not CaseFacts.objects.filter(case_id=case.pk).exists()


def _random_history(rng: random.Random, categories, quick, manager, capture) -> None:
    """Cases from mid-February to mid-April, each taken a random way through the process
    by the real services (and the test histories' helpers) at moved times."""
    start = at(days=-14)
    for number in range(40):
        when = start + datetime.timedelta(hours=rng.randrange(0, 24 * 60))
        case = received(
            rng.choice(categories),
            when,
            channel=rng.choice([Case.Channel.WEB, Case.Channel.EMAIL]),
            language=rng.choice(["en", "ar"]),
            priority=rng.choice([quick, None]),
        )
        clock = when

        def later(hours_max=30):
            nonlocal clock
            clock = clock + datetime.timedelta(minutes=rng.randrange(5, hours_max * 60))
            return clock

        if rng.random() < 0.9:
            acknowledge(case, later(20))
        for key, end_kind in (
            ("assess", CaseEvent.Kind.ASSESSED),
            ("investigate", CaseEvent.Kind.INVESTIGATED),
            ("respond", CaseEvent.Kind.RESPONSE_DRAFTED),
            ("approve", rng.choice([CaseEvent.Kind.APPROVED, CaseEvent.Kind.SENT_BACK])),
        ):
            if rng.random() < 0.15:
                break
            step(case, key, later(10))
            if rng.random() < 0.85:
                event(case, end_kind, later(40))
        else:
            if rng.random() < 0.8:
                decide(
                    case,
                    later(20),
                    reply=rng.choice(list(Case.Reply.values) + [""]),
                    review_result=rng.choice(list(Case.ReviewResult.values) + ["", ""]),
                    compensation=rng.choice([None, Decimal("0"), Decimal("12.50")]),
                )
                if rng.random() < 0.3:
                    step(case, "review", later(10))
                    event(case, CaseEvent.Kind.REVIEWED, later(60))
                if rng.random() < 0.7:
                    step(case, "close", later(30))
                    close(case, later(20))
                    if rng.random() < 0.6:
                        SurveyResponse.objects.create(
                            case=case,
                            overall=rng.randint(1, 5),
                            ease=3,
                            fairness=3,
                            timeliness=3,
                            answered_at=later(),
                        )
        if rng.random() < 0.3:
            case.escalation_level = rng.choice([1, 2])
            case.save(update_fields=["escalation_level"])
        if case.closed_at is None and rng.random() < 0.1:
            close(case, later(10))  # e.g. merged away, its open step left open
            if rng.random() < 0.5:
                case.closed_at = None
                case.status = Case.Status.ASSESSMENT
                case.save(update_fields=["closed_at", "status"])
                event(case, CaseEvent.Kind.UNMERGED, later(10))
        if number % 7 == 0:
            with capture(execute=True):  # the recount the worker runs after the commit
                Holiday.objects.get_or_create(date=when.date(), defaults={"name": "A day off"})


@pytest.mark.iso("8.4")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_figures_equal_the_slow_count_on_random_histories(
    staff, seed, django_capture_on_commit_callbacks
):
    rng = random.Random(seed)
    categories = [
        CategoryFactory(code="billing", team=staff["team"]),
        CategoryFactory(code="service", team=staff["other_team"]),
    ]
    _random_history(
        rng, categories, quick_priority(), staff["manager"], django_capture_on_commit_callbacks
    )
    periods = [
        MARCH,
        (datetime.date(2026, 2, 1), datetime.date(2026, 4, 30)),
        (datetime.date(2026, 3, 10), datetime.date(2026, 3, 20)),
    ]
    scopes = [
        Scope(),
        Scope(teams=(staff["team"].pk,)),
        Scope(channels=("email",), languages=("ar",)),
        Scope(categories=(categories[1].pk,)),
    ]
    for now in (at(days=20), NOW, at(days=90)):
        for period in periods:
            for scope in scopes:
                figures = kpis_for(*period, scope, staff["manager"], now=now).as_dict()
                expected = slow_figures(*period, scope, now)
                assert {key: figures[key] for key in expected} == expected, (now, period, scope)
        months = monthly_trends(*periods[1], Scope(), staff["manager"], now=now)
        assert sum(month.steps_measured for month in months) > 0
    # What the signals kept equals the facts rebuilt from scratch.
    kept = snapshot()
    facts_rebuild()
    assert snapshot() == kept
