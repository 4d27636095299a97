"""Every read of the complaint domain that has rules attached (privacy, visibility)."""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, cached_property
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from viewflow.workflow.models import Process, Task

from .config import configured
from .models import (
    Case,
    CaseEvent,
    Category,
    Complainant,
    HandlingSettings,
    OrganisationSettings,
    SurveyResponse,
    Team,
)
from .references import (
    access_code_matches,
    normalise_reference,
    normalised_email,
    normalised_phone,
    salt_fingerprint,
    salt_matches,
    tracking_token_read,
)
from .steps import STEP


def organisation_name(language: str) -> tuple[str, str]:
    """The organisation's name in `language` and the language it is written in: editors set
    it in the CMS (`OrganisationSettings`); where `language` has none, the default
    language's name (said to be in that language, so pages mark it with `lang`), else
    ORGANISATION_NAME. Configuration, kept like the rest (`workflow.config`): one query for
    every language, then none for CONFIG_SECONDS or until the setting is saved."""

    def read() -> dict[str, tuple[str, str]]:
        setting = OrganisationSettings.load()
        default = getattr(setting, f"name_{settings.LANGUAGE_CODE}", "") or ""
        fallback = (default, settings.LANGUAGE_CODE) if default else None
        names = {}
        for code, _name in settings.LANGUAGES:
            own = getattr(setting, f"name_{code}", "") or ""
            names[code] = (own, code) if own else fallback
        return names

    found = configured(("organisation names",), read).get(language)
    return found or (settings.WAGTAIL_SITE_NAME, settings.LANGUAGE_CODE)


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
    """What the public tracking page may show: no personal data, no staff names.

    The timeline is read when first asked for: the case's history is append-only, so
    `timeline_version` (its last public event) names it, and a page that keeps the rendered
    timeline under that version needs no read of the events."""

    reference: str
    kind: str
    kind_code: str
    status: str
    status_code: str
    received_at: datetime
    due_at: datetime | None
    decision: str
    case_id: int
    timeline_version: int
    awaiting_reply: bool
    reply: str
    review_outcome: str
    recourse: str
    can_add: bool
    survey_open: bool
    survey_done: bool

    @cached_property
    def timeline(self) -> tuple[PublicEvent, ...]:
        return _public_timeline(self.case_id)

    @cached_property
    def version(self) -> str:
        """Names all the page shows, in a language: the case's public state and its
        timeline (named by its last public event)."""
        shown = (
            self.case_id,
            self.reference,
            self.kind_code,
            self.status_code,
            self.received_at,
            self.due_at,
            self.decision,
            self.timeline_version,
            self.awaiting_reply,
            self.reply,
            self.review_outcome,
            self.recourse,
            self.can_add,
            self.survey_open,
            self.survey_done,
        )
        return hashlib.md5(repr(shown).encode(), usedforsecurity=False).hexdigest()


# What the public reads of a case (never its complainant's personal data).
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


class PublicCase(NamedTuple):
    """The fields the public pages read of a case (never its complainant's personal
    data), its last public event and whether its survey was answered."""

    pk: int
    reference: str
    access_salt: str
    kind: str
    status: str
    language: str
    received_at: datetime
    due_at: datetime | None
    decided_at: datetime | None
    decision: str
    reply: str
    review_result: str
    review_outcome: str
    merged_into_id: int | None
    last_public_event: int | None
    survey_answered: bool


_DATETIMES = tuple(
    PublicCase._fields.index(name) for name in ("received_at", "due_at", "decided_at")
)


def _public_case(**lookup) -> PublicCase | None:
    """The case's public fields, by pk or reference (`lookup`): one query."""
    if settings.SPEED_RAW_PUBLIC_READS:
        ((name, value),) = lookup.items()
        with connection.cursor() as cursor:
            cursor.execute(_public_case_sql(name), [True, value])
            row = cursor.fetchone()
        if row is None:
            return None
        row = list(row)
        for index in _DATETIMES:  # SQLite gives naive UTC datetimes (USE_TZ is on)
            if row[index] is not None and timezone.is_naive(row[index]):
                row[index] = row[index].replace(tzinfo=UTC)
        row[-1] = bool(row[-1])
        return PublicCase(*row)
    row = (
        Case.objects.filter(**lookup)
        .annotate(
            last_public_event=Subquery(
                CaseEvent.objects.filter(case_id=OuterRef("pk"), is_public=True)
                .order_by("-pk")
                .values("pk")[:1]
            ),
            survey_answered=Exists(SurveyResponse.objects.filter(case_id=OuterRef("pk"))),
        )
        .values_list("pk", *_CASE_FIELDS, "last_public_event", "survey_answered")
        .first()
    )
    return None if row is None else PublicCase(*row)


@cache
def _public_case_sql(lookup: str) -> str:
    """The statement of `_public_case` for the ORM query above, written once from the
    models' metadata and run through a cursor (docs/speed.md: building the ORM's query cost
    ten times the statement on every page; SPEED_RAW_PUBLIC_READS=off uses the ORM)."""
    case, event, survey = Case._meta, CaseEvent._meta, SurveyResponse._meta
    where = case.pk if lookup == "pk" else case.get_field(lookup)
    columns = ", ".join(f"c.{case.get_field(name).column}" for name in ("id", *_CASE_FIELDS))
    # Identifiers from the models' metadata; values are always parameters.
    return (
        f"SELECT {columns}, "  # noqa: S608
        f"(SELECT MAX(e.id) FROM {event.db_table} e WHERE e.case_id = c.id"
        " AND e.is_public = %s) AS last_public_event, "
        f"EXISTS (SELECT 1 FROM {survey.db_table} s WHERE s.case_id = c.id) AS survey_answered "
        f"FROM {case.db_table} c WHERE c.{where.column} = %s"
    )


class _LookupRow(NamedTuple):
    """What a lookup compares: the case's tracking number and access salt, its
    complainant's email and phone (empty when there are none); `pk`, `reference` and
    `access_salt` as a case has them (`case_access_of` takes either)."""

    pk: int
    reference: str
    access_salt: str
    email: str | None
    phone: str | None


def _lookup_row(reference: str) -> _LookupRow | None:
    """The case with this tracking number and its complainant's contacts: one read (one
    statement written once, SPEED_RAW_PUBLIC_READS, like `_public_case`)."""
    if settings.SPEED_RAW_PUBLIC_READS:
        with connection.cursor() as cursor:
            cursor.execute(_lookup_sql(), [reference])
            row = cursor.fetchone()
        return None if row is None else _LookupRow(*row)
    row = (
        Case.objects.filter(reference=reference)
        .values_list("pk", "reference", "access_salt", "complainant__email", "complainant__phone")
        .first()
    )
    return None if row is None else _LookupRow(*row)


@cache
def _lookup_sql() -> str:
    """The statement of `_lookup_row`'s ORM query, from the models' metadata."""
    case, person = Case._meta, Complainant._meta
    email, phone = (person.get_field(name).column for name in ("email", "phone"))
    reference, salt = (case.get_field(name).column for name in ("reference", "access_salt"))
    person_case = person.get_field("case").column
    return (
        f"SELECT c.{case.pk.column}, c.{reference}, c.{salt}, p.{email}, p.{phone} "  # noqa: S608
        f"FROM {case.db_table} c LEFT OUTER JOIN {person.db_table} p "
        f"ON p.{person_case} = c.{case.pk.column} WHERE c.{reference} = %s"
    )


def _second_factor_matches(row: _LookupRow, given: str) -> bool:
    given = (given or "").strip()
    if not given:
        return False
    if access_code_matches(reference=row.reference, salt=row.access_salt, given=given):
        return True
    if "@" in given:
        wanted, stored = normalised_email(given), normalised_email(row.email or "")
    else:
        wanted, stored = normalised_phone(given), normalised_phone(row.phone or "")
    return bool(wanted and stored) and constant_time_compare(wanted, stored)


def _public_timeline(case_id: int) -> tuple[PublicEvent, ...]:
    events = (
        CaseEvent.objects.filter(case_id=case_id, is_public=True)
        .order_by("created_at", "pk")
        .values_list("kind", "created_at", "note", "data")
    )
    kinds = dict(CaseEvent.Kind.choices)
    timeline = []
    for kind, created_at, note, data in events:
        shows_text = kind in _TEXT_KINDS
        timeline.append(
            PublicEvent(
                at=created_at,
                label=str(kinds.get(kind, kind)),
                kind=kind,
                text=note if shows_text else "",
                files=tuple((data or {}).get("files", ())) if shows_text else (),
            )
        )
    return tuple(timeline)


def _public_status(case: PublicCase | Case) -> PublicStatus:
    if not isinstance(case, PublicCase):  # a case not read by _public_case
        case = _public_case(pk=case.pk)
    is_open = case.status != Case.Status.CLOSED
    # A duplicate merged into another case was not handled on its own: no survey for it.
    surveyed = not is_open and case.merged_into_id is None
    survey_done = surveyed and case.survey_answered
    recourse = ""
    if case.review_outcome:
        recourse = HandlingSettings.load().external_recourse_in(case.language)
    return PublicStatus(
        reference=case.reference,
        # The label of the one value, translated (get_FOO_display translates every choice).
        kind=str(Case.Kind(case.kind).label),
        kind_code=case.kind,
        status=str(Case.Status(case.status).label),
        status_code=case.status,
        received_at=case.received_at,
        due_at=case.due_at if is_open else None,
        # The drafted response is internal until it is sent.
        decision=case.decision if case.decided_at else "",
        case_id=case.pk,
        timeline_version=case.last_public_event or 0,
        awaiting_reply=case.status == Case.Status.DECIDED and not case.reply,
        reply=str(Case.Reply(case.reply).label) if case.reply else "",
        review_outcome=case.review_outcome,
        recourse=recourse,
        can_add=is_open,
        survey_open=surveyed and not survey_done,
        survey_done=survey_done,
    )


class CaseAccess(NamedTuple):
    """Who may open which case: what a successful lookup or a valid link gives (the
    session keeps it, `portal.access`). The fingerprint of the case's access salt ties it
    to the salt of the moment: a new salt (a revocation, a new access code) ends it."""

    case_id: int
    reference: str
    fingerprint: str


def case_access_of(case: Case | _LookupRow) -> CaseAccess:
    """The access to a case its own submission or a lookup gives."""
    return CaseAccess(
        case_id=case.pk, reference=case.reference, fingerprint=salt_fingerprint(case.access_salt)
    )


def case_access_by_token(*, token: str) -> CaseAccess | None:
    """The case a signed tracking link opens, or None when the link is forged, expired
    (TRACKING_LINK_HOURS) or revoked (a new access salt revokes every earlier link)."""
    read = tracking_token_read(token, max_age_seconds=settings.TRACKING_LINK_HOURS * 3600)
    if read is None:
        return None
    case_id, fingerprint = read
    # Only what the check and the access need (the page reads the case itself next).
    row = Case.objects.filter(pk=case_id).values_list("reference", "access_salt").first()
    if row is None or not salt_matches(salt=row[1], fingerprint=fingerprint):
        return None
    return CaseAccess(case_id=case_id, reference=row[0], fingerprint=fingerprint)


def case_for_access(*, case_id: int, fingerprint: str) -> PublicCase | None:
    """The case an access kept in a session opens (one read), or None when the case is
    gone or its access salt changed since the access was given (revoked)."""
    case = _public_case(pk=case_id)
    if case is None or not salt_matches(salt=case.access_salt, fingerprint=fingerprint):
        return None
    return case


def case_public_status_of(case: PublicCase | Case) -> PublicStatus:
    """The public view of a case already opened (by a lookup or a link)."""
    return _public_status(case)


def _case_by_lookup(*, reference: str, second_factor: str) -> _LookupRow | None:
    normalised = normalise_reference(reference)
    if normalised is None:
        return None
    row = _lookup_row(normalised)
    if row is None or not _second_factor_matches(row, second_factor):
        return None
    return row


def case_access_get(*, reference: str, second_factor: str) -> CaseAccess | None:
    """The access a tracking number and its second factor give, or None: an unknown number
    and a wrong pair look the same."""
    row = _case_by_lookup(reference=reference, second_factor=second_factor)
    return None if row is None else case_access_of(row)


def case_public_status_get(*, reference: str, second_factor: str) -> PublicStatus | None:
    """The public view of a case, or None: an unknown number and a wrong pair look the same."""
    row = _case_by_lookup(reference=reference, second_factor=second_factor)
    case = None if row is None else _public_case(pk=row.pk)
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
