"""Elasticsearch (8.x/9.x servers, 8.x client) through elasticsearch-dsl.

Documents are written by the outbox worker; the index name carries SEARCH_INDEX_PREFIX.
Per-language analysis, aliases with zero-downtime rebuilds and facets are built on this
in the search issue; the interface stays the same.
"""

import math

from django.conf import settings

from elasticsearch import Elasticsearch
from elasticsearch.dsl import Date, Document, Integer, Keyword, Search, Text
from elasticsearch.dsl import Q as EQ

from workflow.models import Case
from workflow.selectors import Visibility

from ..documents import case_text, compact_reference
from .base import SearchBackend, SearchResult


class CaseDocument(Document):
    reference = Keyword()
    reference_compact = Keyword()
    kind = Keyword()
    status = Keyword()
    channel = Keyword()
    language = Keyword()
    category_id = Integer()
    team_id = Integer()
    handler_id = Integer()
    escalation_level = Integer()
    received_at = Date()
    due_at = Date()
    closed_at = Date()
    text = Text(analyzer="standard")

    @classmethod
    def from_case(cls, case: Case) -> "CaseDocument":
        return cls(
            meta={"id": case.pk},
            reference=case.reference,
            reference_compact=compact_reference(case.reference),
            kind=case.kind,
            status=case.status,
            channel=case.channel,
            language=case.language,
            category_id=case.category_id,
            team_id=case.team_id,
            handler_id=case.handler_id,
            escalation_level=case.escalation_level,
            received_at=case.received_at,
            due_at=case.due_at,
            closed_at=case.closed_at,
            text=case_text(case),
        )


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


class ElasticsearchBackend(SearchBackend):
    def __init__(self, client: Elasticsearch | None = None):
        self.client = client or Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)
        self.index = f"{settings.SEARCH_INDEX_PREFIX}-cases"

    def ensure_index(self) -> None:
        if not self.client.indices.exists(index=self.index):
            CaseDocument.init(index=self.index, using=self.client)

    def index_case(self, case) -> None:
        self.ensure_index()
        CaseDocument.from_case(case).save(using=self.client, index=self.index, refresh=True)

    def remove_case(self, case_id: int) -> None:
        self.client.delete(index=self.index, id=case_id, ignore_status=404)

    def build_search(self, *, visibility: Visibility, query: str, page: int) -> Search:
        search = Search(using=self.client, index=self.index)
        rule = visibility_filter(visibility)
        if rule is not None:
            search = search.filter(rule)
        compact = compact_reference(query)
        if query.strip():
            should = [EQ("match", text={"query": query, "operator": "and", "fuzziness": "AUTO"})]
            if len(compact) >= 4:
                should.append(EQ("prefix", reference_compact=compact))
            search = search.query(EQ("bool", should=should, minimum_should_match=1))
        start = (max(page, 1) - 1) * self.page_size
        return search.sort("-received_at")[start : start + self.page_size]

    def search(self, *, visibility: Visibility, query: str, page: int = 1) -> SearchResult:
        self.ensure_index()
        response = self.build_search(visibility=visibility, query=query, page=page).execute()
        total = response.hits.total.value
        ids = [int(hit.meta.id) for hit in response]
        found = Case.objects.select_related("category", "team", "priority", "handler").in_bulk(ids)
        cases = [found[pk] for pk in ids if pk in found]
        pages = max(1, math.ceil(total / self.page_size))
        return SearchResult(cases=cases, total=total, page=min(max(page, 1), pages), pages=pages)
