"""Corrective actions in a real browser (ISO 10002 8.7): a complaints manager opens an
action from a case's page, records what was done, in English and in Arabic (right to
left), with axe on every page of the journey."""

from datetime import timedelta

from django.utils import timezone

import pytest

from improvement.models import CorrectiveAction
from workflow.models import CaseEvent, RootCause

from ..factories import CaseFactory
from .axe import violations
from .conftest import browse, sign_in, staff_session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.iso("8.7")
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_manager_opens_an_action_from_a_case_and_logs_progress(
    live_server, staff, category, language
):
    cause = RootCause.objects.create(code="retry", name="Payment retried", name_ar="دفع مكرر")
    case = CaseFactory(category=category, cause=cause)
    session = staff_session(staff["manager"])
    due = (timezone.localdate() + timedelta(days=30)).isoformat()

    async def journey(page):
        await sign_in(page, live_server.url, session, language)
        problems = {}
        await page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
        await page.click(f"a[href='/staff/improvement/actions/new/?case={case.reference}']")
        await page.wait_for_selector("form.staff-form")
        problems["new"] = await violations(page, context=".mdc-card")
        assert await page.get_attribute("html", "dir") == ("rtl" if language == "ar" else None)
        await page.fill("#id_title", "Raise the payment timeout")
        await page.fill("#id_description", "The provider retries a timed-out charge.")
        await page.fill("#id_due_on", due)
        await page.click("button[type=submit]")
        await page.wait_for_selector("#cases-heading")
        problems["detail"] = await violations(page, context=".mdc-card")
        await page.fill("#id_text", "Timeout raised to 60 s in production.")
        await page.click("form[action$='/log/'] button[type=submit]")
        await page.wait_for_selector("text=Timeout raised to 60 s in production.")
        await page.goto(f"{live_server.url}/staff/improvement/actions/?overdue=on")
        problems["list"] = await violations(page, context=".mdc-card")
        return {name: found for name, found in problems.items() if found}

    problems = browse(journey)
    assert not problems, problems
    action = CorrectiveAction.objects.get()
    assert list(action.cases.all()) == [case]
    assert action.root_cause == cause and action.owner == staff["manager"]
    assert action.status == CorrectiveAction.Status.IN_PROGRESS
    assert case.events.filter(kind=CaseEvent.Kind.ACTION).count() == 1
