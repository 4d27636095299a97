"""Steps against the deadline recorded when each one started (the `step_started` history
event), never recomputed from today's configuration: counted from the step facts
(`improvement.models.StepFacts`, one row per step started, kept by `services.facts`)."""

from dataclasses import dataclass

from django.db.models import Case as Switch
from django.db.models import CharField, Count, Q, QuerySet, Value, When

from workflow import steps
from workflow.models import CaseEvent

from ..models import StepFacts
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


def steps_measured(now) -> QuerySet:
    """Every step started, with its `outcome` at `now`: WITHIN, LATE or PENDING (the first
    end event of that step at or after its start decides; a case closed while the step was
    open leaves it PENDING)."""
    return StepFacts.objects.annotate(
        outcome=Switch(
            When(result=StepFacts.Result.WITHIN, then=Value(WITHIN)),
            When(result=StepFacts.Result.LATE, then=Value(LATE)),
            When(Q(due_at__lt=now, case_open=True), then=Value(LATE)),
            default=Value(PENDING),
            output_field=CharField(),
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


def step_counts(bounds, scope: Scope, visible: bool, now) -> dict[tuple, tuple[int, int]]:
    """Of the steps started in the period, per (month started, step): how many were done
    within their recorded deadline and how many late (done late, or open past it). One
    query; the KPI table sums it over the months, the monthly trend over the steps."""
    if not visible:
        return {}
    late_open = Q(result=StepFacts.Result.OPEN, due_at__lt=now, case_open=True)
    rows = (
        StepFacts.objects.filter(scope.q(), started_at__gte=bounds[0], started_at__lt=bounds[1])
        .order_by()
        .values("started_month", "step")
        .annotate(
            within=Count("pk", filter=Q(result=StepFacts.Result.WITHIN)),
            late=Count("pk", filter=Q(result=StepFacts.Result.LATE) | late_open),
        )
    )
    return {(row["started_month"], row["step"]): (row["within"], row["late"]) for row in rows}


def step_figures(counts: dict[tuple, tuple[int, int]]) -> list[StepFigure]:
    """Per timed step, the counts of `step_counts` over the whole period."""
    totals: dict[str, list[int]] = {}
    for (_month, step), (within, late) in counts.items():
        total = totals.setdefault(step, [0, 0])
        total[0] += within
        total[1] += late
    return [
        StepFigure(step.key, str(step.title), *totals.get(step.key, (0, 0))) for step in steps.STEPS
    ]
