from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

# The page cache is a departure (docs/speed.md): these tests prove it with it on.
pytestmark = pytest.mark.usefixtures("speed_departures_on")


@pytest.mark.django_db
def test_content_pages_are_served_from_the_cache_until_a_page_is_published(client, portal_pages):
    first = client.get("/en/policy/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/en/policy/")
    assert second.status_code == 200 and len(queries) == 0
    assert second.content == first.content
    # Each language is its own entry.
    assert "Politica di gestione dei reclami" in client.get("/it/policy/").content.decode()

    policy = portal_pages["policy"]
    policy.title_en = "Our complaint-handling policy"
    policy.save_revision().publish()
    assert "Our complaint-handling policy" in client.get("/en/policy/").content.decode()


@pytest.mark.django_db
def test_forms_and_tracking_are_never_cached(client, portal_pages, category):
    for path in ("/en/feedback/about/", "/en/track/"):
        client.get(path)
        response = client.get(path)
        assert response.status_code == 200
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()
        if path == "/en/feedback/about/":
            # Rendered afresh, with the current categories.
            category.name_en = "Bills and refunds"
            category.save()
            assert "Bills and refunds" in client.get(path).content.decode()


@pytest.mark.django_db
def test_signed_in_visitors_bypass_the_cache(client, portal_pages, staff):
    client.get("/en/policy/")
    client.force_login(staff["manager"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/policy/").status_code == 200
    assert len(queries) > 0
