from workflow.selectors import cases_visible_to

from .backends import get_backend
from .backends.base import SearchResult


def case_search(*, user, query: str, page: int = 1) -> SearchResult:
    """Staff search: only among the cases `user` may see, filtered inside the query."""
    return get_backend().search(allowed=cases_visible_to(user), query=query, page=page)
