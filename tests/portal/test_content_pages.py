"""The guiding principles and "how to complain" pages."""

from django.conf import settings

import pytest

from portal.models import ContactSettings, HowToComplainPage, PrinciplesPage


@pytest.mark.django_db
@pytest.mark.iso("4.4")
def test_each_principle_says_what_it_means_for_the_customer(client, portal_pages):
    portal_pages["home"].add_child(
        instance=PrinciplesPage(
            title="Our guiding principles",
            title_ar="مبادئنا التوجيهية",
            slug="principles",
            principles_en=[
                ("principle", {"name": "No charges", "meaning": "Complaining is free."}),
                ("principle", {"name": "Objectivity", "meaning": "Nobody judges their own case."}),
            ],
            principles_ar=[("principle", {"name": "المجانية", "meaning": "تقديم الشكوى مجاني."})],
        )
    )
    english = client.get("/en/principles/").content.decode()
    assert "<dt>No charges</dt>" in english and "Nobody judges their own case." in english
    arabic = client.get("/ar/principles/").content.decode()
    assert "<dt>المجانية</dt>" in arabic and 'dir="rtl"' in arabic
    assert "No charges" not in arabic


@pytest.mark.django_db
@pytest.mark.iso("4.4")
@pytest.mark.iso("7.1")
@pytest.mark.usefixtures("speed_departures_on")
def test_how_to_complain_shows_the_channels_and_opening_hours_from_the_settings(
    client, portal_pages
):
    portal_pages["home"].add_child(
        instance=HowToComplainPage(title="How to complain", slug="how-to-complain")
    )
    contact = ContactSettings.load()
    contact.email = "complaints@example.org"
    contact.phone = "0800 000 0000"
    contact.phone_hours_en = "Monday to Friday, 9:00 to 17:00"
    contact.phone_hours_it = "Dal lunedì al venerdì, dalle 9:00 alle 17:00"
    contact.counter_address_en = "1 Example Street"
    contact.save()
    page = client.get("/en/how-to-complain/").content.decode()
    assert 'href="mailto:complaints@example.org"' in page
    assert 'href="tel:08000000000"' in page and "Monday to Friday, 9:00 to 17:00" in page
    assert "1 Example Street" in page
    assert 'href="/en/feedback/"' in page  # the online form, first
    assert "Post" not in page  # no postal address set: no such channel shown
    italian = client.get("/it/how-to-complain/").content.decode()
    assert "Dal lunedì al venerdì" in italian
    # A change in the settings shows at once (cached pages are cleared on save).
    client.cookies.clear()
    assert client.get("/en/how-to-complain/").headers.get("Expires")  # served from the cache
    contact.phone_hours_en = "Every day, 8:00 to 20:00"
    contact.save()
    assert "Every day, 8:00 to 20:00" in client.get("/en/how-to-complain/").content.decode()


@pytest.mark.django_db
@pytest.mark.iso("4.8")
def test_complaining_is_free_every_page_says_so_and_no_step_asks_for_payment(client, portal_pages):
    """ISO 10002 4.8: no charge. Every public page says, in its language, that complaining
    is free and needs no account; no step of the form has a field for a payment."""
    from django.utils.translation import gettext, override

    from portal.wizard import FORMS

    portal_pages["home"].add_child(
        instance=HowToComplainPage(title="How to complain", slug="how-to-complain")
    )
    for code, _name in settings.LANGUAGES:
        with override(code):
            promise = gettext("Complaining is free and needs no account.")
        assert code == "en" or promise != "Complaining is free and needs no account."
        paths = [f"/{code}/how-to-complain/", f"/{code}/track/"]
        paths += [f"/{code}/feedback/{step}/" for step, _form in FORMS if step != "check"]
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            assert promise in response.content.decode(), path
    money = ("pay", "card", "fee", "charge", "iban", "amount", "price")
    for step, form_class in FORMS:
        for name in form_class.base_fields:
            assert not any(word in name.lower() for word in money), (step, name)
