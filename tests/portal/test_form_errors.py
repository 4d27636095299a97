"""Errors on the public forms, over HTTP, in English, Arabic and Greek (issue 14, points 2-4):
the error summary is first in the main content and focused on load without a script, every
error belongs to a field (the summary links to it, the field says it and is aria-invalid),
and dates are asked as day, month and year, with a translated error for each mistake."""

import datetime
import re

from django.utils import formats, translation

import pytest
import time_machine

from workflow.attachments import files_help_text
from workflow.models import Case

from ..conftest import make_case, submit_feedback

LANGUAGES = ["en", "ar", "el"]


def _main(page: str) -> str:
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def _summary(page: str) -> str:
    match = re.search(r'<div class="error-summary".*?</ul>', page, re.S)
    assert match, "no error summary"
    return match.group(0)


def _tag(page: str, element_id: str) -> str:
    match = re.search(rf'<(?:input|textarea|select|fieldset)[^>]*\bid="{element_id}"[^>]*>', page)
    assert match, f"no element {element_id}"
    return match.group(0)


def _assert_summary_first_and_focused(page: str):
    """The GOV.UK pattern: the summary opens the main content (before any heading), is
    announced and focused on load by the `autofocus` attribute (no script needed)."""
    main = _main(page).split(">", 1)[1].lstrip()
    assert main.startswith('<div class="error-summary"'), main[:200]
    opening = main.split(">", 1)[0]
    for attribute in ('role="alert"', 'tabindex="-1"', "autofocus"):
        assert attribute in opening
    assert "portal/js/error-summary.js" in page


def _translated(language: str, text: str, **params) -> str:
    with translation.override(language):
        return translation.gettext(text) % params if params else translation.gettext(text)


def _about(client, language, category, **parts):
    """Post the "about" step with the date's parts (the steps before it answered)."""
    submit_feedback(client, language=language, category=category, stop_at="about")
    data = {"feedback-current_step": "about", "about-category": category.pk}
    data.update({f"about-occurred_on_{part}": value for part, value in parts.items()})
    return client.post(f"/{language}/feedback/about/", data)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("parts", "message", "wrong"),
    [
        ({"day": "27", "month": "", "year": "2026"}, "The date must include a month.", ["month"]),
        (
            {"day": "", "month": "", "year": "2026"},
            "The date must include a day and a month.",
            ["day", "month"],
        ),
        ({"day": "31", "month": "2", "year": "2026"}, "The date must be a real date.", None),
        ({"day": "3", "month": "13", "year": "2026"}, "The date must be a real date.", None),
        (
            {"day": "3", "month": "1", "year": "26"},
            "The year must have 4 digits, for example 2026.",
            ["year"],
        ),
        (
            {"day": "1", "month": "1", "year": "2027"},
            "The date must be today or in the past.",
            None,
        ),
    ],
)
@time_machine.travel(datetime.datetime(2026, 12, 5, 12, tzinfo=datetime.UTC), tick=False)
def test_a_wrong_date_is_explained_at_its_part_and_what_was_typed_stays(
    client, portal_pages, category, language, parts, message, wrong
):
    response = _about(client, language, category, **parts)
    assert response.status_code == 200
    page = response.content.decode()
    _assert_summary_first_and_focused(page)
    expected = _translated(language, message)
    if language != "en":
        assert expected != message, f"{message!r} is not translated into {language}"
    summary = _summary(page)
    wrong = wrong or ["day", "month", "year"]
    ids = {
        "day": "id_about-occurred_on",
        "month": "id_about-occurred_on_month",
        "year": "id_about-occurred_on_year",
    }
    # The summary links to the first part in error; the message is in the fieldset too.
    assert f'<a href="#{ids[wrong[0]]}">{expected}</a>' in summary
    assert '<p class="error-message" id="id_about-occurred_on-error">' in page
    fieldset = _tag(page, "id_about-occurred_on-fieldset")
    assert 'role="group"' in fieldset
    assert "id_about-occurred_on-hint id_about-occurred_on-error" in fieldset
    for part, element_id in ids.items():
        tag = _tag(page, element_id)
        assert ('aria-invalid="true"' in tag) == (part in wrong), (part, tag)
        assert 'inputmode="numeric"' in tag and 'type="text"' in tag
        assert f'value="{parts[part]}"' in tag  # what was typed survives the error


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_date_is_one_question_with_a_translated_legend_and_hint(
    client, portal_pages, category, language
):
    submit_feedback(client, language=language, category=category, stop_at="about")
    page = client.get(f"/{language}/feedback/about/").content.decode()
    assert 'type="date"' not in page
    fieldset = page.split('id="id_about-occurred_on-fieldset"', 1)[1].split("</fieldset>")[0]
    with translation.override(language):
        legend = translation.gettext("When did it happen? (optional)")
        hint = translation.gettext("For example, 27 3 2026")
        labels = [translation.pgettext("part of a date", part) for part in ("Day", "Month", "Year")]
    assert f"<legend>{legend}</legend>" in fieldset
    assert f'<p class="hint" id="id_about-occurred_on-hint">{hint}</p>' in fieldset
    for label in labels:
        assert f">{label}</label>" in fieldset
    if language != "en":
        assert "Day" not in labels and hint != "For example, 27 3 2026"


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@time_machine.travel(datetime.datetime(2026, 12, 5, 12, tzinfo=datetime.UTC), tick=False)
def test_a_date_in_any_digits_is_stored_as_typed_and_shown_in_the_languages_format(
    client, portal_pages, category, language, django_capture_on_commit_callbacks
):
    # Day first, whatever the script: Arabic-Indic digits are read as the same numbers.
    day, month, year = ("٢٧", "٣", "٢٠٢٦") if language == "ar" else ("27", "3", "2026")
    response = submit_feedback(
        client,
        language=language,
        category=category,
        stop_at="check",
        about__occurred_on_day=day,
        about__occurred_on_month=month,
        about__occurred_on_year=year,
    )
    assert response.status_code == 302
    page = client.get(f"/{language}/feedback/check/").content.decode()
    with translation.override(language):
        shown = formats.date_format(datetime.date(2026, 3, 27), "DATE_FORMAT")
    assert shown in page.split('class="summary check-answers"')[1]
    assert "2026-03-27" not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/{language}/feedback/check/", {"feedback-current_step": "check"})
    assert Case.objects.get().occurred_on == datetime.date(2026, 3, 27)


@pytest.mark.django_db
def test_dates_on_the_case_page_read_the_same_with_and_without_a_time(
    client, portal_pages, category, priority
):
    """Arabic had no DATETIME_FORMAT of its own: the English one stood beside the Arabic
    date; Italian added the weekday (portal/formats)."""
    at = datetime.datetime(2026, 3, 27, 10, tzinfo=datetime.UTC)
    for language in ("ar", "it", "el", "en", "tr"):
        with translation.override(language):
            date = formats.date_format(at, "DATE_FORMAT")
            with_time = formats.date_format(at, "DATETIME_FORMAT")
        assert with_time.startswith(date), (language, date, with_time)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_give_an_email_or_a_phone_belongs_to_the_email_and_marks_both(
    client, portal_pages, category, language
):
    submit_feedback(client, language=language, category=category, stop_at="contact")
    response = client.post(
        f"/{language}/feedback/contact/",
        {
            "feedback-current_step": "contact",
            "contact-email": "",
            "contact-phone": "",
            "contact-language": language,
        },
    )
    page = response.content.decode()
    _assert_summary_first_and_focused(page)
    message = _translated(
        language, "Enter an email address or a mobile phone number, so that we can reply."
    )
    summary = _summary(page)
    assert f'<a href="#id_contact-email">{message}</a>' in summary
    assert "<li>" + message not in summary  # no error without a field
    assert re.search(r'id="id_contact-email-error">.*?' + re.escape(message), page)
    email, phone = _tag(page, "id_contact-email"), _tag(page, "id_contact-phone")
    for tag in (email, phone):
        assert 'aria-invalid="true"' in tag
        assert "id_contact-email-error" in tag.split('aria-describedby="')[1].split('"')[0]


@pytest.mark.django_db
def test_a_wrong_email_alone_does_not_mark_the_phone(client, portal_pages, category):
    submit_feedback(client, language="en", category=category, stop_at="contact")
    page = client.post(
        "/en/feedback/contact/",
        {
            "feedback-current_step": "contact",
            "contact-email": "not-an-email",
            "contact-language": "en",
        },
    ).content.decode()
    assert 'aria-invalid="true"' in _tag(page, "id_contact-email")
    assert "aria-invalid" not in _tag(page, "id_contact-phone")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "example"), [("en", "+44 7700"), ("ar", "+966"), ("el", "+30")]
)
def test_the_phone_example_is_the_languages_own(client, portal_pages, category, language, example):
    submit_feedback(client, language=language, category=category, stop_at="contact")
    page = client.get(f"/{language}/feedback/contact/").content.decode()
    assert example in page.split('id="id_contact-phone-hint"')[1].split("</p>")[0]
    page = client.post(
        f"/{language}/feedback/contact/",
        {
            "feedback-current_step": "contact",
            "contact-phone": "call me",
            "contact-language": language,
        },
    ).content.decode()
    assert example in page.split('id="id_contact-phone-error"')[1].split("</p>")[0]
    if language != "en":
        assert "+44" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_feedback_step_focuses_its_error_summary(client, portal_pages, category, language):
    """A step sent empty: the summary is first and focused, each error links to its field."""
    empty = {
        "kind": {},
        "about": {},
        "what": {},
        "you": {},
        "consent": {},
    }
    for step, data in empty.items():
        submit_feedback(client, language=language, category=category, stop_at=step)
        response = client.post(
            f"/{language}/feedback/{step}/", {"feedback-current_step": step, **data}
        )
        assert response.status_code == 200, step
        page = response.content.decode()
        _assert_summary_first_and_focused(page)
        targets = re.findall(r'<a href="#([^"]+)">', _summary(page))
        assert targets, step
        for target in targets:
            assert f'id="{target}"' in page, (step, target)
        assert "<li>" not in _summary(page).replace("<li><a ", ""), "an error without a field"


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_lookup_that_finds_nothing_belongs_to_the_tracking_number(client, portal_pages, language):
    response = client.post(
        f"/{language}/track/", {"reference": "CMP-2222-2222", "second_factor": "x@example.org"}
    )
    assert response.status_code == 404
    page = response.content.decode()
    _assert_summary_first_and_focused(page)
    assert '<a href="#id_reference">' in _summary(page)
    for element_id in ("id_reference", "id_second_factor"):
        tag = _tag(page, element_id)
        assert 'aria-invalid="true"' in tag and "id_reference-error" in tag
    # The value typed is kept.
    assert 'value="CMP-2222-2222"' in _tag(page, "id_reference")
    # Empty: each field its own error, the second factor not marked by the number's.
    page = client.post(f"/{language}/track/", {"reference": "", "second_factor": "x"}).content
    assert "aria-invalid" not in _tag(page.decode(), "id_second_factor")


def _case_page(client, case, language: str) -> str:
    """The case page with full access: the lookup gives it to the session."""
    found = client.post(
        f"/{language}/track/", {"reference": case.reference, "second_factor": "someone@example.org"}
    )
    assert found.status_code == 302
    return found["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_case_pages_forms_focus_their_summary_and_own_every_error(
    client, portal_pages, category, priority, settings, language
):
    case = make_case(category, language=language)
    # Opened by a notification's link (read-only), an action is refused: said first.
    from workflow.references import tracking_token_for

    token = tracking_token_for(case_id=case.pk, salt=case.access_salt)
    url = client.get(f"/{language}/track/{token}/")["Location"]
    refused = client.post(url, {"action": "add", "add-text": "Hello"})
    assert refused.status_code == 403
    _assert_summary_first_and_focused(refused.content.decode())
    url = _case_page(client, case, language)
    page = client.post(url, {"action": "add", "add-text": "  "}).content.decode()
    _assert_summary_first_and_focused(page)
    assert '<a href="#id_add-text">' in _summary(page)
    assert 'aria-invalid="true"' in _tag(page, "id_add-text")
    # Too many attempts: said at the form's first question, what was typed kept.
    settings.SUBMISSION_RATE_LIMIT = "1/h"
    assert client.post(url, {"action": "add", "add-text": "First"}).status_code == 302
    response = client.post(url, {"action": "add", "add-text": "Second"})
    assert response.status_code == 429
    page = response.content.decode()
    _assert_summary_first_and_focused(page)
    message = _translated(
        language, "You have sent this too many times. Wait a while and try again."
    )
    assert f'<a href="#id_add-text">{message}</a>' in _summary(page)
    assert "Second</textarea>" in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_accepted_file_types_are_named_in_the_language(language):
    with translation.override(language):
        hint = files_help_text()
        text = translation.gettext("Plain text (TXT)")
    assert text in hint
    if language != "en":
        assert "Plain text" not in hint and "Text," not in hint


@pytest.mark.django_db
@pytest.mark.parametrize("anonymous", [True, False])
def test_the_confirmation_says_the_codes_were_sent_only_when_they_were(
    client, portal_pages, category, anonymous, django_capture_on_commit_callbacks
):
    overrides = {"you__identity": "anonymous"} if anonymous else {}
    with django_capture_on_commit_callbacks(execute=True):
        response = submit_feedback(client, language="en", category=category, **overrides)
    page = client.get(response["Location"]).content.decode()
    assert "We have also sent them to you" not in page
    assert ("We are also sending them" in page) is not anonymous
    assert ("You stayed anonymous, so we cannot send them to you" in page) is anonymous


def _demo_page(slug: str) -> dict:
    import tomllib

    from portal.demo import schema

    return tomllib.loads((schema.DIRECTORY / "pages" / f"{slug}.toml").read_text())


@pytest.mark.parametrize("language", ["en", "ar", "el", "it", "tr"])
def test_the_demo_privacy_notice_says_what_the_software_does(language, settings):
    """Complaints managers, senior management, auditors and administrators see every case
    (workflow.roles: view_all_cases); auditors' exports hold personal data and their ZIPs
    are deleted after AUDIT_EXPORT_KEEP_DAYS; nothing deletes closed cases."""
    body = _demo_page("privacy")["text"][language]["body"]
    days = settings.AUDIT_EXPORT_KEEP_DAYS
    assert re.search(rf"(?<!\d){days}(?!\d)", body), "the export files' lifetime"
    untrue = {
        "en": ["Only the members of staff", "six years"],
        "ar": ["لا يطلع على بياناتكم إلا الموظفون المكلفون", "ست سنوات"],
        "el": ["τα βλέπουν μόνο τα μέλη", "έξι χρόνια"],
        "it": ["visibili solo alle persone", "sei anni"],
        "tr": ["yalnızca başvurunuzla ilgilenen", "altı yıl"],
    }[language]
    for phrase in untrue:
        assert phrase not in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_decision_text_message_gives_its_date_as_the_emails_do(language):
    """English SHORT_DATE_FORMAT is m/d/Y: 03/04/2026 reads as 3 April elsewhere."""
    from django.template.loader import render_to_string

    reply_by = datetime.date(2026, 3, 4)
    with translation.override(language):
        text = render_to_string(
            "workflow/sms/decision.txt",
            {"case": Case(reference="CMP-2222-2222"), "reply_by": reply_by, "tracking_url": "x"},
        )
        assert formats.date_format(reply_by, "DATE_FORMAT") in text
    assert "03/04/2026" not in text
