"""Corrective and preventive actions (ISO 10002 8.7, 4.13, 8.2), over HTTP as each role:
opened from cases (linked both ways, in the cases' history) or from an analysis; the log;
the reminder before the due date and the escalation when overdue, each exactly once; the
effectiveness check with the recurrence of the root cause; permissions (403)."""

from datetime import UTC, date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from improvement.models import ActionLogEntry, CorrectiveAction
from improvement.services import actions as services
from workflow import roles
from workflow.models import Case, CaseEvent, OutboxMessage, RootCause
from workflow.tasks import sweep_task

from ..factories import CaseFactory, UserFactory

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def people(staff):
    return {
        **staff,
        "top": UserFactory(username="top", role=roles.TOP_MANAGEMENT),
        "manager2": UserFactory(username="manager2", role=roles.COMPLAINTS_MANAGER),
    }


@pytest.fixture
def causes(db):
    process = RootCause.objects.create(code="process", name="Process")
    retry = RootCause.objects.create(code="retry", name="Payment retried", parent=process)
    other = RootCause.objects.create(code="other", name="Other")
    return {"process": process, "retry": retry, "other": other}


def _emails(template):
    return list(
        OutboxMessage.objects.filter(
            channel=OutboxMessage.Channel.EMAIL, payload__template=template
        ).order_by("pk")
    )


def _form(**values):
    data = {
        "kind": "corrective",
        "title": "Fix the payment retry",
        "description": "The provider retries a timed-out charge: raise the timeout.",
        "root_cause": "",
        "owner": "",
        "due_on": "2026-03-31",
        "check_after_days": "90",
        "cases": "",
    }
    data.update({key: str(value) for key, value in values.items()})
    return data


def _action(people, *, owner=None, cases=(), due_on=date(2026, 3, 31), cause=None, **extra):
    return services.action_open(
        actor=people["manager"],
        kind="corrective",
        title=extra.pop("title", "Fix the payment retry"),
        description="Raise the timeout.",
        owner=owner or people["supervisor"],
        due_on=due_on,
        root_cause=cause,
        cases=cases,
        **extra,
    )


@pytest.mark.iso("8.7")
@pytest.mark.iso("4.13")
@pytest.mark.django_db
def test_an_action_opened_from_a_case_page_for_two_cases_is_linked_both_ways(
    run, client, people, category, causes
):
    with time_machine.travel(START, tick=False):
        first = CaseFactory(category=category, cause=causes["retry"])
        second = CaseFactory(category=category, cause=causes["retry"])
        client.force_login(people["manager"])
        page = client.get(reverse("case_detail", args=[first.reference])).content.decode()
        create = reverse("improvement:action_create") + f"?case={first.reference}"
        assert f'href="{create}"' in page
        # The form comes with the case and its root cause preselected.
        form = client.get(create)
        assert form.status_code == 200
        assert form.context["form"].initial["cases"] == first.reference
        assert form.context["form"].initial["root_cause"] == causes["retry"].pk

        opened = run(
            people["manager"],
            reverse("improvement:action_create"),
            _form(
                root_cause=causes["retry"].pk,
                owner=people["supervisor"].pk,
                cases=f"{first.reference}\n{second.reference.lower()}",
            ),
        )
    assert opened.status_code == 302
    action = CorrectiveAction.objects.get()
    assert opened["Location"] == reverse("improvement:action_detail", args=[action.pk])
    assert set(action.cases.all()) == {first, second}
    assert action.status == CorrectiveAction.Status.OPEN
    assert action.opened_by == people["manager"] and action.owner == people["supervisor"]
    assert action.due_on == date(2026, 3, 31) and action.check_after_days == 90
    # Each case's history links to the action (internal only).
    for case in (first, second):
        event = case.events.get(kind=CaseEvent.Kind.ACTION)
        assert event.is_public is False and event.actor == people["manager"]
        assert event.data["url"] == f"/staff/improvement/actions/{action.pk}/"
        assert event.data["change"] == "linked"
    client.force_login(people["manager"])
    case_page = client.get(reverse("case_detail", args=[first.reference])).content.decode()
    assert f'href="/staff/improvement/actions/{action.pk}/"' in case_page
    assert "this case is linked to it" in case_page
    # The action lists its cases.
    detail = client.get(reverse("improvement:action_detail", args=[action.pk])).content.decode()
    assert first.reference in detail and second.reference in detail
    # The owner is told the action is theirs.
    [assigned] = _emails("action_assigned")
    assert assigned.payload["to"] == ["supervisor@example.org"]
    assert assigned.payload["subject"] == f"Action CA-{action.pk} is yours"
    assert f"/staff/improvement/actions/{action.pk}/" in assigned.payload["body"]
    assert assigned.case_id is None
    assert list(action.log.values_list("kind", flat=True)) == [ActionLogEntry.Kind.OPENED]


@pytest.mark.iso("8.7")
@pytest.mark.django_db
def test_an_action_from_an_analysis_has_no_case(client, people, causes):
    client.force_login(people["manager"])
    form = client.get(reverse("improvement:action_create") + f"?cause={causes['other'].pk}")
    assert form.context["form"].initial["root_cause"] == causes["other"].pk
    # Nonsense in the address is ignored, never an error.
    for junk in ("?cause=abc", "?cause=99999999999999999999", "?case=nope&case=CMP-0000-0000"):
        ignored = client.get(reverse("improvement:action_create") + junk)
        assert ignored.status_code == 200
        assert "root_cause" not in ignored.context["form"].initial
        assert ignored.context["form"].initial["cases"] == ""
    listing = reverse("improvement:action_list")
    assert client.get(listing, {"owner": "99999999999999999999"}).status_code == 400
    with time_machine.travel(START, tick=False):
        opened = client.post(
            reverse("improvement:action_create"),
            _form(kind="preventive", root_cause=causes["other"].pk, owner=people["manager"].pk),
        )
    assert opened.status_code == 302
    action = CorrectiveAction.objects.get()
    assert action.kind == "preventive" and action.cases.count() == 0
    # Owned by the one who opened it: nobody is emailed.
    assert _emails("action_assigned") == []


@pytest.mark.iso("8.7")
@pytest.mark.django_db
def test_bad_input_gives_form_errors_and_opens_nothing(client, people, category, causes):
    hidden = CaseFactory(category=category)  # the supervisor's team sees it
    # Past assessment (intake officers and supervisors see the cases awaiting it).
    other = CaseFactory(category__team=people["other_team"], status=Case.Status.INVESTIGATION)
    client.force_login(people["supervisor"])
    url = reverse("improvement:action_create")
    with time_machine.travel(START, tick=False):
        past = client.post(url, _form(owner=people["supervisor"].pk, due_on="2026-03-01"))
        assert past.status_code == 400
        assert "The due date cannot be in the past." in past.content.decode()
        unknown = client.post(
            url,
            _form(owner=people["supervisor"].pk, cases=f"{hidden.reference} CMP-ZZZZ-ZZZZ nope"),
        )
        assert unknown.status_code == 400
        assert (
            "No case you can see has the tracking number CMP-ZZZZ-ZZZZ, nope"
            in unknown.content.decode()
        )
        # A case of another team is not the supervisor's to link.
        elsewhere = client.post(url, _form(owner=people["supervisor"].pk, cases=other.reference))
        assert elsewhere.status_code == 400
        assert other.reference in elsewhere.context["form"].errors["cases"][0]
        # A handler cannot own an action (they could not record what was done).
        handler_owner = client.post(url, _form(owner=people["handler"].pk))
        assert handler_owner.status_code == 400 and "owner" in handler_owner.context["form"].errors
        empty = client.post(url, _form(title="", owner=people["supervisor"].pk, due_on="x"))
        assert empty.status_code == 400
        assert set(empty.context["form"].errors) == {"title", "due_on"}
        too_long = client.post(url, _form(owner=people["supervisor"].pk, check_after_days=0))
        assert "check_after_days" in too_long.context["form"].errors
    assert CorrectiveAction.objects.count() == 0


@pytest.mark.iso("8.7")
@pytest.mark.django_db
def test_permissions_over_http(client, people, category):
    team_case = CaseFactory(category=category)
    other_case = CaseFactory(category__team=people["other_team"])
    with time_machine.travel(START, tick=False):
        ours = _action(people, owner=people["manager"], cases=[team_case], title="Ours")
        theirs = _action(people, owner=people["manager"], cases=[other_case], title="Theirs")
        owned = _action(people, owner=people["supervisor"], title="Owned")
    detail = lambda action: reverse("improvement:action_detail", args=[action.pk])  # noqa: E731
    edit = lambda action: reverse("improvement:action_update", args=[action.pk])  # noqa: E731
    log = lambda action: reverse("improvement:action_log_add", args=[action.pk])  # noqa: E731
    listing = reverse("improvement:action_list")
    create = reverse("improvement:action_create")

    client.logout()
    assert client.get(listing).status_code == 302  # to the sign-in page

    for name in ("handler", "intake", "outsider"):
        client.force_login(people[name])
        assert client.get(listing).status_code == 403
        assert client.get(create).status_code == 403
        assert client.get(detail(ours)).status_code == 403
        assert client.post(log(ours), {"done_on": "2026-03-02", "text": "x"}).status_code == 403
        # The case page names the action in its history, without the link, nor the link
        # to open one.
        assert "/staff/improvement/actions/" not in client.get(reverse("my_work")).content.decode()
        if name == "handler":
            page = client.get(reverse("case_detail", args=[team_case.reference]))
            assert "Ours – this case is linked to it" in page.content.decode()
            assert 'href="/staff/improvement/actions' not in page.content.decode()

    # Auditors and top management read every action, change none.
    for name in ("auditor", "top"):
        client.force_login(people[name])
        assert client.get(listing).status_code == 200
        assert {a.pk for a in client.get(listing).context["actions"]} == {
            ours.pk,
            theirs.pk,
            owned.pk,
        }
        assert client.get(detail(theirs)).status_code == 200
        assert client.get(create).status_code == 403
        assert client.get(edit(ours)).status_code == 403
        assert client.post(log(ours), {"done_on": "2026-03-02", "text": "x"}).status_code == 403

    # A supervisor: the actions of their team's cases and their own, not the others.
    client.force_login(people["supervisor"])
    assert {a.pk for a in client.get(listing).context["actions"]} == {ours.pk, owned.pk}
    assert client.get(detail(theirs)).status_code == 403
    assert client.get(edit(theirs)).status_code == 403
    assert client.get(edit(ours)).status_code == 200
    assert client.get(create).status_code == 200
    with time_machine.travel(START, tick=False):
        assert (
            client.post(log(ours), {"done_on": "2026-03-02", "text": "Spoke to IT."}).status_code
            == 302
        )
    assert ours.log.filter(kind=ActionLogEntry.Kind.PROGRESS, author=people["supervisor"]).exists()

    client.force_login(people["manager"])
    home = client.get(reverse("my_work")).content.decode()
    assert f'href="{listing}">Corrective and preventive actions</a>' in home
    assert client.get(detail(theirs)).status_code == 200
    assert client.get(edit(theirs)).status_code == 200


@pytest.mark.iso("8.7")
@pytest.mark.django_db
def test_the_log_records_who_did_what_on_which_day(client, people):
    with time_machine.travel(START, tick=False):
        action = _action(people)
        client.force_login(people["supervisor"])
        url = reverse("improvement:action_log_add", args=[action.pk])
        future = client.post(url, {"done_on": "2026-03-03", "text": "Tomorrow."})
        assert future.status_code == 400
        assert "cannot be in the future" in future.content.decode()
        blank = client.post(url, {"done_on": "2026-03-01", "text": "  "})
        assert blank.status_code == 400
        done = client.post(url, {"done_on": "2026-02-27", "text": "Raised the timeout to 60 s."})
        assert done.status_code == 302
        page = client.get(reverse("improvement:action_detail", args=[action.pk])).content.decode()
    entry = action.log.get(kind=ActionLogEntry.Kind.PROGRESS)
    assert entry.done_on == date(2026, 2, 27)
    assert entry.author == people["supervisor"] and entry.text == "Raised the timeout to 60 s."
    action.refresh_from_db()
    # The first step taken puts an open action in progress.
    assert action.status == CorrectiveAction.Status.IN_PROGRESS
    assert "Raised the timeout to 60 s." in page


@pytest.mark.iso("8.7")
@pytest.mark.django_db
def test_reminder_before_the_due_date_and_escalation_when_overdue_each_exactly_once(people):
    with time_machine.travel(START, tick=False):
        action = _action(people, due_on=date(2026, 3, 20))
    assert services.reminder_days() == 7

    def sweep():
        return sweep_task.call()["periodic"]["improvement.actions_deadlines"]

    with time_machine.travel(datetime(2026, 3, 12, 23, 0, tzinfo=UTC), tick=False):
        assert sweep() == 0  # eight days before: nothing yet
    with time_machine.travel(datetime(2026, 3, 13, 9, 0, tzinfo=UTC), tick=False):
        assert sweep() == 1
        assert sweep() == 0
    [reminder] = _emails("action_reminder")
    assert reminder.payload["to"] == ["supervisor@example.org"]
    assert reminder.payload["subject"] == f"Reminder: action CA-{action.pk} is due soon"
    with time_machine.travel(datetime(2026, 3, 20, 22, 0, tzinfo=UTC), tick=False):
        assert sweep() == 0  # due today: not overdue yet
    with time_machine.travel(datetime(2026, 3, 21, 9, 0, tzinfo=UTC), tick=False):
        assert sweep() == 1
        assert sweep() == 0
    overdue = _emails("action_overdue")
    # Every complaints manager, each in one email.
    assert sorted(row.payload["to"][0] for row in overdue) == [
        "manager2@example.org",
        "manager@example.org",
    ]
    assert overdue[0].payload["subject"] == f"Action CA-{action.pk} is overdue"
    with time_machine.travel(datetime(2026, 4, 30, 9, 0, tzinfo=UTC), tick=False):
        assert sweep() == 0
    assert list(
        action.log.filter(kind__in=["reminded", "escalated"]).values_list("kind", flat=True)
    ) == ["reminded", "escalated"]
    assert len(_emails("action_reminder")) == 1 and len(_emails("action_overdue")) == 2


@pytest.mark.iso("8.7")
@pytest.mark.django_db
def test_escalation_goes_to_every_complaints_manager_and_a_new_due_date_starts_afresh(
    client, people
):
    with time_machine.travel(START, tick=False):
        action = _action(people, due_on=date(2026, 3, 5))
    with time_machine.travel(datetime(2026, 3, 6, 9, 0, tzinfo=UTC), tick=False):
        # Reminded and escalated at once: it was due within the week and is now past.
        assert services.actions_deadlines_check() == 1
    assert sorted(m.payload["to"][0] for m in _emails("action_overdue")) == [
        "manager2@example.org",
        "manager@example.org",
    ]
    assert _emails("action_reminder") == []
    # The owner moves the due date: reminded and escalated again for the new one, once.
    with time_machine.travel(datetime(2026, 3, 6, 10, 0, tzinfo=UTC), tick=False):
        client.force_login(people["supervisor"])
        moved = client.post(
            reverse("improvement:action_update", args=[action.pk]),
            {
                **_form(owner=people["supervisor"].pk, due_on="2026-03-10"),
                "status": "in_progress",
                "note": "The supplier needs until the 10th.",
            },
        )
        assert moved.status_code == 302
        assert services.actions_deadlines_check() == 1
        assert services.actions_deadlines_check() == 0
    assert len(_emails("action_reminder")) == 1
    with time_machine.travel(datetime(2026, 3, 11, 9, 0, tzinfo=UTC), tick=False):
        assert services.actions_deadlines_check() == 1
    assert len(_emails("action_overdue")) == 4  # two managers, twice
    action.refresh_from_db()
    # Done actions are neither reminded nor escalated.
    with time_machine.travel(datetime(2026, 3, 11, 10, 0, tzinfo=UTC), tick=False):
        done = _action(people, due_on=date(2026, 3, 12), title="Done early")
        services.action_update(
            action=done,
            actor=people["supervisor"],
            kind="corrective",
            title=done.title,
            description=done.description,
            owner=done.owner,
            due_on=done.due_on,
            status="done",
            cases=[],
        )
        assert services.actions_deadlines_check() == 0


@pytest.mark.iso("8.7")
@pytest.mark.iso("8.2")
@pytest.mark.django_db
def test_the_effectiveness_check_counts_recurrence_of_the_cause_before_and_after_completion(
    run, client, people, category, causes
):
    completed = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)

    def case(days, cause="retry", **fields):
        return CaseFactory(
            category=category,
            cause=causes[cause] if cause else None,
            received_at=completed + timedelta(days=days),
            **fields,
        )

    linked = [case(-10), case(-3)]
    case(-60, cause="process")  # the group itself
    case(-89)
    case(-91)  # before the window
    case(5)
    case(-2, cause="other")  # another cause
    case(-2, cause=None)  # not classified
    case(-2, kind=Case.Kind.SUGGESTION)  # not a complaint
    case(-2, merged_into=linked[0])  # a duplicate, counted once through its case
    case(91)  # after the window
    with time_machine.travel(START, tick=False):
        action = _action(people, cases=linked, cause=causes["process"], due_on=date(2026, 6, 30))
    with time_machine.travel(completed, tick=False):
        client.force_login(people["supervisor"])
        done = client.post(
            reverse("improvement:action_update", args=[action.pk]),
            {
                **_form(
                    owner=people["supervisor"].pk,
                    root_cause=causes["process"].pk,
                    due_on="2026-06-30",
                    cases="\n".join(c.reference for c in linked),
                ),
                "status": "done",
            },
        )
        assert done.status_code == 302
    action.refresh_from_db()
    assert action.completed_at == completed
    assert action.check_due_at == datetime(2026, 8, 30, 12, 0, tzinfo=UTC)
    url = reverse("improvement:action_check", args=[action.pk])
    with time_machine.travel(datetime(2026, 8, 29, 12, 0, tzinfo=UTC), tick=False):
        client.force_login(people["supervisor"])
        early = client.post(url, {"effective": "yes", "note": "Looks good."})
        assert early.status_code == 400
        assert "The effectiveness check is due on 2026-08-30 12:00" in early.content.decode()
        assert services.actions_deadlines_check() == 0
    with time_machine.travel(datetime(2026, 8, 30, 11, 59, tzinfo=UTC), tick=False):
        assert services.actions_deadlines_check() == 0
    with time_machine.travel(datetime(2026, 8, 30, 12, 0, tzinfo=UTC), tick=False):
        assert services.actions_deadlines_check() == 1  # the owner is told the check is due
        assert services.actions_deadlines_check() == 0
        client.force_login(people["supervisor"])
        page = client.get(reverse("improvement:action_detail", args=[action.pk]))
        recurrence = page.context["recurrence"]
        assert (recurrence.before, recurrence.after, recurrence.complete) == (4, 1, True)
        assert page.context["check_due"] is True
        assert "Record the check" in page.content.decode()
        missing = client.post(url, {"effective": "yes", "note": ""})
        assert missing.status_code == 400 and "note" in missing.context["check_form"].errors
        checked = client.post(url, {"effective": "yes", "note": "From 4 to 1 in 90 days."})
        assert checked.status_code == 302
    [check_due] = _emails("action_check_due")
    assert check_due.payload["to"] == ["supervisor@example.org"]
    action.refresh_from_db()
    assert action.status == CorrectiveAction.Status.EFFECTIVE
    assert (action.recurrence_before, action.recurrence_after) == (4, 1)
    assert action.checked_by == people["supervisor"]
    for linked_case in linked:
        assert list(
            linked_case.events.filter(kind=CaseEvent.Kind.ACTION).values_list(
                "data__change", flat=True
            )
        ) == ["linked", "checked"]
    # A checked action changes no more; later cases do not alter the frozen figures.
    case(10)
    client.force_login(people["supervisor"])
    assert client.post(url, {"effective": "no", "note": "Again."}).status_code == 400
    page = client.get(reverse("improvement:action_detail", args=[action.pk])).content.decode()
    assert "From 4 to 1 in 90 days." in page
    assert client.get(reverse("improvement:action_update", args=[action.pk])).status_code == 302


@pytest.mark.iso("8.7")
@pytest.mark.django_db
def test_status_changes_follow_the_rules_and_unlinking_is_recorded_in_the_case(
    client, people, category
):
    first, second = CaseFactory(category=category), CaseFactory(category=category)
    with time_machine.travel(START, tick=False):
        action = _action(people, cases=[first, second])
        client.force_login(people["manager"])
        url = reverse("improvement:action_update", args=[action.pk])
        base = _form(owner=people["supervisor"].pk, cases=first.reference)
        # The check's results are not a status one picks.
        bad = client.post(url, {**base, "status": "effective"})
        assert bad.status_code == 400 and "status" in bad.context["form"].errors
        no_reason = client.post(url, {**base, "status": "cancelled"})
        assert no_reason.status_code == 400
        assert "Say why the action is cancelled." in no_reason.content.decode()
        unlinked = client.post(url, {**base, "status": "open", "note": ""})
        assert unlinked.status_code == 302
        cancelled = client.post(
            url, {**base, "status": "cancelled", "note": "Replaced by a supplier change."}
        )
        assert cancelled.status_code == 302
    assert list(action.cases.all()) == [first]
    assert list(
        second.events.filter(kind=CaseEvent.Kind.ACTION).values_list("data__change", flat=True)
    ) == ["linked", "unlinked"]
    action.refresh_from_db()
    assert action.status == CorrectiveAction.Status.CANCELLED
    status_entry = action.log.get(kind=ActionLogEntry.Kind.STATUS)
    assert status_entry.data == {"from": "open", "to": "cancelled"}
    assert status_entry.text == "Replaced by a supplier change."
    assert action.log.get(kind=ActionLogEntry.Kind.CASES).data == {
        "added": [],
        "removed": [second.reference],
    }


@pytest.mark.iso("8.7")
@pytest.mark.django_db
def test_the_list_filters_by_status_owner_and_overdue_in_few_queries(
    client, people, django_assert_max_num_queries, category
):
    with time_machine.travel(START, tick=False):
        for number in range(6):
            _action(
                people,
                owner=people["supervisor"] if number % 2 else people["manager"],
                due_on=date(2026, 3, 3 + number),
                cases=[CaseFactory(category=category)],
                title=f"Action {number}",
            )
    listing = reverse("improvement:action_list")
    client.force_login(people["manager"])
    with time_machine.travel(datetime(2026, 3, 6, 9, 0, tzinfo=UTC), tick=False):
        with django_assert_max_num_queries(12):
            everything = client.get(listing)
        assert [a.title for a in everything.context["actions"]] == [f"Action {n}" for n in range(6)]
        overdue = client.get(listing, {"overdue": "on"})
        assert [a.title for a in overdue.context["actions"]] == ["Action 0", "Action 1", "Action 2"]
        mine = client.get(listing, {"owner": people["supervisor"].pk})
        assert [a.title for a in mine.context["actions"]] == ["Action 1", "Action 3", "Action 5"]
        assert all(a.case_count == 1 for a in mine.context["actions"])
        none_open = client.get(listing, {"status": "done"})
        assert list(none_open.context["actions"]) == []
        wrong = client.get(listing, {"status": "nonsense"})
        assert wrong.status_code == 400
        # An action's page: the same number of queries with one case or many.
        action = CorrectiveAction.objects.get(title="Action 0")
        page = reverse("improvement:action_detail", args=[action.pk])
        with django_assert_max_num_queries(10):
            assert client.get(page).status_code == 200
        action.cases.add(*[CaseFactory(category=category) for _ in range(8)])
        with django_assert_max_num_queries(10):
            assert client.get(page).status_code == 200


@pytest.mark.django_db
def test_notices_reach_each_person_in_their_language(people):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(people["supervisor"])
    profile.preferred_language = "ar"
    profile.save()
    with time_machine.travel(START, tick=False):
        action = _action(people, due_on=date(2026, 3, 4))
    [assigned] = _emails("action_assigned")
    assert assigned.payload["subject"] == f"الإجراء CA-{action.pk} مسند إليك"
    assert 'dir="rtl"' in assigned.payload["html"]
    assert timezone.localdate() is not None


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Corrective and preventive actions"),
        ("ar", "الإجراءات التصحيحية والوقائية"),
        ("el", "Διορθωτικές και προληπτικές ενέργειες"),
        ("it", "Azioni correttive e preventive"),
        ("tr", "Düzeltici ve önleyici eylemler"),
    ],
)
@pytest.mark.django_db
def test_every_page_in_every_language_and_right_to_left_in_arabic(
    client, people, category, causes, language, heading
):
    from django.conf import settings

    completed = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    linked = CaseFactory(
        category=category, cause=causes["retry"], received_at=completed - timedelta(days=10)
    )
    with time_machine.travel(START, tick=False):
        action = _action(people, cases=[linked], cause=causes["retry"], due_on=date(2026, 6, 1))
        services.action_log_add(action=action, actor=people["supervisor"], text="Step one.")
    with time_machine.travel(completed, tick=False):
        services.action_update(
            action=action,
            actor=people["supervisor"],
            kind="corrective",
            title=action.title,
            description=action.description,
            owner=action.owner,
            due_on=action.due_on,
            status="done",
            root_cause=causes["retry"],
            cases=[linked],
        )
    with time_machine.travel(completed + timedelta(days=91), tick=False):
        client.force_login(people["manager"])
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        pages = [
            reverse("improvement:action_list"),
            reverse("improvement:action_detail", args=[action.pk]),
            reverse("improvement:action_update", args=[action.pk]),
            reverse("improvement:action_create") + f"?case={linked.reference}",
            reverse("case_detail", args=[linked.reference]),
        ]
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert f'lang="{language}"' in html
            assert ('dir="rtl"' in html) is (language == "ar")
        listing = client.get(pages[0]).content.decode()
        assert heading in listing
        # The recurrence table is there, in the language, with its figures.
        detail = client.get(pages[1])
        assert detail.context["recurrence"].before == 1
        assert detail.context["recurrence"].after == 0
