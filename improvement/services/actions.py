"""Every write of corrective and preventive actions (ISO 10002 8.7): open, change, log
what was done, record the effectiveness check; and the periodic job of their deadlines
(a reminder to the owner before the due date, the complaints managers alerted when it has
passed, the owner told when the effectiveness check is due), each exactly once.

Each runs in one transaction with its log entries, the history events of the linked cases
and the outbox rows of its emails."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflow import notifications, roles
from workflow.models import Case, CaseEvent, RootCause

from ..models import ActionLogEntry, CorrectiveAction
from ..selectors.actions import action_recurrence

User = get_user_model()

Status = CorrectiveAction.Status

# What the update form may move an action to from each status. The check's results
# (effective, not effective) are recorded by `action_check_record` only; a finished action
# changes no more.
TRANSITIONS = {
    Status.OPEN: (Status.IN_PROGRESS, Status.DONE, Status.CANCELLED),
    Status.IN_PROGRESS: (Status.OPEN, Status.DONE, Status.CANCELLED),
    Status.DONE: (Status.IN_PROGRESS,),
    Status.EFFECTIVE: (),
    Status.NOT_EFFECTIVE: (),
    Status.CANCELLED: (),
}

EMAIL_TEMPLATES = "improvement/email/"


def reminder_days() -> int:
    """How many days before its due date an action's owner is reminded."""
    return getattr(settings, "IMPROVEMENT_ACTION_REMINDER_DAYS", 7)


def action_url(action: CorrectiveAction) -> str:
    """The path of the action's staff page."""
    return reverse("improvement:action_detail", args=[action.pk])


def _log(action, kind, *, actor=None, text="", done_on=None, data=None) -> ActionLogEntry:
    return ActionLogEntry.objects.create(
        action=action,
        kind=kind,
        author=actor,
        text=text,
        done_on=done_on or timezone.localdate(),
        data=data or {},
    )


def _cases_event(*, action, cases, actor, change: str) -> None:
    """One internal event in each case's history, linking to the action's page."""
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case=case,
                kind=CaseEvent.Kind.ACTION,
                actor=actor,
                is_public=False,
                data={
                    "action": action.pk,
                    "title": str(action),
                    "url": action_url(action),
                    "change": change,
                    "status": action.status,
                },
            )
            for case in cases
        ]
    )


def _email(*, users, template: str, action: CorrectiveAction, **extra) -> int:
    return notifications.staff_email_queue(
        users=users,
        prefix=EMAIL_TEMPLATES,
        template=template,
        context={"action": action, "url": settings.SITE_URL + action_url(action), **extra},
    )


def _managers():
    return (
        User.objects.filter(groups__name=roles.COMPLAINTS_MANAGER, is_active=True)
        .distinct()
        .order_by("username")
    )


def _check_cause(root_cause: RootCause | None) -> None:
    if root_cause is not None and not root_cause.is_active:
        raise ValidationError(_("This root cause is no longer in use: choose another."))


def action_open(
    *,
    actor,
    kind: str,
    title: str,
    description: str,
    owner,
    due_on: date,
    root_cause: RootCause | None = None,
    check_after_days: int = 90,
    cases=(),
) -> CorrectiveAction:
    """Open an action, from the cases given (none: from an analysis). Each case's history
    records the link; the owner, when it is someone else, is told."""
    title, description = title.strip(), description.strip()
    if not title or not description:
        raise ValidationError(_("Give the action a title and a description."))
    if due_on < timezone.localdate():
        raise ValidationError(_("The due date cannot be in the past."))
    _check_cause(root_cause)
    cases = list(cases)
    with transaction.atomic():
        action = CorrectiveAction.objects.create(
            kind=kind,
            title=title,
            description=description,
            root_cause=root_cause,
            owner=owner,
            due_on=due_on,
            check_after_days=check_after_days,
            opened_by=actor,
        )
        action.cases.set(cases)
        _log(
            action,
            ActionLogEntry.Kind.OPENED,
            actor=actor,
            data={"cases": [case.reference for case in cases]},
        )
        _cases_event(action=action, cases=cases, actor=actor, change="linked")
        if owner.pk != actor.pk:
            _email(users=[owner], template="action_assigned", action=action, by=actor)
    return action


def _status_set(action: CorrectiveAction, status: str, now: datetime) -> None:
    """The fields that follow a status: completion starts the effectiveness check's
    count; taking a completed action up again forgets it."""
    if status == Status.DONE and action.status != Status.DONE:
        action.completed_at = now
        action.check_due_at = now + timedelta(days=action.check_after_days)
        action.check_notified_at = None
    elif action.status == Status.DONE and status != Status.DONE:
        action.completed_at = None
        action.check_due_at = None
        action.check_notified_at = None
    action.status = status


def action_update(
    *,
    action: CorrectiveAction,
    actor,
    kind: str,
    title: str,
    description: str,
    owner,
    due_on: date,
    status: str,
    root_cause: RootCause | None = None,
    check_after_days: int = 90,
    cases=(),
    note: str = "",
) -> CorrectiveAction:
    """Change an action. A new due date starts its reminder and escalation afresh; a new
    owner is told; cases linked or unlinked get the event in their history; the change
    and `note` go to the action's log."""
    title, description, note = title.strip(), description.strip(), note.strip()
    if action.status in CorrectiveAction.FINAL_STATUSES:
        raise ValidationError(_("This action is finished: it can no longer be changed."))
    if not title or not description:
        raise ValidationError(_("Give the action a title and a description."))
    if status != action.status and status not in TRANSITIONS[action.status]:
        raise ValidationError(
            _("An action that is “%(old)s” cannot become “%(new)s”.")
            % {"old": action.get_status_display(), "new": Status(status).label}
        )
    if status == Status.CANCELLED and not note:
        raise ValidationError(_("Say why the action is cancelled."))
    if due_on != action.due_on and due_on < timezone.localdate():
        raise ValidationError(_("The due date cannot be in the past."))
    if root_cause != action.root_cause:
        _check_cause(root_cause)
    now = timezone.now()
    with transaction.atomic():
        action = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
        before = {
            "kind": action.kind,
            "title": action.title,
            "description": action.description,
            "root_cause": action.root_cause_id,
            "owner": action.owner_id,
            "due_on": str(action.due_on),
            "check_after_days": action.check_after_days,
        }
        old_status, old_owner = action.status, action.owner_id
        if due_on != action.due_on:
            action.reminded_at = action.escalated_at = None
        if check_after_days != action.check_after_days and action.completed_at:
            action.check_due_at = action.completed_at + timedelta(days=check_after_days)
            action.check_notified_at = None
        action.kind, action.title, action.description = kind, title, description
        action.root_cause, action.owner, action.due_on = root_cause, owner, due_on
        action.check_after_days = check_after_days
        _status_set(action, status, now)
        action.save()
        after = {
            "kind": action.kind,
            "title": action.title,
            "description": action.description,
            "root_cause": action.root_cause_id,
            "owner": action.owner_id,
            "due_on": str(action.due_on),
            "check_after_days": action.check_after_days,
        }
        changed = sorted(name for name in before if before[name] != after[name])
        if status != old_status:
            _log(
                action,
                ActionLogEntry.Kind.STATUS,
                actor=actor,
                text=note,
                data={"from": old_status, "to": status},
            )
            note = ""
        if changed or note:
            _log(
                action,
                ActionLogEntry.Kind.CHANGED,
                actor=actor,
                text=note,
                data={"fields": changed},
            )
        wanted = {case.pk: case for case in cases}
        linked = set(action.cases.values_list("pk", flat=True))
        added = [case for pk, case in wanted.items() if pk not in linked]
        removed = list(Case.objects.filter(pk__in=linked - set(wanted)))
        if added or removed:
            action.cases.add(*added)
            action.cases.remove(*removed)
            _log(
                action,
                ActionLogEntry.Kind.CASES,
                actor=actor,
                data={
                    "added": [case.reference for case in added],
                    "removed": [case.reference for case in removed],
                },
            )
            _cases_event(action=action, cases=added, actor=actor, change="linked")
            _cases_event(action=action, cases=removed, actor=actor, change="unlinked")
        if owner.pk != old_owner and owner.pk != actor.pk:
            _email(users=[owner], template="action_assigned", action=action, by=actor)
    return action


def action_log_add(
    *, action: CorrectiveAction, actor, text: str, done_on: date | None = None
) -> ActionLogEntry:
    """Record something done for the action (on `done_on`, by `actor`). Taking an open
    action's first step puts it in progress."""
    text = text.strip()
    if not text:
        raise ValidationError(_("Say what was done."))
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError(_("The date of what was done cannot be in the future."))
    if action.status in CorrectiveAction.FINAL_STATUSES:
        raise ValidationError(_("This action is finished: it can no longer be changed."))
    with transaction.atomic():
        entry = _log(action, ActionLogEntry.Kind.PROGRESS, actor=actor, text=text, done_on=done_on)
        if action.status == Status.OPEN:
            CorrectiveAction.objects.filter(pk=action.pk, status=Status.OPEN).update(
                status=Status.IN_PROGRESS, updated_at=timezone.now()
            )
            _log(
                action,
                ActionLogEntry.Kind.STATUS,
                actor=actor,
                data={"from": Status.OPEN, "to": Status.IN_PROGRESS},
            )
            action.status = Status.IN_PROGRESS
    return entry


def action_check_record(
    *, action: CorrectiveAction, actor, effective: bool, note: str
) -> CorrectiveAction:
    """Record the effectiveness check of a completed action, once it is due: effective or
    not, why, and the recurrence figures it was based on (frozen with it). Each linked
    case's history records the result."""
    note = note.strip()
    if action.status != Status.DONE:
        raise ValidationError(_("Only a completed action awaiting its check can be checked."))
    if action.check_due_at and action.check_due_at > timezone.now():
        raise ValidationError(
            _("The effectiveness check is due on %(date)s: the figures are not complete yet.")
            % {"date": timezone.localtime(action.check_due_at).strftime("%Y-%m-%d %H:%M")}
        )
    if not note:
        raise ValidationError(_("Say what the check found."))
    with transaction.atomic():
        action = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
        if action.status != Status.DONE:
            raise ValidationError(_("Only a completed action awaiting its check can be checked."))
        recurrence = action_recurrence(action=action)
        action.status = Status.EFFECTIVE if effective else Status.NOT_EFFECTIVE
        action.checked_at = timezone.now()
        action.checked_by = actor
        action.check_note = note
        if recurrence is not None:
            action.recurrence_before = recurrence.before
            action.recurrence_after = recurrence.after
        action.save()
        _log(
            action,
            ActionLogEntry.Kind.CHECKED,
            actor=actor,
            text=note,
            data={
                "effective": effective,
                "before": action.recurrence_before,
                "after": action.recurrence_after,
            },
        )
        _cases_event(action=action, cases=action.cases.all(), actor=actor, change="checked")
    return action


# --- Deadlines: the periodic job of the sweep --------------------------------------------


def _claim(pk: int, *, marker: str, now: datetime, **conditions) -> CorrectiveAction | None:
    """Mark the action as told (`marker` = now) if no other sweep has: the conditional
    UPDATE is the claim (two sweeps never both win it). Returns the action when won."""
    won = CorrectiveAction.objects.filter(
        pk=pk, **{f"{marker}__isnull": True}, **conditions
    ).update(**{marker: now})
    if not won:
        return None
    return CorrectiveAction.objects.select_related("owner").get(pk=pk)


def actions_deadlines_check(*, now: datetime | None = None) -> int:
    """Remind owners before the due date, alert the complaints managers when an action is
    overdue, tell owners their effectiveness check is due: each once per action (per due
    date). Returns how many notices were sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    open_statuses = list(CorrectiveAction.OPEN_STATUSES)
    sent = 0
    due_soon = CorrectiveAction.objects.filter(
        status__in=open_statuses,
        reminded_at__isnull=True,
        due_on__gte=today,
        due_on__lte=today + timedelta(days=reminder_days()),
    )
    for pk in list(due_soon.values_list("pk", flat=True)):
        with transaction.atomic():
            action = _claim(pk, marker="reminded_at", now=now, status__in=open_statuses)
            if action is None:
                continue
            _log(action, ActionLogEntry.Kind.REMINDED, data={"to": action.owner.get_username()})
            _email(users=[action.owner], template="action_reminder", action=action)
            sent += 1
    overdue = CorrectiveAction.objects.filter(
        status__in=open_statuses, escalated_at__isnull=True, due_on__lt=today
    )
    for pk in list(overdue.values_list("pk", flat=True)):
        with transaction.atomic():
            action = _claim(pk, marker="escalated_at", now=now, status__in=open_statuses)
            if action is None:
                continue
            managers = list(_managers())
            _log(
                action,
                ActionLogEntry.Kind.ESCALATED,
                data={"to": [manager.get_username() for manager in managers]},
            )
            _email(users=managers, template="action_overdue", action=action)
            sent += 1
    check_due = CorrectiveAction.objects.filter(
        status=Status.DONE, check_notified_at__isnull=True, check_due_at__lte=now
    )
    for pk in list(check_due.values_list("pk", flat=True)):
        with transaction.atomic():
            action = _claim(pk, marker="check_notified_at", now=now, status=Status.DONE)
            if action is None:
                continue
            _log(action, ActionLogEntry.Kind.CHECK_DUE, data={"to": action.owner.get_username()})
            _email(users=[action.owner], template="action_check_due", action=action)
            sent += 1
    return sent
