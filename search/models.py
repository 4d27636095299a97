"""The database search backend's index: one row per case, refreshed through the outbox."""

from django.db import models

from workflow.models import Case


class CaseSearchEntry(models.Model):
    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    reference_compact = models.CharField(max_length=16, db_index=True)
    # Case-folded words of the searchable text (description, outcome wanted, findings,
    # decision, category), space-separated with a leading and trailing space.
    text = models.TextField()
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "case search entry"
        verbose_name_plural = "case search entries"

    def __str__(self):
        return self.reference_compact
