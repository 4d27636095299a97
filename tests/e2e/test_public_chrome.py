"""The public pages' chrome in a real browser, in English, Arabic and Greek (issue 14 points 5
and 8): the process diagram reads on every screen, every target is at least 24 px (WCAG
2.5.8) and the main controls 44 px, and nothing a page asks for is missing (the icon)."""

import pytest

from .axe import violations
from .conftest import browse

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LANGUAGES = ["en", "ar", "el"]
PAGES = [
    "",
    "policy/",
    "process/",
    "faq/",
    "feedback/kind/",
    "feedback/contact/",
    "track/",
    "search/?q=policy",
]

SMALL_TARGETS = """() => {
    // WCAG 2.5.8: a target is at least 24 by 24 CSS px, or a 24 px circle on its centre
    // meets no other target; a link inside a sentence (its block has other text) is exempt.
    const targets = [...document.querySelectorAll(
        "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex='0']")]
        .filter((e) => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0
            && getComputedStyle(e).visibility !== "hidden"; });
    const inSentence = (e) => {
        if (e.tagName !== "A") return false;
        const block = e.closest("p, li, td, dd, figcaption, label, legend, span.hint, div.hint");
        return block && block.textContent.trim().length > e.textContent.trim().length + 1;
    };
    const boxes = targets.map((e) => e.getBoundingClientRect());
    const small = [];
    targets.forEach((e, i) => {
        const b = boxes[i];
        if (b.width >= 23.5 && b.height >= 23.5) return;
        if (inSentence(e)) return;
        const cx = b.left + b.width / 2, cy = b.top + b.height / 2;
        const clash = boxes.some((o, j) => {
            if (j === i) return false;
            const dx = Math.max(o.left - cx, 0, cx - o.right);
            const dy = Math.max(o.top - cy, 0, cy - o.bottom);
            return dx * dx + dy * dy < 144;
        });
        const name = `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}`;
        const text = (e.textContent || e.value || e.name || "").trim().slice(0, 30);
        if (clash) small.push(`${name} "${text}" ${Math.round(b.width)}x${Math.round(b.height)}`);
    });
    return small;
}
"""

# The main controls: the form's buttons, the site search.
SMALL_MAIN_CONTROLS = """() => [...document.querySelectorAll(
    ".button, main form button[type=submit], .site-search button, .site-search input")]
    .filter((e) => e.getBoundingClientRect().height > 0)
    .filter((e) => e.getBoundingClientRect().height < 43.5
        || e.getBoundingClientRect().width < 43.5)
    .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} `
        + `${Math.round(e.getBoundingClientRect().width)}x`
        + `${Math.round(e.getBoundingClientRect().height)}`)"""

DIAGRAM = """() => {
    const region = document.querySelector(".chart-scroll");
    const shown = [...region.querySelectorAll("svg")]
        .filter((svg) => svg.getBoundingClientRect().width > 0);
    const svg = shown[0];
    const label = region.getAttribute("aria-labelledby");
    const sizes = [...svg.querySelectorAll("text")]
        .map((text) => parseFloat(getComputedStyle(text).fontSize));
    return {
        shown: shown.map((s) => s.getAttribute("class")),
        role: region.getAttribute("role"),
        tabindex: region.tabIndex,
        name: label ? document.getElementById(label).textContent.trim() : "",
        // Drawn at its own size: a label of 15 px is 15 px on the screen.
        scale: svg.getBoundingClientRect().width / svg.width.baseVal.value,
        smallest: Math.min(...sizes),
        titles: region.querySelectorAll("title").length,
        tall: svg.getBoundingClientRect().height > svg.getBoundingClientRect().width,
    };
}"""


@pytest.mark.iso("4.4")
def test_the_process_diagram_reads_on_every_screen(demo):
    """Down the screen at 320 px, across it at 1280; labels at least 14 px; no tooltips; its
    scroll region is named and the keyboard scrolls it; axe finds nothing at either width."""

    async def journey(page):
        seen = {}
        for language in LANGUAGES:
            for width in (320, 1280):
                await page.set_viewport_size({"width": width, "height": 700})
                await page.goto(f"{demo.url}/{language}/process/")
                diagram = await page.evaluate(DIAGRAM)
                await page.focus(".chart-scroll")
                focused = await page.evaluate(
                    "() => document.activeElement.classList.contains('chart-scroll')"
                )
                # Down the narrow drawing; along the wide one, the way its text runs.
                key = (
                    "PageDown"
                    if width == 320
                    else "ArrowLeft"
                    if language == "ar"
                    else "ArrowRight"
                )
                for _press in range(5):
                    await page.keyboard.press(key)
                await page.wait_for_timeout(400)  # smooth scrolling
                scrolled = await page.evaluate(
                    "() => { const r = document.querySelector('.chart-scroll');"
                    " return r.scrollTop + Math.abs(r.scrollLeft); }"
                )
                seen[(language, width)] = (diagram, focused, scrolled, await violations(page))
        return seen

    for (language, width), (diagram, focused, scrolled, found) in browse(journey).items():
        where = f"{language} at {width} px"
        assert diagram["shown"] == ["flow-down" if width == 320 else "flow-across"], where
        assert diagram["tall"] == (width == 320), where
        assert diagram["role"] == "region" and diagram["tabindex"] == 0, where
        assert diagram["name"], where
        assert abs(diagram["scale"] - 1) < 0.01 and diagram["smallest"] >= 14, (where, diagram)
        assert diagram["titles"] == 0, where
        assert focused and scrolled > 0, where
        assert found == [], (where, found)


def test_targets_are_large_enough_and_nothing_is_missing(demo):
    """Every target 24 px or spaced as WCAG 2.5.8 allows (links inside a sentence are
    exempt), the main controls 44 px, at 320 and 1280 px; no response of 400 or more
    while the pages load; the icon every head names, and /favicon.ico, load."""

    async def journey(page):
        failed = []
        page.on(
            "response",
            lambda response: (
                failed.append(f"{response.status} {response.url}")
                if response.status >= 400
                else None
            ),
        )
        problems = {}
        for language in LANGUAGES:
            for path in PAGES:
                for width in (320, 1280):
                    await page.set_viewport_size({"width": width, "height": 700})
                    await page.goto(f"{demo.url}/{language}/{path}")
                    small = await page.evaluate(SMALL_TARGETS)
                    main = await page.evaluate(SMALL_MAIN_CONTROLS)
                    if small or main:
                        problems[f"/{language}/{path} at {width} px"] = (small, main)
        icons = await page.evaluate(
            """async () => {
                const icon = document.querySelector("link[rel=icon]").href;
                const answers = await Promise.all([icon, "/favicon.ico"].map((url) => fetch(url)));
                return answers.map((answer) => [answer.status, answer.headers.get("content-type")]);
            }"""
        )
        return problems, failed, icons

    problems, failed, icons = browse(journey)
    assert not problems, "\n".join(f"{where}: {found}" for where, found in problems.items())
    assert failed == []
    assert icons == [[200, "image/svg+xml"], [200, "image/svg+xml"]]
