from django.utils.translation import gettext as _

from workflow.selectors import CaseAccess, case_visibility_get

from .backends import get_backend
from .backends.base import CaseQuery, SearchResult


def facet_title(name: str) -> str:
    titles = {
        "status": _("Status"),
        "kind": _("Type"),
        "category": _("Category"),
        "priority": _("Priority"),
        "channel": _("Channel"),
        "language": _("Language"),
        "team": _("Team"),
        "overdue": _("Overdue"),
        "escalation": _("Escalation"),
    }
    return titles[name]


def case_search(*, user, query: CaseQuery) -> SearchResult:
    """Staff search: only among the cases `user` may see, filtered inside the query."""
    return get_backend().search(visibility=case_visibility_get(user=user), query=query)


def case_access_lookup(*, reference: str, second_factor: str) -> CaseAccess | None:
    """The public lookup: the access to the case with this tracking number and second
    factor (email, mobile number or access code), or None, whichever backend answers (the
    search engine's public documents, or the database). An unknown number and a wrong pair
    look the same; the caller applies the rate limits and keeps the access in the session."""
    return get_backend().tracking_access(reference=reference, second_factor=second_factor)
