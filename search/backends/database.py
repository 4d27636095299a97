"""The embedded default: the database's own full-text search.

PostgreSQL: a tsvector per case over every language's configuration plus `simple`
(see search/language.py), GIN-indexed. SQLite: an FTS5 table of the folded words, ranked
by BM25. Both: every word must match, as a prefix of an indexed word, stemmed (PostgreSQL)
or within a few typing errors of an indexed word (the `SearchWord` vocabulary, compared
with rapidfuzz: one edit up to five letters, two beyond, first letter as typed).

Facets are counted by grouping: one query over the filtered cases counts every value of
every facet nobody chose a value of; a facet with chosen values gets its own query without
its own filter (see `SearchResult.facets`). Up to FACET_EXACT_LIMIT matching cases the
counts are exact; beyond, they are estimated from a deterministic sample of about
FACET_SAMPLE of the matching cases (chosen by a hash of the case id, spread evenly over
time) and the page marks them "about". The total and the cases listed are always exact,
and every count, exact or not, covers only the cases the person may see (the permission
rule is part of the sampled query).
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import EmptyResultSet
from django.db import NotSupportedError, connection, transaction
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from rapidfuzz.distance import OSA

from workflow.models import Case
from workflow.references import PREFIXES, normalise_reference
from workflow.selectors import Visibility

from .. import language
from ..documents import WORD, documents_for, fold, highlight_fragment, words
from ..models import CaseSearchEntry, SearchWord
from .base import (
    FACET_FIELDS,
    FACETS,
    FINISHED_STATUSES,
    NO_VALUE,
    CaseQuery,
    IndexHealth,
    SearchBackend,
    SearchResult,
    facets_from_counts,
    paging,
)

# Facet counts: exact up to this many matching cases, estimated from a sample beyond.
FACET_EXACT_LIMIT = 5_000
FACET_SAMPLE = 2_000
# The sample: cases whose id, multiplied by a large odd constant, falls below a threshold
# modulo a prime (a Weyl sequence: evenly spread over the ids, so over time too).
_SAMPLE_MULTIPLIER = 2_654_435_761
_SAMPLE_MODULUS = 1_000_003

MIN_FUZZY = 3  # words shorter than this are matched as typed
MAX_VARIANTS = 20  # near words per searched word
MAX_WORD = 64


def reference_prefix(text: str) -> str | None:
    """The start of a tracking number typed any way (`cmp7k3` → `CMP-7K3`), or None."""
    compact = "".join(char for char in text.upper() if char.isalnum())
    if len(compact) < 4 or compact[:3] not in PREFIXES.values() or len(compact) > 11:
        return None
    return "-".join(part for part in (compact[:3], compact[3:7], compact[7:]) if part)


def _reference_q(prefix: str) -> Q:
    """Cases whose tracking number is or starts with `prefix`, using the unique index."""
    if normalise_reference(prefix):
        return Q(reference=prefix)
    if connection.vendor == "sqlite":
        # LIKE cannot use the index there; a range can ("~" sorts after A-Z, 2-9 and "-").
        return Q(reference__gte=prefix, reference__lt=prefix + "~")
    return Q(reference__startswith=prefix)


# Indexing ------------------------------------------------------------------------------


def write_engine_rows(rows: list[tuple[int, str, str]]) -> None:
    """Write the engine's own index for (case id, text, personal) rows: FTS5 rows on
    SQLite, the tsvector on PostgreSQL. Used by the backend and by migrations."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            ids = [row[0] for row in rows]
            cursor.execute(
                f"DELETE FROM search_casefts WHERE rowid IN ({','.join('%s' for _ in ids)})",  # noqa: S608 - placeholders only
                ids,
            )
            cursor.executemany(
                "INSERT INTO search_casefts (rowid, text, personal) VALUES (%s, %s, %s)",
                [
                    (pk, " ".join(words(text)), " ".join(words(personal)))
                    for pk, text, personal in rows
                ],
            )
        elif connection.vendor == "postgresql":
            sql, _count = language.document_sql()
            cursor.executemany(
                f"UPDATE search_casesearchentry SET document = {sql} WHERE case_id = %s",  # noqa: S608 - SQL from constants
                [
                    [
                        *language.document_params(
                            text, folded=" ".join(words(f"{text} {personal}"))
                        ),
                        pk,
                    ]
                    for pk, text, personal in rows
                ],
            )


def vocabulary_add(texts: Iterable[str]) -> None:
    found = {
        word
        for text in texts
        for word in words(text)
        if MIN_FUZZY <= len(word) <= MAX_WORD and not any(char.isdigit() for char in word)
    }
    SearchWord.objects.bulk_create(
        [SearchWord(word=word, length=len(word)) for word in sorted(found)],
        ignore_conflicts=True,
        batch_size=500,
    )


# Querying ------------------------------------------------------------------------------


def near_words(term: str) -> list[str]:
    """Indexed words within the typing errors allowed for `term` (not `term` itself nor the
    words it is a prefix of, which match anyway)."""
    if len(term) < MIN_FUZZY:
        return []
    edits = 1 if len(term) <= 5 else 2
    if any(char.isdigit() for char in term):
        return []
    first = term[0]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM search_searchword WHERE length BETWEEN %s AND %s "
            "AND word >= %s AND word < %s",
            [max(MIN_FUZZY, len(term) - edits), len(term) + edits, first, chr(ord(first) + 1)],
        )
        candidates = [row[0] for row in cursor.fetchall()]
    scored = []
    for word in candidates:
        if word.startswith(term):
            continue
        distance = OSA.distance(term, word, score_cutoff=edits)
        if distance <= edits:
            scored.append((distance, word))
    return [word for _distance, word in sorted(scored)[:MAX_VARIANTS]]


class _Terms:
    """The searched words: each as typed (raw, for the stemmers), folded, and its near
    words."""

    def __init__(self, text: str):
        raw = [word for word in WORD.findall(text) if len(word) <= MAX_WORD][:12]
        self.items = [(word, fold(word), near_words(fold(word))) for word in raw]

    def __bool__(self):
        return bool(self.items)

    def highlight_terms(self) -> list[str]:
        return [term for _raw, folded, near in self.items for term in (folded, *near)]

    def fts5(self) -> str:
        """An FTS5 query: every word, as a prefix or one of its near words."""
        groups = []
        for _raw, folded, near in self.items:
            options = [f'"{folded}"*'] + [f'"{word}"' for word in near]
            groups.append("(" + " OR ".join(options) + ")")
        return " AND ".join(groups)

    def tsquery(self) -> tuple[str, list]:
        """A PostgreSQL tsquery: every word, as a prefix of a folded word, stemmed in any of
        the languages, or one of its near words."""
        groups, params = [], []
        for raw, folded, near in self.items:
            parts = ["to_tsquery('simple', %s)"]
            params.append(f"{folded}:*")
            for code, config in language.CONFIGS.items():
                parts.append(f"plainto_tsquery('{config}', %s)")
                params.append(language.arabic_light(raw) if code == "ar" else raw)
            for word in near:
                parts.append("to_tsquery('simple', %s)")
                params.append(word)
            groups.append("(" + " || ".join(parts) + ")")
        return "(" + " && ".join(groups) + ")", params


def _overdue(now) -> Q:
    return Q(due_at__lt=now) & ~Q(status__in=FINISHED_STATUSES)


def _int(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def facet_q(name: str, value: str, now) -> Q:
    """The condition for one value of a facet (an impossible one for a value it cannot take)."""
    nothing = Q(pk__in=[])
    if name in ("status", "kind", "channel", "language"):
        return Q(**{name: value})
    if name == "priority" and value == NO_VALUE:
        return Q(priority__isnull=True)
    if name in ("category", "priority", "team"):
        number = _int(value)
        return nothing if number is None else Q(**{f"{name}_id": number})
    if name == "overdue":
        return {"yes": _overdue(now), "no": ~_overdue(now)}.get(value, nothing)
    if name == "escalation":
        number = _int(value)
        return nothing if number is None else Q(escalation_level=number)
    return nothing


# The columns facets are counted on, as the filtered cases' subquery names them.
_FACET_COLUMNS = {**FACET_FIELDS, "due_at": "due_at"}


def _sampled(queryset: QuerySet, fraction: float) -> QuerySet:
    """About `fraction` of the cases of `queryset`, always the same ones."""
    threshold = max(1, int(fraction * _SAMPLE_MODULUS))
    return queryset.extra(  # noqa: S610 - constant SQL, the threshold is a parameter
        where=[f'(("workflow_case"."id" * {_SAMPLE_MULTIPLIER}) %% {_SAMPLE_MODULUS}) < %s'],
        params=[threshold],
    )


def _facet_counts_bounded(
    queryset: QuerySet, names: list[str], now, matching: int
) -> tuple[dict[str, dict[str, int]], bool]:
    """The facet counts of `queryset` (`matching` cases): exact up to FACET_EXACT_LIMIT,
    else estimated from a sample and scaled to `matching` (True says estimated). A value
    is only offered when a case of the sample has it, so it always finds cases."""
    if matching <= FACET_EXACT_LIMIT:
        counts = _facet_counts(queryset, names, now)
        counts.pop("total", None)
        return counts, False
    counts = _facet_counts(_sampled(queryset, FACET_SAMPLE / matching), names, now)
    sample = counts.pop("total", {}).get("")
    if sample is None:  # one facet: its values partition the sample
        sample = sum(next(iter(counts.values()), {}).values())
    if not sample:
        return {}, True
    scaled = {
        name: {value: max(1, round(count * matching / sample)) for value, count in values.items()}
        for name, values in counts.items()
    }
    return scaled, True


def _facet_counts(queryset: QuerySet, names: list[str], now) -> dict[str, dict[str, int]]:
    """Facet name → value → count over `queryset`, and "total", in one statement.

    The filtered cases are materialised once and grouped by each facet's column in turn:
    at 100,000 cases this is about twice as fast as conditional sums over every value,
    and the ORM would take longer to build those than the database to run them.
    """
    try:
        inner, params = queryset.order_by().values(*_FACET_COLUMNS.values()).query.sql_with_params()
    except EmptyResultSet:  # nothing can match (e.g. a user who may see no case)
        return {}
    parts = ["SELECT 'total', '', COUNT(*) FROM facet_cases"]
    part_params: list = []
    for name in names:
        if name == "overdue":
            finished = ", ".join("%s" for _ in FINISHED_STATUSES)
            value = f"CASE WHEN due_at < %s AND status NOT IN ({finished}) THEN 'yes' ELSE 'no' END"
            part_params += [connection.ops.adapt_datetimefield_value(now), *FINISHED_STATUSES]
        else:
            value = f"CAST({_FACET_COLUMNS[name]} AS VARCHAR(40))"
        parts.append(f"SELECT '{name}', {value}, COUNT(*) FROM facet_cases GROUP BY 2")  # noqa: S608 - names and columns are constants
    if len(names) == 1:
        # One facet (one with a chosen value): grouped straight from the subquery, which
        # is cheaper than materialising every case first.
        sql = parts[1].replace("FROM facet_cases", f"FROM ({inner}) facet_cases")
        params_in_order = [*part_params, *params]
    else:
        # Constant SQL, values are parameters.
        sql = f"WITH facet_cases AS MATERIALIZED ({inner}) " + " UNION ALL ".join(parts)
        params_in_order = [*params, *part_params]
    counts: dict[str, dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params_in_order)
        for name, value, count in cursor.fetchall():
            # No value (an optional priority) is counted under NO_VALUE, which filters too.
            key = NO_VALUE if value is None else str(value)
            counts.setdefault(name, {})[key] = count
    return counts


def _selection_q(name: str, values: tuple[str, ...], now) -> Q:
    rule = Q(pk__in=[])
    for value in values:
        rule |= facet_q(name, value, now)
    return rule


class DatabaseBackend(SearchBackend):
    name = "database"

    def __init__(self):
        if connection.vendor not in ("sqlite", "postgresql"):
            raise NotSupportedError(
                f"The database search backend needs SQLite or PostgreSQL, not {connection.vendor}."
            )

    # Indexing

    def index_cases(self, cases: list[Case]) -> None:
        ids = [case.pk for case in cases]
        documents = documents_for(ids)
        found = {document.case.pk for document in documents}
        gone = [pk for pk in ids if pk not in found]
        with transaction.atomic():
            if gone:
                self.remove_cases(gone)
            CaseSearchEntry.objects.bulk_create(
                [
                    CaseSearchEntry(
                        case_id=document.case.pk,
                        body=document.text,
                        personal=document.personal,
                        case_updated_at=document.updated_at,
                        indexed_at=timezone.now(),
                    )
                    for document in documents
                ],
                update_conflicts=True,
                unique_fields=["case"],
                update_fields=["body", "personal", "case_updated_at", "indexed_at"],
            )
            write_engine_rows([(doc.case.pk, doc.searchable, doc.personal) for doc in documents])
            vocabulary_add(document.searchable for document in documents)

    def remove_cases(self, case_ids: list[int]) -> None:
        ids = list(case_ids)
        if not ids:
            return
        CaseSearchEntry.objects.filter(case_id__in=ids).delete()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM search_casefts WHERE rowid IN ({','.join('%s' for _ in ids)})",  # noqa: S608 - placeholders only
                    ids,
                )

    def health(self) -> IndexHealth:
        documents = CaseSearchEntry.objects.count()
        return IndexHealth(backend=self.name, reachable=True, documents=documents)

    def indexed_versions(self) -> dict:
        return dict(CaseSearchEntry.objects.values_list("case_id", "case_updated_at"))

    # Searching

    def _text_q(self, terms: _Terms) -> tuple[Q, Callable[[QuerySet], QuerySet]]:
        """The condition for the words, and how to rank a queryset by them (best first)."""
        if connection.vendor == "sqlite":
            expression = terms.fts5()
            matching = RawSQL(  # constant SQL, the query is a parameter
                "SELECT rowid FROM search_casefts WHERE search_casefts MATCH %s", [expression]
            )

            def ranked(queryset: QuerySet) -> QuerySet:
                # Joined, so FTS5 computes BM25 (lower is better) once per matching row.
                return queryset.extra(  # constant SQL, the query is a parameter
                    select={"score": "bm25(search_casefts)"},
                    tables=["search_casefts"],
                    where=["search_casefts.rowid = workflow_case.id", "search_casefts MATCH %s"],
                    params=[expression],
                ).order_by("score", "-received_at", "-pk")

        else:
            tsquery, params = terms.tsquery()
            matching = RawSQL(  # noqa: S611 - SQL from constants, the words are parameters
                f"SELECT case_id FROM search_casesearchentry WHERE document @@ {tsquery}",  # noqa: S608
                params,
            )

            def ranked(queryset: QuerySet) -> QuerySet:
                # The entry is joined (select_related reuses the join) and ranked in place.
                score = RawSQL(  # noqa: S611
                    f'ts_rank("search_casesearchentry"."document", {tsquery})', params
                )
                return (
                    queryset.filter(search_entry__isnull=False)
                    .annotate(score=score)
                    .order_by("-score", "-received_at", "-pk")
                )

        return Q(pk__in=matching), ranked

    def search(self, *, visibility: Visibility, query: CaseQuery) -> SearchResult:
        now = timezone.now()
        base = Case.objects.filter(visibility.q())
        prefix = reference_prefix(query.text)
        # A query that looks like a tracking number (or its start) searches tracking numbers.
        terms = _Terms("" if prefix else query.text)
        ranked = None
        if prefix:
            base = base.filter(_reference_q(prefix))
        elif terms:
            rule, ranked = self._text_q(terms)
            base = base.filter(rule)
        start, end = query.received_bounds()
        if start:
            base = base.filter(received_at__gte=start)
        if end:
            base = base.filter(received_at__lt=end)
        chosen = {name: _selection_q(name, values, now) for name, values in query.filters}

        def without(skip: str | None) -> QuerySet:
            queryset = base
            for name, rule in chosen.items():
                if name != skip:
                    queryset = queryset.filter(rule)
            return queryset

        filtered = without(None)
        facets, total, approximate = self._facets(filtered, without, query, now)
        page, pages, capped = paging(total, query.page, query.page_size)
        start = (page - 1) * query.page_size
        if ranked is not None and query.sort == "relevance":
            ordered = ranked(filtered)
        else:
            ordered = self._ordered(filtered, query.sort)
        cases = list(
            ordered.select_related("category", "team", "priority", "handler", "search_entry")[
                start : start + query.page_size
            ]
        )
        highlights = {}
        if terms:
            wanted = terms.highlight_terms()
            for case in cases:
                entry = getattr(case, "search_entry", None)
                fragment = highlight_fragment(entry.body, wanted) if entry else ""
                if fragment:
                    highlights[case.pk] = fragment
        return SearchResult(
            cases=cases,
            total=total,
            page=page,
            pages=pages,
            facets=facets,
            highlights=highlights,
            capped=capped,
            approximate=approximate,
        )

    @staticmethod
    def _ordered(queryset: QuerySet, sort: str) -> QuerySet:
        newest = ("-received_at", "-pk")
        if sort == "oldest":
            return queryset.order_by("received_at", "pk")
        if sort == "due":
            return queryset.order_by(F("due_at").asc(nulls_last=True), *newest)
        if sort == "escalation":
            return queryset.order_by("-escalation_level", *newest)
        return queryset.order_by(*newest)

    @staticmethod
    def _facets(filtered: QuerySet, without, query: CaseQuery, now):
        """Every facet's counts, the exact total and whether the counts are estimates:
        a count and a counting query for the filtered cases and for each facet with a
        choice (without its own)."""
        chosen = dict(query.filters)
        total = filtered.order_by().count()
        names = [name for name in FACETS if name not in chosen]
        counts, approximate = _facet_counts_bounded(filtered, names, now, total)
        for name in chosen:
            others = without(name)
            own, estimated = _facet_counts_bounded(others, [name], now, others.order_by().count())
            counts.update(own)
            approximate = approximate or estimated
        return facets_from_counts(query, counts), total, approximate
