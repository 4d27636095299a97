"""No 500 from search: deep pages, the engine down, invalid parameters; facets that only
offer what finds cases (issue 15, robustness part)."""

import csv
import io

from django.urls import reverse

import pytest

from search.backends import base
from search.backends.base import CaseQuery, SearchResult
from search.backends.elasticsearch import ElasticsearchBackend
from search.models import SearchExport, SearchRecord
from search.services import cases_index
from workflow.selectors import Visibility

from ..factories import CaseFactory
from .conftest import osmem_client

EVERYTHING = Visibility(everything=True)


def _find(backend, **query):
    return backend.search(visibility=EVERYTHING, query=CaseQuery.build(**query))


@pytest.fixture
def engine_down(monkeypatch, elasticsearch_backend):
    """The engine configured, but every backend made from now on talks to a closed port."""
    client = osmem_client("http://127.0.0.1:1")
    init = ElasticsearchBackend.__init__

    def __init__(self, client_=None, **kwargs):
        init(self, client, **kwargs)

    monkeypatch.setattr(ElasticsearchBackend, "__init__", __init__)


# --- Deep pages -----------------------------------------------------------------------


def test_pages_stop_at_the_result_window_on_every_backend(search_backend, staff, monkeypatch):
    monkeypatch.setattr(base, "MAX_RESULT_WINDOW", 4)
    cases = CaseFactory.create_batch(6)
    search_backend.index_cases(cases)
    newest_first = sorted(cases, key=lambda case: (case.received_at, case.pk), reverse=True)
    result = _find(search_backend, sort="newest", page_size=2, page=9)
    # 6 cases, but only 4 can be paged to: 2 pages, the last one shown, capped said.
    assert (result.total, result.pages, result.page, result.capped) == (6, 2, 2, True)
    assert result.cases == newest_first[2:4]
    small = _find(search_backend, sort="newest", page_size=3, page=1)
    assert (small.pages, small.capped) == (1, True)
    everything = _find(search_backend, page_size=25)
    assert (everything.pages, everything.capped) == (1, False)  # 6 ≤ 25: all on page 1


@pytest.mark.django_db
def test_page_401_answers_on_the_engine_without_a_server_error(
    elasticsearch_backend, client, staff
):
    """Elasticsearch refuses from + size beyond 10,000: `?page=401` answered 500."""
    case = CaseFactory(description="Broken meter")
    elasticsearch_backend.index_cases([case])
    client.force_login(staff["manager"])
    for page in ("401", "402", "10000", "99999999999"):
        response = client.get(reverse("staff_search"), {"q": "meter", "page": page})
        assert response.status_code == 200, page
        assert case.reference in response.content.decode()
    assert _find(elasticsearch_backend, page=500).page == 1


def test_the_page_says_when_more_match_than_can_be_paged(client, staff, monkeypatch):
    capped = SearchResult(cases=[], total=12_345, page=400, pages=400, capped=True)
    monkeypatch.setattr("search.views.case_search", lambda **kwargs: capped)
    client.force_login(staff["manager"])
    page = client.get(reverse("staff_search"), {"page": "400"}).content.decode()
    assert "Only the first 10000 cases can be paged through" in page
    assert 'rel="next"' not in page and 'rel="prev"' in page


# --- The engine down ------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_search_says_the_engine_is_down(engine_down, client, staff):
    client.force_login(staff["manager"])
    response = client.get(reverse("staff_search"), {"q": "refund", "status": "received"})
    page = response.content.decode()
    assert response.status_code == 503
    assert "Search is unavailable just now" in page
    assert 'value="refund"' in page  # what was typed stays
    assert not SearchRecord.objects.exists()  # no search was made
    # In the staff member's language.
    italian = client.get(reverse("staff_search"), HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert "La ricerca non è disponibile in questo momento" in italian


@pytest.mark.django_db
def test_the_export_refuses_cleanly_while_the_engine_is_down(engine_down, client, staff):
    client.force_login(staff["manager"])
    response = client.get(reverse("search_export"), {"q": "refund"})
    assert response.status_code == 503
    page = response.content.decode()
    assert "Search is unavailable just now" in page and "Nothing was exported." in page
    assert 'value="refund"' in page
    assert not SearchExport.objects.exists()


# --- Invalid parameters ---------------------------------------------------------------


@pytest.fixture
def two_cases(staff, category, priority):
    cases = [
        CaseFactory(category=category, description="Refund refused", channel="phone"),
        CaseFactory(category=category, description="Heating broken", channel="web"),
    ]
    cases_index(case_ids=[case.pk for case in cases])
    return cases


@pytest.mark.parametrize(
    "params",
    [
        {"received_from": "31/31/2026"},
        {"received_from": "2026-03-10", "received_to": "2026-03-01"},
        {"status": "nonsense"},
        {"channel": "phone", "category": "x"},
        {"sort": "drop table"},
        {"page": "-4"},
    ],
)
def test_the_export_never_exports_everything_for_invalid_parameters(
    client, staff, two_cases, params
):
    client.force_login(staff["manager"])
    response = client.get(reverse("search_export"), params)
    assert response.status_code == 400
    assert not response.get("Content-Type", "").startswith("text/csv")
    page = response.content.decode()
    assert "Nothing was exported: correct the search below" in page
    assert not SearchExport.objects.exists()


def test_unknown_filter_values_are_explained_on_the_search_page(client, staff, two_cases):
    client.force_login(staff["manager"])
    response = client.get(reverse("staff_search"), {"status": "nonsense", "q": "refund"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "“nonsense” is not a value of the filter “Status”." in page
    assert "Download these cases as CSV" not in page
    # Valid values export as before.
    response = client.get(reverse("search_export"), {"channel": "phone"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert [row[0] for row in rows[1:]] == [two_cases[0].reference]


# --- Facets ---------------------------------------------------------------------------


def test_a_case_without_priority_is_counted_under_a_value_that_finds_it(
    search_backend, staff, priority
):
    """The priority facet offered "None (45)" and choosing it gave 0 cases."""
    without = CaseFactory(priority=None, description="No priority yet")
    with_one = CaseFactory(priority=priority)
    search_backend.index_cases([without, with_one])
    result = _find(search_backend)
    counts = {item.value: (item.count, item.label) for item in result.facets["priority"]}
    assert counts["none"] == (1, "No priority")
    assert counts[str(priority.pk)][0] == 1
    # Every value offered (count > 0) finds exactly as many cases as it says.
    for name, items in result.facets.items():
        for item in items:
            if item.count:
                chosen = _find(search_backend, filters={name: [item.value]})
                assert chosen.total == item.count, (name, item.value)
    assert _find(search_backend, filters={"priority": ["none"]}).cases == [without]
    both = _find(search_backend, filters={"priority": ["none", str(priority.pk)]})
    assert both.total == 2


# --- Maintenance commands -------------------------------------------------------------


@pytest.mark.django_db
def test_health_and_rebuild_say_in_one_line_that_the_engine_is_down(engine_down, staff):
    from django.core.management import CommandError, call_command

    CaseFactory()
    out = io.StringIO()
    with pytest.raises(CommandError) as health:
        call_command("search_health", stdout=out)
    assert health.value.returncode == 1
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("UNREACHABLE: the elasticsearch search engine does not answer")
    assert "(connection refused)" in lines[0] and "Traceback" not in lines[0]

    out = io.StringIO()
    with pytest.raises(CommandError) as rebuild:
        call_command("search_rebuild", stdout=out)
    assert rebuild.value.returncode == 1
    message = str(rebuild.value)
    assert "\n" not in message and "does not answer (connection refused)" in message
    assert "the live index is unchanged" in message


@pytest.mark.django_db
def test_an_index_lost_with_the_engines_data_is_reported_and_refilled(
    elasticsearch_backend, staff, django_capture_on_commit_callbacks
):
    from django.core.management import CommandError, call_command

    from workflow import outbox
    from workflow.models import OutboxMessage

    cases = CaseFactory.create_batch(3, description="Leaking pipe")
    elasticsearch_backend.index_cases(cases)
    call_command("search_health", stdout=io.StringIO())  # healthy

    # The engine restarts without its storage: every index is gone.
    client = elasticsearch_backend.client
    client.indices.delete(index=f"{elasticsearch_backend.index.rsplit('-', 1)[0]}-*")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("search_health", stdout=out)
    report = out.getvalue()
    assert "Index problem: no live index" in report and "search_rebuild" in report
    assert "Documents: 0 for 3 cases" in report and "Missing from the index: 3" in report
    # Health only reads: it did not recreate the index.
    assert not client.indices.exists(index=elasticsearch_backend.index)

    # A case changes: its update does not create a bare index with guessed mappings (the
    # write requires the alias); it fails, and its retry creates the index anew.
    with django_capture_on_commit_callbacks(execute=True):
        outbox.search_index_queue(case=cases[0])
    message = OutboxMessage.objects.get(channel=OutboxMessage.Channel.SEARCH)
    assert message.state == OutboxMessage.State.FAILED
    assert "is gone (the engine lost its data?)" in message.last_error
    assert not client.indices.exists(index=elasticsearch_backend.index)
    elasticsearch_backend.index_cases([cases[0]])
    assert client.indices.exists_alias(name=elasticsearch_backend.index)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("search_health", stdout=out)
    assert "Missing from the index: 2" in out.getvalue()

    # The documented command refills it.
    call_command("search_rebuild", stdout=io.StringIO())
    message.delete()
    call_command("search_health", stdout=io.StringIO())
    assert elasticsearch_backend.drift().clean


# --- Export records -------------------------------------------------------------------


@pytest.mark.iso("8.5")
def test_every_export_is_listed_for_auditors(client, staff):
    """The records page showed the last 100 exports and no way to the older ones."""
    first = SearchExport.objects.create(user=staff["handler"], query_string="q=oldest", rows=7)
    SearchExport.objects.bulk_create(
        SearchExport(user=staff["manager"], query_string=f"q=n{n}", rows=n) for n in range(105)
    )
    client.force_login(staff["auditor"])
    page = client.get(reverse("search_records")).content.decode()
    assert page.count("<tr><td>") == 100 and "q=oldest" not in page
    assert "Older exports" in page
    older = client.get(reverse("search_records"), {"exports_page": "2"}).content.decode()
    assert "?q=oldest" in older and "Newer exports" in older
    mine = client.get(reverse("search_records"), {"user": "handler"}).content.decode()
    assert "?q=oldest" in mine and f">{first.rows}<" in mine and "q=n1" not in mine


# --- Facet counts at scale (database backend) -----------------------------------------


@pytest.mark.iso("4.10")
def test_many_matches_estimate_facet_counts_from_a_sample_of_visible_cases(
    settings, staff, monkeypatch, client
):
    from search.backends import database
    from search.backends.database import DatabaseBackend

    from ..factories import CategoryFactory

    settings.ELASTICSEARCH_URL = ""
    monkeypatch.setattr(database, "FACET_EXACT_LIMIT", 10)
    monkeypatch.setattr(database, "FACET_SAMPLE", 12)
    mine = CategoryFactory(code="mine", team=staff["team"])
    theirs = CategoryFactory(code="theirs", team=staff["other_team"])
    visible = [CaseFactory(category=mine, channel=("web" if n % 2 else "phone")) for n in range(30)]
    hidden = [CaseFactory(category=theirs, channel="email") for _ in range(10)]
    backend = DatabaseBackend()
    backend.index_cases(visible + hidden)
    team = Visibility(team_ids=frozenset({staff["team"].pk}))

    result = backend.search(visibility=team, query=CaseQuery.build())
    assert result.total == 30 and result.approximate  # 30 > 10: estimated
    channels = {item.value: item.count for item in result.facets["channel"] if item.count}
    # Only what the team may see is counted, even estimated: no "email" (the other team's).
    assert set(channels) <= {"web", "phone"} and channels
    assert abs(sum(channels.values()) - 30) <= 2  # scaled to the exact total
    teams = {item.value for item in result.facets["team"] if item.count}
    assert teams == {str(staff["team"].pk)}
    # The same sample every time: the counts do not change between two page loads.
    again = backend.search(visibility=team, query=CaseQuery.build())
    assert again.facets == result.facets
    # A choice of another facet counted exactly when few cases remain.
    chosen = backend.search(visibility=team, query=CaseQuery.build(filters={"channel": ["web"]}))
    assert chosen.total == 15 and chosen.approximate  # the channel counts ignore the choice
    assert [case.channel for case in chosen.cases] == ["web"] * 15
    # Past the limit, a chosen facet's own counts (over the total's cases and more, not
    # counted again) are sampled at the total's rate and scaled by the sample's share.
    both = backend.search(
        visibility=team, query=CaseQuery.build(filters={"channel": ["web", "phone"]})
    )
    assert both.total == 30 and both.approximate
    own = {item.value: item.count for item in both.facets["channel"] if item.count}
    assert set(own) == {"web", "phone"} and 20 <= sum(own.values()) <= 40, own
    small = backend.search(
        visibility=Visibility(team_ids=frozenset({staff["other_team"].pk})),
        query=CaseQuery.build(),
    )
    assert not small.approximate
    assert {item.value: item.count for item in small.facets["channel"] if item.count} == {
        "email": 10
    }

    # The page marks them, translated.
    client.force_login(staff["handler"])
    page = client.get(reverse("staff_search")).content.decode()
    assert "the counts beside the filters are estimates" in page and "(about " in page
    italian = client.get(reverse("staff_search"), HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert "(circa " in italian and "(about " not in italian
