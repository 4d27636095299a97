"""Every write of management reviews (ISO 10002 5.2, 8.6): prepare one for a period (its
inputs frozen), refresh the inputs while it is a draft, record the meeting, its decisions
and actions (an action may open a corrective action), sign it off; and the files of its
pack, stored with their SHA-256 the first time they are made after sign-off.

A signed-off review changes no more: each write here refuses it (and the models refuse
to save it)."""

import datetime
import hashlib
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import CorrectiveAction, ManagementReview, ReviewDecision, ReviewPack
from ..pdf import pdf_render
from ..selectors.reviews import pack_csv_rows, pack_view, review_decisions, review_inputs
from .actions import action_open
from .audit import csv_bytes

logger = logging.getLogger(__name__)

PACK_PDF_TEMPLATE = "improvement/reviews/pack_pdf.html"
# The longest period a review covers (its trends list every month).
PERIOD_DAYS_MAX = 3 * 366


def _refuse_signed_off(review: ManagementReview) -> None:
    if review.is_signed_off:
        raise ValidationError(_("This review is signed off: it can no longer be changed."))


def review_period_check(start: datetime.date, end: datetime.date) -> None:
    if end < start:
        raise ValidationError(_("The end date must be on or after the start date."))
    if end > timezone.localdate():
        raise ValidationError(_("The period cannot end after today: its figures are not complete."))
    if (end - start).days > PERIOD_DAYS_MAX:
        raise ValidationError(_("A review covers at most three years."))


def review_create(*, actor, period_start: datetime.date, period_end: datetime.date):
    """Prepare a review of the period, its inputs computed and frozen now."""
    review_period_check(period_start, period_end)
    now = timezone.now()
    # Read first (thirty-odd queries), then one short write.
    inputs = review_inputs(period_start, period_end, now=now)
    return ManagementReview.objects.create(
        period_start=period_start,
        period_end=period_end,
        inputs=inputs,
        inputs_taken_at=now,
        created_by=actor,
    )


def review_refresh(*, review: ManagementReview, actor) -> ManagementReview:
    """Take the inputs of a draft review again (new cases, a late survey...)."""
    _refuse_signed_off(review)
    now = timezone.now()
    inputs = review_inputs(review.period_start, review.period_end, now=now, review_id=review.pk)
    with transaction.atomic():
        review = ManagementReview.objects.select_for_update().get(pk=review.pk)
        _refuse_signed_off(review)
        review.inputs, review.inputs_taken_at = inputs, now
        review.save(update_fields=["inputs", "inputs_taken_at", "updated_at"])
    logger.info("Management review %s: inputs taken again by %s", review.pk, actor)
    return review


@dataclass(frozen=True)
class DecisionChange:
    """One row of the decisions form: a new decision (`pk` None), a change, or a removal;
    `open_action` opens a corrective action owned by `owner`, due on `due_on`."""

    pk: int | None
    text: str
    owner: object = None
    due_on: datetime.date | None = None
    delete: bool = False
    open_action: bool = False


def review_update(
    *,
    review: ManagementReview,
    actor,
    meeting_date: datetime.date | None,
    attendees,
    other_attendees: str,
    recommendations: str,
    decisions: list[DecisionChange] = (),
) -> ManagementReview:
    """Record the meeting (date, attendees), the recommendations and the decisions, in one
    transaction; a decision asked to open a corrective action opens it (its owner told)."""
    with transaction.atomic():
        review = ManagementReview.objects.select_for_update().get(pk=review.pk)
        _refuse_signed_off(review)
        review.meeting_date = meeting_date
        review.other_attendees = other_attendees.strip()
        review.recommendations = recommendations.strip()
        review.save()
        review.attendees.set(attendees)
        existing = {decision.pk: decision for decision in review.decisions.all()}
        for change in decisions:
            decision = existing.get(change.pk) if change.pk else ReviewDecision(review=review)
            if decision is None:
                continue  # not one of this review's
            if change.delete:
                if decision.pk is None:
                    continue
                if decision.corrective_action_id:
                    raise ValidationError(_("A decision that opened an action cannot be removed."))
                decision.delete()
                continue
            decision.text = change.text.strip()
            decision.owner, decision.due_on = change.owner, change.due_on
            if not decision.text:
                raise ValidationError(_("Say what was decided."))
            if change.open_action and decision.corrective_action_id is None:
                if change.owner is None or change.due_on is None:
                    raise ValidationError(
                        _("An action needs an owner and a due date to be opened.")
                    )
                decision.corrective_action = action_open(
                    actor=actor,
                    kind=CorrectiveAction.Kind.CORRECTIVE,
                    title=decision.text.splitlines()[0][:200],
                    description=_("Decided at the management review of %(start)s – %(end)s.")
                    % {
                        "start": review.period_start.isoformat(),
                        "end": review.period_end.isoformat(),
                    }
                    + "\n\n"
                    + decision.text,
                    owner=change.owner,
                    due_on=change.due_on,
                )
            decision.save()
    return review


def review_signoff(*, review: ManagementReview, actor) -> ManagementReview:
    """Top management signs the review off: from then on nothing of it changes. The
    meeting must have taken place (a date, not in the future) with someone attending."""
    with transaction.atomic():
        review = ManagementReview.objects.select_for_update().get(pk=review.pk)
        _refuse_signed_off(review)
        if review.meeting_date is None:
            raise ValidationError(_("Record the date of the meeting before signing off."))
        if review.meeting_date > timezone.localdate():
            raise ValidationError(_("The meeting has not taken place yet."))
        if not review.attendees.exists() and not review.other_attendees.strip():
            raise ValidationError(_("Record who attended before signing off."))
        review.status = ManagementReview.Status.SIGNED_OFF
        review.signed_off_by = actor
        review.signed_off_at = timezone.now()
        review.save()
    return review


# --- The pack ------------------------------------------------------------------------------


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def review_pack_filename(review: ManagementReview, file_format: str, language: str) -> str:
    return f"management-review-{review.period_start}-{review.period_end}-{language}.{file_format}"


def _pack_render(review: ManagementReview, file_format: str, language: str) -> bytes:
    with translation.override(language):
        view = pack_view(review.inputs)
        if file_format == ReviewPack.Format.CSV:
            header, rows = pack_csv_rows(review.inputs)
            return csv_bytes(header, rows)
        title = _("Management review %(start)s – %(end)s") % {
            "start": review.period_start.isoformat(),
            "end": review.period_end.isoformat(),
        }
        return pdf_render(
            template=PACK_PDF_TEMPLATE,
            context={
                "review": review,
                "pack": view,
                "title": title,
                "attendees": list(review.attendees.order_by("last_name", "username")),
                "decisions": review_decisions(review),
            },
            language=language,
            title=title,
        )


class PackDamaged(Exception):
    """A stored pack file no longer matches its recorded SHA-256."""


def review_pack(*, review: ManagementReview, file_format: str, language: str) -> tuple[bytes, str]:
    """The bytes of the review's pack (PDF in `language`, or CSV) and their SHA-256.

    A draft's pack is made anew each time (its figures may be refreshed). A signed-off
    review's pack is made once per format and language and stored; later calls serve the
    stored bytes, checked against their SHA-256. Rendering runs with no transaction open."""
    if review.is_signed_off:
        stored = ReviewPack.objects.filter(
            review=review, format=file_format, language=language
        ).first()
        if stored is not None:
            return _stored_bytes(stored), stored.sha256
    content = _pack_render(review, file_format, language)
    digest = _sha256(content)
    if not review.is_signed_off:
        return content, digest
    pack = ReviewPack(
        review=review, format=file_format, language=language, sha256=digest, size=len(content)
    )
    pack.file.save(
        review_pack_filename(review, file_format, language), ContentFile(content), save=False
    )
    try:
        with transaction.atomic():
            pack.save()
    except IntegrityError:
        # Made at the same time by another request: the first one stored is the pack.
        pack.file.delete(save=False)
        stored = ReviewPack.objects.get(review=review, format=file_format, language=language)
        return _stored_bytes(stored), stored.sha256
    return content, digest


def _stored_bytes(pack: ReviewPack) -> bytes:
    with pack.file.open("rb") as handle:
        content = handle.read()
    if _sha256(content) != pack.sha256:
        logger.error("Review pack %s does not match its SHA-256", pack.pk)
        raise PackDamaged(pack.pk)
    return content
