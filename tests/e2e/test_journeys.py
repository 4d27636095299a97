"""Public journeys in a real browser, in every language, with axe on every page."""

import re

import pytest

from workflow.models import Case

from ..conftest import CONTENT_PAGES, LANGUAGES
from .axe import violations
from .conftest import browse, clock_tick, clock_tick_meanwhile
from .fonts import use_wide_font

PAGES = [*CONTENT_PAGES, "track/", "search/?q=policy"]
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


PNG = bytes.fromhex("89504e470d0a1a0a") + bytes(64)
STEPS = ["kind", "about", "what", "outcome", "files", "you", "contact", "consent", "check"]


async def _continue(page):
    await page.locator("main form button.button[type=submit]").click()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.iso("4.5")
@pytest.mark.iso("7.2")
@pytest.mark.iso("7.3")
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
        # Within a second the clock has the worker start its process (acknowledgement).
        assert await clock_tick_meanwhile() == 1

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


@pytest.mark.iso("4.5")
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


@pytest.mark.iso("4.5")
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


def _decided_case(language: str, *, closed: bool = False) -> Case:
    """A complaint whose decision has been sent (or, with `closed`, accepted and closed),
    driven through the flow as the demo staff."""
    from django.contrib.auth import get_user_model

    from workflow.models import Category
    from workflow.scenarios import CaseDriver

    from ..conftest import make_case

    users = {user.username: user for user in get_user_model().objects.all()}
    case = make_case(
        Category.objects.get(code="billing-payments"),
        language=language,
        description="Charged twice",
        email=f"reply.{language}@example.org",
    )
    driver = CaseDriver(
        case, intake=users["intake"], handler=users["handler"], supervisor=users["supervisor"]
    )
    driver.assess().investigate("Two charges were taken.").respond("We refund the second charge.")
    if closed:
        driver.reply(accepted=True).close()
    return driver.case


def _case_url(base: str, language: str, case: Case) -> str:
    """The link a notification carries (it opens the case read-only)."""
    from workflow.references import tracking_token_for

    token = tracking_token_for(case_id=case.pk, salt=case.access_salt)
    return f"{base}/{language}/track/{token}/"


async def _confirm(page, factor: str) -> None:
    """On a case page opened by a link: give the second factor, to act on the case."""
    section = page.locator("section:has(#confirm-heading)")
    await section.locator("input[name=second_factor]").fill(factor)
    await section.locator("button[type=submit]").click()
    await page.wait_for_selector("form:has(input[name=action])")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.iso("4.11")
@pytest.mark.iso("7.8")
@pytest.mark.iso("8.3")
def test_add_information_contest_accept_and_survey(demo, artefacts, language):
    """The complainant's part, on the case's page opened from a notification's link."""
    contested, accepted, closed = (
        _decided_case(language),
        _decided_case(language),
        _decided_case(language, closed=True),
    )
    urls = [_case_url(demo.url, language, case) for case in (contested, accepted, closed)]

    async def journey(page):
        problems = {}

        async def check(label):
            assert await page.locator("html").get_attribute("lang") == language
            if found := await violations(page):
                problems[label] = found

        # The link opens the case read-only; acting needs the second factor.
        await page.goto(urls[0])
        assert "/track/case/" in page.url
        await check("case page opened by a link")
        assert await page.locator("textarea[name=add-text]").count() == 0
        await _confirm(page, f"reply.{language}@example.org")
        # Add information with a file.
        await check("case page, decision sent")
        await page.fill("textarea[name=add-text]", "Η απόδειξη / the receipt / الإيصال")
        await page.set_input_files(
            "input[name=add-files]",
            files=[{"name": "receipt.png", "mimeType": "image/png", "buffer": PNG}],
        )
        await page.locator("form:has(input[value=add]) button[type=submit]").click()
        await page.wait_for_selector(".notice")
        assert "receipt.png" in await page.locator("ol.timeline").inner_text()
        # Contest without reasons: the error is explained, the choice kept; then with reasons.
        await page.locator("input[name=reply-answer][value=contest]").check()
        await page.locator("form:has(input[value=reply]) button[type=submit]").click()
        summary = page.locator(".error-summary")
        await summary.wait_for()
        await check("case page, reply error")
        await summary.locator("a[href='#id_reply-reasons']").click()
        assert await page.evaluate("document.activeElement.id") == "id_reply-reasons"
        assert await page.locator("input[name=reply-answer][value=contest]").is_checked()
        await page.fill("textarea[name=reply-reasons]", "The refund is short by 5 EUR.")
        await page.locator("form:has(input[value=reply]) button[type=submit]").click()
        await page.wait_for_selector(".notice")
        assert await page.locator("input[name=reply-answer]").count() == 0
        await check("case page, under review")

        # Accept the other decision.
        await page.goto(urls[1])
        await _confirm(page, f"reply.{language}@example.org")
        await page.locator("input[name=reply-answer][value=accept]").check()
        await page.locator("form:has(input[value=reply]) button[type=submit]").click()
        await page.wait_for_selector(".notice")

        # Answer the survey of the closed case.
        await page.goto(urls[2])
        await _confirm(page, f"reply.{language}@example.org")
        await check("case page, survey")
        if language in ("en", "ar"):
            await page.screenshot(
                path=str(artefacts / f"case-survey-{language}.png"), full_page=True
            )
        for name, value in (("overall", 4), ("ease", 5), ("fairness", 4), ("timeliness", 3)):
            await page.locator(f"input[name=survey-{name}][value='{value}']").check()
        await page.fill("textarea[name=survey-comment]", "Clear and fair.")
        await page.locator("form:has(input[value=survey]) button[type=submit]").click()
        await page.wait_for_selector(".notice")
        await check("case page, survey answered")
        return problems

    problems = browse(journey)
    assert not problems, "\n".join(f"{label}: {items}" for label, items in problems.items())
    for case in (contested, accepted, closed):
        case.refresh_from_db()
    assert contested.status == Case.Status.REVIEW
    assert contested.contest_reasons == "The refund is short by 5 EUR."
    assert contested.attachments.get().original_name == "receipt.png"
    assert accepted.status == Case.Status.CLOSING
    assert closed.survey.overall == 4 and closed.survey.comment == "Clear and fair."


@pytest.mark.parametrize("language", ["en", "ar", "el"])
@pytest.mark.iso("7.8")
def test_a_link_opens_the_case_read_only_and_acting_asks_who_you_are(demo, language):
    """The link in a notification opens the case at its plain address, read-only; the
    second factor (a wrong one explained first) lets this browser accept the decision; the
    same address in another browser shows the lookup, not the case."""
    case = _decided_case(language)
    link = _case_url(demo.url, language, case)

    async def journey(page):
        problems = {}

        async def check(label):
            assert await page.locator("html").get_attribute("dir") == (
                "rtl" if language == "ar" else "ltr"
            )
            if found := await violations(page):
                problems[label] = found

        await page.goto(link)
        plain = f"{demo.url}/{language}/track/case/{case.reference}/"
        assert page.url == plain  # the token is not left in the address bar
        assert "We refund the second charge." in await page.locator("main").inner_text()
        assert await page.locator("input[name=reply-answer]").count() == 0
        await check("read-only case page")
        # A wrong answer: the lookup explains, the tracking number kept.
        section = page.locator("section:has(#confirm-heading)")
        await section.locator("input[name=second_factor]").fill("someone.else@example.org")
        await section.locator("button[type=submit]").click()
        await page.wait_for_selector(".error-summary")
        await check("lookup after a wrong answer")
        assert await page.locator("input[name=reference]").input_value() == case.reference
        await page.fill("input[name=second_factor]", f"reply.{language}@example.org")
        await page.locator("main form button[type=submit]").click()
        await page.wait_for_url(plain)
        await page.locator("input[name=reply-answer][value=accept]").check()
        await page.locator("form:has(input[value=reply]) button[type=submit]").click()
        await page.wait_for_selector(".notice")
        await check("case page after accepting")

        # Another browser with the same address (history, a shared link): the lookup.
        other = await page.context.browser.new_context()
        stranger = await other.new_page()
        await stranger.goto(plain)
        assert await stranger.locator("input[name=reference]").input_value() == case.reference
        assert "We refund the second charge." not in await stranger.locator("main").inner_text()
        await other.close()
        return problems

    problems = browse(journey)
    assert not problems, "\n".join(f"{label}: {items}" for label, items in problems.items())
    case.refresh_from_db()
    assert case.reply == Case.Reply.ACCEPTED


@pytest.mark.iso("4.5")
def test_timeout_warning_offers_to_keep_the_answers(demo):
    """Five minutes before the idle limit, a dialog offers to keep the answers; keeping them
    calls the server and leaves what was typed in place."""

    async def journey(page):
        await page.clock.install()
        await page.goto(f"{demo.url}/en/feedback/")
        await page.wait_for_url(re.compile(r"/feedback/kind/"))
        await page.locator("input[name=kind-kind]").first.check()
        warning = page.locator("#timeout-warning")
        assert not await warning.is_visible()
        await page.clock.run_for("54:00")
        assert not await warning.is_visible()
        await page.clock.run_for("01:01")
        assert await warning.is_visible()
        assert await page.evaluate("document.activeElement.id") == "timeout-keep"
        found = await violations(page)
        async with page.expect_response(re.compile(r"/keepalive/$")) as kept:
            await page.keyboard.press("Enter")
        assert (await kept.value).status == 204
        await warning.wait_for(state="hidden")
        assert await page.locator("input[name=kind-kind]").first.is_checked()
        return found

    assert browse(journey) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.iso("7.2")
def test_suggestion_and_compliment_with_an_attachment(demo, language):
    """The two other kinds of feedback, each with a file: the form skips the outcome step
    for them, and the confirmation gives the SUG-/CPL- tracking number."""

    async def journey(page):
        references = []
        for index, kind in enumerate(("suggestion", "compliment")):
            await page.goto(f"{demo.url}/{language}/feedback/?reset=1")
            await page.wait_for_url(re.compile(r"/feedback/kind/"))
            await page.locator(f"input[name=kind-kind][value={kind}]").check()
            await _continue(page)
            await page.select_option("select[name=about-category]", index=1 + index)
            await _continue(page)
            await page.fill("textarea[name=what-description]", f"{kind} in {language}")
            await _continue(page)
            await page.wait_for_url(re.compile(r"/feedback/files/"))  # no outcome step
            await page.set_input_files(
                "input[name=files-attachments]",
                files=[{"name": f"{kind}.png", "mimeType": "image/png", "buffer": PNG}],
            )
            await _continue(page)
            await page.locator("input[name=you-identity][value=anonymous]").check()
            await _continue(page)
            await page.locator("input[name=consent-consent]").check()
            await _continue(page)
            await page.wait_for_url(re.compile(r"/feedback/check/"))
            assert f"{kind}.png" in await page.locator(".check-answers").inner_text()
            await _continue(page)
            await page.wait_for_url(re.compile(r"/feedback/confirmation/"))
            references.append((await page.locator(".reference").all_inner_texts())[0].strip())
        return references

    suggestion, compliment = browse(journey)
    assert suggestion.startswith("SUG-") and compliment.startswith("CPL-")
    assert clock_tick() == 2
    for reference, kind in ((suggestion, "suggestion"), (compliment, "compliment")):
        case = Case.objects.get(reference=reference)
        assert case.kind == kind and case.language == language
        assert case.attachments.get().original_name == f"{kind}.png"
        assert case.process.flow_class.__name__ == "FeedbackFlow"


# What the reflow test measures on every page: how far the page scrolls sideways, and every
# element that sticks out of the 320 px viewport on either side (a right-to-left page does not
# scroll to the right: it cuts off), unless it is inside its own scroll region. Elements wholly
# outside (the skip link waiting for focus), 1 px ones and what they hold are hidden on purpose.
MEASURE_OVERFLOW = """() => {
    const root = document.documentElement, width = root.clientWidth;
    const excused = (element) => {
        for (let e = element.parentElement; e && e !== root; e = e.parentElement) {
            const overflow = getComputedStyle(e).overflowX;
            if (overflow === "auto" || overflow === "scroll") return true;
            if (e.getBoundingClientRect().width <= 1) return true;
        }
        return false;
    };
    const sticking = [];
    for (const element of document.body.querySelectorAll("*")) {
        const box = element.getBoundingClientRect();
        if (box.width <= 1 || box.right <= 0 || box.left >= width) continue;
        if ((box.left < -1 || box.right > width + 1) && !excused(element)) {
            const name = [element.tagName.toLowerCase(), ...element.classList].join(".");
            sticking.push(`${name} ${Math.round(box.left)}..${Math.round(box.right)}`);
        }
    }
    return [root.scrollWidth - width, sticking.slice(0, 5)];
}"""


def _reflow_pages(base: str, language: str) -> tuple[list[str], dict[str, Case]]:
    """Every public page of one language, the form's steps and the case's pages: the URLs
    to open, and the cases whose pages are opened (made here, outside the browser)."""
    from django.core import signing

    from portal.views import RECEIPT_SALT
    from workflow.models import Category

    from ..conftest import make_case

    submitted = make_case(
        Category.objects.get(code="billing-payments"),
        language=language,
        description="Ένα πολύ μεγάλο παράπονο / a long complaint / شكوى طويلة جدا " * 5,
        email=f"reflow.{language}@example.org",
    )
    cases = {
        "submitted": submitted,
        "decision sent": _decided_case(language),
        "closed": _decided_case(language, closed=True),
    }
    receipt = signing.dumps(submitted.pk, salt=RECEIPT_SALT)
    urls = [
        *(f"{base}/{language}/{path}" for path in PAGES),
        *(f"{base}/{language}/feedback/{step}/" for step in STEPS),
        f"{base}/{language}/feedback/confirmation/?receipt={receipt}",
        f"{base}/{language}/track/not-a-tracking-link/",
        f"{base}/{language}/no-such-page/",
        *(_case_url(base, language, case) for case in cases.values()),
    ]
    return urls, cases


@pytest.mark.parametrize("fonts", ["page fonts", "wide font"])
@pytest.mark.iso("4.5")
def test_every_page_reflows_at_400_percent_zoom(demo, fonts):
    """WCAG 1.4.10: at 320 CSS pixels wide (1280 at 400 %) nothing scrolls sideways or is
    cut off, except the diagram and tables, which scroll inside their own labelled regions.

    Every page, form step (also with errors), tracking and case page, in every language,
    twice: in the fonts the page asks for (whatever this machine has), and in the test's
    WIDE font (tests/e2e/fonts.py), wider than any font a machine may give, so the layout
    holds for every font and no machine's fonts decide whether the test passes."""
    pages = {language: _reflow_pages(demo.url, language)[0] for language in LANGUAGES}

    async def journey(page):
        await page.set_viewport_size({"width": 320, "height": 640})
        wide = {}

        async def measure(label):
            if fonts == "wide font":
                await use_wide_font(page)
            overflow, sticking = await page.evaluate(MEASURE_OVERFLOW)
            if overflow > 1 or sticking:
                wide[label] = (overflow, sticking)

        for language, urls in pages.items():
            for url in urls:
                await page.goto(url)
                await measure(url.removeprefix(demo.url))
            # The same pages showing errors: a form step, the tracking lookup, a reply.
            await page.goto(f"{demo.url}/{language}/feedback/about/")
            await _continue(page)
            await page.wait_for_selector(".error-summary")
            await measure(f"/{language}/feedback/about/ (errors)")
            await page.goto(f"{demo.url}/{language}/track/")
            await page.locator("main form button[type=submit]").click()
            await page.wait_for_selector(".error-summary")
            await measure(f"/{language}/track/ (errors)")
            await page.fill("input[name=reference]", "CMP-0000-0000")
            await page.fill("input[name=second_factor]", "nobody@example.org")
            await page.locator("main form button[type=submit]").click()
            await page.wait_for_load_state()
            await measure(f"/{language}/track/ (not found)")
            await page.goto(urls[-2])  # the decision sent: contest it without reasons
            await _confirm(page, f"reply.{language}@example.org")
            await page.locator("input[name=reply-answer][value=contest]").check()
            await page.locator("form:has(input[value=reply]) button[type=submit]").click()
            await page.wait_for_selector(".error-summary")
            await measure(f"/{language}/track/<case> (reply errors)")
        return wide

    wide = browse(journey)
    assert not wide, "\n".join(
        f"{label}: scrolls {scroll} px; sticks out: {out}" for label, (scroll, out) in wide.items()
    )
