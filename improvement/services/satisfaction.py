"""Satisfaction analysis (ISO 10002 8.3): recording the follow-up of a survey response."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from workflow.models import CaseEvent, SurveyResponse
from workflow.services import event_record

from ..models import SatisfactionFollowUp


def satisfaction_followup_record(
    *, response: SurveyResponse, actor, action: str, reason: str = "", note: str = ""
) -> SatisfactionFollowUp:
    """Record what was done about a survey response, and add it to the case's history as
    an internal event (the complainant does not see it), in one transaction."""
    reason, note = reason.strip(), note.strip()
    if action not in SatisfactionFollowUp.Action.values:
        raise ValidationError(_("Choose what was done."), code="action")
    if action == SatisfactionFollowUp.Action.NO_ACTION and not reason:
        raise ValidationError(_("Say why no action is needed."), code="reason")
    with transaction.atomic():
        followup = SatisfactionFollowUp.objects.create(
            response=response, recorded_by=actor, action=action, reason=reason, note=note
        )
        words = [str(SatisfactionFollowUp.Action(action).label)]
        words += [text for text in (reason, note) if text]
        event_record(
            case=response.case,
            kind=CaseEvent.Kind.SURVEY_FOLLOW_UP,
            actor=actor,
            is_public=False,
            note="\n".join(words),
            data={"followup": followup.pk, "action": action},
        )
    return followup
