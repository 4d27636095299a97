"""Elasticsearch (8.x/9.x servers, 8.x client) through elasticsearch-dsl.

Two indices, each behind an alias named with SEARCH_INDEX_PREFIX:

- `<prefix>-cases`, the staff document: facets as keywords and numbers, and the tokens of
  the application's analysis (`search.analysis`, the same as the database backend's) split
  on whitespace only: the case's words in `words`, their stems in `stems`, the complainant's
  name and email in `personal` (staff search only); the text as written in `body` (not
  indexed: highlights are cut from it by the application, as on the database backend).
- `<prefix>-tracking`, the public document: no personal data and no words at all, only what
  the public lookup needs (see `search/tracking.py`).

Writes go to the aliases; `rebuild()` fills new indices beside the live ones, swaps the
aliases in one request and deletes the old indices, so searches never see an empty index.
"""

import logging
import re
import threading
from dataclasses import replace
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

import urllib3
from elastic_transport import HttpHeaders, Urllib3HttpNode
from elastic_transport.client_utils import DEFAULT
from elasticsearch import (
    ApiError,
    ConnectionTimeout,
    Elasticsearch,
    NotFoundError,
    TransportError,
)
from elasticsearch.dsl import Date, Document, Integer, Keyword, Search, Text
from elasticsearch.dsl import Q as EQ
from elasticsearch.helpers import BulkIndexError, bulk, scan

from workflow.models import Case, OutboxMessage
from workflow.references import normalise_reference
from workflow.selectors import CaseAccess, Visibility

from .. import analysis
from .. import documents as docs
from ..documents import MARK_END, MARK_START
from ..tracking import second_factor_matches, tracking_fields
from .base import (
    FACET_FIELDS,
    FACETS,
    FINISHED_STATUSES,
    NO_VALUE,
    REBUILD_BATCH,
    CaseQuery,
    IndexHealth,
    RebuildReport,
    SearchBackend,
    SearchResult,
    SearchUnavailable,
    case_id_batches,
    condition_case_ids,
    facets_from_counts,
    max_page,
    paging,
)

logger = logging.getLogger(__name__)

NUMERIC_FACETS = {"category", "priority", "team", "escalation"}
FACET_SIZE = 500
# The optional facets (priority): cases without a value are counted under this number (no
# id is negative), reported as NO_VALUE.
MISSING = -1
OPTIONAL_FACETS = {"priority"}


# --- Analysis -------------------------------------------------------------------------
# The application analyses every text (`search.analysis`); the engine only splits the
# tokens it is given on whitespace, so it finds what the database backend finds.


def analysis_settings() -> dict:
    """The index's analysis settings: whitespace splitting of pre-analysed tokens."""
    return {
        "analysis": {
            "analyzer": {"case_tokens": {"type": "custom", "tokenizer": "whitespace"}},
            "normalizer": {"case_keyword": {"type": "custom", "filter": ["lowercase"]}},
        }
    }


# --- Documents ------------------------------------------------------------------------


class CaseDocument(Document):
    """The staff document (index named at run time: the alias or a rebuild's new index)."""

    case_id = Integer()
    reference = Keyword()
    reference_compact = Keyword()
    kind = Keyword()
    status = Keyword()
    channel = Keyword()
    language = Keyword()
    category_id = Integer()
    priority_id = Integer()
    team_id = Integer()
    handler_id = Integer()
    product_service = Keyword(normalizer="case_keyword")
    escalation_level = Integer()
    received_at = Date()
    due_at = Date()
    closed_at = Date()
    updated_at = Date()
    # The application's tokens (see `search.analysis`): words in order, stems, name and email.
    words = Text(analyzer="case_tokens")
    stems = Text(analyzer="case_tokens")
    personal = Text(analyzer="case_tokens")
    # The case's own words as written, for highlights (not indexed).
    body = Text(index=False)

    class Meta:
        dynamic = "strict"

    @classmethod
    def from_data(cls, data: docs.CaseDocumentData) -> "CaseDocument":
        case = data.case
        # The words are the database backend's, the tracking number among them.
        original = data.text.replace(MARK_START, "").replace(MARK_END, "")
        # The category's names in every language are searched, never shown.
        analysed = analysis.analyse(f"{original} {data.labels}", language=case.language)
        return cls(
            meta={"id": case.pk},
            case_id=case.pk,
            reference=case.reference,
            reference_compact=docs.compact_reference(case.reference),
            kind=case.kind,
            status=case.status,
            channel=case.channel,
            language=case.language,
            category_id=case.category_id,
            priority_id=case.priority_id,
            team_id=case.team_id,
            handler_id=case.handler_id,
            product_service=case.product_service,
            escalation_level=case.escalation_level,
            received_at=case.received_at,
            due_at=case.due_at,
            closed_at=case.closed_at,
            updated_at=case.updated_at,
            words=analysed.words_text(),
            stems=analysed.stems_text(),
            personal=" ".join(analysis.tokens(data.personal)),
            body=original,
        )


class TrackingDocument(Document):
    """The public document: see `search/tracking.py` (no personal data, no words)."""

    case_id = Integer()
    reference = Keyword()
    fingerprint = Keyword(index=False)
    email_verifier = Keyword(index=False)
    phone_verifier = Keyword(index=False)
    code_verifier = Keyword(index=False)
    updated_at = Date()

    class Meta:
        dynamic = "strict"


# --- Queries --------------------------------------------------------------------------


def visibility_filter(visibility: Visibility):
    """The permission rule as an Elasticsearch filter (None: no restriction)."""
    if visibility.everything:
        return None
    if visibility.nothing:
        return EQ("match_none")
    should = []
    if visibility.handler_id:
        should.append(EQ("term", handler_id=visibility.handler_id))
    if visibility.team_ids:
        should.append(EQ("terms", team_id=sorted(visibility.team_ids)))
    if visibility.statuses:
        should.append(EQ("terms", status=sorted(visibility.statuses)))
    return EQ("bool", should=should, minimum_should_match=1)


def overdue_filter(now: datetime):
    """Open and past its due date, at `now` (time passes without the document changing)."""
    return EQ(
        "bool",
        filter=[EQ("range", due_at={"lt": now.isoformat()})],
        must_not=[EQ("terms", status=list(FINISHED_STATUSES))],
    )


def facet_filter(name: str, values: tuple[str, ...], now: datetime):
    """The filter of one facet's chosen values (OR within the facet)."""
    if name == "overdue":
        clauses = []
        if "yes" in values:
            clauses.append(overdue_filter(now))
        if "no" in values:
            clauses.append(EQ("bool", must_not=[overdue_filter(now)]))
        return EQ("bool", should=clauses, minimum_should_match=1) if clauses else EQ("match_none")
    field = FACET_FIELDS[name]
    if name in NUMERIC_FACETS:
        numbers = sorted({int(value) for value in values if value.isdigit()})
        clauses = [EQ("terms", **{field: numbers})] if numbers else []
        if name in OPTIONAL_FACETS and NO_VALUE in values:
            clauses.append(EQ("bool", must_not=[EQ("exists", field=field)]))
        if not clauses:
            return EQ("match_none")
        return (
            clauses[0] if len(clauses) == 1 else EQ("bool", should=clauses, minimum_should_match=1)
        )
    return EQ("terms", **{field: sorted(values)})


def has_words(text: str) -> bool:
    return bool(analysis.parse(text))


# A complainant's name or email part equal to a query word, and a tracking number matched,
# come first: their boosts outweigh any score the words give.
NAME_BOOST = 1000
REFERENCE_BOOST = 2000
MAX_VARIANTS = 20


def _word_query(word: analysis.Word):
    should = [
        EQ("prefix", words={"value": word.surface}),
        EQ("prefix", personal={"value": word.surface}),
    ]
    if word.stems:
        should.append(EQ("terms", stems=sorted(word.stems)))
    if word.edits:
        should.append(
            EQ(
                "fuzzy",
                words={
                    "value": word.surface,
                    "fuzziness": word.edits,
                    "prefix_length": 1,
                    "transpositions": True,
                    "max_expansions": MAX_VARIANTS,
                },
            )
        )
    return EQ("bool", should=should, minimum_should_match=1)


def _reference_query(reference: analysis.Reference):
    if reference.exact:
        return EQ("term", reference={"value": reference.prefix})
    return EQ("prefix", reference={"value": reference.prefix})


def text_query(text: str):
    """Every word (the start of a word, a stem, or within its typing errors; see
    `search.analysis`), every phrase in quotes, every tracking number or its start; the
    complainant's whole name and the tracking number ranked first."""
    parsed = analysis.parse(text)
    if not parsed:
        return None  # no word, no number: the text does not filter (as in the database)
    must = [_word_query(word) for word in parsed.words]
    for phrase in parsed.phrases:
        joined = " ".join(phrase.words)
        must.append(
            EQ(
                "bool",
                should=[EQ("match_phrase", words=joined), EQ("match_phrase", personal=joined)],
                minimum_should_match=1,
            )
        )
    should = []
    for reference in parsed.references:
        rule = _reference_query(reference)
        should.append(EQ("constant_score", filter=rule, boost=REFERENCE_BOOST))
        if reference.words:
            words = [_word_query(analysis.word_clause(piece)) for piece in reference.words]
            rule = EQ("bool", should=[rule, EQ("bool", must=words)], minimum_should_match=1)
        must.append(rule)
    names = parsed.names()
    if names:
        should.append(
            EQ("constant_score", filter=EQ("terms", personal=sorted(set(names))), boost=NAME_BOOST)
        )
    return EQ("bool", must=must, should=should)


def received_range(query: CaseQuery):
    """Received dates as whole days in the current time zone, both ends included."""
    start, end = query.received_bounds()
    bounds = {}
    if start:
        bounds["gte"] = start.isoformat()
    if end:
        bounds["lt"] = end.isoformat()
    return EQ("range", received_at=bounds) if bounds else None


def sort_for(query: CaseQuery) -> list:
    newest = [{"received_at": {"order": "desc"}}, {"case_id": {"order": "desc"}}]
    if query.sort == "relevance":
        return ["_score", *newest] if has_words(query.text) else newest
    if query.sort == "oldest":
        return [{"received_at": {"order": "asc"}}, {"case_id": {"order": "asc"}}]
    if query.sort == "due":
        return [{"due_at": {"order": "asc", "missing": "_last"}}, *newest]
    if query.sort == "escalation":
        return [{"escalation_level": {"order": "desc"}}, *newest]
    return newest


def highlight_from(hit, wanted: list) -> str:
    """A fragment of the case's own words with the matches marked, cut by the application
    as on the database backend."""
    body = getattr(hit, "body", "") or ""
    return docs.highlight_fragment(body, wanted) if body else ""


# --- The client -----------------------------------------------------------------------


def engine_error(exc: Exception) -> str:
    """An engine failure in a few words, for one line of a command's output or a log:
    "connection refused", "no answer within 10 s", "[503] ...", not a nested repr."""
    if isinstance(exc, ConnectionTimeout):
        return f"no answer within {settings.ELASTICSEARCH_TIMEOUT:g} s"
    if isinstance(exc, ApiError):
        return f"[{exc.meta.status}] {str(exc.message)[:200]}"
    text = str(exc)
    found = re.search(r"\[Errno -?\d+\] ([^)\]]+)", text)
    if found:
        return found.group(1).strip().lower()
    for known in ("Name or service not known", "Connection refused", "timed out"):
        if known.lower() in text.lower():
            return known.lower()
    return text.split(" caused by:")[0][:200] or exc.__class__.__name__


_PLAIN_MEDIA_TYPES = {
    "application/vnd.elasticsearch+json; compatible-with=8": "application/json",
    "application/vnd.elasticsearch+x-ndjson; compatible-with=8": "application/x-ndjson",
}


class TimeoutNode(Urllib3HttpNode):
    """A node with a connect timeout of its own (ELASTICSEARCH_CONNECT_TIMEOUT) besides
    the request's read timeout (ELASTICSEARCH_TIMEOUT): a closed port or an unreachable
    host fails fast, a hung engine within the request timeout."""

    def perform_request(self, method, target, body=None, headers=None, request_timeout=DEFAULT):
        read = self.config.request_timeout if request_timeout is DEFAULT else request_timeout
        connect = getattr(settings, "ELASTICSEARCH_CONNECT_TIMEOUT", 2.0)
        timeout = urllib3.Timeout(connect=min(connect, read) if read else connect, read=read)
        return super().perform_request(
            method, target, body=body, headers=headers, request_timeout=timeout
        )


class OpenSearchNode(TimeoutNode):
    """OpenSearch 2 and 3 answer every request this backend makes, but in plain JSON and
    without Elastic's product header, which the 8.x client asks for and checks: this node
    (SEARCH_ENGINE=opensearch) sends plain media types and accepts the answer."""

    def perform_request(self, method, target, body=None, headers=None, request_timeout=DEFAULT):
        headers = HttpHeaders(headers or {})
        for name in ("accept", "content-type"):
            if name in headers:
                headers[name] = _PLAIN_MEDIA_TYPES.get(headers[name], headers[name])
        response = super().perform_request(
            method, target, body=body, headers=headers, request_timeout=request_timeout
        )
        response.meta.headers.setdefault("x-elastic-product", "Elasticsearch")
        return response


# One client per process (and per configuration: the tests change the settings): its
# connection pool is reused by every request instead of connecting anew each time.
_CLIENTS: dict[tuple, Elasticsearch] = {}
_CLIENTS_LOCK = threading.Lock()


def client_from_settings() -> Elasticsearch:
    engine = getattr(settings, "SEARCH_ENGINE", "elasticsearch")
    if engine not in ("elasticsearch", "opensearch"):
        raise ValueError(f"SEARCH_ENGINE must be 'elasticsearch' or 'opensearch', not {engine!r}")
    key = (
        settings.ELASTICSEARCH_URL,
        engine,
        settings.ELASTICSEARCH_CONNECT_TIMEOUT,
        settings.ELASTICSEARCH_TIMEOUT,
        settings.ELASTICSEARCH_MAX_RETRIES,
    )
    with _CLIENTS_LOCK:
        client = _CLIENTS.get(key)
        if client is None:
            client = Elasticsearch(
                settings.ELASTICSEARCH_URL,
                node_class=OpenSearchNode if engine == "opensearch" else TimeoutNode,
                request_timeout=settings.ELASTICSEARCH_TIMEOUT,
                max_retries=settings.ELASTICSEARCH_MAX_RETRIES,
                retry_on_timeout=False,
            )
            _CLIENTS[key] = client
    return client


# The aliases known to exist, per process: checked (and created) once, by the writer.
_READY: set[tuple] = set()


# --- The backend ----------------------------------------------------------------------


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"
    # Writes are visible to the next search (staff save, then search at once).
    refresh = "wait_for"

    def __init__(self, client: Elasticsearch | None = None, *, prefix: str | None = None):
        self.client = client or client_from_settings()
        prefix = settings.SEARCH_INDEX_PREFIX if prefix is None else prefix
        self.index = f"{prefix}-cases"
        self.tracking_index = f"{prefix}-tracking"

    @property
    def _ready_key(self) -> tuple:
        return (id(self.client), self.index, self.tracking_index)

    @property
    def _ready(self) -> bool:
        return self._ready_key in _READY

    @_ready.setter
    def _ready(self, value: bool) -> None:
        if value:
            _READY.add(self._ready_key)
        else:
            _READY.discard(self._ready_key)

    # Index management ------------------------------------------------------------------

    def index_body(self, document: type[Document]) -> dict:
        """Settings and mappings of a new index for `document`."""
        body = {"mappings": document._doc_type.mapping.to_dict()}
        if document is CaseDocument:
            body["settings"] = analysis_settings()
        return body

    def _new_index(self, alias: str, document: type[Document], *, live: bool) -> str:
        name = f"{alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        body = self.index_body(document)
        if live:
            body["aliases"] = {alias: {}}
        self.client.indices.create(index=name, **body)
        return name

    def ensure_index(self) -> None:
        """Create the live indices behind their aliases when there are none yet: once per
        process, by the writers (the outbox worker, maintenance), never on a request."""
        if self._ready:
            return
        indices = ((self.index, CaseDocument), (self.tracking_index, TrackingDocument))
        for alias, document in indices:
            if not self.client.indices.exists(index=alias):
                self._new_index(alias, document, live=True)
        self._ready = True

    def _aliased(self, alias: str) -> list[str]:
        """The concrete indices behind an alias (none when it is missing)."""
        if not self.client.indices.exists_alias(name=alias):
            return []
        return sorted(self.client.indices.get_alias(name=alias).body)

    # Writing ---------------------------------------------------------------------------

    def _actions(self, case_ids, *, cases_index: str, tracking_index: str):
        for data in docs.documents_for(case_ids):
            document = CaseDocument.from_data(data)
            yield {
                "_index": cases_index,
                "_id": data.case.pk,
                "_source": document.to_dict(skip_empty=False),
            }
            yield {
                "_index": tracking_index,
                "_id": data.case.pk,
                "_source": TrackingDocument(**tracking_fields(data.case)).to_dict(),
            }

    def _write(
        self, case_ids, *, cases_index: str, tracking_index: str, refresh, to_alias: bool = False
    ) -> int:
        """Bulk-write the documents. Writes to the aliases require them (`require_alias`):
        after an engine restart that lost its data, a write must not create a bare index
        with guessed mappings that then looks healthy."""
        actions = self._actions(case_ids, cases_index=cases_index, tracking_index=tracking_index)
        extra = {"require_alias": True} if to_alias else {}
        try:
            written, _errors = bulk(
                self.client, actions, refresh=refresh, chunk_size=REBUILD_BATCH, **extra
            )
        except BulkIndexError as exc:
            gone = [
                error
                for error in exc.errors
                if "index_not_found" in str(error.get("index", {}).get("error", ""))
            ]
            if gone:
                # The aliases are gone: the engine lost its data. The next attempt creates
                # them anew (empty); `search_health` reports the cases missing and
                # `search_rebuild` refills them (README, "Search index operations").
                self._ready = False
                logger.error(
                    "Search index %s is gone (the engine lost its data?): run search_rebuild",
                    self.index,
                )
                raise RuntimeError(
                    f"The search index {self.index} is gone (the engine lost its data?): "
                    "run search_rebuild"
                ) from exc
            # Raised for the outbox to retry; the first failure tells why.
            raise RuntimeError(f"{len(exc.errors)} documents not written: {exc.errors[0]}") from exc
        return written

    def index_cases(self, cases: list[Case]) -> None:
        if not cases:
            return
        self.ensure_index()
        self._write(
            [case.pk for case in cases],
            cases_index=self.index,
            tracking_index=self.tracking_index,
            refresh=self.refresh,
            to_alias=True,
        )

    def remove_cases(self, case_ids: list[int]) -> None:
        if not case_ids:
            return
        self.ensure_index()
        actions = [
            {"_op_type": "delete", "_index": index, "_id": case_id}
            for case_id in case_ids
            for index in (self.index, self.tracking_index)
        ]
        _written, errors = bulk(self.client, actions, refresh=self.refresh, raise_on_error=False)
        failed = [error for error in errors if error.get("delete", {}).get("status") != 404]
        if failed:
            raise RuntimeError(f"{len(failed)} documents not removed: {failed[0]}")

    # Searching -------------------------------------------------------------------------

    def build_search(
        self, *, visibility: Visibility, query: CaseQuery, now=None, case_ids=None
    ) -> Search:
        """The whole request: permission rule and words in the query (they apply to the
        facets too), each facet's choice in the post filter and in every other facet's
        aggregation (a facet's counts ignore its own choice), sort, page, highlights. The
        query's conditions (`search.conditions`) select by the ids of their cases
        (`case_ids`, read from the database when not given)."""
        now = now or timezone.now()
        search = Search(using=self.client, index=self.index).extra(track_total_hits=True)
        rule = visibility_filter(visibility)
        if rule is not None:
            search = search.filter(rule)
        if case_ids is None:
            case_ids = condition_case_ids(visibility, query, now)
        if case_ids is not None:
            search = search.filter(EQ("terms", case_id=case_ids))
        dates = received_range(query)
        if dates is not None:
            search = search.filter(dates)
        if has_words(query.text):
            search = search.query(text_query(query.text))
        chosen = {name: facet_filter(name, values, now) for name, values in query.filters}
        if chosen:
            search = search.post_filter(EQ("bool", filter=list(chosen.values())))
        for name in FACETS:
            others = [rule for facet, rule in chosen.items() if facet != name]
            scope = EQ("bool", filter=others) if others else EQ("match_all")
            bucket = search.aggs.bucket(f"facet_{name}", "filter", filter=scope)
            if name == "overdue":
                bucket.bucket(
                    "values",
                    "filters",
                    filters={
                        "yes": overdue_filter(now),
                        "no": EQ("bool", must_not=[overdue_filter(now)]),
                    },
                )
            elif name in OPTIONAL_FACETS:
                bucket.bucket(
                    "values", "terms", field=FACET_FIELDS[name], size=FACET_SIZE, missing=MISSING
                )
            else:
                bucket.bucket("values", "terms", field=FACET_FIELDS[name], size=FACET_SIZE)
        search = search.sort(*sort_for(query)).source(["body"])
        return search[query.start : query.start + query.page_size]

    def search(self, *, visibility: Visibility, query: CaseQuery) -> SearchResult:
        # No index-existence request on the request path: an index not created yet (no
        # case indexed so far) answers 404, which is an empty result. Never a page beyond
        # the engine's result window (it answers an error there).
        now = timezone.now()
        query = replace(query, page=min(query.page, max_page(query.page_size)))
        # Once for both requests below: the conditions' cases among those the person sees.
        case_ids = condition_case_ids(visibility, query, now)
        try:
            response = self._execute(visibility=visibility, query=query, now=now, case_ids=case_ids)
        except NotFoundError:
            return SearchResult(
                cases=[],
                total=0,
                page=1,
                pages=1,
                facets=facets_from_counts(query, {}),
                highlights={},
            )
        total = response.hits.total.value
        page, pages, capped = paging(total, query.page, query.page_size)
        if query.page != page:
            # Past the last page: show the last one.
            query = replace(query, page=page)
            response = self._execute(visibility=visibility, query=query, now=now, case_ids=case_ids)
        ids = [int(hit.meta.id) for hit in response]
        found = Case.objects.select_related("category", "team", "priority", "handler").in_bulk(ids)
        highlights = {}
        wanted = analysis.parse(query.text).highlight_words()
        if wanted:
            for hit in response:
                fragment = highlight_from(hit, wanted)
                if fragment and int(hit.meta.id) in found:
                    highlights[int(hit.meta.id)] = fragment
        return SearchResult(
            cases=[found[pk] for pk in ids if pk in found],
            total=total,
            page=query.page,
            pages=pages,
            facets=facets_from_counts(query, self._facet_counts(response)),
            highlights=highlights,
            capped=capped,
        )

    def _execute(self, *, visibility: Visibility, query: CaseQuery, now, case_ids=None):
        """The search request; an engine that cannot be reached or fails raises
        SearchUnavailable (a missing index, NotFoundError, is left to the caller)."""
        try:
            search = self.build_search(
                visibility=visibility, query=query, now=now, case_ids=case_ids
            )
            return search.execute()
        except NotFoundError:
            raise
        except (TransportError, ApiError) as exc:
            logger.warning("Staff search failed: search engine unavailable (%s)", exc)
            raise SearchUnavailable(str(exc)) from exc

    @staticmethod
    def _facet_counts(response) -> dict[str, dict[str, int]]:
        aggregations = response.aggregations.to_dict()
        counts = {}
        for name in FACETS:
            values = aggregations[f"facet_{name}"]["values"]["buckets"]
            if isinstance(values, dict):  # a filters aggregation: named buckets
                counts[name] = {key: bucket["doc_count"] for key, bucket in values.items()}
            else:
                counts[name] = {
                    (
                        NO_VALUE
                        if name in OPTIONAL_FACETS and bucket["key"] == MISSING
                        else str(bucket["key"])
                    ): bucket["doc_count"]
                    for bucket in values
                }
        return counts

    # The public lookup -----------------------------------------------------------------

    def tracking_access(self, *, reference: str, second_factor: str) -> CaseAccess | None:
        """Answered from the public index; from the database when the engine cannot be
        reached or has no document for the number yet (a case indexed a moment later)."""
        normalised = normalise_reference(reference)
        if normalised is None:
            return None
        try:
            response = self.client.search(
                index=self.tracking_index,
                query={"term": {"reference": normalised}},
                size=1,
            )
        except (TransportError, ApiError) as exc:
            logger.warning("Tracking lookup from the database: search engine unavailable (%s)", exc)
            return super().tracking_access(reference=reference, second_factor=second_factor)
        hits = response["hits"]["hits"]
        if not hits:
            return super().tracking_access(reference=reference, second_factor=second_factor)
        document = hits[0]["_source"]
        if not second_factor_matches(document, second_factor):
            return None
        return CaseAccess(
            case_id=document["case_id"],
            reference=document["reference"],
            fingerprint=document["fingerprint"],
        )

    # Maintenance -----------------------------------------------------------------------

    def rebuild(self, *, batch_size: int = REBUILD_BATCH, progress=None) -> RebuildReport:
        """New indices filled in batches beside the live ones, then one alias swap (searches
        never see a partial index), then the cases changed meanwhile written again, then
        the old indices deleted. An engine that cannot be reached raises SearchUnavailable
        (with the reason in a few words)."""
        try:
            return self._rebuild(batch_size=batch_size, progress=progress)
        except (TransportError, ApiError) as exc:
            raise SearchUnavailable(engine_error(exc)) from exc

    def _rebuild(self, *, batch_size: int, progress) -> RebuildReport:
        started = timezone.now()
        cases_index = self._new_index(self.index, CaseDocument, live=False)
        tracking_index = self._new_index(self.tracking_index, TrackingDocument, live=False)
        indexed = 0
        for batch in case_id_batches(batch_size):
            self._write(
                batch, cases_index=cases_index, tracking_index=tracking_index, refresh=False
            )
            indexed += len(batch)
            if progress:
                progress(indexed)
        self.client.indices.refresh(index=[cases_index, tracking_index])
        old = {alias: self._aliased(alias) for alias in (self.index, self.tracking_index)}
        actions = []
        for alias, new in ((self.index, cases_index), (self.tracking_index, tracking_index)):
            if not old[alias] and self.client.indices.exists(index=alias):
                # An index named like the alias (written before aliases were used).
                self.client.indices.delete(index=alias)
            actions += [{"remove": {"index": index, "alias": alias}} for index in old[alias]]
            actions.append({"add": {"index": new, "alias": alias}})
        self.client.indices.update_aliases(actions=actions)
        self._ready = True
        # Writes that went to the old indices during the build: cases saved since, and
        # cases whose update was queued since (a message added, contact details changed).
        queued = OutboxMessage.objects.filter(
            channel=OutboxMessage.Channel.SEARCH, created_at__gte=started
        ).values_list("case_id", flat=True)
        self.index_cases(list(Case.objects.filter(Q(updated_at__gte=started) | Q(pk__in=queued))))
        removed = 0
        for index in old[self.index] + old[self.tracking_index]:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        existing = set(Case.objects.values_list("pk", flat=True))
        orphans = sorted(set(self.indexed_versions()) - existing)
        if orphans:
            self.remove_cases(orphans)
            removed = len(orphans)
        return RebuildReport(indexed=indexed, removed=removed, index=cases_index)

    def indexed_versions(self) -> dict[int, datetime | None]:
        # Read only: no index is created here (health must see a lost index as lost).
        if not self.client.indices.exists(index=self.index):
            return {}
        versions = {}
        for hit in scan(
            self.client,
            index=self.index,
            query={"query": {"match_all": {}}, "_source": ["updated_at"]},
            size=1000,
        ):
            value = hit["_source"].get("updated_at")
            versions[int(hit["_id"])] = datetime.fromisoformat(value) if value else None
        return versions

    def health(self):
        """Reads only: an index lost with the engine's data is reported, never recreated
        here (the writers create it; `search_rebuild` refills it)."""
        try:
            info = self.client.info()
            indices = self._aliased(self.index)
            tracking_indices = self._aliased(self.tracking_index)
            documents = self.client.count(index=indices)["count"] if indices else 0
            tracking = self.client.count(index=tracking_indices)["count"] if tracking_indices else 0
            bare = [
                alias
                for alias, behind in (
                    (self.index, indices),
                    (self.tracking_index, tracking_indices),
                )
                if not behind and self.client.indices.exists(index=alias)
            ]
        except (TransportError, ApiError) as exc:
            return IndexHealth(backend=self.name, reachable=False, error=engine_error(exc))
        problem = ""
        if bare:
            problem = (
                f"{', '.join(bare)} is an index, not an alias (written before aliases were "
                "used, or recreated by a write after the engine lost its data): run "
                "search_rebuild"
            )
        elif not indices or not tracking_indices:
            problem = (
                "no live index: nothing was indexed yet, or the engine lost its data "
                "(restarted without its storage): run search_rebuild"
            )
        version = info.get("version", {})
        return IndexHealth(
            backend=self.name,
            reachable=True,
            problem=problem,
            documents=documents,
            details={
                "engine": f"{version.get('distribution', 'elasticsearch')} {version.get('number')}",
                "alias": self.index,
                "indices": indices,
                "tracking_documents": tracking,
                "analysis": "application",
            },
        )
