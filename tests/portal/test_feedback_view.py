"""The feedback form is an ordinary Django view under i18n_patterns; Wagtail serves the
pages, each through its hooks; the form's texts come from a setting, without a query."""

from urllib.parse import urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from django.utils import translation

from wagtail import hooks

import pytest

from ..conftest import feedback_answers

# Queries per request of a whole walk through the form, at most, with the speed departures
# on (docs/speed.md): the session (read and updated with one statement each), the
# categories on "about", the submission on the final POST. Nothing grows with the number of
# pages, categories or cases.
MAX_QUERIES = {
    "GET kind": 1,
    "POST kind": 4,
    "GET about": 2,
    "POST about": 2,
    "POST check": 14,
    "confirmation": 1,
}
MAX_QUERIES_OTHER_STEPS = {"GET": 1, "POST": 2}


@pytest.mark.django_db
@pytest.mark.usefixtures("speed_departures_on")
def test_form_steps_need_no_page_queries_and_follow_what_editors_save(
    client, portal_pages, category, django_assert_max_num_queries
):
    client.get("/en/feedback/kind/")
    with django_assert_max_num_queries(1):  # the session, at most
        assert client.get("/en/feedback/kind/").status_code == 200
    texts = portal_pages["form_texts"]
    texts.intro_en = "<p>Tell us everything, in any language.</p>"
    texts.save()
    assert "Tell us everything" in client.get("/en/feedback/kind/").content.decode()
    # Other pages, and unknown sub-routes, are Wagtail's as before.
    assert client.get("/en/policy/").status_code == 200
    assert client.get("/en/feedback/no/such/route/").status_code == 404


@pytest.mark.django_db
@pytest.mark.usefixtures("speed_departures_on")
def test_every_step_costs_no_more_queries_than_before(client, portal_pages, category):
    answers = feedback_answers(category)
    client.get("/en/feedback/kind/")  # the texts are read once, then kept in the cache
    counts = {}
    response = client.get("/en/feedback/?reset=1")
    while response.status_code == 302 and "/confirmation/" not in response["Location"]:
        step = urlsplit(response["Location"]).path.rstrip("/").split("/")[-1]
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/feedback/{step}/").status_code == 200
        counts[f"GET {step}"] = len(queries)
        data = {"feedback-current_step": step}
        data.update({f"{step}-{field}": value for field, value in answers[step].items()})
        with CaptureQueriesContext(connection) as queries:
            response = client.post(f"/en/feedback/{step}/", data)
        counts[f"POST {step}"] = len(queries)
    assert response.status_code == 302 and "/confirmation/" in response["Location"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(response["Location"]).status_code == 200
    counts["confirmation"] = len(queries)
    assert len(counts) == 19  # nine steps, GET and POST, and the receipt
    limits = {name: MAX_QUERIES_OTHER_STEPS.get(name.split()[0], 0) for name in counts}
    limits.update(MAX_QUERIES)
    too_many = {name: count for name, count in counts.items() if count > limits[name]}
    assert not too_many, counts


@pytest.mark.django_db
def test_the_form_is_a_django_view_and_pages_pass_wagtails_hooks(client, portal_pages):
    for path, name in [
        ("/en/feedback/", "feedback"),
        ("/ar/feedback/kind/", "feedback_step"),
        ("/tr/feedback/confirmation/", "feedback_confirmation"),
        ("/el/feedback/keepalive/", "feedback_keepalive"),
        ("/it/policy/", "wagtail_serve"),
    ]:
        with translation.override(path.split("/")[1]):
            assert resolve(path).url_name == name, path
    served = []

    def before_serve_page(page, request, serve_args, serve_kwargs):
        served.append(page.slug)

    with hooks.register_temporarily("before_serve_page", before_serve_page):
        assert client.get("/en/policy/").status_code == 200
        assert client.get("/en/feedback/kind/").status_code == 200
    assert served == ["policy"]


@pytest.mark.django_db
def test_a_restricted_page_goes_through_wagtails_checks(client, portal_pages):
    from wagtail.models import PageViewRestriction

    client.get("/en/policy/")
    PageViewRestriction.objects.create(
        page=portal_pages["policy"], restriction_type="password", password="secret"
    )
    page = client.get("/en/policy/").content.decode()
    assert 'name="password"' in page and "We handle every complaint fairly." not in page


@pytest.mark.django_db
@pytest.mark.iso("4.5")
def test_the_texts_are_in_the_visitors_language_and_have_defaults(client, portal_pages):
    arabic = client.get("/ar/feedback/kind/").content.decode()
    assert "ملاحظاتك" in arabic
    # Not translated: the default language's text; none at all: the form's own title.
    assert "Feedback" in client.get("/it/feedback/kind/").content.decode()
    texts = portal_pages["form_texts"]
    texts.title_en = texts.title_ar = ""
    texts.save()
    assert (
        "Send us a complaint, suggestion or compliment"
        in client.get("/en/feedback/kind/").content.decode()
    )
