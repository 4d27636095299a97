"""Every figure of the improvement dashboard drills down to exactly the cases behind it
(ISO 10002 8.4, 8.2): over HTTP, the number each figure shows equals the number of cases its
link lists on the staff search, for a manager (every team) and a supervisor (their team
only); rates link to their part and to their whole; the search's new filters are shown as
translated chips, refused with a translated 400 when wrong, and honoured by the CSV export.
The same figures hold on PostgreSQL (DATABASE_URL) and through the Elasticsearch backend."""

import csv
import io
import re
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.urls import reverse

import pytest
import time_machine

from workflow import services
from workflow.models import Case

from ..factories import CategoryFactory
from ..search.conftest import elasticsearch_backend, osmem  # noqa: F401 - the engine's fixtures
from .history import NOW, at, close, decide, quick_priority, received, step, three_cases
from .test_dashboard import MARCH, cells, get, kpi_row

SEARCH = reverse("staff_search")


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def cases(staff, category):
    """The three March cases of `history.three_cases`, and around them:

    - `february`: received in February, closed in March (closed in the period, not of it);
    - `waiting`: received in February, still open (in the backlog at the end of March);
    - `lapsed`: March, another team: decided, no reply in time;
    - `upheld`: March: decided, contested, the decision upheld, closed without
      compensation, no survey;
    - `reopened`: March: merged away as a duplicate of `upheld`, then the merge undone.
    """
    quick = quick_priority()
    found = dict(zip("abc", three_cases(category, quick), strict=True))
    other = CategoryFactory(code="service", name="Service", team=staff["other_team"])
    found["february"] = received(category, at(days=-10))
    close(found["february"], at(days=8))
    found["waiting"] = received(category, at(days=-9))
    found["lapsed"] = received(other, at(days=3))
    step(found["lapsed"], "assess", at(days=3))
    decide(found["lapsed"], at(days=4), reply=Case.Reply.LAPSED)
    found["upheld"] = received(category, at(days=2))
    decide(
        found["upheld"],
        at(days=3),
        reply=Case.Reply.CONTESTED,
        review_result=Case.ReviewResult.UPHELD,
    )
    close(found["upheld"], at(days=9))
    found["reopened"] = received(category, at(days=4))
    with time_machine.travel(at(days=5), tick=False):
        services.case_merge_record(
            duplicate=found["reopened"],
            into=found["upheld"],
            actor=staff["manager"],
            move_files=False,
            status_before=Case.Status.RECEIVED,
            stopped=[],
        )
    with time_machine.travel(at(days=6), tick=False):
        services.case_unmerge_record(duplicate=found["reopened"], actor=staff["manager"])
    return found


def links(row: str) -> list[str]:
    return [unescape(url) for url in re.findall(r'href="([^"]+)"', row)]


def found(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:2000])
    match = re.search(r'id="results-heading">(\d+) cases? found<', response.text)
    assert match, url
    return int(match.group(1))


def listed(client, url: str) -> set[str]:
    """The tracking numbers a search lists (its first page: these searches list fewer)."""
    page = client.get(url).text
    table = re.search(r'<table class="search-results">(.*?)</table>', page, re.DOTALL)
    return (
        set(re.findall(r'<tr>\s*<td><a href="[^"]+">([^<]+)</a>', table.group(1)))
        if table
        else set()
    )


# Steps are counted one by one, and a case may start a step more than once (sent back to be
# drafted again): the figure of every step lists the cases of the steps it counts, the
# union of what each step's figure lists.
ALL_STEPS = "steps_within_deadline"

# The figures that are not counts of cases: the number of cases each is computed from
# (the cases the dashboard's own totals counted), per role.
COMPUTED_FROM = {
    # Acknowledged: A, B, C (three_cases); decided: A, B, upheld (+ lapsed for the manager).
    "manager": {"ack": 3, "decided": 4, "compensated": 1, "surveys": 1},
    "supervisor": {"ack": 3, "decided": 3, "compensated": 1, "surveys": 1},
}
COMPUTED = {
    "ack_hours_median": "ack",
    "ack_hours_p90": "ack",
    "decide_hours_median": "decided",
    "decide_hours_p90": "decided",
    "compensation_paid": "compensated",
    "survey_mean": "surveys",
}


def _check_every_figure(client, user, role) -> dict[str, tuple]:
    """Each KPI row: (shown, listed) for its part, and its whole for a rate."""
    page = get(client, user, MARCH).text
    codes = re.findall(r'<tr id="kpi-([a-z0-9_]+)">', page)
    assert len(codes) >= 25
    seen = {}
    union = [set(), set()]
    for code in codes:
        row = kpi_row(page, code)
        row_cells = cells(row)
        urls = links(row)
        assert all(urlsplit(url).path == SEARCH for url in urls), code
        counted = re.fullmatch(r"(\d+) of (\d+)", row_cells[2])
        if code == ALL_STEPS:
            continue
        if counted:
            part, whole = int(counted.group(1)), int(counted.group(2))
            assert len(urls) == 2, code
            seen[code] = ((part, found(client, urls[0])), (whole, found(client, urls[1])))
            if code.startswith("step_"):
                union[0] |= listed(client, urls[0])
                union[1] |= listed(client, urls[1])
        elif code in COMPUTED:
            expected = COMPUTED_FROM[role][COMPUTED[code]]
            seen[code] = ((expected, found(client, urls[0])),)
        else:
            assert len(urls) == 1, code
            seen[code] = ((int(row_cells[1]), found(client, urls[0])),)
    every_step = links(kpi_row(page, ALL_STEPS))
    assert [listed(client, url) for url in every_step] == union
    assert union[0] and union[1] - union[0]
    return seen


@pytest.mark.iso("8.4")
@pytest.mark.iso("8.2")
@pytest.mark.parametrize("role", ["manager", "supervisor"])
def test_every_figure_lists_exactly_its_cases(client, staff, cases, now, role):
    seen = _check_every_figure(client, staff[role], role)
    for code, pairs in seen.items():
        for shown, listed in pairs:
            assert shown == listed, (code, seen[code])
    # The figures are the fixture's (not empty ones): part, whole.
    manager = role == "manager"
    assert seen["received"] == ((6 if manager else 5,) * 2,)
    assert seen["closed"] == ((3, 3),)  # A, february, upheld
    # B (decided), C, waiting, reopened (and lapsed, decided but not closed, for the manager)
    assert seen["backlog"] == ((5 if manager else 4,) * 2,)
    assert seen["ack_within_day"] == ((2, 2), (3, 3))
    assert seen["contest_rate"] == ((2, 2), (4 if manager else 3,) * 2)
    assert seen["lapsed"] == ((1 if manager else 0,) * 2,)
    assert seen["review_changed_rate"] == ((1, 1), (2, 2))
    assert seen["reopen_rate"] == ((1, 1), (3, 3))  # reopened, of A, upheld, reopened
    assert seen["survey_response_rate"] == ((1, 1), (2, 2))
    assert seen["compensation_cases"] == ((1, 1),)
    # Assessments started in March: A within, of A, B and C (and lapsed, open past its
    # deadline, for the manager).
    assert seen["step_assess_within_deadline"] == ((1, 1), (4 if manager else 3,) * 2)
    assert seen["decided_within_deadline"][1] == ((4 if manager else 3,) * 2)


@pytest.mark.iso("8.4")
def test_trends_and_breakdowns_link_to_their_cases(client, staff, cases, now):
    page = get(client, staff["manager"], MARCH).text
    volume = re.search(r'id="table-volume">(.*?)</table>', page, re.DOTALL).group(1)
    march = re.findall(r"<tr>(.*?)</tr>", volume, re.DOTALL)[-1]
    assert cells(march)[0] == "March 2026"
    received_url, closed_url = links(march)
    assert cells(march)[1:] == [str(found(client, received_url)), str(found(client, closed_url))]
    assert cells(march)[2] == "3"
    deadlines = re.search(r'id="table-deadlines">(.*?)</table>', page, re.DOTALL).group(1)
    march = re.findall(r"<tr>(.*?)</tr>", deadlines, re.DOTALL)[-1]
    within_url, measured_url = links(march)
    # The steps started in March: the cases they belong to are those of the period's.
    every_step = links(kpi_row(page, ALL_STEPS))
    assert [listed(client, within_url), listed(client, measured_url)] == [
        listed(client, url) for url in every_step
    ]
    assert cells(march)[1:3] == cells(kpi_row(page, ALL_STEPS))[2].split(" of ")
    team = re.search(r'id="table-team">(.*?)</table>', page, re.DOTALL).group(1)
    for row in re.findall(r"<tr>(.*?)</tr>", team, re.DOTALL)[1:]:
        shown = [int(value) for value in cells(row)[1:]]
        assert shown == [found(client, url) for url in links(row)], cells(row)


@pytest.mark.iso("8.4")
def test_conditions_are_chips_errors_and_exported(client, staff, cases, now):
    client.force_login(staff["manager"])
    query = {"received_from": "2026-03-01", "received_to": "2026-03-31", "reply": "contested"}
    page = client.get(SEARCH, query).text
    assert "2 cases found" in page
    assert "Complainant&#x27;s reply:</strong> Contested" in page
    # The chip keeps the condition on the form's next submission, and removes it.
    assert '<input type="hidden" name="reply" value="contested">' in page
    removal = re.search(r'<a href="\?([^"]+)">Remove', page).group(1)
    assert "reply" not in dict(parse_qsl(unescape(removal)))
    # In Arabic, translated.
    arabic = client.get(SEARCH, query, HTTP_ACCEPT_LANGUAGE="ar").text
    assert "Complainant&#x27;s reply" not in arabic
    # The CSV export lists the same two cases.
    export = client.get(reverse("search_export"), query)
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert sorted(row[0] for row in rows[1:]) == sorted(
        [cases["b"].reference, cases["upheld"].reference]
    )
    for bad in (
        {"reply": "maybe"},
        {"closed": "2026-03-31/2026-03-01"},
        {"closed": "9999-12-31/9999-12-31"},
        {"steps": "assess:within"},
        {"steps": "nothing:within:2026-03-01/2026-03-31"},
        {"open_on": "x" * 500},
        {"survey": ["yes", "no"]},
    ):
        response = client.get(f"{SEARCH}?{urlencode(bad, doseq=True)}")
        assert response.status_code == 400, bad
        assert "There is a problem" in response.text
        assert "0 cases found" in response.text, bad  # never searched as if absent
        refused = client.get(f"{reverse('search_export')}?{urlencode(bad, doseq=True)}")
        assert refused.status_code == 400
        assert "Nothing was exported" in refused.text
    arabic = client.get(SEARCH, {"reply": "maybe"}, HTTP_ACCEPT_LANGUAGE="ar")
    assert arabic.status_code == 400
    assert "cannot take this value" not in arabic.text


@pytest.mark.iso("8.4")
def test_a_supervisor_never_sees_another_teams_cases_through_a_condition(client, staff, cases, now):
    client.force_login(staff["supervisor"])
    # The lapsed reply is in the other team's case only.
    assert found(client, f"{SEARCH}?reply=lapsed") == 0
    client.force_login(staff["manager"])
    assert found(client, f"{SEARCH}?reply=lapsed") == 1


@pytest.mark.iso("8.4")
def test_the_engine_lists_the_same_cases(client, staff, cases, now, request, monkeypatch):
    """Through the Elasticsearch backend (osmem): the conditions select the same cases."""
    request.getfixturevalue("elasticsearch_backend").rebuild()
    seen = _check_every_figure(client, staff["manager"], "manager")
    for code, pairs in seen.items():
        for shown, listed in pairs:
            assert shown == listed, (code, seen[code])
    assert seen["closed"] == ((3, 3),)
    # Words and a condition together.
    client.force_login(staff["manager"])
    words = found(client, f"{SEARCH}?q={cases['a'].reference}&reply=accepted")
    assert words == 1
    assert found(client, f"{SEARCH}?q={cases['a'].reference}&reply=contested") == 0
    # More cases than the engine is asked for by id: said (translated), never a 500.
    monkeypatch.setattr("search.backends.base.MAX_CONDITION_CASES", 1)
    response = client.get(SEARCH, {"reply": "any"})
    assert response.status_code == 400
    assert "These filters select more than" in response.text
    refused = client.get(reverse("search_export"), {"reply": "any"})
    assert refused.status_code == 400
    assert "Nothing was exported" in refused.text
