import datetime

import pytest
import time_machine

from workflow.models import Case

from ..conftest import make_case, submit_feedback

LANGUAGES = ["en", "ar", "el", "it", "tr"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.iso("4.5")
def test_home_page_in_every_language(client, portal_pages, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in page
    # The switcher links every language's version of the same page.
    for other in LANGUAGES:
        assert f'href="/{other}/"' in page
    assert 'href="#main"' in page


@pytest.mark.django_db
def test_root_redirects_to_a_language(client, portal_pages):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="it")
    assert response.status_code == 302 and response["Location"] == "/it/"


@pytest.mark.django_db
@pytest.mark.iso("4.5")
@pytest.mark.iso("4.9")
def test_invalid_step_keeps_input_and_explains_in_the_language(client, portal_pages, category):
    response = submit_feedback(
        client,
        language="it",
        category=category,
        what__description="Il treno era in ritardo di due ore <script>alert(1)</script>",
        contact__email="not-an-email",
        stop_at="consent",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert Case.objects.count() == 0
    assert "error-summary" in page
    # The errors are in Italian, the language of the page.
    assert "C'è un problema" in page and "There is a problem" not in page
    assert 'value="not-an-email"' in page
    assert 'href="#id_contact-email"' in page
    # What was typed in earlier steps is kept: going back shows it (escaped).
    back = client.get("/it/feedback/what/").content.decode()
    assert "Il treno era in ritardo di due ore &lt;script&gt;" in back


@pytest.mark.django_db
@pytest.mark.iso("7.2")
def test_contact_needs_an_email_or_a_phone_unless_anonymous(
    client, portal_pages, category, priority
):
    response = submit_feedback(
        client, language="en", category=category, contact__email="", stop_at="consent"
    )
    assert "Enter an email address or a mobile phone number" in response.content.decode()
    anonymous = submit_feedback(
        client, language="en", category=category, you__identity="anonymous", contact__email=""
    )
    assert anonymous.status_code == 302 and "/confirmation/" in anonymous["Location"]
    case = Case.objects.get()
    assert case.complainant.email == "" and case.complainant.name == ""
    assert "CMP-" in client.get(anonymous["Location"]).content.decode()


@pytest.mark.django_db
def test_suggestions_skip_the_outcome_step(client, portal_pages, category, priority):
    response = submit_feedback(client, language="en", category=category, kind__kind="suggestion")
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.kind == "suggestion" and case.reference.startswith("SUG-")
    assert case.desired_outcome == ""


@pytest.mark.django_db
@pytest.mark.iso("4.5")
def test_check_answers_lists_everything_with_change_links(client, portal_pages, category, priority):
    response = submit_feedback(client, language="en", category=category, stop_at="check")
    page = client.get(response["Location"]).content.decode()
    assert "I was charged twice for the March invoice." in page
    assert "amira@example.net" in page and category.name in page
    assert 'href="/en/feedback/what/?return=check"' in page
    # Changing an answer comes back to the check page.
    changed = client.post(
        "/en/feedback/what/?return=check",
        {"feedback-current_step": "what", "what-description": "Charged three times."},
    )
    assert changed["Location"].endswith("/feedback/check/")
    assert "Charged three times." in client.get(changed["Location"]).content.decode()


@pytest.mark.django_db
@pytest.mark.iso("4.9")
@pytest.mark.iso("7.2")
def test_attachments_are_checked_by_content_and_kept(client, portal_pages, category, priority):
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = SimpleUploadedFile(
        "receipt.png",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        content_type="image/png",
    )
    fake = SimpleUploadedFile(
        "invoice.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf"
    )
    refused = submit_feedback(client, language="en", category=category, files=[fake], stop_at="you")
    assert refused.status_code == 200
    assert "invoice.pdf is not a type of file we accept" in refused.content.decode()
    accepted = client.post(
        "/en/feedback/files/", {"feedback-current_step": "files", "files-attachments": [png]}
    )
    assert accepted.status_code == 302
    assert "receipt.png" in client.get("/en/feedback/files/").content.decode()
    response = submit_feedback(client, language="en", category=category, reset=False)
    assert response.status_code == 302
    attachment = Case.objects.get().attachments.get()
    assert attachment.original_name == "receipt.png" and attachment.content_type == "image/png"
    assert attachment.size == 72 and len(attachment.sha256) == 64


@pytest.mark.django_db
@pytest.mark.iso("4.9")
def test_double_submission_makes_one_case(client, portal_pages, category, priority):
    response = submit_feedback(client, language="en", category=category, stop_at="check")
    check = response["Location"]
    data = {"feedback-current_step": "check"}
    first = client.post(check, data)
    second = client.post(check, data)
    assert "/confirmation/" in first["Location"]
    # The second shows the confirmation of the case the first recorded: no second case.
    assert "/confirmation/" in second["Location"]
    reference = Case.objects.get().reference
    assert reference in client.get(second["Location"]).content.decode()


@pytest.mark.django_db
@pytest.mark.iso("4.6")
@pytest.mark.iso("7.2")
@pytest.mark.iso("7.4")
def test_the_form_gives_the_tracking_number_at_once_and_the_worker_starts_the_process(
    client, portal_pages, category, priority, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.utils import formats

    from workflow.references import access_code_for
    from workflow.tasks import ProcessStarts

    with django_capture_on_commit_callbacks(execute=True):
        response = submit_feedback(client, language="en", category=category)
    assert "/confirmation/" in response["Location"]
    case = Case.objects.get()
    assert case.process_id is None and not mail.outbox
    page = client.get(response["Location"]).content.decode()
    assert case.reference in page
    assert access_code_for(reference=case.reference, salt=case.access_salt) in page
    assert formats.date_format(case.due_at, "DATE_FORMAT") in page

    # The clock's next tick queues the start, which the worker runs.
    with django_capture_on_commit_callbacks(execute=True):
        assert ProcessStarts().tick() == 1
    case.refresh_from_db()
    assert case.process is not None and case.status == Case.Status.ASSESSMENT
    assert mail.outbox[-1].to == ["amira@example.net"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"about-category": "not-a-number"},
        {"about-category": "999999", "kind-kind": "bribe"},
        {"feedback-current_step": "nonsense", "what-description": "x" * 20000},
        {
            "feedback-current_step": "about",
            "about-occurred_on_day": "45",
            "about-occurred_on_month": "13",
            "about-occurred_on_year": "2099",
        },
        {"feedback-current_step": "contact", "contact-language": "xx", "contact-phone": "call me"},
    ],
)
@pytest.mark.iso("4.9")
def test_garbage_never_causes_a_server_error(client, portal_pages, data):
    for step in ("kind", "about", "what", "contact", "check", "nonsense"):
        assert client.post(f"/en/feedback/{step}/", data).status_code in (200, 302, 400, 404)
    assert client.post("/en/track/", data).status_code == 400


@pytest.mark.django_db
@pytest.mark.iso("4.10")
def test_tracking_lookups_are_rate_limited(client, portal_pages, settings):
    settings.TRACKING_RATE_LIMIT = "3/m"
    statuses = [
        client.post(
            "/en/track/", {"reference": "CMP-2222-2222", "second_factor": "a@b.org"}
        ).status_code
        for _ in range(5)
    ]
    assert statuses == [404, 404, 404, 429, 429]
    limited = client.post("/en/track/", {"reference": "CMP-2222-2222", "second_factor": "a@b.org"})
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert (
        "Too many attempts"
        in client.post(
            "/en/track/", {"reference": "CMP-2222-2222", "second_factor": "a@b.org"}
        ).content.decode()
    )


@pytest.mark.django_db
def test_submissions_are_rate_limited(client, portal_pages, category, priority, settings):
    settings.SUBMISSION_RATE_LIMIT = "2/h"
    statuses = [
        submit_feedback(
            client, language="en", category=category, kind__kind="suggestion"
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert Case.objects.filter(kind="suggestion").count() == 2
    limited = client.post("/en/feedback/check/", {"feedback-current_step": "check"})
    assert limited.status_code == 429 and 1 <= int(limited["Retry-After"]) <= 3600
    # Nothing typed is lost: once the limit allows it again, the same answers are sent.
    settings.SUBMISSION_RATE_LIMIT = "100/h"
    resent = client.post("/en/feedback/check/", {"feedback-current_step": "check"})
    assert "/confirmation/" in resent["Location"]
    assert Case.objects.filter(kind="suggestion").count() == 3


@pytest.mark.django_db
def test_confirmation_without_a_submission_goes_back_to_the_form(client, portal_pages):
    response = client.get("/en/feedback/confirmation/")
    assert response.status_code == 302 and response["Location"].endswith("/feedback/")


@pytest.mark.django_db
def test_successful_lookups_do_not_use_up_the_limit(
    client, portal_pages, category, priority, settings
):
    settings.TRACKING_RATE_LIMIT = "2/m"
    case = make_case(category, description="Noise at night", email="me@example.org")
    data = {"reference": case.reference, "second_factor": "me@example.org"}
    assert [client.post("/en/track/", data).status_code for _ in range(4)] == [302] * 4
    # Guessing the second factor of this number is limited, whichever address tries...
    wrong = {"reference": case.reference, "second_factor": "guess@example.org"}
    assert client.post("/en/track/", wrong).status_code == 404
    assert client.post("/en/track/", wrong, REMOTE_ADDR="10.0.0.9").status_code == 404
    limited = client.post("/en/track/", wrong, REMOTE_ADDR="10.0.0.10")
    assert limited.status_code == 429 and 1 <= int(limited["Retry-After"]) <= 60
    # ...but the owner, who gives the right one, is never locked out (they were: 429).
    assert client.post("/en/track/", data, REMOTE_ADDR="10.0.0.11").status_code == 302


@pytest.mark.django_db
@pytest.mark.iso("4.10")
def test_guessing_from_many_addresses_neither_locks_the_owner_out_nor_tells_existence(
    client, portal_pages, category, priority, settings
):
    settings.TRACKING_RATE_LIMIT = "3/m"
    case = make_case(category, description="Noise at night", phone="+30 691 234 5678")
    answers = {}
    for reference in (case.reference, "CMP-2222-2222"):  # a real number and an unknown one
        answers[reference] = [
            client.post(
                "/en/track/",
                {"reference": reference, "second_factor": f"guess{n}@example.org"},
                REMOTE_ADDR=f"10.1.0.{n}",
            )
            for n in range(6)
        ]
    known, unknown = answers.values()
    assert [r.status_code for r in known] == [r.status_code for r in unknown]
    assert [r.status_code for r in known] == [404, 404, 404, 429, 429, 429]
    assert {r.templates[0].name for r in known} == {r.templates[0].name for r in unknown}
    # The owner opens the case with either second factor, from any address.
    for second_factor in ("691 234 5678", case_access_code(case)):
        owner = {"reference": case.reference, "second_factor": second_factor}
        assert client.post("/en/track/", owner, REMOTE_ADDR="10.2.0.1").status_code == 302
    # A client over its own limit is refused whatever it sends.
    for _ in range(3):
        client.post("/en/track/", {"reference": "CMP-3333-3333", "second_factor": "x@y.org"})
    owner = {"reference": case.reference, "second_factor": "691 234 5678"}
    refused = client.post("/en/track/", owner)
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1


def case_access_code(case):
    from workflow.references import access_code_for

    return access_code_for(reference=case.reference, salt=case.access_salt)


@pytest.mark.django_db
@pytest.mark.iso("4.5")
def test_language_switcher_keeps_the_page_and_query(client, portal_pages):
    page = client.get("/ar/track/?ref=CMP-2222-2222").content.decode()
    for language in LANGUAGES:
        assert f'href="/{language}/track/?ref=CMP-2222-2222"' in page
    assert 'hreflang="ar" dir="rtl" aria-current="true"' in page


@pytest.mark.django_db
@pytest.mark.iso("4.2")
@pytest.mark.iso("5.3")
def test_every_published_policy_version_stays_readable(client, portal_pages):
    policy = portal_pages["policy"]
    policy.save_revision().publish()
    first = policy.get_latest_revision()
    policy.version = "2.0"
    policy.body = "<p>We now answer within ten days.</p>"
    policy.save_revision().publish()
    page = client.get("/en/policy/").content.decode()
    assert "Version 2.0" in page and "ten days" in page
    assert f"/en/policy/versions/{first.pk}/" in page
    old = client.get(f"/en/policy/versions/{first.pk}/").content.decode()
    assert "no longer in force" in old and "We handle every complaint fairly." in old
    assert "ten days" not in old
    assert client.get("/en/policy/versions/999999/").status_code == 404


@pytest.mark.django_db
def test_site_search_finds_pages_in_any_language(client, portal_pages):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    found = client.get("/it/search/", {"q": "reclami"}).content.decode()
    assert "Politica di gestione dei reclami" in found
    found = client.get("/en/search/", {"q": "policy"}).content.decode()
    assert "Complaint-handling policy" in found
    assert "0 results" in client.get("/en/search/", {"q": "zzqxv"}).content.decode()
    assert client.get("/en/search/", {"q": "x" * 5000}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ['"', 'policy"', '"policy"', 'a"b "c', "policy\x00", "\x00", "\x07policy\x1b"]
)
def test_site_search_takes_quotes_and_control_characters(client, portal_pages, query):
    """A double quote broke SQLite's full-text query and a NUL byte PostgreSQL's (500)."""
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    if "policy" in query:
        assert "Complaint-handling policy" in response.content.decode()


@pytest.mark.django_db
def test_idle_answers_are_cleared_but_the_page_just_typed_is_kept(
    client, portal_pages, category, priority, settings
):
    settings.FEEDBACK_IDLE_MINUTES = 60
    start = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        response = submit_feedback(client, language="en", category=category, stop_at="what")
        assert response["Location"].endswith("/feedback/what/")
        page = client.get("/en/feedback/what/").content.decode()
        assert "we clear your answers after 60 minutes without activity" in page
        assert 'id="timeout-warning"' in page and "Keep my answers" in page
    # The "keep my answers" button keeps the session active (POST only, with CSRF).
    with time_machine.travel(start + datetime.timedelta(minutes=50), tick=False):
        assert client.get("/en/feedback/keepalive/").status_code == 405
        assert client.post("/en/feedback/keepalive/").status_code == 204
    with time_machine.travel(start + datetime.timedelta(minutes=100), tick=False):
        assert "Billing" in client.get("/en/feedback/about/").content.decode()
    # Over an hour later, the answers are gone; what was typed on the page sent is not.
    with time_machine.travel(start + datetime.timedelta(minutes=170), tick=False):
        sent = client.post(
            "/en/feedback/what/",
            {"feedback-current_step": "what", "what-description": "The lift is broken."},
        )
        assert sent.status_code == 302 and sent["Location"].endswith("/feedback/kind/")
        restarted = client.get(sent["Location"]).content.decode()
        assert "we cleared your answers after 60 minutes" in restarted
        assert "checked" not in restarted.split("kind-kind")[1][:80]
        assert "The lift is broken." in client.get("/en/feedback/what/").content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("speed_departures_on")
def test_reading_a_form_step_again_does_not_write_the_session(
    client, portal_pages, category, priority
):
    from django.contrib.sessions.models import Session

    submit_feedback(client, language="en", category=category, stop_at="what")
    client.get("/en/feedback/what/")
    # Every save moves the expiry date on: it tells whether the row was written.
    before = Session.objects.get().expire_date
    for _ in range(3):
        assert client.get("/en/feedback/what/").status_code == 200
    assert Session.objects.get().expire_date == before
    # Answering a step does write it.
    client.post(
        "/en/feedback/what/",
        {"feedback-current_step": "what", "what-description": "The lift is broken."},
    )
    assert Session.objects.get().expire_date != before


@pytest.mark.django_db
@pytest.mark.usefixtures("speed_departures_on")
def test_a_first_visit_to_the_form_writes_no_session_until_something_is_answered(
    client, portal_pages, category
):
    from django.contrib.sessions.models import Session

    assert client.get("/en/feedback/", follow=True).status_code == 200
    assert client.get("/en/feedback/kind/").status_code == 200
    assert Session.objects.count() == 0
    client.post("/en/feedback/kind/", {"feedback-current_step": "kind", "kind-kind": "complaint"})
    assert Session.objects.count() == 1
    assert client.get("/en/feedback/about/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"action": "reply", "reply-answer": "maybe"},
        {"action": "reply", "reply-answer": "contest", "reply-reasons": "x" * 20000},
        {"action": "survey", "survey-overall": "11", "survey-ease": "-1", "survey-comment": "\x00"},
        {"action": "add", "add-text": "", "add-files": "not-a-file"},
        {"action": "drop-tables"},
        {},
    ],
)
@pytest.mark.iso("4.9")
def test_garbage_on_a_case_page_never_causes_a_server_error(
    client, portal_pages, category, priority, data
):
    from ..conftest import case_page

    case = make_case(category)
    url = case_page(client, case)
    assert client.post(url, data).status_code in (302, 400)
    # A link is opened, never posted to; a bad one answers as an expired one.
    assert client.post("/en/track/not-a-token/", data).status_code == 405
    assert client.get("/en/track/not-a-token/").status_code == 404
    assert client.post("/en/track/case/not-a-number/", data).status_code == 403
