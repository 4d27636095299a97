"""The embedded default: the database's own full-text search over the application's tokens.

Every case is analysed by `search.analysis` (the same analysis as every backend) and its
tokens are indexed as they are: on SQLite an FTS5 table with three columns (words, stems,
personal), ranked by BM25; on PostgreSQL a tsvector built from the tokens themselves (no text
search configuration: words as they are, stems marked "~", the complainant's name and email
marked "@"), GIN-indexed. A query (`analysis.parse`) matches when every word matches as the
start of an indexed word, by one of its stems or within a few typing errors of an indexed
word (the `SearchWord` vocabulary, compared with rapidfuzz: one edit up to five letters, two
beyond, first letter as typed), and every phrase in quotes matches words in a row.

A search with words runs as one statement over the words' matches (`_word_pass`): the
matches are read from the text index once and the exact total, every facet's counts and
the page's cases in order all come from those rows. The search entries carry the case's
columns that the permission rule, filters and sorts read (kept equal to the case's by a
trigger, search.models), so on PostgreSQL the matching entries are filtered and counted
as the text index finds them; on SQLite, and when a drill-down condition needs more of the
case, each match is joined to its row by primary key. The work grows with the number of
matches, not of cases. These statements take the ORM's SQL of the permission rule and
filters (docs/speed.md); SPEED_SEARCH_STATEMENTS=off runs the ORM's own queries instead:
a count and one per facet, the words as a filter.

Without words, facets are counted by grouping: one query over the filtered cases counts
every value of every facet nobody chose a value of; a facet with chosen values gets its own
query without its own filter (see `SearchResult.facets`). Up to FACET_EXACT_LIMIT matching
cases the counts are exact; beyond, they are estimated from a deterministic sample of about
FACET_SAMPLE of the matching cases (chosen by a hash of the case id, spread evenly over
time) and the page marks them "about". The total and the cases listed are always exact, and
every count, exact or not, covers only the cases the person may see (the permission rule is
part of every query).
"""

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import NotSupportedError, connection, transaction
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models import Case as Choose
from django.db.models.expressions import RawSQL
from django.utils import timezone

from rapidfuzz.distance import OSA

from workflow.models import Case
from workflow.selectors import Visibility

from .. import analysis
from ..analysis import MAX_WORD, MIN_FUZZY
from ..conditions import conditions_q
from ..documents import documents_for, highlight_fragment
from ..models import CASE_COLUMNS, CaseSearchEntry, SearchWord
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
    max_page,
    paging,
)

# Facet counts: exact up to this many matching cases, estimated from a sample beyond.
FACET_EXACT_LIMIT = 5_000
FACET_SAMPLE = 2_000
# The sample: cases whose id, multiplied by a large odd constant, falls below a threshold
# modulo a prime (a Weyl sequence: evenly spread over the ids, so over time too).
_SAMPLE_MULTIPLIER = 2_654_435_761
_SAMPLE_MODULUS = 1_000_003

MAX_VARIANTS = 20  # near words per searched word
# PostgreSQL keeps positions up to 16383 and 256 positions per lexeme.
_MAX_POSITION = 16383
_MAX_POSITIONS = 256


def _reference_q(reference: analysis.Reference) -> Q:
    """Cases whose tracking number is or starts with the reference, using the unique index."""
    if reference.exact:
        return Q(reference=reference.prefix)
    if connection.vendor == "sqlite":
        # LIKE cannot use the index there; a range can ("~" sorts after A-Z, 2-9 and "-").
        return Q(reference__gte=reference.prefix, reference__lt=reference.prefix + "~")
    return Q(reference__startswith=reference.prefix)


# Indexing ------------------------------------------------------------------------------


def tsvector(words: list[str], stems: list[str], personal: list[str]) -> str:
    """A tsvector literal of the tokens: words at their positions, stems marked "~",
    the complainant's tokens marked "@" (each with positions of their own)."""
    positions: dict[str, list[int]] = defaultdict(list)
    for marker, tokens in (("", words), ("~", stems), ("@", personal)):
        for index, token in enumerate(tokens, 1):
            found = positions[marker + token]
            if len(found) < _MAX_POSITIONS:
                found.append(min(index, _MAX_POSITION))
    return " ".join(
        "'{}':{}".format(
            lexeme.replace("\\", "\\\\").replace("'", "''"),
            ",".join(str(p) for p in sorted(set(found))),
        )
        for lexeme, found in positions.items()
    )


def write_engine_rows(rows: list[tuple[int, str, str, str]]) -> None:
    """Write the engine's own index for (case id, text, personal, language) rows: FTS5 rows
    on SQLite, the tsvector on PostgreSQL. Used by the backend and by migrations."""
    if not rows:
        return
    analysed = []
    for pk, text, personal, language in rows:
        document = analysis.analyse(text, language=language)
        analysed.append((pk, document.words, document.stems, analysis.tokens(personal)))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            ids = [row[0] for row in rows]
            cursor.execute(
                f"DELETE FROM search_casefts WHERE rowid IN ({','.join('%s' for _ in ids)})",  # noqa: S608 - placeholders only
                ids,
            )
            cursor.executemany(
                "INSERT INTO search_casefts (rowid, words, stems, personal) "
                "VALUES (%s, %s, %s, %s)",
                [
                    (pk, " ".join(words), " ".join(stems), " ".join(personal))
                    for pk, words, stems, personal in analysed
                ],
            )
        elif connection.vendor == "postgresql":
            cursor.executemany(
                "UPDATE search_casesearchentry SET document = %s::tsvector WHERE case_id = %s",
                [(tsvector(words, stems, personal), pk) for pk, words, stems, personal in analysed],
            )


# The trigger copying a case's columns onto its search entry whenever they change.
CASE_COLUMNS_TRIGGER = "search_entry_case_columns"


def case_columns_trigger_statements(vendor: str, columns: Iterable[str]) -> list[str]:
    """The statements (re)creating the trigger on workflow_case that copies `columns` onto
    the case's search entry in the same transaction, on SQLite or PostgreSQL. Used by the
    migration that added the columns (with its own list) and by `search_rebuild`."""
    columns = list(columns)
    sets = ", ".join(f"{column} = NEW.{column}" for column in columns)
    name = CASE_COLUMNS_TRIGGER
    if vendor == "sqlite":
        changed = " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in columns)
        return [
            *case_columns_trigger_drop_statements(vendor)[:1],
            f"CREATE TRIGGER {name} AFTER UPDATE ON workflow_case FOR EACH ROW WHEN {changed} "  # noqa: S608 - column names are constants
            f"BEGIN UPDATE search_casesearchentry SET {sets} WHERE case_id = NEW.id; END",
        ]
    if vendor == "postgresql":
        old = ", ".join(f"OLD.{column}" for column in columns)
        new = ", ".join(f"NEW.{column}" for column in columns)
        return [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "  # noqa: S608 - column names are constants
            f"BEGIN UPDATE search_casesearchentry SET {sets} WHERE case_id = NEW.id; "
            "RETURN NULL; END $$",
            *case_columns_trigger_drop_statements(vendor)[:1],
            f"CREATE TRIGGER {name} AFTER UPDATE ON workflow_case FOR EACH ROW "
            f"WHEN (({old}) IS DISTINCT FROM ({new})) EXECUTE FUNCTION {name}()",
        ]
    return []  # other databases: the database backend refuses them


def case_columns_trigger_drop_statements(vendor: str) -> list[str]:
    """The statements dropping that trigger (first) and, on PostgreSQL, its function."""
    name = CASE_COLUMNS_TRIGGER
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}"]
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {name} ON workflow_case",
            f"DROP FUNCTION IF EXISTS {name}()",
        ]
    return []


def case_columns_trigger_exists() -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = %s "
                "AND tbl_name = 'workflow_case'",
                [CASE_COLUMNS_TRIGGER],
            )
        else:
            cursor.execute(
                "SELECT 1 FROM pg_trigger WHERE tgname = %s "
                "AND tgrelid = 'workflow_case'::regclass",
                [CASE_COLUMNS_TRIGGER],
            )
        return cursor.fetchone() is not None


def entries_copy_case_columns(case_ids: Iterable[int]) -> None:
    """Copy the cases' columns (CASE_COLUMNS) onto their entries, as the cases are now.
    Read in the statement that writes them: a case changed since its document was read is
    copied as changed (and later changes reach the entry through the trigger)."""
    case = Case.objects.filter(pk=OuterRef("case_id"))
    CaseSearchEntry.objects.filter(case_id__in=list(case_ids)).update(
        **{column: Subquery(case.values(column)[:1]) for column in CASE_COLUMNS}
    )


def vocabulary_add(texts: Iterable[str]) -> None:
    found = {
        word
        for text in texts
        for word in analysis.tokens(text)
        if MIN_FUZZY <= len(word) <= MAX_WORD and not any(char.isdigit() for char in word)
    }
    SearchWord.objects.bulk_create(
        [SearchWord(word=word, length=len(word)) for word in sorted(found)],
        ignore_conflicts=True,
        batch_size=500,
    )


# Querying ------------------------------------------------------------------------------


def near_words(term: str, edits: int) -> list[str]:
    """Indexed words within `edits` typing errors of `term` (not `term` itself nor the
    words it is a prefix of, which match anyway)."""
    if not edits or len(term) < MIN_FUZZY:
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


def _fts(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _ts(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


class _Terms:
    """The words and phrases of a query as each database's own query language."""

    def __init__(self, words: list[analysis.Word], phrases: list[analysis.Phrase]):
        self.words = [(word, near_words(word.surface, word.edits)) for word in words]
        self.phrases = phrases

    def __bool__(self):
        return bool(self.words or self.phrases)

    def fts5(self) -> str:
        """An FTS5 query: every word (as a prefix, a stem or a near word), every phrase."""
        groups = []
        for word, near in self.words:
            options = ["{words personal} : " + _fts(word.surface) + "*"]
            options += ["stems : " + _fts(stem) for stem in sorted(word.stems)]
            options += ["words : " + _fts(other) for other in near]
            groups.append("(" + " OR ".join(options) + ")")
        for phrase in self.phrases:
            groups.append("({words personal} : " + _fts(" ".join(phrase.words)) + ")")
        return " AND ".join(groups)

    def tsquery(self) -> str:
        """A tsquery literal: the same, with the markers of `tsvector`."""
        groups = []
        for word, near in self.words:
            options = [_ts(word.surface) + ":*", _ts("@" + word.surface) + ":*"]
            options += [_ts("~" + stem) for stem in sorted(word.stems)]
            options += [_ts(other) for other in near]
            groups.append("(" + " | ".join(options) + ")")
        for phrase in self.phrases:
            plain = " <-> ".join(_ts(token) for token in phrase.words)
            personal = " <-> ".join(_ts("@" + token) for token in phrase.words)
            groups.append(f"(({plain}) | ({personal}))")
        return " & ".join(groups)


def _engine_match(terms: _Terms) -> RawSQL:
    if connection.vendor == "sqlite":
        return RawSQL(  # constant SQL, the query is a parameter
            "SELECT rowid FROM search_casefts WHERE search_casefts MATCH %s", [terms.fts5()]
        )
    # OFFSET 0 keeps PostgreSQL from folding the match into the outer query: the matching
    # cases are found once through the GIN index, then filtered, counted and ranked.
    # Folded in, the planner walked every case in the order of the ranking and tested
    # each one's document (0.55 s for one word at 100,000 cases, 0.19 s fenced).
    return RawSQL(  # constant SQL, the query is a parameter
        "SELECT case_id FROM search_casesearchentry WHERE document @@ %s::tsquery OFFSET 0",
        [terms.tsquery()],
    )


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


def _sample_threshold(fraction: float) -> int:
    return max(1, int(fraction * _SAMPLE_MODULUS))


def _sampled(queryset: QuerySet, threshold: int) -> QuerySet:
    """The cases of `queryset` whose hash falls below `threshold` (a share of about
    threshold / _SAMPLE_MODULUS of them), always the same ones."""
    return queryset.extra(  # noqa: S610 - constant SQL, the threshold is a parameter
        where=[f'(("workflow_case"."id" * {_SAMPLE_MULTIPLIER}) %% {_SAMPLE_MODULUS}) < %s'],
        params=[threshold],
    )


def _facet_counts_bounded(
    queryset: QuerySet, names: list[str], now, matching: int, *, at_least: bool = False
) -> tuple[dict[str, dict[str, int]], bool]:
    """The facet counts of `queryset` (`matching` cases): exact up to FACET_EXACT_LIMIT,
    else estimated from a sample and scaled to `matching` (True says estimated). A value
    is only offered when a case of the sample has it, so it always finds cases.

    `at_least`: `queryset` holds more than FACET_EXACT_LIMIT cases, at least `matching`,
    not counted (a chosen facet's counts, which leave out its own choice, over the cases of
    the total and more): sampled at the total's rate, scaled by the sample's share."""
    if matching <= FACET_EXACT_LIMIT and not at_least:
        counts = _facet_counts(queryset, names, now)
        counts.pop("total", None)
        return counts, False
    threshold = _sample_threshold(FACET_SAMPLE / matching)
    counts = _facet_counts(_sampled(queryset, threshold), names, now)
    sample = counts.pop("total", {}).get("")
    if sample is None:  # one facet: its values partition the sample
        sample = sum(next(iter(counts.values()), {}).values())
    if not sample:
        return {}, True
    scale = _SAMPLE_MODULUS / threshold if at_least else matching / sample
    scaled = {
        name: {value: max(1, round(count * scale)) for value, count in values.items()}
        for name, values in counts.items()
    }
    return scaled, True


def _facet_counts(queryset: QuerySet, names: list[str], now) -> dict[str, dict[str, int]]:
    """Facet name → value → count over `queryset`, and "total", in one statement.

    The filtered cases are materialised once and grouped by each facet's column in turn:
    at 100,000 cases this is about twice as fast as conditional sums over every value,
    and the ORM would take longer to build those than the database to run them.
    SPEED_SEARCH_STATEMENTS=off counts through the ORM instead (docs/speed.md).
    """
    if not settings.SPEED_SEARCH_STATEMENTS:
        return _facet_counts_stock(queryset, names, now)
    try:
        inner, params = queryset.order_by().values(*_FACET_COLUMNS.values()).query.sql_with_params()
    except EmptyResultSet:  # nothing can match (e.g. a user who may see no case)
        return {}
    parts = ["SELECT 'total', '', COUNT(*) FROM facet_cases"]
    part_params: list = []
    for name in names:
        value, value_params = _facet_value_sql(name, now)
        part_params += value_params
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
    return _counts_of(sql, params_in_order)


def _facet_counts_stock(queryset: QuerySet, names: list[str], now) -> dict[str, dict[str, int]]:
    """`_facet_counts` as the ORM writes it: a count, then one grouping query per facet."""
    queryset = queryset.order_by()
    counts: dict[str, dict[str, int]] = {"total": {"": queryset.count()}}
    for name in names:
        if name == "overdue":
            value = Choose(
                When(_overdue(now), then=Value("yes")),
                default=Value("no"),
                output_field=CharField(),
            )
        else:
            value = F(_FACET_COLUMNS[name])
        grouped = queryset.values(facet_value=value).annotate(cases=Count("pk"))
        for row in grouped.values_list("facet_value", "cases"):
            counts.setdefault(name, {})[NO_VALUE if row[0] is None else str(row[0])] = row[1]
    return counts


def _counts_of(sql: str, params: list) -> dict[str, dict[str, int]]:
    """Run a statement of (facet name, value, count) rows: facet name → value → count."""
    counts: dict[str, dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for name, value, count in cursor.fetchall():
            # No value (an optional priority) is counted under NO_VALUE, which filters too.
            key = NO_VALUE if value is None else str(value)
            counts.setdefault(name, {})[key] = count
    return counts


def _facet_value_sql(name: str, now) -> tuple[str, list]:
    """The SQL naming a case's value of facet `name` in `facet_cases`, and its parameters."""
    if name == "overdue":
        finished = ", ".join("%s" for _ in FINISHED_STATUSES)
        value = f"CASE WHEN due_at < %s AND status NOT IN ({finished}) THEN 'yes' ELSE 'no' END"
        return value, [connection.ops.adapt_datetimefield_value(now), *FINISHED_STATUSES]
    return f"CAST({_FACET_COLUMNS[name]} AS VARCHAR(40))", []


# The page's order over the word pass's rows, per sort: `DatabaseBackend._ordered`'s
# orders in portable SQL (cases without a due date last on both databases); the behaviour
# tests compare a word search's pages with the same search's without words in each.
_PAGE_ORDER = {
    "relevance": "reference_hit DESC, name_hit DESC, score DESC, received_at DESC, id DESC",
    "newest": "received_at DESC, id DESC",
    "oldest": "received_at ASC, id ASC",
    "due": "due_at IS NULL, due_at ASC, received_at DESC, id DESC",
    "escalation": "escalation_level DESC, received_at DESC, id DESC",
}


def _names_query(names: list[str]) -> str:
    """The text index's query for a complainant with one of `names` as a whole name or
    email part (ranked first)."""
    if connection.vendor == "sqlite":
        return "personal : (" + " OR ".join(_fts(name) for name in names) + ")"
    return " | ".join(_ts("@" + name) for name in names)


# On PostgreSQL: an entry matches a tsquery; its score for one; 1 when it matches one.
_PG_MATCH = "document @@ %s::tsquery"
_PG_SCORE = "ts_rank(document, %s::tsquery)"
_PG_MATCH_FLAG = "CASE WHEN document @@ %s::tsquery THEN 1 ELSE 0 END"


def _word_matches(terms: _Terms, names: list[str], ranked: bool) -> tuple[str, list]:
    """SQL of the cases matching the words as (case_id, score, name_hit) rows, and its
    parameters, read from the text index once: when `ranked`, the score and whether the
    complainant has one of `names` as a whole name or email part, as each row is read
    (0 and 0 otherwise: only relevance orders by them)."""
    if connection.vendor == "sqlite":
        if not ranked:
            return (
                "SELECT rowid AS case_id, 0 AS score, 0 AS name_hit FROM search_casefts "
                "WHERE search_casefts MATCH %s",
                [terms.fts5()],
            )
        return (
            "SELECT rowid AS case_id, -bm25(search_casefts) AS score, CASE WHEN rowid IN ("
            "SELECT rowid FROM search_casefts WHERE search_casefts MATCH %s) THEN 1 ELSE 0 END "
            "AS name_hit FROM search_casefts WHERE search_casefts MATCH %s",
            [_names_query(names), terms.fts5()],
        )
    tsquery = terms.tsquery()
    if not ranked:
        return (
            f"SELECT case_id, 0 AS score, 0 AS name_hit FROM search_casesearchentry "  # noqa: S608 - constant SQL
            f"WHERE {_PG_MATCH}",
            [tsquery],
        )
    return (
        f"SELECT case_id, {_PG_SCORE} AS score, {_PG_MATCH_FLAG} AS name_hit "  # noqa: S608 - constant SQL
        f"FROM search_casesearchentry WHERE {_PG_MATCH}",
        [tsquery, _names_query(names), tsquery],
    )


def _ranked_page(cases: QuerySet, terms: _Terms, names: list[str], start: int, size: int):
    """The ids of a page of `cases` (annotated `reference_hit`, already filtered by the
    words) in relevance order, as SPEED_SEARCH_STATEMENTS=off ranks: the words' scores and
    name matches read from the text index in one query, the cases' keys in another, sorted
    here in the word pass's order. (Ranking in SQL by a subquery per case took PostgreSQL
    to a plan of 23 s at 100,000 cases, and SQLite's FTS5 to 11 s: it runs the whole text
    query again for each case.)"""
    sql, params = _word_matches(terms, names, ranked=True)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ranks = {case_id: (name_hit, score) for case_id, score, name_hit in cursor.fetchall()}
    rows = cases.order_by().values_list("pk", "reference_hit", "received_at")
    ordered = sorted(
        rows, key=lambda row: (row[1], *ranks.get(row[0], (0, 0.0)), row[2], row[0]), reverse=True
    )
    return [row[0] for row in ordered[start : start + size]]


def _flagged(queryset: QuerySet, chosen: dict[str, Q]) -> tuple[QuerySet, list[str]]:
    """`queryset` annotated with a flag per chosen facet (1 when the case passes it), and
    the flags' names, in the order of `chosen`."""
    flags = {f"passes_{index}": rule for index, rule in enumerate(chosen.values())}
    return queryset.annotate(
        **{
            flag: Choose(When(rule, then=Value(1)), default=Value(0), output_field=IntegerField())
            for flag, rule in flags.items()
        }
    ), list(flags)


def _passes(count: int, skip: int | None = None) -> str:
    """SQL: the row passes every one of `count` chosen facets' flags (but the `skip`th)."""
    return " AND ".join(f"passes_{i} = 1" for i in range(count) if i != skip) or "1 = 1"


def _fails_at_most_one(rules: list[Q]) -> Q:
    """The rows that fail at most one of `rules` (every row when there are fewer than two):
    for each rule, every other one passes. Written as a filter (not by counting the rows'
    flags), PostgreSQL can combine the rules' indexes with the text index's matches or the
    sample's index and read only the rows passing it. The word pass and the sampled counts
    both keep their rows with it."""
    if len(rules) < 2:
        return Q()
    either = Q(pk__in=[])
    for index in range(len(rules)):
        others = Q()
        for other, rule in enumerate(rules):
            if other != index:
                others &= rule
        either |= others
    return either


def _flagged_counts(source: str, chosen: list[str], now) -> tuple[list[str], list]:
    """(facet name, value, count) statements over the flagged rows of `source`, to join
    with UNION ALL, and their parameters: "total" and the facets nobody chose count the
    rows passing every chosen facet, each chosen facet those passing every other."""
    parts = [f"SELECT 'total', '', COUNT(*) FROM {source} WHERE {_passes(len(chosen))}"]  # noqa: S608 - constant SQL
    params: list = []
    for name in FACETS:
        value, value_params = _facet_value_sql(name, now)
        where = _passes(len(chosen), chosen.index(name) if name in chosen else None)
        parts.append(
            f"SELECT '{name}', {value}, COUNT(*) FROM {source} WHERE {where} GROUP BY 2"  # noqa: S608 - names, columns and flags are constants
        )
        params += value_params
    return parts, params


def _facet_counts_sampled(
    base: QuerySet, chosen: dict[str, Q], now, matching: int
) -> tuple[dict[str, dict[str, int]], bool]:
    """Every facet's counts for a search without words past FACET_EXACT_LIMIT (`matching`
    cases pass `base` and every chosen facet), estimated from one sample as
    `_facet_counts_bounded` estimates them, in one statement: the sample of `base` read
    once, flagged per chosen facet (instead of a statement for the facets nobody chose and
    one per chosen facet, each reading the cases again)."""
    threshold = _sample_threshold(FACET_SAMPLE / matching)
    sampled = _sampled(base, threshold).filter(_fails_at_most_one(list(chosen.values())))
    annotated, flags = _flagged(sampled, chosen)
    try:
        inner, params = (
            annotated.order_by().values(*_FACET_COLUMNS.values(), *flags).query.sql_with_params()
        )
    except EmptyResultSet:
        return {}, True
    parts, part_params = _flagged_counts("facet_cases", list(chosen), now)
    sql = f"WITH facet_cases AS MATERIALIZED ({inner}) " + " UNION ALL ".join(parts)
    counts = _counts_of(sql, [*params, *part_params])
    sample = counts.pop("total", {}).get("")
    scaled = {}
    for name, values in counts.items():
        if name in chosen:  # over the total's cases and more: by the sample's share
            scale = _SAMPLE_MODULUS / threshold
        elif sample:
            scale = matching / sample
        else:  # no case of the sample passes every chosen facet
            continue
        scaled[name] = {value: max(1, round(count * scale)) for value, count in values.items()}
    return scaled, True


def _word_pass(
    base: QuerySet,
    terms: _Terms,
    people: list[str],
    chosen: dict[str, Q],
    reference_rank,
    *,
    sort: str,
    start: int,
    size: int,
    now,
) -> tuple[dict[str, dict[str, int]], int, list[int]]:
    """A word search in one statement over the word's matches: facet counts, the exact
    total and the ids of the page's cases in order.

    `base` (the permission rule, dates, a tracking number) holds cases or, when no
    drill-down condition needs more of the case, their search entries, which carry the
    case's columns (search.models). The matches are read from the text index once, scored
    as they are read, and kept when they pass `base` and fail at most one chosen facet. On
    PostgreSQL over the entries, that is one scan of the entries the text index finds,
    nothing looked up; otherwise each match is joined to its case (or entry) by primary key
    (on PostgreSQL a LATERAL join: the planner's guess of how many cases a prefix matches
    is often several times too high, and it then scanned every case to hash-join them).
    The total and the facets nobody chose count the cases passing every chosen facet, each
    chosen facet those passing every other; the page is sorted from the same rows. At
    100,000 cases, for a word in 6 % of them, this took 38 ms where a count, the facets and
    the page each matching the word again took 91 ms; for a word in 10 % of them with two
    facets chosen, reading the entries' own columns instead of looking each case up took
    the statement from about 44 to 22 ms (docs/decisions.md, "The search entry carries
    the case's columns")."""
    annotated, flags = _flagged(base.filter(_fails_at_most_one(list(chosen.values()))), chosen)
    annotated = annotated.annotate(reference_hit=reference_rank)
    columns = ["id", "received_at", *_FACET_COLUMNS.values(), *flags, "reference_hit"]
    ranked = sort == "relevance"
    on_entries = annotated.model is CaseSearchEntry
    if on_entries:
        annotated = annotated.annotate(id=F("case_id"))
    if on_entries and connection.vendor == "postgresql":
        tsquery = terms.tsquery()
        annotated = annotated.filter(
            RawSQL(_PG_MATCH, [tsquery], output_field=BooleanField())  # noqa: S611 - constant SQL
        ).annotate(
            # Constant SQL, the queries are parameters.
            score=RawSQL(_PG_SCORE, [tsquery]) if ranked else Value(0),  # noqa: S611
            name_hit=RawSQL(_PG_MATCH_FLAG, [_names_query(people)]) if ranked else Value(0),  # noqa: S611
        )
        columns += ["score", "name_hit"]
        matches, match_params, join = "", [], None
    else:
        if connection.vendor == "postgresql":
            annotated = annotated.filter(pk=RawSQL('"word_matches"."case_id"', []))
            join = ("word_matches CROSS JOIN LATERAL (", " OFFSET 0) word_case")
        else:
            annotated = annotated.filter(pk__in=RawSQL("SELECT case_id FROM word_matches", []))
            join = ("word_matches JOIN (", ") word_case ON word_case.id = word_matches.case_id")
        sql, match_params = _word_matches(terms, people, ranked=ranked)
        matches = f"word_matches AS MATERIALIZED ({sql}), "
    try:
        inner, params = annotated.order_by().values(*columns).query.sql_with_params()
    except EmptyResultSet:  # nothing can match (e.g. a user who may see no case)
        return {}, 0, []
    if join is None:
        word_cases = f"SELECT * FROM ({inner}) word_case"  # noqa: S608 - the ORM's SQL
    else:
        word_cases = (
            "SELECT word_case.*, word_matches.score, word_matches.name_hit FROM "  # noqa: S608 - the ORM's SQL
            + inner.join(join)
        )
    parts, part_params = _flagged_counts("word_cases", list(chosen), now)
    every = _passes(len(chosen))
    order = _PAGE_ORDER.get(sort, _PAGE_ORDER["newest"])  # as `_ordered` does
    parts.append(
        "SELECT 'page', CAST(id AS VARCHAR(40)), position FROM ("  # noqa: S608 - constant SQL
        f"SELECT id, ROW_NUMBER() OVER (ORDER BY {order}) AS position FROM word_cases "
        f"WHERE {every} ORDER BY {order} LIMIT %s OFFSET %s) page_cases"
    )
    sql = f"WITH {matches}word_cases AS MATERIALIZED ({word_cases}) " + " UNION ALL ".join(parts)
    counts = _counts_of(sql, [*match_params, *params, *part_params, size, start])
    page = sorted(counts.pop("page", {}).items(), key=lambda item: item[1])
    return counts, counts.pop("total", {}).get("", 0), [int(pk) for pk, _position in page]


def _without(base: QuerySet, chosen: dict[str, Q], skip: str | None = None) -> QuerySet:
    """`base` filtered by every chosen facet's rule but `skip`'s."""
    for name, rule in chosen.items():
        if name != skip:
            base = base.filter(rule)
    return base


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
            entries_copy_case_columns(found)
            write_engine_rows(
                [
                    (doc.case.pk, doc.searchable, doc.personal, doc.case.language)
                    for doc in documents
                ]
            )
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
        problem = ""
        if not case_columns_trigger_exists():
            problem = (
                f"the trigger {CASE_COLUMNS_TRIGGER} is missing (on SQLite, a migration that "
                "rebuilds the case table drops it): the facet counts of word searches may be "
                "out of date; run search_rebuild"
            )
        return IndexHealth(backend=self.name, reachable=True, documents=documents, problem=problem)

    def rebuild(self, **options):
        """The trigger copying the cases' columns created again (if a migration rebuilding
        the case table dropped it), then every case indexed again, columns included."""
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in case_columns_trigger_statements(connection.vendor, CASE_COLUMNS):
                cursor.execute(statement)
        return super().rebuild(**options)

    def indexed_versions(self) -> dict:
        return dict(CaseSearchEntry.objects.values_list("case_id", "case_updated_at"))

    # Searching

    def search(self, *, visibility: Visibility, query: CaseQuery) -> SearchResult:
        now = timezone.now()
        # The conditions every case found meets, as the case's columns name them: the
        # entries carry those columns too (search.models), unless a drill-down's condition
        # asks for more of the case.
        rules = [visibility.q()]
        parsed = analysis.parse(query.text)
        terms = _Terms(parsed.words, parsed.phrases)
        reference_hit = Q(pk__in=[])
        for reference in parsed.references:
            rule = _reference_q(reference)
            reference_hit |= rule
            if reference.words:
                # Shaped like a tracking number's start and like a word: either.
                words = [analysis.word_clause(piece) for piece in reference.words]
                rule |= Q(pk__in=_engine_match(_Terms(words, [])))
            rules.append(rule)
        # Under "relevance" a tracking number matched comes first (then, with words, a
        # complainant whose name or email has one of them whole, then the score).
        reference_rank = Value(0)
        if parsed.references:
            reference_rank = Choose(
                When(reference_hit, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        start, end = query.received_bounds()
        if start:
            rules.append(Q(received_at__gte=start))
        if end:
            rules.append(Q(received_at__lt=end))
        condition = conditions_q(query.conditions, now)
        base = Case.objects.filter(*rules, *([condition] if condition is not None else []))
        entries = CaseSearchEntry.objects.filter(*rules) if condition is None else None
        chosen = {name: _selection_q(name, values, now) for name, values in query.filters}
        # Words in one statement over their matches (`_word_pass`), or, with
        # SPEED_SEARCH_STATEMENTS=off, as a filter of the ORM's queries (docs/speed.md).
        one_pass = bool(terms) and settings.SPEED_SEARCH_STATEMENTS
        if terms and not one_pass:
            base = base.filter(pk__in=_engine_match(terms))

        size = query.page_size
        if one_pass:
            # Counts, total and the page's ids from one pass over the words' matches.
            wanted = min(max(1, query.page), max_page(size))

            def word_pass(page: int):
                return _word_pass(
                    base if entries is None else entries,
                    terms,
                    parsed.names(),
                    chosen,
                    reference_rank,
                    sort=query.sort,
                    start=(page - 1) * size,
                    size=size,
                    now=now,
                )

            counts, total, page_ids = word_pass(wanted)
            page, pages, capped = paging(total, query.page, size)
            if page != wanted and total:  # past the last page: the last page
                page_ids = word_pass(page)[2]
            facets, approximate = facets_from_counts(query, counts), False
        else:
            facets, total, approximate = self._facets(base, chosen, query, now)
            filtered = _without(base, chosen)
            page, pages, capped = paging(total, query.page, size)
            annotated = filtered.annotate(reference_hit=reference_rank)
            if terms and query.sort == "relevance":  # SPEED_SEARCH_STATEMENTS=off
                page_ids = _ranked_page(annotated, terms, parsed.names(), (page - 1) * size, size)
            else:
                # The page's cases in two steps: their ids in order (sorted on narrow
                # rows), then the page's rows with what the list shows.
                ordered = self._ordered(annotated, query.sort)
                page_ids = list(ordered.values_list("pk", flat=True)[(page - 1) * size :][:size])
        rows = Case.objects.select_related("category", "team", "priority", "handler").in_bulk(
            page_ids
        )
        cases = [rows[pk] for pk in page_ids if pk in rows]
        highlights = {}
        if parsed:
            # The texts on their own: joined to the cases' rows, the entries' columns took
            # as long again to read and build as the cases' (3.6 ms for a page of 25).
            wanted = parsed.highlight_words()
            bodies = CaseSearchEntry.objects.filter(case_id__in=page_ids).values_list(
                "case_id", "body"
            )
            for pk, body in bodies:
                fragment = highlight_fragment(body, wanted)
                if fragment:
                    highlights[pk] = fragment
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
        """Cases without words (annotated `reference_hit`) in `sort` order."""
        newest = ("-received_at", "-pk")
        if sort == "relevance":
            return queryset.order_by("-reference_hit", *newest)
        if sort == "oldest":
            return queryset.order_by("received_at", "pk")
        if sort == "due":
            return queryset.order_by(F("due_at").asc(nulls_last=True), *newest)
        if sort == "escalation":
            return queryset.order_by("-escalation_level", *newest)
        return queryset.order_by(*newest)

    @staticmethod
    def _facets(base: QuerySet, chosen: dict[str, Q], query: CaseQuery, now):
        """Every facet's counts, the exact total and whether the counts are estimates:
        a count and a counting query for the filtered cases and for each facet with a
        choice (without its own; not counted first when the total is already past
        FACET_EXACT_LIMIT, as the others are then sampled anyway: with
        SPEED_SEARCH_STATEMENTS, all from one sample in one statement)."""
        filtered = _without(base, chosen)
        total = filtered.order_by().count()
        if total > FACET_EXACT_LIMIT and chosen and settings.SPEED_SEARCH_STATEMENTS:
            counts, approximate = _facet_counts_sampled(base, chosen, now, total)
            return facets_from_counts(query, counts), total, approximate
        names = [name for name in FACETS if name not in chosen]
        counts, approximate = _facet_counts_bounded(filtered, names, now, total)
        for name in chosen:
            others = _without(base, chosen, name)
            if total > FACET_EXACT_LIMIT:  # the others hold the total's cases and more
                own, estimated = _facet_counts_bounded(others, [name], now, total, at_least=True)
            else:
                matching = others.order_by().count()
                own, estimated = _facet_counts_bounded(others, [name], now, matching)
            counts.update(own)
            approximate = approximate or estimated
        return facets_from_counts(query, counts), total, approximate
