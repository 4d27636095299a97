"""Objectives (ISO 10002 6.2, 8.4): the targets complaints managers set for a period, each on
a KPI of the registry (`improvement.kpis`), for the whole organisation or one team."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from workflow.models import Team

from .. import kpis


class Objective(models.Model):
    class Direction(models.TextChoices):
        AT_LEAST = "at_least", _("at least")
        AT_MOST = "at_most", _("at most")

    kpi = models.CharField(_("indicator"), max_length=40, choices=kpis.kpi_choices)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(
        _("period ends"), help_text=_("The last day of the period (a year, a quarter...).")
    )
    target = models.DecimalField(
        _("target"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Percentages from 0 to 100, times in working hours, scores from 1 to 5."),
    )
    direction = models.CharField(
        _("the actual figure must be"), max_length=8, choices=Direction.choices
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: an objective for the whole organisation."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["-period_start", "kpi", "team__name"]
        permissions = [("view_dashboard", _("Can see the improvement dashboard"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="objective_period_ends_after_start",
                violation_error_message=_("The end date must be on or after the start date."),
            ),
            models.UniqueConstraint(
                fields=["kpi", "period_start", "period_end", "team"],
                name="one_objective_per_kpi_period_team",
                violation_error_message=_(
                    "This indicator already has an objective for this period and team."
                ),
            ),
            models.UniqueConstraint(
                fields=["kpi", "period_start", "period_end"],
                condition=models.Q(team__isnull=True),
                name="one_organisation_objective_per_kpi_period",
                violation_error_message=_(
                    "This indicator already has an objective for this period and team."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_kpi_display()} {self.get_direction_display()} {self.target}"

    @property
    def kpi_spec(self) -> kpis.Kpi | None:
        return kpis.KPI.get(self.kpi)

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The end date must be on or after the start date.")
        spec = self.kpi_spec
        if spec and self.target is not None:
            if self.target < 0:
                errors["target"] = _("The target cannot be negative.")
            elif spec.unit == kpis.PERCENT and self.target > 100:
                errors["target"] = _("A percentage is at most 100.")
            elif spec.unit == kpis.SCORE and not 1 <= self.target <= 5:
                errors["target"] = _("A score is from 1 to 5.")
        if errors:
            raise ValidationError(errors)
