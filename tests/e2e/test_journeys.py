"""Public journeys in a real browser, in every language, with axe on every page."""

import re

import pytest

from workflow.models import Case

from .axe import violations
from .conftest import browse

LANGUAGES = ["en", "ar", "el", "it", "tr"]
PAGES = ["", "policy/", "principles/", "how-to-complain/", "feedback/", "track/"]
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


async def _fill_feedback(page, *, description, email):
    await page.locator("input[name=kind]").first.check()
    await page.select_option("select[name=category]", index=1)
    await page.fill("textarea[name=description]", description)
    await page.fill("input[name=email]", email)
    await page.locator("input[name=consent]").check()


@pytest.mark.parametrize("language", LANGUAGES)
def test_read_submit_and_track(demo, artefacts, language):
    base = demo.url
    email = f"person.{language}@example.org"

    async def journey(page):
        await page.goto(f"{base}/{language}/")
        html = page.locator("html")
        assert await html.get_attribute("lang") == language
        assert await html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

        # Read the policy from the navigation.
        await page.locator("header nav a[href$='/policy/']").click()
        await page.wait_for_url(re.compile(rf"/{language}/policy/$"))
        assert await page.locator("h1").inner_text()

        # Send a complaint: first with a mistake, then corrected; nothing typed is lost.
        await page.goto(f"{base}/{language}/feedback/")
        if language in ("en", "ar"):
            shot = artefacts / f"feedback-form-{language}.png"
            await page.screenshot(path=str(shot), full_page=True)
        await _fill_feedback(page, description="Το λεωφορείο άργησε 40 λεπτά", email="not-email")
        await page.locator("form button[type=submit]").click()
        summary = page.locator(".error-summary")
        assert await summary.is_visible()
        assert await page.input_value("textarea[name=description]") == (
            "Το λεωφορείο άργησε 40 λεπτά"
        )
        await summary.locator("a[href='#id_email']").click()
        assert await page.evaluate("document.activeElement.id") == "id_email"
        await page.fill("input[name=email]", email)
        await page.locator("form button[type=submit]").click()

        # The confirmation gives the tracking number and the access code.
        await page.wait_for_url(re.compile(r"/feedback/confirmation/"))
        reference, access_code = [
            code.strip() for code in await page.locator(".reference").all_inner_texts()
        ]

        # Track it with the access code.
        await page.goto(f"{base}/{language}/track/")
        await page.fill("input[name=reference]", reference.lower().replace("-", ""))
        await page.fill("input[name=second_factor]", access_code)
        await page.locator("form button[type=submit]").click()
        assert reference in await page.locator("h1").inner_text()
        assert await page.locator("ol.timeline li").count() >= 2
        assert "person." not in await page.content()
        return reference

    reference = browse(journey)
    case = Case.objects.get(reference=reference)
    assert case.language == language
    assert case.complainant.email == email


def test_keyboard_only_submission(demo):
    async def journey(page):
        await page.goto(f"{demo.url}/en/feedback/")
        await page.keyboard.press("Tab")
        assert await page.evaluate("document.activeElement.className") == "skip-link"
        await page.keyboard.press("Enter")
        assert await page.evaluate("document.activeElement.id") == "main"

        async def tab_to(selector):
            for _ in range(40):
                await page.keyboard.press("Tab")
                if await page.evaluate("(s) => document.activeElement.matches(s)", selector):
                    return
            raise AssertionError(f"{selector} not reachable with Tab")

        await tab_to("input[name=kind]")
        await page.keyboard.press("Space")
        await tab_to("select[name=category]")
        await page.keyboard.press("ArrowDown")
        await tab_to("textarea[name=description]")
        await page.keyboard.type("The ticket machine at platform 2 took my card.")
        await tab_to("input[name=email]")
        await page.keyboard.type("keys@example.org")
        await tab_to("input[name=consent]")
        await page.keyboard.press("Space")
        await tab_to("button[type=submit]")
        await page.keyboard.press("Enter")
        await page.wait_for_url(re.compile(r"/feedback/confirmation/"))

    browse(journey)
    assert Case.objects.filter(complainant__email="keys@example.org").exists()


def test_every_public_page_passes_axe_in_every_language(demo):
    async def journey(page):
        problems = {}
        for language in LANGUAGES:
            for path in PAGES:
                await page.goto(f"{demo.url}/{language}/{path}")
                if found := await violations(page):
                    problems[f"/{language}/{path}"] = found
            # The form with errors.
            await page.goto(f"{demo.url}/{language}/feedback/")
            await page.locator("form button[type=submit]").click()
            await page.wait_for_selector(".error-summary")
            if found := await violations(page):
                problems[f"/{language}/feedback/ (errors)"] = found
        return problems

    problems = browse(journey)
    assert not problems, "\n".join(f"{url}: {items}" for url, items in problems.items())
