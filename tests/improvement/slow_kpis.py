"""The KPIs counted the slow way, straight from the cases and their history (as the
dashboard counted them before the KPI facts): the reference the facts must equal."""

from django.db.models import (
    Avg,
    BooleanField,
    CharField,
    Count,
    DateTimeField,
    Exists,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models import Case as Switch
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from improvement.selectors import calendars, percentile
from improvement.selectors.deadlines import LATE, RESOLUTION_STEPS, STEP_END_KINDS, WITHIN
from improvement.selectors.scope import period_bounds, rate
from workflow.models import Case, CaseEvent


def _step_ended(*, by_due: bool) -> Switch:
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


def steps_measured(now):
    return (
        CaseEvent.objects.filter(kind=CaseEvent.Kind.STEP_STARTED)
        .annotate(
            step=Cast(KT("data__step"), CharField(max_length=20)),
            due=Cast(KT("data__due_at"), DateTimeField()),
        )
        .annotate(
            outcome=Switch(
                When(_step_ended(by_due=True), then=Value(WITHIN)),
                When(_step_ended(by_due=False), then=Value(LATE)),
                When(Q(due__lt=now, case__closed_at__isnull=True), then=Value(LATE)),
                default=Value("pending"),
                output_field=CharField(),
            )
        )
    )


def slow_figures(period_start, period_end, scope, now) -> dict:
    """The figures `kpis_for` gives (every user sees every case), counted the slow way."""
    start, end = period_bounds(period_start, period_end)
    cases = Case.objects.filter(scope.q())
    cohort = cases.filter(received_at__gte=start, received_at__lt=end)
    closed = Q(closed_at__isnull=False)
    totals = cohort.aggregate(
        received=Count("pk"),
        decided=Count("pk", filter=Q(decided_at__isnull=False)),
        escalated=Count("pk", filter=Q(escalation_level__gte=1)),
        level_2=Count("pk", filter=Q(escalation_level__gte=2)),
        accepted=Count("pk", filter=Q(reply=Case.Reply.ACCEPTED)),
        contested=Count("pk", filter=Q(reply=Case.Reply.CONTESTED)),
        lapsed=Count("pk", filter=Q(reply=Case.Reply.LAPSED)),
        upheld=Count("pk", filter=Q(review_result=Case.ReviewResult.UPHELD)),
        changed=Count("pk", filter=Q(review_result=Case.ReviewResult.CHANGED)),
        closed_cohort=Count("pk", filter=closed),
        compensation_sum=Sum("compensation", filter=closed & Q(compensation__gt=0)),
        compensated=Count("pk", filter=closed & Q(compensation__gt=0)),
        surveys=Count("survey", filter=closed),
        survey_mean=Avg("survey__overall", filter=closed),
    )
    flow = (
        cases.filter(received_at__lt=end)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=start))
        .aggregate(
            closed=Count("pk", filter=Q(closed_at__gte=start, closed_at__lt=end)),
            backlog=Count("pk", filter=Q(closed_at__isnull=True) | Q(closed_at__gte=end)),
        )
    )
    late_decided = (
        steps_measured(now)
        .filter(
            scope.q("case__"),
            outcome=LATE,
            case__received_at__gte=start,
            case__received_at__lt=end,
            case__decided_at__isnull=False,
            step__in=RESOLUTION_STEPS,
        )
        .values("case_id")
        .distinct()
        .count()
    )
    ack, decide, within_day = [], [], 0
    by_team = calendars()
    for team_id, got, acknowledged, decided in cohort.values_list(
        "team_id", "received_at", "acknowledged_at", "decided_at"
    ):
        calendar = by_team.get(team_id) or by_team[None]
        if acknowledged is not None:
            ack.append(calendar.hours_between(got, acknowledged))
            within_day += ack[-1] <= (calendar.day_hours or 24)
        if decided is not None:
            decide.append(calendar.hours_between(got, decided))
    steps = {}
    for row in (
        steps_measured(now)
        .filter(scope.q("case__"), created_at__gte=start, created_at__lt=end)
        .order_by()
        .values("step", "outcome")
        .annotate(n=Count("pk"))
    ):
        steps[row["step"], row["outcome"]] = row["n"]
    within = sum(n for (_step, outcome), n in steps.items() if outcome == WITHIN)
    late = sum(n for (_step, outcome), n in steps.items() if outcome == LATE)

    def hours(value):
        return round(value, 1) if value is not None else None

    figures = {
        "received": totals["received"],
        "closed": flow["closed"],
        "backlog": flow["backlog"],
        "ack_within_day": rate(within_day, len(ack)),
        "ack_hours_median": hours(percentile(ack, 0.5)),
        "ack_hours_p90": hours(percentile(ack, 0.9)),
        "decide_hours_median": hours(percentile(decide, 0.5)),
        "decide_hours_p90": hours(percentile(decide, 0.9)),
        "decided_within_deadline": rate(totals["decided"] - late_decided, totals["decided"]),
        "steps_within_deadline": rate(within, within + late),
        "escalation_rate": rate(totals["escalated"], totals["received"]),
        "escalated_level_1": totals["escalated"],
        "escalated_level_2": totals["level_2"],
        "accepted": totals["accepted"],
        "contested": totals["contested"],
        "lapsed": totals["lapsed"],
        "contest_rate": rate(
            totals["contested"], totals["accepted"] + totals["contested"] + totals["lapsed"]
        ),
        "review_upheld": totals["upheld"],
        "review_changed": totals["changed"],
        "review_changed_rate": rate(totals["changed"], totals["upheld"] + totals["changed"]),
        "compensation_paid": totals["compensation_sum"] or 0,
        "compensation_cases": totals["compensated"],
        "survey_response_rate": rate(totals["surveys"], totals["closed_cohort"]),
        "survey_mean": round(totals["survey_mean"], 2) if totals["survey_mean"] else None,
    }
    for key in STEP_END_KINDS:
        figures[f"step_{key}_within_deadline"] = rate(
            steps.get((key, WITHIN), 0), steps.get((key, WITHIN), 0) + steps.get((key, LATE), 0)
        )
    return figures
