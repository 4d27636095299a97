"""Keeps the KPI facts (`improvement.models.CaseFacts`, `StepFacts`) equal to what the case
and its history say: each case's row and its steps' rows are rewritten from them whenever
the case, its history or its survey changes (the signals of `apps.py` call
`case_facts_refresh`), and all of them by `facts_rebuild` (the migration that adds them,
`manage.py kpi_facts_rebuild`, the demo history loader and the reports benchmark after
their bulk inserts, which send no signals). A change of a team's working calendar or of
the holidays rewrites the working hours of the cases it applies to (`calendar_changed`).

The rules are the ones the KPIs state (docs/kpis.md): durations in working hours on the
owning team's calendar as it is; each step against the deadline recorded in its
`step_started` event, done within it when the first end event of that step at or after its
start came by it.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from django_tasks import task

from workflow.models import Case, CaseEvent

from ..models import SCOPE_FIELDS, CaseFacts, StepFacts, snapshot_months_changed
from ..selectors.deadlines import RESOLUTION_STEPS, STEP_END_KINDS
from ..selectors.durations import calendars

# The history events the facts are made of (others never change them).
END_KINDS = {kind: step for step, kinds in STEP_END_KINDS.items() for kind in kinds}
FACT_KINDS = frozenset(
    {CaseEvent.Kind.STEP_STARTED, CaseEvent.Kind.UNMERGED, *(str(kind) for kind in END_KINDS)}
)
# The case's own fields the facts copy (a save that changes none of them changes nothing).
CASE_FIELDS = (
    "team_id",
    "category_id",
    "channel",
    "language",
    "priority_id",
    "received_at",
    "acknowledged_at",
    "decided_at",
    "closed_at",
    "escalation_level",
    "reply",
    "review_result",
    "compensation",
)
CASE_FIELD_NAMES = frozenset(name.removesuffix("_id") for name in CASE_FIELDS) | frozenset(
    CASE_FIELDS
)
BATCH = 2000


def _due(data: dict) -> datetime.datetime | None:
    value = (data or {}).get("due_at")
    if not value:
        return None
    try:
        due = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return due if due.tzinfo else due.replace(tzinfo=datetime.UTC)


def month_of(moment: datetime.datetime | None) -> datetime.date | None:
    """The first day of the month `moment` falls in, in the site's time zone (as the
    monthly trends count months)."""
    if moment is None:
        return None
    return timezone.localtime(moment).date().replace(day=1)


def _facts(
    case_ids: list[int], by_team, *, new: bool = False
) -> tuple[list[CaseFacts], list[StepFacts], set]:
    """The rows of these cases, from two reads (the cases with their surveys and the months
    their facts counted in so far, their history; only the first for cases just created),
    and the months whose counts they change (`models.snapshot_months_changed`)."""
    rows = Case.objects.filter(pk__in=case_ids).values(
        "pk",
        "survey__overall",
        "kpi_facts__received_month",
        "kpi_facts__closed_month",
        *CASE_FIELDS,
    )
    months: set = set()
    events: dict[int, list] = defaultdict(list)
    history = (
        CaseEvent.objects.filter(case_id__in=case_ids, kind__in=sorted(FACT_KINDS))
        .order_by("created_at", "pk")
        .values_list("pk", "case_id", "kind", "created_at", "data")
    )
    for pk, case_id, kind, created, data in [] if new else history.iterator(BATCH * 4):
        events[case_id].append((pk, kind, created, data))
    case_rows, step_rows = [], []
    for row in rows:
        # The months it counted in before (its steps' months stay: the history only grows).
        months.update((row["kpi_facts__received_month"], row["kpi_facts__closed_month"]))
        scope = {name: row[name] for name in SCOPE_FIELDS}
        case_open = row["closed_at"] is None
        calendar = None
        if row["acknowledged_at"] is not None or row["decided_at"] is not None:
            teams = by_team()
            calendar = teams.get(row["team_id"]) or teams[None]
        ack_hours = decide_hours = None
        within_day = False
        if row["acknowledged_at"] is not None:
            ack_hours = calendar.hours_between(row["received_at"], row["acknowledged_at"])
            within_day = ack_hours <= (calendar.day_hours or 24)
        if row["decided_at"] is not None:
            decide_hours = calendar.hours_between(row["received_at"], row["decided_at"])
        # Each step started, ended by the first of its end events at or after its start.
        history = events.get(row["pk"], [])
        ends: dict[str, list] = defaultdict(list)
        for _pk, kind, created, _data in history:
            if kind in END_KINDS:
                ends[END_KINDS[kind]].append(created)
        resolution_late, open_due, reopened = False, None, 0
        for pk, kind, created, data in history:
            if kind == CaseEvent.Kind.UNMERGED:
                reopened += 1
            if kind != CaseEvent.Kind.STEP_STARTED:
                continue
            step = str((data or {}).get("step") or "")
            due = _due(data)
            ended = next((at for at in ends.get(step, ()) if at >= created), None)
            if ended is None:
                result = StepFacts.Result.OPEN
            elif due is not None and ended <= due:
                result = StepFacts.Result.WITHIN
            else:
                result = StepFacts.Result.LATE
            if step in RESOLUTION_STEPS:
                resolution_late |= result == StepFacts.Result.LATE
                if result == StepFacts.Result.OPEN and due is not None:
                    open_due = due if open_due is None else min(open_due, due)
            months.add(month_of(created))
            step_rows.append(
                StepFacts(
                    event_id=pk,
                    case_id=row["pk"],
                    step=step[:20],
                    started_at=created,
                    started_month=month_of(created),
                    due_at=due,
                    ended_at=ended,
                    result=result,
                    case_open=case_open,
                    **scope,
                )
            )
        case_rows.append(
            CaseFacts(
                case_id=row["pk"],
                **scope,
                received_at=row["received_at"],
                closed_at=row["closed_at"],
                received_month=month_of(row["received_at"]),
                closed_month=month_of(row["closed_at"]),
                ack_hours=ack_hours,
                ack_within_day=within_day,
                decide_hours=decide_hours,
                escalation_level=row["escalation_level"],
                reply=row["reply"],
                review_result=row["review_result"],
                compensation=row["compensation"],
                survey_overall=row["survey__overall"],
                reopened=reopened,
                resolution_late=resolution_late,
                resolution_open_due=open_due,
            )
        )
        months.update((case_rows[-1].received_month, case_rows[-1].closed_month))
    return case_rows, step_rows, months


def _calendars_once():
    found = {}

    def get():
        if not found:
            found.update(calendars())
        return found

    return get


UPDATED = [field.name for field in CaseFacts._meta.concrete_fields if not field.primary_key]


def case_facts_refresh(
    case_ids: Iterable[int], *, by_team=None, new: bool = False, bulk: bool = False
) -> None:
    """Rewrite the facts of these cases (a few queries per batch of 2,000; fewer for a case
    just created, `new`: it has no history yet), and mark the monthly snapshots of the
    months they counted in, or now count in, stale (in the same transaction). `bulk`: a
    rewrite of many cases at once (a rebuild, a recount, a bulk load), not the months'
    activity: their snapshots are counted again at once, not after `QUIET`."""
    case_ids = sorted(set(case_ids))
    by_team = by_team or _calendars_once()
    for first in range(0, len(case_ids), BATCH):
        batch = case_ids[first : first + BATCH]
        case_rows, step_rows, months = _facts(batch, by_team, new=new)
        with transaction.atomic():
            snapshot_months_changed(months, active=not bulk)
            if new:
                CaseFacts.objects.bulk_create(case_rows)
                continue
            StepFacts.objects.filter(case_id__in=batch).delete()
            if case_rows:
                CaseFacts.objects.bulk_create(
                    case_rows,
                    update_conflicts=True,
                    unique_fields=["case"],
                    update_fields=UPDATED,
                )
            if step_rows:
                StepFacts.objects.bulk_create(step_rows, batch_size=BATCH)


def facts_rebuild(*, team_ids: Iterable[int] | None = None) -> int:
    """Rewrite the facts of every case (or of the cases of these teams). Returns how many."""
    cases = Case.objects.order_by("pk")
    if team_ids is not None:
        cases = cases.filter(team_id__in=list(team_ids))
    ids = list(cases.values_list("pk", flat=True))
    case_facts_refresh(ids, bulk=True)
    return len(ids)


def calendar_changed(*, team_id: int | None) -> None:
    """A team's working calendar or a holiday changed (None: one for every team): the
    working hours of the cases it applies to are counted again on it, by the worker once
    the change is committed (minutes at 100,000 cases: never in the editor's request)."""
    transaction.on_commit(lambda: calendar_recount_task.enqueue(team_id))


@task()
def calendar_recount_task(team_id: int | None) -> int:
    """Count the working hours of a team's cases (None: every case) again; how many."""
    return facts_rebuild(team_ids=None if team_id is None else [team_id])


# Receivers (connected in apps.py): what changes the facts of a case.


def case_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    if raw:
        return
    # A case just created gets its row from its first change, or from the next reader
    # (`models.facts_missing_fill`): recording feedback costs no query more.
    if created:
        return
    if update_fields is None or CASE_FIELD_NAMES & set(update_fields):
        case_facts_refresh([instance.pk])


def event_recorded(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.kind in FACT_KINDS:
        case_facts_refresh([instance.case_id])


def survey_changed(sender, instance, raw=False, origin=None, **kwargs):
    # A survey deleted with its case (the deletion began elsewhere) leaves nothing to keep.
    if raw or (origin is not None and getattr(origin, "model", type(origin)) is not sender):
        return
    case_facts_refresh([instance.case_id])


CALENDAR_FIELDS = ("work_days", "day_starts", "day_ends", "time_zone")


def team_saving(sender, instance, raw=False, **kwargs):
    """Before a team is saved: whether its working calendar changes (a new name does not
    recount anything)."""
    if raw or instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values_list(*CALENDAR_FIELDS).first()
    now = tuple(getattr(instance, name) for name in CALENDAR_FIELDS)
    instance._kpi_calendar_changed = before is not None and tuple(before) != now


def team_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw and getattr(instance, "_kpi_calendar_changed", False):
        calendar_changed(team_id=instance.pk)


def holiday_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        calendar_changed(team_id=instance.team_id)
