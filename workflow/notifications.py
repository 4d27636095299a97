"""Customer and staff notifications, rendered in the recipient's language and queued
in the outbox in the same transaction as the change that causes them."""

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from . import deadlines, outbox, steps
from .models import Case, CaseEvent, OutboxMessage
from .references import access_code_for, tracking_token_for
from .selectors import organisation_name


def _tracking_url(case: Case) -> str:
    """The signed link that opens this case's status without retyping anything."""
    token = tracking_token_for(case_id=case.pk, salt=case.access_salt)
    with translation.override(case.language):
        return settings.SITE_URL + reverse("tracking_link", args=[token])


def _render(
    template: str, context: dict, language: str, prefix: str | None = None
) -> tuple[str, str, str]:
    """Subject, plain text and HTML of an email, in `language` (the HTML carries the
    language and direction, so mail readers and screen readers get Arabic right). The
    templates are `<prefix><template>_subject.txt` and `_body.txt`; the prefix is
    `workflow/email/` unless another app gives its own."""
    prefix = prefix or "workflow/email/"
    with translation.override(language):
        subject = " ".join(render_to_string(f"{prefix}{template}_subject.txt", context).split())
        body = render_to_string(f"{prefix}{template}_body.txt", context)
        html = render_to_string(
            "workflow/email/message.html",
            {
                "subject": subject,
                "body": body,
                "language": language,
                "rtl": translation.get_language_bidi(),
            },
        )
    return subject, body, html


def _sender(language: str) -> str:
    """The From address: DEFAULT_FROM_EMAIL under the organisation's name in the
    recipient's language (its CMS setting), unless the setting already names a sender."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if name or not address:
        return settings.DEFAULT_FROM_EMAIL
    return formataddr((organisation_name(language)[0], address))


def _queue_email(
    *, case: Case | None, to: str, template: str, context: dict, language: str, prefix=None
) -> None:
    subject, body, html = _render(template, context, language, prefix=prefix)
    outbox.message_queue(
        channel=OutboxMessage.Channel.EMAIL,
        case=case,
        payload={
            "from": _sender(language),
            "to": [to],
            "subject": subject,
            "body": body,
            "html": html,
            "template": template,
        },
    )


def _queue_sms(*, case: Case, to: str, template: str, context: dict, language: str) -> None:
    with translation.override(language):
        text = render_to_string(f"workflow/sms/{template}.txt", context)
    outbox.message_queue(
        channel=OutboxMessage.Channel.SMS,
        case=case,
        payload={"to": to, "text": " ".join(text.split()), "template": template},
    )


def customer_notify(*, case: Case, template: str, extra: dict | None = None) -> None:
    """Queue `template` to the complainant by email and, where a number was given, SMS."""
    complainant = getattr(case, "complainant", None)
    if complainant is None:
        return
    context = {
        "case": case,
        "name": complainant.name,
        "tracking_url": _tracking_url(case),
        "organisation": organisation_name(case.language)[0],
        **(extra or {}),
    }
    senders = (("email", complainant.email, _queue_email), ("sms", complainant.phone, _queue_sms))
    channels = []
    for channel, address, queue in senders:
        if address:
            queue(case=case, to=address, template=template, context=context, language=case.language)
            channels.append(channel)
    if channels:
        CaseEvent.objects.create(
            case=case,
            kind=CaseEvent.Kind.NOTIFIED,
            is_public=False,
            data={"template": template, "channels": channels},
        )


def acknowledgement_queue(*, case: Case) -> None:
    """The acknowledgement carries the two codes and the expected timeline (ISO 10002 7.4):
    the first step of the case's own flow and its date, counted from receipt as the process
    counts it, and, when more steps follow, the date of the decision."""
    code = access_code_for(reference=case.reference, salt=case.access_salt)
    started = case.received_at
    first = steps.first_step(case.kind)
    first_due = deadlines.step_due_at(case=case, step=first.key, started=started)
    with translation.override(case.language):
        promise = first.promise % {
            "date": formats.date_format(timezone.localtime(first_due), "DATE_FORMAT")
        }
    resolution = steps.resolution_steps(case.kind)
    customer_notify(
        case=case,
        template="acknowledgement",
        extra={
            "access_code": code,
            "first_step": first.key,
            "first_step_due": first_due,
            "first_step_promise": promise,
            "resolved_by": (
                deadlines.resolution_due_at(case=case, started=started)
                if resolution != (first,)
                else None
            ),
        },
    )


def staff_language(user) -> str:
    """The language a member of staff reads: the one chosen in their account (Wagtail's
    "preferred language"), else the site's default."""
    profile = getattr(user, "wagtail_userprofile", None)
    chosen = profile.preferred_language if profile is not None else ""
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def access_renewed_queue(*, case: Case) -> None:
    """The new access code, by email only (a text message is not sent: the code and the
    link would be read on the same device the old ones were), with the new link."""
    complainant = getattr(case, "complainant", None)
    if complainant is None or not complainant.email:
        return
    _queue_email(
        case=case,
        to=complainant.email,
        template="access_renewed",
        context={
            "case": case,
            "name": complainant.name,
            "tracking_url": _tracking_url(case),
            "organisation": organisation_name(case.language)[0],
            "access_code": access_code_for(reference=case.reference, salt=case.access_salt),
        },
        language=case.language,
    )
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.NOTIFIED,
        is_public=False,
        data={"template": "access_renewed", "channels": ["email"]},
    )


def staff_notify(*, case: Case, users, template: str, extra: dict | None = None) -> None:
    """Queue `template` to each staff member, in their language."""
    context = {
        "case": case,
        "staff_url": settings.SITE_URL + reverse("case_detail", args=[case.reference]),
        **(extra or {}),
    }
    for user in users:
        if user is not None and user.email:
            _queue_email(
                case=case,
                to=user.email,
                template=template,
                context=context,
                language=staff_language(user),
            )


def staff_email_queue(*, users, prefix: str, template: str, context: dict) -> int:
    """Queue an email about something other than one case (a corrective action, say) to
    each staff member with an address, in their language, from another app's templates
    (`<prefix><template>_subject.txt` and `_body.txt`); returns how many were queued."""
    queued = 0
    for user in users:
        if user is not None and user.email:
            _queue_email(
                case=None,
                to=user.email,
                template=template,
                context=context,
                language=staff_language(user),
                prefix=prefix,
            )
            queued += 1
    return queued
