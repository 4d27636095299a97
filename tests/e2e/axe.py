"""axe-core (the copy bundled by axe-playwright-python) run against WCAG 2.2 A and AA."""

from axe_playwright_python.async_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()


async def violations(page, *, impacts=None, context=None) -> list[str]:
    """The WCAG 2.2 A/AA violations axe finds on the page, or only in the elements that
    `context` selects (a staff page's own card: Viewflow's frame is not ours), of these
    `impacts` only if given, one line each."""
    results = await _axe.run(
        page,
        context=context,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if impacts is None or violation["impact"] in impacts
    ]
