"""The improvement dashboard and the objectives pages over HTTP (ISO 10002 6.2, 8.2, 8.4):
who may see them, exact figures against objectives, filters, charts with their data tables,
drill-down links to the staff search, right-to-left Arabic, a bounded number of queries."""

import re
from decimal import Decimal
from html import unescape
from urllib.parse import parse_qsl, urlsplit

from django.urls import reverse

import pytest
import time_machine

from improvement.models import Objective
from workflow import roles
from workflow.models import Case, CaseEvent

from ..factories import CategoryFactory, UserFactory
from .history import NOW, acknowledge, at, quick_priority, received, three_cases

URL = reverse("improvement:dashboard")


@pytest.fixture
def quick(db):
    return quick_priority()


@pytest.fixture
def three(staff, category, quick):
    return three_cases(category, quick)


MARCH = {"period_from": "2026-03-01", "period_to": "2026-03-31"}


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def get(client, user, params=None, **headers):
    client.force_login(user)
    return client.get(URL, params or {}, **headers)


def kpi_row(html: str, code: str) -> str:
    match = re.search(rf'<tr id="kpi-{code}">(.*?)</tr>', html, re.DOTALL)
    assert match, code
    return match.group(1)


def cells(row: str) -> list[str]:
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split())
        for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.DOTALL)
    ]


@pytest.mark.iso("8.4")
@pytest.mark.parametrize("role", ["manager", "auditor", "supervisor", "top"])
def test_roles_with_the_dashboard(client, staff, role, now):
    user = UserFactory(username="top", role=roles.TOP_MANAGEMENT) if role == "top" else staff[role]
    response = get(client, user)
    assert response.status_code == 200
    assert "Improvement dashboard" in response.text


@pytest.mark.iso("8.4")
@pytest.mark.parametrize("role", ["handler", "intake"])
def test_other_staff_are_refused(client, staff, role, now):
    assert get(client, staff[role]).status_code == 403
    client.force_login(staff[role])
    assert client.get(reverse("improvement:objectives")).status_code == 403
    assert client.get(reverse("improvement:objective_add")).status_code == 403


@pytest.mark.iso("8.4")
def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.iso("6.2")
@pytest.mark.parametrize("role", ["supervisor", "auditor"])
def test_only_managers_set_objectives(client, staff, role):
    client.force_login(staff[role])
    assert client.get(reverse("improvement:objectives")).status_code == 403
    response = client.post(
        reverse("improvement:objective_add"),
        {
            "kpi": "received",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "direction": "at_most",
            "target": "5",
        },
    )
    assert response.status_code == 403
    assert not Objective.objects.exists()


@pytest.mark.iso("6.2")
@pytest.mark.iso("8.4")
def test_a_manager_sets_an_objective_and_sees_it_not_met(client, staff, three, now):
    client.force_login(staff["manager"])
    response = client.post(
        reverse("improvement:objective_add"),
        {
            "kpi": "ack_within_day",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "direction": "at_least",
            "target": "98",
            "note": "Acknowledged within one working day",
        },
    )
    assert response.status_code == 302
    objective = Objective.objects.get()
    assert (objective.target, objective.updated_by) == (Decimal("98.00"), staff["manager"])
    listing = client.get(reverse("improvement:objectives"))
    assert "Acknowledged within one working day" in listing.text

    page = get(client, staff["manager"], MARCH).text
    assert cells(kpi_row(page, "ack_within_day"))[1:5] == [
        "66.7 %",
        "2 of 3",
        "at least 98.0 %",
        "Not met",
    ]
    # The percentages with an objective are charted against it.
    chart = re.search(r'<svg[^>]* id="chart-objectives"[^>]*>.*?</svg>', page, re.DOTALL)
    assert '<title id="chart-objectives-title">Objectives against actual figures' in chart[0]
    # Lowered to 60: met.
    client.post(
        reverse("improvement:objective_edit", args=[objective.pk]),
        {
            "kpi": "ack_within_day",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "direction": "at_least",
            "target": "60",
        },
    )
    page = get(client, staff["manager"], MARCH).text
    assert cells(kpi_row(page, "ack_within_day"))[3:5] == ["at least 60.0 %", "Met"]
    client.post(reverse("improvement:objective_delete", args=[objective.pk]))
    assert not Objective.objects.exists()


@pytest.mark.iso("6.2")
def test_a_wrong_objective_is_refused_with_a_message(client, staff):
    client.force_login(staff["manager"])
    data = {
        "kpi": "contest_rate",
        "period_start": "2026-12-31",
        "period_end": "2026-01-01",
        "direction": "at_most",
        "target": "150",
    }
    response = client.post(reverse("improvement:objective_add"), data)
    assert response.status_code == 400
    assert "The end date must be on or after the start date." in response.text
    assert "A percentage is at most 100." in response.text
    data.update(period_start="2026-01-01", period_end="2026-12-31", target="10")
    assert client.post(reverse("improvement:objective_add"), data).status_code == 302
    again = client.post(reverse("improvement:objective_add"), data)
    assert again.status_code == 400
    assert "already has an objective for this period" in again.text
    assert Objective.objects.count() == 1


@pytest.mark.iso("8.4")
def test_figures_drill_down_to_the_search(client, staff, three, category, now):
    page = get(client, staff["manager"], MARCH).text
    row = kpi_row(page, "received")
    assert cells(row)[1] == "3"
    link = unescape(re.search(r'href="([^"]+)"', row).group(1))
    assert urlsplit(link).path == reverse("staff_search")
    assert parse_qsl(urlsplit(link).query) == [
        ("received_from", "2026-03-01"),
        ("received_to", "2026-03-31"),
    ]
    # The search lists the same three cases.
    search = client.get(link)
    assert "3 cases found" in search.text
    escalated = unescape(re.search(r'href="([^"]+)"', kpi_row(page, "escalated_level_2")).group(1))
    assert ("escalation", "2") in parse_qsl(urlsplit(escalated).query)
    assert "1 case found" in client.get(escalated).text


@pytest.mark.iso("8.4")
def test_filters_narrow_every_figure(client, staff, three, now):
    page = get(client, staff["manager"], {**MARCH, "channel": "web"}).text
    assert cells(kpi_row(page, "received"))[1] == "2"
    link = unescape(re.search(r'href="([^"]+)"', kpi_row(page, "received")).group(1))
    assert ("channel", "web") in parse_qsl(urlsplit(link).query)
    page = get(client, staff["manager"], {**MARCH, "language": "ar"}).text
    assert cells(kpi_row(page, "received"))[1] == "1"
    assert cells(kpi_row(page, "contest_rate"))[1] == "100.0 %"


@pytest.mark.iso("8.4")
@pytest.mark.parametrize(
    "params, message",
    [
        ({"period_from": "2026-13-40"}, "Enter a valid date."),
        ({"period_from": "2026-03-31", "period_to": "2026-03-01"}, "on or after the start"),
        ({"period_from": "2020-01-01", "period_to": "2026-03-01"}, "at most three years"),
        ({"period_from": "0001-01-01"}, "Enter a date from"),
        ({"team": "999999"}, "Select a valid choice."),
        ({"channel": "pigeon"}, "Select a valid choice."),
        ({"team": "x'"}, "Select a valid choice."),
    ],
)
def test_bad_filters_are_answered_with_a_message(client, staff, params, message, now):
    response = get(client, staff["manager"], params)
    assert response.status_code == 400
    assert message in unescape(response.text)
    assert 'role="alert"' in response.text


@pytest.mark.iso("8.4")
def test_a_supervisor_sees_their_teams_figures_only(client, staff, three, now):
    service = CategoryFactory(code="service", team=staff["other_team"])
    received(service, at(hours=3))
    manager_page = get(client, staff["manager"], MARCH).text
    assert cells(kpi_row(manager_page, "received"))[1] == "4"
    page = get(client, staff["supervisor"], MARCH).text
    assert cells(kpi_row(page, "received"))[1] == "3"
    assert "You see the cases of your own teams only." in page
    # The team filter offers their own team only, and refuses another one.
    teams = re.search(r'<select name="team".*?</select>', page, re.DOTALL).group(0)
    assert re.findall(r'<option value="(\d*)"', teams) == ["", str(staff["team"].pk)]
    refused = get(client, staff["supervisor"], {"team": staff["other_team"].pk})
    assert refused.status_code == 400
    # Their drill-down asks the search for their team.
    link = unescape(re.search(r'href="([^"]+)"', kpi_row(page, "received")).group(1))
    assert ("team", str(staff["team"].pk)) in parse_qsl(urlsplit(link).query)


@pytest.mark.iso("8.2")
@pytest.mark.iso("8.4")
def test_charts_are_svg_with_data_tables(client, staff, three, now):
    page = get(client, staff["manager"], MARCH).text
    for chart in ("chart-volume", "chart-deadlines", "chart-category", "chart-channel"):
        svg = re.search(rf'<svg[^>]* id="{chart}"[^>]*>(.*?)</svg>', page, re.DOTALL)
        assert svg, chart
        assert 'role="img"' in svg.group(0)
        assert f'<title id="{chart}-title">' in svg.group(0)
        assert f'<desc id="{chart}-desc">' in svg.group(0)
    # No script and nothing from elsewhere.
    assert not re.search(r"<svg.*?<script", page, re.DOTALL)
    assert "cdn" not in page.lower()
    # The volume chart's table: March, 3 received, 1 closed.
    table = re.search(r'<table class="trend" id="table-volume">(.*?)</table>', page, re.DOTALL)
    assert "<caption>Cases received and closed per month</caption>" in table.group(1)
    assert '<th scope="col">Month</th>' in table.group(1)
    assert cells(re.search(r"<tbody>(.*?)</tbody>", table.group(1), re.DOTALL).group(1)) == [
        "March 2026",
        "3",
        "1",
    ]
    channel = re.search(r'id="table-channel">(.*?)</table>', page, re.DOTALL).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", channel, re.DOTALL)[1])
    assert [cells(row) for row in rows] == [
        ["Web form", "2", "1", "1", "0"],
        ["Email", "1", "0", "1", "1"],
    ]


@pytest.mark.iso("8.4")
def test_oldest_and_overdue_open_cases(client, staff, three, now):
    a, b, c = three
    page = get(client, staff["manager"], MARCH).text
    oldest = re.search(r'id="table-oldest">(.*?)</table>', page, re.DOTALL).group(1)
    assert re.findall(r"(CMP-[0-9A-Z]{4}-[0-9A-Z]{4})</a>", oldest) == [b.reference, c.reference]
    overdue = re.search(r'id="table-overdue">(.*?)</table>', page, re.DOTALL).group(1)
    # C's assessment was due on Wednesday 4 March; B's reply on 20 March (14 days after
    # the decision was sent): longest overdue first.
    assert re.findall(r"(CMP-[0-9A-Z]{4}-[0-9A-Z]{4})</a>", overdue) == [c.reference, b.reference]


@pytest.mark.iso("8.4")
def test_arabic_page_is_right_to_left(client, staff, three, now):
    page = get(client, staff["manager"], MARCH, HTTP_ACCEPT_LANGUAGE="ar").text
    assert '<html lang="ar" dir="rtl">' in page
    assert "لوحة التحسين" in page
    assert "<caption>" in page


@pytest.mark.iso("8.4")
def test_queries_do_not_grow_with_the_cases(
    client,
    staff,
    category,
    three,
    now,
    django_assert_max_num_queries,
):
    client.force_login(staff["manager"])
    client.get(URL, MARCH)  # the session, permissions and caches warmed
    with django_assert_max_num_queries(40) as few:
        client.get(URL, MARCH)
    for hour in range(20):
        case = received(category, at(days=2, hours=hour % 6), channel=Case.Channel.PHONE)
        acknowledge(case, at(days=2, hours=hour % 6, minutes=5))
        with time_machine.travel(at(days=2, hours=hour % 6), tick=False):
            case.escalation_level = hour % 3
            case.save()
            CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.NOTE)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(URL, MARCH)
    assert cells(kpi_row(response.text, "received"))[1] == "23"
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.iso("8.4")
def test_the_staff_navigation_links_the_dashboard(client, staff, db):
    client.force_login(staff["manager"])
    assert URL in client.get(reverse("my_work")).text
    client.force_login(staff["handler"])
    assert URL not in client.get(reverse("my_work")).text
