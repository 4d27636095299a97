"""The embedded default: a denormalised entry per case in the database itself."""

import math

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from workflow.models import Case
from workflow.selectors import Visibility

from .. import language
from ..documents import case_text, compact_reference, words
from ..models import CaseSearchEntry
from .base import SearchBackend, SearchResult


class DatabaseBackend(SearchBackend):
    def index_case(self, case) -> None:
        raw = case_text(case)
        text = " ".join(words(raw))
        CaseSearchEntry.objects.update_or_create(
            case=case,
            defaults={"reference_compact": compact_reference(case.reference), "text": f" {text} "},
        )
        if connection.vendor == "postgresql":
            sql, _count = language.document_sql()
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE search_casesearchentry SET document = {sql} WHERE case_id = %s",  # noqa: S608 - SQL built from constants
                    [*language.document_params(raw), case.pk],
                )

    def remove_case(self, case_id: int) -> None:
        CaseSearchEntry.objects.filter(case_id=case_id).delete()

    def search(self, *, visibility: Visibility, query: str, page: int = 1) -> SearchResult:
        queryset = Case.objects.filter(visibility.q()).select_related(
            "category", "team", "priority", "handler"
        )
        terms = words(query)
        compact = compact_reference(query)
        if terms:
            by_words = Q()
            for term in terms:
                # Prefix match on word boundaries: "refund" finds "refunded".
                by_words &= Q(search_entry__text__contains=f" {term}")
            by_reference = (
                Q(search_entry__reference_compact__startswith=compact)
                if len(compact) >= 4
                else Q(pk__in=[])
            )
            if connection.vendor == "postgresql":
                # Stemmed in every language (see search/language.py), besides the prefixes.
                by_words |= Q(
                    pk__in=RawSQL(  # noqa: S611 - SQL from constants, the words are parameters
                        "SELECT case_id FROM search_casesearchentry "  # noqa: S608
                        f"WHERE document @@ {language.query_sql()}",
                        language.query_params(query),
                    )
                )
            queryset = queryset.filter(by_words | by_reference)
        total = queryset.count()
        pages = max(1, math.ceil(total / self.page_size))
        page = min(max(page, 1), pages)
        start = (page - 1) * self.page_size
        cases = list(queryset.order_by("-received_at")[start : start + self.page_size])
        return SearchResult(cases=cases, total=total, page=page, pages=pages)
