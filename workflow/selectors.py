"""Every read of the complaint domain that has rules attached (privacy, visibility)."""

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import get_language

from viewflow.workflow.models import Process, Task

from .config import configured
from .models import Case, CaseEvent, Category, Complainant, HandlingSettings, SurveyResponse, Team
from .references import (
    access_code_matches,
    normalise_reference,
    normalised_email,
    normalised_phone,
    salt_matches,
    tracking_token_for,
    tracking_token_read,
)
from .steps import STEP


@dataclass(frozen=True)
class Visibility:
    """Which cases a staff member may see, as data every search backend can filter on."""

    everything: bool = False
    handler_id: int | None = None
    team_ids: frozenset[int] = frozenset()
    statuses: frozenset[str] = frozenset()

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.handler_id or self.team_ids or self.statuses)

    def q(self) -> Q:
        if self.everything:
            return Q()
        if self.nothing:
            return Q(pk__in=[])
        rule = Q(pk__in=[])
        if self.handler_id:
            rule |= Q(handler_id=self.handler_id)
        if self.team_ids:
            rule |= Q(team_id__in=sorted(self.team_ids))
        if self.statuses:
            rule |= Q(status__in=sorted(self.statuses))
        return rule


def case_visibility_get(*, user) -> Visibility:
    """Least privilege: all cases for managers and auditors; otherwise one's own cases,
    one's teams' cases, for intake officers the cases waiting for assessment and for
    reviewers the cases under review."""
    if not user.is_authenticated or not user.is_active:
        return Visibility()
    if user.has_perm("workflow.view_all_cases"):
        return Visibility(everything=True)
    if not user.has_perm("workflow.view_case"):
        return Visibility()
    team_ids = frozenset(
        Team.objects.filter(Q(members=user) | Q(supervisor=user)).values_list("pk", flat=True)
    )
    statuses = set()
    if user.has_perm("workflow.assess_case"):
        statuses |= {Case.Status.RECEIVED.value, Case.Status.ASSESSMENT.value}
    if user.has_perm("workflow.review_case"):
        statuses.add(Case.Status.REVIEW.value)
    statuses = frozenset(statuses)
    return Visibility(handler_id=user.pk, team_ids=team_ids, statuses=statuses)


def categories_active() -> dict[int, Category]:
    """The topics the public can choose, by id in their order, with their teams
    (configuration kept per process, see `workflow.config`)."""
    return configured(
        ("active categories",),
        lambda: {
            category.pk: category
            for category in Category.objects.filter(is_active=True).select_related("team")
        },
    )


def cases_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The cases `user` may see: least privilege, applied inside the query."""
    queryset = Case.objects.all() if queryset is None else queryset
    return queryset.filter(case_visibility_get(user=user).q())


@dataclass(frozen=True)
class PublicEvent:
    at: datetime
    label: str
    kind: str
    # The words of a message, of what the complainant added or contested, of a review.
    text: str = ""
    files: tuple[str, ...] = ()


@dataclass(frozen=True)
class PublicStatus:
    """What the public tracking page may show: no personal data, no staff names."""

    reference: str
    kind: str
    kind_code: str
    status: str
    status_code: str
    received_at: datetime
    due_at: datetime | None
    decision: str
    timeline: tuple[PublicEvent, ...]
    case_id: int
    awaiting_reply: bool
    reply: str
    review_outcome: str
    recourse: str
    can_add: bool
    survey_open: bool
    survey_done: bool


def _second_factor_matches(case: Case, given: str) -> bool:
    given = (given or "").strip()
    if not given:
        return False
    if access_code_matches(reference=case.reference, salt=case.access_salt, given=given):
        return True
    rows = _public_reads().contact.rows([case.pk])
    if not rows:
        return False
    email, phone = rows[0]
    if "@" in given:
        wanted, stored = normalised_email(given), normalised_email(email)
    else:
        wanted, stored = normalised_phone(given), normalised_phone(phone)
    return bool(wanted and stored) and constant_time_compare(wanted, stored)


_CASE_FIELDS = (
    "reference",
    "access_salt",
    "kind",
    "status",
    "language",
    "received_at",
    "due_at",
    "decided_at",
    "decision",
    "reply",
    "review_result",
    "review_outcome",
    "merged_into",
)
# Events whose words the complainant sees (their own and those addressed to them).
_TEXT_KINDS = {
    CaseEvent.Kind.MESSAGE,
    CaseEvent.Kind.CUSTOMER_INFO,
    CaseEvent.Kind.CONTESTED,
    CaseEvent.Kind.REVIEWED,
}


_LABELS: dict[tuple[str, str], dict[str, str]] = {}


# The two reads of a case's public page (opened by every notification's link and after
# every lookup) as SQL written once per database from the models' metadata, with the
# fields' own converters applied to the rows: the ORM spent several times longer building
# these two statements (and the query set machinery around them) on every request than the
# database spent answering them. The behaviour tests run them on SQLite and PostgreSQL.
class _Read:
    """SELECT `names` (fields of `model`) WHERE `where` (fields, each `= %s`) ORDER BY."""

    def __init__(self, connection, model, names, where, order_by=()):
        quote = connection.ops.quote_name
        meta = model._meta
        wanted = set(names)
        # In the model's field order: Model.from_db() expects the values in that order.
        self.fields = [field for field in meta.concrete_fields if field.name in wanted]
        self.attnames = [field.attname for field in self.fields]
        self.converters = [
            connection.ops.get_db_converters(field.get_col(meta.db_table))
            + field.get_db_converters(connection)
            for field in self.fields
        ]
        self.connection = connection
        # Identifiers from the models' metadata, quoted; values are always parameters.
        columns = ", ".join(quote(field.column) for field in self.fields)
        condition = " AND ".join(f"{quote(meta.get_field(name).column)} = %s" for name in where)
        order = ", ".join(quote(meta.get_field(name).column) for name in order_by)
        self.sql = f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {condition}"  # noqa: S608
        if order:
            self.sql += f" ORDER BY {order}"

    def rows(self, params) -> list[list]:
        with self.connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        converted = []
        for row in rows:
            values = list(row)
            for index, converters in enumerate(self.converters):
                for converter in converters:
                    values[index] = converter(values[index], self.fields[index], self.connection)
            converted.append(values)
        return converted


class _PublicReads(NamedTuple):
    case_by_id: _Read
    events: _Read  # the public ones, in order
    case_by_reference: _Read
    contact: _Read  # the complainant's email and phone: the second factors


_READS: dict[str, _PublicReads] = {}


def _public_reads() -> _PublicReads:
    """The reads of the public lookup and case page, on the default database."""
    if connection.vendor not in _READS:
        _READS[connection.vendor] = _PublicReads(
            _Read(connection, Case, ("id", *_CASE_FIELDS), where=("id",)),
            _Read(
                connection,
                CaseEvent,
                ("id", "kind", "created_at", "note", "data"),
                where=("case", "is_public"),
                order_by=("created_at", "id"),
            ),
            _Read(connection, Case, ("id", *_CASE_FIELDS), where=("reference",)),
            _Read(connection, Complainant, ("email", "phone"), where=("case",)),
        )
    return _READS[connection.vendor]


def _case_from(select: _Read, params) -> Case | None:
    rows = select.rows(params)
    if not rows:
        return None
    return Case.from_db(select.connection.alias, select.attnames, rows[0])


def _labels(choices, language: str) -> dict[str, str]:
    """A choices class's labels in `language`, translated once per process (Django's
    get_FOO_display rebuilds and translates the whole list on every call)."""
    key = (choices.__qualname__, language)
    if key not in _LABELS:
        _LABELS[key] = {value: str(label) for value, label in choices.choices}
    return _LABELS[key]


def _public_status(case: Case) -> PublicStatus:
    events = _public_reads().events
    names = events.attnames
    kinds = _labels(CaseEvent.Kind, get_language())
    timeline = []
    for row in events.rows([case.pk, True]):
        event = dict(zip(names, row, strict=True))
        shows_text = event["kind"] in _TEXT_KINDS
        timeline.append(
            PublicEvent(
                at=event["created_at"],
                label=kinds.get(event["kind"], event["kind"]),
                kind=event["kind"],
                text=event["note"] if shows_text else "",
                files=tuple((event["data"] or {}).get("files", ())) if shows_text else (),
            )
        )
    is_open = case.status != Case.Status.CLOSED
    # A duplicate merged into another case was not handled on its own: no survey for it.
    surveyed = not is_open and case.merged_into_id is None
    survey_done = surveyed and SurveyResponse.objects.filter(case_id=case.pk).exists()
    recourse = ""
    if case.review_outcome:
        recourse = HandlingSettings.load().external_recourse_in(case.language)
    return PublicStatus(
        reference=case.reference,
        kind=_labels(Case.Kind, get_language())[case.kind],
        kind_code=case.kind,
        status=_labels(Case.Status, get_language())[case.status],
        status_code=case.status,
        received_at=case.received_at,
        due_at=case.due_at if is_open else None,
        # The drafted response is internal until it is sent.
        decision=case.decision if case.decided_at else "",
        timeline=tuple(timeline),
        case_id=case.pk,
        awaiting_reply=case.status == Case.Status.DECIDED and not case.reply,
        reply=case.get_reply_display() if case.reply else "",
        review_outcome=case.review_outcome,
        recourse=recourse,
        can_add=is_open,
        survey_open=surveyed and not survey_done,
        survey_done=survey_done,
    )


def case_by_token(*, token: str) -> Case | None:
    """The case a signed tracking link opens, or None when the link is forged, expired or
    revoked (a new access salt revokes every earlier link)."""
    read = tracking_token_read(token, max_age_seconds=settings.TRACKING_LINK_MAX_AGE)
    if read is None:
        return None
    case_id, fingerprint = read
    case = _case_from(_public_reads().case_by_id, [case_id])
    if case is None or not salt_matches(salt=case.access_salt, fingerprint=fingerprint):
        return None
    return case


def case_public_status_of(case: Case) -> PublicStatus:
    """The public view of a case already opened by its link."""
    return _public_status(case)


def case_public_status_by_token(*, token: str) -> PublicStatus | None:
    """The public view of a case from the signed link in a notification."""
    case = case_by_token(token=token)
    return None if case is None else _public_status(case)


def _case_by_lookup(*, reference: str, second_factor: str) -> Case | None:
    normalised = normalise_reference(reference)
    if normalised is None:
        return None
    case = _case_from(_public_reads().case_by_reference, [normalised])
    if case is None or not _second_factor_matches(case, second_factor):
        return None
    return case


def case_token_get(*, reference: str, second_factor: str) -> str | None:
    """The signed link token of a case, or None: an unknown number and a wrong pair look
    the same."""
    case = _case_by_lookup(reference=reference, second_factor=second_factor)
    if case is None:
        return None
    return tracking_token_for(case_id=case.pk, salt=case.access_salt)


def case_public_status_get(*, reference: str, second_factor: str) -> PublicStatus | None:
    """The public view of a case, or None: an unknown number and a wrong pair look the same."""
    case = _case_by_lookup(reference=reference, second_factor=second_factor)
    return None if case is None else _public_status(case)


def open_tasks_for(*, user):
    """(mine, my teams'): open human tasks, overdue first, then by deadline."""
    open_tasks = (
        Task.objects.filter(finished__isnull=True, flow_task_type="HUMAN")
        .exclude(status__in=["CANCELED", "DONE"])
        .select_related("owner", "process__case", "process__case__category")
        .order_by(F("process__case__due_at").asc(nulls_last=True), "created")
    )
    team_ids = Team.objects.filter(Q(members=user) | Q(supervisor=user)).values("pk")
    mine = list(open_tasks.filter(owner=user))
    teams = list(open_tasks.filter(process__case__team_id__in=team_ids).exclude(owner=user))
    return mine, teams


def _load_counts(relation: str) -> dict:
    """Open, overdue and escalated cases reached through `relation` (cases, handled_cases)."""
    now = timezone.now()
    is_open = ~Q(**{f"{relation}__status": Case.Status.CLOSED})
    return {
        "open_cases": Count(relation, filter=is_open, distinct=True),
        "overdue": Count(
            relation, filter=is_open & Q(**{f"{relation}__due_at__lt": now}), distinct=True
        ),
        "escalated": Count(
            relation,
            filter=is_open & Q(**{f"{relation}__escalation_level__gt": 0}),
            distinct=True,
        ),
    }


def workload_get():
    """Open cases per team and per handler: how many, how many overdue, how many escalated
    (ISO 10002 4.3: resources matched to the load)."""
    teams = Team.objects.annotate(**_load_counts("cases")).order_by("-open_cases", "name")
    people = (
        get_user_model()
        .objects.annotate(**_load_counts("handled_cases"))
        .filter(open_cases__gt=0)
        .order_by("-open_cases", "username")
    )
    return list(teams), list(people)


# Taking part in any of these makes a person not independent of a case (the same list as
# `services.review_conflict`).
REVIEW_CONFLICT_KINDS = (
    CaseEvent.Kind.ASSESSED,
    CaseEvent.Kind.INVESTIGATED,
    CaseEvent.Kind.RESPONSE_DRAFTED,
    CaseEvent.Kind.APPROVED,
    CaseEvent.Kind.SENT_BACK,
)


def open_tasks_queued_for(*, user):
    """The unassigned tasks waiting for `user`'s role, so "My work" is never empty for
    those who take work from a queue: for intake officers the initial assessments of
    their teams' cases (every team's when they belong to none), for reviewers the
    independent reviews they are eligible for (the rule of `services.review_conflict`:
    not named in the case, not its handler, no part in its assessment, investigation,
    response or approval)."""
    queued = (
        Task.objects.filter(finished__isnull=True, flow_task_type="HUMAN", owner__isnull=True)
        .exclude(status__in=["CANCELED", "DONE"])
        .select_related("process__case", "process__case__category")
        .order_by(F("process__case__due_at").asc(nulls_last=True), "created")
    )
    assessments, reviews = [], []
    if user.has_perm("workflow.assess_case"):
        assessments = queued.filter(
            owner_permission="workflow.assess_case",
            process__case__status__in=[Case.Status.RECEIVED, Case.Status.ASSESSMENT],
        )
        team_ids = list(
            Team.objects.filter(Q(members=user) | Q(supervisor=user)).values_list("pk", flat=True)
        )
        if team_ids:
            assessments = assessments.filter(process__case__team_id__in=team_ids)
        assessments = list(assessments)
    if user.has_perm("workflow.review_case"):
        took_part = CaseEvent.objects.filter(
            case_id=OuterRef("process__case__pk"),
            actor_id=user.pk,
            kind__in=REVIEW_CONFLICT_KINDS,
        )
        reviews = list(
            queued.filter(
                owner_permission="workflow.review_case",
                process__case__status=Case.Status.REVIEW,
            )
            .exclude(process__case__handler_id=user.pk)
            .exclude(process__case__named_staff=user)
            .exclude(Exists(took_part))
        )
    return assessments, reviews


def processes_visible_to(user) -> QuerySet:
    """The Viewflow processes `user` may open: those of the cases they may see, and those
    holding a task they have or had."""
    if not user.is_authenticated or not user.is_active:
        return Process.objects.none()
    visibility = case_visibility_get(user=user)
    if visibility.everything:
        return Process.objects.all()
    return Process.objects.filter(
        Q(pk__in=cases_visible_to(user).filter(process__isnull=False).values("process_id"))
        | Q(pk__in=_tasks_model().objects.filter(owner_id=user.pk).values("process_id"))
    )


def tasks_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The Viewflow tasks `user` may see: those of the processes they may open."""
    queryset = _tasks_model().objects.all() if queryset is None else queryset
    if user.is_authenticated and case_visibility_get(user=user).everything:
        return queryset
    return queryset.filter(process_id__in=processes_visible_to(user).values("pk"))


def _tasks_model():
    return Task


def case_staff_history(*, case: Case) -> tuple[list, list]:
    """(shown to the complainant, internal): the case's history as staff see it. An event
    shown on the tracking page whose words the complainant does not see (the assessment's
    or the closing's note) is listed in the first part without its words, and its words in
    the internal part."""
    public, internal = [], []
    for event in case.events.select_related("actor"):
        if not event.is_public:
            if event.kind == CaseEvent.Kind.STEP_STARTED and event.data.get("step") in STEP:
                # Which step began, and the deadline promised for it then.
                event.step_title = STEP[event.data["step"]].title_in(case.kind)
                event.step_due = datetime.fromisoformat(event.data["due_at"])
            internal.append(event)
            continue
        event.shown_note = event.note if event.kind in _TEXT_KINDS else ""
        public.append(event)
        if event.note and event.kind not in _TEXT_KINDS:
            internal.append(event)
    internal.sort(key=lambda event: (event.created_at, event.pk))
    return public, internal


@dataclass(frozen=True)
class StepStart:
    """A step of a case's process began: when, and the deadline promised at that moment,
    counted from the priority's hours on the team's calendar as they were then."""

    step: str
    started: datetime
    due_at: datetime
    hours: int
    priority: str
    calendar: dict


def case_step_starts(*, case: Case) -> list[StepStart]:
    """Every start of a step of `case`, in order (a step sent back or taken up again after
    an undone merge starts again), as recorded then: a past deadline is never recomputed
    from today's configuration."""
    starts = []
    for data in case.events.filter(kind=CaseEvent.Kind.STEP_STARTED).values_list("data", flat=True):
        starts.append(
            StepStart(
                step=data["step"],
                started=datetime.fromisoformat(data["started"]),
                due_at=datetime.fromisoformat(data["due_at"]),
                hours=data["hours"],
                priority=data["priority"],
                calendar=data["calendar"],
            )
        )
    return starts
