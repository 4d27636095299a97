"""Case histories recorded by the real services at moved times, for the improvement tests."""

import datetime
from datetime import UTC
from decimal import Decimal

import time_machine

from workflow import services
from workflow.models import Case, CaseEvent, SurveyResponse

from ..factories import CaseFactory, PriorityFactory

# Monday 2 March 2026; the teams work Monday to Friday, 9:00 to 17:00 UTC.
MONDAY = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def at(days=0, hours=0, minutes=0):
    return MONDAY + datetime.timedelta(days=days, hours=hours, minutes=minutes)


def quick_priority():
    """A priority whose assessment is due 8 working hours after it starts."""
    return PriorityFactory(
        code="quick", name="Quick", is_default=False, assess_hours=8, investigate_hours=16
    )


def received(category, when, **fields):
    with time_machine.travel(when, tick=False):
        case = CaseFactory(category=category, received_at=when, **fields)
        services.event_record(case=case, kind=CaseEvent.Kind.RECEIVED)
    return case


def acknowledge(case, when):
    with time_machine.travel(when, tick=False):
        case.acknowledged_at = when
        case.save(update_fields=["acknowledged_at"])
        services.event_record(case=case, kind=CaseEvent.Kind.ACKNOWLEDGED)


def step(case, key, when):
    """The step starts: the real service records its deadline in the history."""
    with time_machine.travel(when, tick=False):
        services.case_step_begin(case=case, step=key, started=when)


def event(case, kind, when, **data):
    with time_machine.travel(when, tick=False):
        services.event_record(case=case, kind=kind, data=data)


def decide(case, when, **fields):
    with time_machine.travel(when, tick=False):
        case.decided_at = when
        case.due_at = when + datetime.timedelta(days=14)  # the reply's deadline
        case.status = Case.Status.DECIDED
        for name, value in fields.items():
            setattr(case, name, value)
        case.save()
        services.event_record(case=case, kind=CaseEvent.Kind.DECIDED)


def close(case, when):
    with time_machine.travel(when, tick=False):
        case.status = Case.Status.CLOSED
        case.closed_at = when
        case.save(update_fields=["status", "closed_at"])
        services.event_record(case=case, kind=CaseEvent.Kind.CLOSED)


def three_cases(category, quick):
    """Three complaints received on Monday 2 March at 10:00, 11:00 and 12:00.

    - A: acknowledged 5 minutes later; assessed within its 8 hours; decided on Wednesday
      16:00 (7 + 8 + 7 = 22 working hours), accepted, 100.00 compensation, closed in the
      following week, survey 4/5.
    - B: acknowledged at 11:30; assessed on Tuesday 15:00 (past its deadline, Tuesday
      11:30); decided on Friday 11:00 (6 + 3 × 8 + 2 = 32 working hours), contested,
      reviewed (changed), escalated to level 1.
    - C: acknowledged on Tuesday 14:00 (5 + 5 = 10 working hours: more than a working
      day); still in assessment, past its deadline; escalated to level 2.
    """
    a = received(category, at(), channel=Case.Channel.WEB, language="en", priority=quick)
    b = received(category, at(hours=1), channel=Case.Channel.EMAIL, language="ar", priority=quick)
    c = received(category, at(hours=2), channel=Case.Channel.WEB, language="en", priority=quick)
    acknowledge(a, at(minutes=5))
    acknowledge(b, at(hours=1, minutes=30))
    acknowledge(c, at(days=1, hours=4))
    step(a, "assess", at(minutes=5))
    step(b, "assess", at(hours=1, minutes=30))
    step(c, "assess", at(days=1, hours=4))
    event(a, CaseEvent.Kind.ASSESSED, at(hours=3))
    event(b, CaseEvent.Kind.ASSESSED, at(days=1, hours=5))
    step(a, "investigate", at(hours=3))
    step(b, "investigate", at(days=1, hours=5))
    event(a, CaseEvent.Kind.INVESTIGATED, at(days=1))
    event(b, CaseEvent.Kind.INVESTIGATED, at(days=3))
    step(a, "respond", at(days=1))
    step(b, "respond", at(days=3))
    event(a, CaseEvent.Kind.RESPONSE_DRAFTED, at(days=2, hours=5))
    event(b, CaseEvent.Kind.RESPONSE_DRAFTED, at(days=4))
    decide(a, at(days=2, hours=6), reply=Case.Reply.ACCEPTED, compensation=Decimal("100.00"))
    decide(
        b,
        at(days=4, hours=1),
        reply=Case.Reply.CONTESTED,
        review_result=Case.ReviewResult.CHANGED,
        escalation_level=1,
    )
    # Saved (not a queryset update): the KPI facts follow the case's saves and history.
    c.escalation_level = 2
    c.save(update_fields=["escalation_level"])
    step(a, "close", at(days=7))
    close(a, at(days=7, hours=2))
    SurveyResponse.objects.create(
        case=a, overall=4, ease=5, fairness=4, timeliness=3, answered_at=at(days=8)
    )
    return a, b, c


NOW = MONDAY + datetime.timedelta(days=30)
