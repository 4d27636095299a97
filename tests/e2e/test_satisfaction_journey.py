"""Satisfaction analysis in a real browser: a complaints manager reads the figures in
English and Arabic, follows the drill-down, and records the follow-up of a low score; axe
finds nothing on the app's own content."""

import datetime

from django.conf import settings
from django.test import Client

import pytest
import time_machine

from improvement.models import SatisfactionFollowUp
from workflow import services
from workflow.models import Case, CaseEvent

from ..factories import CaseFactory
from .axe import WCAG_TAGS
from .conftest import browse

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


async def violations(page, context: str) -> list[str]:
    """axe on the app's own content (`context`): Viewflow's page frame is not ours."""
    from axe_playwright_python.async_playwright import Axe

    results = await Axe().run(
        page,
        context=context,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{violation['id']}: {violation['help']} — {violation['nodes'][0]['target'][0]}"
        for violation in results.response["violations"]
    ]


def test_a_manager_reads_the_analysis_and_follows_up_a_low_score(live_server, staff, category):
    day = datetime.datetime.now(UTC) - datetime.timedelta(days=3)
    low = _closed(category, day, (2, 1, 3, 2))
    _closed(category, day, (5, 5, 4, 5))
    _closed(category, day, None)
    client = Client()
    client.force_login(staff["manager"])
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    url = f"{live_server.url}/staff/improvement/satisfaction/"

    async def journey(page):
        seen = {}
        for language in ("ar", "en"):
            await page.context.add_cookies(
                [
                    {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": url},
                    {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": url},
                ]
            )
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
