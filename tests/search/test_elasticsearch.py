"""The Elasticsearch backend: what needs no server (mappings, analysis, queries) and what
the behaviour suite does not cover (the public tracking index, outages, rebuilds, health)."""

from datetime import timedelta

from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from search import analysis
from search.backends import elasticsearch as es
from search.backends.base import CaseQuery
from search.backends.elasticsearch import (
    CaseDocument,
    ElasticsearchBackend,
    TrackingDocument,
    analysis_settings,
    visibility_filter,
)
from search.documents import documents_for
from search.selectors import case_access_lookup
from search.tracking import tracking_fields
from workflow import selectors as workflow_selectors
from workflow.models import Case, OutboxMessage
from workflow.references import access_code_for
from workflow.selectors import Visibility, case_access_of
from workflow.tasks import sweep_task

from ..conftest import make_case
from .conftest import osmem_client

# --- Without a server -----------------------------------------------------------------


@pytest.mark.iso("4.10")
def test_permission_filter_is_part_of_the_query():
    assert visibility_filter(Visibility(everything=True)) is None
    assert visibility_filter(Visibility()).to_dict() == {"match_none": {}}
    rule = visibility_filter(
        Visibility(handler_id=7, team_ids=frozenset({3, 1}), statuses=frozenset({"received"}))
    ).to_dict()
    assert rule == {
        "bool": {
            "should": [
                {"term": {"handler_id": 7}},
                {"terms": {"team_id": [1, 3]}},
                {"terms": {"status": ["received"]}},
            ],
            "minimum_should_match": 1,
        }
    }


def test_index_names_carry_the_prefix(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    settings.SEARCH_INDEX_PREFIX = "staging"
    backend = ElasticsearchBackend()
    assert (backend.index, backend.tracking_index) == ("staging-cases", "staging-tracking")


def test_the_request_filters_inside_the_query_and_counts_facets_disjunctively(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    query = CaseQuery.build(
        text="cmp7k3q",
        filters={"channel": ["web", "phone"], "category": ["4", "x"]},
        page=3,
        sort="due",
    )
    body = (
        ElasticsearchBackend()
        .build_search(visibility=Visibility(team_ids=frozenset({2})), query=query)
        .to_dict()
    )
    assert body["from"] == 50 and body["size"] == 25
    assert body["sort"][0] == {"due_at": {"order": "asc", "missing": "_last"}}
    main = body["query"]["bool"]
    assert main["filter"] == [
        {"bool": {"should": [{"terms": {"team_id": [2]}}], "minimum_should_match": 1}}
    ]
    # A tracking number's start: matched by its start, ranked first.
    starts = {"prefix": {"reference": {"value": "CMP-7K3Q"}}}
    assert main["must"] == [starts]
    assert main["should"] == [{"constant_score": {"filter": starts, "boost": es.REFERENCE_BOOST}}]
    channel = {"terms": {"channel": ["phone", "web"]}}
    category = {"terms": {"category_id": [4]}}  # a value that cannot be an id is dropped
    assert body["post_filter"] == {"bool": {"filter": [category, channel]}}
    aggs = body["aggs"]
    # Each facet's counts apply the other facets' choices, not its own.
    assert aggs["facet_channel"]["filter"] == {"bool": {"filter": [category]}}
    assert aggs["facet_category"]["filter"] == {"bool": {"filter": [channel]}}
    assert aggs["facet_status"]["filter"] == {"bool": {"filter": [category, channel]}}
    assert set(aggs["facet_overdue"]["aggs"]["values"]["filters"]["filters"]) == {"yes", "no"}
    # Highlights are cut by the application from the text as written.
    assert "highlight" not in body and body["_source"] == ["body"]


def test_the_engine_indexes_the_applications_tokens_as_they_are():
    """No language analysis in the engine: the tokens of `search.analysis`, split on
    whitespace (the same in production and on osmem in CI)."""
    settings_ = analysis_settings()["analysis"]
    assert settings_["analyzer"]["case_tokens"] == {"type": "custom", "tokenizer": "whitespace"}
    mapping = CaseDocument._doc_type.mapping.to_dict()["properties"]
    for name in ("words", "stems", "personal"):
        assert mapping[name] == {"type": "text", "analyzer": "case_tokens"}
    assert mapping["body"] == {"type": "text", "index": False}
    assert not [name for name in mapping if name.startswith("text")]


@pytest.mark.django_db
@pytest.mark.iso("4.10")
def test_the_public_document_holds_no_personal_data_and_no_words(category, priority):
    case = make_case(
        category,
        description="Late delivery of the parcel",
        language="tr",
        email="secret@example.org",
        phone="+90 555 000 1122",
        name="Ayşe Yılmaz",
    )
    (data,) = documents_for([case.pk])
    public = TrackingDocument(**tracking_fields(data.case)).to_dict()
    flat = repr(public).lower()
    for private in ("secret", "example.org", "ayşe", "yılmaz", "1122", "parcel", "delivery"):
        assert private not in flat, private
    assert access_code_for(reference=case.reference, salt=case.access_salt) not in repr(public)
    assert case.access_salt not in flat
    assert set(public) == {
        "case_id",
        "reference",
        "fingerprint",
        "updated_at",
        "email_verifier",
        "phone_verifier",
        "code_verifier",
    }
    # The staff document has the application's tokens of the words and of the person.
    staff = CaseDocument.from_data(data).to_dict()
    assert "parcel" in staff["words"].split() and "deliveri" in staff["stems"].split()
    assert staff["personal"] == "ayse yilmaz secret example org"
    assert "Late delivery" in staff["body"]
    assert staff["reference_compact"] == case.reference.replace("-", "")


# --- With the osmem server ------------------------------------------------------------


def test_the_engine_keeps_the_tokens_it_is_given(osmem):
    client = osmem_client(osmem.url)
    text = analysis.analyse("Ένα ΠΑΡΆΠΟΝΟ والشَّكْوَى dell'ordine KIRIK", language="tr")
    analyzer = analysis_settings()["analysis"]["analyzer"]["case_tokens"]
    for tokens in (text.words, text.stems):
        response = client.indices.analyze(tokenizer=analyzer["tokenizer"], text=" ".join(tokens))
        assert [token["token"] for token in response["tokens"]] == tokens
    assert text.words == ["ενα", "παραπονο", "شكوي", "ordine", "kirik"]


@pytest.fixture
def engine_down(monkeypatch):
    """Every Elasticsearch backend made from now on talks to a port nobody listens on."""
    client = osmem_client("http://127.0.0.1:1")
    init = ElasticsearchBackend.__init__

    def __init__(self, client_=None, **kwargs):
        init(self, client, **kwargs)

    monkeypatch.setattr(ElasticsearchBackend, "__init__", __init__)


@pytest.fixture
def submit(category, priority, django_capture_on_commit_callbacks):
    """Submit a case as the portal does, its outbox delivered after the commit."""

    def submit(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_case(category, **fields)

    return submit


def _search(text: str) -> list[str]:
    from search.backends import get_backend

    result = get_backend().search(visibility=Visibility(everything=True), query=CaseQuery(text))
    return [case.reference for case in result.cases]


@pytest.mark.django_db
@pytest.mark.iso("7.3")
def test_the_public_lookup_is_answered_from_the_index(
    elasticsearch_backend, category, priority, django_assert_num_queries
):
    case = make_case(category, email="Giulia@Example.it", phone="+39 333 123 4567")
    elasticsearch_backend.index_cases([case])
    code = access_code_for(reference=case.reference, salt=case.access_salt)
    compact = case.reference.replace("-", "").lower()
    for reference, factor in [
        (case.reference, "GIULIA@example.it "),
        (compact, "0039 333 1234567"),
        (case.reference, code.lower()),
    ]:
        with django_assert_num_queries(0):  # the database is not asked
            found = case_access_lookup(reference=reference, second_factor=factor)
        assert found == case_access_of(case), factor
    for factor in ("", "4567", "x@example.it", "giulia@example", "ABCD-EFGH"):
        with django_assert_num_queries(0):
            assert case_access_lookup(reference=case.reference, second_factor=factor) is None
    assert case_access_lookup(reference="nonsense", second_factor="giulia@example.it") is None
    # The database path accepts and refuses the same answers.
    assert workflow_selectors.case_access_get(reference=compact, second_factor="0039 333 1234567")
    assert (
        workflow_selectors.case_access_get(reference=case.reference, second_factor="4567") is None
    )


@pytest.mark.django_db
@pytest.mark.iso("4.10")
def test_a_new_access_code_revokes_the_old_one_in_the_index(
    elasticsearch_backend, category, priority, django_capture_on_commit_callbacks
):
    from workflow import services

    case = make_case(category)
    old = access_code_for(reference=case.reference, salt=case.access_salt)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_access_reset(case=case)
    case.refresh_from_db()
    new = access_code_for(reference=case.reference, salt=case.access_salt)
    assert case_access_lookup(reference=case.reference, second_factor=old) is None
    found = case_access_lookup(reference=case.reference, second_factor=new)
    assert found == case_access_of(case)


@pytest.mark.django_db
def test_the_public_lookup_falls_back_to_the_database(
    elasticsearch_backend, category, priority, engine_down, client
):
    case = make_case(category, email="giulia@example.it")
    found = case_access_lookup(reference=case.reference, second_factor="giulia@example.it")
    assert found == case_access_of(case)
    assert case_access_lookup(reference=case.reference, second_factor="x@example.it") is None
    # The tracking page works the same, its rate limit too.
    response = client.post(
        reverse("tracking"),
        {"reference": case.reference, "second_factor": "giulia@example.it"},
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_case_not_indexed_yet_is_found_in_the_database(elasticsearch_backend, category, priority):
    other = make_case(category)
    elasticsearch_backend.index_cases([other])  # the index exists, without this case
    case = Case.objects.get(pk=make_case(category, email="a@example.org").pk)
    elasticsearch_backend.remove_cases([case.pk])
    found = case_access_lookup(reference=case.reference, second_factor="a@example.org")
    assert found == case_access_of(case)


@pytest.mark.django_db
def test_the_tracking_page_opens_the_case_found_in_the_index(elasticsearch_backend, submit, client):
    case = submit(email="giulia@example.it")
    public = elasticsearch_backend.tracking_index
    assert elasticsearch_backend.client.exists(index=public, id=case.pk)
    response = client.post(
        reverse("tracking"),
        {"reference": case.reference, "second_factor": "giulia@example.it"},
    )
    assert response.status_code == 302
    assert case.reference in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
@pytest.mark.iso("8.1")
def test_an_outage_delays_indexing_and_loses_nothing(
    elasticsearch_backend, submit, engine_down, monkeypatch
):
    # The engine is down while two cases are submitted: their updates wait, failed.
    first = submit(description="The refund never came")
    second = submit(description="The refund came twice")
    waiting = OutboxMessage.objects.filter(channel=OutboxMessage.Channel.SEARCH)
    assert waiting.count() == 2
    assert set(waiting.values_list("state", "attempts")) == {(OutboxMessage.State.FAILED, 1)}
    assert all(message.next_attempt_at > timezone.now() for message in waiting)

    # It is back: the next sweep past the backoff indexes both in one bulk request.
    monkeypatch.undo()
    _reconnect(monkeypatch, elasticsearch_backend)
    calls = []
    index_cases = ElasticsearchBackend.index_cases
    monkeypatch.setattr(
        ElasticsearchBackend,
        "index_cases",
        lambda self, cases: calls.append(len(cases)) or index_cases(self, cases),
    )
    later = max(waiting.values_list("next_attempt_at", flat=True)) + timedelta(seconds=1)
    with time_machine.travel(later):
        assert sweep_task.call()["delivered"] == 2
    assert calls == [2]
    assert set(waiting.values_list("state", flat=True)) == {OutboxMessage.State.SENT}
    assert set(_search("refund")) == {first.reference, second.reference}


def _reconnect(monkeypatch, backend):
    """Backends made from now on use the test's osmem client again."""
    init = ElasticsearchBackend.__init__

    def __init__(self, client_=None, **kwargs):
        init(self, client_ or backend.client, **kwargs)

    monkeypatch.setattr(ElasticsearchBackend, "__init__", __init__)


@pytest.mark.django_db
def test_the_updates_of_one_transaction_go_in_one_bulk_request(
    elasticsearch_backend, submit, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from workflow import outbox

    cases = [submit(description=f"Broken meter {n}") for n in range(3)]
    calls = []
    index_cases = ElasticsearchBackend.index_cases
    monkeypatch.setattr(
        ElasticsearchBackend,
        "index_cases",
        lambda self, batch: (
            calls.append(sorted(case.pk for case in batch)) or index_cases(self, batch)
        ),
    )
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for case in cases:
            Case.objects.filter(pk=case.pk).update(findings="Corroded valve")
            outbox.search_index_queue(case=case)
    assert calls == [sorted(case.pk for case in cases)]
    assert set(_search("valve")) == {case.reference for case in cases}


def _aliases(backend) -> dict[str, list[str]]:
    return {
        alias: sorted(backend.client.indices.get_alias(name=alias).body)
        for alias in (backend.index, backend.tracking_index)
    }


@pytest.mark.django_db
def test_rebuild_swaps_the_alias_without_downtime_and_heals_drift(
    elasticsearch_backend, category, priority, capsys
):
    kept, changed, gone = (make_case(category, description="Leaking pipe") for _ in range(3))
    elasticsearch_backend.index_cases([kept, changed, gone])
    before = _aliases(elasticsearch_backend)
    call_command("search_health")  # healthy: no exception

    # Drift: a case changed without its update, one deleted, one never indexed.
    Case.objects.filter(pk=changed.pk).update(updated_at=timezone.now() + timedelta(seconds=5))
    Case.objects.filter(pk=gone.pk).delete()  # its outbox rows go with it
    missing = make_case(category, description="Leaking roof")
    elasticsearch_backend.remove_cases([missing.pk])
    drift = elasticsearch_backend.drift()
    assert (drift.missing, drift.stale, drift.orphans) == ([missing.pk], [changed.pk], [gone.pk])
    with pytest.raises(CommandError) as exit_info:
        call_command("search_health")
    assert exit_info.value.returncode == 1
    out = capsys.readouterr().out
    assert "Missing from the index: 1" in out and "Of cases that are gone: 1" in out
    assert "Documents: 3 for 3 cases" in out

    seen_during = []

    def progress(done):
        # Searches keep answering from the old index while the new one fills.
        seen_during.append(len(_search("leaking")))
        # A case changes meanwhile (after its batch was written to the new index).
        if done == 2:
            Case.objects.filter(pk=kept.pk).update(findings="Valve", updated_at=timezone.now())

    report = elasticsearch_backend.rebuild(batch_size=2, progress=progress)
    assert report.indexed == 3 and seen_during == [2, 2]
    after = _aliases(elasticsearch_backend)
    live = elasticsearch_backend.index
    assert after[live] == [report.index] and report.index not in before[live]
    for old in before.values():
        assert not elasticsearch_backend.client.indices.exists(index=old)
    assert elasticsearch_backend.drift().clean
    assert _search("valve") == [kept.reference]
    assert set(_search("leaking")) == {kept.reference, changed.reference, missing.reference}
    call_command("search_rebuild", batch_size=1)
    call_command("search_health")


@pytest.mark.django_db
def test_health_reports_an_unreachable_engine_and_the_backlog(
    elasticsearch_backend, submit, engine_down, capsys
):
    submit()
    with pytest.raises(CommandError) as exit_info:
        call_command("search_health")
    assert exit_info.value.returncode == 1
    out = capsys.readouterr().out
    assert "UNREACHABLE" in out and "0 pending, 1 failed search updates" in out


@pytest.mark.django_db
def test_a_match_on_the_folded_words_is_highlighted_in_the_original(elasticsearch_backend, staff):
    from search.documents import MARK_END, MARK_START

    from ..factories import CaseFactory

    greek = CaseFactory(language="el", description="Ένα ΠΑΡΆΠΟΝΟ για το ρεύμα")
    elasticsearch_backend.index_cases([greek])
    result = elasticsearch_backend.search(
        visibility=Visibility(everything=True), query=CaseQuery.build(text="παραπονο")
    )
    # (The tracking number comes first in the case's words, as on the database backend.)
    assert result.highlights[greek.pk] == (
        f"{greek.reference} Ένα {MARK_START}ΠΑΡΆΠΟΝΟ{MARK_END} για το ρεύμα"
    )


@pytest.mark.django_db
def test_text_without_words_does_not_filter(elasticsearch_backend, staff):
    from ..factories import CaseFactory

    cases = CaseFactory.create_batch(2)
    elasticsearch_backend.index_cases(cases)
    for text in ("", "  ", "?!", "-"):
        result = elasticsearch_backend.search(
            visibility=Visibility(everything=True), query=CaseQuery.build(text=text)
        )
        assert result.total == 2 and result.highlights == {}, text


@pytest.mark.django_db
def test_opensearch_is_spoken_to_with_the_same_documents(osmem, settings, staff):
    """SEARCH_ENGINE=opensearch: the application's own client, no test transport."""
    from ..factories import CaseFactory

    settings.ELASTICSEARCH_URL = osmem.url
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_INDEX_PREFIX = "opensearch-mode"
    backend = ElasticsearchBackend()
    try:
        case = CaseFactory(description="The boiler is leaking")
        backend.index_cases([case])
        health = backend.health()
        assert health.reachable and health.documents == 1
        assert health.details["engine"].startswith("opensearch")
        result = backend.search(
            visibility=Visibility(everything=True), query=CaseQuery.build(text="boiler")
        )
        assert result.cases == [case]
    finally:
        backend.client.indices.delete(index="opensearch-mode-*", ignore_unavailable=True)


def test_the_engine_setting_is_checked(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    settings.SEARCH_ENGINE = "solr"
    with pytest.raises(ValueError, match="SEARCH_ENGINE"):
        ElasticsearchBackend()
