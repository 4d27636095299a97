"""Process integrity (issue 11, High 2 and 3): an approval or an independent review is only
ever handed to, reminded to or done by someone eligible; merging needs the close
permission on both cases, never cuts an independent step short, keeps each person's files
unless told otherwise, and a complaints manager can undo it. Over HTTP and through the
timers, as each role."""

from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
import time_machine
from viewflow.workflow import STATUS

from workflow import deadlines, process, roles, selectors, services
from workflow.models import Case, CaseEvent
from workflow.tasks import sweep_task

from ..conftest import make_case
from ..factories import CategoryFactory, UserFactory


def _task(case, name, flow="ComplaintFlow"):
    return case.process.task_set.get(
        flow_task=f"workflow/flows.{flow}.{name}", finished__isnull=True
    )


def _url(case, name, action="execute"):
    return reverse(f"cases:complaint:{name}:{action}", args=[case.process_id, _task(case, name).pk])


@pytest.fixture
def run(run, django_capture_on_commit_callbacks):
    """tests/conftest.py's `run`, with time moved through the timers (`sweep_at`,
    `overdue`) and services called with their deliveries run at once (`act`)."""
    post = run

    def sweep_at(moment):
        with time_machine.travel(moment), django_capture_on_commit_callbacks(execute=True):
            return sweep_task.call()["timers"]

    def overdue(case, step):
        """Move time past the reminder, then past the deadline of `step`: the first
        escalation fires, and the mail outbox holds only what it sent."""
        task = _task(case, step)
        started = task.created
        assert sweep_at(deadlines.reminder_at(case=case, step=step, started=started)) == 1
        mail.outbox.clear()
        due = deadlines.step_due_at(case=case, step=step, started=started)
        assert sweep_at(due + timedelta(minutes=1)) == 1
        task.refresh_from_db()
        return task

    def act(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    post.act = act
    post.sweep_at = sweep_at
    post.overdue = overdue
    return post


@pytest.fixture
def reviewer(staff):
    return UserFactory(username="reviewer", role=roles.REVIEWER)


def _prefer(user, language):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def _assessed(run, staff, category, priority, severity="medium", **fields):
    case = run.submit(category, email="amira@example.net", **fields)
    run(staff["intake"], _url(case, "assess", "assign"))
    assessed = run(
        staff["intake"],
        _url(case, "assess"),
        {
            "category": category.pk,
            "priority": priority.pk,
            "severity": severity,
            "handler": staff["handler"].pk,
        },
    )
    assert assessed.status_code == 302
    case.refresh_from_db()
    return case


def _contested(run, staff, category, priority):
    """Decided by the handler alone (no approval: the supervisor took no part), then
    contested: the review waits in the reviewers' queue."""
    case = _assessed(run, staff, category, priority)
    assert (
        run(staff["handler"], _url(case, "investigate"), {"findings": "Seen."}).status_code == 302
    )
    responded = run(
        staff["handler"], _url(case, "respond"), {"decision": "No refund.", "compensation": ""}
    )
    assert responded.status_code == 302
    case.refresh_from_db()
    run.act(process.case_reply, case=case, accepted=False, reasons="Unfair.")
    case.refresh_from_db()
    assert case.status == Case.Status.REVIEW
    return case


# --- High 2: approvals and reviews ------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.iso("4.7")
def test_an_overdue_review_never_goes_to_the_teams_supervisor(
    run, client, staff, category, priority, reviewer
):
    """The supervisor took no part in the case, but they are not a reviewer and supervise
    the team that decided it: escalation alerts the eligible reviewers instead, the
    supervisor can neither take nor complete the review, and the complainant hears only of
    the review the reviewer did."""
    case = _contested(run, staff, category, priority)
    assert _task(case, "review").owner is None
    task = run.overdue(case, "review")
    assert task.owner is None  # never handed to the supervisor
    reminder = case.events.get(kind=CaseEvent.Kind.REMINDED)
    assert reminder.data["to"] == ["manager", "reviewer"]
    escalation = case.events.get(kind=CaseEvent.Kind.ESCALATED)
    assert escalation.data["to"] == ["manager", "reviewer"]
    assert "supervisor@example.org" not in [message.to[0] for message in mail.outbox]
    # The supervisor cannot take it from the queue ...
    assert run(staff["supervisor"], _url(case, "review", "assign")).status_code == 403
    # ... nor complete it when it is handed to them by hand: the service checks again.
    task.owner = staff["supervisor"]
    task.status = "ASSIGNED"
    task.save()
    mail.outbox.clear()
    refused = run(
        staff["supervisor"], _url(case, "review"), {"result": "upheld", "outcome": "Fine."}
    )
    assert refused.status_code == 200
    assert "You are not a reviewer" in refused.content.decode()
    case.refresh_from_db()
    assert case.reviewer is None and case.status == Case.Status.REVIEW
    assert not case.events.filter(kind=CaseEvent.Kind.REVIEWED).exists()
    assert mail.outbox == []  # the complainant is told nothing
    # Even with the reviewer's role, the supervisor of the deciding team is not independent.
    from django.contrib.auth.models import Group

    staff["supervisor"].groups.add(Group.objects.get(name=roles.REVIEWER))
    refused = run(
        staff["supervisor"], _url(case, "review"), {"result": "upheld", "outcome": "Fine."}
    )
    assert refused.status_code == 200
    assert "You supervise the team that decided this case" in refused.content.decode()
    # An eligible reviewer gets it and the complainant hears the outcome.
    task.owner = None
    task.status = "NEW"
    task.save()
    assert run(reviewer, _url(case, "review", "assign")).status_code == 302
    done = run(reviewer, _url(case, "review"), {"result": "upheld", "outcome": "It stands."})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.reviewer == reviewer
    assert mail.outbox[0].to == ["amira@example.net"] and "It stands." in mail.outbox[0].body


@pytest.mark.django_db
@pytest.mark.iso("4.15")
def test_an_overdue_review_goes_back_to_the_queue_and_its_reviewer_is_told(
    run, staff, category, priority, reviewer
):
    case = _contested(run, staff, category, priority)
    assert run(reviewer, _url(case, "review", "assign")).status_code == 302
    _prefer(reviewer, "it")
    task = run.overdue(case, "review")
    assert task.owner is None and task.status == "NEW"
    escalation = case.events.get(kind=CaseEvent.Kind.ESCALATED)
    assert escalation.data["reassigned"] and escalation.data["taken_from"] == "reviewer"
    assert escalation.data["to"] == ["manager"]  # the other eligible reviewer
    taken = [message for message in mail.outbox if message.to == ["reviewer@example.org"]]
    assert len(taken) == 1
    assert "non è più tua" in taken[0].subject  # in the reviewer's own language


@pytest.mark.django_db
@pytest.mark.iso("4.7")
def test_an_approval_is_escalated_only_to_eligible_approvers(
    run, staff, category, priority, reviewer
):
    """The supervisor is named in the complaint, so the approval waits in the queue: it is
    escalated to the complaints manager, who may approve, not to the supervisor."""
    case = run.submit(category, email="amira@example.net")
    run(staff["intake"], _url(case, "assess", "assign"))
    run(
        staff["intake"],
        _url(case, "assess"),
        {
            "category": category.pk,
            "priority": priority.pk,
            "severity": "critical",
            "handler": staff["handler"].pk,
            "named_staff": [staff["supervisor"].pk],
        },
    )
    run(staff["handler"], _url(case, "investigate"), {"findings": "Seen."})
    mail.outbox.clear()
    run(staff["handler"], _url(case, "respond"), {"decision": "Refund.", "compensation": ""})
    task = _task(case, "approve")
    assert task.owner is None
    # The people who may approve are told a task waits for them.
    assert [message.to for message in mail.outbox] == [["manager@example.org"]]
    task = run.overdue(case, "approve")
    escalation = case.events.get(kind=CaseEvent.Kind.ESCALATED)
    assert escalation.data["to"] == ["manager"] and not escalation.data["reassigned"]
    task.refresh_from_db()
    assert task.owner is None
    assert run(staff["supervisor"], _url(case, "approve", "assign")).status_code == 403
    assert run(staff["manager"], _url(case, "approve", "assign")).status_code == 302


@pytest.mark.django_db
def test_a_handler_is_told_in_their_language_when_escalation_takes_their_task(
    run, staff, category, priority
):
    case = _assessed(run, staff, category, priority)
    task = _task(case, "investigate")
    assert task.owner == staff["handler"]
    _prefer(staff["handler"], "el")
    task = run.overdue(case, "investigate")
    assert task.owner == staff["supervisor"]
    assert case.events.get(kind=CaseEvent.Kind.ESCALATED).data["taken_from"] == "handler"
    taken = [message for message in mail.outbox if message.to == ["handler@example.org"]]
    assert len(taken) == 1
    assert "δεν είναι πλέον δική σας" in taken[0].subject
    assert case.reference in taken[0].body


# --- High 3: merging ----------------------------------------------------------------------


def _page(case):
    return reverse("case_detail", args=[case.reference])


def _merge(run, user, duplicate, into, **extra):
    data = {"action": "merge", "merge-into": into.reference}
    if extra.get("move_files"):
        data["merge-move_files"] = "on"
    return run(user, _page(duplicate), data)


@pytest.mark.django_db
@pytest.mark.iso("5.4")
def test_merging_needs_the_permission_to_close_both_cases(run, client, staff, category, priority):
    kept = run.submit(category, email="a@example.org")
    duplicate = run.submit(category, email="a@example.org")
    # An intake officer sees both (waiting for assessment) but may not close cases.
    refused = _merge(run, staff["intake"], duplicate, kept)
    assert refused.status_code == 403
    client.force_login(staff["intake"])
    assert 'name="merge-into"' not in client.get(_page(duplicate)).content.decode()
    # The billing supervisor sees a case of another team while it waits for assessment,
    # but may not close it: refused, in the user's language.
    other = CategoryFactory(code="service", name="Service", team=staff["other_team"])
    elsewhere = run.submit(other, email="b@example.org")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "el"
    refused = _merge(run, staff["supervisor"], duplicate, elsewhere)
    assert refused.status_code == 400
    assert "ανήκει σε ομάδα στην οποία δεν είστε" in refused.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    refused = _merge(run, staff["supervisor"], elsewhere, duplicate)
    assert refused.status_code == 400 and "belongs to a team you are not in" in (
        refused.content.decode()
    )
    for case in (duplicate, elsewhere, kept):
        case.refresh_from_db()
        assert case.status != Case.Status.CLOSED and case.process.status == "NEW"
    # Within their own team, the supervisor may.
    assert _merge(run, staff["supervisor"], duplicate, kept).status_code == 302


@pytest.mark.django_db
def test_a_contested_or_undecided_decision_cannot_be_merged_away(
    run, client, staff, category, priority, reviewer
):
    contested = _contested(run, staff, category, priority)
    fresh = run.submit(category, email="someone-else@example.org")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "el"
    refused = _merge(run, staff["manager"], contested, fresh)
    assert refused.status_code == 400
    assert "αμφισβητείται" in refused.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # Nor can another case be merged into it while its review runs.
    refused = _merge(run, staff["manager"], fresh, contested)
    assert refused.status_code == 400
    assert "is contested and under independent review" in refused.content.decode()
    contested.refresh_from_db()
    assert contested.status == Case.Status.REVIEW and contested.process.status == "NEW"
    assert _task(contested, "review").status == "NEW"
    # A decision the complainant can still accept or contest is not merged either.
    decided = _assessed(run, staff, category, priority)
    run(staff["handler"], _url(decided, "investigate"), {"findings": "Seen."})
    run(staff["handler"], _url(decided, "respond"), {"decision": "No.", "compensation": ""})
    refused = _merge(run, staff["manager"], decided, fresh)
    assert refused.status_code == 400 and "can still accept or contest" in refused.content.decode()
    assert not Case.objects.filter(status=Case.Status.CLOSED).exists()


@pytest.mark.django_db
def test_another_persons_files_stay_unless_moving_them_is_chosen(
    run, client, staff, category, priority
):
    kept = run.submit(category, email="first@example.org")
    duplicate = run.submit(
        category,
        email="second@example.org",
        attachments=[SimpleUploadedFile("bill.pdf", b"%PDF-1.4\n" + bytes(64))],
    )
    mail.outbox.clear()
    assert _merge(run, staff["supervisor"], duplicate, kept).status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    assert duplicate.attachments.get().original_name == "bill.pdf"
    assert not kept.attachments.exists()
    added = kept.events.get(kind=CaseEvent.Kind.DUPLICATE_ADDED)
    assert added.data["files"] == [] and added.data["same_complainant"] is False
    told = mail.outbox[-1]
    assert told.to == ["second@example.org"] and "stay with your own case" in told.body
    # Undone, then merged again with the explicit choice: the files move, recorded.
    undo = reverse("case_unmerge", args=[duplicate.reference])
    assert run(staff["manager"], undo).status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert _merge(run, staff["supervisor"], duplicate, kept, move_files=True).status_code == 302
    assert kept.attachments.get().original_name == "bill.pdf"
    added = kept.events.filter(kind=CaseEvent.Kind.DUPLICATE_ADDED).last()
    assert added.data["files"] == ["bill.pdf"] and added.data["files_moved_by_choice"] is True
    assert added.actor == staff["supervisor"]


@pytest.mark.django_db
def test_a_complaints_manager_undoes_a_merge(run, client, staff, category, priority):
    kept = run.submit(category, email="a@example.org")
    duplicate = _assessed(
        run,
        staff,
        category,
        priority,
        attachments=[SimpleUploadedFile("bill.pdf", b"%PDF-1.4\n" + bytes(64))],
    )
    duplicate.complainant.email = "A@example.org"  # the same person
    duplicate.complainant.save()
    stopped = _task(duplicate, "investigate")
    assert stopped.owner == staff["handler"]
    assert _merge(run, staff["handler"], duplicate, kept).status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.status == Case.Status.CLOSED and duplicate.process.status == "CANCELED"
    assert kept.attachments.get().original_name == "bill.pdf"  # the same person: moved
    undo = reverse("case_unmerge", args=[duplicate.reference])
    # Only a complaints manager may undo it; the form is offered to them only.
    assert run(staff["handler"], undo).status_code == 403
    assert run(staff["supervisor"], undo).status_code == 403
    client.force_login(staff["supervisor"])
    assert undo not in client.get(_page(duplicate)).content.decode()
    client.force_login(staff["manager"])
    assert undo in client.get(_page(duplicate)).content.decode()
    mail.outbox.clear()
    undone = run(staff["manager"], undo)
    assert undone.status_code == 302 and undone["Location"] == _page(duplicate)
    duplicate.refresh_from_db()
    # Open again at the step it was stopped at, with its handler, deadline and timers.
    assert duplicate.merged_into is None and duplicate.closed_at is None
    assert duplicate.status == Case.Status.INVESTIGATION
    assert duplicate.process.status == "NEW"
    task = _task(duplicate, "investigate")
    assert task.pk != stopped.pk and task.owner == staff["handler"]
    assert duplicate.due_at == deadlines.step_due_at(
        case=duplicate, step="investigate", started=task.created
    )
    assert duplicate.process.task_set.filter(
        flow_task_type="TIMER", status="SCHEDULED", previous=task
    ).exists()
    # The step's new start is in the history, with the deadline promised for it.
    starts = selectors.case_step_starts(case=duplicate)
    assert [start.step for start in starts] == ["assess", "investigate", "investigate"]
    assert starts[-1].due_at == duplicate.due_at and starts[-1].started >= task.created
    # The files went back; both histories say so; the complainant and the handler are told.
    assert duplicate.attachments.get().original_name == "bill.pdf"
    assert not kept.attachments.exists()
    assert duplicate.events.get(kind=CaseEvent.Kind.UNMERGED).actor == staff["manager"]
    assert kept.events.get(kind=CaseEvent.Kind.MERGE_UNDONE).data["files"] == ["bill.pdf"]
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["A@example.org", "handler@example.org"]
    told = next(message for message in mail.outbox if message.to == ["A@example.org"])
    assert "handled on its own again" in told.body
    assert "Your files are back with your case." in told.body
    # The restored step works as any other.
    done = run(staff["handler"], _url(duplicate, "investigate"), {"findings": "Seen."})
    assert done.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.status == Case.Status.RESPONSE
    # Undoing twice is refused with a message, not an error.
    again = run(staff["manager"], undo, follow=True)
    assert "This case is not merged into another one." in again.content.decode()


@pytest.mark.django_db
def test_undoing_the_merge_of_a_case_never_started_lets_the_clock_start_it(
    staff, category, priority, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        kept = make_case(category)
    with django_capture_on_commit_callbacks(execute=False):
        duplicate = make_case(category, defer_start=True)
    process.case_merge(duplicate=duplicate, into=kept, actor=staff["manager"])
    process.case_unmerge(duplicate=Case.objects.get(pk=duplicate.pk), actor=staff["manager"])
    duplicate.refresh_from_db()
    assert duplicate.status == Case.Status.RECEIVED and duplicate.process_id is None
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert services.cases_unstarted_ids() == [duplicate.pk]
        assert process.case_process_start(case_id=duplicate.pk) is True


@pytest.mark.django_db
def test_merging_a_case_whose_process_started_since_it_was_loaded_stops_that_process(
    staff, category, priority, django_capture_on_commit_callbacks
):
    """The merge page loaded the case before the clock started its process: the merge
    decides from the locked row, so the process stops with the case (and can be taken up
    again)."""
    with django_capture_on_commit_callbacks(execute=True):
        kept = make_case(category)
    with django_capture_on_commit_callbacks(execute=False):
        stale = make_case(category, defer_start=True)
    assert stale.process_id is None
    with django_capture_on_commit_callbacks(execute=True):
        assert process.case_process_start(case_id=stale.pk) is True
    started = Case.objects.get(pk=stale.pk)
    assert started.process.task_set.filter(finished__isnull=True).exists()
    process.case_merge(duplicate=stale, into=kept, actor=staff["manager"])
    merged = Case.objects.get(pk=stale.pk)
    assert merged.merged_into == kept and merged.status == Case.Status.CLOSED
    assert merged.process.status == STATUS.CANCELED
    assert not merged.process.task_set.exclude(status__in=[STATUS.DONE, STATUS.CANCELED]).exists()
    assert merged.events.get(kind=CaseEvent.Kind.MERGED).data["stopped_tasks"]
    # Undone, the process takes up the step it was stopped at.
    process.case_unmerge(duplicate=merged, actor=staff["manager"])
    merged.refresh_from_db()
    assert merged.merged_into is None and merged.process.status != STATUS.CANCELED
    assert merged.process.task_set.filter(finished__isnull=True, flow_task_type="HUMAN").exists()


def test_an_action_that_finds_the_case_busy_is_told_so_and_changes_nothing(
    run, client, staff, category, priority, monkeypatch
):
    """Another action holding the case's process lock past Viewflow's retries: a translated
    409 page (try again), not a server error; nothing merged."""
    from viewflow.workflow.exceptions import FlowLockFailed

    kept = run.submit(category, email="a@example.org")
    duplicate = run.submit(category, email="a@example.org")

    def locked(**kwargs):
        raise FlowLockFailed("Lock failed")

    monkeypatch.setattr(process, "case_merge", locked)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "el"
    busy = _merge(run, staff["supervisor"], duplicate, kept)
    assert busy.status_code == 409
    assert busy["Retry-After"] == "2"
    assert "Κάποιος άλλος αλλάζει αυτή την υπόθεση" in busy.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.status != Case.Status.CLOSED
