"""Steps against the deadline recorded when each one started (the `step_started` history
event), never recomputed from today's configuration: counted from the step facts
(`improvement.models.StepFacts`, one row per step started, kept by `services.facts`)."""

from dataclasses import dataclass

from django.db.models import Case as Switch
from django.db.models import CharField, Count, F, Q, QuerySet, Sum, Value, When

from workflow import steps
from workflow.models import CaseEvent

from ..models import StepFacts, StepMonth
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


def step_counts(bounds, scope: Scope, visible: bool, now, split=None) -> dict[tuple, tuple]:
    """Of the steps started in the period, per (month started, step): how many were done
    within their recorded deadline and how many late (done late, or open past it). One
    query over the step facts; with `split` (`snapshots.period_split` of the same period),
    the whole months it keeps are read from their snapshots and only their steps still open
    from the facts (three queries). The KPI table sums it over the months, the monthly
    trend over the steps."""
    if not visible:
        return {}
    late_open = Q(result=StepFacts.Result.OPEN, due_at__lt=now, case_open=True)
    counts: dict[tuple, list[int]] = {}

    def add(rows):
        for row in rows:
            total = counts.setdefault((row["started_month"], row["step"]), [0, 0])
            total[0] += row.get("within", 0)
            total[1] += row["late"]

    live = Q(started_at__gte=bounds[0], started_at__lt=bounds[1])
    if split is not None:
        live = split.live("started_at")
    if live is not None:
        add(
            StepFacts.objects.filter(live, scope.q())
            .order_by()
            .values("started_month", "step")
            .annotate(
                within=Count("pk", filter=Q(result=StepFacts.Result.WITHIN)),
                late=Count("pk", filter=Q(result=StepFacts.Result.LATE) | late_open),
            )
        )
    if split is not None and split.months:
        add(
            StepMonth.objects.filter(scope.q(), month__in=split.months)
            .order_by()
            .values("step", started_month=F("month"))
            .annotate(within=Sum("within"), late=Sum("late"))
        )
        # What the snapshots cannot keep: the steps still open past their deadline now.
        add(
            StepFacts.objects.filter(split.in_kept("started_at"), late_open, scope.q())
            .order_by()
            .values("started_month", "step")
            .annotate(late=Count("pk"))
        )
    return {key: (within, late) for key, (within, late) in counts.items()}


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
