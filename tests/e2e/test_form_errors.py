"""Errors on the public forms in a real browser, in English, Arabic and Greek (issue 14,
points 2-4): after a failed submit the error summary is focused (with and without
JavaScript), each of its links moves to the field the error belongs to, which says it and
is aria-invalid; dates are three numeric inputs whose value survives an error; "check your
answers" is aligned; axe finds nothing on the pages with errors."""

import re
from contextlib import asynccontextmanager

import pytest

from workflow.models import Case

from .axe import violations
from .conftest import CHROMIUM, CHROMIUM_FLAGS, browse
from .test_journeys import _case_url, _confirm, _continue, _decided_case

LANGUAGES = ["en", "ar", "el"]
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FOCUSED_SUMMARY = "document.activeElement.classList.contains('error-summary')"


async def _focus_id(page) -> str:
    return await page.evaluate("document.activeElement.id")


async def _summary_first_and_focused(page):
    """The summary is the first thing in the main content and has the focus."""
    await page.locator(".error-summary").wait_for()
    assert await page.evaluate(FOCUSED_SUMMARY), await page.evaluate(
        "document.activeElement.outerHTML.slice(0, 120)"
    )
    first = await page.evaluate("document.querySelector('main').firstElementChild.className")
    assert first == "error-summary"


async def _follow(page, target: str):
    """Follow the summary's link to `target`: the focus lands on that input."""
    await page.locator(f".error-summary a[href='#{target}']").click()
    assert await _focus_id(page) == target


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.iso("4.5")
def test_form_errors_are_focused_linked_and_kept(demo, artefacts, language):
    base = demo.url

    async def journey(page):
        problems = {}

        async def check(label):
            if found := await violations(page):
                problems[label] = found

        await page.goto(f"{base}/{language}/feedback/")
        # A step sent empty: the summary has the focus, its link leads to the radios.
        await _continue(page)
        await _summary_first_and_focused(page)
        await check("kind, empty")
        await _follow(page, "id_kind-kind")
        await page.locator("input[name=kind-kind]").first.check()
        await _continue(page)

        # An impossible date: explained, every part marked, what was typed kept.
        await page.select_option("select[name=about-category]", index=1)
        for part, value in (("", "31"), ("_month", "2"), ("_year", "2026")):
            locator = page.locator(f"#id_about-occurred_on{part}")
            assert await locator.get_attribute("inputmode") == "numeric"
            await locator.fill(value)
        await _continue(page)
        await _summary_first_and_focused(page)
        await check("about, impossible date")
        await page.screenshot(path=str(artefacts / f"date-error-{language}.png"), full_page=True)
        assert await page.locator("#id_about-occurred_on").input_value() == "31"
        assert await page.locator("#id_about-occurred_on_month").input_value() == "2"
        assert await page.locator("#id_about-occurred_on_year").get_attribute("aria-invalid")
        await _follow(page, "id_about-occurred_on")
        # A missing month: the link leads to the month.
        await page.fill("#id_about-occurred_on_month", "")
        await page.fill("#id_about-occurred_on", "3")
        await _continue(page)
        await _summary_first_and_focused(page)
        await _follow(page, "id_about-occurred_on_month")
        assert await page.locator("#id_about-occurred_on").get_attribute("aria-invalid") is None
        await page.fill("#id_about-occurred_on_month", "2")
        await _continue(page)

        await page.fill("textarea[name=what-description]", "Late bus / Λεωφορείο / حافلة")
        await _continue(page)
        await _continue(page)  # outcome
        await _continue(page)  # files
        await page.locator("input[name=you-identity]").first.check()
        await _continue(page)

        # Neither an email nor a phone: the error belongs to the email, both are marked.
        await _continue(page)
        await _summary_first_and_focused(page)
        await check("contact, neither email nor phone")
        await _follow(page, "id_contact-email")
        for name in ("email", "phone"):
            field = page.locator(f"#id_contact-{name}")
            assert await field.get_attribute("aria-invalid") == "true"
            assert "id_contact-email-error" in await field.get_attribute("aria-describedby")
        assert await page.locator("#id_contact-email-error").is_visible()
        await page.fill("#id_contact-email", f"dates.{language}@example.org")
        await _continue(page)
        await page.locator("input[name=consent-consent]").check()
        await _continue(page)

        # Check your answers: the date in the language's format, the columns aligned.
        await page.wait_for_url(re.compile(r"/feedback/check/"))
        answers = await page.locator(".check-answers").inner_text()
        assert "2026-02-03" not in answers
        await page.screenshot(path=str(artefacts / f"check-answers-{language}.png"), full_page=True)
        assert await _aligned(page), "check your answers is not aligned at 1280 px"
        for width in (480, 320):
            await page.set_viewport_size({"width": width, "height": 800})
            assert await _aligned(page), f"check your answers is not aligned at {width} px"
        await page.set_viewport_size({"width": 1280, "height": 900})
        await _continue(page)
        await page.wait_for_url(re.compile(r"/feedback/confirmation/"))

        # The tracking lookup: nothing found is said at the tracking number.
        await page.goto(f"{base}/{language}/track/")
        await page.fill("input[name=reference]", "CMP-2222-2222")
        await page.fill("input[name=second_factor]", "nobody@example.org")
        await page.locator("main form button[type=submit]").click()
        await _summary_first_and_focused(page)
        await check("tracking, not found")
        await _follow(page, "id_reference")
        assert await page.locator("#id_second_factor").get_attribute("aria-invalid") == "true"
        return problems

    problems = browse(journey)
    assert not problems, "\n".join(f"{label}: {items}" for label, items in problems.items())
    case = Case.objects.get(complainant__email=f"dates.{language}@example.org")
    assert case.occurred_on.isoformat() == "2026-02-03"


async def _aligned(page) -> bool:
    """Every row's answer starts at the same edge, and so does every "Change" link."""
    edges = await page.evaluate(
        """() => [...document.querySelectorAll('.check-answers > div')].map(row => {
            const [dt, dd, change] = row.children;
            const rtl = getComputedStyle(row).direction === 'rtl';
            const start = el => Math.round(rtl ? el.getBoundingClientRect().right
                                               : el.getBoundingClientRect().left);
            const end = el => Math.round(rtl ? el.getBoundingClientRect().left
                                             : el.getBoundingClientRect().right);
            return [start(dt), start(dd), end(change.querySelector('a'))];
        })"""
    )
    assert len(edges) > 5
    columns = list(zip(*edges, strict=True))
    return all(len(set(column)) == 1 for column in columns)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.iso("4.5")
def test_the_case_pages_forms_focus_their_error_summary(demo, language):
    case = _decided_case(language)
    url = _case_url(demo.url, language, case)

    async def journey(page):
        await page.goto(url)
        await _confirm(page, f"reply.{language}@example.org")
        # Contest without reasons.
        await page.locator("input[name=reply-answer][value=contest]").check()
        await page.locator("form:has(input[value=reply]) button[type=submit]").click()
        await _summary_first_and_focused(page)
        await _follow(page, "id_reply-reasons")
        assert await page.locator("#id_reply-reasons").get_attribute("aria-invalid") == "true"
        # Add nothing.
        await page.locator("form:has(input[value=add]) button[type=submit]").click()
        await _summary_first_and_focused(page)
        await _follow(page, "id_add-text")
        return await violations(page)

    assert browse(journey) == []


@asynccontextmanager
async def _page_without_javascript():
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            context = await browser.new_context(java_script_enabled=False)
            page = await context.new_page()
            page.set_default_timeout(15_000)
            yield page
        finally:
            await browser.close()


@pytest.mark.parametrize("language", ["ar", "el"])
def test_the_error_summary_is_focused_without_javascript(demo, language):
    """The `autofocus` attribute does it: the script only helps browsers that ignore it."""
    import asyncio

    async def main():
        async with _page_without_javascript() as page:
            await page.goto(f"{demo.url}/{language}/track/")
            await page.locator("main form button[type=submit]").click()
            await page.locator(".error-summary").wait_for()
            assert await page.evaluate(FOCUSED_SUMMARY)
            await page.goto(f"{demo.url}/{language}/feedback/")
            await _continue(page)
            await page.locator(".error-summary").wait_for()
            assert await page.evaluate(FOCUSED_SUMMARY)

    asyncio.run(main())
