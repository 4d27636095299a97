"""Staff and CMS sign-in lock out after repeated wrong passwords (django-axes): 40 wrong
passwords, then the right one, used to sign in."""

import pytest
from axes.models import AccessAttempt

from ..factories import UserFactory

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def person(db, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory(username="selin", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.mark.parametrize("login_url", ["/staff/accounts/login/", "/cms/login/"])
def test_wrong_passwords_lock_the_sign_in_and_the_right_one_then_waits(client, person, login_url):
    wrong = {"username": "selin", "password": "guess"}
    statuses = [client.post(login_url, wrong).status_code for _ in range(4)]
    assert statuses[:2] == [200, 200] and statuses[2:] == [429, 429]
    # The right password does not get in while the lockout lasts.
    locked = client.post(login_url, {"username": "selin", "password": PASSWORD})
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    page = locked.content.decode()
    assert "Signing in is paused" in page and "try again in 15 minutes" in page
    assert 1 <= int(locked["Retry-After"]) <= 15 * 60
    assert "no-cache" in locked["Cache-Control"]
    # Recorded, for administrators.
    attempt = AccessAttempt.objects.get(username="selin")
    assert attempt.failures_since_start >= 3 and attempt.ip_address == "127.0.0.1"


def test_the_lockout_is_per_address_and_told_in_the_persons_language(client, person):
    wrong = {"username": "selin", "password": "guess"}
    for _ in range(3):
        client.post("/staff/accounts/login/", wrong)
    locked = client.post(
        "/staff/accounts/login/",
        {"username": "selin", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="el",
    )
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Η σύνδεση έχει ανασταλεί προσωρινά" in page and "δοκιμάστε ξανά σε 15 λεπτά" in page
    # Another address is not locked out: the owner still signs in from there.
    signed_in = client.post(
        "/staff/accounts/login/",
        {"username": "selin", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.7",
    )
    assert signed_in.status_code == 302 and client.session["_auth_user_id"] == str(person.pk)


def test_the_right_password_before_the_limit_signs_in_and_forgets_failures(client, person):
    wrong = {"username": "selin", "password": "guess"}
    for _ in range(2):
        client.post("/cms/login/", wrong)
    assert (
        client.post("/cms/login/", {"username": "selin", "password": PASSWORD}).status_code == 302
    )
    client.logout()
    for _ in range(2):
        assert client.post("/cms/login/", wrong).status_code == 200


def test_locked_out_sign_ins_are_visible_to_administrators(client, person, admin_client):
    for _ in range(3):
        client.post("/staff/accounts/login/", {"username": "selin", "password": "guess"})
    page = admin_client.get("/django-admin/axes/accessattempt/").content.decode()
    assert "selin" in page


def test_a_sign_in_without_a_client_address_is_recorded_on_every_database(client, person, staff):
    """Django's force_login (and a proxy that sends no address) has no REMOTE_ADDR: the
    address column of the record is left empty instead of failing on PostgreSQL."""
    client.force_login(staff["handler"])
    assert client.get("/staff/work/").status_code == 200
    refused = client.post(
        "/staff/accounts/login/", {"username": "selin", "password": "guess"}, REMOTE_ADDR="x"
    )
    assert refused.status_code == 200


def test_rotating_ipv6_addresses_of_one_network_does_not_escape_the_lockout(client, person):
    """One host commonly holds a whole /64: its addresses count as one client."""
    for host in range(1, 4):
        client.post(
            "/staff/accounts/login/",
            {"username": "selin", "password": "guess"},
            REMOTE_ADDR=f"2001:db8:5:6::{host}",
        )
    refused = client.post(
        "/staff/accounts/login/",
        {"username": "selin", "password": PASSWORD},
        REMOTE_ADDR="2001:db8:5:6::99",
    )
    assert refused.status_code == 429
    other_network = client.post(
        "/staff/accounts/login/",
        {"username": "selin", "password": PASSWORD},
        REMOTE_ADDR="2001:db8:5:7::1",
    )
    assert other_network.status_code == 302
