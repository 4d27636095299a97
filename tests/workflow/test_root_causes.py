"""The root-cause taxonomy (ISO 10002 4.13, 8.2): editors keep it in the CMS, the
investigation classifies the root cause beside the free text, the case and its history
record it; and the sweep runs the periodic jobs other apps register."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from workflow import timers
from workflow.models import Case, CaseEvent, RootCause
from workflow.selectors import case_public_status_of
from workflow.tasks import sweep_task


def _task(case, name):
    return case.process.task_set.get(
        flow_task=f"workflow/flows.ComplaintFlow.{name}", finished__isnull=True
    )


def _url(case, name, action="execute"):
    return reverse(f"cases:complaint:{name}:{action}", args=[case.process_id, _task(case, name).pk])


def _investigating(run, staff, category, priority):
    case = run.submit(category)
    run(staff["intake"], _url(case, "assess", "assign"))
    assessed = run(
        staff["intake"],
        _url(case, "assess"),
        {
            "category": category.pk,
            "priority": priority.pk,
            "severity": "medium",
            "handler": staff["handler"].pk,
        },
    )
    assert assessed.status_code == 302
    case.refresh_from_db()
    return case


@pytest.fixture
def causes(db):
    process = RootCause.objects.create(code="process", name="Process", name_ar="الإجراءات")
    billing = RootCause.objects.create(
        code="billing-retry", name="Payment retried twice", parent=process
    )
    old = RootCause.objects.create(code="old", name="Old cause", is_active=False)
    return {"process": process, "billing": billing, "old": old}


@pytest.mark.iso("4.13")
@pytest.mark.iso("8.2")
@pytest.mark.django_db
def test_the_investigation_records_the_root_cause_class_on_the_case_and_in_its_history(
    run, client, staff, category, priority, causes
):
    case = _investigating(run, staff, category, priority)
    client.force_login(staff["handler"])
    page = client.get(_url(case, "investigate")).content.decode()
    # Active causes are offered under their group; an inactive one is not.
    assert "Process › Payment retried twice" in page
    assert "Old cause" not in page

    done = run(
        staff["handler"],
        _url(case, "investigate"),
        {
            "findings": "The provider retried a timed-out charge.",
            "cause": causes["billing"].pk,
            "root_cause": "Timeout too short.",
        },
    )
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.cause == causes["billing"]
    assert case.root_cause == "Timeout too short."
    event = case.events.get(kind=CaseEvent.Kind.INVESTIGATED)
    assert event.data == {
        "cause": {
            "id": causes["billing"].pk,
            "code": "billing-retry",
            "name": "Process › Payment retried twice",
        }
    }
    assert event.actor == staff["handler"]
    # The staff case page shows the class and the words.
    client.force_login(staff["handler"])
    shown = client.get(reverse("case_detail", args=[case.reference])).content.decode()
    assert "Process › Payment retried twice" in shown and "Timeout too short." in shown
    # The complainant's tracking page never shows it.
    status = case_public_status_of(case)
    assert all("Payment retried" not in event.text for event in status.timeline)


@pytest.mark.iso("4.13")
@pytest.mark.django_db
def test_once_causes_exist_the_class_is_required_and_inactive_ones_are_refused(
    run, staff, category, priority, causes
):
    case = _investigating(run, staff, category, priority)
    missing = run(staff["handler"], _url(case, "investigate"), {"findings": "Seen."})
    assert missing.status_code == 200
    assert "Choose the class of the root cause." in missing.content.decode()
    inactive = run(
        staff["handler"],
        _url(case, "investigate"),
        {"findings": "Seen.", "cause": causes["old"].pk},
    )
    assert inactive.status_code == 200
    assert "Select a valid choice" in inactive.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.INVESTIGATION and case.cause is None
    assert not case.events.filter(kind=CaseEvent.Kind.INVESTIGATED).exists()
    # A cause under an inactive group is not offered either.
    causes["process"].is_active = False
    causes["process"].save()
    under_inactive = run(
        staff["handler"],
        _url(case, "investigate"),
        {"findings": "Seen.", "cause": causes["billing"].pk},
    )
    assert under_inactive.status_code == 200
    assert "Select a valid choice" in under_inactive.content.decode()


@pytest.mark.django_db
def test_without_any_active_cause_the_step_works_as_before(run, staff, category, priority):
    RootCause.objects.create(code="retired", name="Retired", is_active=False)
    case = _investigating(run, staff, category, priority)
    done = run(staff["handler"], _url(case, "investigate"), {"findings": "Seen."})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.cause is None and case.status == Case.Status.RESPONSE
    assert case.events.get(kind=CaseEvent.Kind.INVESTIGATED).data == {}


@pytest.mark.django_db
def test_the_taxonomy_has_two_levels(causes):
    grandchild = RootCause(code="deeper", name="Deeper", parent=causes["billing"])
    with pytest.raises(ValidationError) as raised:
        grandchild.full_clean()
    assert "parent" in raised.value.message_dict
    # A top-level cause with causes under it cannot itself move under another.
    other = RootCause.objects.create(code="people", name="People")
    causes["process"].parent = other
    with pytest.raises(ValidationError):
        causes["process"].full_clean()
    RootCause(code="fine", name="Fine", parent=other).full_clean()


@pytest.mark.iso("4.13")
@pytest.mark.django_db
def test_complaints_managers_edit_the_taxonomy_in_the_cms_and_a_cause_in_use_is_kept(
    client, staff, category, causes
):
    from ..factories import CaseFactory

    CaseFactory(category=category, cause=causes["billing"])
    listing = reverse("wagtailsnippets_workflow_rootcause:list")
    client.force_login(staff["handler"])
    assert client.get(listing).status_code in (302, 403)
    client.force_login(staff["manager"])
    assert client.get(listing).status_code == 200
    added = client.post(
        reverse("wagtailsnippets_workflow_rootcause:add"),
        {
            "name_en": "Staff training",
            "name_ar": "تدريب الموظفين",
            "name_el": "",
            "name_it": "",
            "name_tr": "",
            "description_en": "Staff did not know the rule.",
            "code": "training",
            "parent": causes["process"].pk,
            "is_active": "on",
            "order": 0,
        },
    )
    assert added.status_code == 302
    training = RootCause.objects.get(code="training")
    assert training.parent == causes["process"] and training.name_ar == "تدريب الموظفين"
    # Deleting a cause that classifies a case is refused with a message, not an error.
    delete = reverse("wagtailsnippets_workflow_rootcause:delete", args=[causes["billing"].pk])
    refused = client.post(delete, follow=True)
    assert refused.status_code == 200
    assert "make it inactive instead" in refused.content.decode()
    assert RootCause.objects.filter(pk=causes["billing"].pk).exists()
    # An unused one is deleted.
    client.post(reverse("wagtailsnippets_workflow_rootcause:delete", args=[training.pk]))
    assert not RootCause.objects.filter(pk=training.pk).exists()


@pytest.mark.django_db
def test_the_sweep_runs_every_registered_periodic_job_and_one_failing_stops_no_other():
    calls = []

    def broken(*, now):
        raise RuntimeError("down")

    def counting(*, now):
        calls.append(now)
        return 3

    saved = timers.periodic_jobs()
    try:
        timers.periodic_register("test.broken", broken)
        timers.periodic_register("test.counting", counting)
        result = sweep_task.call()["periodic"]
    finally:
        timers._PERIODIC.clear()
        timers._PERIODIC.update(saved)
    assert result["test.broken"] == -1
    assert result["test.counting"] == 3
    assert len(calls) == 1


@pytest.mark.django_db
def test_the_choices_list_each_group_followed_by_its_causes(causes):
    from workflow.forms import InvestigateForm

    people = RootCause.objects.create(code="people", name="People", order=1)
    RootCause.objects.create(code="training", name="Training", parent=people)
    RootCause.objects.create(code="attitude", name="Attitude", parent=people, order=0)
    RootCause.objects.create(code="paperwork", name="Paperwork", parent=causes["process"])
    offered = [str(cause) for cause in InvestigateForm().fields["cause"].queryset]
    assert offered == [
        "Process",
        "Process › Payment retried twice",
        "Process › Paperwork",
        "People",
        "People › Attitude",
        "People › Training",
    ]
