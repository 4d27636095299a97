"""The improvement dashboard in a real browser (ISO 10002 8.2, 8.4): the charts draw, every
chart has its data table, axe finds nothing, in English and in Arabic (right to left)."""

import pytest

from .axe import violations
from .conftest import browse, sign_in, staff_session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.iso("8.2")
@pytest.mark.iso("8.4")
@pytest.mark.parametrize("language", ["en", "ar"])
def test_dashboard_charts_tables_and_axe(demo, artefacts, language):

    session = staff_session("manager")

    async def journey(page):
        await sign_in(page, demo.url, session, language)
        response = await page.goto(f"{demo.url}/staff/improvement/")
        assert response.status == 200
        direction = await page.get_attribute("html", "dir")
        charts = await page.locator("figure.chart svg[role=img]").count()
        titled = await page.locator("figure.chart svg > title").count()
        tables = await page.locator("table caption").count()
        drawn = await page.locator("figure.chart svg").first.bounding_box()
        await page.screenshot(path=artefacts / f"improvement-dashboard-{language}.png")
        found = await violations(page)
        return direction, charts, titled, tables, drawn, found

    direction, charts, titled, tables, drawn, found = browse(journey)
    assert direction == ("rtl" if language == "ar" else None)
    # Two trends and three breakdowns (no objective set in the demo yet).
    assert charts == titled == 5
    # The indicators, two trend tables, three breakdowns, the oldest and overdue cases.
    assert tables == 8
    assert drawn["width"] > 300 and drawn["height"] > 150
    assert found == []
