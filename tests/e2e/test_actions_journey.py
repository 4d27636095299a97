"""Corrective actions in a real browser (ISO 10002 8.7): a complaints manager opens an
action from a case's page, records what was done, in English and in Arabic (right to
left), with axe on every page of the journey."""

from datetime import timedelta

from django.conf import settings
from django.test import Client
from django.utils import timezone

import pytest

from improvement.models import CorrectiveAction
from workflow.models import CaseEvent, RootCause

from ..factories import CaseFactory
from .axe import WCAG_TAGS, _axe
from .conftest import browse

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


async def _violations(page) -> list[str]:
    """axe on the page's content (the staff pages' own card, not Viewflow's frame)."""
    results = await _axe.run(
        page,
        context=".mdc-card",
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
    ]


@pytest.mark.iso("8.7")
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_manager_opens_an_action_from_a_case_and_logs_progress(
    live_server, staff, category, language
):
    cause = RootCause.objects.create(code="retry", name="Payment retried", name_ar="دفع مكرر")
    case = CaseFactory(category=category, cause=cause)
    client = Client()
    client.force_login(staff["manager"])
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    due = (timezone.localdate() + timedelta(days=30)).isoformat()

    async def journey(page):
        await page.context.add_cookies(
            [
                {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
                {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
            ]
        )
        problems = {}
        await page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
        await page.click(f"a[href='/staff/improvement/actions/new/?case={case.reference}']")
        await page.wait_for_selector("form.staff-form")
        problems["new"] = await _violations(page)
        assert await page.get_attribute("html", "dir") == ("rtl" if language == "ar" else None)
        await page.fill("#id_title", "Raise the payment timeout")
        await page.fill("#id_description", "The provider retries a timed-out charge.")
        await page.fill("#id_due_on", due)
        await page.click("button[type=submit]")
        await page.wait_for_selector("#cases-heading")
        problems["detail"] = await _violations(page)
        await page.fill("#id_text", "Timeout raised to 60 s in production.")
        await page.click("form[action$='/log/'] button[type=submit]")
        await page.wait_for_selector("text=Timeout raised to 60 s in production.")
        await page.goto(f"{live_server.url}/staff/improvement/actions/?overdue=on")
        problems["list"] = await _violations(page)
        return {name: found for name, found in problems.items() if found}

    problems = browse(journey)
    assert not problems, problems
    action = CorrectiveAction.objects.get()
    assert list(action.cases.all()) == [case]
    assert action.root_cause == cause and action.owner == staff["manager"]
    assert action.status == CorrectiveAction.Status.IN_PROGRESS
    assert case.events.filter(kind=CaseEvent.Kind.ACTION).count() == 1
