"""Issue 14 point 8: the organisation speaks each language. Its name is a translated setting
editors change in the CMS (titles, header, footer, notifications); every page's head has
its `hreflang` alternates and an icon; `make run`'s console mail is readable in Arabic and
Greek."""

import io
import re

from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from workflow.models import OrganisationSettings, OutboxMessage

from ..conftest import make_case

NAMES = {"en": "Example City Council", "ar": "مجلس مدينة المثال"}


@pytest.fixture
def organisation(db):
    setting = OrganisationSettings.load()
    setting.name_en, setting.name_ar = NAMES["en"], NAMES["ar"]
    setting.save()
    return setting


def _brand(page: str) -> str:
    return re.search(r'<a class="brand"[^>]*>[^<]*</a>', page).group(0)


@pytest.mark.django_db
@pytest.mark.iso("4.5")
def test_the_name_is_in_each_language_in_title_header_and_footer(
    client, portal_pages, organisation
):
    english = client.get("/en/").content.decode()
    assert f"– {NAMES['en']}</title>" in english
    assert f">{NAMES['en']}</a>" in _brand(english)
    assert f'<p class="footer-organisation">{NAMES["en"]}</p>' in english
    arabic = client.get("/ar/").content.decode()
    assert f"– {NAMES['ar']}</title>" in arabic and "Complaints portal" not in arabic
    assert 'lang="' not in _brand(arabic)  # in the page's own language
    # Greek has no name of its own yet: the default language's, marked as English.
    greek = client.get("/el/").content.decode()
    assert f'lang="en">{NAMES["en"]}</a>' in _brand(greek)
    assert f'<p class="footer-organisation" lang="en">{NAMES["en"]}</p>' in greek


@pytest.mark.django_db
def test_without_a_name_the_configured_one_is_shown(client, portal_pages, settings):
    settings.WAGTAIL_SITE_NAME = "Municipality of Example"
    assert "Municipality of Example</a>" in client.get("/en/").content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("speed_departures_on")
def test_saving_the_name_shows_it_at_once_on_cached_pages(client, portal_pages, organisation):
    """The header and footer are cached fragments named by the name, the page cache is
    cleared and the kept configuration forgotten when the setting is saved."""
    assert NAMES["en"] in client.get("/en/policy/").content.decode()
    organisation.name_en = "Example Water Board"
    organisation.save()
    page = client.get("/en/policy/").content.decode()
    assert "Example Water Board</a>" in page and NAMES["en"] not in page


@pytest.mark.django_db
@pytest.mark.usefixtures("speed_departures_on")
def test_the_name_costs_no_query_once_read(client, portal_pages, organisation, category):
    """One read for every language, then none: the form's steps stay at one query (the
    session) in every language."""
    client.get("/en/feedback/kind/")
    for language in ("en", "ar", "el"):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(f"/{language}/feedback/kind/").content.decode()
        assert len(queries) <= 1, [query["sql"] for query in queries.captured_queries]
        assert NAMES.get(language, NAMES["en"]) in page


@pytest.mark.django_db
def test_notifications_say_the_name_in_the_complainants_language(organisation, category):
    make_case(category, language="ar", email="arabic@example.org")
    message = OutboxMessage.objects.get(payload__to=["arabic@example.org"])
    assert NAMES["ar"] in message.payload["body"] and NAMES["en"] not in message.payload["body"]


@pytest.mark.django_db
def test_notifications_come_from_the_organisation_by_name(organisation, category, settings):
    """The From header names the organisation in the complainant's language (encoded as
    RFC 2047 asks for Arabic), at the address DEFAULT_FROM_EMAIL gives; a DEFAULT_FROM_EMAIL
    that names its sender already is used as it is."""
    from email import message_from_bytes
    from email.header import decode_header, make_header

    from workflow import outbox

    settings.DEFAULT_FROM_EMAIL = "complaints@example.org"
    make_case(category, language="ar", email="arabic@example.org")
    make_case(category, language="en", email="english@example.org")
    settings.DEFAULT_FROM_EMAIL = "Complaints desk <desk@example.org>"
    make_case(category, language="ar", email="desk@example.org")
    senders = {}
    for message in OutboxMessage.objects.filter(channel="email"):
        sent = message_from_bytes(outbox._email_message(message).message().as_bytes())
        senders[message.payload["to"][0]] = str(make_header(decode_header(sent["From"])))
    assert senders["arabic@example.org"] == f"{NAMES['ar']} <complaints@example.org>"
    assert senders["english@example.org"] == f"{NAMES['en']} <complaints@example.org>"
    assert senders["desk@example.org"] == "Complaints desk <desk@example.org>"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar", "el"])
def test_every_page_head_has_its_language_alternates(client, portal_pages, language):
    page = client.get(f"/{language}/policy/?q=1").content.decode()
    head = page.split("</head>")[0]
    links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head)
    assert links == [
        ("en", "http://testserver/en/policy/?q=1"),
        ("ar", "http://testserver/ar/policy/?q=1"),
        ("el", "http://testserver/el/policy/?q=1"),
        ("it", "http://testserver/it/policy/?q=1"),
        ("tr", "http://testserver/tr/policy/?q=1"),
        ("x-default", "http://testserver/en/policy/?q=1"),
    ]
    # The form's steps and the pages the site does not have too.
    for path in ("feedback/kind/", "no-such-page/"):
        head = client.get(f"/{language}/{path}").content.decode().split("</head>")[0]
        assert f'hreflang="ar" href="http://testserver/ar/{path}"' in head


@pytest.mark.django_db
def test_the_icon_is_named_in_every_head_and_served_at_favicon_ico(client, portal_pages):
    from django.contrib.staticfiles import finders

    head = client.get("/en/").content.decode().split("</head>")[0]
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', head).group(1)
    assert finders.find(icon.removeprefix("/static/"))
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == icon


@pytest.mark.parametrize(
    "subject",
    ["Λάβαμε τα σχόλιά σας (CMP-ABCD-1234)", "لقد استلمنا ملاحظاتكم (CMP-ABCD-1234)"],
)
def test_the_console_mail_of_make_run_shows_subjects_as_written(subject):
    from portal.mail import EmailBackend

    stream = io.StringIO()
    message = EmailMultiAlternatives(
        subject, "Γεια σας / مرحبا", "a@example.org", ["b@example.org"]
    )
    message.attach_alternative("<p>html</p>", "text/html")
    EmailBackend(stream=stream).send_messages([message])
    printed = stream.getvalue()
    assert f"Subject: {subject}\n" in printed and "=?utf-8?" not in printed
    assert "Γεια σας / مرحبا" in printed


def test_make_run_uses_the_readable_console(monkeypatch):
    import importlib

    import portal.settings.base as base

    monkeypatch.delenv("EMAIL_URL", raising=False)
    assert importlib.reload(base).EMAIL_BACKEND == "portal.mail.EmailBackend"
    monkeypatch.setenv("EMAIL_URL", "smtp://mail.example.org:25")
    assert importlib.reload(base).EMAIL_BACKEND.endswith("smtp.EmailBackend")
    monkeypatch.delenv("EMAIL_URL")
    importlib.reload(base)
