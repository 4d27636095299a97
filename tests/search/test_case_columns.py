"""The search entry's copy of the case's columns (search.models.CASE_COLUMNS): equal to
the case's at every moment, whichever way the case changes, so that a word search, which
filters and counts the entries, counts exactly what a search without words does."""

import io
from datetime import timedelta

from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

import pytest

from search import conditions, documents
from search.backends.database import CASE_COLUMNS_TRIGGER, case_columns_trigger_drop_statements
from search.models import CASE_COLUMNS, CaseSearchEntry
from workflow.models import Case
from workflow.selectors import Visibility

from ..factories import CaseFactory, CategoryFactory, PriorityFactory, UserFactory
from .test_behaviour import facet, find, index

pytestmark = pytest.mark.parametrize("search_backend", ["database"], indirect=True)


def copied(case) -> bool:
    row = Case.objects.filter(pk=case.pk).values_list(*CASE_COLUMNS).get()
    return CaseSearchEntry.objects.filter(pk=case.pk).values_list(*CASE_COLUMNS).get() == row


def test_an_entry_follows_every_change_of_its_case_in_the_same_transaction(search_backend, staff):
    """Saved, updated in bulk, a key emptied: the entry holds the case's columns before the
    transaction ends, without the case being indexed again (the migration's trigger; on
    SQLite a later migration rebuilding the case table would drop it: this test fails)."""
    billing = CategoryFactory(code="billing", name="Billing", team=staff["team"])
    case = CaseFactory(category=billing, description="The meter reads wrong")
    index(search_backend, case)
    assert copied(case)
    assert find(search_backend, text="meter", filters={"status": ["received"]}).total == 1

    with transaction.atomic():
        case.status = Case.Status.INVESTIGATION
        case.team = staff["other_team"]
        case.handler = UserFactory(username="handler-two")
        case.priority = PriorityFactory(code="urgent", name="Urgent", rank=5, is_default=False)
        case.escalation_level = 2
        case.due_at = timezone.now() - timedelta(hours=1)
        case.save()
        assert copied(case)
        Case.objects.filter(pk=case.pk).update(
            status=Case.Status.RESPONSE, priority=None, due_at=None, channel="email"
        )
        assert copied(case)

    result = find(search_backend, text="meter", filters={"status": ["response"]})
    assert result.total == 1
    assert facet(result, "priority") == {"none": 1}
    assert facet(result, "channel") == {"email": 1}
    assert facet(result, "team") == {str(staff["other_team"].pk): 1}
    assert find(search_backend, text="meter", filters={"status": ["received"]}).total == 0
    # A handler of its first team no longer sees it.
    team = Visibility(team_ids=frozenset({staff["team"].pk}))
    assert find(search_backend, team, text="meter").total == 0


def test_a_case_changed_while_it_is_indexed_is_copied_as_changed(
    search_backend, staff, monkeypatch
):
    """Indexing reads the case's document, then writes its entry: a change in between (by
    another transaction, before the entry exists, so no trigger reaches it) is copied."""
    case = CaseFactory(description="The parcel came late")
    read = documents.documents_for

    def read_then_changed(case_ids):
        found = read(case_ids)
        Case.objects.filter(pk__in=case_ids).update(status=Case.Status.CLOSED)
        return found

    monkeypatch.setattr("search.backends.database.documents_for", read_then_changed)
    index(search_backend, case)
    assert copied(case)
    assert facet(find(search_backend, text="parcel"), "status") == {"closed": 1}


def test_a_lost_trigger_is_reported_and_search_rebuild_brings_it_back(search_backend, staff):
    """What a migration rebuilding the case table on SQLite would do: the health check
    names the missing trigger, `search_rebuild` creates it again and copies every case."""
    case = CaseFactory(description="The meter reads wrong")
    index(search_backend, case)
    with connection.cursor() as cursor:
        for statement in case_columns_trigger_drop_statements(connection.vendor):
            cursor.execute(statement)
    assert search_backend.health().problem.startswith(f"the trigger {CASE_COLUMNS_TRIGGER}")
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED)
    assert not copied(case)
    with pytest.raises(CommandError):
        call_command("search_health", stdout=io.StringIO())

    call_command("search_rebuild", stdout=io.StringIO())
    assert copied(case) and not search_backend.health().problem
    Case.objects.filter(pk=case.pk).update(status=Case.Status.RESPONSE)
    assert copied(case)


def test_a_word_search_with_a_condition_on_more_of_the_case_reads_the_case(
    search_backend, staff, monkeypatch
):
    """A drill-down condition may read any column of the case (here its location, which no
    entry carries): the word search then filters and counts the cases themselves."""
    monkeypatch.setitem(
        conditions._registry,
        "where",
        conditions.Condition("where", str, str, str, lambda value, now: Q(location=value)),
    )
    index(
        search_backend,
        CaseFactory(description="The meter reads wrong", location="Port", channel="email"),
        CaseFactory(description="The meter is broken", location="Port"),
        CaseFactory(description="The meter is gone", location="Hill"),
    )
    result = find(search_backend, text="meter", conditions={"where": "Port"})
    assert result.total == 2
    assert facet(result, "channel") == {"email": 1, "web": 1}
    chosen = find(
        search_backend, text="meter", conditions={"where": "Port"}, filters={"channel": ["web"]}
    )
    assert chosen.total == 1 and facet(chosen, "channel") == {"email": 1, "web": 1}
