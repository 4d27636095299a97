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
@pytest.mark.iso("7.3")
@pytest.mark.iso("7.4")
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
@pytest.mark.iso("4.10")
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


@pytest.mark.django_db
@pytest.mark.iso("7.3")
def test_the_case_page_shows_every_change_and_a_token_that_works_for_each_visitor(
    portal_pages, category, priority, staff
):
    """The page's body is rendered once per content and language: a change to the case
    shows at once, each language has its own, and each visitor's form carries a CSRF
    token of their own that the form's POST accepts."""
    from django.test import Client

    from workflow.references import tracking_token_for

    case = make_case(category, email="a@example.org")
    url = f"/en/track/{tracking_token_for(case_id=case.pk, salt=case.access_salt)}/"
    token_pattern = r'name="csrfmiddlewaretoken" value="([^"]+)"'
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    pages = [visitor.get(url).content.decode() for visitor in visitors]
    assert pages[0].count("csrfmiddlewaretoken") == 1
    tokens = [re.search(token_pattern, page).group(1) for page in pages]
    assert tokens[0] != tokens[1]

    services.case_message(case=case, actor=staff["handler"], text="We are checking the meter.")
    assert "We are checking the meter." in visitors[0].get(url).content.decode()
    arabic = visitors[0].get(url.replace("/en/", "/ar/")).content.decode()
    assert "We are checking the meter." in arabic
    assert "ما جرى حتى الآن" in arabic
    assert "What has happened so far" not in arabic

    for visitor, token in zip(visitors, tokens, strict=True):
        sent = visitor.post(
            url, {"csrfmiddlewaretoken": token, "action": "add", "add-text": "Photo to follow."}
        )
        assert sent.status_code == 302
    assert case.events.filter(kind="customer_info").count() == 2
    # A form sent with an error is shown with what was typed, not the blank form.
    refused = visitors[0].post(
        url, {"csrfmiddlewaretoken": tokens[0], "action": "add", "add-text": "x" * 10001}
    )
    assert refused.status_code == 400
    assert "x" * 10001 in refused.content.decode()
