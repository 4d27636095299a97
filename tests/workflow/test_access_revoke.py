"""Issue 11, Medium 7: staff revoke a case's tracking links and access code, from the case
page and by command; the revocation is recorded with who and why."""

import re

from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

import pytest

from workflow import roles
from workflow.references import tracking_token_for
from workflow.selectors import case_public_status_get

from ..conftest import make_case
from ..factories import UserFactory

LINK_ERROR = "This link has expired or is no longer valid."


def _link(case) -> str:
    case.refresh_from_db()
    return reverse(
        "tracking_link", args=[tracking_token_for(case_id=case.pk, salt=case.access_salt)]
    )


def _revoke(client, case, **data):
    return client.post(
        reverse("case_detail", args=[case.reference]),
        {"action": "revoke", "revoke-reason": "Forwarded to a neighbour by mistake", **data},
    )


@pytest.mark.django_db
@pytest.mark.iso("4.10")
def test_revoking_from_the_case_page_kills_every_old_link_and_the_code(
    client, portal_pages, staff, category, priority, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(category, email="amira@example.net")
    old_link = _link(case)
    old_code = re.search(r"Access code: ([2-9A-Z]{4}-[2-9A-Z]{4})", mail.outbox[-1].body).group(1)
    assert client.get(old_link).status_code == 302  # to the case page
    mail.outbox.clear()

    client.force_login(staff["handler"])
    page = client.get(reverse("case_detail", args=[case.reference])).content.decode()
    assert 'value="revoke"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = _revoke(client, case, **{"revoke-notify": "on"})
    assert response.status_code == 302
    client.logout()

    # The old link answers exactly as a forged one does; a new link works.
    old = client.get(old_link)
    forged = client.get(old_link[:-4] + "xyz/")
    assert old.status_code == forged.status_code == 404
    assert LINK_ERROR in old.content.decode() and LINK_ERROR in forged.content.decode()
    assert client.get(_link(case)).status_code == 302
    # The old code no longer finds the case; the email still does.
    assert case_public_status_get(reference=case.reference, second_factor=old_code) is None
    assert case_public_status_get(reference=case.reference, second_factor="amira@example.net")

    # Recorded: who and why.
    event = case.events.get(kind="access_reset")
    assert event.actor == staff["handler"] and not event.is_public
    assert event.note == "Forwarded to a neighbour by mistake"
    assert event.data["notified"] is True
    # The complainant got the new code and the new link, not the old ones.
    [message] = mail.outbox
    assert message.to == ["amira@example.net"]
    # (The link in the message is signed when it is sent: it is checked by opening it,
    # not compared with one signed now, which a slow machine would sign a second later.)
    [sent_link] = re.findall(r"http://testserver(/\w\w/track/[^/\s]+/)", message.body)
    assert old_code not in message.body and old_link not in message.body
    assert client.get(sent_link).status_code == 302


@pytest.mark.django_db
@pytest.mark.iso("4.12")
def test_without_notify_nothing_is_sent_and_a_reason_is_required(
    client, staff, category, priority, django_capture_on_commit_callbacks
):
    case = make_case(category, email="amira@example.net")
    salt = case.access_salt
    client.force_login(staff["supervisor"])
    refused = client.post(
        reverse("case_detail", args=[case.reference]), {"action": "revoke", "revoke-reason": ""}
    )
    assert refused.status_code == 400
    case.refresh_from_db()
    assert case.access_salt == salt
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _revoke(client, case).status_code == 302
    case.refresh_from_db()
    assert case.access_salt != salt
    assert not [m for m in mail.outbox if "access code" in m.subject.lower()]
    assert case.events.get(kind="access_reset").data["notified"] is False


@pytest.mark.django_db
@pytest.mark.iso("5.4")
def test_only_those_who_handle_cases_may_revoke(client, staff, category, priority):
    case = make_case(category)
    salt = case.access_salt
    reviewer = UserFactory(username="reviewer", role=roles.REVIEWER)
    for user in (staff["intake"], staff["auditor"], reviewer, staff["outsider"]):
        client.force_login(user)
        assert _revoke(client, case).status_code == 403, user
        page = client.get(reverse("case_detail", args=[case.reference]))
        assert 'value="revoke"' not in page.content.decode(), user
    case.refresh_from_db()
    assert case.access_salt == salt
    assert not case.events.filter(kind="access_reset").exists()
    client.force_login(staff["manager"])
    assert _revoke(client, case).status_code == 302


@pytest.mark.django_db
@pytest.mark.iso("4.10")
@pytest.mark.iso("4.12")
def test_the_command_revokes_several_cases_and_records_who_and_why(
    client, portal_pages, staff, category, priority
):
    first, second = make_case(category), make_case(category)
    links = [_link(first), _link(second)]
    call_command(
        "case_access_revoke",
        first.reference,
        second.reference.lower().replace("-", ""),
        reason="Mailing went to the wrong list",
        by="manager",
    )
    for case, link in zip((first, second), links, strict=True):
        assert client.get(link).status_code == 404
        assert client.get(_link(case)).status_code == 302
        event = case.events.get(kind="access_reset")
        assert event.actor == staff["manager"]
        assert event.note == "Mailing went to the wrong list"
        assert event.data["via"] == "command"


@pytest.mark.django_db
def test_the_command_refuses_unknown_numbers_and_changes_nothing(staff, category, priority):
    case = make_case(category)
    salt = case.access_salt
    with pytest.raises(CommandError, match="No case has the tracking number 'CMP-2222-2222'"):
        call_command("case_access_revoke", case.reference, "CMP-2222-2222", reason="x")
    with pytest.raises(CommandError, match="No active user is called 'nobody'"):
        call_command("case_access_revoke", case.reference, reason="x", by="nobody")
    with pytest.raises(CommandError, match="Give a reason"):
        call_command("case_access_revoke", case.reference, reason="  ")
    case.refresh_from_db()
    assert case.access_salt == salt
