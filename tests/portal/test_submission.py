"""The final step of the feedback form: one transaction records the case, counts the
attempt against the limit and forgets the answers; the topics and the rate counts it
reads."""

import datetime

from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError

import pytest
import time_machine

from portal import ratelimit
from portal.models import RateCount
from workflow import process
from workflow.models import Case

from ..conftest import submit_feedback
from ..factories import CategoryFactory


def _stored_answers(client) -> dict:
    session = Session.objects.get(session_key=client.cookies["sessionid"].value)
    return session.get_decoded().get("wizard_feedback", {}).get("step_data", {})


@pytest.mark.django_db
@pytest.mark.iso("7.2")
def test_the_case_is_recorded_the_attempt_counted_and_the_answers_forgotten_together(
    client, portal_pages, category, priority
):
    submit_feedback(client, language="en", category=category, stop_at="check")
    assert _stored_answers(client)
    sent = client.post("/en/feedback/check/", {"feedback-current_step": "check"})
    assert "/confirmation/" in sent["Location"]
    assert Case.objects.count() == 1
    assert _stored_answers(client) == {}
    assert list(RateCount.objects.values_list("count", flat=True)) == [1]


@pytest.mark.django_db
@pytest.mark.iso("4.9")
def test_the_final_post_sent_again_shows_the_confirmation_of_the_recorded_case(
    client, portal_pages, category, priority
):
    """A double click, or back and send again, after the case was recorded: the answers
    are forgotten, and the form showed its first step with an error."""
    sent = submit_feedback(client, language="en", category=category)
    first = client.get(sent["Location"]).content.decode()
    case = Case.objects.get()
    assert case.reference in first
    again = client.post("/en/feedback/check/", {"feedback-current_step": "check"})
    assert again.status_code == 302 and "/confirmation/" in again["Location"]
    assert case.reference in client.get(again["Location"]).content.decode()
    # Back to the last page, then send once more: still the same case.
    assert client.get("/en/feedback/check/").status_code == 200
    again = client.post("/en/feedback/check/", {"feedback-current_step": "check"})
    assert case.reference in client.get(again["Location"]).content.decode()
    assert Case.objects.count() == 1
    # A new form in the same session is a new feedback.
    submit_feedback(client, language="en", category=category, what__description="Later.")
    assert Case.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_submission_counts_nothing_and_keeps_every_answer(
    client, portal_pages, category, priority, monkeypatch
):
    submit_feedback(client, language="en", category=category, stop_at="check")
    answers = _stored_answers(client)

    def refuse(**_fields):
        raise ValidationError("We cannot take feedback just now.")

    monkeypatch.setattr(process, "complaint_submit", refuse)
    refused = client.post("/en/feedback/check/", {"feedback-current_step": "check"})
    assert refused.status_code == 200
    assert "We cannot take feedback just now." in refused.content.decode()
    assert answers.items() <= _stored_answers(client).items()
    assert not RateCount.objects.exists() and not Case.objects.exists()


@pytest.mark.django_db
def test_only_active_topics_can_be_chosen_in_their_order_and_language(
    client, portal_pages, category
):
    later = CategoryFactory(code="noise", name="Noise", name_it="Rumore", order=5)
    retired = CategoryFactory(code="fax", name="Fax service", is_active=False)
    page = client.get("/it/feedback/about/").content.decode()
    assert page.index(category.name) < page.index("Rumore")
    assert "Fax service" not in page

    client.post("/en/feedback/kind/", {"feedback-current_step": "kind", "kind-kind": "complaint"})
    refused = client.post(
        "/en/feedback/about/", {"feedback-current_step": "about", "about-category": retired.pk}
    )
    assert refused.status_code == 200
    assert "Choose a topic from the list." in refused.content.decode()
    # A topic retired by staff stops being offered at once.
    later.is_active = False
    later.save()
    assert "Rumore" not in client.get("/it/feedback/about/").content.decode()


@pytest.mark.django_db
def test_rate_counts_are_per_address_and_window_and_expired_ones_are_deleted(settings, monkeypatch):
    settings.SUBMISSION_RATE_LIMIT = "2/m"
    limit = ratelimit.submission_limit()
    start = datetime.datetime(2026, 11, 23, 9, 0, 5, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        assert not limit.blocked("10.0.0.1")
        limit.count("10.0.0.1")
        limit.count("10.0.0.1")
        assert limit.blocked("10.0.0.1")
        assert not limit.blocked("10.0.0.2")
        # The address itself is never stored, only a digest in the key.
        assert not RateCount.objects.filter(key__contains="10.0.0.1").exists()
    with time_machine.travel(start + datetime.timedelta(minutes=1), tick=False):
        assert not limit.blocked("10.0.0.1")  # a new window
        monkeypatch.setattr(ratelimit, "_last_purge", float("-inf"))
        limit.count("10.0.0.1")
        assert list(RateCount.objects.values_list("count", flat=True)) == [1]
