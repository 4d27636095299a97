"""Steps against the deadline recorded when each one started (the `step_started` history
event), never recomputed from today's configuration."""

from dataclasses import dataclass

from django.db.models import Case as Switch
from django.db.models import (
    CharField,
    Count,
    DateTimeField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from workflow import steps
from workflow.models import CaseEvent

from .scope import Scope, rate

# The history event that ends each timed step (the first one after the step started).
STEP_END_KINDS = {
    "assess": (CaseEvent.Kind.ASSESSED,),
    "investigate": (CaseEvent.Kind.INVESTIGATED,),
    "respond": (CaseEvent.Kind.RESPONSE_DRAFTED,),
    "approve": (CaseEvent.Kind.APPROVED, CaseEvent.Kind.SENT_BACK),
    "review": (CaseEvent.Kind.REVIEWED,),
    "close": (CaseEvent.Kind.CLOSED,),
}
assert set(STEP_END_KINDS) == set(steps.STEP), "every timed step needs its end event"
RESOLUTION_STEPS = tuple(step.key for step in steps.STEPS if step.counts_to_resolution)


def steps_measured() -> QuerySet:
    """Every `step_started` event with its step, the deadline recorded then (`due`), and
    when the step ended (`ended`: the first end event of that step at or after its start)."""
    ended = Switch(
        *(
            When(
                step=key,
                then=Subquery(
                    CaseEvent.objects.filter(
                        case_id=OuterRef("case_id"),
                        kind__in=kinds,
                        created_at__gte=OuterRef("created_at"),
                    )
                    .order_by("created_at", "pk")
                    .values("created_at")[:1]
                ),
            )
            for key, kinds in STEP_END_KINDS.items()
        ),
        output_field=DateTimeField(),
    )
    return (
        CaseEvent.objects.filter(kind=CaseEvent.Kind.STEP_STARTED)
        # Cast to plain text: lookups on a JSON key's text differ between databases.
        .annotate(
            step=Cast(KT("data__step"), CharField(max_length=20)),
            due=Cast(KT("data__due_at"), DateTimeField()),
        )
        .annotate(ended=ended)
    )


def within_q() -> Q:
    return Q(ended__isnull=False, ended__lte=F("due"))


def late_q(now) -> Q:
    """Done after its deadline, or not done and past it (a case closed or merged away while
    a step was open ends that step unmeasured)."""
    return Q(ended__isnull=False, ended__gt=F("due")) | Q(
        ended__isnull=True, due__lt=now, case__closed_at__isnull=True
    )


@dataclass(frozen=True)
class StepFigure:
    step: str
    title: str
    within: int
    late: int

    @property
    def measured(self) -> int:
        return self.within + self.late

    @property
    def rate(self) -> float | None:
        return rate(self.within, self.measured)


def step_figures(bounds, scope: Scope, visible: bool, now) -> list[StepFigure]:
    """Per timed step: how many started in the period were done within their recorded
    deadline, and how many late (done late, or open past it)."""
    if not visible:
        return [StepFigure(step.key, str(step.title), 0, 0) for step in steps.STEPS]
    rows = (
        steps_measured()
        .filter(scope.q("case__"), created_at__gte=bounds[0], created_at__lt=bounds[1])
        .order_by()
        .values("step")
        .annotate(
            within=Count("pk", filter=within_q()),
            late=Count("pk", filter=late_q(now)),
        )
    )
    counted = {row["step"]: row for row in rows}
    return [
        StepFigure(
            step.key,
            str(step.title),
            counted.get(step.key, {}).get("within", 0),
            counted.get(step.key, {}).get("late", 0),
        )
        for step in steps.STEPS
    ]
