"""The database search backend's index, refreshed through the outbox.

One entry per case holds its searchable text as written (for highlighting) and the
complainant's folded name and email (staff search only). The engine's own index sits
beside it: an FTS5 table `search_casefts` on SQLite, the `document` tsvector column of
this table on PostgreSQL (both created by migrations, outside Django's models).

The entry also carries the case's columns that staff search filters, counts and sorts on
(`CASE_COLUMNS`, under the case's own names, so the same conditions apply to either): a
word search then filters and counts its matches as the text index finds them, without
looking each case up. They are not the outbox's to refresh: a database trigger (migration
0007) copies them whenever the case's change, in the case's own transaction, and indexing
copies them from the case when it writes an entry, so counts are exact at every moment.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from workflow.models import Case


def _case_key(model: str) -> models.ForeignKey:
    """A copy of one of the case's keys: no constraint nor index of its own (the case's
    holds), so filters read `team_id`, `priority__isnull` as they do on the case."""
    return models.ForeignKey(
        model,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        related_name="+",
    )


# The case's columns an entry carries (as the case names them), for staff search.
CASE_COLUMNS = (
    "reference",
    "status",
    "kind",
    "channel",
    "language",
    "category_id",
    "team_id",
    "priority_id",
    "handler_id",
    "escalation_level",
    "received_at",
    "due_at",
)


class CaseSearchEntry(models.Model):
    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    body = models.TextField(blank=True)
    personal = models.TextField(blank=True)
    # The case's `updated_at` when it was indexed: differs from the case's → drift.
    case_updated_at = models.DateTimeField(null=True)
    indexed_at = models.DateTimeField(auto_now=True)
    # The case's columns (CASE_COLUMNS), kept equal to the case's by the database.
    reference = models.CharField(max_length=16, blank=True)
    status = models.CharField(max_length=16, blank=True)
    kind = models.CharField(max_length=12, blank=True)
    channel = models.CharField(max_length=10, blank=True)
    language = models.CharField(max_length=8, blank=True)
    category = _case_key("workflow.Category")
    team = _case_key("workflow.Team")
    priority = _case_key("workflow.Priority")
    handler = _case_key(settings.AUTH_USER_MODEL)
    escalation_level = models.PositiveSmallIntegerField(default=0)
    received_at = models.DateTimeField(null=True)
    due_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = "case search entry"
        verbose_name_plural = "case search entries"

    def __str__(self):
        return f"case {self.case_id}"


class SearchWord(models.Model):
    """Every folded word indexed, for typo tolerance (`refumd` → `refund`)."""

    word = models.CharField(max_length=64, primary_key=True)
    length = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = "search word"
        verbose_name_plural = "search words"
        indexes = [models.Index(fields=["length", "word"], name="search_word_length")]

    def __str__(self):
        return self.word


class SavedSearch(models.Model):
    """A staff member's named search (its query string), to run again in one click."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    name = models.CharField(_("name"), max_length=100)
    query_string = models.TextField(_("search"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="one_saved_search_per_name")
        ]

    def __str__(self):
        return self.name


class SearchExport(models.Model):
    """Who exported which search result, when, and how many cases (the audit trail)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    query_string = models.TextField(_("search"))
    rows = models.PositiveIntegerField(_("cases exported"))
    created_at = models.DateTimeField(_("exported"), auto_now_add=True)

    class Meta:
        verbose_name = _("search export")
        verbose_name_plural = _("search exports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"


class SearchRecord(models.Model):
    """Who searched for which words, when, and how many cases matched (the audit trail):
    staff queries also search complainants' names and email addresses, so every search
    with words is recorded, whether or not it names a person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    query = models.CharField(_("words searched"), max_length=200)
    query_string = models.TextField(_("search"))
    results = models.PositiveIntegerField(_("cases found"))
    created_at = models.DateTimeField(_("searched"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("staff search")
        verbose_name_plural = _("staff searches")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M} {self.query}"
