"""Audit evidence (ISO 10002 8.5, 4.9): an auditor draws a sample of cases (random with a
seed, or by criteria), downloads each case's full timeline as PDF and CSV in a ZIP with a
manifest of checksums, and every export is recorded; internal audits with their findings.
Over HTTP as each role."""

import csv
import hashlib
import io
import json
import zipfile
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone, translation

import pytest
import time_machine
from pypdf import PdfReader

from improvement.models import AuditExport, AuditFinding, InternalAudit
from improvement.pdf import pdf_render, pdf_render_each
from improvement.selectors import audit as audit_selectors
from improvement.selectors.audit import SampleRequest, audit_sample, audit_timelines
from workflow import roles, services
from workflow.models import Case, CaseEvent, OutboxMessage
from workflow.scenarios import CaseDriver

from ..conftest import make_case
from ..factories import CaseFactory, CategoryFactory, ComplainantFactory, UserFactory

EXPORT_URL = "/staff/improvement/audit/"
AUDITS_URL = "/staff/improvement/audits/"

pytestmark = [pytest.mark.iso("8.5"), pytest.mark.iso("4.9")]


def _at(day: int, month: int = 3) -> datetime:
    return timezone.make_aware(datetime(2026, month, day, 10, 0))


def _period(**fields) -> dict:
    return {"period_start": "2026-03-01", "period_end": "2026-03-31", **fields}


@pytest.fixture
def reviewer(staff):
    return UserFactory(username="reviewer", role=roles.REVIEWER)


@pytest.fixture
def top(staff):
    return UserFactory(username="top", role=roles.TOP_MANAGEMENT)


@pytest.fixture
def exported(client, django_capture_on_commit_callbacks):
    """Ask for an export as the signed-in user (the worker's task runs when the request's
    transaction commits), then download its ZIP from the link the page gives."""

    def export(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            asked = client.post(EXPORT_URL, data, **extra)
        assert asked.status_code == 302 and asked["Location"] == EXPORT_URL, asked.content[:300]
        latest = AuditExport.objects.order_by("-pk").first()
        assert latest.state == AuditExport.State.READY, latest.error
        link = f"{EXPORT_URL}{latest.uid}/zip/"
        assert link in client.get(EXPORT_URL).content.decode()
        response = client.get(link)
        response.bytes = b"".join(response.streaming_content) if response.streaming else b""
        return response

    return export


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.bytes))


def _csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


# --- the sample -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_seed_draws_the_same_cases_and_only_from_the_period(
    client, staff, category, exported
):
    inside = [CaseFactory(category=category, received_at=_at(day)) for day in range(1, 13)]
    before = CaseFactory(category=category, received_at=_at(28, month=2))
    after = CaseFactory(category=category, received_at=_at(1, month=4))
    sample = SampleRequest(
        period_start=date(2026, 3, 1),
        period_end=date(2026, 3, 31),
        method=AuditExport.Method.RANDOM,
        seed=2026,
        size=5,
    )
    first = audit_sample(user=staff["auditor"], sample=sample)
    assert len(first) == 5 and len(set(first)) == 5
    assert first == audit_sample(user=staff["auditor"], sample=sample)
    assert set(first) <= {case.pk for case in inside}
    assert before.pk not in first and after.pk not in first
    # Oldest first.
    received = list(Case.objects.filter(pk__in=first).order_by("received_at").values_list("pk"))
    assert first == [pk for (pk,) in received]
    # Another seed draws another sample; a size above the population takes all of it.
    other = SampleRequest(**{**sample.__dict__, "seed": 2027})
    assert audit_sample(user=staff["auditor"], sample=other) != first
    everything = SampleRequest(**{**sample.__dict__, "size": 50})
    assert sorted(audit_sample(user=staff["auditor"], sample=everything)) == sorted(
        case.pk for case in inside
    )
    # Over HTTP: two exports with the same seed hold the same tracking numbers.
    client.force_login(staff["auditor"])
    form = _period(method="random", size="5", seed="2026")
    _zip(exported(form))
    _zip(exported(form))
    one, two = AuditExport.objects.order_by("pk")
    assert one.cases == two.cases == [Case.objects.get(pk=pk).reference for pk in first]
    assert one.seed == two.seed == 2026 and one.size == 5


@pytest.mark.django_db
def test_an_empty_seed_is_chosen_and_recorded_so_the_sample_can_be_drawn_again(
    client, staff, category, exported
):
    for day in range(1, 9):
        CaseFactory(category=category, received_at=_at(day))
    client.force_login(staff["auditor"])
    _zip(exported(_period(method="random", size="3", seed="")))
    export = AuditExport.objects.get()
    assert export.seed is not None
    again = SampleRequest(
        period_start=date(2026, 3, 1),
        period_end=date(2026, 3, 31),
        method="random",
        seed=export.seed,
        size=3,
    )
    drawn = audit_sample(user=staff["auditor"], sample=again)
    assert [Case.objects.get(pk=pk).reference for pk in drawn] == export.cases
    # The page fills the form in as for that export, to draw the same sample again.
    page = client.get(f"{EXPORT_URL}?again={export.uid}").content.decode()
    assert f'name="seed" value="{export.seed}"' in page
    assert 'name="size" value="3"' in page and 'name="period_start" value="2026-03-01"' in page
    assert client.get(f"{EXPORT_URL}?again=not-a-number").status_code == 200


@pytest.mark.django_db
def test_criteria_select_exactly_the_matching_cases(staff, category):
    other = CategoryFactory(code="delivery", team=staff["other_team"])
    base = {"received_at": _at(10)}
    a = CaseFactory(category=category, channel="phone", status="closed", **base)
    b = CaseFactory(category=category, channel="web", escalation_level=1, **base)
    c = CaseFactory(category=category, channel="web", reply="contested", status="review", **base)
    d = CaseFactory(category=other, channel="phone", escalation_level=2, reply="accepted", **base)
    e = CaseFactory(category=other, channel="email", status="closed", **base)

    def drawn(**criteria):
        sample = SampleRequest(date(2026, 3, 1), date(2026, 3, 31), **criteria)
        return set(audit_sample(user=staff["auditor"], sample=sample))

    assert drawn() == {a.pk, b.pk, c.pk, d.pk, e.pk}
    assert drawn(categories=("billing",)) == {a.pk, b.pk, c.pk}
    assert drawn(teams=("service",)) == {d.pk, e.pk}
    assert drawn(channels=("phone", "email")) == {a.pk, d.pk, e.pk}
    assert drawn(statuses=("closed",)) == {a.pk, e.pk}
    assert drawn(escalated=True) == {b.pk, d.pk}
    assert drawn(escalated=False) == {a.pk, c.pk, e.pk}
    assert drawn(contested=True) == {c.pk}
    assert drawn(contested=False) == {a.pk, b.pk, d.pk, e.pk}
    assert drawn(categories=("delivery",), channels=("phone",), escalated=True) == {d.pk}


@pytest.mark.django_db
def test_criteria_over_http_export_exactly_the_matching_cases(client, staff, category, exported):
    phone = CaseFactory(category=category, channel="phone", received_at=_at(3))
    CaseFactory(category=category, channel="web", received_at=_at(4))
    client.force_login(staff["auditor"])
    archive = _zip(exported(_period(method="criteria", channels=["phone"])))
    export = AuditExport.objects.get()
    assert export.cases == [phone.reference] and export.case_count == 1
    assert export.criteria == {"channels": ["phone"]}
    assert [row[0] for row in _csv(archive.read("cases.csv"))[1:]] == [phone.reference]


@pytest.mark.django_db
def test_a_sample_too_large_or_empty_is_refused_with_a_translated_error(
    client, staff, category, monkeypatch
):
    monkeypatch.setattr(audit_selectors, "EXPORT_MAX_CASES", 3)
    for day in range(1, 5):
        CaseFactory(category=category, received_at=_at(day))
    client.force_login(staff["auditor"])
    refused = client.post(EXPORT_URL, _period(method="criteria"))
    assert refused.status_code == 400
    assert "4 cases match: an export holds at most 3." in refused.content.decode()
    arabic = client.post(EXPORT_URL, _period(method="criteria"), HTTP_ACCEPT_LANGUAGE="ar")
    assert arabic.status_code == 400
    assert "عدد الحالات المطابقة: 4" in arabic.content.decode()
    empty = client.post(
        EXPORT_URL, _period(method="criteria", period_start="2025-01-01", period_end="2025-01-31")
    )
    assert empty.status_code == 400
    assert "No case you can see matches" in empty.content.decode()
    backwards = client.post(EXPORT_URL, _period(period_start="2026-03-31", period_end="2026-03-01"))
    assert backwards.status_code == 400
    assert "The end of the period is before its start." in backwards.content.decode()
    no_size = client.post(EXPORT_URL, _period(method="random", size=""))
    assert no_size.status_code == 400
    assert "Say how many cases the random sample holds." in no_size.content.decode()
    assert not AuditExport.objects.exists()


# --- the ZIP ----------------------------------------------------------------------------


@pytest.fixture
def handled_case(staff, category, priority, reviewer, django_capture_on_commit_callbacks):
    """A complaint through every stage: a response sent back and drafted again, approved,
    contested, reviewed, closed, the survey answered, every notification delivered."""
    with (
        time_machine.travel(_at(2), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        case = make_case(
            category,
            email="amira@example.net",
            name="Amira Haddad",
            description="Charged twice for the March invoice.",
        )
    driver = CaseDriver(
        case,
        intake=staff["intake"],
        handler=staff["handler"],
        supervisor=staff["supervisor"],
        reviewer=reviewer,
    )
    steps = [
        (3, lambda: driver.assess(severity="high")),
        (4, lambda: driver.investigate("The second charge is a duplicate.", "Batch re-run")),
        (5, lambda: driver.respond("We apologise.")),
        (6, lambda: driver.approve(approved=False, comments="Offer a refund as well.")),
        (9, lambda: driver.respond("We apologise and refund 40 EUR.", compensation=Decimal(40))),
        (10, lambda: driver.approve()),
        (11, lambda: driver.reply(accepted=False, reasons="Refund the fees too.")),
        (16, lambda: driver.review("upheld", "The refund is right.")),
        (17, lambda: driver.close("Refunded.")),
        (
            18,
            lambda: services.survey_answer(
                case=driver.case, overall=4, ease=5, fairness=3, timeliness=2, comment="Slow."
            ),
        ),
    ]
    for day, step in steps:
        with (
            time_machine.travel(_at(day), tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            step()
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    return case


@pytest.mark.django_db
def test_the_zip_holds_a_pdf_and_a_csv_per_case_cases_csv_and_a_manifest_whose_checksums_match(
    client, staff, category, handled_case, exported
):
    plain = CaseFactory(category=category, received_at=_at(20))
    client.force_login(staff["auditor"])
    with time_machine.travel(_at(25), tick=False):
        response = exported(_period(method="criteria"))
    archive = _zip(response)
    references = [handled_case.reference, plain.reference]
    assert sorted(archive.namelist()) == sorted(
        ["cases.csv", "manifest.json"]
        + [f"cases/{ref}/timeline.{ext}" for ref in references for ext in ("pdf", "csv")]
    )
    assert response["Content-Disposition"].startswith(
        'attachment; filename="audit-export-20260325-'
    )
    manifest_bytes = archive.read("manifest.json")
    manifest = json.loads(manifest_bytes)
    listed = {item["path"]: item for item in manifest["files"]}
    assert sorted(listed) == sorted(set(archive.namelist()) - {"manifest.json"})
    for path, item in listed.items():
        content = archive.read(path)
        assert item["sha256"] == hashlib.sha256(content).hexdigest()
        assert item["bytes"] == len(content)
    assert manifest["cases"] == references
    assert manifest["exported_by"] == "auditor" and manifest["method"] == "criteria"
    export = AuditExport.objects.get()
    assert manifest["export"] == str(export.uid)
    assert export.manifest_sha256 == hashlib.sha256(manifest_bytes).hexdigest()
    assert export.archive_sha256 == hashlib.sha256(response.bytes).hexdigest()
    assert export.archive_bytes == len(response.bytes)
    # cases.csv: one row per case, the facts (with personal data for an auditor).
    rows = _csv(archive.read("cases.csv"))
    header = rows[0]
    assert [row[0] for row in rows[1:]] == references
    first = dict(zip(header, rows[1], strict=True))
    assert first["Complainant's email"] == "amira@example.net"
    assert first["Root cause"] == "Batch re-run" and first["Review result"] == "Decision upheld"
    # Each PDF is a PDF of its own case.
    for ref in references:
        text = PdfReader(io.BytesIO(archive.read(f"cases/{ref}/timeline.pdf"))).pages[0]
        assert ref in text.extract_text()


@pytest.mark.django_db
def test_the_timeline_has_every_stage_and_every_draft_version(
    client, staff, handled_case, exported
):
    client.force_login(staff["auditor"])
    archive = _zip(exported(_period(method="criteria")))
    rows = _csv(archive.read(f"cases/{handled_case.reference}/timeline.csv"))
    assert rows[0] == ["When", "Stage", "Event", "By", "Shown to the complainant", "Details"]
    entries = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    stages = {entry["Stage"] for entry in entries}
    assert {
        "Receipt",
        "Acknowledgement",
        "Assessment",
        "Investigation",
        "Response draft",
        "Approval",
        "Decision",
        "Complainant's reply",
        "Review",
        "Closing",
        "Notification",
        "Delivery",
        "Survey",
        "Deadlines",
    } <= stages
    drafts = [entry for entry in entries if entry["Stage"] == "Response draft"]
    assert [(d["Event"], d["Details"].splitlines()[0]) for d in drafts] == [
        ("Response draft, version 1 of 2", "We apologise."),
        ("Response draft, version 2 of 2", "We apologise and refund 40 EUR."),
    ]
    assert drafts[0]["When"].startswith("2026-03-05") and drafts[1]["When"].startswith("2026-03-09")
    assert all(d["By"].endswith("(handler)") for d in drafts)
    approvals = [(e["Event"], e["Details"], e["By"]) for e in entries if e["Stage"] == "Approval"]
    assert [(kind, text) for kind, text, _by in approvals] == [
        ("Response sent back for changes", "Offer a refund as well."),
        ("Response approved", ""),
    ]
    assert all(by.endswith("(supervisor)") for _kind, _text, by in approvals)
    decision = next(e for e in entries if e["Event"] == "Decision sent")
    assert decision["Details"] == "We apologise and refund 40 EUR."
    assert decision["Shown to the complainant"] == "yes"
    reply = next(e for e in entries if e["Stage"] == "Complainant's reply")
    assert (reply["Event"], reply["Details"]) == ("Decision contested", "Refund the fees too.")
    review = next(e for e in entries if e["Stage"] == "Review")
    assert review["Details"].splitlines() == ["The refund is right.", "result: upheld"]
    survey = next(e for e in entries if e["Stage"] == "Survey")
    assert (
        "overall satisfaction: 4/5" in survey["Details"] and "comment: Slow." in survey["Details"]
    )
    # Every email queued for the case is listed with its delivery.
    emails = OutboxMessage.objects.filter(case=handled_case, channel="email")
    queued = [e for e in entries if e["Event"] == "Email queued"]
    delivered = [e for e in entries if e["Event"] == "Email delivered"]
    assert len(queued) == emails.count() >= 6
    assert len(delivered) == emails.filter(state="sent").count() == emails.count()
    assert any("to: amira@example.net" in e["Details"] for e in queued)
    # Oldest first.
    assert [e["When"] for e in entries] == sorted(e["When"] for e in entries)


@pytest.mark.django_db
def test_views_of_personal_data_are_in_the_timeline_and_the_export_is_one_of_them(
    client, staff, handled_case, exported
):
    client.force_login(staff["manager"])
    assert client.get(reverse("case_detail", args=[handled_case.reference])).status_code == 200
    client.force_login(staff["auditor"])
    _zip(exported(_period(method="criteria")))
    export = AuditExport.objects.get()
    # The export read the complainant's details: recorded in the case's history.
    viewed = handled_case.events.filter(kind=CaseEvent.Kind.DATA_VIEWED).order_by("pk")
    assert [(e.actor.username, e.data.get("via")) for e in viewed] == [
        ("manager", None),
        ("auditor", "audit_export"),
    ]
    assert viewed.last().data["export"] == str(export.uid)
    # A second export shows both earlier views.
    archive = _zip(exported(_period(method="criteria")))
    rows = _csv(archive.read(f"cases/{handled_case.reference}/timeline.csv"))
    views = [row for row in rows[1:] if row[1] == "Personal data viewed"]
    assert [row[3].split("(")[-1] for row in views] == ["manager)", "auditor)"]


@pytest.mark.django_db
def test_the_export_is_recorded_and_listed_for_auditors_and_managers(
    client, staff, category, exported
):
    CaseFactory(category=category, received_at=_at(5), channel="post")
    client.force_login(staff["auditor"])
    _zip(exported(_period(method="random", size="1", seed="42", channels=["post"])))
    export = AuditExport.objects.get()
    assert export.user == staff["auditor"]
    assert (export.period_start, export.period_end) == (date(2026, 3, 1), date(2026, 3, 31))
    assert (export.method, export.seed, export.size) == ("random", 42, 1)
    assert export.criteria == {"channels": ["post"]}
    assert export.personal_data is True and export.language == "en"
    assert export.case_count == 1 and len(export.cases) == 1
    with pytest.raises(ValueError, match="cannot be changed"):
        export.save()
    for user in (staff["auditor"], staff["manager"]):
        client.force_login(user)
        page = client.get(EXPORT_URL).content.decode()
        assert export.manifest_sha256 in page and export.cases[0] in page
        assert "seed 42, 1 cases asked" in page


@pytest.mark.django_db
def test_without_the_right_to_see_every_case_the_export_leaves_personal_data_out(
    client, staff, category, exported
):
    """A member of staff given the export permission without seeing all cases (not a role
    of ours, but a permission an administrator could give) exports their cases without the
    complainant's name, email or phone, in the facts and in the texts."""
    from django.contrib.auth.models import Permission

    user = staff["supervisor"]
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="improvement",
            codename__in=["view_auditexport", "add_auditexport"],
        )
    )
    complainant = ComplainantFactory(
        case=CaseFactory(category=category, received_at=_at(7)),
        name="Amira Haddad",
        email="amira@example.net",
        phone="+30 691 234 5678",
    )
    CaseEvent.objects.create(
        case=complainant.case, kind="note", note="Called amira@example.net back.", is_public=False
    )
    client.force_login(user)
    archive = _zip(exported(_period(method="criteria")))
    everything = b"".join(archive.read(name) for name in archive.namelist() if name.endswith("csv"))
    text = everything.decode("utf-8")
    assert "amira@example.net" not in text and "Amira Haddad" not in text
    assert "Called […] back." in text and "personal data not included" in text
    assert AuditExport.objects.get().personal_data is False
    assert not complainant.case.events.filter(kind=CaseEvent.Kind.DATA_VIEWED).exists()


@pytest.mark.django_db
def test_the_timelines_take_a_fixed_number_of_queries(
    staff, category, django_assert_max_num_queries
):
    cases = []
    for day in range(1, 6):
        case = ComplainantFactory(case=CaseFactory(category=category, received_at=_at(day))).case
        CaseEvent.objects.create(case=case, kind="received")
        CaseEvent.objects.create(case=case, kind="note", note="n", actor=staff["handler"])
        cases.append(case.pk)
    with django_assert_max_num_queries(5):
        timelines = audit_timelines(case_ids=cases, personal_data=True)
    assert [len(t.entries) for t in timelines] == [2, 2, 2, 2, 2]


# --- PDF in Arabic ----------------------------------------------------------------------


@pytest.mark.django_db
def test_an_arabic_export_pdf_is_laid_out_right_to_left_with_the_arabic_words(
    client, staff, category, exported
):
    case = CaseFactory(category=category, received_at=_at(8), language="ar")
    case.description = "تم خصم المبلغ مرتين من حسابي"
    case.save()
    client.force_login(staff["auditor"])
    archive = _zip(exported(_period(method="criteria"), HTTP_ACCEPT_LANGUAGE="ar"))
    assert AuditExport.objects.get().language == "ar"
    reader = PdfReader(io.BytesIO(archive.read(f"cases/{case.reference}/timeline.pdf")))
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    text = "".join(page.extract_text() for page in reader.pages)
    assert "تم خصم المبلغ مرتين من حسابي" in text
    # The headings are translated.
    assert "الجدول الزمني" in text and "رقم التتبع" in text
    rows = _csv(archive.read(f"cases/{case.reference}/timeline.csv"))
    assert rows[0][0] == "متى"


def test_the_pdf_module_renders_a_template_in_the_language_asked():
    english = pdf_render(
        template="improvement/audit_case_pdf.html",
        context={"documents": []},
        language="en",
        title="Nothing",
    )
    reader = PdfReader(io.BytesIO(english))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata.title == "Nothing"


@pytest.mark.django_db
def test_pdf_render_each_gives_one_pdf_per_document(staff, category):
    cases = [CaseFactory(category=category, received_at=_at(day)) for day in (1, 2, 3)]
    timelines = audit_timelines(case_ids=[c.pk for c in cases], personal_data=False)
    pdfs = pdf_render_each(
        template="improvement/audit_case_pdf.html",
        context={},
        documents=[{"title": t.case.reference, "timeline": t} for t in timelines],
        language="el",
    )
    assert len(pdfs) == 3
    for case, pdf in zip(cases, pdfs, strict=True):
        reader = PdfReader(io.BytesIO(pdf))
        text = "".join(page.extract_text() for page in reader.pages)
        assert case.reference in text
        assert [c.reference for c in cases if c.reference in text] == [case.reference]
        assert reader.metadata.title == case.reference
        assert reader.trailer["/Root"]["/Lang"] == "el"


# --- permissions ------------------------------------------------------------------------


@pytest.mark.django_db
def test_who_may_export_and_see_exports(client, staff, category, top, exported):
    CaseFactory(category=category, received_at=_at(5))
    form = _period(method="criteria")
    for name in ("handler", "supervisor", "intake"):
        client.force_login(staff[name])
        assert client.get(EXPORT_URL).status_code == 403
        assert client.post(EXPORT_URL, form).status_code == 403
    client.force_login(top)
    assert client.get(EXPORT_URL).status_code == 403
    assert client.post(EXPORT_URL, form).status_code == 403
    # Complaints managers see the record, without the form, and cannot export.
    client.force_login(staff["manager"])
    page = client.get(EXPORT_URL)
    assert page.status_code == 200 and 'name="method"' not in page.content.decode()
    assert client.post(EXPORT_URL, form).status_code == 403
    assert not AuditExport.objects.exists()
    client.force_login(staff["auditor"])
    page = client.get(EXPORT_URL)
    assert page.status_code == 200 and 'name="method"' in page.content.decode()
    _zip(exported(form))
    # Only the person who asked downloads the ZIP (what they were allowed to see).
    link = f"{EXPORT_URL}{AuditExport.objects.get().uid}/zip/"
    other = UserFactory(username="auditor2", role=roles.AUDITOR)
    client.force_login(other)
    assert link not in client.get(EXPORT_URL).content.decode()
    assert client.get(link).status_code == 403
    client.force_login(staff["manager"])
    assert client.get(link).status_code == 403
    client.logout()
    assert client.get(EXPORT_URL).status_code == 302
    assert client.get(link).status_code == 302


@pytest.mark.django_db
def test_an_export_whose_build_fails_says_so_and_reads_no_personal_data(
    client, staff, category, monkeypatch, django_capture_on_commit_callbacks
):
    from improvement.services import audit as audit_services

    def broken(**kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(audit_services, "pdf_render_each", broken)
    case = ComplainantFactory(case=CaseFactory(category=category, received_at=_at(5))).case
    client.force_login(staff["auditor"])
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(EXPORT_URL, _period(method="criteria"))
    assert asked.status_code == 302
    export = AuditExport.objects.get()
    assert (export.state, export.error) == ("failed", "OSError: disk full")
    assert export.cases == [case.reference] and not export.file
    page = client.get(EXPORT_URL).content.decode()
    assert "Failed: OSError: disk full" in page
    assert client.get(f"{EXPORT_URL}{export.uid}/zip/", follow=True).status_code == 404
    assert not case.events.filter(kind=CaseEvent.Kind.DATA_VIEWED).exists()


# --- internal audits --------------------------------------------------------------------


def _audit_form(**fields) -> dict:
    data = {
        "title": "Complaint handling 2026 Q1",
        "scope": "Clauses 7 and 8; every team.",
        "period_start": "2026-01-01",
        "period_end": "2026-03-31",
        "auditor": "Internal audit office",
        "audited_on": "2026-04-15",
        "closing_note": "",
        "findings-TOTAL_FORMS": "2",
        "findings-INITIAL_FORMS": "0",
        "findings-MIN_NUM_FORMS": "0",
        "findings-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    # What a browser posts for a blank finding: the status select's default.
    for number in range(int(data["findings-TOTAL_FORMS"])):
        data.setdefault(f"findings-{number}-status", "open")
    return data


@pytest.mark.django_db
def test_an_auditor_records_an_internal_audit_with_findings_and_edits_it(client, staff):
    client.force_login(staff["auditor"])
    assert client.get(AUDITS_URL + "new/").status_code == 200
    created = client.post(
        AUDITS_URL + "new/",
        _audit_form(
            **{
                "findings-0-severity": "minor",
                "findings-0-description": "Two acknowledgements were late.",
                "findings-0-action": "Check the clock's monitoring.",
                "findings-0-owner": staff["manager"].pk,
                "findings-0-due_on": "2026-05-31",
                "findings-0-status": "open",
            }
        ),
    )
    audit = InternalAudit.objects.get()
    assert created.status_code == 302 and created["Location"] == f"{AUDITS_URL}{audit.pk}/"
    assert audit.created_by == staff["auditor"] and audit.audited_on == date(2026, 4, 15)
    finding = audit.findings.get()
    assert (finding.severity, finding.owner, finding.due_on, finding.status) == (
        "minor",
        staff["manager"],
        date(2026, 5, 31),
        "open",
    )
    detail = client.get(f"{AUDITS_URL}{audit.pk}/").content.decode()
    assert "Two acknowledgements were late." in detail and "Minor nonconformity" in detail
    listing = client.get(AUDITS_URL).content.decode()
    assert "Complaint handling 2026 Q1" in listing
    # Close the finding, add a closing note and a second finding.
    edited = client.post(
        f"{AUDITS_URL}{audit.pk}/edit/",
        _audit_form(
            closing_note="All actions done.",
            **{
                "findings-TOTAL_FORMS": "3",
                "findings-INITIAL_FORMS": "1",
                "findings-0-id": finding.pk,
                "findings-0-audit": audit.pk,
                "findings-0-severity": "minor",
                "findings-0-description": "Two acknowledgements were late.",
                "findings-0-action": "Check the clock's monitoring.",
                "findings-0-owner": staff["manager"].pk,
                "findings-0-due_on": "2026-05-31",
                "findings-0-status": "done",
                "findings-1-severity": "observation",
                "findings-1-description": "Survey comments are not read weekly.",
                "findings-1-status": "open",
            },
        ),
    )
    assert edited.status_code == 302
    audit.refresh_from_db()
    assert audit.closing_note == "All actions done."
    assert list(audit.findings.values_list("status", flat=True)) == ["done", "open"]
    assert AuditFinding.objects.count() == 2


@pytest.mark.django_db
def test_bad_input_on_an_internal_audit_is_a_clear_error(client, staff):
    client.force_login(staff["auditor"])
    backwards = client.post(AUDITS_URL + "new/", _audit_form(period_end="2025-12-31"))
    assert backwards.status_code == 400
    assert "The end of the period is before its start." in backwards.content.decode()
    no_finding_text = client.post(
        AUDITS_URL + "new/", _audit_form(**{"findings-0-severity": "major"})
    )
    assert no_finding_text.status_code == 400
    assert "This field is required." in no_finding_text.content.decode()
    broken = client.post(AUDITS_URL + "new/", {"title": "x"})
    assert broken.status_code == 400
    assert not InternalAudit.objects.exists()


@pytest.mark.django_db
def test_who_may_read_and_write_internal_audits(client, staff, top):
    audit = InternalAudit.objects.create(
        title="Q1",
        scope="All",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        auditor="Office",
        audited_on=date(2026, 4, 1),
        created_by=staff["auditor"],
    )
    urls = [AUDITS_URL, f"{AUDITS_URL}{audit.pk}/"]
    for name in ("handler", "supervisor", "intake"):
        client.force_login(staff[name])
        for url in [*urls, AUDITS_URL + "new/", f"{AUDITS_URL}{audit.pk}/edit/"]:
            assert client.get(url).status_code == 403, (name, url)
    for user in (staff["manager"], top):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 200
        assert client.get(AUDITS_URL + "new/").status_code == 403
        assert client.get(f"{AUDITS_URL}{audit.pk}/edit/").status_code == 403
        assert client.post(AUDITS_URL + "new/", _audit_form()).status_code == 403
    assert InternalAudit.objects.count() == 1
    client.force_login(staff["auditor"])
    assert client.get(f"{AUDITS_URL}{audit.pk}/edit/").status_code == 200
    # An unknown audit: not found (after the language redirect of every unknown address).
    assert client.get(f"{AUDITS_URL}9999/", follow=True).status_code == 404


@pytest.mark.django_db
def test_the_audit_pages_work_in_every_language(client, staff):
    client.force_login(staff["auditor"])
    for language, word in [
        ("ar", "أدلة التدقيق"),
        ("el", "Αποδεικτικά ελέγχου"),
        ("it", "Evidenze di audit"),
        ("tr", "Denetim kanıtları"),
    ]:
        page = client.get(EXPORT_URL, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert word in page, language
    arabic = client.get(AUDITS_URL, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in arabic and "عمليات التدقيق الداخلي" in arabic


def _x_of(pdf: bytes, words: str) -> float:
    """Where on the first page (points from the left edge) the text run holding `words`
    starts: the layout's direction, read from the PDF's text operators (no fonts, no
    pixels)."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        if words in text:
            found.append(cm[4] + tm[4] * cm[0])

    page.extract_text(visitor_text=visit)
    assert found, words
    return found[0]


@pytest.mark.django_db
def test_arabic_pdfs_run_right_to_left_and_english_ones_left_to_right(staff, category):
    case = CaseFactory(category=category, received_at=_at(8))
    layouts = {}
    for language, label in (("en", "Tracking number"), ("ar", "رقم التتبع")):
        with translation.override(language):
            timelines = audit_timelines(case_ids=[case.pk], personal_data=False)
        (pdf,) = pdf_render_each(
            template="improvement/audit_case_pdf.html",
            context={},
            documents=[{"title": case.reference, "timeline": timelines[0]}],
            language=language,
        )
        width = float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width)
        layouts[language] = _x_of(pdf, label) / width
    # The label column of the case's facts: on the left in English, on the right in Arabic.
    assert layouts["en"] < 0.25 and layouts["ar"] > 0.5, layouts


@pytest.mark.django_db
def test_building_an_export_twice_records_its_reading_once(
    client, staff, category, monkeypatch, django_capture_on_commit_callbacks
):
    """The worker's task may run again (a worker taken for stopped): a finished export is
    left alone, and a run overtaken by another one that finished first changes nothing."""
    from improvement.services import audit as audit_services

    case = ComplainantFactory(case=CaseFactory(category=category, received_at=_at(5))).case
    client.force_login(staff["auditor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EXPORT_URL, _period(method="criteria"))
    export = AuditExport.objects.get()
    checksum = export.archive_sha256
    assert audit_services.audit_export_build(export_id=export.pk) == "ready"
    export.refresh_from_db()
    assert export.archive_sha256 == checksum
    assert case.events.filter(kind=CaseEvent.Kind.DATA_VIEWED).count() == 1
    # A second run that started while the first was still building.
    AuditExport.objects.filter(pk=export.pk).update(state="queued")
    real_archive = audit_services._archive

    def overtaken(export, timelines):
        built = real_archive(export, timelines)
        AuditExport.objects.filter(pk=export.pk).update(state="ready")  # the other run
        return built

    monkeypatch.setattr(audit_services, "_archive", overtaken)
    assert audit_services.audit_export_build(export_id=export.pk) == "ready"
    export.refresh_from_db()
    assert export.archive_sha256 == checksum
    assert case.events.filter(kind=CaseEvent.Kind.DATA_VIEWED).count() == 1


@pytest.mark.django_db
@pytest.mark.iso("8.5")
def test_a_zip_is_deleted_after_the_retention_period_and_its_record_stays(
    client, staff, category, exported, settings
):
    """The ZIP holds case timelines with personal data: the clock deletes it after
    AUDIT_EXPORT_KEEP_DAYS; the record of the export and its checksums stay listed."""
    from workflow import timers

    settings.AUDIT_EXPORT_KEEP_DAYS = 30
    CaseFactory(category=category, received_at=_at(5), channel="post")
    client.force_login(staff["auditor"])
    _zip(exported(_period(method="random", size="1", seed="7")))
    export = AuditExport.objects.get()
    name = export.file.name
    storage = export.file.storage
    assert storage.exists(name)
    built = export.built_at
    assert (
        timers.periodic_run_all(now=built + timedelta(days=29))["improvement.audit_exports_expire"]
        == 0
    )
    assert storage.exists(name)
    done = timers.periodic_run_all(now=built + timedelta(days=30, seconds=1))
    assert done["improvement.audit_exports_expire"] == 1
    export.refresh_from_db()
    assert export.state == AuditExport.State.EXPIRED and not export.file
    assert not storage.exists(name)
    gone = client.get(f"{EXPORT_URL}{export.uid}/zip/", follow=True)
    assert gone.status_code == 404 and not gone.get("Content-Disposition")
    page = client.get(EXPORT_URL).content.decode()
    assert export.manifest_sha256 in page and "Deleted after the retention period" in page
    assert (
        timers.periodic_run_all(now=built + timedelta(days=60))["improvement.audit_exports_expire"]
        == 0
    )
