"""Access to a case's page (docs/decisions.md, "Access to a case"): a lookup gives the
browser's session full access and opens a plain address; the link in a notification opens
the case read-only for TRACKING_LINK_HOURS, until revoked; acting needs the second factor;
access ends after TRACKING_ACCESS_IDLE_MINUTES idle and TRACKING_ACCESS_HOURS in any case."""

import json
import re
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

import pytest
import time_machine

from portal import access
from workflow import services
from workflow.models import Case
from workflow.references import access_code_for
from workflow.selectors import case_access_of, case_public_status_get

from ..conftest import case_page, make_case, submit_feedback

LINK_ERROR = "This link has expired or is no longer valid."
ASK_FACTOR = "To see this case, enter your email address, mobile number or access code"
ENDED = "For your security, your access to this case has ended."
CONFIRM = "Confirm it is you"


def _link(body):
    return re.search(r"http://testserver(/\w\w/track/[^/\s]+/)", body).group(1)


def _decided(run, staff, category, priority):
    """A case whose decision waits for the complainant's answer, and the decision's link."""
    from ..workflow.test_decision_paths import _respond, _to_response

    case = _to_response(run, staff, category, priority)
    mail.outbox.clear()
    assert _respond(run, staff, case).status_code == 302
    [decision] = [m for m in mail.outbox if m.to == ["amira@example.net"]]
    return case, _link(decision.body)


def _accept(client, url):
    return client.post(url, {"action": "reply", "reply-answer": "accept"})


@pytest.mark.django_db
@pytest.mark.iso("7.3")
@pytest.mark.iso("7.4")
def test_the_link_in_the_acknowledgement_opens_the_case_read_only(
    client, portal_pages, category, priority, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(category, language="el", email="nikos@example.gr")
    link = _link(mail.outbox[-1].body)
    assert link.startswith("/el/track/")
    opened = client.get(link)
    # The token leaves the address bar at once: the case has a plain address.
    assert opened.status_code == 302
    assert opened["Location"] == f"/el/track/case/{case.reference}/"
    page = client.get(opened["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert case.reference in body and "nikos" not in body
    assert "no-store" in page["Cache-Control"]
    # Read-only: no form but the second factor's.
    assert 'name="add-text"' not in body
    assert 'name="second_factor"' in body

    forged = link[:-3] + "xx/"
    assert client.get(forged).status_code == 404


@pytest.mark.django_db
@pytest.mark.iso("4.10")
def test_a_link_expires_after_the_configured_hours(
    client, portal_pages, category, priority, settings, django_capture_on_commit_callbacks
):
    settings.TRACKING_LINK_HOURS = 2
    with django_capture_on_commit_callbacks(execute=True):
        make_case(category, email="a@example.org")
    link = _link(mail.outbox[-1].body)
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=59)):
        assert Client().get(link).status_code == 302
    with time_machine.travel(timezone.now() + timedelta(hours=2, minutes=1)):
        expired = Client().get(link)
    assert expired.status_code == 404
    assert LINK_ERROR in expired.content.decode()


@pytest.mark.django_db
def test_links_of_the_old_kind_no_longer_open_anything(client, portal_pages, category, priority):
    """Before, a link opened the case with full access for 180 days: those stop at once."""
    from workflow.references import salt_fingerprint

    case = make_case(category)
    old = signing.dumps(
        {"c": case.pk, "f": salt_fingerprint(case.access_salt)},
        salt="workflow.tracking-link",
        compress=True,
    )
    refused = client.get(f"/en/track/{old}/")
    assert refused.status_code == 404 and LINK_ERROR in refused.content.decode()


@pytest.mark.django_db
@pytest.mark.iso("4.10")
def test_renewing_access_revokes_the_old_code_links_and_sessions(
    portal_pages, category, priority, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(category, email="a@example.org")
    link = _link(mail.outbox[-1].body)
    old_code = access_code_for(reference=case.reference, salt=case.access_salt)
    by_link, by_lookup = Client(), Client()
    url = by_link.get(link)["Location"]
    assert case_page(by_lookup, case) == url
    assert by_link.get(url).status_code == by_lookup.get(url).status_code == 200

    new_code = services.case_access_reset(case=case)
    assert Client().get(link).status_code == 404
    for browser in (by_link, by_lookup):
        ended = browser.get(url)
        assert ended.status_code == 200
        assert ENDED in ended.content.decode() and 'name="add-text"' not in ended.content.decode()
    assert case_public_status_get(reference=case.reference, second_factor=old_code) is None
    assert case_public_status_get(reference=case.reference, second_factor=new_code)
    assert case.events.filter(kind="access_reset").exists()


@pytest.mark.django_db
@pytest.mark.iso("4.10")
def test_the_lookup_opens_a_plain_address_that_no_other_session_can_use(
    client, portal_pages, category, priority
):
    case = make_case(category, email="a@example.org")
    found = client.post(
        "/en/track/", {"reference": case.reference, "second_factor": "a@example.org"}
    )
    assert found.status_code == 302
    url = found["Location"]
    assert url == f"/en/track/case/{case.reference}/"  # no token: the address opens nothing
    assert 'name="add-text"' in client.get(url).content.decode()

    stranger = Client()
    page = stranger.get(url)
    body = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert ASK_FACTOR in body and f'value="{case.reference}"' in body  # the lookup, filled in
    assert "What has happened so far" not in body
    # An unknown number is answered the same (nothing tells whether it exists).
    unknown = stranger.get("/en/track/case/CMP-2222-2222/").content.decode()
    assert unknown.replace("CMP-2222-2222", case.reference) == body.replace(
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1),
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', unknown).group(1),
    )
    # Nor can it act on the case.
    sent = stranger.post(url, {"action": "add", "add-text": "Not mine."})
    assert sent.status_code == 403 and "What you sent was not recorded." in sent.content.decode()
    assert not case.events.filter(kind="customer_info").exists()
    # Another language's address of the same case is the same access.
    assert 'name="add-text"' in client.get(url.replace("/en/", "/ar/")).content.decode()


@pytest.mark.django_db
@pytest.mark.iso("7.8")
def test_a_link_then_accepting_asks_for_the_second_factor(
    client, run, staff, portal_pages, category, priority
):
    case, link = _decided(run, staff, category, priority)
    client.logout()
    url = client.get(link)["Location"]
    page = client.get(url).content.decode()
    assert "We refund 40 EUR." in page and CONFIRM in page
    assert 'name="reply-answer"' not in page
    assert "We are waiting for your answer to our decision" in page

    refused = _accept(client, url)
    assert refused.status_code == 403
    assert "first confirm it is you" in refused.content.decode()
    assert 'href="#id_second_factor"' in refused.content.decode()
    case.refresh_from_db()
    assert case.reply == ""
    for action in ({"action": "add", "add-text": "x"}, {"action": "survey"}):
        assert client.post(url, action).status_code == 403
    assert not case.events.filter(kind="customer_info").exists()

    # A wrong answer is refused (and counted); the right one gives full access.
    wrong = client.post("/en/track/", {"reference": case.reference, "second_factor": "b@x.org"})
    assert wrong.status_code == 404
    confirmed = client.post(
        "/en/track/", {"reference": case.reference, "second_factor": "amira@example.net"}
    )
    assert confirmed.status_code == 302 and confirmed["Location"] == url
    page = client.get(url).content.decode()
    assert 'name="reply-answer"' in page and CONFIRM not in page
    assert _accept(client, url).status_code == 302
    case.refresh_from_db()
    assert case.reply == Case.Reply.ACCEPTED
    # A link opened again later keeps the session's full access.
    assert client.get(link).status_code == 302
    assert 'name="add-text"' in client.get(url).content.decode()


@pytest.mark.django_db
def test_access_ends_when_idle_and_after_the_configured_hours(
    client, portal_pages, category, priority, settings
):
    settings.TRACKING_ACCESS_IDLE_MINUTES = 30
    settings.TRACKING_ACCESS_HOURS = 2
    case = make_case(category, email="a@example.org")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        url = case_page(client, case)
    # Used every 25 minutes, it stays open until the absolute limit.
    for minutes in (25, 50, 75, 100):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert 'name="add-text"' in client.get(url).content.decode(), minutes
    with time_machine.travel(start + timedelta(minutes=121), tick=False):
        ended = client.get(url).content.decode()
    assert ENDED in ended and 'name="add-text"' not in ended
    # Idle: 31 minutes after the last use.
    with time_machine.travel(start + timedelta(hours=3), tick=False):
        url = case_page(client, case)
    with time_machine.travel(start + timedelta(hours=3, minutes=29), tick=False):
        assert 'name="add-text"' in client.get(url).content.decode()
    with time_machine.travel(start + timedelta(hours=3, minutes=61), tick=False):
        sent = client.post(url, {"action": "add", "add-text": "Late."})
    assert sent.status_code == 403 and ENDED in sent.content.decode()
    assert not case.events.filter(kind="customer_info").exists()


@pytest.mark.django_db
def test_the_access_is_a_signed_cookie_nobody_can_forge_or_widen(
    client, portal_pages, category, priority, settings
):
    """The lookup keeps the access in a cookie signed with the site's secret key: it
    stores nothing on the server, a copy of the cookie read-only access cannot be made
    full, and a cookie signed with another key or edited gives nothing."""
    case = make_case(category, email="a@example.org")
    sessions = Session.objects.count()
    url = case_page(client, case)
    assert Session.objects.count() == sessions  # nothing written on the server
    cookie = client.cookies[access.cookie_name()]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert 'name="add-text"' in client.get(url).content.decode()

    data = signing.loads(cookie.value, salt="portal.access")
    assert data["a"][case.reference][:3] == [case.pk, case_access_of(case).fingerprint, "full"]
    for forged in (
        signing.dumps(data, salt="another.salt", compress=True),
        signing.dumps(data, key="not-the-secret-key", salt="portal.access", compress=True),
        cookie.value[:-2] + ("AA" if not cookie.value.endswith("AA") else "BB"),
        "garbage",
    ):
        other = Client()
        other.cookies[access.cookie_name()] = forged
        page = other.get(url).content.decode()
        assert ASK_FACTOR in page and 'name="add-text"' not in page, forged

    # The payload edited (a read access made full, say) under the old signature is refused.
    _payload, timestamp, signature = cookie.value.rsplit(":", 2)
    edited = json.dumps(data, separators=(",", ":")).replace('"full"', '"full" ')
    other = Client()
    other.cookies[access.cookie_name()] = ":".join(
        [signing.b64_encode(edited.encode()).decode(), timestamp, signature]
    )
    assert 'name="add-text"' not in other.get(url).content.decode()

    # Served over HTTPS, the cookie is __Host- prefixed and secure (nobody can plant one
    # from a sibling domain or plain HTTP).
    settings.SESSION_COOKIE_SECURE = True
    secure = Client()
    found = secure.post(
        "/en/track/",
        {"reference": case.reference, "second_factor": "a@example.org"},
        secure=True,
    )
    assert found.status_code == 302
    assert found.cookies["__Host-case_access"]["secure"]
    assert found.cookies["__Host-case_access"]["path"] == "/"


@pytest.mark.django_db
def test_the_submitters_session_gets_access_to_the_case(client, portal_pages, category, priority):
    response = submit_feedback(client, language="ar", category=category)
    confirmation = client.get(response["Location"]).content.decode()
    case = Case.objects.get()
    assert case.reference in confirmation
    url = f"/ar/track/case/{case.reference}/"
    assert f'href="{url}"' in confirmation
    assert 'name="add-text"' in client.get(url).content.decode()
    assert 'name="add-text"' not in Client().get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("speed_departures_on")
def test_the_case_page_costs_one_read_of_the_case(
    client, portal_pages, category, priority, django_assert_num_queries, settings
):
    case = make_case(category)
    url = case_page(client, case)
    client.get(url)  # the fragments are rendered once
    # The case (the access is in the cookie); with the fragments off (FRAGMENT_CACHE=off,
    # CI's stock pass) the timeline is read on every request too.
    with django_assert_num_queries(1 if settings.FRAGMENT_CACHE else 2):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(0):  # no access: nothing is read
        assert Client().get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.iso("7.3")
def test_the_case_page_shows_every_change_and_a_token_that_works_for_each_visitor(
    portal_pages, category, priority, staff
):
    """The page's body is rendered once per content and language: a change to the case
    shows at once, each language has its own, and each visitor's form carries a CSRF
    token of their own that the form's POST accepts."""
    case = make_case(category, email="a@example.org")
    token_pattern = r'name="csrfmiddlewaretoken" value="([^"]+)"'
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    urls = []
    for visitor in visitors:
        lookup = visitor.get("/en/track/").content.decode()
        code = access_code_for(reference=case.reference, salt=case.access_salt)
        found = visitor.post(
            "/en/track/",
            {
                "csrfmiddlewaretoken": re.search(token_pattern, lookup).group(1),
                "reference": case.reference,
                "second_factor": code,
            },
        )
        urls.append(found["Location"])
    url = urls[0]
    assert urls[0] == urls[1]
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


@pytest.mark.django_db
def test_what_was_typed_after_access_ended_comes_back_once_confirmed(
    client, portal_pages, category, priority, settings
):
    """An ended access refuses the reply but loses nothing the complainant typed: it is
    back in the form after the second factor, once."""
    settings.TRACKING_ACCESS_IDLE_MINUTES = 30
    case = make_case(category, email="a@example.org")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        url = case_page(client, case)
    typed = "The receipt number is 4471 & the shop was on <Main> Street."
    with time_machine.travel(start + timedelta(minutes=45), tick=False):
        sent = client.post(url, {"action": "add", "add-text": typed})
        assert sent.status_code == 403
        assert "What you typed is kept" in sent.content.decode()
        assert not case.events.filter(kind="customer_info").exists()
        confirmed = client.post(
            "/en/track/", {"reference": case.reference, "second_factor": "a@example.org"}
        )
        assert confirmed.status_code == 302 and confirmed["Location"] == url
        page = client.get(url).content.decode()
        assert "The receipt number is 4471 &amp; the shop was on &lt;Main&gt; Street." in page
        # Shown once: not kept for ever in the session.
        assert "4471" not in client.get(url).content.decode()
    assert not case.events.filter(kind="customer_info").exists()


@pytest.mark.django_db
def test_what_was_typed_on_a_read_only_page_comes_back_once_confirmed(
    client, run, staff, portal_pages, category, priority
):
    case, link = _decided(run, staff, category, priority)
    client.logout()
    url = client.get(link)["Location"]
    refused = client.post(url, {"action": "add", "add-text": "Photo of the ticket attached."})
    assert refused.status_code == 403 and "What you typed is kept" in refused.content.decode()
    client.post("/en/track/", {"reference": case.reference, "second_factor": "amira@example.net"})
    page = client.get(url).content.decode()
    assert "Photo of the ticket attached." in page
