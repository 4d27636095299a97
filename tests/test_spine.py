"""The end-to-end spine over HTTP: submit → case → workflow → tracking → staff search."""

import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse

import pytest
import time_machine

from workflow.models import Case, CaseEvent
from workflow.tasks import ProcessStarts, sweep_task

from .conftest import submit_feedback

LANGUAGES = ["en", "ar", "el", "it", "tr"]


def _submit(client, category, **overrides):
    return submit_feedback(client, language="ar", category=category, **overrides)


def _task(case, name):
    return case.process.task_set.get(
        flow_task=f"workflow/flows.ComplaintFlow.{name}", finished__isnull=True
    )


def _task_url(case, name, action="execute"):
    task = _task(case, name)
    return reverse(f"cases:complaint:{name}:{action}", args=[case.process_id, task.pk])


def _comparable(response, reference):
    """A page with the echoed tracking number and the per-render CSRF token taken out."""
    page = response.content.decode().replace(reference, "")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def _track(client, reference, second_factor, language="en"):
    """Look a case up; a match gives the session access and opens the case's page."""
    return client.post(
        f"/{language}/track/",
        {"reference": reference, "second_factor": second_factor},
        follow=True,
    )


@pytest.mark.django_db
@pytest.mark.iso("4.5")
@pytest.mark.iso("4.6")
@pytest.mark.iso("4.10")
@pytest.mark.iso("4.11")
@pytest.mark.iso("4.12")
@pytest.mark.iso("4.14")
@pytest.mark.iso("6.1")
@pytest.mark.iso("7.2")
@pytest.mark.iso("7.3")
@pytest.mark.iso("7.4")
@pytest.mark.iso("7.5")
@pytest.mark.iso("7.6")
@pytest.mark.iso("7.7")
@pytest.mark.iso("7.8")
@pytest.mark.iso("7.9")
@pytest.mark.iso("8.1")
def test_spine_end_to_end(
    client, staff, category, priority, portal_pages, django_capture_on_commit_callbacks
):
    # 1. The public reads the policy and opens the form, in every language.
    for language in LANGUAGES:
        policy = client.get(f"/{language}/policy/")
        assert policy.status_code == 200
        assert f'lang="{language}"' in policy.content.decode()
        assert client.get(f"/{language}/feedback/", follow=True).status_code == 200
    assert 'dir="rtl"' in client.get("/ar/policy/").content.decode()
    assert "سياسة معالجة الشكاوى" in client.get("/ar/policy/").content.decode()

    # 2. Submitting records the case; the clock's next tick has the worker start the
    # process, which queues the acknowledgement.
    with django_capture_on_commit_callbacks(execute=True):
        response = _submit(client, category)
        ProcessStarts().tick()
    assert response.status_code == 302
    case = Case.objects.get()
    assert re.fullmatch(r"CMP-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}", case.reference)
    assert case.channel == Case.Channel.WEB and case.language == "ar"
    assert case.status == Case.Status.ASSESSMENT
    acknowledgement = mail.outbox[-1]
    assert acknowledgement.to == ["amira@example.net"]
    assert case.reference in acknowledgement.subject
    access_code = re.search(
        r"[2-9A-Z]{4}-[2-9A-Z]{4}", acknowledgement.body.split(case.reference)[-1]
    )
    assert access_code, acknowledgement.body
    # The acknowledgement is in the complainant's language (Arabic).
    assert re.search(r"[\u0600-\u06FF]", acknowledgement.body)

    # 3. The confirmation shows the tracking number;
    # the tracking page shows status and no personal data.
    confirmation = client.get(response["Location"])
    assert case.reference in confirmation.content.decode()
    status = _track(client, case.reference.lower().replace("-", " "), "AMIRA@example.net")
    assert status.status_code == 200
    page = status.content.decode()
    assert "Being assessed" in page
    assert "amira" not in page.lower() and "Haddad" not in page
    assert _track(client, case.reference, access_code.group()).status_code == 200
    wrong_pair = _track(client, case.reference, "someone@else.org")
    unknown = _track(client, "CMP-2222-2222", "someone@else.org")
    assert wrong_pair.status_code == unknown.status_code == 404
    assert _comparable(wrong_pair, case.reference) == _comparable(unknown, "CMP-2222-2222")

    # 4. Staff complete the tasks; each is guarded by role.
    client.force_login(staff["handler"])
    assert client.post(_task_url(case, "assess", "assign")).status_code == 403
    client.force_login(staff["intake"])
    assert client.get(reverse("cases:complaint:queue")).status_code == 200
    assert client.post(_task_url(case, "assess", "assign")).status_code == 302
    assess_url = _task_url(case, "assess")
    assert client.get(assess_url).status_code == 200
    # A handler outside the category's team cannot be assigned: the form says why.
    refused = client.post(
        assess_url,
        {
            "category": category.pk,
            "priority": priority.pk,
            "severity": "medium",
            "handler": staff["outsider"].pk,
        },
    )
    assert refused.status_code == 200 and "cannot handle this case" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assessed = client.post(
            assess_url,
            {
                "category": category.pk,
                "priority": priority.pk,
                "severity": "medium",
                "handler": staff["handler"].pk,
            },
        )
    assert assessed.status_code == 302
    case.refresh_from_db()
    assert case.handler == staff["handler"] and case.status == Case.Status.INVESTIGATION

    # The intake officer may not investigate.
    assert client.post(_task_url(case, "investigate"), {"findings": "x"}).status_code == 403
    client.force_login(staff["handler"])
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post(
                _task_url(case, "investigate"),
                {
                    "findings": "The payment provider retried a timed-out charge.",
                    "root_cause": "Retry bug",
                },
            ).status_code
            == 302
        )
    assert (
        "Under investigation"
        not in _track(client, case.reference, "amira@example.net").content.decode()
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post(
                _task_url(case, "respond"),
                {"decision": "We refunded the duplicate charge of 40 EUR and fixed the retry."},
            ).status_code
            == 302
        )
    assert [message.to for message in mail.outbox] == [["amira@example.net"]]
    assert "40 EUR" in mail.outbox[0].body
    tracked = _track(client, case.reference, "amira@example.net")
    assert "40 EUR" in tracked.content.decode()
    # 5. The complainant accepts the decision on their case's page; the handler closes.
    case_page = tracked.redirect_chain[-1][0]
    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post(case_page, {"action": "reply", "reply-answer": "accept"})
    assert accepted.status_code == 302
    case.refresh_from_db()
    assert case.reply == Case.Reply.ACCEPTED and case.status == Case.Status.CLOSING
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_task_url(case, "close"), {"note": ""}).status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert case.process.status == "DONE"
    kinds = list(case.events.filter(is_public=True).values_list("kind", flat=True))
    assert kinds == [
        "received",
        "acknowledged",
        "assessed",
        "investigated",
        "decided",
        "accepted",
        "closed",
    ]

    # 6. Staff search finds it by tracking number and by words, for those allowed to see it.
    client.force_login(staff["handler"])
    by_reference = client.get(
        reverse("staff_search"), {"q": case.reference.replace("-", "").lower()}
    )
    assert case.reference in by_reference.content.decode()
    by_words = client.get(reverse("staff_search"), {"q": "charged twice"})
    assert case.reference in by_words.content.decode()
    client.force_login(staff["outsider"])
    hidden = client.get(reverse("staff_search"), {"q": "charged twice"})
    assert hidden.status_code == 200 and case.reference not in hidden.content.decode()


@pytest.mark.django_db
@pytest.mark.iso("4.15")
def test_missed_deadline_escalates_to_supervisor(
    client, staff, category, priority, portal_pages, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _submit(client, category)
        ProcessStarts().tick()
    case = Case.objects.get()
    assert case.due_at is not None
    mail.outbox.clear()

    # Before the deadline the person with the task is reminded (here nobody has taken it
    # yet: the team's supervisor), once; nothing is escalated.
    with time_machine.travel(case.due_at - timedelta(minutes=1)):
        with django_capture_on_commit_callbacks(execute=True):
            assert sweep_task.call()["timers"] == 1
        assert sweep_task.call()["timers"] == 0
    case.refresh_from_db()
    assert case.escalation_level == 0
    assert case.events.get(kind=CaseEvent.Kind.REMINDED).data["to"] == ["supervisor"]
    assert "is due soon" in mail.outbox[-1].subject
    mail.outbox.clear()
    with (
        time_machine.travel(case.due_at + timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert sweep_task.call()["timers"] == 1
    case.refresh_from_db()
    assert case.escalation_level == 1
    escalation = case.events.get(kind=CaseEvent.Kind.ESCALATED)
    assert escalation.data["level"] == 1 and escalation.data["to"] == ["supervisor"]
    # The overdue task now belongs to the supervisor, who was told.
    assert _task(case, "assess").owner == staff["supervisor"]
    assert [message.to for message in mail.outbox] == [["supervisor@example.org"]]
    # The public timeline says "Escalated", without names.
    page = _track(client, case.reference, "amira@example.net").content.decode()
    assert "Escalated" in page and "supervisor" not in page.lower()
    # The task is still open; 24 working hours later the complaints manager is alerted.
    from workflow.deadlines import second_level_due_at

    second = second_level_due_at(case=case, step="assess", started=_task(case, "assess").created)
    assert second - case.due_at >= timedelta(hours=priority.second_level_hours)
    with time_machine.travel(second - timedelta(minutes=1)):
        assert sweep_task.call()["timers"] == 0
    later = second + timedelta(minutes=1)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        assert sweep_task.call()["timers"] == 1
    case.refresh_from_db()
    assert case.escalation_level == 2
    assert mail.outbox[-1].to == ["manager@example.org"]
    # The supervisor can complete the escalated task.
    client.force_login(staff["supervisor"])
    response = client.post(
        _task_url(case, "assess"),
        {
            "category": category.pk,
            "priority": priority.pk,
            "severity": "low",
            "handler": staff["handler"].pk,
        },
    )
    assert response.status_code == 302
