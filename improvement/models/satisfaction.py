"""Satisfaction analysis (ISO 10002 8.3): the follow-up of a low survey score."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflow.models import SurveyResponse


class SatisfactionFollowUp(models.Model):
    """What was done about a survey response (a low score, usually): who, when, what.

    Recording one also adds a non-public event to the case's history."""

    class Action(models.TextChoices):
        CONTACTED = "contacted", _("Contacted the customer")
        CORRECTIVE = "corrective", _("Took a corrective action")
        NO_ACTION = "no_action", _("No action needed")

    response = models.ForeignKey(
        SurveyResponse,
        verbose_name=_("survey response"),
        on_delete=models.CASCADE,
        related_name="followups",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    action = models.CharField(_("what was done"), max_length=12, choices=Action.choices)
    reason = models.TextField(
        _("reason no action is needed"),
        blank=True,
        help_text=_("Required when no action is needed."),
    )
    note = models.TextField(_("note on the follow-up"), blank=True)

    class Meta:
        verbose_name = _("satisfaction follow-up")
        verbose_name_plural = _("satisfaction follow-ups")
        ordering = ["recorded_at", "pk"]
        permissions = [("view_satisfaction", _("Can see the satisfaction analysis"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(action="no_action") | ~models.Q(reason=""),
                name="satisfaction_followup_no_action_has_reason",
            )
        ]

    def __str__(self):
        return f"{self.response} {self.action}"
