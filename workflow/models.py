"""The complaint domain: cases, the people and teams who handle them, and their history.

Models hold data and integrity rules only; behaviour lives in `services.py` (writes)
and `selectors.py` (reads).
"""

import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from viewflow.workflow.models import Process

from . import steps


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(_("Not a time zone name such as Europe/Athens.")) from None


class Team(models.Model):
    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_teams",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True, related_name="teams"
    )
    # The working calendar deadlines are counted in.
    work_days = models.CharField(
        _("working days"),
        max_length=20,
        default="0,1,2,3,4",
        validators=[
            RegexValidator(
                r"^[0-6](,[0-6])*$", _("Day numbers 0 (Monday) to 6 (Sunday), by commas.")
            )
        ],
        help_text=_("0 is Monday, 6 is Sunday: 0,1,2,3,4 is Monday to Friday."),
    )
    day_starts = models.TimeField(_("working day starts"), default=datetime.time(9, 0))
    day_ends = models.TimeField(_("working day ends"), default=datetime.time(17, 0))
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Holiday(models.Model):
    """A day without work: for one team, or for every team when no team is given."""

    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=120)
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="holidays",
        help_text=_("Empty: a holiday for every team."),
    )

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["date", "team"], name="one_holiday_per_team_and_date")
        ]

    def __str__(self):
        return f"{self.date} {self.name}"


class Category(models.Model):
    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    team = models.ForeignKey(
        Team, verbose_name=_("owning team"), on_delete=models.PROTECT, related_name="categories"
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class Priority(models.Model):
    """A priority sets the deadline of every step, in working hours from the step's start
    on the owning team's calendar."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=60)
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=0, help_text=_("Higher is more urgent.")
    )
    is_default = models.BooleanField(
        _("default"), default=False, help_text=_("Used for the steps before assessment.")
    )
    assess_hours = models.PositiveIntegerField(_("hours to assess"), default=16)
    investigate_hours = models.PositiveIntegerField(_("hours to investigate"), default=56)
    respond_hours = models.PositiveIntegerField(_("hours to respond"), default=16)
    approve_hours = models.PositiveIntegerField(_("hours to approve a response"), default=8)
    review_hours = models.PositiveIntegerField(_("hours for an independent review"), default=80)
    close_hours = models.PositiveIntegerField(_("hours to close"), default=24)
    reminder_hours = models.PositiveIntegerField(
        _("reminder, working hours before a deadline"),
        default=4,
        help_text=_("The person with the task is reminded this long before its deadline."),
    )
    second_level_hours = models.PositiveIntegerField(
        _("hours from first to second escalation"),
        default=8,
        help_text=_("How long after a missed deadline the complaints manager is alerted."),
    )

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["-rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_priority",
            )
        ]

    def __str__(self):
        return self.name

    def hours_for(self, step: str) -> int:
        """The working hours the step `step` (a key of `workflow.steps`) is given."""
        return getattr(self, steps.STEP[step].deadline_field)


class RootCause(models.Model):
    """A class of root cause (ISO 10002 4.13, 8.2): the taxonomy the investigation chooses
    from, so that complaints can be counted by cause and recurring problems found. Two
    levels: a cause may sit under a top-level group. Editors manage it in the CMS; a cause
    in use is deactivated, never deleted (the cases keep their classification)."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        pgettext_lazy("root cause", "description"),
        blank=True,
        help_text=_("What belongs here, for the investigators."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active causes can be chosen.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=pgettext_lazy("root cause", "group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
        help_text=_("Empty: a top-level cause (or group of causes)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("root cause")
        verbose_name_plural = _("root causes")
        ordering = ["order", "code"]

    def __str__(self):
        if self.parent_id:
            return f"{self.parent.name} › {self.name}"
        return self.name

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        if self.pk is not None and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A cause cannot be its own group.")})
        if self.parent.parent_id is not None:
            raise ValidationError(
                {"parent": _("Choose a top-level cause: the taxonomy has two levels.")}
            )
        if self.pk is not None and self.children.exists():
            raise ValidationError(
                {"parent": _("This cause has causes under it, so it must stay at the top level.")}
            )


class Case(models.Model):
    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        SUGGESTION = "suggestion", _("Suggestion")
        COMPLIMENT = "compliment", _("Compliment")

    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Telephone")
        POST = "post", _("Post")
        COUNTER = "counter", _("In person")
        API = "api", _("Mobile app or API")

    # The statuses, with the labels the complainant reads, come from the process vocabulary.
    Status = models.TextChoices("Status", steps.status_choices(), qualname="Case.Status")

    class Reply(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        CONTESTED = "contested", _("Contested")
        LAPSED = "lapsed", _("No reply in time")

    class ReviewResult(models.TextChoices):
        UPHELD = "upheld", _("Decision upheld")
        CHANGED = "changed", _("Decision changed")

    class Severity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")
        CRITICAL = "critical", _("Critical")

    reference = models.CharField(_("tracking number"), max_length=16, unique=True)
    # The form's one-time key: a double submission returns the case already made.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    access_salt = models.CharField(max_length=32, editable=False)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.COMPLAINT)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="cases"
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="cases"
    )
    priority = models.ForeignKey(
        Priority,
        verbose_name=_("priority"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_cases",
    )
    product_service = models.CharField(_("product or service"), max_length=200, blank=True)
    location = models.CharField(_("where it happened"), max_length=200, blank=True)
    occurred_on = models.DateField(_("when it happened"), null=True, blank=True)
    description = models.TextField(_("what happened"))
    desired_outcome = models.TextField(_("outcome wanted"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    root_cause = models.TextField(_("root cause"), blank=True)
    # The root cause's class in the taxonomy (the free text above explains it).
    cause = models.ForeignKey(
        RootCause,
        verbose_name=_("root cause class"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    decision = models.TextField(_("decision"), blank=True)
    compensation = models.DecimalField(
        _("compensation offered"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    named_staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff named in the complaint"),
        blank=True,
        related_name="+",
        help_text=_("They may not handle, approve or review this case."),
    )
    reply = models.CharField(
        _("complainant's reply"), max_length=10, choices=Reply.choices, blank=True
    )
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    contest_reasons = models.TextField(_("reasons for contesting"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_cases",
    )
    review_result = models.CharField(
        _("review result"), max_length=10, choices=ReviewResult.choices, blank=True
    )
    review_outcome = models.TextField(_("review outcome"), blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    due_at = models.DateTimeField(_("next step due"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    process = models.OneToOneField(
        Process, null=True, blank=True, on_delete=models.SET_NULL, related_name="case"
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_at"]
        # Staff search counts the cases of any facet chosen (the others are indexed as
        # keys or above): from an index, not by reading every case (at 100,000 cases, one
        # escalation level's count took 35 ms read from the table, 3 ms from its index).
        indexes = [
            models.Index(fields=[name], name=f"workflow_case_{name}")
            for name in ("kind", "channel", "language", "escalation_level", "due_at")
        ]
        permissions = [
            ("view_all_cases", _("Can see every case")),
            ("assess_case", _("Can carry out the initial assessment")),
            ("handle_case", _("Can investigate and respond to cases")),
            ("close_case", _("Can close cases")),
            ("approve_response", _("Can approve responses")),
            ("review_case", _("Can review contested decisions")),
            ("unmerge_case", _("Can undo the merge of a duplicate case")),
        ]

    @property
    def decision_sent(self) -> bool:
        """The complainant has been told the decision (it is public from then on)."""
        return self.decided_at is not None

    @property
    def staff_status(self) -> str:
        """The status as staff read it (the complainant reads `get_status_display`)."""
        return str(steps.STATUS[self.status].staff_label)

    def __str__(self):
        return self.reference


class Complainant(models.Model):
    """The person behind a case: personal data, kept apart from the case itself."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="complainant")
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("mobile phone"), max_length=32, blank=True)
    consent_at = models.DateTimeField(_("consent given"))

    class Meta:
        verbose_name = _("complainant")
        verbose_name_plural = _("complainants")

    def __str__(self):
        return self.name or self.email or str(self.case)


def attachment_path(instance, filename):
    """Random names: a file's address tells nothing and cannot be guessed."""
    return f"attachments/{instance.case_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file sent with a case. Served only to staff who may see the case, never publicly."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)
    from_customer = models.BooleanField(_("sent by the complainant"), default=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class CaseEvent(models.Model):
    """One entry of a case's history. The history is append-only."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        ASSESSED = "assessed", _("Assessed and assigned")
        INVESTIGATED = "investigated", _("Investigation completed")
        DECIDED = "decided", _("Decision sent")
        CLOSED = "closed", _("Closed")
        ESCALATED = "escalated", _("Escalated")
        NOTIFIED = "notified", _("Notification queued")
        ATTACHMENT_VIEWED = "attachment_viewed", _("Attachment opened by staff")
        ACCESS_RESET = "access_reset", _("Access code and links renewed")
        RESPONSE_DRAFTED = "response_drafted", _("Response drafted")
        APPROVED = "approved", _("Response approved")
        SENT_BACK = "sent_back", _("Response sent back for changes")
        MESSAGE = "message", _("Message from us")
        NOTE = "note", _("Internal note")
        CUSTOMER_INFO = "customer_info", _("Information you added")
        ACCEPTED = "accepted", _("Decision accepted")
        CONTESTED = "contested", _("Decision contested")
        REPLY_LAPSED = "reply_lapsed", _("No reply received in time")
        REVIEWED = "reviewed", _("Independent review completed")
        SURVEY = "survey", _("Satisfaction survey answered")
        DATA_VIEWED = "data_viewed", _("Personal data viewed by staff")
        REMINDED = "reminded", _("Reminder sent")
        ANSWERED = "answered", _("Answer sent")
        MERGED = "merged", _("Handled together with another case")
        DUPLICATE_ADDED = "duplicate_added", _("Duplicate case merged into this one")
        UNMERGED = "unmerged", _("Handled on its own again")
        MERGE_UNDONE = "merge_undone", _("Merge of a duplicate undone")
        # A step of the process began, with the deadline promised then (`data`).
        STEP_STARTED = "step_started", _("Step started")
        # Staff followed up the complainant's survey answer (a low score, usually).
        SURVEY_FOLLOW_UP = "survey_followup", _("Satisfaction follow-up recorded")
        # Linked to (or unlinked from) a corrective or preventive action (ISO 10002 8.7);
        # `data` names the action and the address of its page.
        ACTION = "action", _("Corrective or preventive action")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    is_public = models.BooleanField(default=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["case", "created_at"])]

    def __str__(self):
        return f"{self.case_id} {self.kind}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Case history is append-only: events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Case history is append-only: events cannot be deleted.")


class SurveyResponse(models.Model):
    """The complainant's satisfaction with the handling (ISO 10002 8.3), one per case."""

    RATINGS = [(value, str(value)) for value in range(1, 6)]

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="survey")
    overall = models.PositiveSmallIntegerField(_("overall satisfaction"), choices=RATINGS)
    ease = models.PositiveSmallIntegerField(_("ease of complaining"), choices=RATINGS)
    fairness = models.PositiveSmallIntegerField(_("fairness"), choices=RATINGS)
    timeliness = models.PositiveSmallIntegerField(_("timeliness"), choices=RATINGS)
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self):
        return f"{self.case} {self.overall}/5"


class OutboxMessage(models.Model):
    """A side effect recorded with the write that causes it, delivered later by the worker."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("SMS")
        SEARCH = "search", _("Search index")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Being delivered")
        SENT = "sent", _("Delivered")
        FAILED = "failed", _("Failed, retrying")

    channel = models.CharField(max_length=8, choices=Channel.choices)
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="outbox"
    )
    payload = models.JSONField(default=dict)
    state = models.CharField(
        max_length=8, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # The claim of the process delivering it (state SENDING): who, since when, and until
    # when; past its lease (or when its worker stopped) the sweep gives the row back.
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.channel} #{self.pk} ({self.state})"


class WorkerHeartbeat(models.Model):
    """A background worker process that is alive: it writes `seen_at` every few seconds
    (`workflow.workers`), so the sweep can tell a stopped worker's claims and tasks."""

    worker_id = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField(db_index=True)
    pid = models.PositiveIntegerField(default=0)
    host = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.worker_id} ({self.seen_at:%Y-%m-%d %H:%M:%S})"


class CaseProcess(Process):
    """Viewflow's process row for a case; the case is reached as `process.case`."""

    class Meta:
        proxy = True
        verbose_name = _("complaint process")
        verbose_name_plural = _("complaint processes")


@register_setting(icon="site")
class OrganisationSettings(BaseGenericSetting):
    """The organisation's name in each language, set by editors in the CMS: the public
    pages' titles, header and footer, and every notification say it."""

    name = models.CharField(
        _("organisation's name"),
        max_length=100,
        blank=True,
        help_text=_(
            "As the public should read it, in each language. Where a language has none, "
            "the name in the default language is shown."
        ),
    )

    class Meta:
        verbose_name = _("organisation")


@register_setting(icon="cog")
class HandlingSettings(BaseGenericSetting):
    """How the process behaves, set by the complaints manager in the CMS (not in code)."""

    approval_severity = models.CharField(
        _("approval needed from severity"),
        max_length=10,
        choices=Case.Severity.choices,
        blank=True,
        default=Case.Severity.HIGH,
        help_text=_(
            "Responses to cases of this severity or above need a supervisor's approval. "
            "Empty: never because of severity."
        ),
    )
    approval_amount = models.DecimalField(
        _("approval needed above this compensation"),
        max_digits=10,
        decimal_places=2,
        default=500,
        help_text=_("A response offering more than this amount needs a supervisor's approval."),
    )
    reply_days = models.PositiveSmallIntegerField(
        _("days to accept or contest a decision"),
        default=14,
        help_text=_("Without a reply by then, the decision is treated as accepted."),
    )
    escalation_reassigns = models.BooleanField(
        _("escalation hands the task to the supervisor"),
        default=True,
        help_text=_(
            "At a missed deadline the team's supervisor is alerted; when this is on, they also "
            "take over the overdue task. Off: the case is only flagged."
        ),
    )
    external_recourse = models.TextField(
        _("outside recourse"),
        blank=True,
        help_text=_(
            "Told to the complainant with the final outcome of a review: the ombudsman, "
            "regulator or court they can still turn to."
        ),
    )

    class Meta:
        verbose_name = _("complaint handling settings")

    SEVERITY_ORDER = [value for value, _label in Case.Severity.choices]

    def external_recourse_in(self, language: str) -> str:
        """The recourse text in `language`, or in the default language where not written."""
        default = getattr(self, f"external_recourse_{settings.LANGUAGE_CODE}", "")
        return getattr(self, f"external_recourse_{language}", "") or default

    def needs_approval(self, case: Case) -> bool:
        if case.compensation is not None and case.compensation > self.approval_amount:
            return True
        if not self.approval_severity or not case.severity:
            return False
        order = self.SEVERITY_ORDER
        return order.index(case.severity) >= order.index(self.approval_severity)
