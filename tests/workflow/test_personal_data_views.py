"""Issue 11, Medium 6: personal data on /staff/deliveries/ is shown on request and each
viewing recorded; staff searches (which look in names and emails) are recorded."""

from django.urls import reverse
from django.utils import timezone

import pytest

from search.models import SearchRecord
from search.services import cases_index
from workflow.models import OutboxMessage

from ..conftest import make_case


@pytest.fixture
def failed(category, priority):
    case = make_case(category, email="selin@example.org", name="Selin Aksoy")
    message = OutboxMessage.objects.create(
        channel=OutboxMessage.Channel.EMAIL,
        case=case,
        payload={"to": ["selin@example.org"], "subject": "Hi", "template": "message"},
        state=OutboxMessage.State.FAILED,
        attempts=2,
        next_attempt_at=timezone.now(),
        last_error="550 <Selin@Example.org>: mailbox unavailable",
    )
    return case, message


@pytest.mark.django_db
@pytest.mark.iso("4.10")
@pytest.mark.iso("4.12")
def test_deliveries_hide_recipients_until_asked_and_record_each_viewing(client, staff, failed):
    case, message = failed
    client.force_login(staff["handler"])
    page = client.get(reverse("deliveries")).content.decode()
    assert message.payload["template"] in page
    assert "selin@example.org" not in page.lower()  # neither the address nor in the error
    assert "mailbox unavailable" in page
    assert not case.events.filter(kind="data_viewed").exists()

    shown = client.get(reverse("deliveries"), {"show": message.pk}).content.decode()
    assert "selin@example.org" in shown
    event = case.events.get(kind="data_viewed")
    assert event.actor == staff["handler"] and not event.is_public
    assert event.data == {"via": "deliveries", "message": message.pk}
    # Nonsense is ignored, not an error.
    assert client.get(reverse("deliveries"), {"show": "x"}).status_code == 200
    assert case.events.filter(kind="data_viewed").count() == 1


@pytest.mark.django_db
@pytest.mark.iso("4.10")
def test_deliveries_of_cases_one_may_not_see_are_not_revealed(client, staff, failed):
    case, message = failed
    client.force_login(staff["outsider"])
    page = client.get(reverse("deliveries"), {"show": message.pk}).content.decode()
    assert "selin@example.org" not in page
    assert not case.events.filter(kind="data_viewed").exists()


@pytest.mark.django_db
@pytest.mark.iso("4.12")
@pytest.mark.iso("8.5")
def test_staff_searches_with_words_are_recorded_and_auditors_read_them(client, staff, failed):
    case, _message = failed
    cases_index(case_ids=[case.pk])
    client.force_login(staff["handler"])
    assert client.get(reverse("staff_search"), {"q": "selin@example.org"}).status_code == 200
    assert client.get(reverse("staff_search"), {"status": "received"}).status_code == 200
    [record] = SearchRecord.objects.all()
    assert record.user == staff["handler"]
    assert record.query == "selin@example.org"
    assert record.results == 1
    assert record.created_at is not None

    # Auditors (and complaints managers) read the records; others may not.
    assert client.get(reverse("search_records")).status_code == 403
    for role in ("auditor", "manager"):
        client.force_login(staff[role])
        page = client.get(reverse("search_records"), {"user": "handler"})
        assert page.status_code == 200
        assert "selin@example.org" in page.content.decode()
    assert (
        "selin@example.org"
        not in client.get(reverse("search_records"), {"user": "someone-else"}).content.decode()
    )
