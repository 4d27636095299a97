"""The feedback form's short way past Wagtail's routing stays faithful to Wagtail."""

import pytest


@pytest.mark.django_db
def test_form_steps_need_no_page_queries_and_follow_what_editors_publish(
    client, portal_pages, category, django_assert_max_num_queries
):
    form_page = portal_pages["form"]
    client.get("/en/feedback/kind/")  # the page is looked up once
    with django_assert_max_num_queries(1):  # the shared version number, at most
        assert client.get("/en/feedback/kind/").status_code == 200
    form_page.intro = "<p>Tell us everything, in any language.</p>"
    form_page.save_revision().publish()
    assert "Tell us everything" in client.get("/en/feedback/kind/").content.decode()
    # Other pages, and unknown sub-routes, are Wagtail's as before.
    assert client.get("/en/policy/").status_code == 200
    assert client.get("/en/feedback/no/such/route/").status_code == 404


@pytest.mark.django_db
def test_a_restricted_form_page_goes_through_wagtails_checks(client, portal_pages):
    from wagtail.models import PageViewRestriction

    client.get("/en/feedback/kind/")
    PageViewRestriction.objects.create(
        page=portal_pages["form"], restriction_type="password", password="secret"
    )
    page = client.get("/en/feedback/kind/").content.decode()
    assert 'name="password"' in page and "kind-kind" not in page
