"""Reads of corrective and preventive actions, with their rules: who may see and change
which action, whom an action may be given to, and the recurrence of its root cause."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from workflow.models import Case, RootCause, Team
from workflow.selectors import cases_visible_to

from ..models import CorrectiveAction

User = get_user_model()


def _teams_of(user) -> QuerySet:
    return Team.objects.filter(Q(members=user) | Q(supervisor=user)).values("pk")


def actions_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The actions `user` may see. Those who see every case (complaints managers, auditors,
    top management) see every action; others holding the permission (supervisors) see the
    actions they own or opened and those linked to a case of one of their teams."""
    queryset = CorrectiveAction.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if not user.has_perm("improvement.view_correctiveaction"):
        return queryset.none()
    if user.has_perm("workflow.view_all_cases"):
        return queryset
    links = CorrectiveAction.cases.through.objects.filter(
        correctiveaction_id=OuterRef("pk"), case__team__in=_teams_of(user)
    )
    return queryset.filter(Q(owner=user) | Q(opened_by=user) | Exists(links))


def action_may_change(*, user, action: CorrectiveAction) -> bool:
    """The permission to change actions, on an action the user may see."""
    return (
        user.has_perm("improvement.change_correctiveaction")
        and actions_visible_to(user).filter(pk=action.pk).exists()
    )


def action_get(*, user, pk: int) -> CorrectiveAction | None:
    return (
        actions_visible_to(user)
        .select_related("owner", "opened_by", "checked_by", "root_cause__parent")
        .filter(pk=pk)
        .first()
    )


def actions_list(
    *,
    user,
    status: str = "",
    owner=None,
    overdue: bool = False,
    today: date | None = None,
) -> QuerySet:
    """The actions `user` may see, filtered, with the number of cases of each; the open
    ones first by due date."""
    today = today or timezone.localdate()
    actions = actions_visible_to(user)
    if status:
        actions = actions.filter(status=status)
    if owner is not None:
        actions = actions.filter(owner=owner)
    if overdue:
        actions = actions.filter(status__in=CorrectiveAction.OPEN_STATUSES, due_on__lt=today)
    return (
        actions.select_related("owner", "root_cause__parent")
        .annotate(case_count=Count("cases"))
        .order_by("due_on", "pk")
    )


def action_owners() -> QuerySet:
    """Who may own an action: active staff who may change actions (they record what was
    done)."""
    holds = (
        Q(is_superuser=True)
        | Q(
            groups__permissions__codename="change_correctiveaction",
            groups__permissions__content_type__app_label="improvement",
        )
        | Q(
            user_permissions__codename="change_correctiveaction",
            user_permissions__content_type__app_label="improvement",
        )
    )
    return User.objects.filter(is_active=True).filter(
        pk__in=User.objects.filter(holds).values("pk")
    )


def action_cases(*, action: CorrectiveAction, user) -> list[Case]:
    """The action's cases, each marked `visible` when `user` may open its page."""
    cases = list(action.cases.select_related("category", "team", "cause__parent"))
    visible = set(
        cases_visible_to(user, Case.objects.filter(pk__in=[case.pk for case in cases])).values_list(
            "pk", flat=True
        )
    )
    for case in cases:
        case.visible = case.pk in visible
    return cases


def cause_family_ids(cause: RootCause) -> list[int]:
    """A cause and, for a top-level cause, the causes under it."""
    if cause.parent_id is not None:
        return [cause.pk]
    return [cause.pk, *cause.children.values_list("pk", flat=True)]


@dataclass(frozen=True)
class Recurrence:
    """Complaints of the action's root cause received in the `days` before completion and
    in the `days` after it: did they recur?"""

    cause: RootCause
    days: int
    completed_at: datetime
    before: int
    after: int
    # The window after completion is over (the figures will not change any more).
    complete: bool

    @property
    def window_start(self) -> datetime:
        return self.completed_at - timedelta(days=self.days)

    @property
    def window_end(self) -> datetime:
        return self.completed_at + timedelta(days=self.days)

    @property
    def change(self) -> int:
        return self.after - self.before


def action_recurrence(
    *, action: CorrectiveAction, now: datetime | None = None
) -> Recurrence | None:
    """The recurrence of the action's root cause around its completion (None until it is
    completed, or when it names no root cause): complaints (not merged duplicates) whose
    investigation classified them under the cause, or a cause under it, counted by the day
    they were received, in one query."""
    if action.completed_at is None or action.root_cause_id is None:
        return None
    now = now or timezone.now()
    days = action.check_after_days
    completed = action.completed_at
    counts = Case.objects.filter(
        kind=Case.Kind.COMPLAINT,
        merged_into__isnull=True,
        cause_id__in=cause_family_ids(action.root_cause),
        received_at__gte=completed - timedelta(days=days),
        received_at__lt=completed + timedelta(days=days),
    ).aggregate(
        before=Count("pk", filter=Q(received_at__lt=completed)),
        after=Count("pk", filter=Q(received_at__gte=completed)),
    )
    return Recurrence(
        cause=action.root_cause,
        days=days,
        completed_at=completed,
        before=counts["before"],
        after=counts["after"],
        complete=now >= completed + timedelta(days=days),
    )
