"""Satisfaction analysis in a real browser: a complaints manager reads the figures in
English and Arabic, follows the drill-down, and records the follow-up of a low score; axe
finds nothing on the app's own content."""

import datetime

import pytest
import time_machine

from improvement.models import SatisfactionFollowUp
from workflow import services
from workflow.models import Case, CaseEvent

from ..factories import CaseFactory
from .axe import violations
from .conftest import browse, sign_in, staff_session

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.iso("8.3"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

UTC = datetime.UTC


def _closed(category, at, answers):
    case = CaseFactory(category=category, status=Case.Status.CLOSED, closed_at=at, received_at=at)
    if answers:
        with time_machine.travel(at, tick=False):
            services.survey_answer(case=case, **dict(zip(SCORES, answers, strict=True)))
    return case


SCORES = ("overall", "ease", "fairness", "timeliness")


def test_a_manager_reads_the_analysis_and_follows_up_a_low_score(live_server, staff, category):
    day = datetime.datetime.now(UTC) - datetime.timedelta(days=3)
    low = _closed(category, day, (2, 1, 3, 2))
    _closed(category, day, (5, 5, 4, 5))
    _closed(category, day, None)
    session = staff_session(staff["manager"])
    url = f"{live_server.url}/staff/improvement/satisfaction/"

    async def journey(page):
        seen = {}
        for language in ("ar", "en"):
            await sign_in(page, url, session, language)
            await page.goto(url)
            seen[language] = {
                "dir": await page.get_attribute("html", "dir"),
                "heading": await page.locator("h1").inner_text(),
                "axe": await violations(page, context=".satisfaction"),
            }
        summary = page.locator("table.satisfaction-summary")
        seen["rate"] = await summary.locator("tr", has_text="Response rate").inner_text()
        # The figure "answered" lists the two cases that answered.
        await summary.locator("tr", has_text="Answered").first.locator("a").click()
        await page.wait_for_url("**/satisfaction/cases/**")
        seen["answered"] = await page.locator("table.satisfaction-cases tbody tr").count()
        await page.go_back()
        await page.get_by_role("link", name=f"Record a follow-up of {low.reference}").click()
        await page.wait_for_url("**/follow-up/**")
        seen["form_axe"] = await violations(page, context=".satisfaction")
        await page.get_by_label("Contacted the customer").check()
        await page.get_by_label("Note on the follow-up").fill("Called back; apologised.")
        await page.get_by_role("button", name="Record the follow-up").click()
        await page.wait_for_url("**/improvement/satisfaction/")
        seen["awaiting"] = await page.locator(".awaiting").inner_text()
        return seen

    seen = browse(journey)
    assert seen["ar"]["dir"] == "rtl" and seen["ar"]["heading"] == "الرضا عن معالجة الشكاوى"
    assert seen["en"]["dir"] is None
    assert seen["ar"]["axe"] == seen["en"]["axe"] == seen["form_axe"] == []
    assert "66.7 %" in seen["rate"]
    assert seen["answered"] == 2
    assert seen["awaiting"] == "0 low scores awaiting follow-up"
    followup = SatisfactionFollowUp.objects.get()
    assert (followup.response.case, followup.action) == (low, "contacted")
    event = low.events.get(kind=CaseEvent.Kind.SURVEY_FOLLOW_UP)
    assert not event.is_public and event.note.endswith("Called back; apologised.")
