"""Issue 11, staff views: what each role sees on the case page, /staff/cases/, Viewflow's
own pages and "My work"."""

import re

from django.urls import reverse

import pytest
from viewflow.workflow import STATUS

from workflow import process, roles
from workflow.models import Team

from ..factories import UserFactory
from .test_decision_paths import _respond, _task, _to_response, _url


def _section(html: str, heading_id: str) -> str:
    """The text of the <section> labelled by `heading_id`."""
    match = re.search(rf'<section aria-labelledby="{heading_id}".*?</section>', html, re.S)
    assert match, heading_id
    return match.group(0)


@pytest.mark.django_db
def test_assessment_and_closing_notes_are_internal_on_the_staff_case_page(
    run, client, staff, category, priority
):
    case = run.submit(category)
    run(staff["intake"], _url(case, "assess", "assign"))
    run(
        staff["intake"],
        _url(case, "assess"),
        {
            "category": category.pk,
            "priority": priority.pk,
            "severity": "low",
            "handler": staff["handler"].pk,
            "note": "Caller sounded upset; check the 2019 dispute.",
        },
    )
    from workflow import services

    services.case_close(case=case, actor=staff["handler"], note="Closed after goodwill call.")
    client.force_login(staff["handler"])
    html = client.get(reverse("case_detail", args=[case.reference])).content.decode()
    shown = _section(html, "conversation-heading")
    internal = _section(html, "internal-heading")
    # The steps are listed as the complainant sees them, without the internal words.
    assert "Assessed and assigned" in shown and "Closed" in shown
    assert "2019 dispute" not in shown and "goodwill call" not in shown
    assert "2019 dispute" in internal and "goodwill call" in internal


@pytest.mark.django_db
def test_staff_cases_is_a_page_for_every_role(client, staff):
    reviewer = UserFactory(username="reviewer", role=roles.REVIEWER)
    people = [staff[role] for role in ("intake", "handler", "supervisor", "manager", "auditor")]
    for user in [*people, reviewer]:
        client.force_login(user)
        response = client.get("/staff/cases/", follow=True)
        assert response.status_code == 200, user
        assert response.redirect_chain[-1][0] == reverse("staff_search") + "?sort=newest", user
        # The flows' own boards are reachable again (a tracking number pattern no longer
        # swallows them).
        assert client.get("/staff/cases/complaint/").status_code == 200, user
        assert client.get("/staff/cases/feedback/").status_code == 200, user
    editor = UserFactory(username="editor", role=roles.EDITOR)
    client.force_login(editor)
    response = client.get("/staff/cases/")
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    # Not a tracking number: not a case page (not found).
    client.force_login(staff["manager"])
    assert client.get("/staff/cases/NOT-A-CASE/", follow=True).status_code == 404


@pytest.mark.django_db
@pytest.mark.iso("4.10")
def test_viewflow_pages_show_only_processes_and_tasks_one_may_see(
    run, client, staff, category, priority
):
    case = _to_response(run, staff, category, priority)
    task = _task(case, "respond")
    process_pages = [
        reverse("cases:complaint:process_detail", args=[case.process_id]),
        reverse("cases:complaint:process_chart", args=[case.process_id]),
        reverse("cases:complaint:respond:detail", args=[case.process_id, task.pk]),
        reverse("cases:complaint:respond:index", args=[case.process_id, task.pk]),
    ]
    lists = [
        reverse("cases:complaint:index"),
        reverse("cases:complaint:process_list"),
        reverse("cases:complaint:task_list"),
        reverse("cases:complaint:inbox"),
        reverse("cases:complaint:queue"),
        reverse("cases:complaint:archive"),
    ]
    marker = f"#{case.process_id}/{task.pk}"
    # Another team's handler: every page of the process is refused, no list shows it.
    client.force_login(staff["outsider"])
    for page in [*process_pages, _url(case, "respond")]:
        assert client.get(page).status_code == 403, page
    for page in lists:
        response = client.get(page)
        assert response.status_code == 200, page
        assert marker not in response.content.decode(), page
    process_list = client.get(reverse("cases:complaint:process_list")).content.decode()
    assert reverse("cases:complaint:process_detail", args=[case.process_id]) not in process_list
    # The team's handler, the complaints manager and the auditor see it.
    for user in (staff["handler"], staff["manager"], staff["auditor"]):
        client.force_login(user)
        for page in process_pages[:3]:
            assert client.get(page).status_code == 200, (user, page)
        assert marker in client.get(reverse("cases:complaint:task_list")).content.decode()
    client.force_login(staff["handler"])
    assert marker in client.get(reverse("cases:complaint:inbox")).content.decode()


@pytest.mark.django_db
@pytest.mark.iso("4.14")
@pytest.mark.iso("5.4")
def test_another_teams_supervisor_cannot_take_an_approval_from_the_queue(
    run, client, staff, category, priority
):
    other = UserFactory(username="other_supervisor", role=roles.SUPERVISOR)
    Team.objects.filter(pk=staff["other_team"].pk).update(supervisor=other)
    # The team's supervisor drafted nothing, but is named: the approval goes to the queue.
    case = _to_response(run, staff, category, priority, severity="high")
    case.named_staff.add(staff["supervisor"])
    assert _respond(run, staff, case).status_code == 302
    approval = _task(case, "approve")
    assert approval.owner_id is None
    client.force_login(other)
    queue = client.get(reverse("cases:complaint:queue")).content.decode()
    assert f"#{case.process_id}/{approval.pk}" not in queue
    assert run(other, _url(case, "approve", "assign")).status_code == 403
    run(other, reverse("cases:complaint:tasks_assign"), {"pk": [approval.pk], "_confirm": "1"})
    approval.refresh_from_db()
    assert approval.owner_id is None


@pytest.mark.django_db
@pytest.mark.iso("4.14")
def test_my_work_shows_intake_officers_and_reviewers_their_queues(
    run, client, staff, category, priority
):
    reviewer = UserFactory(username="reviewer", role=roles.REVIEWER)
    waiting = run.submit(category, description="Waiting for assessment")
    client.force_login(staff["intake"])
    page = client.get(reverse("my_work")).content.decode()
    assert "Waiting for an initial assessment" in page
    assert waiting.reference in page
    # An intake officer of another team does not get this team's assessments.
    other_intake = UserFactory(username="other_intake", role=roles.INTAKE_OFFICER)
    staff["other_team"].members.add(other_intake)
    client.force_login(other_intake)
    assert waiting.reference not in client.get(reverse("my_work")).content.decode()

    # A contested decision: the review waits for an eligible reviewer.
    case = _to_response(run, staff, category, priority)
    assert _respond(run, staff, case).status_code == 302
    from workflow import services

    case.refresh_from_db()
    process.case_reply(case=case, accepted=False, reasons="The refund is too small.")
    case.refresh_from_db()
    assert case.status == "review"
    client.force_login(reviewer)
    page = client.get(reverse("my_work")).content.decode()
    assert "Independent reviews you may take" in page
    assert case.reference in page
    # The complaints manager may review, but not this case once they took part in it.
    services.event_record(case=case, kind="approved", actor=staff["manager"], is_public=False)
    client.force_login(staff["manager"])
    page = client.get(reverse("my_work")).content.decode()
    assert case.reference not in _my_work_section(page, "Independent reviews you may take")


def _my_work_section(html: str, heading: str) -> str:
    start = html.index(heading)
    end = html.find("<h2>", start)
    return html[start : end if end != -1 else None]


@pytest.mark.django_db
@pytest.mark.iso("4.10")
def test_a_task_is_reached_only_through_its_own_process(run, client, staff, category, priority):
    """Viewflow loads a task by its number alone: a URL pairing a process one may see with
    another team's task is refused, to assign and to complete it."""
    from ..factories import CategoryFactory

    other_category = CategoryFactory(code="service", name="Service", team=staff["other_team"])
    theirs = run.submit(other_category, description="The outsider's own case")
    run(staff["intake"], _url(theirs, "assess", "assign"))
    run(
        staff["intake"],
        _url(theirs, "assess"),
        {
            "category": other_category.pk,
            "priority": priority.pk,
            "severity": "low",
            "handler": staff["outsider"].pk,
        },
    )
    case = run.submit(category)
    run(staff["intake"], _url(case, "assess", "assign"))
    run(
        staff["intake"],
        _url(case, "assess"),
        {
            "category": category.pk,
            "priority": priority.pk,
            "severity": "low",
            "handler": staff["handler"].pk,
        },
    )
    task = _task(case, "investigate")
    # In the queue (no one has it yet), as after an unassignment.
    type(task).objects.filter(pk=task.pk).update(owner=None, status=STATUS.NEW)
    mixed = f"/staff/cases/complaint/{theirs.process_id}/investigate/{task.pk}/"
    assert run(staff["outsider"], mixed + "assign/").status_code == 403
    task.refresh_from_db()
    assert task.owner_id is None
    # Even once they hold it, its own process is needed to complete it.
    type(task).objects.filter(pk=task.pk).update(owner=staff["outsider"], status=STATUS.ASSIGNED)
    assert (
        run(staff["outsider"], mixed + "execute/", {"findings": "Outsider's words."}).status_code
        == 403
    )
    task.refresh_from_db()
    case.refresh_from_db()
    assert task.finished is None and "Outsider" not in case.findings
    # Through its own process, the URL works as before (the team's handler).
    type(task).objects.filter(pk=task.pk).update(owner=staff["handler"], status=STATUS.ASSIGNED)
    assert run(staff["handler"], _url(case, "investigate"), {"findings": "Ok."}).status_code == 302
