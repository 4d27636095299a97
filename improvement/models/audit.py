"""Audit evidence (ISO 10002 8.5, 4.9): the record of every export of a sample of cases
for an auditor, and the organisation's internal audits of its complaint handling with
their findings and follow-up actions."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditExport(models.Model):
    """Who exported which sample of cases, when, how it was drawn, and the checksum of the
    manifest inside the ZIP (which lists every file's checksum): a ZIP handed to an auditor
    can be checked against this record. Recorded when asked for; the worker then builds the
    ZIP (laying out hundreds of PDF pages takes longer than a web request may) and fills in
    the file and its checksums. What was asked for never changes."""

    class Method(models.TextChoices):
        RANDOM = "random", _("Random sample")
        CRITERIA = "criteria", _("Every case matching the criteria")

    class State(models.TextChoices):
        QUEUED = "queued", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        # The ZIP (personal data) deleted after AUDIT_EXPORT_KEEP_DAYS; the record and its
        # checksums stay.
        EXPIRED = "expired", _("Deleted after the retention period")

    # The fields the worker fills in once; every other field is the record of the request.
    BUILT_FIELDS = frozenset(
        {"state", "file", "manifest_sha256", "archive_sha256", "archive_bytes", "error", "built_at"}
    )

    uid = models.UUIDField(_("export number"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("exported"), auto_now_add=True, db_index=True)
    period_start = models.DateField(_("received from"))
    period_end = models.DateField(_("received until"))
    method = models.CharField(_("sample"), max_length=10, choices=Method.choices)
    seed = models.BigIntegerField(_("seed"), null=True, blank=True)
    size = models.PositiveIntegerField(_("sample size asked"), null=True, blank=True)
    # The criteria as chosen (codes, not ids: readable after a category is renamed).
    criteria = models.JSONField(_("criteria"), default=dict, blank=True)
    cases = models.JSONField(_("tracking numbers"), default=list)
    case_count = models.PositiveIntegerField(_("cases exported"))
    personal_data = models.BooleanField(_("includes personal data"), default=False)
    language = models.CharField(_("language"), max_length=8)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.QUEUED)
    # Private: MEDIA_ROOT is never served; the view hands it to the person who asked.
    file = models.FileField(_("ZIP file"), upload_to="audit-exports/", max_length=200, blank=True)
    manifest_sha256 = models.CharField(_("manifest SHA-256"), max_length=64, blank=True)
    archive_sha256 = models.CharField(_("ZIP SHA-256"), max_length=64, blank=True)
    archive_bytes = models.PositiveBigIntegerField(_("ZIP size in bytes"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    built_at = models.DateTimeField(_("built"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit export")
        verbose_name_plural = _("audit exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.uid} ({self.case_count})"

    def save(self, *args, **kwargs):
        changed = kwargs.get("update_fields")
        if self.pk is not None and (changed is None or not set(changed) <= self.BUILT_FIELDS):
            raise ValueError("Audit exports are a record: what was asked for cannot be changed.")
        super().save(*args, **kwargs)


class InternalAudit(models.Model):
    """An internal audit of the complaint-handling process (ISO 10002 8.5): its scope, the
    period it covered, who audited and when, the findings and a closing note."""

    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("scope"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    auditor = models.CharField(
        _("auditor"),
        max_length=200,
        help_text=_("Who carried out the audit (a person or an outside body)."),
    )
    audited_on = models.DateField(_("date of the audit"))
    closing_note = models.TextField(_("closing note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("internal audit")
        verbose_name_plural = _("internal audits")
        ordering = ["-audited_on", "-pk"]

    def __str__(self):
        return self.title


class AuditFinding(models.Model):
    """One finding of an internal audit, with its follow-up action, owner and due date."""

    class Severity(models.TextChoices):
        OBSERVATION = "observation", _("Observation")
        MINOR = "minor", _("Minor nonconformity")
        MAJOR = "major", _("Major nonconformity")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    audit = models.ForeignKey(
        InternalAudit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="findings"
    )
    severity = models.CharField(_("severity"), max_length=12, choices=Severity.choices)
    description = models.TextField(_("finding"))
    action = models.TextField(_("follow-up action"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        verbose_name = _("audit finding")
        verbose_name_plural = _("audit findings")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.audit} #{self.pk}"
