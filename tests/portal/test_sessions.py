"""The session store: Django's database sessions, read and updated with one statement."""

from datetime import timedelta

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.utils import timezone

import pytest
import time_machine

from portal.sessions import SessionStore


@pytest.mark.django_db
def test_a_session_is_kept_read_back_updated_and_expires():
    session = SessionStore()
    session["answers"] = {"what": ["The bus did not stop."]}
    session.save()  # created by Django's own store
    key = session.session_key

    again = SessionStore(key)
    assert again["answers"] == {"what": ["The bus did not stop."]}
    again["answers"] = {"what": ["Λεωφορείο"]}
    again.set_expiry(60)
    again.save()
    assert Session.objects.count() == 1
    assert SessionStore(key)["answers"] == {"what": ["Λεωφορείο"]}
    assert SessionStore(key).get_expiry_age() <= 60

    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        expired = SessionStore(key)
        assert expired.load() == {}
        assert expired.session_key is None


@pytest.mark.django_db
def test_unknown_keys_read_as_empty_and_a_deleted_session_is_not_written_again():
    assert SessionStore("no-such-session-key-at-all").load() == {}
    session = SessionStore()
    session["x"] = 1
    session.save()
    stale = SessionStore(session.session_key)
    stale["x"] = 2
    Session.objects.all().delete()
    with pytest.raises(UpdateError):
        stale.save()
    assert not Session.objects.exists()
