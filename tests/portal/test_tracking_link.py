import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest
import time_machine

from workflow import services
from workflow.selectors import case_public_status_get

from ..conftest import make_case


def _link(body):
    return re.search(r"http://testserver(/\w\w/track/[^/\s]+/)", body).group(1)


@pytest.mark.django_db
def test_the_link_in_the_acknowledgement_opens_the_case(
    client, portal_pages, category, priority, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(category, language="el", email="nikos@example.gr")
    link = _link(mail.outbox[-1].body)
    assert link.startswith("/el/track/")
    page = client.get(link)
    assert page.status_code == 200
    assert case.reference in page.content.decode()
    assert "nikos" not in page.content.decode()
    assert "no-store" in page["Cache-Control"]

    forged = link[:-3] + "xx/"
    assert client.get(forged).status_code == 404
    with time_machine.travel(timezone.now() + timedelta(days=181)):
        expired = client.get(link)
    assert expired.status_code == 404


@pytest.mark.django_db
def test_renewing_access_revokes_the_old_code_and_links(
    client, portal_pages, category, priority, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(category, email="a@example.org")
    link = _link(mail.outbox[-1].body)
    old_code = re.search(
        r"([2-9A-Z]{4}-[2-9A-Z]{4})", mail.outbox[-1].body.split(case.reference)[-1]
    )
    new_code = services.case_access_reset(case=case)
    assert client.get(link).status_code == 404
    assert case_public_status_get(reference=case.reference, second_factor=old_code.group(1)) is None
    assert case_public_status_get(reference=case.reference, second_factor=new_code)
    assert case.events.filter(kind="access_reset").exists()
