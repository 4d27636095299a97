import re

from django.urls import reverse

import pytest


@pytest.mark.django_db
@pytest.mark.iso("5.4")
def test_staff_pages_need_a_login_and_open_for_each_role(client, staff):
    assert client.get("/staff/accounts/login/").status_code == 200
    response = client.get(reverse("cases:complaint:inbox"))
    assert response.status_code == 302 and "/staff/accounts/login/" in response["Location"]
    for role in ("intake", "handler", "supervisor", "manager", "auditor"):
        client.force_login(staff[role])
        assert client.get("/staff/", follow=True).status_code == 200, role
        assert client.get(reverse("cases:complaint:inbox")).status_code == 200, role
        assert client.get(reverse("cases:complaint:queue")).status_code == 200, role
        assert client.get(reverse("staff_search"), {"q": "anything"}).status_code == 200, role


@pytest.mark.django_db
@pytest.mark.iso("6.1")
def test_the_process_chart_is_drawn_from_the_flow(client, staff):
    client.force_login(staff["manager"])
    response = client.get(reverse("cases:complaint:chart"))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.iso("5.4")
def test_people_without_a_staff_role_are_refused(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="customer"))
    assert client.get(reverse("cases:complaint:inbox")).status_code == 403
    assert client.get(reverse("staff_search"), {"q": "x"}).status_code == 403


@pytest.mark.django_db
@pytest.mark.iso("4.10")
def test_attachments_only_for_staff_who_may_see_the_case(client, staff, category, priority):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..conftest import make_case

    case = make_case(
        category,
        description="Photo attached",
        attachments=[SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(32))],
    )
    attachment = case.attachments.get()
    url = reverse("attachment_download", args=[attachment.pk])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(staff["outsider"])
    assert client.get(url).status_code == 403
    client.force_login(staff["handler"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert 'filename="photo.png"' in response["Content-Disposition"]
    # Opening personal files is recorded in the case history.
    assert case.events.filter(kind="attachment_viewed", actor=staff["handler"]).exists()


@pytest.mark.django_db
@pytest.mark.iso("5.1")
@pytest.mark.iso("6.3")
@pytest.mark.iso("6.4")
def test_complaints_managers_configure_deadlines_teams_and_categories_in_the_cms(
    client, staff, priority, category
):
    edit = f"/cms/snippets/workflow/priority/edit/{priority.pk}/"
    client.force_login(staff["manager"])
    page = client.get(edit)
    assert page.status_code == 200
    body = page.content.decode()
    # Every step's deadline, and the name in every language.
    for field in ("assess_hours", "approve_hours", "review_hours", "close_hours", "name_ar"):
        assert f'name="{field}"' in body, field
    assert client.get(f"/cms/snippets/workflow/category/edit/{category.pk}/").status_code == 200
    handling = client.get("/cms/settings/workflow/handlingsettings/", follow=True)
    assert handling.status_code == 200
    for field in ("approval_severity", "approval_amount", "reply_days", "external_recourse_ar"):
        assert f'name="{field}"' in handling.content.decode(), field
    # Handlers and auditors do not configure the process.
    for role in ("handler", "auditor"):
        client.force_login(staff[role])
        assert client.get(edit).status_code in (302, 403), role


@pytest.mark.django_db
@pytest.mark.iso("4.3")
@pytest.mark.iso("4.15")
def test_my_work_lists_my_tasks_and_my_teams_overdue_first(client, staff, category, priority):
    from datetime import timedelta

    from django.utils import timezone

    from workflow.models import Case
    from workflow.scenarios import CaseDriver

    from ..conftest import make_case

    def assessed(description):
        case = make_case(category, description=description)
        return CaseDriver(case, intake=staff["intake"], handler=staff["handler"]).assess().case

    later, overdue = assessed("Later"), assessed("Overdue")
    Case.objects.filter(pk=overdue.pk).update(due_at=timezone.now() - timedelta(hours=2))
    Case.objects.filter(pk=later.pk).update(
        due_at=timezone.now() + timedelta(days=3), escalation_level=1
    )
    client.force_login(staff["handler"])
    page = client.get("/staff/", follow=True).content.decode()
    mine = page.split("My teams")[0]
    assert mine.index(overdue.reference) < mine.index(later.reference)
    assert "overdue" in mine
    # The supervisor sees them as the team's tasks, with who has them.
    client.force_login(staff["supervisor"])
    team_part = client.get("/staff/work/").content.decode().split("My teams")[1]
    assert overdue.reference in team_part
    assert later.reference in team_part
    # Workload: managers see counts per team and per person; handlers may not.
    assert client.get("/staff/workload/").status_code == 403
    client.force_login(staff["manager"])
    workload = client.get("/staff/workload/").content.decode()
    billing_row = workload.split('<th scope="row">Billing</th>')[1].split("</tr>")[0]
    assert re.findall(r"<td>(\d+)</td>", billing_row) == ["2", "1", "1"]
    person = staff["handler"].get_full_name()
    person_row = workload.split(f'<th scope="row">{person}</th>')[1].split("</tr>")[0]
    assert re.findall(r"<td>(\d+)</td>", person_row) == ["2", "1", "1"]


@pytest.mark.django_db
@pytest.mark.iso("4.5")
@pytest.mark.iso("7.2")
def test_staff_record_feedback_received_by_phone_on_the_persons_behalf(
    client, staff, category, priority, django_capture_on_commit_callbacks
):
    from django.core import mail

    from workflow.models import Case

    data = {
        "kind": "complaint",
        "channel": "phone",
        "category": category.pk,
        "description": "Called about a double charge.",
        "name": "Yusuf Kaya",
        "phone": "+90 532 000 0000",
        "email": "yusuf@example.org",
        "language": "tr",
        "consent": "on",
    }
    client.force_login(staff["handler"])  # handlers do not take in feedback
    assert client.get("/staff/cases/new/").status_code == 403
    client.force_login(staff["intake"])
    refused = client.post("/staff/cases/new/", {**data, "consent": ""})
    assert (
        refused.status_code == 400 and "Called about a double charge." in refused.content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        recorded = client.post("/staff/cases/new/", data)
    assert recorded.status_code == 302
    case = Case.objects.get()
    assert case.channel == Case.Channel.PHONE and case.language == "tr"
    assert case.events.get(kind="received").actor == staff["intake"]
    assert case.status == Case.Status.ASSESSMENT
    # The person is acknowledged in Turkish; staff see the numbers to give on the phone.
    assert mail.outbox[-1].to == ["yusuf@example.org"]
    page = client.get(recorded["Location"]).content.decode()
    assert case.reference in page and "access code" in page


@pytest.mark.django_db
@pytest.mark.iso("4.9")
def test_staff_give_the_date_it_happened_as_day_month_and_year_like_the_public_form(
    client, staff, category, priority
):
    """Not the browser's date control (mm/dd/yyyy whatever the page's language): three
    labelled inputs in a fieldset, the public form's rules (no future, four-digit years,
    digits of any script), and what was typed kept beside the error."""
    from workflow.models import Case

    data = {
        "kind": "complaint",
        "channel": "post",
        "category": category.pk,
        "description": "A letter about a broken meter.",
        "language": "ar",
        "consent": "on",
    }
    client.force_login(staff["intake"])
    form = client.get("/staff/cases/new/").content.decode()
    assert 'type="date"' not in form
    assert "<legend>When it happened:</legend>" in form
    for part, name in (("0", "day"), ("1", "month"), ("2", "year")):
        assert f'<label for="id_occurred_on_{part}">' in form
        assert f'name="occurred_on_{name}"' in form
    future = {"occurred_on_day": "3", "occurred_on_month": "2", "occurred_on_year": "2099"}
    refused = client.post("/staff/cases/new/", {**data, **future})
    page = refused.content.decode()
    assert refused.status_code == 400 and "The date must be today or in the past." in page
    assert 'value="2099"' in page and "A letter about a broken meter." in page
    short = client.post("/staff/cases/new/", {**data, "occurred_on_day": "3"})
    assert "The date must include a month and a year." in short.content.decode()
    arabic_digits = {"occurred_on_day": "٣", "occurred_on_month": "٢", "occurred_on_year": "٢٠٢٦"}
    assert client.post("/staff/cases/new/", {**data, **arabic_digits}).status_code == 302
    assert Case.objects.get().occurred_on.isoformat() == "2026-02-03"


@pytest.mark.django_db
def test_merging_a_duplicate_keeps_its_files_and_tells_the_person(
    client, staff, category, priority, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.core.files.uploadedfile import SimpleUploadedFile

    from workflow.models import Case

    from ..conftest import make_case

    with django_capture_on_commit_callbacks(execute=True):
        kept = make_case(category, description="Double charge", email="a@example.org")
        duplicate = make_case(
            category,
            description="Double charge again",
            email="a@example.org",
            attachments=[SimpleUploadedFile("bill.pdf", b"%PDF-1.4\n" + bytes(64))],
        )
    page = f"/staff/cases/{duplicate.reference}/"
    client.force_login(staff["auditor"])
    assert client.post(page, {"action": "merge", "merge-into": kept.reference}).status_code == 403
    client.force_login(staff["supervisor"])
    unknown = client.post(page, {"action": "merge", "merge-into": "CMP-2222-2222"})
    assert unknown.status_code == 400 and "No case you can see" in unknown.content.decode()
    itself = client.post(page, {"action": "merge", "merge-into": duplicate.reference})
    assert itself.status_code == 400 and "cannot be merged into itself" in itself.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        merged = client.post(
            page, {"action": "merge", "merge-into": kept.reference.lower().replace("-", "")}
        )
    assert merged.status_code == 302 and merged["Location"].endswith(f"/{kept.reference}/")
    duplicate.refresh_from_db()
    assert duplicate.status == Case.Status.CLOSED and duplicate.merged_into == kept
    assert duplicate.process.status == "CANCELED"
    assert not duplicate.process.task_set.filter(finished__isnull=True).exists()
    assert kept.attachments.get().original_name == "bill.pdf"
    assert kept.events.get(kind="duplicate_added").data["duplicate"] == duplicate.reference
    assert mail.outbox[-1].to == ["a@example.org"]
    assert "handling them together" in mail.outbox[-1].body
    # The duplicate's page says so, and offers no survey of its own.
    from ..conftest import case_page

    client.logout()
    public = client.get(case_page(client, duplicate)).content.decode()
    assert "Handled together with another case" in public
    assert 'name="survey-overall"' not in public


@pytest.mark.django_db
def test_the_case_page_links_the_chart_of_its_process(client, staff, category, priority):
    from ..conftest import make_case

    case = make_case(category)
    client.force_login(staff["supervisor"])
    page = client.get(f"/staff/cases/{case.reference}/").content.decode()
    chart = re.search(r'href="([^"]+)">The process of this case', page).group(1)
    assert client.get(chart).status_code == 200


@pytest.mark.django_db
def test_staff_choose_the_language_of_their_pages(client, staff):
    client.force_login(staff["handler"])
    assert 'name="language"' in client.get("/staff/work/").content.decode()
    client.post("/i18n/setlang/", {"language": "el", "next": "/staff/work/"})
    page = client.get("/staff/work/").content.decode()
    assert "Οι εργασίες μου" in page
