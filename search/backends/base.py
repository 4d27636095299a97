from dataclasses import dataclass, field

from workflow.selectors import Visibility


@dataclass
class SearchResult:
    cases: list
    total: int
    page: int
    pages: int
    facets: dict = field(default_factory=dict)


class SearchBackend:
    """Index a case; search among the cases a `Visibility` allows (applied in the query)."""

    page_size = 25

    def index_case(self, case) -> None:
        raise NotImplementedError

    def remove_case(self, case_id: int) -> None:
        raise NotImplementedError

    def search(self, *, visibility: Visibility, query: str, page: int = 1) -> SearchResult:
        raise NotImplementedError
