import uuid

from django.core.exceptions import ValidationError

import pytest

from workflow import services
from workflow.models import Case, CaseEvent, OutboxMessage
from workflow.selectors import case_public_status_get, cases_visible_to


def _submit(category, **overrides):
    fields = {
        "kind": "complaint",
        "category": category,
        "description": "The lift at the station has been broken for a month.",
        "language": "it",
        "consent": True,
        "email": "giulia@example.it",
    }
    fields.update(overrides)
    return services.complaint_submit(**fields)


@pytest.mark.django_db
def test_submit_records_case_complainant_history_and_outbox(category, priority):
    submission = _submit(category, phone="+39 333 123 4567")
    case = submission.case
    assert case.team == category.team and case.status == Case.Status.ASSESSMENT
    assert case.complainant.email == "giulia@example.it"
    assert case.process is not None
    assert list(case.events.values_list("kind", flat=True)) == [
        CaseEvent.Kind.RECEIVED,
        CaseEvent.Kind.ACKNOWLEDGED,
        CaseEvent.Kind.NOTIFIED,
    ]
    channels = sorted(case.outbox.values_list("channel", flat=True))
    assert channels == ["email", "search", "sms"]
    assert case_public_status_get(reference=case.reference, second_factor=submission.access_code)


@pytest.mark.django_db
def test_the_same_submission_key_makes_one_case(category, priority):
    key = uuid.uuid4()
    first = _submit(category, submission_key=key)
    second = _submit(category, submission_key=key)
    assert first.case.pk == second.case.pk
    assert first.access_code == second.access_code
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_consent_and_description_are_required(category, priority):
    with pytest.raises(ValidationError):
        _submit(category, consent=False)
    with pytest.raises(ValidationError):
        _submit(category, description="   ")
    assert Case.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db
def test_case_history_is_append_only(category, priority):
    event = _submit(category).case.events.first()
    event.note = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()


@pytest.mark.django_db
def test_public_status_needs_the_second_factor(category, priority):
    case = _submit(category, phone="+39 333 123 4567").case
    assert case_public_status_get(reference=case.reference, second_factor="GIULIA@example.it ")
    assert case_public_status_get(reference=case.reference, second_factor="0039 333 1234567")
    assert case_public_status_get(reference=case.reference, second_factor="") is None
    assert case_public_status_get(reference=case.reference, second_factor="4567") is None
    assert case_public_status_get(reference=case.reference, second_factor="x@example.it") is None
    assert case_public_status_get(reference="nonsense", second_factor="giulia@example.it") is None


@pytest.mark.django_db
def test_visibility_follows_roles_and_teams(staff, category, priority):
    case = _submit(category).case
    assert list(cases_visible_to(staff["manager"])) == [case]
    assert list(cases_visible_to(staff["auditor"])) == [case]
    # Intake officers see the cases waiting for assessment...
    assert list(cases_visible_to(staff["intake"])) == [case]
    # ...team members see their team's cases; other teams see nothing.
    assert list(cases_visible_to(staff["handler"])) == [case]
    assert list(cases_visible_to(staff["outsider"])) == []
    case.status = Case.Status.INVESTIGATION
    case.save()
    assert list(cases_visible_to(staff["intake"])) == []


@pytest.mark.django_db
def test_roles_sync_is_exact_for_case_roles_and_keeps_wagtail_editor_permissions():
    from django.contrib.auth.models import Group, Permission

    from workflow import roles

    roles.roles_sync()
    handlers = Group.objects.get(name=roles.HANDLER)
    handlers.permissions.add(Permission.objects.get(codename="view_all_cases"))
    editors = Group.objects.get(name=roles.EDITOR)
    wagtail_perms = set(editors.permissions.values_list("codename", flat=True))
    assert "add_image" in wagtail_perms  # given by Wagtail's own migrations
    roles.roles_sync()
    assert not handlers.permissions.filter(codename="view_all_cases").exists()
    assert set(editors.permissions.values_list("codename", flat=True)) == wagtail_perms
