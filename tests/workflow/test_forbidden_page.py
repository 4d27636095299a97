"""Issue 14 point 9: a refused page says, in the person's language, where they can work."""

import pytest

from workflow import roles

from ..factories import UserFactory


@pytest.fixture
def editor(db):
    roles.roles_sync()
    return UserFactory(username="editor", role=roles.EDITOR)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "says"),
    [
        ("en", "you work in the CMS"),
        ("ar", "تعملون في نظام إدارة المحتوى"),
        ("el", "εργάζεστε στο CMS"),
    ],
)
def test_an_editor_at_the_staff_pages_is_sent_to_the_cms(client, editor, language, says, settings):
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/staff/", follow=True)
    page = response.content.decode()
    assert response.status_code == 403
    assert says in page and 'href="/cms/"' in page
    assert "Django Material" not in page and "Access Forbidden" not in page
    assert f'lang="{language}"' in page
    assert ('dir="rtl"' in page) == (language == "ar")


@pytest.mark.django_db
def test_staff_refused_a_page_are_sent_to_their_work(client, staff, settings):
    """A handler at the management review (not their role): their work page, not the CMS."""
    client.force_login(staff["handler"])
    page = client.get("/staff/improvement/reviews/").content.decode()
    assert "Go to my work" in page and 'href="/staff/work/"' in page and "/cms/" not in page


@pytest.mark.django_db
def test_the_sign_in_page_is_titled_with_the_service_not_the_library(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get("/staff/accounts/login/").content.decode()
    assert "<title>تسجيل الدخول – معالجة الشكاوى</title>" in page.replace("\n", "")
    assert "Django Material" not in page
