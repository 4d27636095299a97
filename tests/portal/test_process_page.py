import re

import pytest

from portal.models import ProcessPage
from workflow.models import Case


@pytest.fixture
def process_page(portal_pages, priority):
    return portal_pages["home"].add_child(
        instance=ProcessPage(title="How we handle your feedback", slug="process")
    )


def _diagram_texts(page: str) -> list[str]:
    """Every text of the public diagram (both drawings), and the names of its drawings."""
    chart = page.split('<div class="chart-scroll"')[1].split("</div>")[0]
    texts = [
        " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", text))
        for text in re.findall(r"<text[^>]*>(.*?)</text>", chart)
    ]
    return texts + re.findall(r'aria-label="([^"]*)"', chart)


@pytest.mark.django_db
@pytest.mark.iso("6.1")
@pytest.mark.iso("7.1")
def test_process_page_draws_the_live_flow_in_the_page_language(client, process_page):
    english = client.get("/en/process/").content.decode()
    texts = _diagram_texts(english)
    assert "Initial assessment" in texts and "Approval needed?" in texts
    assert "Yes" in texts and "No" in texts
    # The branch a timer takes on the customer's path, as a labelled edge, not as an event.
    assert "No reply in time" in texts
    # Drawn across wide screens and down narrow ones, each named.
    assert 'class="flow-across"' in english and 'class="flow-down"' in english
    assert english.count('aria-label="Diagram of the steps of a complaint"') == 2


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "el"])
def test_the_public_diagram_has_no_staff_timers_and_no_english(client, process_page, language):
    """Issue 14 point 5: only the steps and decisions the customer goes through (no
    reminder, escalation or timer event, no <title> tooltips), every text translated."""
    english = client.get("/en/process/").content.decode()
    page = client.get(f"/{language}/process/").content.decode()
    chart = page.split('<div class="chart-scroll"')[1].split("</figure>")[0]
    assert "<title" not in chart and "Timeout" not in chart
    for text in ("Remind", "Escalat", "recorded"):
        assert text not in _diagram_texts(english), text
    translated = _diagram_texts(page)
    assert len(translated) == len(_diagram_texts(english))
    left_in_english = set(translated) & set(_diagram_texts(english))
    assert not left_in_english, left_in_english
    # Its scroll region takes the keyboard's focus and has a name (the caption).
    assert (
        'class="chart-scroll" role="region" tabindex="0" aria-labelledby="process-chart-caption"'
        in page
    )
    assert 'id="process-chart-caption"' in page


@pytest.mark.django_db
def test_the_diagram_follows_the_flow_definition(process_page):
    """Drawn from ComplaintFlow itself: every human step of the complaint path is a box, in
    the flow's order, and the timers' own paths are not."""
    from django.utils import translation

    from portal.process import _public_graph
    from workflow.flows import ComplaintFlow

    with translation.override("en"):
        graph, order = _public_graph(ComplaintFlow)
    assert order[0] == "start" and order[-1] == "end"
    assert order.index("assess") < order.index("respond") < order.index("approve")
    assert {"remind", "escalate", "escalate_further", "reminded", "escalated"}.isdisjoint(order)
    assert ("respond", "No") in graph["approval_given"].edges  # a rejected response goes back
    assert graph["approval_needed"].decision and not graph["assess"].decision


@pytest.mark.django_db
@pytest.mark.iso("4.4")
@pytest.mark.iso("7.1")
def test_process_page_explains_every_status_with_its_target_times(client, process_page, priority):
    page = client.get("/en/process/").content.decode()
    for _value, label in Case.Status.choices:
        assert f'<th scope="row">{label}</th>' in page
    # Targets come from the configured priority, in working time (48 hours = 6 working days;
    # the factory's priority), and the complainant's reply time in calendar days.
    assert "Target: Normal priority" in page
    assert "6 working days" in page and "30 working days" in page and "14 days" in page
    priority.assess_hours = 30
    priority.save()  # configuration changes clear the cached pages
    assert "30 working hours" in client.get("/en/process/").content.decode()


@pytest.mark.django_db
@pytest.mark.iso("7.1")
def test_process_page_lists_the_short_path_of_suggestions_and_compliments(client, process_page):
    """Derived from the process vocabulary: received, the short path's step, closed."""
    page = client.get("/en/process/").content.decode()
    listed = page.split('<ol class="short-path">')[1].split("</ol>")[0]
    assert listed == "<li>Received</li><li>Response being prepared</li><li>Closed</li>"
    arabic = client.get("/ar/process/").content.decode()
    assert "تسلك الاقتراحات والإشادات مسارًا أقصر" in arabic
