"""Every write of the complaint domain. Views, flow nodes, commands and the API call these.

Each service runs in one transaction with the outbox rows for its side effects
(notifications, search-index updates), so a failing mail server or search engine
delays delivery and never loses a case.

Services never start or advance a flow, and never import the flows: that is the process
module's work (`process.py`, one layer up), which calls these inside its transactions.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from viewflow.workflow.status import STATUS

from . import deadlines, notifications, outbox, roles, steps
from .attachments import MAX_CASE_FILES, MAX_FILES
from .attachments import digest as attachment_digest
from .attachments import inspect as inspect_attachment
from .models import (
    Attachment,
    Case,
    CaseEvent,
    Category,
    Complainant,
    HandlingSettings,
    Priority,
    RootCause,
    SurveyResponse,
    Team,
)
from .references import access_code_for, new_access_salt, new_reference
from .roles import has_workflow_perm_q

User = get_user_model()


@dataclass(frozen=True)
class Submission:
    case: Case
    access_code: str

    @classmethod
    def of(cls, case: Case) -> "Submission":
        return cls(
            case=case, access_code=access_code_for(reference=case.reference, salt=case.access_salt)
        )


def _submitted_with(submission_key) -> Case | None:
    if submission_key is None:
        return None
    return Case.objects.filter(submission_key=submission_key).first()


def _display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def event_record(
    *,
    case: Case,
    kind: str,
    actor=None,
    is_public: bool = True,
    note: str = "",
    data: dict | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, kind=kind, actor=actor, is_public=is_public, note=note, data=data or {}
    )


def complaint_record(
    *,
    kind: str,
    first_step: str,
    category: Category,
    description: str,
    language: str,
    consent: bool,
    channel: str = Case.Channel.WEB,
    desired_outcome: str = "",
    product_service: str = "",
    location: str = "",
    occurred_on=None,
    attachments: list | None = None,
    name: str = "",
    email: str = "",
    phone: str = "",
    entered_by=None,
    submission_key=None,
) -> Submission:
    """Record feedback: the case, its complainant, files and history, in one short
    transaction, with the deadline of its process's first step (`first_step`, counted from
    receipt). Its process is not started here: `process.complaint_submit` starts it in the
    same transaction, or (the public form) the clock finds the recorded case within a
    second and queues its start, which the worker runs (`ProcessStarts`,
    `process.case_process_start`). The case row is the queue: nothing else is written, and
    a lost start is queued again.

    `submission_key` makes the call idempotent: the same key returns the same case (the
    key is unique: a second insert fails and the first case is returned, so a first
    submission asks nothing beforehand).
    """
    if not consent:
        raise ValidationError(_("We need your consent to handle your feedback."))
    if not description.strip():
        raise ValidationError(_("Tell us what happened."))
    _fits_columns(Case, product_service=product_service, location=location)
    _fits_columns(Complainant, name=name, email=email, phone=phone)
    attachments = attachments or []
    if len(attachments) > MAX_FILES:
        raise ValidationError(_("You can send up to %(count)s files.") % {"count": MAX_FILES})
    checked = [(upload, inspect_attachment(upload)) for upload in attachments]
    # Each attempt is one transaction under a fresh random tracking number; a unique
    # constraint refuses the insert of a repeated form or of a number already taken.
    for _attempt in range(8):
        reference = new_reference(kind)
        try:
            case = _complaint_record(
                reference=reference,
                kind=kind,
                category=category,
                description=description,
                language=language,
                channel=channel,
                desired_outcome=desired_outcome,
                product_service=product_service,
                location=location,
                occurred_on=occurred_on,
                name=name,
                email=email,
                phone=phone,
                attachments=checked,
                entered_by=entered_by,
                submission_key=submission_key,
                first_step=first_step,
            )
        except IntegrityError:
            # The same form sent again, or twice at once: the first request made the case.
            existing = _submitted_with(submission_key)
            if existing is not None:
                return Submission.of(existing)
            # Otherwise the rare clash of tracking numbers: again, with another one.
            if not Case.objects.filter(reference=reference).exists():
                raise
            continue
        return Submission.of(case)
    raise RuntimeError("Could not allocate a unique tracking number.")


def _fits_columns(model, **values: str) -> None:
    """Refuse a value longer than its column, on every database (SQLite would store it,
    PostgreSQL refuse the whole case)."""
    for name, value in values.items():
        field = model._meta.get_field(name)
        if field.max_length and len((value or "").strip()) > field.max_length:
            raise ValidationError(
                _("%(field)s is too long: it can have up to %(limit)s characters.")
                % {"field": capfirst(field.verbose_name), "limit": field.max_length}
            )


def _complaint_record(
    *,
    category,
    description,
    desired_outcome,
    product_service,
    location,
    name,
    email,
    phone,
    attachments,
    entered_by,
    first_step,
    **fields,
) -> Case:
    """One transaction: the case, its complainant, files and history."""
    received_at = timezone.now()
    # What the confirmation promises: the first step's deadline, counted from receipt
    # as the process will count it when it starts.
    first = Case(kind=fields["kind"], team=category.team, received_at=received_at)
    fields["due_at"] = deadlines.step_due_at(case=first, step=first_step, started=received_at)
    with transaction.atomic():
        case = Case.objects.create(
            **fields,
            category=category,
            team=category.team,
            description=description.strip(),
            desired_outcome=desired_outcome.strip(),
            product_service=product_service.strip(),
            location=location.strip(),
            access_salt=new_access_salt(),
            received_at=received_at,
        )
        Complainant.objects.create(
            case=case,
            name=name.strip(),
            email=email.strip(),
            phone=phone.strip(),
            consent_at=timezone.now(),
        )
        for upload, content_type in attachments:
            _attachment_store(
                case=case,
                upload=upload,
                content_type=content_type,
                from_customer=entered_by is None,
            )
        event_record(
            case=case,
            kind=CaseEvent.Kind.RECEIVED,
            actor=entered_by,
            data={"channel": fields["channel"], "attachments": len(attachments)},
        )
    return case


# A recorded case whose process has not started this long after its start was queued is
# queued again by the clock, and started by the sweep (its start task was lost, or failed).
PROCESS_START_STALE = timedelta(minutes=2)


def cases_unstarted_ids(*, now=None, stale: timedelta = PROCESS_START_STALE) -> list[int]:
    """Recorded cases whose process has not started, received at least `stale` ago."""
    now = now or timezone.now()
    return list(
        Case.objects.filter(
            process__isnull=True,
            merged_into__isnull=True,
            status=Case.Status.RECEIVED,
            received_at__lte=now - stale,
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )


def _attachment_store(*, case: Case, upload, content_type: str, from_customer: bool = True):
    return Attachment.objects.create(
        case=case,
        file=File(upload, name=upload.name),
        original_name=upload.name[:200],
        content_type=content_type,
        size=upload.size,
        sha256=attachment_digest(upload),
        from_customer=from_customer,
    )


def case_access_reset(
    *, case: Case, actor=None, reason: str = "", notify: bool = False, data: dict | None = None
) -> str:
    """Revoke the case's access code and every signed link issued so far (a link carries
    a fingerprint of the access salt, checked against the case's current salt, so the new
    salt is the links' epoch too); recorded in the history with who and why. With
    `notify`, the new code and link are emailed to the complainant when they gave an
    email address. Returns the new access code."""
    with transaction.atomic():
        case.access_salt = new_access_salt()
        case.save(update_fields=["access_salt", "updated_at"])
        has_email = bool(getattr(getattr(case, "complainant", None), "email", ""))
        event_record(
            case=case,
            kind=CaseEvent.Kind.ACCESS_RESET,
            actor=actor,
            is_public=False,
            note=reason.strip(),
            data={**(data or {}), "notified": bool(notify and has_email)},
        )
        if notify:
            notifications.access_renewed_queue(case=case)
        # The public search document verifies the access code: it must follow the new salt.
        outbox.search_index_queue(case=case)
    return access_code_for(reference=case.reference, salt=case.access_salt)


def case_acknowledge(*, case: Case) -> None:
    """Step 2 of the process: stamp the acknowledgement and queue it to the complainant."""
    case.acknowledged_at = timezone.now()
    case.save(update_fields=["acknowledged_at", "updated_at"])
    event_record(case=case, kind=CaseEvent.Kind.ACKNOWLEDGED)
    notifications.acknowledgement_queue(case=case)


def case_step_begin(*, case: Case, step: str, started: datetime) -> None:
    """A step of the process has started (or started again, after a send-back or an undone
    merge): show its status and deadline, and record in the history the deadline promised
    now and what it was counted from, so a report never recomputes a past deadline from
    today's configuration."""
    promise = deadlines.step_promise(case=case, step=step, started=started)
    case.status = steps.STEP[step].status
    case.due_at = promise.due_at
    case.save(update_fields=["status", "due_at", "updated_at"])
    event_record(
        case=case, kind=CaseEvent.Kind.STEP_STARTED, is_public=False, data=promise.as_data()
    )
    outbox.search_index_queue(case=case)


def handlers_for(category: Category):
    """People who may handle cases of `category`: the owning team's members with the role."""
    team = category.team
    return (
        User.objects.filter(is_active=True)
        .filter(teams=team)
        .filter(has_workflow_perm_q("handle_case"))
        .distinct()
        .order_by("username")
    )


def case_assess(
    *,
    case: Case,
    actor,
    category: Category,
    priority: Priority,
    severity: str,
    handler,
    named_staff=(),
    note: str = "",
) -> Case:
    """Initial assessment: classify, set the priority (and so the deadlines), record the
    staff the complaint names, and assign a handler with no conflict of interest."""
    if not handlers_for(category).filter(pk=handler.pk).exists():
        raise ValidationError(
            _("%(user)s cannot handle this case: they are not a handler in the team %(team)s.")
            % {"user": _display_name(handler), "team": category.team}
        )
    named_staff = list(named_staff)
    if handler in named_staff:
        raise ValidationError(
            _("%(user)s is named in this complaint, so they cannot handle it.")
            % {"user": _display_name(handler)}
        )
    changes = {}
    for field, value in (("category", category), ("priority", priority), ("handler", handler)):
        old = getattr(case, field)
        if old != value:
            changes[field] = [str(old) if old else "", str(value)]
    case.category = category
    case.team = category.team
    case.priority = priority
    case.severity = severity
    case.handler = handler
    case.save()
    case.named_staff.set(named_staff)
    event_record(
        case=case,
        kind=CaseEvent.Kind.ASSESSED,
        actor=actor,
        note=note,
        data={
            "changes": changes,
            "severity": severity,
            "named_staff": [user.get_username() for user in named_staff],
        },
    )
    outbox.search_index_queue(case=case)
    return case


def case_record_investigation(
    *, case: Case, actor, findings: str, root_cause: str = "", cause: RootCause | None = None
) -> Case:
    """The handler's findings and the root cause: in their words, and its class in the
    taxonomy (ISO 10002 4.13, 8.2), which the history records as it was named then."""
    if cause is not None and (
        not cause.is_active or (cause.parent_id and not cause.parent.is_active)
    ):
        raise ValidationError(_("This root cause is no longer in use: choose another."))
    case.findings = findings.strip()
    case.root_cause = root_cause.strip()
    case.cause = cause
    case.save(update_fields=["findings", "root_cause", "cause", "updated_at"])
    event_record(
        case=case,
        kind=CaseEvent.Kind.INVESTIGATED,
        actor=actor,
        data=(
            {"cause": {"id": cause.pk, "code": cause.code, "name": str(cause)}}
            if cause is not None
            else {}
        ),
    )
    outbox.search_index_queue(case=case)
    return case


def case_response_draft(*, case: Case, actor, decision: str, compensation=None) -> Case:
    """The handler's proposed decision, remedy and reasons: not yet sent to anyone. Each
    version is kept in its history event (the case holds only the latest), so an audit
    sees every draft, what an approver sent back and what changed (ISO 10002 8.5)."""
    case.decision = decision.strip()
    case.compensation = compensation
    case.save(update_fields=["decision", "compensation", "updated_at"])
    event_record(
        case=case,
        kind=CaseEvent.Kind.RESPONSE_DRAFTED,
        actor=actor,
        is_public=False,
        data={
            "decision": case.decision,
            "compensation": str(compensation) if compensation is not None else None,
        },
    )
    return case


def response_needs_approval(*, case: Case) -> bool:
    """Above the configured severity or compensation, a supervisor approves the response."""
    return HandlingSettings.load().needs_approval(case)


def approval_conflict(*, case: Case, user) -> str | None:
    """Why `user` may not approve this response, or None: approving needs the approver's
    permission, and nobody approves a case they handle or are named in, nor a response they
    drafted.

    Any draft of the case counts, not only the latest: a response sent back is revised, not
    started afresh, so whoever wrote an earlier version (the supervisor who took the respond
    step over on escalation, say) would be approving their own words."""
    if not user.has_perm("workflow.approve_response"):
        return _("You cannot approve responses: that needs the approver's permission.")
    if (
        user.pk == case.handler_id
        or case.events.filter(kind=CaseEvent.Kind.RESPONSE_DRAFTED, actor=user).exists()
    ):
        return _("You drafted this response: someone else must approve it.")
    if case.named_staff.filter(pk=user.pk).exists():
        return _("You are named in this complaint, so you cannot approve its response.")
    return None


def case_approve(*, case: Case, actor, approved: bool, comments: str = "") -> Case:
    """Approve the drafted response, or send it back to the handler with comments."""
    conflict = approval_conflict(case=case, user=actor)
    if conflict:
        raise ValidationError(conflict)
    if not approved and not comments.strip():
        raise ValidationError(_("Say what should change when you send a response back."))
    event_record(
        case=case,
        kind=CaseEvent.Kind.APPROVED if approved else CaseEvent.Kind.SENT_BACK,
        actor=actor,
        is_public=False,
        note=comments.strip(),
    )
    if not approved and case.handler_id:
        notifications.staff_notify(
            case=case,
            users=[case.handler],
            template="sent_back",
            extra={"comments": comments.strip(), "by": _display_name(actor)},
        )
    return case


def response_approved(*, case: Case) -> bool:
    last = (
        case.events.filter(kind__in=[CaseEvent.Kind.APPROVED, CaseEvent.Kind.SENT_BACK])
        .order_by("-created_at", "-pk")
        .first()
    )
    return last is not None and last.kind == CaseEvent.Kind.APPROVED


def case_decision_send(*, case: Case) -> Case:
    """Tell the complainant the decision and its reasons; they may accept or contest it
    within the configured number of days (ISO 10002 7.8)."""
    now = timezone.now()
    case.decided_at = now
    case.status = Case.Status.DECIDED
    case.due_at = reply_due_at(started=now)
    case.save(update_fields=["decided_at", "status", "due_at", "updated_at"])
    event_record(case=case, kind=CaseEvent.Kind.DECIDED)
    notifications.customer_notify(case=case, template="decision", extra={"reply_by": case.due_at})
    outbox.search_index_queue(case=case)
    return case


def reply_due_at(*, started: datetime) -> datetime:
    return started + timedelta(days=HandlingSettings.load().reply_days)


def feedback_answer_draft(*, case: Case, actor, answer: str) -> Case:
    """A suggestion or compliment is answered by a member of the owning team."""
    case.decision = answer.strip()
    case.handler = actor
    case.save(update_fields=["decision", "handler", "updated_at"])
    event_record(
        case=case,
        kind=CaseEvent.Kind.RESPONSE_DRAFTED,
        actor=actor,
        is_public=False,
        data={"decision": case.decision},
    )
    return case


def feedback_answer_send(*, case: Case) -> Case:
    """Send the answer to a suggestion or compliment, which closes it."""
    now = timezone.now()
    case.decided_at = now
    case.status = Case.Status.CLOSED
    case.closed_at = now
    case.due_at = None
    case.save(update_fields=["decided_at", "status", "closed_at", "due_at", "updated_at"])
    event_record(case=case, kind=CaseEvent.Kind.ANSWERED)
    notifications.customer_notify(case=case, template="answered")
    outbox.search_index_queue(case=case)
    return case


def case_reply_record(*, case: Case, accepted: bool, reasons: str) -> None:
    """Called by the flow's reply step, under the process lock."""
    case.reply = Case.Reply.ACCEPTED if accepted else Case.Reply.CONTESTED
    case.replied_at = timezone.now()
    case.contest_reasons = reasons
    case.save(update_fields=["reply", "replied_at", "contest_reasons", "updated_at"])
    event_record(
        case=case,
        kind=CaseEvent.Kind.ACCEPTED if accepted else CaseEvent.Kind.CONTESTED,
        note=reasons,
    )
    recipients = [case.handler] if case.handler_id else []
    notifications.staff_notify(
        case=case,
        users=recipients,
        template="customer_reply",
        extra={"accepted": accepted, "reasons": reasons},
    )
    outbox.search_index_queue(case=case)


def case_reply_lapse(*, case: Case) -> None:
    """No reply in time: the decision stands as if accepted, and the case goes to closing."""
    case.reply = Case.Reply.LAPSED
    case.save(update_fields=["reply", "updated_at"])
    event_record(case=case, kind=CaseEvent.Kind.REPLY_LAPSED)


def review_conflict(*, case: Case, user) -> str | None:
    """Why `user` may not review this case, or None (ISO 10002 4.6 objectivity): a reviewer
    holds the reviewer's permission, is not named in the case, does not supervise the team
    that decided it, and has not assessed, handled, decided or approved it."""
    if not user.has_perm("workflow.review_case"):
        return _("You are not a reviewer, so you cannot review this case.")
    if case.named_staff.filter(pk=user.pk).exists():
        return _("You are named in this complaint, so you cannot review it.")
    if case.team.supervisor_id == user.pk:
        return _(
            "You supervise the team that decided this case, so you cannot review it independently."
        )
    involved = {case.handler_id} | set(
        case.events.filter(
            kind__in=[
                CaseEvent.Kind.ASSESSED,
                CaseEvent.Kind.INVESTIGATED,
                CaseEvent.Kind.RESPONSE_DRAFTED,
                CaseEvent.Kind.APPROVED,
                CaseEvent.Kind.SENT_BACK,
            ],
            actor__isnull=False,
        ).values_list("actor_id", flat=True)
    )
    if user.pk in involved:
        return _("You took part in this case, so you cannot review it independently.")
    return None


# The steps only someone independent of the case may do, with the permission each needs.
INDEPENDENT_STEPS = {step.key: step.permission for step in steps.STEPS if step.independent}


def step_conflict(*, case: Case, step: str, user) -> str | None:
    """Why `user` may not take the step `step` of this case, or None (only the approval and
    the review have rules of their own)."""
    if step == "approve":
        return approval_conflict(case=case, user=user)
    if step == "review":
        return review_conflict(case=case, user=user)
    return None


def eligible_for_step(*, case: Case, step: str) -> list:
    """Who may take the approval or the review of this case: the active holders of the
    step's permission who are independent of the case."""
    candidates = (
        User.objects.filter(is_active=True)
        .filter(has_workflow_perm_q(INDEPENDENT_STEPS[step]))
        .distinct()
        .order_by("username")
    )
    return [user for user in candidates if step_conflict(case=case, step=step, user=user) is None]


def case_review(*, case: Case, actor, result: str, outcome: str) -> Case:
    """The independent review's final outcome, told to the complainant with the outside
    recourse that remains."""
    conflict = review_conflict(case=case, user=actor)
    if conflict:
        raise ValidationError(conflict)
    case.reviewer = actor
    case.review_result = result
    case.review_outcome = outcome.strip()
    case.save(update_fields=["reviewer", "review_result", "review_outcome", "updated_at"])
    event_record(
        case=case,
        kind=CaseEvent.Kind.REVIEWED,
        actor=actor,
        note=case.review_outcome,
        data={"result": result},
    )
    notifications.customer_notify(
        case=case,
        template="review",
        extra={"recourse": HandlingSettings.load().external_recourse_in(case.language)},
    )
    outbox.search_index_queue(case=case)
    return case


def case_message(*, case: Case, actor, text: str) -> CaseEvent:
    """A message to the complainant: shown on the tracking page and notified."""
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the message first."))
    event = event_record(case=case, kind=CaseEvent.Kind.MESSAGE, actor=actor, note=text)
    notifications.customer_notify(case=case, template="message", extra={"message": text})
    return event


def case_note(*, case: Case, actor, text: str) -> CaseEvent:
    """An internal note: staff only, never shown to the complainant."""
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the note first."))
    return event_record(
        case=case, kind=CaseEvent.Kind.NOTE, actor=actor, note=text, is_public=False
    )


def case_information_add(*, case: Case, text: str, attachments: list | None = None) -> CaseEvent:
    """The complainant adds information or files to an open case; the handler is told."""
    text = text.strip()
    attachments = attachments or []
    if case.status == Case.Status.CLOSED:
        raise ValidationError(_("This case is closed: you cannot add to it any more."))
    if not text and not attachments:
        raise ValidationError(_("Write something or choose a file to send."))
    if case.attachments.count() + len(attachments) > MAX_CASE_FILES:
        raise ValidationError(
            _("A case can hold up to %(count)s files.") % {"count": MAX_CASE_FILES}
        )
    checked = [(upload, inspect_attachment(upload)) for upload in attachments]
    with transaction.atomic():
        for upload, content_type in checked:
            _attachment_store(case=case, upload=upload, content_type=content_type)
        event = event_record(
            case=case,
            kind=CaseEvent.Kind.CUSTOMER_INFO,
            note=text,
            data={"files": [upload.name[:200] for upload, _type in checked]},
        )
        recipients = [case.handler] if case.handler_id else [case.team.supervisor]
        notifications.staff_notify(
            case=case, users=recipients, template="customer_info", extra={"text": text}
        )
        outbox.search_index_queue(case=case)
    return event


def survey_answer(
    *, case: Case, overall: int, ease: int, fairness: int, timeliness: int, comment: str = ""
) -> SurveyResponse:
    """The complainant's satisfaction after closure (ISO 10002 8.3): once per case."""
    if case.status != Case.Status.CLOSED:
        raise ValidationError(_("The survey opens when your case is closed."))
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                case=case,
                overall=overall,
                ease=ease,
                fairness=fairness,
                timeliness=timeliness,
                comment=comment.strip(),
            )
            event_record(case=case, kind=CaseEvent.Kind.SURVEY)
    except IntegrityError:
        raise ValidationError(_("You have already answered the survey. Thank you.")) from None
    return response


def case_close(*, case: Case, actor, note: str = "") -> Case:
    case.status = Case.Status.CLOSED
    case.closed_at = timezone.now()
    case.due_at = None
    case.save(update_fields=["status", "closed_at", "due_at", "updated_at"])
    event_record(case=case, kind=CaseEvent.Kind.CLOSED, actor=actor, note=note)
    notifications.customer_notify(case=case, template="closed")
    outbox.search_index_queue(case=case)
    return case


def task_assigned_notify(*, case: Case, user, step_title: str) -> None:
    """Tell a member of staff a task of this case is now theirs (a response sent back was
    already explained to its handler by the send-back notice)."""
    last = (
        case.events.exclude(kind=CaseEvent.Kind.STEP_STARTED)
        .order_by("-created_at", "-pk")
        .values_list("kind", flat=True)
        .first()
    )
    if last == CaseEvent.Kind.SENT_BACK:
        return
    notifications.staff_notify(
        case=case, users=[user], template="assigned", extra={"step": step_title}
    )


def case_remind(*, case: Case, step: str, step_title: str, task=None) -> None:
    """A deadline is near: remind the person with the task. While nobody has taken it, the
    people who may take an approval or a review are reminded (they hold its permission and
    are independent of the case); for any other step, the team's supervisor."""
    if task is not None and task.status not in (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED):
        return
    if task is not None and task.owner_id:
        owners = [task.owner]
    elif step in INDEPENDENT_STEPS:
        owners = eligible_for_step(case=case, step=step)
    else:
        owners = [case.team.supervisor] if case.team.supervisor_id else []
    event_record(
        case=case,
        kind=CaseEvent.Kind.REMINDED,
        is_public=False,
        data={
            "step": step,
            "to": [owner.get_username() for owner in owners],
            "due": str(case.due_at),
        },
    )
    notifications.staff_notify(
        case=case, users=owners, template="reminder", extra={"step": step_title}
    )


def task_waiting_notify(*, case: Case, step: str, step_title: str) -> None:
    """An approval or a review nobody was given waits in the queue: tell the people who may
    take it (they hold its permission and are independent of the case)."""
    notifications.staff_notify(
        case=case,
        users=eligible_for_step(case=case, step=step),
        template="task_waiting",
        extra={"step": step_title},
    )


def _supervisor_named(case: Case) -> bool:
    """The owning team's supervisor is named in the complaint."""
    supervisor_id = case.team.supervisor_id
    return supervisor_id is not None and case.named_staff.filter(pk=supervisor_id).exists()


def _escalation_targets(*, case: Case, level: int, step: str, owner_id):
    """(who is alerted, who takes the task over or None). Level 1 goes to the team's
    supervisor; level 2 to the complaints managers. An approval or a review goes only to
    people who may do it: the supervisor takes it over only when eligible, otherwise the
    other eligible people are alerted (and, at level 2, the eligible complaints managers).
    Any other step is never handed to a supervisor named in the complaint (as the handler
    may not be): it stays where it is, and the complaints managers not named in it are
    alerted instead."""
    supervisor = case.team.supervisor
    if step not in INDEPENDENT_STEPS:
        managers = User.objects.filter(groups__name=roles.COMPLAINTS_MANAGER, is_active=True)
        if level == 1:
            if supervisor is not None and _supervisor_named(case):
                managers = managers.exclude(pk__in=case.named_staff.values("pk"))
                return list(managers.distinct().order_by("username")), None
            return ([supervisor] if supervisor else []), supervisor
        return list(managers.distinct().order_by("username")), None
    eligible = [user for user in eligible_for_step(case=case, step=step) if user.pk != owner_id]
    if level == 1:
        # The supervisor keeps or takes the task only while independent of the case (an
        # approval they were given may since have become theirs to keep no longer).
        if supervisor is not None and step_conflict(case=case, step=step, user=supervisor) is None:
            return [supervisor], supervisor
        return eligible, None
    managers = [
        user for user in eligible if user.groups.filter(name=roles.COMPLAINTS_MANAGER).exists()
    ]
    return managers or eligible, None


def case_escalate(*, case: Case, level: int, step: str, step_title: str, task=None) -> Case:
    """A deadline has passed: raise the case's escalation level and alert the next person up.

    Level 1 goes to the owning team's supervisor, who also takes over the overdue task
    (unless the settings say to flag only); level 2 goes to the complaints managers. An
    approval or a review is never handed to anyone without its permission or not
    independent of the case: an overdue one goes back to the queue of the other eligible
    people instead. No step is handed to a supervisor named in the complaint: any other step
    stays with its owner, and the complaints managers are alerted (recorded as
    `supervisor_named`). Whoever loses a task to escalation is told.
    """
    case.escalation_level = max(case.escalation_level, level)
    case.save(update_fields=["escalation_level", "updated_at"])
    owner_id = task.owner_id if task is not None else None
    recipients, taker = _escalation_targets(case=case, level=level, step=step, owner_id=owner_id)
    supervisor_named = _supervisor_named(case)
    reassigned = False
    taken_from = None
    if (
        level == 1
        and task is not None
        and HandlingSettings.load().escalation_reassigns
        and task.status in (STATUS.NEW, STATUS.ASSIGNED)
    ):
        if taker is not None and task.owner_id != taker.pk:
            taken_from = task.owner if task.owner_id else None
            task.owner = taker
            task.status = STATUS.ASSIGNED
            task.save(update_fields=["owner", "status"])
            reassigned = True
        elif taker is None and step in INDEPENDENT_STEPS and task.owner_id and recipients:
            # An overdue approval or review goes back to the queue of the eligible people.
            taken_from = task.owner
            task.owner = None
            task.status = STATUS.NEW
            task.save(update_fields=["owner", "status"])
            reassigned = True
    event_record(
        case=case,
        kind=CaseEvent.Kind.ESCALATED,
        data={
            "level": level,
            "step": step,
            "reassigned": reassigned,
            "to": [user.get_username() for user in recipients if user],
            "taken_from": taken_from.get_username() if taken_from else None,
            "supervisor_named": supervisor_named,
        },
    )
    notifications.staff_notify(
        case=case,
        users=recipients,
        template="escalation",
        extra={
            "level": level,
            "step": step_title,
            "supervisor_named": supervisor_named and level == 1,
        },
    )
    if taken_from is not None:
        notifications.staff_notify(
            case=case,
            users=[taken_from],
            template="task_taken",
            extra={"step": step_title, "taker": _display_name(taker) if taker else ""},
        )
    outbox.search_index_queue(case=case)
    return case


def _may_act_on(*, user, case: Case) -> bool:
    """The scope of closing a case: every case for those who see them all (complaints
    managers, administrators), otherwise one's own cases and one's teams' cases."""
    if user.has_perm("workflow.view_all_cases") or case.handler_id == user.pk:
        return True
    return (
        Team.objects.filter(pk=case.team_id).filter(Q(members=user) | Q(supervisor=user)).exists()
    )


def _independent_step_pending(case: Case) -> str | None:
    """Why merging `case` now would cut an independent step short, or None."""
    if case.status == Case.Status.APPROVAL:
        return _(
            "The response of case %(reference)s is waiting for approval: it cannot be merged "
            "until the approval is done."
        )
    if case.status == Case.Status.DECIDED:
        return _(
            "The complainant of case %(reference)s can still accept or contest its decision: "
            "it cannot be merged now."
        )
    if case.status == Case.Status.REVIEW or (
        case.reply == Case.Reply.CONTESTED and not case.review_result
    ):
        return _(
            "The decision of case %(reference)s is contested and under independent review: it "
            "cannot be merged until the review is done."
        )
    return None


def merge_refusal(*, duplicate: Case, into: Case, user) -> str | None:
    """Why `user` may not merge `duplicate` into `into`, or None. Merging closes the
    duplicate, so it needs the permission to close both cases, in the user's scope, and it
    must not cut short an approval, a complainant's reply or an independent review."""
    if duplicate.pk == into.pk:
        return _("A case cannot be merged into itself.")
    if not user.has_perm("workflow.close_case"):
        return _("Merging closes a case, so it needs the permission to close cases.")
    if Case.Status.CLOSED in (duplicate.status, into.status):
        return _("Closed cases cannot be merged.")
    for case in (duplicate, into):
        if not _may_act_on(user=user, case=case):
            return _(
                "You may only merge cases you may close: case %(reference)s belongs to a team "
                "you are not in."
            ) % {"reference": case.reference}
    for case in (duplicate, into):
        pending = _independent_step_pending(case)
        if pending:
            return pending % {"reference": case.reference}
    return None


def _same_person(one: Case, other: Case) -> bool:
    """Both cases come from the same complainant: the same email or the same phone number
    (an anonymous case is never taken for anyone's)."""
    first = getattr(one, "complainant", None)
    second = getattr(other, "complainant", None)
    if first is None or second is None:
        return False
    if first.email and first.email.strip().casefold() == second.email.strip().casefold():
        return True
    digits = [re.sub(r"\D", "", person.phone) for person in (first, second)]
    return bool(digits[0]) and digits[0] == digits[1]


def case_merge_record(
    *, duplicate: Case, into: Case, actor, move_files: bool, status_before: str, stopped: list
) -> Case:
    """What a merge writes (`process.case_merge` calls it on the locked rows, after it
    stopped the duplicate's process): `duplicate` closed as a duplicate of `into`, both
    histories, the duplicate's complainant told.

    Files move to `into` only when both cases come from the same complainant, or when the
    user chose to move them (`move_files`, recorded). Personal details never move. What was
    stopped (`stopped`: its human tasks) and moved is recorded, so a complaints manager can
    undo the merge (`process.case_unmerge`)."""
    same_person = _same_person(duplicate, into)
    moves_files = same_person or move_files
    files = list(duplicate.attachments.values_list("pk", "original_name"))
    if moves_files:
        duplicate.attachments.update(case=into)
    duplicate.merged_into = into
    duplicate.status = Case.Status.CLOSED
    duplicate.closed_at = timezone.now()
    duplicate.due_at = None
    duplicate.save(update_fields=["merged_into", "status", "closed_at", "due_at", "updated_at"])
    record = {
        "into": into.reference,
        "status": status_before,
        "stopped_tasks": stopped,
        "same_complainant": same_person,
        "files_moved": [pk for pk, _name in files] if moves_files else [],
        "files_moved_by_choice": bool(files) and moves_files and not same_person,
    }
    event_record(case=duplicate, kind=CaseEvent.Kind.MERGED, actor=actor, data=record)
    event_record(
        case=into,
        kind=CaseEvent.Kind.DUPLICATE_ADDED,
        actor=actor,
        is_public=False,
        data={
            "duplicate": duplicate.reference,
            "files": [name for _pk, name in files] if moves_files else [],
            "same_complainant": same_person,
            "files_moved_by_choice": record["files_moved_by_choice"],
        },
    )
    notifications.customer_notify(
        case=duplicate, template="merged", extra={"files_moved": bool(files) and moves_files}
    )
    outbox.search_index_queue(case=duplicate)
    outbox.search_index_queue(case=into)
    return into


def unmerge_refusal(*, duplicate: Case, user) -> str | None:
    """Why `user` may not undo the merge of `duplicate`, or None."""
    if not user.has_perm("workflow.unmerge_case"):
        return _("Only a complaints manager can undo a merge.")
    if duplicate.merged_into_id is None:
        return _("This case is not merged into another one.")
    return None


def case_unmerge_record(*, duplicate: Case, actor) -> tuple[Case, Case, list[int], bool]:
    """What undoing a merge writes first (`process.case_unmerge` calls it in its
    transaction, then takes the process up again): the case open again at the status it
    had, the files that moved go back, both histories say so. Returns the case (locked),
    the case it was merged into, the human tasks the merge stopped and whether files came
    back."""
    refusal = unmerge_refusal(duplicate=duplicate, user=actor)
    if refusal:
        raise ValidationError(refusal)
    case = Case.objects.select_for_update().get(pk=duplicate.pk)
    refusal = unmerge_refusal(duplicate=case, user=actor)
    if refusal:
        raise ValidationError(refusal)
    into = case.merged_into
    merged = case.events.filter(kind=CaseEvent.Kind.MERGED).order_by("-created_at", "-pk").first()
    record = merged.data if merged is not None else {}
    returned = list(
        Attachment.objects.filter(pk__in=record.get("files_moved", []), case=into).values_list(
            "pk", "original_name"
        )
    )
    Attachment.objects.filter(pk__in=[pk for pk, _name in returned]).update(case=case)
    case.merged_into = None
    case.closed_at = None
    case.status = record.get("status") or Case.Status.RECEIVED
    if not case.process_id:
        # Recorded but never started: the clock starts it, as for any recorded case.
        case.status = Case.Status.RECEIVED
    case.save(update_fields=["merged_into", "closed_at", "status", "updated_at"])
    event_record(
        case=case,
        kind=CaseEvent.Kind.UNMERGED,
        actor=actor,
        data={"from": into.reference, "files_returned": [pk for pk, _name in returned]},
    )
    event_record(
        case=into,
        kind=CaseEvent.Kind.MERGE_UNDONE,
        actor=actor,
        is_public=False,
        data={"duplicate": case.reference, "files": [name for _pk, name in returned]},
    )
    return case, into, record.get("stopped_tasks", []), bool(returned)


def case_unmerge_notify(*, case: Case, into: Case, restored: list, files_returned: bool) -> None:
    """Who is told once a merge is undone: the people given their step back (the flow
    told nobody: same owner), the complainant; both search documents refresh."""
    for stopped, task in restored:
        if task.owner_id and task.owner_id == stopped.owner_id:
            task_assigned_notify(
                case=case, user=task.owner, step_title=str(task.flow_task.task_title)
            )
    notifications.customer_notify(
        case=case, template="unmerged", extra={"files_returned": files_returned}
    )
    outbox.search_index_queue(case=case)
    outbox.search_index_queue(case=into)
