"""The process after the investigation, over HTTP as each role and as the complainant:
approval and send-back, accept, contest and independent review, no reply in time,
messages and internal notes, information added by the complainant, the survey."""

from datetime import timedelta

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
import time_machine

from workflow import process
from workflow.models import Case, CaseEvent, HandlingSettings, SurveyResponse
from workflow.tasks import sweep_task

from ..conftest import case_page, make_case
from ..factories import UserFactory


def _task(case, name):
    return case.process.task_set.get(
        flow_task=f"workflow/flows.ComplaintFlow.{name}", finished__isnull=True
    )


def _url(case, name, action="execute"):
    return reverse(f"cases:complaint:{name}:{action}", args=[case.process_id, _task(case, name).pk])


def _case_page(run, case):
    """The complainant's page of the case, opened in the complainant's browser."""
    return case_page(run.public, case)


@pytest.fixture
def reviewer(staff):
    from workflow import roles

    return UserFactory(username="reviewer", role=roles.REVIEWER)


def _to_response(run, staff, category, priority, severity="medium", **case_fields):
    """A submitted case, assessed and investigated over HTTP: the respond task is open."""
    case = run.submit(category, email="amira@example.net", phone="+30 691 234 5678", **case_fields)
    run(staff["intake"], _url(case, "assess", "assign"))
    assessed = run(
        staff["intake"],
        _url(case, "assess"),
        {
            "category": category.pk,
            "priority": priority.pk,
            "severity": severity,
            "handler": staff["handler"].pk,
        },
    )
    assert assessed.status_code == 302
    investigated = run(staff["handler"], _url(case, "investigate"), {"findings": "Confirmed."})
    assert investigated.status_code == 302
    case.refresh_from_db()
    return case


def _respond(run, staff, case, decision="We refund 40 EUR.", compensation=""):
    return run(
        staff["handler"],
        _url(case, "respond"),
        {"decision": decision, "compensation": compensation},
    )


@pytest.mark.django_db
@pytest.mark.iso("4.7")
@pytest.mark.iso("7.7")
def test_a_serious_response_needs_approval_and_can_be_sent_back(
    run, client, staff, category, priority
):
    case = _to_response(run, staff, category, priority, severity="high")
    mail.outbox.clear()
    assert _respond(run, staff, case, "We apologise.").status_code == 302
    case.refresh_from_db()
    # Nothing reaches the complainant before approval; the supervisor has the task and is
    # told so.
    assert case.status == Case.Status.APPROVAL and not case.decision_sent
    assert [message.to for message in mail.outbox] == [["supervisor@example.org"]]
    assert "New task for you" in mail.outbox[0].subject
    assert _task(case, "approve").owner == staff["supervisor"]
    assert "We apologise" not in run.public.get(_case_page(run, case)).content.decode()
    # The handler may not approve their own response.
    assert run(staff["handler"], _url(case, "approve"), {"approved": "yes"}).status_code == 403
    # Sending back needs a reason, which reaches the handler.
    refused = run(staff["supervisor"], _url(case, "approve"), {"approved": "no"})
    assert refused.status_code == 200 and "Say what should change" in refused.content.decode()
    sent_back = run(
        staff["supervisor"],
        _url(case, "approve"),
        {"approved": "no", "comments": "Offer a refund as well."},
    )
    assert sent_back.status_code == 302
    assert mail.outbox[-1].to == ["handler@example.org"]
    assert "Offer a refund as well." in mail.outbox[-1].body
    case.refresh_from_db()
    assert case.status == Case.Status.RESPONSE
    # The handler sees why, with the earlier draft to change.
    client.force_login(staff["handler"])
    page = client.get(_url(case, "respond")).content.decode()
    assert "Offer a refund as well." in page and "We apologise." in page
    assert _respond(run, staff, case, "We apologise and refund 40 EUR.").status_code == 302
    mail.outbox.clear()
    assert run(staff["supervisor"], _url(case, "approve"), {"approved": "yes"}).status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.DECIDED and case.decision_sent
    assert [message.to for message in mail.outbox] == [["amira@example.net"]]
    assert "refund 40 EUR" in mail.outbox[0].body
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds.count("response_drafted") == 2
    assert "sent_back" in kinds and "approved" in kinds
    # Approval and send-back are internal: the public timeline does not show them.
    assert not case.events.filter(kind__in=["sent_back", "approved"], is_public=True).exists()


@pytest.mark.django_db
@pytest.mark.iso("6.3")
@pytest.mark.iso("7.7")
def test_compensation_above_the_configured_amount_needs_approval(run, staff, category, priority):
    settings = HandlingSettings.load()
    settings.approval_amount = 100
    settings.save()
    small = _to_response(run, staff, category, priority)
    assert _respond(run, staff, small, compensation="50").status_code == 302
    small.refresh_from_db()
    assert small.status == Case.Status.DECIDED
    large = _to_response(run, staff, category, priority)
    assert _respond(run, staff, large, compensation="150.00").status_code == 302
    large.refresh_from_db()
    assert large.status == Case.Status.APPROVAL


@pytest.mark.django_db
@pytest.mark.iso("4.7")
@pytest.mark.iso("4.11")
@pytest.mark.iso("7.8")
@pytest.mark.iso("7.9")
def test_contest_goes_to_an_independent_reviewer_whose_outcome_is_final(
    run, client, staff, category, priority, reviewer
):
    settings = HandlingSettings.load()
    settings.external_recourse = "The Consumer Ombudsman, ombudsman.example."
    settings.external_recourse_el = "Ο Συνήγορος του Καταναλωτή, ombudsman.example."
    settings.save()
    case = _to_response(run, staff, category, priority, language="el")
    assert _respond(run, staff, case).status_code == 302
    page_url = _case_page(run, case)
    page = run.public.get(page_url).content.decode()
    assert "We refund 40 EUR." in page and 'name="reply-answer"' in page
    # Contesting needs reasons: the answer and the choice are kept on the error.
    refused = run(
        None, page_url, {"action": "reply", "reply-answer": "contest", "reply-reasons": ""}
    )
    assert refused.status_code == 400
    assert 'value="contest" checked' in refused.content.decode()
    mail.outbox.clear()
    contested = run(
        None,
        page_url,
        {"action": "reply", "reply-answer": "contest", "reply-reasons": "The refund is short."},
    )
    assert contested.status_code == 302
    case.refresh_from_db()
    assert case.reply == Case.Reply.CONTESTED and case.status == Case.Status.REVIEW
    # The handler hears of the contest; the eligible reviewers (the reviewer and the
    # complaints manager, who took no part) are told a review waits for them.
    assert ["handler@example.org"] in [message.to for message in mail.outbox]
    waiting = [message.to[0] for message in mail.outbox if "waits for you" in message.subject]
    assert sorted(waiting) == ["manager@example.org", "reviewer@example.org"]
    assert "The refund is short." in run.public.get(page_url).content.decode()
    # Nobody who took part may review: the manager handled nothing yet, but the intake
    # officer assessed it and the handler decided it; the handler has no reviewer role.
    manager = staff["manager"]
    case.named_staff.add(manager)
    assert run(manager, _url(case, "review", "assign")).status_code == 403
    assert run(staff["handler"], _url(case, "review", "assign")).status_code == 403
    # The reviewer sees the case in their search and takes the task.
    client.force_login(reviewer)
    found = client.get(reverse("staff_search"), {"q": case.reference})
    assert case.reference in found.content.decode()
    assert run(reviewer, _url(case, "review", "assign")).status_code == 302
    mail.outbox.clear()
    reviewed = run(
        reviewer,
        _url(case, "review"),
        {"result": "changed", "outcome": "We add 20 EUR for the delay."},
    )
    assert reviewed.status_code == 302
    case.refresh_from_db()
    assert case.reviewer == reviewer and case.status == Case.Status.CLOSING
    # The complainant hears the final outcome with the recourse, in their language.
    review_mail = mail.outbox[0]
    assert review_mail.to == ["amira@example.net"]
    assert "20 EUR" in review_mail.body and "Συνήγορος του Καταναλωτή" in review_mail.body
    page = run.public.get(page_url.replace("/en/", "/el/")).content.decode()
    assert "We add 20 EUR for the delay." in page and "Συνήγορος" in page
    assert 'name="reply-answer"' not in page  # no second reply
    assert run(staff["handler"], _url(case, "close"), {"note": ""}).status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED


@pytest.mark.django_db
@pytest.mark.iso("4.7")
def test_the_review_is_refused_to_anyone_involved_even_by_a_direct_post(
    run, staff, category, priority
):
    """The supervisor approved the response: as a complaints manager later they still may
    not review it."""
    from workflow import roles

    case = _to_response(run, staff, category, priority, severity="critical")
    assert _respond(run, staff, case).status_code == 302
    assert run(staff["supervisor"], _url(case, "approve"), {"approved": "yes"}).status_code == 302
    process.case_reply(case=case, accepted=False, reasons="Not enough.")
    staff["supervisor"].groups.add(
        __import__("django.contrib.auth.models", fromlist=["Group"]).Group.objects.get(
            name=roles.REVIEWER
        )
    )
    assert run(staff["supervisor"], _url(case, "review", "assign")).status_code == 403
    # Even a task handed over by an administrator is refused at completion.
    task = _task(case, "review")
    task.owner = staff["supervisor"]
    task.status = "ASSIGNED"
    task.save()
    refused = run(
        staff["supervisor"], _url(case, "review"), {"result": "upheld", "outcome": "Fine."}
    )
    assert refused.status_code == 200
    assert "cannot review it independently" in refused.content.decode()


@pytest.mark.django_db
@pytest.mark.iso("7.8")
@pytest.mark.iso("7.9")
def test_without_a_reply_in_time_the_decision_stands_and_the_case_goes_to_closing(
    run, staff, category, priority
):
    case = _to_response(run, staff, category, priority)
    assert _respond(run, staff, case).status_code == 302
    case.refresh_from_db()
    reply_by = case.due_at
    assert reply_by - case.decided_at == timedelta(days=HandlingSettings.load().reply_days)
    with time_machine.travel(reply_by - timedelta(minutes=1)):
        assert sweep_task.call()["timers"] == 0
    with time_machine.travel(reply_by + timedelta(minutes=1)):
        assert sweep_task.call()["timers"] == 1
    case.refresh_from_db()
    assert case.reply == Case.Reply.LAPSED and case.status == Case.Status.CLOSING
    assert case.events.filter(kind=CaseEvent.Kind.REPLY_LAPSED, is_public=True).exists()
    assert _task(case, "close").owner == staff["handler"]


@pytest.mark.django_db
@pytest.mark.iso("4.6")
@pytest.mark.iso("4.10")
def test_messages_reach_the_complainant_and_notes_stay_internal(
    run, client, staff, category, priority
):
    case = _to_response(run, staff, category, priority)
    staff_page = reverse("case_detail", args=[case.reference])
    mail.outbox.clear()
    sent = run(
        staff["handler"],
        staff_page,
        {"action": "message", "message-text": "Could you send the receipt?"},
    )
    assert sent.status_code == 302
    assert mail.outbox[0].to == ["amira@example.net"]
    assert "Could you send the receipt?" in mail.outbox[0].body
    assert (
        run(
            staff["handler"], staff_page, {"action": "note", "note-text": "Customer is a VIP."}
        ).status_code
        == 302
    )
    empty = run(staff["handler"], staff_page, {"action": "note", "note-text": " "})
    assert empty.status_code == 400
    # The staff page separates the two and shows who did what.
    page = client.get(staff_page).content.decode()
    public_part, internal_part = page.split('id="internal-heading"')
    assert "Could you send the receipt?" in public_part and "VIP" in internal_part
    # The complainant sees the message, not the note nor any staff name.
    public = run.public.get(_case_page(run, case)).content.decode()
    assert "Could you send the receipt?" in public
    assert "VIP" not in public and "handler" not in public.lower()
    # Auditors read but do not write; people outside the team see nothing.
    assert (
        run(staff["auditor"], staff_page, {"action": "note", "note-text": "x"}).status_code == 403
    )
    client.force_login(staff["auditor"])
    assert client.get(staff_page).status_code == 200
    client.force_login(staff["outsider"])
    assert client.get(staff_page).status_code == 403
    # Reading the complainant's details is recorded, per person.
    viewers = set(
        case.events.filter(kind=CaseEvent.Kind.DATA_VIEWED).values_list(
            "actor__username", flat=True
        )
    )
    assert viewers == {"handler", "auditor"}


@pytest.mark.django_db
@pytest.mark.iso("4.11")
@pytest.mark.iso("7.3")
@pytest.mark.iso("7.6")
def test_the_complainant_adds_information_and_files_to_an_open_case(
    run, client, staff, category, priority
):
    case = _to_response(run, staff, category, priority)
    page_url = _case_page(run, case)
    # A refused file keeps the words typed; nothing is stored.
    refused = run(
        None,
        page_url,
        {
            "action": "add",
            "add-text": "Here is the receipt.",
            "add-files": [SimpleUploadedFile("receipt.exe", b"MZ\x90\x00" + bytes(64))],
        },
    )
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "receipt.exe" in body and "Here is the receipt." in body
    assert 'href="#id_add-files"' in body  # the error summary links to the field
    assert case.attachments.count() == 0
    mail.outbox.clear()
    added = run(
        None,
        page_url,
        {
            "action": "add",
            "add-text": "Here is the receipt.",
            "add-files": [SimpleUploadedFile("receipt.pdf", b"%PDF-1.4\n" + bytes(64))],
        },
    )
    assert added.status_code == 302
    attachment = case.attachments.get()
    assert attachment.original_name == "receipt.pdf" and attachment.from_customer
    assert mail.outbox[-1].to == ["handler@example.org"]
    page = run.public.get(page_url).content.decode()
    assert "Here is the receipt." in page and "receipt.pdf" in page
    assert "We have added this to your case" in page
    # Nothing to add is refused with a clear message.
    empty = run(None, page_url, {"action": "add", "add-text": "  "})
    assert empty.status_code == 400 and "Write something or choose a file" in empty.content.decode()


@pytest.mark.django_db
@pytest.mark.iso("4.11")
@pytest.mark.iso("7.9")
@pytest.mark.iso("8.3")
def test_the_survey_opens_at_closure_and_is_answered_once(run, client, staff, category, priority):
    case = _to_response(run, staff, category, priority)
    page_url = _case_page(run, case)
    answers = {
        "action": "survey",
        "survey-overall": "4",
        "survey-ease": "5",
        "survey-fairness": "4",
        "survey-timeliness": "2",
        "survey-comment": "Slow but fair.",
    }
    # Not before closure.
    assert 'name="survey-overall"' not in run.public.get(page_url).content.decode()
    assert run(None, page_url, answers).status_code == 302
    assert not SurveyResponse.objects.exists()
    assert _respond(run, staff, case).status_code == 302
    assert run(None, page_url, {"action": "reply", "reply-answer": "accept"}).status_code == 302
    mail.outbox.clear()
    assert run(staff["handler"], _url(case, "close"), {"note": ""}).status_code == 302
    # The closing notice invites to the survey on the case's page.
    assert "How did we do?" in mail.outbox[0].body
    page = run.public.get(page_url).content.decode()
    assert 'name="survey-overall"' in page and 'name="add-text"' not in page
    missing = run(None, page_url, {**answers, "survey-fairness": ""})
    assert missing.status_code == 400 and "Slow but fair." in missing.content.decode()
    assert run(None, page_url, answers).status_code == 302
    survey = SurveyResponse.objects.get()
    assert (survey.overall, survey.timeliness, survey.comment) == (4, 2, "Slow but fair.")
    again = run.public.get(page_url).content.decode()
    assert 'name="survey-overall"' not in again and "answered our satisfaction survey" in again
    assert run(None, page_url, answers).status_code == 302
    assert SurveyResponse.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.iso("4.7")
@pytest.mark.iso("7.5")
def test_staff_named_in_the_complaint_cannot_handle_it(run, staff, category, priority):
    case = run.submit(category)
    run(staff["intake"], _url(case, "assess", "assign"))
    refused = run(
        staff["intake"],
        _url(case, "assess"),
        {
            "category": category.pk,
            "priority": priority.pk,
            "severity": "low",
            "handler": staff["handler"].pk,
            "named_staff": [staff["handler"].pk],
        },
    )
    assert refused.status_code == 200
    assert "is named in this complaint" in refused.content.decode()


@pytest.mark.django_db
def test_case_page_actions_are_rate_limited_without_losing_the_text(
    run, staff, category, priority, settings
):
    settings.SUBMISSION_RATE_LIMIT = "1/m"
    case = _to_response(run, staff, category, priority)
    page_url = _case_page(run, case)
    assert run(None, page_url, {"action": "add", "add-text": "First."}).status_code == 302
    limited = run(None, page_url, {"action": "add", "add-text": "Second, longer note."})
    assert limited.status_code == 429 and 1 <= int(limited["Retry-After"]) <= 60
    assert "Second, longer note." in limited.content.decode()


@pytest.mark.django_db
def test_the_scenario_driver_walks_the_same_flow_as_the_staff_forms(
    staff, category, priority, reviewer
):
    from workflow.scenarios import CaseDriver

    case = make_case(category, language="it")
    driver = CaseDriver(
        case,
        intake=staff["intake"],
        handler=staff["handler"],
        supervisor=staff["supervisor"],
        reviewer=reviewer,
    )
    driver.assess(severity="high").investigate("Checked.").respond("Refund.", compensation=10)
    assert driver.case.status == Case.Status.APPROVAL
    driver.approve().reply(accepted=False, reasons="Too little.")
    assert driver.case.status == Case.Status.REVIEW
    driver.review("upheld", "The refund is right.").close()
    assert driver.case.status == Case.Status.CLOSED and driver.case.process.status == "DONE"


@pytest.mark.django_db
@pytest.mark.iso("4.14")
def test_suggestions_take_the_short_path_answered_by_the_owning_team(
    run, client, staff, category, priority
):
    case = run.submit(category, kind="suggestion", description="Open on Saturdays.")
    assert case.process.flow_class.__name__ == "FeedbackFlow"
    assert case.status == Case.Status.RESPONSE and case.due_at is not None
    task = case.process.task_set.get(flow_task_type="HUMAN", finished__isnull=True)
    assign = reverse("cases:feedback:respond:assign", args=[case.process_id, task.pk])
    execute = reverse("cases:feedback:respond:execute", args=[case.process_id, task.pk])
    # Only the owning team answers.
    assert run(staff["outsider"], assign).status_code == 403
    assert run(staff["handler"], assign).status_code == 302
    mail.outbox.clear()
    answered = run(staff["handler"], execute, {"answer": "We will try it from March."})
    assert answered.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED and case.handler == staff["handler"]
    assert case.process.status == "DONE"
    assert "We will try it from March." in mail.outbox[0].body
    page = run.public.get(_case_page(run, case)).content.decode()
    assert "Our answer" in page and "We will try it from March." in page
    assert 'name="survey-overall"' in page
    kinds = list(case.events.filter(is_public=True).values_list("kind", flat=True))
    assert kinds == ["received", "acknowledged", "answered"]
