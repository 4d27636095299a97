"""Staff pages as accessible as the public ones (issue 14, points 1 and 9), in a real browser:
every staff page in English and Arabic passes axe (no serious or critical violation) at
1280 and at 320 CSS px, runs right to left in Arabic, and does not scroll sideways at 320 px
in the page's fonts or in the test's WIDE font (tests/e2e/fonts.py). A member of staff
without a staff role gets a translated page that sends them to the CMS."""

import pytest

from .axe import violations
from .conftest import browse, sign_in, staff_session
from .fonts import use_wide_font
from .test_journeys import MEASURE_OVERFLOW

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Viewflow's frame scrolls inside its own boxes: none of them may scroll sideways either.
MEASURE_FRAME = """() => [...document.querySelectorAll(
    ".vf-page, .vf-page__body, .vf-page__content, .vf-page .mdc-layout-grid, .vf-card")]
    .filter((box) => box.scrollWidth - box.clientWidth > 1)
    .map((box) => `${[box.tagName.toLowerCase(), ...box.classList].join(".")} `
        + `scrolls ${box.scrollWidth - box.clientWidth} px`)"""


async def serious_violations(page) -> list[str]:
    return await violations(page, impacts=("serious", "critical"))


def _task_page(step: str, username: str) -> str:
    """The form of a demo complaint's open `step`, given to `username` (as taking it would)."""
    from django.contrib.auth import get_user_model

    from viewflow.workflow.models import Task

    for task in Task.objects.filter(status__in=["NEW", "ASSIGNED"]).order_by("pk"):
        if task.flow_task.name == step and task.flow_task.flow_class.__name__ == "ComplaintFlow":
            task.owner = get_user_model().objects.get(username=username)
            task.status = "ASSIGNED"
            task.save()
            return task.flow_task.reverse("execute", args=[task.process_id, task.pk])
    raise AssertionError(f"the demo has no open {step} task")


def _staff_pages() -> dict[str, list[str]]:
    """Each staff page to open, by the demo account that opens it: the task lists, a case,
    the forms of the assessment, the response, the approval and the review, search,
    search with a facet and drill-down conditions chosen, workload, undelivered
    notifications, recording feedback, and the improvement pages."""
    from improvement.models import ManagementReview
    from workflow.models import Case

    case = Case.objects.filter(reference__startswith="CMP").order_by("pk").first()
    manager = [
        "/staff/work/",
        "/staff/cases/complaint/inbox/",
        "/staff/cases/complaint/queue/",
        f"/staff/cases/{case.reference}/",
        "/staff/search/",
        "/staff/search/?q=bill",
        # A chosen facet and two dashboard conditions (drill-down chips with remove links).
        "/staff/search/?q=bill&status=investigation&reply=contested&closed=2026-01-01/2026-12-31",
        "/staff/workload/",
        "/staff/deliveries/",
        "/staff/cases/new/",
        _task_page("assess", "manager"),
        "/staff/improvement/",
        "/staff/improvement/objectives/",
        "/staff/improvement/reviews/",
        "/staff/improvement/reviews/new/",
        "/staff/improvement/actions/",
        "/staff/improvement/actions/new/",
        "/staff/improvement/satisfaction/",
        "/staff/improvement/satisfaction/cases/",
        "/staff/improvement/audit/",
        "/staff/improvement/audits/",
        "/staff/improvement/iso10002/",
    ]
    if review := ManagementReview.objects.order_by("pk").first():
        manager.append(f"/staff/improvement/reviews/{review.pk}/")
    return {
        "manager": manager,
        "handler": [_task_page("respond", "handler"), _task_page("investigate", "handler")],
        "supervisor": [_task_page("approve", "supervisor")],
        "reviewer": [_task_page("review", "reviewer")],
        "editor": ["/staff/"],
    }


@pytest.mark.iso("4.5")
def test_every_staff_page_passes_axe_and_reflows(demo):

    pages = _staff_pages()
    sessions = {username: staff_session(username) for username in pages}

    async def journey(page):
        problems = {}
        for language, (username, paths) in (
            (language, item) for language in ("en", "ar") for item in pages.items()
        ):
            await sign_in(page, demo.url, sessions[username], language)
            for path in paths:
                label = f"{language} {username} {path}"
                await page.set_viewport_size({"width": 1280, "height": 900})
                response = await page.goto(f"{demo.url}{path}")
                found = []
                expected = 403 if username == "editor" else 200
                if response.status != expected:
                    found.append(f"answered {response.status}")
                if language == "ar" and await page.get_attribute("html", "dir") != "rtl":
                    found.append("not right to left")
                found += await serious_violations(page)
                await page.set_viewport_size({"width": 320, "height": 640})
                found += [f"at 320 px: {item}" for item in await serious_violations(page)]
                for fonts in ("page fonts", "wide font"):
                    if fonts == "wide font":
                        await use_wide_font(page)
                    overflow, sticking = await page.evaluate(MEASURE_OVERFLOW)
                    frame = await page.evaluate(MEASURE_FRAME)
                    if overflow > 1 or sticking or frame:
                        found.append(f"{fonts}: scrolls {overflow} px; {sticking} {frame}")
                if found:
                    problems[label] = found
        return problems

    problems = browse(journey)
    assert not problems, "\n".join(f"{label}: {items}" for label, items in problems.items())


def test_staff_without_a_staff_role_are_sent_to_the_cms(demo):
    """The demo editor at /staff/: a styled page in their language (English, Arabic, Greek)
    that names the CMS and links to it, never Viewflow's "403 Access Forbidden - Django
    Material"."""

    session = staff_session("editor")

    async def journey(page):
        seen = {}
        for language in ("en", "ar", "el"):
            await sign_in(page, demo.url, session, language)
            response = await page.goto(f"{demo.url}/staff/")
            text = await page.locator("body").inner_text()
            title = await page.title()
            found = await serious_violations(page)
            async with page.expect_navigation():
                await page.get_by_role("link", name=CMS_LINK[language]).click()
            seen[language] = (response.status, title, text, page.url, found)
        return seen

    for language, (status, title, text, landed, found) in browse(journey).items():
        assert status == 403, language
        assert "Django Material" not in title and "Access Forbidden" not in text
        assert CMS_TEXT[language] in text, language
        assert landed.startswith(f"{demo.url}/cms/"), landed
        assert found == [], found


CMS_LINK = {
    "en": "Go to the CMS",
    "ar": "الانتقال إلى نظام إدارة المحتوى",
    "el": "Μετάβαση στο CMS",
}
CMS_TEXT = {
    "en": "you work in the CMS",
    "ar": "تعملون في نظام إدارة المحتوى",
    "el": "εργάζεστε στο CMS",
}
