"""ISO 10002 traceability: the map of tests per clause follows the tests' markers, the page
shows every clause with its tests' last results, and says plainly what is not covered."""

import json
import re
from io import StringIO
from types import SimpleNamespace

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from improvement import traceability
from improvement.management.commands import iso_traceability
from tests.iso_plugin import IsoTraceability, _clauses
from workflow import roles

from ..factories import UserFactory

URL = "/staff/improvement/iso10002/"

# Every sub-clause of ISO 10002:2018 clauses 4 to 8, in order.
SUBCLAUSES = [
    *(f"4.{n}" for n in range(1, 16)),
    *(f"5.{n}" for n in range(1, 5)),
    *(f"6.{n}" for n in range(1, 5)),
    *(f"7.{n}" for n in range(1, 10)),
    *(f"8.{n}" for n in range(1, 8)),
]


@pytest.fixture(autouse=True)
def _results(settings, tmp_path):
    """The tests' last outcomes come from a file of this test's own."""
    settings.ISO10002_RESULTS_PATH = tmp_path / "results.json"
    return settings.ISO10002_RESULTS_PATH


@pytest.fixture
def small_map(tmp_path, monkeypatch):
    """A map where 4.2 has a passing test, 4.3 a failing one, 4.4 one that never ran here,
    and nothing else has a test."""
    mapping = {number: [] for number in traceability.subclause_numbers()}
    mapping["4.2"] = ["tests/a.py::test_policy_is_published"]
    mapping["4.3"] = ["tests/a.py::test_workload_counts"]
    mapping["4.4"] = ["tests/b.py::test_pages_in_every_language"]
    path = tmp_path / "map.json"
    path.write_text(traceability.map_dumps(mapping), encoding="utf-8")
    monkeypatch.setattr(traceability, "MAP_PATH", path)
    return mapping


def _rows(page: str) -> dict[str, str]:
    """{clause: status} of the page's rows."""
    return dict(re.findall(r'<tr id="clause-([0-9.]+)" data-status="(\w+)">', page))


@pytest.mark.iso("8.5")
def test_the_committed_map_and_docs_follow_the_tests_markers(request, monkeypatch):
    """pytest's collection of every test's @pytest.mark.iso gives the committed files exactly;
    when it does not: run `python manage.py iso_traceability`. A whole run (`make test`) has
    collected every test already; a partial one collects them in a new process."""
    plugin = request.config.pluginmanager.get_plugin("iso10002-traceability")
    markers = plugin.markers if plugin.complete else iso_traceability.markers_collect()
    monkeypatch.setattr(iso_traceability, "markers_collect", lambda: markers)
    out = StringIO()
    call_command("iso_traceability", "--check", stdout=out)
    assert "up to date" in out.getvalue()
    mapping = traceability.map_load()
    assert list(mapping) == SUBCLAUSES
    this = request.node.nodeid
    assert this in mapping["8.5"] and this in markers
    assert traceability.docs_path().read_text(encoding="utf-8") == traceability.markdown(mapping)


@pytest.mark.iso("8.5")
def test_the_command_rewrites_what_is_out_of_date(tmp_path, monkeypatch):
    map_path, docs = tmp_path / "map.json", tmp_path / "iso10002.md"
    monkeypatch.setattr(traceability, "MAP_PATH", map_path)
    monkeypatch.setattr(traceability, "docs_path", lambda: docs)
    monkeypatch.setattr(settings, "BASE_DIR", tmp_path)
    markers = {"tests/a.py::test_x[en]": ["7.3"], "tests/a.py::test_x[ar]": ["7.3", "4.2"]}
    monkeypatch.setattr(iso_traceability, "markers_collect", lambda: markers)
    with pytest.raises(CommandError, match="Out of date: map.json, iso10002.md"):
        call_command("iso_traceability", "--check", stdout=StringIO())
    out = StringIO()
    call_command("iso_traceability", stdout=out)
    assert out.getvalue() == "2 of 37 sub-clauses have a test. Written: map.json, iso10002.md.\n"
    mapping = json.loads(map_path.read_text(encoding="utf-8"))["clauses"]
    assert mapping["7.3"] == mapping["4.2"] == ["tests/a.py::test_x"]
    assert sum(map(len, mapping.values())) == 2
    assert "2 of 37 sub-clauses have at least one test." in docs.read_text(encoding="utf-8")
    call_command("iso_traceability", "--check", stdout=StringIO())
    markers["tests/a.py::test_y"] = ["8.4"]
    with pytest.raises(CommandError, match="Out of date: map.json, iso10002.md"):
        call_command("iso_traceability", "--check", stdout=StringIO())


@pytest.mark.iso("8.5")
def test_outcomes_are_recorded_per_test_and_a_failed_case_fails_the_test(_results):
    """From the reports alone (under pytest-xdist the controller, which records, collects
    nothing: each marked test's reports carry its clauses)."""
    plugin = IsoTraceability(SimpleNamespace(getoption=lambda name: None))
    marked = {
        "tests/a.py::test_x[en]": ["7.3"],
        "tests/a.py::test_x[ar]": ["7.3"],
        "tests/a.py::test_y": ["4.2"],
        "tests/a.py::test_z": ["4.4"],
    }

    def report(nodeid, when, outcome):
        return SimpleNamespace(
            nodeid=nodeid,
            when=when,
            passed=outcome == "passed",
            failed=outcome == "failed",
            skipped=outcome == "skipped",
            user_properties=[("iso10002", marked[nodeid])] if nodeid in marked else [],
        )

    for args in [
        ("tests/a.py::test_x[en]", "setup", "passed"),
        ("tests/a.py::test_x[en]", "call", "passed"),
        ("tests/a.py::test_x[ar]", "call", "failed"),
        ("tests/a.py::test_y", "setup", "passed"),
        ("tests/a.py::test_y", "call", "passed"),
        ("tests/a.py::test_y", "teardown", "passed"),
        ("tests/a.py::test_z", "setup", "skipped"),
        ("tests/a.py::test_unmarked", "call", "failed"),
    ]:
        plugin.pytest_runtest_logreport(report(*args))
    assert plugin.outcomes == {
        "tests/a.py::test_x": "failed",
        "tests/a.py::test_y": "passed",
        "tests/a.py::test_z": "skipped",
    }
    # A pytest-xdist worker leaves the recording to the controller.
    worker = IsoTraceability(SimpleNamespace(getoption=lambda name: None, workerinput={}))
    worker.outcomes = dict(plugin.outcomes)
    worker.pytest_sessionfinish(None)
    assert not _results.exists()
    plugin.pytest_sessionfinish(None)
    # A later run of one test keeps the others' last outcomes.
    traceability.results_record({"tests/a.py::test_x": "passed"}, "2026-12-01T10:00:00+00:00")
    results = traceability.results_load()
    assert {test: result["outcome"] for test, result in results.items()} == {
        "tests/a.py::test_x": "passed",
        "tests/a.py::test_y": "passed",
        "tests/a.py::test_z": "skipped",
    }
    assert results["tests/a.py::test_x"]["at"] == "2026-12-01T10:00:00+00:00"
    # A damaged file claims nothing.
    _results.write_text("{not json", encoding="utf-8")
    assert traceability.results_load() == {}


@pytest.mark.iso("8.5")
def test_a_marker_naming_no_subclause_stops_the_run():
    known = set(traceability.subclause_numbers())

    def item(*markers):
        return SimpleNamespace(nodeid="tests/a.py::test_x", iter_markers=lambda name: markers)

    def iso(*args):
        return SimpleNamespace(args=args, kwargs={})

    assert _clauses(item(iso("7.3"), iso("4.10"), iso("7.3")), known) == ["4.10", "7.3"]
    for wrong in (iso("9.1"), iso("7"), iso("7.3", "7.4"), iso()):
        with pytest.raises(pytest.UsageError, match="must name one sub-clause"):
            _clauses(item(wrong), known)


@pytest.mark.iso("8.5")
def test_a_clause_with_no_passing_test_shows_as_not_covered(client, staff, small_map, _results):
    traceability.results_record(
        {
            "tests/a.py::test_policy_is_published": "passed",
            "tests/a.py::test_workload_counts": "failed",
        },
        "2026-12-04T09:30:00+00:00",
    )
    client.force_login(staff["auditor"])
    page = client.get(URL).content.decode()
    statuses = _rows(page)
    assert statuses["4.2"] == "covered"
    assert statuses["4.3"] == "failed"
    assert statuses["4.4"] == "not_run"
    assert statuses["4.8"] == "no_test"
    assert statuses["4.1"] == "partial"
    assert [n for n, status in statuses.items() if status == "no_test"] == [
        n for n in SUBCLAUSES if n not in ("4.1", "6.1", "4.2", "4.3", "4.4")
    ]
    row = {n: page.split(f'<tr id="clause-{n}"')[1].split("</tr>")[0] for n in statuses}
    assert "Covered" in row["4.2"] and "policy is published" in row["4.2"]
    assert "(passed, " in row["4.2"]
    assert "Not covered: its tests failed" in row["4.3"] and "(failed, " in row["4.3"]
    assert "Not covered: its tests have not run here" in row["4.4"] and "(not run)" in row["4.4"]
    assert "Not covered: no test" in row["4.8"] and "None" in row["4.8"]
    assert "1 of 14 sub-clauses below covered" in row["4.1"]
    assert "1 of 37 sub-clauses are covered by a passing test." in page
    gaps = page.split('<p id="iso-gaps">')[1].split("</p>")[0]
    assert gaps.startswith("Sub-clauses not covered: ")
    assert re.findall(r'<a href="#clause-([0-9.]+)">', gaps) == [
        n for n in SUBCLAUSES if n not in ("4.1", "6.1", "4.2")
    ]
    assert '<a href="#clause-4.8"><span dir="ltr">4.8</span> Charges</a>' in gaps
    # The feature's link into the product, in the reader's language.
    assert '<a href="/en/policy/">The complaint-handling policy page</a>' in row["4.2"]
    assert '<a href="/staff/workload/">Workload</a>' in row["4.3"]
    # The docs say the same from the same map.
    docs = traceability.markdown(small_map)
    assert "| 4.8 Charges | Complaining is free" in docs
    assert docs.split("| 4.8 Charges |")[1].split("\n")[0].endswith("| **not covered** |")
    assert "`tests/a.py::test_policy_is_published`" in docs.split("| 4.2 Commitment |")[1]


@pytest.mark.iso("8.5")
def test_the_page_lists_every_subclause_from_4_2_to_8_7(client, staff):
    client.force_login(staff["manager"])
    page = client.get(URL).content.decode()
    assert list(_rows(page)) == SUBCLAUSES
    headings = re.findall(r'<h2 id="clause-(\d)">', page)
    assert headings == ["4", "5", "6", "7", "8"]
    # Each chapter is a table named by its heading, with column and row headers.
    assert page.count('<table class="iso-table" aria-labelledby="clause-') == 5
    assert page.count('<th scope="col">') == 25 and page.count('<th scope="row">') == 39
    assert "The tests have not run on this installation yet" in page


@pytest.mark.iso("8.5")
def test_every_feature_of_a_clause_with_tests_links_into_the_product():
    """A clause proven by tests points at a page that exists (a guessed URL name of a feature
    not built yet is allowed only while no test proves the clause)."""
    mapping = traceability.map_load()
    for clause in traceability.clauses_load():
        if clause.is_subclause and mapping[clause.number]:
            for language in ("en", "ar"):
                url = traceability.link_url(clause.link, language)
                assert url and url.startswith("/"), (clause.number, clause.link)
    assert traceability.link_url("page:policy/", "el") == "/el/policy/"
    assert traceability.link_url("tracking", "tr") == "/tr/track/"
    assert traceability.link_url("no-such-page", "en") is None


@pytest.mark.iso("5.4")
@pytest.mark.iso("8.5")
def test_only_auditors_complaints_managers_and_top_management_see_the_page(client, staff):
    top = UserFactory(username="director", role=roles.TOP_MANAGEMENT)
    for user in (staff["auditor"], staff["manager"], top):
        client.force_login(user)
        assert client.get(URL).status_code == 200, user.username
    for user in (staff["handler"], staff["intake"], staff["supervisor"]):
        client.force_login(user)
        assert client.get(URL).status_code == 403, user.username
    client.logout()
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.iso("4.5")
@pytest.mark.iso("8.5")
def test_the_page_is_translated_and_right_to_left_in_arabic(client, staff, settings, _results):
    test = traceability.map_load()["7.3"][0]
    traceability.results_record({test: "passed"}, "2026-12-04T09:30:00+00:00")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    client.force_login(staff["auditor"])
    page = client.get(URL).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "<h1>إمكانية تتبع ISO 10002</h1>" in page
    assert "الشفافية" in page and "تتبع الشكوى" in page
    row = page.split('<tr id="clause-7.3"')[1].split("</tr>")[0]
    assert '<a href="/ar/track/">التتبع</a>' in row
    assert "(نجح" in row and "مغطّى" in row
    # Test names stay left to right inside the Arabic page.
    assert f'<code dir="ltr" title="{test}">' in row
    for language, heading in [
        ("el", "Ιχνηλασιμότητα ISO 10002"),
        ("it", "Tracciabilità ISO 10002"),
        ("tr", "ISO 10002 izlenebilirliği"),
    ]:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get(URL).content.decode()
        assert f"<h1>{heading}</h1>" in page and 'dir="rtl"' not in page, language


def test_the_clause_list_is_complete_in_five_languages():
    clauses = traceability.clauses_load()
    assert [c.number for c in clauses if c.is_subclause] == SUBCLAUSES
    assert [c.number for c in clauses if not c.is_subclause] == ["4", "5", "6", "7", "8"]
    assert [c.number for c in clauses if c.general] == ["4.1", "6.1"]
    for clause in clauses:
        for texts in (clause.title, clause.does, clause.feature):
            assert not texts or len(set(texts.values())) == 5, (clause.number, texts)
