from dataclasses import dataclass, field

from django.db.models import QuerySet


@dataclass
class SearchResult:
    cases: list
    total: int
    page: int
    pages: int
    facets: dict = field(default_factory=dict)


class SearchBackend:
    """Index a case; search the cases a queryset allows (permissions are the caller's filter)."""

    page_size = 25

    def index_case(self, case) -> None:
        raise NotImplementedError

    def remove_case(self, case_id: int) -> None:
        raise NotImplementedError

    def search(self, *, allowed: QuerySet, query: str, page: int = 1) -> SearchResult:
        raise NotImplementedError
