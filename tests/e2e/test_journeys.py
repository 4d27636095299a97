"""Public journeys in a real browser, in every language, with axe on every page."""

import re

import pytest

from workflow.models import Case

from ..conftest import CONTENT_PAGES, LANGUAGES
from .axe import violations
from .conftest import browse

PAGES = [*CONTENT_PAGES, "track/", "search/?q=policy"]
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


PNG = bytes.fromhex("89504e470d0a1a0a") + bytes(64)
STEPS = ["kind", "about", "what", "outcome", "files", "you", "contact", "consent", "check"]


async def _continue(page):
    await page.locator("main form button.button[type=submit]").click()


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

        # Send a complaint, one topic per step; a mistake is explained and nothing is lost.
        await page.goto(f"{base}/{language}/feedback/")
        await page.wait_for_url(re.compile(r"/feedback/kind/"))
        if language in ("en", "ar"):
            shot = artefacts / f"feedback-form-{language}.png"
            await page.screenshot(path=str(shot), full_page=True)
        await page.locator("input[name=kind-kind]").first.check()
        await _continue(page)
        await page.select_option("select[name=about-category]", index=1)
        await page.fill("input[name=about-location]", "Piazza Garibaldi")
        await _continue(page)
        await page.fill("textarea[name=what-description]", "Το λεωφορείο άργησε 40 λεπτά")
        await _continue(page)
        await page.fill("textarea[name=outcome-desired_outcome]", "Refund")
        await _continue(page)
        await page.set_input_files(
            "input[name=files-attachments]",
            files=[{"name": "ticket.png", "mimeType": "image/png", "buffer": PNG}],
        )
        await _continue(page)
        await page.locator("input[name=you-identity]").first.check()
        await page.fill("input[name=you-name]", "Test Person")
        await _continue(page)
        await page.fill("input[name=contact-email]", "not-email")
        await _continue(page)
        summary = page.locator(".error-summary")
        assert await summary.is_visible()
        await summary.locator("a[href='#id_contact-email']").click()
        assert await page.evaluate("document.activeElement.id") == "id_contact-email"
        await page.fill("input[name=contact-email]", email)
        await _continue(page)
        await page.locator("input[name=consent-consent]").check()
        await _continue(page)
        # Check your answers: everything typed is there, with links to change it.
        await page.wait_for_url(re.compile(r"/feedback/check/"))
        answers = await page.locator(".check-answers").inner_text()
        assert "Το λεωφορείο άργησε 40 λεπτά" in answers and "ticket.png" in answers
        assert email in answers
        await _continue(page)

        # The confirmation gives the tracking number and the access code.
        await page.wait_for_url(re.compile(r"/feedback/confirmation/"))
        reference, access_code = [
            code.strip() for code in await page.locator(".reference").all_inner_texts()
        ]

        # Track it with the access code.
        await page.goto(f"{base}/{language}/track/")
        await page.fill("input[name=reference]", reference.lower().replace("-", ""))
        await page.fill("input[name=second_factor]", access_code)
        await page.locator("main form button[type=submit]").click()
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
        await page.wait_for_url(re.compile(r"/feedback/kind/"))
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

        async def send():
            await tab_to("main form button.button[type=submit]")
            async with page.expect_navigation():
                await page.keyboard.press("Enter")

        await tab_to("input[name=kind-kind]")
        await page.keyboard.press("Space")
        await send()
        await tab_to("select[name=about-category]")
        await page.keyboard.press("ArrowDown")
        await send()
        await tab_to("textarea[name=what-description]")
        await page.keyboard.type("The ticket machine at platform 2 took my card.")
        await send()
        await send()  # outcome (optional)
        await send()  # files (optional)
        await tab_to("input[name=you-identity]")
        await page.keyboard.press("Space")
        await send()
        await tab_to("input[name=contact-email]")
        await page.keyboard.type("keys@example.org")
        await send()
        await tab_to("input[name=consent-consent]")
        await page.keyboard.press("Space")
        await send()
        await send()  # check your answers
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
            # Every step of the form, and a step with errors.
            for step in STEPS:
                await page.goto(f"{demo.url}/{language}/feedback/{step}/")
                if found := await violations(page):
                    problems[f"/{language}/feedback/{step}/"] = found
            await page.goto(f"{demo.url}/{language}/feedback/about/")
            await _continue(page)
            await page.wait_for_selector(".error-summary")
            if found := await violations(page):
                problems[f"/{language}/feedback/about/ (errors)"] = found
        return problems

    problems = browse(journey)
    assert not problems, "\n".join(f"{url}: {items}" for url, items in problems.items())


def test_page_weight_budget_and_no_third_party_resources(demo, artefacts):
    """No public page over 300 KB transferred, and nothing loaded from another origin."""
    budget = 300 * 1024

    async def journey(page):
        weights, foreign = {}, []

        async def record(response):
            if not response.url.startswith(demo.url):
                foreign.append(response.url)
                return
            try:
                body = await response.body()
            except Exception:  # noqa: BLE001 - redirects have no body
                body = b""
            weights[current] = weights.get(current, 0) + len(body) + 300  # ~headers

        page.on("response", record)
        # Routing every request disables the browser cache: each page is weighed whole.
        await page.route("**/*", lambda route: route.continue_())
        for language in LANGUAGES:
            for path in [*PAGES, *(f"feedback/{step}/" for step in STEPS)]:
                current = f"/{language}/{path}"
                await page.goto(f"{demo.url}{current}", wait_until="networkidle")
        return weights, foreign

    weights, foreign = browse(journey)
    assert not foreign, foreign
    heaviest = max(weights, key=weights.get)
    report = "\n".join(
        f"{kb:7.1f} KB  {url}"
        for url, kb in sorted(
            ((url, size / 1024) for url, size in weights.items()), key=lambda item: -item[1]
        )
    )
    (artefacts / "page-weights.txt").write_text(report + "\n")
    assert weights[heaviest] <= budget, f"{heaviest}: {weights[heaviest] / 1024:.0f} KB"
