"""Real-browser journeys: Playwright for Python driving Debian's Chromium.

Playwright's own browser download does not work on these machines; the Makefile installs
Debian's `chromium` package (CHROMIUM overrides the path).

The browser is driven through Playwright's async API inside `asyncio.run()`, one journey
at a time, and the tests check the database afterwards with the ORM as usual. (The sync
API switches greenlets, which gives Django's per-context database connection a fresh
wrapper and loses the serialized state that transactional tests restore.)
"""

import asyncio
import os
import shutil
from pathlib import Path

from django.core.management import call_command

import pytest

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTEFACTS = Path(__file__).resolve().parents[2] / "test-results"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browse(journey):
    """Run `await journey(page)` in a fresh headless Chromium; return what it returns."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs Debian's package.")
    from playwright.async_api import async_playwright

    async def main():
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_FLAGS
            )
            try:
                context = await browser.new_context(viewport={"width": 1280, "height": 900})
                page = await context.new_page()
                page.set_default_timeout(15_000)
                try:
                    return await journey(page)
                except Exception:
                    await _keep_evidence(page)
                    raise
            finally:
                await browser.close()

    return asyncio.run(main())


async def _keep_evidence(page) -> None:
    """A failed journey leaves the page it was on in test-results/: its address, its HTML
    and a screenshot, named after the test (CI keeps the folder)."""
    test = os.environ.get("PYTEST_CURRENT_TEST", "journey").split(" ")[0]
    # No dot kept: the test file's ".py" would be taken for the suffix and the test's name
    # dropped with it, so that two tests of a file would share one file.
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in test)
    try:
        ARTEFACTS.mkdir(exist_ok=True)
        html = f"<!-- {page.url} -->\n" + await page.content()
        (ARTEFACTS / f"{stem}.html").write_text(html)
        await page.screenshot(path=str(ARTEFACTS / f"{stem}.png"), full_page=True)
    except Exception:  # noqa: BLE001, S110 - evidence is best effort: the failure is raised
        pass


@pytest.fixture
def demo(live_server):
    """The demo content (pages in five languages, categories, staff), served live."""
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return live_server


@pytest.fixture(scope="session")
def artefacts():
    ARTEFACTS.mkdir(exist_ok=True)
    return ARTEFACTS


def clock_tick() -> int:
    """What the clock process does every second (`make run` runs it): queue the start of
    each case the form recorded; the test task backend runs each start at once."""
    from workflow.tasks import ProcessStarts

    return ProcessStarts().tick()


async def clock_tick_meanwhile() -> int:
    """`clock_tick` from inside a journey (the browser waits): in a thread of its own, as
    Django's database access must not run in the event loop's thread."""

    def tick():
        from django.db import connections

        try:
            return clock_tick()
        finally:
            connections.close_all()

    return await asyncio.to_thread(tick)


def staff_session(user) -> str:
    """The session cookie's value of a member of staff (a user or a user name), signed in."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    if isinstance(user, str):
        user = get_user_model().objects.get(username=user)
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


async def sign_in(page, url: str, session: str, language: str) -> None:
    """Make the browser that member of staff (`staff_session`), in `language`: every
    earlier cookie goes."""
    from django.conf import settings

    await page.context.clear_cookies()
    await page.context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": url},
        ]
    )
