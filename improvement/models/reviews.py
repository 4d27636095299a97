"""Management reviews (ISO 10002 5.2, 8.6): top management reviews the complaint-handling
process for a period, from a pack of figures the system freezes when the review is created
(or refreshed while it is a draft); the meeting, its attendees, recommendations, decisions
and actions are recorded, and top management signs it off. A signed-off review never
changes (the services refuse, and so does `save`), and the files of its pack are stored
with their SHA-256 the first time they are made, so every later download is identical."""

from django.conf import settings
from django.db import models
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .actions import CorrectiveAction


class SignedOffError(ValueError):
    """A signed-off management review, its decisions or its attendees were to change."""


class ManagementReview(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("management review", "Draft")
        SIGNED_OFF = "signed_off", pgettext_lazy("management review", "Signed off")

    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendees (staff)"),
        blank=True,
        related_name="management_reviews",
    )
    other_attendees = models.TextField(
        _("other attendees"),
        blank=True,
        help_text=_("People without a staff account, one a line (name and role)."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    # Every figure the pack shows, frozen (see improvement.selectors.reviews.review_inputs).
    inputs = models.JSONField(default=dict)
    inputs_taken_at = models.DateTimeField(_("figures taken"))
    recommendations = models.TextField(_("recommendations"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("prepared"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("signed off"), null=True, blank=True)

    class Meta:
        verbose_name = _("management review")
        verbose_name_plural = _("management reviews")
        ordering = ["-period_end", "-pk"]
        permissions = [("signoff_managementreview", _("Can sign off a management review"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="review_period_ends_after_start",
                violation_error_message=_("The end date must be on or after the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.period_start} – {self.period_end}"

    @property
    def is_signed_off(self) -> bool:
        return self.status == self.Status.SIGNED_OFF

    def save(self, *args, **kwargs):
        if self.pk is not None and self.signed_off_in_database(self.pk):
            raise SignedOffError("A signed-off management review cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.signed_off_in_database(self.pk):
            raise SignedOffError("A signed-off management review cannot be deleted.")
        return super().delete(*args, **kwargs)

    @classmethod
    def signed_off_in_database(cls, pk) -> bool:
        return cls.objects.filter(pk=pk, status=cls.Status.SIGNED_OFF).exists()


@receiver(m2m_changed, sender=ManagementReview.attendees.through)
def _attendees_frozen(sender, instance, action, reverse, pk_set, **kwargs):
    """The attendees of a signed-off review stay as they were signed off."""
    if not action.startswith("pre_"):
        return
    if reverse:
        # From the user's side: any of the reviews touched (all of the user's, for a clear).
        reviews = ManagementReview.objects.filter(status=ManagementReview.Status.SIGNED_OFF)
        reviews = reviews.filter(
            pk__in=pk_set if pk_set is not None else instance.management_reviews.values("pk")
        )
        if reviews.exists():
            raise SignedOffError("A signed-off management review cannot be changed.")
    elif instance.pk and ManagementReview.signed_off_in_database(instance.pk):
        raise SignedOffError("A signed-off management review cannot be changed.")


class ReviewDecision(models.Model):
    """A decision or action of the review: what, who owns it, by when; it may open a
    corrective or preventive action (improvement.services.actions.action_open)."""

    review = models.ForeignKey(
        ManagementReview,
        verbose_name=_("management review"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    text = models.TextField(_("decision or action"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    corrective_action = models.OneToOneField(
        CorrectiveAction,
        verbose_name=_("corrective or preventive action"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_decision",
    )

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        ordering = ["pk"]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        if ManagementReview.signed_off_in_database(self.review_id):
            raise SignedOffError("A signed-off management review cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if ManagementReview.signed_off_in_database(self.review_id):
            raise SignedOffError("A signed-off management review cannot be changed.")
        return super().delete(*args, **kwargs)


class ReviewPack(models.Model):
    """A file of a signed-off review's pack (the PDF in one language, or the CSV), stored
    the first time it was made, with its SHA-256: a later download serves these bytes.
    Never changed, never deleted."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        CSV = "csv", "CSV"

    review = models.ForeignKey(ManagementReview, on_delete=models.PROTECT, related_name="packs")
    format = models.CharField(max_length=3, choices=Format.choices)
    language = models.CharField(max_length=8)
    # Private: MEDIA_ROOT is never served; the view hands it to those who may read reviews.
    file = models.FileField(upload_to="review-packs/", max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review pack")
        verbose_name_plural = _("review packs")
        ordering = ["review", "format", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "format", "language"], name="one_pack_per_format_and_language"
            )
        ]

    def __str__(self):
        return f"{self.review_id} {self.format} {self.language}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise SignedOffError("A stored review pack cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise SignedOffError("A stored review pack cannot be deleted.")
