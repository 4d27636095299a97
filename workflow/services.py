"""Every write of the complaint domain. Views, flow nodes, commands and the API call these.

Each service runs in one transaction with the outbox rows for its side effects
(notifications, search-index updates), so a failing mail server or search engine
delays delivery and never loses a case.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notifications, outbox, roles
from .attachments import MAX_FILES
from .attachments import digest as attachment_digest
from .attachments import inspect as inspect_attachment
from .models import Attachment, Case, CaseEvent, Category, Complainant, Priority
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


def _case_create(**fields) -> Case:
    """Create a case under a fresh random tracking number (retried on the rare clash)."""
    for _attempt in range(8):
        reference = new_reference(fields["kind"])
        try:
            with transaction.atomic():
                return Case.objects.create(reference=reference, **fields)
        except IntegrityError:
            if not Case.objects.filter(reference=reference).exists():
                raise
    raise RuntimeError("Could not allocate a unique tracking number.")


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


def complaint_submit(
    *,
    kind: str,
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
    """Record feedback, start its process and queue the acknowledgement.

    `submission_key` makes the call idempotent: the same key returns the same case.
    """
    existing = _submitted_with(submission_key)
    if existing is not None:
        return Submission.of(existing)
    if not consent:
        raise ValidationError(_("We need your consent to handle your feedback."))
    if not description.strip():
        raise ValidationError(_("Tell us what happened."))
    attachments = attachments or []
    if len(attachments) > MAX_FILES:
        raise ValidationError(_("You can send up to %(count)s files.") % {"count": MAX_FILES})
    checked = [(upload, inspect_attachment(upload)) for upload in attachments]
    try:
        case = _complaint_record(
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
        )
    except IntegrityError:
        # The same form sent twice at once: the other request made the case.
        existing = _submitted_with(submission_key)
        if existing is None:
            raise
        case = existing
    return Submission.of(case)


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
    **fields,
) -> Case:
    """One transaction: the case, its complainant, files, history and started process."""
    from .flows import ComplaintFlow

    with transaction.atomic():
        case = _case_create(
            **fields,
            category=category,
            team=category.team,
            description=description.strip(),
            desired_outcome=desired_outcome.strip(),
            product_service=product_service.strip(),
            location=location.strip(),
            access_salt=new_access_salt(),
        )
        Complainant.objects.create(
            case=case,
            name=name.strip(),
            email=email.strip(),
            phone=phone.strip(),
            consent_at=timezone.now(),
        )
        for upload, content_type in attachments:
            Attachment.objects.create(
                case=case,
                file=File(upload, name=upload.name),
                original_name=upload.name[:200],
                content_type=content_type,
                size=upload.size,
                sha256=attachment_digest(upload),
            )
        event_record(
            case=case,
            kind=CaseEvent.Kind.RECEIVED,
            actor=entered_by,
            data={"channel": fields["channel"], "attachments": len(attachments)},
        )
        ComplaintFlow.start.run(case=case)
        case.refresh_from_db()
    return case


def case_access_reset(*, case: Case, actor=None) -> str:
    """Revoke the case's access code and signed links; returns the new access code."""
    case.access_salt = new_access_salt()
    case.save(update_fields=["access_salt", "updated_at"])
    event_record(case=case, kind=CaseEvent.Kind.ACCESS_RESET, actor=actor, is_public=False)
    return access_code_for(reference=case.reference, salt=case.access_salt)


def case_acknowledge(*, case: Case) -> None:
    """Step 2 of the process: stamp the acknowledgement and queue it to the complainant."""
    case.acknowledged_at = timezone.now()
    case.save(update_fields=["acknowledged_at", "updated_at"])
    event_record(case=case, kind=CaseEvent.Kind.ACKNOWLEDGED)
    notifications.acknowledgement_queue(case=case)


def case_step_begin(*, case: Case, status: str, due_at: datetime) -> None:
    """A step of the process has started: show it, with its deadline."""
    case.status = status
    case.due_at = due_at
    case.save(update_fields=["status", "due_at", "updated_at"])
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
    note: str = "",
) -> Case:
    """Initial assessment: classify, set the priority (and so the deadlines), assign."""
    if not handlers_for(category).filter(pk=handler.pk).exists():
        raise ValidationError(
            _("%(user)s cannot handle this case: they are not a handler in the team %(team)s.")
            % {"user": handler.get_full_name() or handler.get_username(), "team": category.team}
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
    event_record(
        case=case,
        kind=CaseEvent.Kind.ASSESSED,
        actor=actor,
        note=note,
        data={"changes": changes, "severity": severity},
    )
    outbox.search_index_queue(case=case)
    return case


def case_record_investigation(*, case: Case, actor, findings: str, root_cause: str = "") -> Case:
    case.findings = findings.strip()
    case.root_cause = root_cause.strip()
    case.save(update_fields=["findings", "root_cause", "updated_at"])
    event_record(case=case, kind=CaseEvent.Kind.INVESTIGATED, actor=actor)
    outbox.search_index_queue(case=case)
    return case


def case_decide(*, case: Case, actor, decision: str) -> Case:
    """Record the decision with its reasons and tell the complainant."""
    case.decision = decision.strip()
    case.decided_at = timezone.now()
    case.status = Case.Status.DECIDED
    case.save(update_fields=["decision", "decided_at", "status", "updated_at"])
    event_record(case=case, kind=CaseEvent.Kind.DECIDED, actor=actor)
    notifications.customer_notify(case=case, template="decision")
    outbox.search_index_queue(case=case)
    return case


def case_close(*, case: Case, actor, note: str = "") -> Case:
    case.status = Case.Status.CLOSED
    case.closed_at = timezone.now()
    case.due_at = None
    case.save(update_fields=["status", "closed_at", "due_at", "updated_at"])
    event_record(case=case, kind=CaseEvent.Kind.CLOSED, actor=actor, note=note)
    notifications.customer_notify(case=case, template="closed")
    outbox.search_index_queue(case=case)
    return case


def case_escalate(*, case: Case, level: int, step: str, step_title: str, task=None) -> Case:
    """A deadline has passed: raise the case's escalation level and alert the next person up.

    Level 1 goes to the owning team's supervisor, who also takes over the overdue task;
    level 2 goes to the complaints managers.
    """
    from viewflow.workflow.status import STATUS

    case.escalation_level = max(case.escalation_level, level)
    case.save(update_fields=["escalation_level", "updated_at"])
    if level == 1:
        recipients = [case.team.supervisor] if case.team.supervisor_id else []
        if (
            task is not None
            and case.team.supervisor_id
            and task.status in (STATUS.NEW, STATUS.ASSIGNED)
        ):
            task.owner = case.team.supervisor
            task.status = STATUS.ASSIGNED
            task.save(update_fields=["owner", "status"])
    else:
        recipients = list(
            User.objects.filter(groups__name=roles.COMPLAINTS_MANAGER, is_active=True)
        )
    event_record(
        case=case,
        kind=CaseEvent.Kind.ESCALATED,
        data={
            "level": level,
            "step": step,
            "to": [user.get_username() for user in recipients if user],
        },
    )
    notifications.staff_notify(
        case=case,
        users=recipients,
        template="escalation",
        extra={"level": level, "step": step_title},
    )
    outbox.search_index_queue(case=case)
    return case
