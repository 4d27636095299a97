"""Management reviews (ISO 10002 5.2, 8.6): a review of a period freezes every figure of its
pack when it is prepared; the meeting, attendees, recommendations, decisions and actions
are recorded; top management signs it off, after which nothing changes and the pack (PDF
in the reader's language, CSV) downloads byte for byte the same. Exact figures from cases
recorded by the real services at moved times."""

import csv
import datetime
import hashlib
import io
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

import pytest
import time_machine
from pypdf import PdfReader

from improvement.models import (
    CorrectiveAction,
    InternalAudit,
    ManagementReview,
    Objective,
    ReviewDecision,
    ReviewPack,
    SignedOffError,
)
from improvement.selectors.reviews import review_inputs
from improvement.services import reviews as services
from improvement.services.actions import action_open
from workflow import roles
from workflow.models import Case, CaseEvent, RootCause

from ..factories import UserFactory
from .history import MARCH, MONDAY, NOW, at, event, quick_priority, received, three_cases

URL = "/staff/improvement/reviews/"

pytestmark = [pytest.mark.iso("8.6"), pytest.mark.iso("5.2")]


@pytest.fixture
def top(staff):
    return UserFactory(
        username="top", role=roles.TOP_MANAGEMENT, first_name="Tara", last_name="Top"
    )


@pytest.fixture
def history(staff, category):
    """The three cases of `history.three_cases`, two of them classified under a root cause;
    one escalation recorded in March; an objective; a corrective action opened in March;
    an internal audit in March (two findings, one done) and one in February (one open)."""
    a, b, c = three_cases(category, quick_priority())
    cause = RootCause.objects.create(
        code="double-billing", name="Double billing", name_ar="فوترة مزدوجة"
    )
    Case.objects.filter(pk__in=[a.pk, b.pk]).update(cause=cause)
    event(b, CaseEvent.Kind.ESCALATED, at(days=1, hours=2), level=1)
    Objective.objects.create(
        kpi="ack_within_day",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        target=Decimal("90"),
        direction=Objective.Direction.AT_LEAST,
    )
    with time_machine.travel(at(days=10), tick=False):
        action_open(
            actor=staff["manager"],
            kind=CorrectiveAction.Kind.CORRECTIVE,
            title="Fix the billing run",
            description="Invoices were sent twice.",
            owner=staff["manager"],
            due_on=datetime.date(2026, 4, 30),
            root_cause=cause,
            cases=[a, b],
        )
    march = InternalAudit.objects.create(
        title="Spring audit",
        scope="Billing complaints",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 2, 28),
        auditor="Outside body",
        audited_on=datetime.date(2026, 3, 20),
        created_by=staff["auditor"],
    )
    march.findings.create(severity="minor", description="Late replies", status="done")
    march.findings.create(severity="major", description="No root cause", status="open")
    february = InternalAudit.objects.create(
        title="Winter audit",
        scope="All",
        period_start=datetime.date(2025, 10, 1),
        period_end=datetime.date(2025, 12, 31),
        auditor="Internal",
        audited_on=datetime.date(2026, 2, 10),
        created_by=staff["auditor"],
    )
    february.findings.create(severity="observation", description="Form unclear", status="open")
    return a, b, c


def _figures(inputs) -> dict:
    return {row["code"]: row for row in inputs["kpis"]}


def _prepare(client, user, start="2026-03-01", end="2026-03-31"):
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        response = client.post(f"{URL}new/", {"period_start": start, "period_end": end})
    assert response.status_code == 302, response.content[:500]
    return ManagementReview.objects.order_by("-pk").first()


def _csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _x_of(pdf: bytes, words: str) -> float:
    """Where the text run holding `words` starts across its page (0 left, 1 right), read
    from the PDF's text operators."""
    reader = PdfReader(io.BytesIO(pdf))
    found = []
    for page in reader.pages:
        width = float(page.mediabox.width)

        def visit(text, cm, tm, font_dict, font_size, width=width):
            if words in text:
                found.append((cm[4] + tm[4] * cm[0]) / width)

        page.extract_text(visitor_text=visit)
    assert found, words
    return found[0]


def _pdf_text(content: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(content))
    # Words, each run of spaces and line breaks as one space (table cells wrap).
    return " ".join("\n".join(page.extract_text() for page in reader.pages).split()), reader


@pytest.mark.django_db
def test_the_inputs_are_exact(staff, history):
    with time_machine.travel(NOW, tick=False):
        review = services.review_create(
            actor=staff["manager"], period_start=MARCH[0], period_end=MARCH[1]
        )
    inputs = review.inputs
    figures = _figures(inputs)
    assert figures["received"]["actual"] == 3
    assert figures["closed"]["actual"] == 1
    assert figures["backlog"]["actual"] == 2
    assert figures["ack_within_day"]["actual"] == 66.7
    assert (figures["ack_within_day"]["numerator"], figures["ack_within_day"]["denominator"]) == (
        2,
        3,
    )
    assert figures["ack_within_day"]["target"] == "90.00"
    assert figures["ack_within_day"]["met"] is False
    assert Decimal(figures["compensation_paid"]["actual"]) == Decimal("100.00")
    assert figures["decide_hours_median"]["actual"] == 27.0
    assert inputs["months"] == [
        {"month": "2026-03-01", "received": 3, "closed": 1, "steps_within": 6, "steps_measured": 8}
    ]
    assert inputs["causes"]["received"] == 3
    assert inputs["causes"]["classified"] == 2
    assert [(row["code"], row["count"]) for row in inputs["causes"]["top"]] == [
        ("double-billing", 2)
    ]
    assert inputs["causes"]["top"][0]["names"]["ar"] == "فوترة مزدوجة"
    actions = inputs["actions"]
    assert (actions["opened"], actions["completed"], actions["effective"]) == (1, 0, 0)
    assert (actions["open_now"], actions["overdue_now"], actions["cancelled"]) == (1, 0, 0)
    assert [row["title"] for row in actions["rows"]] == ["Fix the billing run"]
    satisfaction = inputs["satisfaction"]
    assert (satisfaction["invited"], satisfaction["answered"]) == (1, 1)
    assert satisfaction["response_rate"] == 100.0
    assert satisfaction["means"]["overall"] == 4.0
    assert satisfaction["mean_all"] == 4.0
    assert satisfaction["distribution"]["overall"] == [0, 0, 0, 1, 0]
    assert inputs["escalations"] == {
        "cases_level_1": 2,
        "cases_level_2": 1,
        "events_level_1": 1,
        "events_level_2": 0,
    }
    findings = {row["severity"]: row for row in inputs["findings"]["by_severity"]}
    assert (findings["minor"]["open"], findings["minor"]["closed"]) == (0, 1)
    assert (findings["major"]["open"], findings["major"]["closed"]) == (1, 0)
    assert (findings["observation"]["open"], findings["observation"]["closed"]) == (0, 0)
    assert inputs["findings"]["earlier_open"] == 1
    assert inputs["previous"] is None


@pytest.mark.django_db
def test_frozen_figures_do_not_change_when_new_cases_arrive(client, staff, category, history):
    review = _prepare(client, staff["manager"])
    assert _figures(review.inputs)["received"]["actual"] == 3
    # Later, two more complaints of March are recorded (entered late, say).
    quick = history[0].priority
    received(category, at(days=3), priority=quick)
    received(category, at(days=4), priority=quick)
    with time_machine.travel(NOW + datetime.timedelta(days=2), tick=False):
        assert _figures(review_inputs(*MARCH))["received"]["actual"] == 5
        page = client.get(f"{URL}{review.pk}/")
    review.refresh_from_db()
    assert _figures(review.inputs)["received"]["actual"] == 3
    assert review.inputs["months"][0]["received"] == 3
    row = page.content.decode().split('id="review-kpi-received"')[1].split("</tr>")[0]
    assert "<td>3</td>" in row
    # A draft takes its figures again when asked.
    with time_machine.travel(NOW + datetime.timedelta(days=2), tick=False):
        assert client.post(f"{URL}{review.pk}/refresh/").status_code == 302
    review.refresh_from_db()
    assert _figures(review.inputs)["received"]["actual"] == 5


@pytest.mark.django_db
def test_the_page_shows_charts_with_data_tables(client, staff, history):
    review = _prepare(client, staff["manager"])
    with time_machine.travel(NOW, tick=False):
        page = client.get(f"{URL}{review.pk}/").content.decode()
    for chart in ("volume", "deadlines", "causes", "objectives"):
        assert f'id="chart-review-{chart}"' in page, chart
    assert page.count("<svg") == 4
    for table in ("kpis", "months", "causes", "actions", "satisfaction", "escalations"):
        assert f'id="table-review-{table}"' in page, table
    causes = page.split('id="table-review-causes"')[1].split("</table>")[0]
    assert "Double billing" in causes and "<td>2</td>" in causes
    assert "Fix the billing run" in page


@pytest.mark.django_db
def test_bad_periods_are_refused_with_a_message(client, staff):
    client.force_login(staff["manager"])
    with time_machine.travel(NOW, tick=False):
        backwards = client.post(
            f"{URL}new/", {"period_start": "2026-03-31", "period_end": "2026-03-01"}
        )
        future = client.post(
            f"{URL}new/", {"period_start": "2026-03-01", "period_end": "2026-04-30"}
        )
        garbage = client.post(f"{URL}new/", {"period_start": "soon", "period_end": ""})
    assert backwards.status_code == 400
    assert "The end date must be on or after the start date." in backwards.content.decode()
    assert future.status_code == 400
    assert "The period cannot end after today" in future.content.decode()
    assert garbage.status_code == 400
    assert not ManagementReview.objects.exists()


@pytest.mark.django_db
def test_the_pdf_holds_the_figures_in_english_and_in_arabic(client, staff, history):
    review = _prepare(client, staff["manager"])
    with time_machine.travel(NOW, tick=False):
        english = client.get(f"{URL}{review.pk}/pack.pdf")
        arabic = client.get(f"{URL}{review.pk}/pack.pdf", HTTP_ACCEPT_LANGUAGE="ar")
        greek = client.get(f"{URL}{review.pk}/pack.pdf?language=el")
    assert english["Content-Type"] == "application/pdf"
    text, reader = _pdf_text(english.content)
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "Indicators against objectives" in text
    assert "Acknowledged within one working day" in text and "66.7 %" in text
    assert "Double billing" in text and "Fix the billing run" in text
    assert "2 of 3" in text
    text, reader = _pdf_text(arabic.content)
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert "المؤشرات مقابل الأهداف" in text
    # Laid out right to left: the headings start on the right of the page, in English on
    # the left.
    assert _x_of(arabic.content, "المؤشرات مقابل الأهداف") > 0.5
    assert _x_of(english.content, "Indicators against objectives") < 0.25
    assert "فوترة مزدوجة" in text
    _text, reader = _pdf_text(greek.content)
    assert reader.trailer["/Root"]["/Lang"] == "el"
    # A draft's pack is made anew each time, never stored.
    assert not ReviewPack.objects.exists()


@pytest.mark.django_db
def test_the_csv_has_one_row_per_figure(client, staff, history):
    review = _prepare(client, staff["manager"])
    with time_machine.travel(NOW, tick=False):
        response = client.get(f"{URL}{review.pk}/pack.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response.content)
    assert rows[0] == [
        "Section",
        "Code",
        "Figure",
        "Period from",
        "Period until",
        "Scope",
        "Value",
        "Unit",
        "Objective",
        "Met",
    ]
    by_code = {(row[0], row[1], row[5]): row for row in rows[1:]}
    kpis = "Indicators against objectives"
    assert by_code[(kpis, "received", "Every case")][2:] == [
        "Received",
        "2026-03-01",
        "2026-03-31",
        "Every case",
        "3",
        "count",
        "",
        "",
    ]
    assert by_code[(kpis, "ack_within_day", "Every case")][6:] == [
        "66.7",
        "percent",
        "at least 90.00",
        "no",
    ]
    cause = by_code[("Root causes", "cause:double-billing", "Root cause: Double billing")]
    assert cause[6] == "2"
    assert by_code[("Trends by month", "received", "Every case")][3:7] == [
        "2026-03-01",
        "2026-03-31",
        "Every case",
        "3",
    ]
    assert by_code[("Escalations", "escalations:events_level_1", "Every case")][6] == "1"
    assert by_code[("Satisfaction", "survey:mean_overall", "Every case")][6] == "4.0"
    assert by_code[("Corrective and preventive actions", "actions:opened", "Every case")][6] == "1"
    assert (
        by_code[("Internal audit findings", "findings:major:open", "Major nonconformity")][6] == "1"
    )
    assert len(rows) == 1 + len(review.inputs["kpis"]) + 3 + 3 + 7 + 9 + 4 + 7


def _record_meeting(client, manager, review, **extra):
    data = {
        "meeting_date": "2026-04-01",
        "attendees": [manager.pk],
        "other_attendees": "Omar Outside, board member",
        "recommendations": "Bill once.",
        "decisions-TOTAL_FORMS": "2",
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "0",
        "decisions-MAX_NUM_FORMS": "100",
        "decisions-0-text": "Audit the billing run monthly",
        "decisions-0-owner": str(manager.pk),
        "decisions-0-due_on": "2026-06-30",
        "decisions-0-open_action": "on",
        "decisions-1-text": "",
        **extra,
    }
    return client.post(f"{URL}{review.pk}/edit/", data)


@pytest.mark.django_db
def test_the_meeting_and_its_decisions_are_recorded_and_an_action_opened(client, staff, history):
    review = _prepare(client, staff["manager"])
    with time_machine.travel(NOW, tick=False):
        response = _record_meeting(client, staff["manager"], review)
    assert response.status_code == 302, response.content.decode()[:2000]
    review.refresh_from_db()
    assert review.meeting_date == datetime.date(2026, 4, 1)
    assert list(review.attendees.all()) == [staff["manager"]]
    assert review.other_attendees == "Omar Outside, board member"
    (decision,) = review.decisions.all()
    action = decision.corrective_action
    assert action.title == "Audit the billing run monthly"
    assert action.owner == staff["manager"] and action.due_on == datetime.date(2026, 6, 30)
    assert action.log.get().kind == "opened"
    # Saved again, the decision keeps its one action.
    with time_machine.travel(NOW, tick=False):
        again = _record_meeting(
            client,
            staff["manager"],
            review,
            **{"decisions-INITIAL_FORMS": "1", "decisions-0-id": str(decision.pk)},
        )
    assert again.status_code == 302
    assert CorrectiveAction.objects.filter(title="Audit the billing run monthly").count() == 1
    # An action needs an owner who may own actions (top management may not).
    top = UserFactory(username="boss", role=roles.TOP_MANAGEMENT)
    with time_machine.travel(NOW, tick=False):
        refused = _record_meeting(
            client,
            staff["manager"],
            review,
            **{
                "decisions-1-text": "Hire",
                "decisions-1-owner": str(top.pk),
                "decisions-1-open_action": "on",
                "decisions-1-due_on": "2026-05-01",
            },
        )
    assert refused.status_code == 400
    assert "cannot own a corrective action" in refused.content.decode()
    assert ReviewDecision.objects.count() == 1


@pytest.mark.django_db
def test_sign_off_makes_it_immutable_and_the_pack_identical_every_time(
    client, staff, category, history, top
):
    review = _prepare(client, staff["manager"])
    client.force_login(top)
    with time_machine.travel(NOW, tick=False):
        # Not before the meeting is recorded.
        early = client.post(f"{URL}{review.pk}/sign-off/")
        assert early.status_code == 400
        assert "Record the date of the meeting before signing off." in early.content.decode()
        assert (
            _record_meeting(client, top, review, **{"decisions-0-open_action": ""}).status_code
            == 302
        )
        assert client.post(f"{URL}{review.pk}/sign-off/").status_code == 302
    review.refresh_from_db()
    assert review.is_signed_off and review.signed_off_by == top
    assert review.signed_off_at == NOW
    # Nothing changes any more: the pages, the services and the models refuse.
    client.force_login(staff["manager"])
    with time_machine.travel(NOW, tick=False):
        assert client.get(f"{URL}{review.pk}/edit/").status_code == 302
        assert _record_meeting(client, staff["manager"], review).status_code == 302
        client.post(f"{URL}{review.pk}/refresh/")
    review.refresh_from_db()
    assert review.recommendations == "Bill once." and review.decisions.count() == 1
    with pytest.raises(ValidationError):
        services.review_refresh(review=review, actor=staff["manager"])
    with pytest.raises(ValidationError):
        services.review_signoff(review=review, actor=top)
    review.recommendations = "Changed"
    with pytest.raises(SignedOffError):
        review.save()
    # (Django changes many-to-many links without a savepoint of its own: the refusal
    # breaks the transaction around it, as it would a request's.)
    with pytest.raises(SignedOffError), transaction.atomic():
        review.attendees.add(staff["auditor"])
    with pytest.raises(SignedOffError):
        ReviewDecision.objects.create(review=review, text="Late decision")
    with pytest.raises(SignedOffError):
        review.decisions.get().delete()
    with pytest.raises(SignedOffError):
        review.delete()
    # The pack: made and stored the first time, then the same bytes every time, even after
    # new cases arrived and the translations or templates could have changed.
    with time_machine.travel(NOW, tick=False):
        first_pdf = client.get(f"{URL}{review.pk}/pack.pdf")
        first_csv = client.get(f"{URL}{review.pk}/pack.csv")
    received(category, at(days=5), priority=history[0].priority)
    with time_machine.travel(NOW + datetime.timedelta(days=40), tick=False):
        second_pdf = client.get(f"{URL}{review.pk}/pack.pdf")
        second_csv = client.get(f"{URL}{review.pk}/pack.csv")
    assert first_pdf.content == second_pdf.content
    assert first_csv.content == second_csv.content
    stored = {pack.format: pack for pack in ReviewPack.objects.all()}
    assert set(stored) == {"pdf", "csv"}
    assert stored["pdf"].sha256 == hashlib.sha256(first_pdf.content).hexdigest()
    assert first_pdf["X-Content-SHA256"] == stored["pdf"].sha256
    assert stored["csv"].size == len(first_csv.content)
    text, _reader = _pdf_text(second_pdf.content)
    assert "Tara Top" in text and "Bill once." in text
    # A stored pack is never changed.
    with pytest.raises(SignedOffError):
        stored["pdf"].save()
    # A file damaged on disk is not served.
    with stored["csv"].file.open("wb") as handle:
        handle.write(b"tampered")
    damaged = client.get(f"{URL}{review.pk}/pack.csv")
    assert damaged.status_code == 409


@pytest.mark.django_db
def test_the_previous_review_decisions_are_an_input_of_the_next(client, staff, history, top):
    first = _prepare(client, staff["manager"], "2026-02-01", "2026-02-28")
    client.force_login(top)
    with time_machine.travel(NOW, tick=False):
        _record_meeting(client, top, first, **{"decisions-0-open_action": ""})
        client.post(f"{URL}{first.pk}/sign-off/")
    second = _prepare(client, staff["manager"])
    previous = second.inputs["previous"]
    assert previous["id"] == first.pk
    assert previous["period"] == ["2026-02-01", "2026-02-28"]
    assert [decision["text"] for decision in previous["decisions"]] == [
        "Audit the billing run monthly"
    ]
    with time_machine.travel(NOW, tick=False):
        page = client.get(f"{URL}{second.pk}/").content.decode()
    assert "Audit the billing run monthly" in page.split('id="table-review-previous"')[1]


@pytest.mark.django_db
def test_permissions_over_http(client, staff, history, top):
    review = _prepare(client, staff["manager"])
    reviewer = UserFactory(username="reviewer", role=roles.REVIEWER)
    pages = [
        URL,
        f"{URL}new/",
        f"{URL}{review.pk}/",
        f"{URL}{review.pk}/edit/",
        f"{URL}{review.pk}/sign-off/",
        f"{URL}{review.pk}/pack.csv",
    ]
    with time_machine.travel(NOW, tick=False):
        for user in (staff["handler"], staff["supervisor"], staff["intake"], reviewer):
            client.force_login(user)
            for page in pages:
                assert client.get(page).status_code == 403, (user, page)
            assert client.post(f"{URL}{review.pk}/refresh/").status_code == 403
        # Auditors read, change nothing.
        client.force_login(staff["auditor"])
        for page in (URL, f"{URL}{review.pk}/", f"{URL}{review.pk}/pack.csv"):
            assert client.get(page).status_code == 200, page
        for page in (f"{URL}new/", f"{URL}{review.pk}/edit/", f"{URL}{review.pk}/sign-off/"):
            assert client.get(page).status_code == 403, page
        assert client.post(f"{URL}{review.pk}/sign-off/").status_code == 403
        # Complaints managers prepare and record, but do not sign off.
        client.force_login(staff["manager"])
        for page in pages[:5]:
            expected = 403 if page.endswith("sign-off/") else 200
            assert client.get(page).status_code == expected, page
        assert client.post(f"{URL}{review.pk}/sign-off/").status_code == 403
        # Top management does everything, including the sign-off.
        client.force_login(top)
        for page in pages:
            assert client.get(page).status_code == 200, page
        # Anonymous people are sent to sign in.
        client.logout()
        assert client.get(URL).status_code == 302
    assert not ManagementReview.objects.get().is_signed_off


@pytest.mark.django_db
def test_the_dashboard_and_the_staff_home_link_the_reviews(client, staff, top):
    with time_machine.travel(NOW, tick=False):
        for user in (staff["manager"], staff["auditor"], top):
            client.force_login(user)
            assert f'href="{URL}"' in client.get("/staff/improvement/").content.decode()
            assert f'href="{URL}"' in client.get(reverse("my_work")).content.decode()
        client.force_login(staff["supervisor"])
        assert f'href="{URL}"' not in client.get("/staff/improvement/").content.decode()


@pytest.mark.django_db
def test_the_pages_work_in_arabic_right_to_left(client, staff, history):
    review = _prepare(client, staff["manager"])
    with time_machine.travel(NOW, tick=False):
        for page in (URL, f"{URL}new/", f"{URL}{review.pk}/", f"{URL}{review.pk}/edit/"):
            response = client.get(page, HTTP_ACCEPT_LANGUAGE="ar")
            assert response.status_code == 200, page
            assert 'dir="rtl"' in response.content.decode()
        detail = client.get(f"{URL}{review.pk}/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "مراجعات الإدارة" in detail and "فوترة مزدوجة" in detail


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("el", "Ανασκοπήσεις της διοίκησης"),
        ("it", "Riesami della direzione"),
        ("tr", "Yönetim gözden geçirmeleri"),
    ],
)
def test_the_pages_are_translated(client, staff, history, language, words):
    review = _prepare(client, staff["manager"])
    with time_machine.travel(NOW, tick=False):
        listing = client.get(URL, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        detail = client.get(f"{URL}{review.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        rows = _csv(client.get(f"{URL}{review.pk}/pack.csv", HTTP_ACCEPT_LANGUAGE=language).content)
    assert words in listing and words in detail
    assert rows[0][0] != "Section" and rows[1][0] != "Indicators against objectives"


@pytest.mark.django_db
def test_taking_the_inputs_does_not_grow_with_the_cases(
    staff, category, django_assert_max_num_queries
):
    quick = quick_priority()
    for day in range(3):
        received(category, MONDAY + datetime.timedelta(days=day), priority=quick)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(40) as few:
        review_inputs(*MARCH)
    counted = len(few.captured_queries)
    for day in range(6):
        received(category, MONDAY + datetime.timedelta(days=day, hours=1), priority=quick)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(counted):
        review_inputs(*MARCH)
