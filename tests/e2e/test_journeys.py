"""Public journeys in a real browser, in every language, with axe on every page."""

import re

import pytest

from workflow.models import Case

from .axe import violations

LANGUAGES = ["en", "ar", "el", "it", "tr"]
PAGES = ["", "policy/", "principles/", "how-to-complain/", "feedback/", "track/"]
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _fill_feedback(page, *, description, email):
    page.locator("input[name=kind]").first.check()
    page.select_option("select[name=category]", index=1)
    page.fill("textarea[name=description]", description)
    page.fill("input[name=email]", email)
    page.locator("input[name=consent]").check()


@pytest.mark.parametrize("language", LANGUAGES)
def test_read_submit_and_track(demo, page, artefacts, language):
    base = demo.url
    page.goto(f"{base}/{language}/")
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

    # Read the policy from the navigation.
    page.locator("header nav a[href$='/policy/']").click()
    assert page.url.endswith(f"/{language}/policy/")
    assert page.locator("h1").inner_text()

    # Send a complaint: first with a mistake, then corrected; nothing typed is lost.
    page.goto(f"{base}/{language}/feedback/")
    if language in ("en", "ar"):
        page.screenshot(path=str(artefacts / f"feedback-form-{language}.png"), full_page=True)
    _fill_feedback(page, description="Το λεωφορείο άργησε 40 λεπτά", email="not-an-email")
    page.locator("form button[type=submit]").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.input_value("textarea[name=description]") == "Το λεωφορείο άργησε 40 λεπτά"
    summary.locator("a[href='#id_email']").click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    page.fill("input[name=email]", f"person.{language}@example.org")
    page.locator("form button[type=submit]").click()

    # The confirmation gives the tracking number and the access code.
    page.wait_for_url(re.compile(r"/feedback/confirmation/"))
    codes = page.locator(".reference").all_inner_texts()
    reference, access_code = codes[0].strip(), codes[1].strip()
    case = Case.objects.get(reference=reference)
    assert case.language == language and case.complainant.email == f"person.{language}@example.org"

    # Track it with the access code.
    page.goto(f"{base}/{language}/track/")
    page.fill("input[name=reference]", reference.lower().replace("-", ""))
    page.fill("input[name=second_factor]", access_code)
    page.locator("form button[type=submit]").click()
    assert reference in page.locator("h1").inner_text()
    assert page.locator("ol.timeline li").count() >= 2
    assert "person." not in page.content()


def test_keyboard_only_submission(demo, page):
    page.goto(f"{demo.url}/en/feedback/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # Tab through the form, answering with the keyboard alone.
    def tab_to(selector):
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"{selector} not reachable with Tab")

    tab_to("input[name=kind]")
    page.keyboard.press("Space")
    tab_to("select[name=category]")
    page.keyboard.press("ArrowDown")
    tab_to("textarea[name=description]")
    page.keyboard.type("The ticket machine at platform 2 took my card.")
    tab_to("input[name=email]")
    page.keyboard.type("keys@example.org")
    tab_to("input[name=consent]")
    page.keyboard.press("Space")
    tab_to("button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/feedback/confirmation/"))
    assert Case.objects.filter(complainant__email="keys@example.org").exists()


def test_every_public_page_passes_axe_in_every_language(demo, page):
    problems = {}
    for language in LANGUAGES:
        for path in PAGES:
            page.goto(f"{demo.url}/{language}/{path}")
            found = violations(page)
            if found:
                problems[f"/{language}/{path}"] = found
        # The form with errors, and a tracking result.
        page.goto(f"{demo.url}/{language}/feedback/")
        page.locator("form button[type=submit]").click()
        found = violations(page)
        if found:
            problems[f"/{language}/feedback/ (errors)"] = found
    assert not problems, "\n".join(f"{url}: {items}" for url, items in problems.items())
