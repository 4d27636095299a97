"""What every search backend offers: the query, the result and the interface.

A backend indexes cases and answers a `CaseQuery` among the cases a `Visibility` allows
(the rule is part of the query, never applied to results afterwards). The behaviour is the
same whichever backend answers: `tests/search/test_behaviour.py` runs against each one.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflow import steps
from workflow.models import Case, Category, Priority, Team
from workflow.selectors import CaseAccess, Visibility, case_access_get

from ..conditions import MAX_CONDITION_CASES, condition_names, conditions_q

logger = logging.getLogger(__name__)

# Facets, in the order staff see them. Values are strings: status/channel/language/kind
# codes, category/priority/team ids, "yes"/"no" for overdue, "0"/"1"/"2" for escalation.
FACETS = ("status", "kind", "category", "priority", "channel", "language", "team", "overdue")
FACETS += ("escalation",)

# Facet → the case's field it counts (overdue is computed from status and due_at).
FACET_FIELDS = {
    "status": "status",
    "kind": "kind",
    "category": "category_id",
    "priority": "priority_id",
    "channel": "channel",
    "language": "language",
    "team": "team_id",
    "escalation": "escalation_level",
}

# Sort orders: relevance (best match first; newest first without words), newest and
# oldest received, soonest due (cases without a due date last), most escalated.
SORTS = ("relevance", "newest", "oldest", "due", "escalation")

# Open cases past `due_at` are overdue; the flag is computed at query time (time passes
# without the case changing, so an indexed flag would go stale).
FINISHED_STATUSES = (Case.Status.CLOSED,)

MAX_PAGE_SIZE = 100

# The deepest result a search pages to: Elasticsearch's and OpenSearch's default
# `index.max_result_window` (from + size beyond it answers an error). Every backend stops
# there alike; the interface says so and asks for a narrower search (see `paging`).
MAX_RESULT_WINDOW = 10_000

# The value a facet counts for cases without one (priority is optional): a value staff
# can choose, so the count it shows is the number of cases choosing it gives.
NO_VALUE = "none"

# How many cases a rebuild reads and writes at a time.
REBUILD_BATCH = 500

# Escalation levels (see workflow: 1 the supervisor, 2 the complaints manager).
ESCALATION_LEVELS = ("0", "1", "2")


@dataclass(frozen=True)
class CaseQuery:
    """A staff search: words (any language, typos tolerated), facet filters (OR within a
    facet, AND across facets), an inclusive range of received dates, the other apps'
    conditions (`search.conditions`, AND), a sort and a page."""

    text: str = ""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    received_from: date | None = None
    received_to: date | None = None
    # The conditions of other apps (`search.conditions`): (parameter, value) pairs, AND.
    conditions: tuple[tuple[str, str], ...] = ()
    sort: str = "relevance"
    page: int = 1
    page_size: int = 25

    @classmethod
    def build(
        cls, *, filters: dict | None = None, conditions: dict | None = None, **values
    ) -> "CaseQuery":
        """A query from plain values; unknown facets, conditions and sorts are dropped,
        sizes bounded."""
        cleaned = tuple(
            (name, tuple(sorted({str(value) for value in selected})))
            for name, selected in sorted((filters or {}).items())
            if name in FACETS and selected
        )
        values["conditions"] = tuple(
            (name, str(value))
            for name, value in sorted((conditions or {}).items())
            if name in condition_names()
        )
        if values.get("sort") not in SORTS:
            values.pop("sort", None)
        values["page_size"] = min(max(1, int(values.get("page_size") or 25)), MAX_PAGE_SIZE)
        deepest = max_page(values["page_size"])
        values["page"] = min(max(1, int(values.get("page") or 1)), deepest)
        return cls(filters=cleaned, **values)

    def selected(self, facet: str) -> tuple[str, ...]:
        return dict(self.filters).get(facet, ())

    @property
    def start(self) -> int:
        return (self.page - 1) * self.page_size

    def received_bounds(self) -> tuple[datetime | None, datetime | None]:
        """The received dates as whole days in the current time zone: from the start of
        the first day, until (not including) the start of the day after the last."""

        def day_start(day):
            return timezone.make_aware(datetime.combine(day, time.min))

        start = day_start(self.received_from) if self.received_from else None
        end = day_start(self.received_to + timedelta(days=1)) if self.received_to else None
        return start, end


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
    # More cases match than can be paged through (MAX_RESULT_WINDOW): `pages` stops there.
    capped: bool = False
    # The facet counts are estimates from a sample of the matching cases (many match; see
    # the database backend); the total and the cases listed are always exact.
    approximate: bool = False


class SearchTooBroad(Exception):
    """The conditions select more cases than an engine is asked for by id
    (`conditions.MAX_CONDITION_CASES`): the page asks for a narrower search (translated)."""


class SearchUnavailable(Exception):
    """The search engine cannot be reached or failed: staff search says so (translated);
    the public lookup falls back to the database."""


def condition_case_ids(visibility: Visibility, query: CaseQuery, now) -> list[int] | None:
    """For an engine: the ids of the cases the query's conditions select among those the
    person may see and received in its dates (None: the query has no condition). More
    than MAX_CONDITION_CASES raise SearchTooBroad."""
    rule = conditions_q(query.conditions, now)
    if rule is None:
        return None
    cases = Case.objects.filter(visibility.q()).filter(rule)
    start, end = query.received_bounds()
    if start:
        cases = cases.filter(received_at__gte=start)
    if end:
        cases = cases.filter(received_at__lt=end)
    ids = list(cases.order_by("pk").values_list("pk", flat=True)[: MAX_CONDITION_CASES + 1])
    if len(ids) > MAX_CONDITION_CASES:
        raise SearchTooBroad
    return ids


def max_page(page_size: int) -> int:
    """The last page that stays within MAX_RESULT_WINDOW."""
    return max(1, MAX_RESULT_WINDOW // max(1, page_size))


def paging(total: int, page: int, page_size: int) -> tuple[int, int, bool]:
    """(page shown, pages, capped): past the last page the last one is shown, and no page
    goes beyond MAX_RESULT_WINDOW (capped says more cases match than can be paged to)."""
    deepest = max_page(page_size)
    pages = min(pages_for(total, page_size), deepest)
    return min(max(1, page), pages), pages, total > pages * page_size


def facet_choices(name: str) -> list[tuple[str, str]]:
    """Every value a facet can take, with its label, in the order staff see them: listed
    even when no case has it, so a choice that would give nothing still shows (count 0)."""
    if name == "status":
        return [(status.value, str(status.staff_label)) for status in steps.STATUSES]
    if name == "kind":
        return [(value, str(label)) for value, label in Case.Kind.choices]
    if name == "channel":
        return [(value, str(label)) for value, label in Case.Channel.choices]
    if name == "language":
        return [(code, str(label)) for code, label in settings.LANGUAGES]
    if name == "category":
        return [(str(item.pk), str(item)) for item in Category.objects.order_by("name")]
    if name == "priority":
        priorities = Priority.objects.order_by("-rank", "name")
        return [(str(item.pk), str(item)) for item in priorities] + [
            (NO_VALUE, str(_("No priority")))
        ]
    if name == "team":
        return [(str(item.pk), str(item)) for item in Team.objects.order_by("name")]
    if name == "overdue":
        return [("yes", str(_("Overdue"))), ("no", str(_("On time")))]
    if name == "escalation":
        labels = (_("Not escalated"), _("To the supervisor"), _("To the complaints manager"))
        return [(level, str(label)) for level, label in zip(ESCALATION_LEVELS, labels, strict=True)]
    raise ValueError(f"Unknown facet {name!r}")


def facets_from_counts(query: CaseQuery, counts: dict[str, dict[str, int]]) -> dict:
    """The result's facets from each facet's counts (value → cases): every known value in
    order, then any other value counted, each marked selected when the query chose it."""
    facets = {}
    for name in FACETS:
        counted = counts.get(name, {})
        chosen = set(query.selected(name))
        items = [
            FacetCount(
                value=value, count=counted.get(value, 0), selected=value in chosen, label=label
            )
            for value, label in facet_choices(name)
        ]
        known = {item.value for item in items}
        items += [
            FacetCount(value=value, count=count, selected=value in chosen, label=value)
            for value, count in sorted(counted.items())
            if value not in known
        ]
        facets[name] = items
    return facets


@dataclass
class Drift:
    """How the index differs from the database."""

    missing: list[int] = field(default_factory=list)  # cases without a document
    stale: list[int] = field(default_factory=list)  # documents older or newer than the case
    orphans: list[int] = field(default_factory=list)  # documents of cases that are gone

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.orphans)


@dataclass
class RebuildReport:
    indexed: int
    removed: int
    index: str = ""


@dataclass
class IndexHealth:
    backend: str
    reachable: bool
    documents: int | None = None
    error: str = ""
    details: dict = field(default_factory=dict)
    # Reachable, but the index is not what it should be (lost with the engine's data).
    problem: str = ""


class SearchBackend:
    """Index cases; search among the cases a `Visibility` allows."""

    name = "base"
    page_size = 25

    def index_cases(self, cases: list[Case]) -> None:
        """Write (or rewrite) the documents of these cases, in bulk. (A backend that only
        writes one case at a time overrides `index_case` instead.)"""
        if type(self).index_case is SearchBackend.index_case:
            raise NotImplementedError
        for case in cases:
            self.index_case(case)

    def remove_cases(self, case_ids: list[int]) -> None:
        if type(self).remove_case is SearchBackend.remove_case:
            raise NotImplementedError
        for case_id in case_ids:
            self.remove_case(case_id)

    def search(self, *, visibility: Visibility, query: CaseQuery) -> SearchResult:
        raise NotImplementedError

    def health(self) -> IndexHealth:
        raise NotImplementedError

    def indexed_versions(self) -> dict[int, datetime | None]:
        """Case id → the case's `updated_at` as indexed, for every document (drift)."""
        raise NotImplementedError

    # One case at a time, for callers that have one.
    def index_case(self, case: Case) -> None:
        self.index_cases([case])

    def remove_case(self, case_id: int) -> None:
        self.remove_cases([case_id])

    # Generic maintenance, built on the methods above; a backend may do better (the
    # Elasticsearch backend builds a new index beside the live one and swaps an alias).
    def rebuild(
        self, *, batch_size: int = REBUILD_BATCH, progress: Callable[[int], None] | None = None
    ) -> RebuildReport:
        """Index every case in batches, then remove the documents of cases that are gone."""
        indexed = 0
        for batch in case_id_batches(batch_size):
            self.index_cases(list(Case.objects.filter(pk__in=batch)))
            indexed += len(batch)
            if progress:
                progress(indexed)
        orphans = sorted(
            set(self.indexed_versions()) - set(Case.objects.values_list("pk", flat=True))
        )
        if orphans:
            self.remove_cases(orphans)
        return RebuildReport(indexed=indexed, removed=len(orphans))

    def drift(self) -> Drift:
        """Cases missing from the index, documents whose `updated_at` differs from the
        case's, documents of cases that no longer exist."""
        indexed = self.indexed_versions()
        cases = dict(Case.objects.values_list("pk", "updated_at"))
        return Drift(
            missing=sorted(set(cases) - set(indexed)),
            stale=sorted(pk for pk, at in indexed.items() if pk in cases and at != cases[pk]),
            orphans=sorted(set(indexed) - set(cases)),
        )

    def tracking_access(self, *, reference: str, second_factor: str) -> CaseAccess | None:
        """The public lookup: the access to the case with this tracking number and second
        factor, or None (an unknown number and a wrong pair look the same). The database
        answers unless a backend keeps its own public documents."""
        return case_access_get(reference=reference, second_factor=second_factor)


def case_id_batches(batch_size: int = REBUILD_BATCH):
    """Every case id, in ascending batches (keyset pagination: no growing OFFSET)."""
    last = 0
    while True:
        batch = list(
            Case.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not batch:
            return
        yield batch
        last = batch[-1]


def pages_for(total: int, page_size: int) -> int:
    return max(1, -(-total // page_size))
