"""Every read of the complaint domain that has rules attached (privacy, visibility)."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.crypto import constant_time_compare

from .models import Case, CaseEvent
from .references import access_code_matches, normalise_reference

_DIGITS = re.compile(r"\D")


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
    one's teams' cases, and (for intake officers) the cases waiting for assessment."""
    from .models import Team

    if not user.is_authenticated or not user.is_active:
        return Visibility()
    if user.has_perm("workflow.view_all_cases"):
        return Visibility(everything=True)
    if not user.has_perm("workflow.view_case"):
        return Visibility()
    team_ids = frozenset(
        Team.objects.filter(Q(members=user) | Q(supervisor=user)).values_list("pk", flat=True)
    )
    statuses = frozenset()
    if user.has_perm("workflow.assess_case"):
        statuses = frozenset({Case.Status.RECEIVED.value, Case.Status.ASSESSMENT.value})
    return Visibility(handler_id=user.pk, team_ids=team_ids, statuses=statuses)


def cases_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The cases `user` may see: least privilege, applied inside the query."""
    queryset = Case.objects.all() if queryset is None else queryset
    return queryset.filter(case_visibility_get(user=user).q())


@dataclass(frozen=True)
class PublicEvent:
    at: datetime
    label: str
    kind: str


@dataclass(frozen=True)
class PublicStatus:
    """What the public tracking page may show: no personal data, no staff names."""

    reference: str
    kind: str
    status: str
    status_code: str
    received_at: datetime
    due_at: datetime | None
    decision: str
    timeline: list[PublicEvent]


def _second_factor_matches(case: Case, given: str) -> bool:
    given = (given or "").strip()
    if not given:
        return False
    if access_code_matches(reference=case.reference, salt=case.access_salt, given=given):
        return True
    complainant = getattr(case, "complainant", None)
    if complainant is None:
        return False
    if "@" in given:
        return bool(complainant.email) and constant_time_compare(
            given.lower(), complainant.email.strip().lower()
        )
    digits = _DIGITS.sub("", given)
    phone = _DIGITS.sub("", complainant.phone)
    return len(digits) >= 6 and bool(phone) and constant_time_compare(digits[-9:], phone[-9:])


_CASE_FIELDS = ("reference", "access_salt", "kind", "status", "received_at", "due_at", "decision")
_PUBLIC_FIELDS = (*_CASE_FIELDS, "complainant__email", "complainant__phone")


def _public_status(case: Case) -> PublicStatus:
    events = CaseEvent.objects.filter(case_id=case.pk, is_public=True).only("kind", "created_at")
    timeline = [
        PublicEvent(at=event.created_at, label=event.get_kind_display(), kind=event.kind)
        for event in events
    ]
    is_open = case.status != Case.Status.CLOSED
    return PublicStatus(
        reference=case.reference,
        kind=case.get_kind_display(),
        status=case.get_status_display(),
        status_code=case.status,
        received_at=case.received_at,
        due_at=case.due_at if is_open else None,
        decision=case.decision if case.status in (Case.Status.DECIDED, Case.Status.CLOSED) else "",
        timeline=timeline,
    )


def case_public_status_by_token(*, token: str) -> PublicStatus | None:
    """The public view of a case from the signed link in a notification, or None when the
    link is forged, expired or revoked."""
    from django.conf import settings

    from .references import salt_matches, tracking_token_read

    read = tracking_token_read(token, max_age_seconds=settings.TRACKING_LINK_MAX_AGE)
    if read is None:
        return None
    case_id, fingerprint = read
    case = Case.objects.only(*_CASE_FIELDS).filter(pk=case_id).first()
    if case is None or not salt_matches(salt=case.access_salt, fingerprint=fingerprint):
        return None
    return _public_status(case)


def case_public_status_get(*, reference: str, second_factor: str) -> PublicStatus | None:
    """The public view of a case, or None: an unknown number and a wrong pair look the same."""
    normalised = normalise_reference(reference)
    if normalised is None:
        return None
    case = (
        Case.objects.select_related("complainant")
        .only(*_PUBLIC_FIELDS)
        .filter(reference=normalised)
        .first()
    )
    if case is None or not _second_factor_matches(case, second_factor):
        return None
    return _public_status(case)
