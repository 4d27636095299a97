from workflow.selectors import case_visibility_get

from .backends import get_backend
from .backends.base import SearchResult


def case_search(*, user, query: str, page: int = 1) -> SearchResult:
    """Staff search: only among the cases `user` may see, filtered inside the query."""
    return get_backend().search(visibility=case_visibility_get(user=user), query=query, page=page)
