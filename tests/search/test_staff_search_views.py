"""The staff search page, saved searches and the CSV export, over HTTP."""

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import formats, timezone, translation

import pytest

from search.models import SavedSearch, SearchExport
from search.services import cases_index

from ..factories import CaseFactory, ComplainantFactory


@pytest.fixture
def cases(staff, category, priority):
    mine = CaseFactory(
        category=category, description="Refund refused for the March invoice", channel="phone"
    )
    formula = CaseFactory(
        category=category, description="=HYPERLINK refund", product_service="=1+1"
    )
    other = CaseFactory(
        category=CaseFactory(category__team=staff["other_team"]).category,
        description="Refund refused at the counter",
    )
    ComplainantFactory(case=mine, name="Selin Aksoy", email="selin@example.org")
    cases_index(case_ids=[mine.pk, formula.pk, other.pk])
    return {"mine": mine, "formula": formula, "other": other}


@pytest.mark.iso("4.10")
@pytest.mark.iso("8.1")
def test_search_shows_results_facets_and_highlights_within_visibility(client, staff, cases):
    client.force_login(staff["handler"])
    response = client.get(reverse("staff_search"), {"q": "refund refused"})
    page = response.content.decode()
    assert response.status_code == 200
    assert cases["mine"].reference in page and cases["other"].reference not in page
    assert "<mark>Refund</mark> <mark>refused</mark>" in page
    # Facets count only what this handler may see.
    assert 'name="channel" value="phone"' in page and "(1)" in page
    client.force_login(staff["manager"])
    page = client.get(reverse("staff_search"), {"q": "refund refused"}).content.decode()
    assert cases["other"].reference in page


def test_each_row_shows_the_case_as_staff_read_it(client, staff, category):
    """The link, status, escalation, category, dates, overdue mark and handler of each case
    found, in the page's language; a dash where there is no due date or handler."""
    now = timezone.now()
    handler = staff["handler"]
    late = CaseFactory(
        category=category,
        status="investigation",
        escalation_level=2,
        handler=handler,
        due_at=now - timedelta(hours=2),
        description="Meter read twice",
    )
    done = CaseFactory(category=category, status="closed", due_at=None, description="Meter ok")
    cases_index(case_ids=[late.pk, done.pk])
    client.force_login(staff["manager"])
    page = client.get(reverse("staff_search"), {"q": "meter", "sort": "oldest"}).content.decode()
    rows = page[page.index("<tbody>") : page.index("</tbody>")].split("</tr>")
    first, second = rows[0], rows[1]

    def shown(value, format_name):
        return formats.date_format(timezone.localtime(value), format_name)

    link = reverse("case_detail", args=[late.reference])
    assert f'<a href="{link}">{late.reference}</a>' in first
    assert "<mark>Meter</mark> read twice" in first
    assert late.staff_status in first and "Escalated (level 2)" in first
    assert str(category) in first and shown(late.received_at, "SHORT_DATE_FORMAT") in first
    assert shown(late.due_at, "SHORT_DATETIME_FORMAT") + " <strong>Overdue</strong>" in first
    assert handler.get_full_name() in first
    assert done.reference in second and "Escalated" not in second and "Overdue" not in second
    assert second.count("<td>—</td>") == 2  # no due date, no handler
    italian = client.get(
        reverse("staff_search"), {"q": "meter", "sort": "oldest"}, HTTP_ACCEPT_LANGUAGE="it"
    ).content.decode()
    with translation.override("it"):
        assert shown(late.due_at, "SHORT_DATETIME_FORMAT") in italian
    assert "In escalation (livello 2)" in italian


def test_filters_dates_and_sort_arrive_from_the_query_string(client, staff, cases):
    client.force_login(staff["manager"])
    response = client.get(reverse("staff_search"), {"channel": "phone", "sort": "oldest"})
    page = response.content.decode()
    assert cases["mine"].reference in page and cases["formula"].reference not in page
    assert 'value="phone" id="facet-channel-phone" checked' in page


def test_bad_input_is_explained_and_kept(client, staff, cases):
    client.force_login(staff["manager"])
    response = client.get(
        reverse("staff_search"),
        {"q": "refund", "received_from": "2026-03-10", "received_to": "2026-03-01", "page": "x"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "The end date must be on or after the start date." in page
    assert 'value="refund"' in page and 'value="2026-03-10"' in page
    # Nonsense never raises: unknown facets, values and sorts are ignored.
    response = client.get(
        reverse("staff_search"),
        {"status": "<script>", "sort": "drop table", "received_from": "31/31/2026", "page": "-4"},
    )
    assert response.status_code == 400 and "<script>" not in response.content.decode()


@pytest.mark.parametrize(
    "dates",
    [
        {"received_to": "9999-12-31"},
        {"received_from": "0001-01-01"},
        {"received_from": "0001-01-01", "received_to": "9999-12-31"},
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_explained_and_kept(client, staff, cases, dates):
    """The day after 9999-12-31 is no date: the search answered 500."""
    client.force_login(staff["manager"])
    for url in (reverse("staff_search"), reverse("search_export")):
        response = client.get(url, dates)
        assert response.status_code in (200, 400)
    response = client.get(reverse("staff_search"), dates)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a date from 1900-01-01 to 9998-12-31." in page
    for value in dates.values():
        assert f'value="{value}"' in page


def test_saved_searches_are_personal(client, staff, cases):
    client.force_login(staff["handler"])
    response = client.post(
        reverse("saved_search_create"),
        {"name": "Phone refunds", "query_string": "q=refund&channel=phone&csrfmiddlewaretoken=x"},
    )
    saved = SavedSearch.objects.get(owner=staff["handler"])
    assert saved.query_string == "q=refund&channel=phone"
    assert response["Location"].endswith("?q=refund&channel=phone")
    page = client.get(reverse("staff_search")).content.decode()
    assert "Phone refunds" in page and "?q=refund&amp;channel=phone" in page
    # Saving again under the same name replaces it.
    client.post(reverse("saved_search_create"), {"name": "Phone refunds", "query_string": "q=x"})
    assert SavedSearch.objects.get(owner=staff["handler"]).query_string == "q=x"
    client.get(reverse("staff_search"))  # shows (and so clears) the confirmation
    # Nobody else sees or deletes it.
    client.force_login(staff["outsider"])
    assert "Phone refunds" not in client.get(reverse("staff_search")).content.decode()
    response = client.post(reverse("saved_search_delete", args=[saved.pk]), follow=True)
    assert response.status_code == 404 and SavedSearch.objects.filter(pk=saved.pk).exists()
    client.force_login(staff["handler"])
    client.post(reverse("saved_search_delete", args=[saved.pk]))
    assert not SavedSearch.objects.exists()
    # A name is required.
    response = client.post(reverse("saved_search_create"), {"name": "", "query_string": "q=y"})
    assert response.status_code == 302 and not SavedSearch.objects.exists()


@pytest.mark.iso("4.10")
@pytest.mark.iso("8.5")
def test_csv_export_respects_visibility_holds_no_personal_data_and_is_recorded(
    client, staff, cases
):
    client.force_login(staff["handler"])
    response = client.get(reverse("search_export"), {"q": "refund"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:3] == ["Tracking number", "Type", "Status"]
    references = {row[0] for row in rows[1:]}
    assert references == {cases["mine"].reference, cases["formula"].reference}
    assert "Selin" not in content and "selin@example.org" not in content
    export = SearchExport.objects.get()
    assert (
        export.user == staff["handler"] and export.rows == 2 and export.query_string == "q=refund"
    )


def test_csv_cells_never_start_a_formula(client, staff, cases):
    from search.views import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _cell("-3") == "'-3"
    assert _cell("CMP-1") == "CMP-1" and _cell(None) == ""


@pytest.mark.iso("5.4")
def test_search_pages_need_the_permission(client, staff, cases, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x")
    client.force_login(nobody)
    for name in ("staff_search", "search_export"):
        assert client.get(reverse(name)).status_code == 403
    assert client.post(reverse("saved_search_create"), {"name": "n"}).status_code == 403
    client.logout()
    assert client.get(reverse("search_export")).status_code == 302
