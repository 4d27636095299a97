import pytest

from workflow.models import Case

LANGUAGES = ["en", "ar", "el", "it", "tr"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
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
def test_invalid_submission_keeps_input_and_explains_in_the_language(
    client, portal_pages, category
):
    typed = "Il treno era in ritardo di due ore <script>alert(1)</script>"
    response = client.post(
        "/it/feedback/",
        {
            "kind": "complaint",
            "category": category.pk,
            "description": typed,
            "email": "not-an-email",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert Case.objects.count() == 0
    assert "error-summary" in page
    # The errors are in Italian, the language of the page.
    assert "C'è un problema" in page and "There is a problem" not in page
    assert "Seleziona la casella per dare il consenso" in page
    # What was typed comes back (escaped), nothing is lost.
    assert "Il treno era in ritardo di due ore &lt;script&gt;" in page
    assert 'value="not-an-email"' in page
    # The error summary links to the fields.
    assert 'href="#id_email"' in page and 'href="#id_consent"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"category": "not-a-number"},
        {"category": "999999", "kind": "bribe"},
        {"submission_key": "not-a-uuid", "description": "x" * 20000},
        {"language": "xx", "phone": "call me maybe"},
    ],
)
def test_garbage_never_causes_a_server_error(client, portal_pages, data):
    assert client.post("/en/feedback/", data).status_code == 400
    assert client.post("/en/track/", data).status_code == 400


@pytest.mark.django_db
def test_tracking_lookups_are_rate_limited(client, portal_pages, settings):
    settings.TRACKING_RATE_LIMIT = "3/m"
    statuses = [
        client.post(
            "/en/track/", {"reference": "CMP-2222-2222", "second_factor": "a@b.org"}
        ).status_code
        for _ in range(5)
    ]
    assert statuses == [404, 404, 404, 429, 429]
    assert (
        "Too many attempts"
        in client.post(
            "/en/track/", {"reference": "CMP-2222-2222", "second_factor": "a@b.org"}
        ).content.decode()
    )


@pytest.mark.django_db
def test_submissions_are_rate_limited(client, portal_pages, category, priority, settings):
    settings.SUBMISSION_RATE_LIMIT = "2/h"
    data = {
        "kind": "suggestion",
        "category": category.pk,
        "description": "Please add a bike rack.",
        "email": "a@example.org",
        "language": "en",
        "consent": "on",
    }
    statuses = [client.post("/en/feedback/", data).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert Case.objects.filter(kind="suggestion").count() == 2


@pytest.mark.django_db
def test_confirmation_without_a_submission_goes_back_to_the_form(client, portal_pages):
    response = client.get("/en/feedback/confirmation/")
    assert response.status_code == 302 and response["Location"].endswith("/feedback/")


@pytest.mark.django_db
def test_successful_lookups_do_not_use_up_the_limit(
    client, portal_pages, category, priority, settings
):
    from workflow import services

    settings.TRACKING_RATE_LIMIT = "2/m"
    case = services.complaint_submit(
        kind="complaint",
        category=category,
        description="Noise at night",
        language="en",
        consent=True,
        email="me@example.org",
    ).case
    data = {"reference": case.reference, "second_factor": "me@example.org"}
    assert [client.post("/en/track/", data).status_code for _ in range(4)] == [200] * 4
    # Guessing the second factor of this number is limited, whichever address tries.
    wrong = {"reference": case.reference, "second_factor": "guess@example.org"}
    assert client.post("/en/track/", wrong).status_code == 404
    assert client.post("/en/track/", wrong, REMOTE_ADDR="10.0.0.9").status_code == 404
    assert client.post("/en/track/", data, REMOTE_ADDR="10.0.0.10").status_code == 429


@pytest.mark.django_db
def test_language_switcher_keeps_the_page_and_query(client, portal_pages):
    page = client.get("/ar/track/?ref=CMP-2222-2222").content.decode()
    for language in LANGUAGES:
        assert f'href="/{language}/track/?ref=CMP-2222-2222"' in page
    assert 'hreflang="ar" dir="rtl" aria-current="true"' in page
