"""A management review in a real browser (ISO 10002 5.2, 8.6): a complaints manager prepares
the review of last month from the list, reads its figures (charts, each with its table),
records the meeting; top management signs it off. Axe finds nothing; in Arabic the pages
run right to left."""

import datetime

import pytest

from .axe import violations
from .conftest import browse, sign_in, staff_session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.iso("8.6")
@pytest.mark.iso("5.2")
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_manager_prepares_a_review_and_top_management_signs_it_off(demo, artefacts, language):
    from django.utils import timezone

    from improvement.models import ManagementReview

    manager, top = staff_session("manager"), staff_session("topmanager")
    today = timezone.localdate()
    end = today.replace(day=1) - datetime.timedelta(days=1)
    start = end.replace(day=1)

    async def as_user(page, session):
        await sign_in(page, demo.url, session, language)

    async def journey(page):
        found = {}
        await as_user(page, manager)
        await page.goto(f"{demo.url}/staff/improvement/reviews/")
        found["list"] = await violations(page, context=".mdc-card")
        await page.click("a[href='/staff/improvement/reviews/new/']")
        await page.wait_for_selector("form.review-create")
        direction = await page.get_attribute("html", "dir")
        found["new"] = await violations(page, context=".mdc-card")
        await page.fill("#id_period_start", start.isoformat())
        await page.fill("#id_period_end", end.isoformat())
        await page.click("form.review-create button[type=submit]")
        await page.wait_for_selector("#review-kpis")
        charts = await page.locator("figure.chart svg[role=img]").count()
        titled = await page.locator("figure.chart svg > title").count()
        found["detail"] = await violations(page, context=".mdc-card")
        await page.screenshot(path=artefacts / f"management-review-{language}.png", full_page=True)
        await page.click("a[href$='/edit/']")
        await page.wait_for_selector("form.review-form")
        found["edit"] = await violations(page, context=".mdc-card")
        await page.fill("#id_meeting_date", today.isoformat())
        await page.fill("#id_other_attendees", "Board member")
        await page.fill("#id_recommendations", "Answer faster.")
        await page.fill("#id_decisions-0-text", "Review the deadlines")
        await page.click("form.review-form button[type=submit]")
        await page.wait_for_selector("#review-kpis")
        await as_user(page, top)
        await page.goto(page.url)
        await page.click("a[href$='/sign-off/']")
        found["signoff"] = await violations(page, context=".mdc-card")
        await page.click("main form button[type=submit], form[method=post] button[type=submit]")
        await page.wait_for_selector("#review-kpis")
        return direction, charts, titled, found

    direction, charts, titled, found = browse(journey)
    assert direction == ("rtl" if language == "ar" else None)
    assert charts == titled and charts >= 2
    assert found == {"list": [], "new": [], "detail": [], "edit": [], "signoff": []}
    review = ManagementReview.objects.get()
    assert review.is_signed_off and review.signed_off_by.username == "topmanager"
    assert (review.period_start, review.period_end) == (start, end)
    assert review.decisions.get().text == "Review the deadlines"
