import pytest

from portal.models import ProcessPage
from workflow.models import Case


@pytest.fixture
def process_page(portal_pages, priority):
    return portal_pages["home"].add_child(
        instance=ProcessPage(title="How we handle your feedback", slug="process")
    )


@pytest.mark.django_db
@pytest.mark.iso("6.1")
@pytest.mark.iso("7.1")
def test_process_page_draws_the_live_flow_in_the_page_language(client, process_page):
    english = client.get("/en/process/").content.decode()
    assert "<svg" in english and 'aria-hidden="true"' in english
    assert "initial assessment" in english.lower()
    assert "escalate to the" in english.lower()  # the chart wraps long names
    arabic = client.get("/ar/process/").content.decode()
    assert "التقييم الأولي" in arabic  # the flow's step names, translated


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
