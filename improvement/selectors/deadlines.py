"""Steps against the deadline recorded when each one started (the `step_started` history
event), never recomputed from today's configuration."""

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    DateTimeField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models import Case as Switch
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


# What became of a step against its recorded deadline.
WITHIN = "within"  # its end event came by the deadline
LATE = "late"  # it ended after the deadline, or is still open past it
PENDING = "pending"  # still open, not yet due; or left open by a case closed or merged away


def _step_ended(*, by_due: bool) -> Switch:
    """Whether the step's end event came (by its deadline, when `by_due`): one EXISTS on
    the case's events (indexed by case and time), for the step's own end events."""
    return Switch(
        *(
            When(
                step=key,
                then=Exists(
                    CaseEvent.objects.filter(
                        case_id=OuterRef("case_id"),
                        kind__in=kinds,
                        created_at__gte=OuterRef("created_at"),
                        **({"created_at__lte": OuterRef("due")} if by_due else {}),
                    )
                ),
            )
            for key, kinds in STEP_END_KINDS.items()
        ),
        default=Value(False),
        output_field=BooleanField(),
    )


def steps_measured(now) -> QuerySet:
    """Every `step_started` event with its step, the deadline recorded then (`due`), and
    its `outcome` at `now`: WITHIN, LATE or PENDING (the first end event of that step at or
    after its start decides; a case closed while the step was open leaves it PENDING)."""
    return (
        CaseEvent.objects.filter(kind=CaseEvent.Kind.STEP_STARTED)
        # Cast to plain text: lookups on a JSON key's text differ between databases.
        .annotate(
            step=Cast(KT("data__step"), CharField(max_length=20)),
            due=Cast(KT("data__due_at"), DateTimeField()),
        )
        .annotate(
            outcome=Switch(
                When(_step_ended(by_due=True), then=Value(WITHIN)),
                When(_step_ended(by_due=False), then=Value(LATE)),
                When(Q(due__lt=now, case__closed_at__isnull=True), then=Value(LATE)),
                default=Value(PENDING),
                output_field=CharField(),
            )
        )
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
    # Grouped by the outcome: the database works it out once per step.
    rows = (
        steps_measured(now)
        .filter(scope.q("case__"), created_at__gte=bounds[0], created_at__lt=bounds[1])
        .order_by()
        .values("step", "outcome")
        .annotate(n=Count("pk"))
    )
    counted = {(row["step"], row["outcome"]): row["n"] for row in rows}
    return [
        StepFigure(
            step.key,
            str(step.title),
            counted.get((step.key, WITHIN), 0),
            counted.get((step.key, LATE), 0),
        )
        for step in steps.STEPS
    ]
