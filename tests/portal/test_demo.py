from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

import pytest

from portal.models import ComplaintFormPage, HomePage, PolicyPage
from workflow.models import Category, Priority, Team

from ..conftest import CONTENT_PAGES, LANGUAGES


@pytest.mark.django_db
def test_demo_content_is_idempotent_and_serves_every_language(client):
    first = StringIO()
    call_command("load_demo", stdout=first)
    counts = (
        Priority.objects.count(),
        Team.objects.count(),
        Category.objects.count(),
        get_user_model().objects.count(),
        HomePage.objects.count(),
    )
    call_command("load_demo", stdout=StringIO())
    assert counts == (
        Priority.objects.count(),
        Team.objects.count(),
        Category.objects.count(),
        get_user_model().objects.count(),
        HomePage.objects.count(),
    )
    output = first.getvalue()
    for username in ("intake", "handler", "supervisor", "manager", "auditor", "admin"):
        assert username in output
    assert Priority.objects.filter(is_default=True).count() == 1

    policy = PolicyPage.objects.get()
    titles = {language: getattr(policy, f"title_{language}") for language in LANGUAGES}
    assert len(set(titles.values())) == 5, titles
    for language in LANGUAGES:
        for path in [*CONTENT_PAGES, "feedback/"]:
            response = client.get(f"/{language}/{path}", follow=True)
            assert response.status_code == 200, (language, path)
        assert titles[language] in client.get(f"/{language}/policy/").content.decode()
    assert ComplaintFormPage.objects.live().count() == 1
