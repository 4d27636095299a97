"""The ISO 10002 traceability page in a real browser: an auditor signs in and reads it in
English and in Arabic (right to left); axe finds no WCAG 2.2 A/AA problem in its content."""

import pytest

from improvement import traceability
from workflow import roles

from ..e2e.axe import WCAG_TAGS, _axe
from ..e2e.conftest import browse
from ..factories import UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.iso("4.5"),
    pytest.mark.iso("8.5"),
]


def test_an_auditor_reads_the_traceability_page_in_english_and_arabic(
    live_server, settings, tmp_path
):
    settings.ISO10002_RESULTS_PATH = tmp_path / "results.json"
    UserFactory(username="auditor", password="audit-pass-2026", role=roles.AUDITOR)
    subclauses = [c.number for c in traceability.clauses_load() if c.is_subclause]

    async def journey(page):
        await page.goto(f"{live_server.url}/staff/improvement/iso10002/")
        await page.fill("input[name=username]", "auditor")
        await page.fill("input[name=password]", "audit-pass-2026")
        await page.click("button[type=submit]")
        # The whole address: the login page's own (`?next=/staff/improvement/iso10002/`)
        # ends like it, and a pattern would let the journey go on before the login is done.
        await page.wait_for_url(f"{live_server.url}/staff/improvement/iso10002/")
        seen = {}
        for language in ("en", "ar"):
            await page.context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            await page.goto(f"{live_server.url}/staff/improvement/iso10002/")
            await page.wait_for_selector(".vf-card .iso-table")
            rows = await page.locator("tr[id^=clause-]").evaluate_all(
                "rows => rows.map(row => row.id.slice(7))"
            )
            results = await _axe.run(
                page,
                context=".vf-card",
                options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
            )
            seen[language] = {
                "rows": rows,
                "dir": await page.get_attribute("html", "dir"),
                "h1": await page.locator("h1").inner_text(),
                "violations": [v["id"] for v in results.response["violations"]],
                # Right to left: the table's first column is at the right in Arabic.
                "first_column_right": await page.evaluate(
                    "() => { const t = document.querySelector('.iso-table');"
                    " const th = t.querySelector('thead th');"
                    " return th.getBoundingClientRect().right"
                    " >= t.getBoundingClientRect().right - 2; }"
                ),
            }
        return seen

    seen = browse(journey)
    assert seen["en"]["rows"] == seen["ar"]["rows"] == subclauses
    assert seen["en"]["dir"] is None and seen["ar"]["dir"] == "rtl"
    assert seen["en"]["h1"] == "ISO 10002 traceability"
    assert seen["ar"]["h1"] == "إمكانية تتبع ISO 10002"
    assert seen["en"]["first_column_right"] is False and seen["ar"]["first_column_right"] is True
    assert seen["en"]["violations"] == seen["ar"]["violations"] == []
