"""Corrective and preventive actions (ISO 10002 8.7, 4.13): opened from one or many cases
(or from an analysis), owned by a member of staff, due by a date, with a log of what was
done, and an effectiveness check some time after completion (did complaints of the same
root cause recur?)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workflow.models import Case, RootCause


class CorrectiveAction(models.Model):
    class Kind(models.TextChoices):
        CORRECTIVE = "corrective", _("Corrective (removes the cause of complaints received)")
        PREVENTIVE = "preventive", _("Preventive (removes the cause of possible complaints)")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("corrective action", "Open")
        IN_PROGRESS = "in_progress", pgettext_lazy("corrective action", "In progress")
        DONE = "done", _("Done, awaiting the effectiveness check")
        EFFECTIVE = "effective", pgettext_lazy("corrective action", "Effective")
        NOT_EFFECTIVE = "not_effective", pgettext_lazy("corrective action", "Not effective")
        CANCELLED = "cancelled", pgettext_lazy("corrective action", "Cancelled")

    # Work still to do: these have a due date that can pass.
    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)
    # Finished for good: nothing can change any more.
    FINAL_STATUSES = (Status.EFFECTIVE, Status.NOT_EFFECTIVE, Status.CANCELLED)

    kind = models.CharField(
        pgettext_lazy("corrective action", "kind"),
        max_length=12,
        choices=Kind.choices,
        default=Kind.CORRECTIVE,
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what is to be done, and why"))
    root_cause = models.ForeignKey(
        RootCause,
        verbose_name=_("root cause"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrective_actions",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="corrective_actions",
    )
    due_on = models.DateField(pgettext_lazy("corrective action", "due date"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    cases = models.ManyToManyField(
        Case, verbose_name=_("cases"), blank=True, related_name="corrective_actions"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("corrective action", "opened by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(
        pgettext_lazy("corrective action", "opened"), default=timezone.now
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    completed_at = models.DateTimeField(
        pgettext_lazy("corrective action", "completed"), null=True, blank=True
    )
    check_after_days = models.PositiveSmallIntegerField(
        _("effectiveness check, days after completion"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_(
            "Complaints of the same root cause are counted over this many days before and "
            "after completion."
        ),
    )
    # Completion + check_after_days: the end of the window the recurrence is counted in.
    check_due_at = models.DateTimeField(
        pgettext_lazy("corrective action", "effectiveness check due"), null=True, blank=True
    )
    checked_at = models.DateTimeField(
        pgettext_lazy("corrective action", "effectiveness checked"), null=True, blank=True
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("corrective action", "checked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    check_note = models.TextField(_("effectiveness check: findings"), blank=True)
    # The figures the check was based on, frozen when it was recorded.
    recurrence_before = models.PositiveIntegerField(null=True, blank=True)
    recurrence_after = models.PositiveIntegerField(null=True, blank=True)
    # When the owner was reminded, the managers told it is overdue, the owner told the
    # check is due: each once (set by the claim that sends it; cleared when the due date
    # or the completion changes).
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    check_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("corrective or preventive action")
        verbose_name_plural = _("corrective and preventive actions")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["status", "check_due_at"]),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        return f"CA-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on < today

    def check_is_due(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == self.Status.DONE
            and self.check_due_at is not None
            and self.check_due_at <= now
        )


class ActionLogEntry(models.Model):
    """One dated entry of an action's log: what was done (by whom, on which day), and the
    changes the system recorded (status, reminders, escalation, the check). Append-only."""

    class Kind(models.TextChoices):
        OPENED = "opened", pgettext_lazy("corrective action", "Opened")
        PROGRESS = "progress", pgettext_lazy("corrective action", "Action taken")
        CHANGED = "changed", pgettext_lazy("corrective action", "Changed")
        STATUS = "status", pgettext_lazy("corrective action", "Status changed")
        CASES = "cases", _("Cases linked or unlinked")
        REMINDED = "reminded", _("Owner reminded of the due date")
        ESCALATED = "escalated", _("Overdue: complaints managers alerted")
        CHECK_DUE = "check_due", _("Effectiveness check due: owner told")
        CHECKED = "checked", pgettext_lazy("corrective action", "Effectiveness checked")

    action = models.ForeignKey(CorrectiveAction, on_delete=models.CASCADE, related_name="log")
    kind = models.CharField(
        pgettext_lazy("corrective action", "kind"), max_length=12, choices=Kind.choices
    )
    done_on = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(pgettext_lazy("corrective action", "what was done"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("corrective action", "by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(
        pgettext_lazy("corrective action", "recorded"), default=timezone.now
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("action log entry")
        verbose_name_plural = _("action log entries")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.action_id} {self.kind} {self.done_on}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("An action's log is append-only: entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("An action's log is append-only: entries cannot be deleted.")
