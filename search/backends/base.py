"""What every search backend offers: the query, the result and the interface.

A backend indexes cases and answers a `CaseQuery` among the cases a `Visibility` allows
(the rule is part of the query, never applied to results afterwards). The behaviour is the
same whichever backend answers: `tests/search/test_behaviour.py` runs against each one.
"""

from dataclasses import dataclass, field
from datetime import date

from workflow.models import Case
from workflow.selectors import Visibility

# Facets, in the order staff see them. Values are strings: status/channel/language/kind
# codes, category/priority/team ids, "yes"/"no" for overdue, "0"/"1"/"2" for escalation.
FACETS = ("status", "kind", "category", "priority", "channel", "language", "team", "overdue")
FACETS += ("escalation",)

# Sort orders: relevance (best match first; newest first without words), newest and
# oldest received, soonest due (cases without a due date last), most escalated.
SORTS = ("relevance", "newest", "oldest", "due", "escalation")

# Open cases past `due_at` are overdue; the flag is computed at query time (time passes
# without the case changing, so an indexed flag would go stale).
FINISHED_STATUSES = (Case.Status.CLOSED,)

# Highlighted fragments mark the matched words with these characters; `highlight_html`
# escapes the rest and turns them into <mark> elements.
MARK_START = "\ue000"
MARK_END = "\ue001"

MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class CaseQuery:
    """A staff search: words (any language, typos tolerated), facet filters (OR within a
    facet, AND across facets), an inclusive range of received dates, a sort and a page."""

    text: str = ""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    received_from: date | None = None
    received_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 25

    @classmethod
    def build(cls, *, filters: dict | None = None, **values) -> "CaseQuery":
        """A query from plain values; unknown facets and sorts are dropped, sizes bounded."""
        cleaned = tuple(
            (name, tuple(sorted({str(value) for value in selected})))
            for name, selected in sorted((filters or {}).items())
            if name in FACETS and selected
        )
        if values.get("sort") not in SORTS:
            values.pop("sort", None)
        values["page"] = max(1, int(values.get("page") or 1))
        values["page_size"] = min(max(1, int(values.get("page_size") or 25)), MAX_PAGE_SIZE)
        return cls(filters=cleaned, **values)

    def selected(self, facet: str) -> tuple[str, ...]:
        return dict(self.filters).get(facet, ())

    @property
    def start(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass
class FacetCount:
    value: str
    count: int
    selected: bool = False
    label: str = ""


@dataclass
class SearchResult:
    cases: list
    total: int
    page: int
    pages: int
    # facet name → its values with counts. A facet's counts apply every filter except
    # the facet's own, so staff see what choosing another value of it would give.
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    # case pk → a fragment of its text with the matched words between MARK_START/MARK_END
    highlights: dict[int, str] = field(default_factory=dict)


@dataclass
class IndexHealth:
    backend: str
    reachable: bool
    documents: int | None = None
    error: str = ""
    details: dict = field(default_factory=dict)


class SearchBackend:
    """Index cases; search among the cases a `Visibility` allows."""

    name = "base"
    page_size = 25

    def index_cases(self, cases: list[Case]) -> None:
        """Write (or rewrite) the documents of these cases, in bulk."""
        raise NotImplementedError

    def remove_cases(self, case_ids: list[int]) -> None:
        raise NotImplementedError

    def search(self, *, visibility: Visibility, query: CaseQuery) -> SearchResult:
        raise NotImplementedError

    def health(self) -> IndexHealth:
        raise NotImplementedError

    # One case at a time, for callers that have one.
    def index_case(self, case: Case) -> None:
        self.index_cases([case])

    def remove_case(self, case_id: int) -> None:
        self.remove_cases([case_id])


def pages_for(total: int, page_size: int) -> int:
    return max(1, -(-total // page_size))
