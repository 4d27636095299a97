"""Both flows lock the process: two concurrent actions on one case run one after the other
and neither is lost (PostgreSQL; SQLite serialises every write by itself)."""

import threading
import time

from django.db import connection, connections

import pytest

from workflow import services
from workflow.flows import ComplaintFlow, FeedbackFlow
from workflow.models import Case, CaseEvent

from ..conftest import make_case


def test_both_flows_lock_the_process_row():
    from viewflow.workflow.lock import SelectForUpdateLock

    assert isinstance(ComplaintFlow.lock_impl, SelectForUpdateLock)
    assert isinstance(FeedbackFlow.lock_impl, SelectForUpdateLock)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.iso("4.9")
def test_two_concurrent_actions_on_one_case_are_serialised(staff, category, priority):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's (CI runs the suite on it too)")
    case = make_case(category)
    process_id = case.process_id
    spans = {}
    errors = []
    first_holds = threading.Event()

    def act(name, hold):
        try:
            with ComplaintFlow.lock(process_id):
                spans[name] = [time.monotonic(), None]
                first_holds.set()
                locked = Case.objects.get(pk=case.pk)
                services.case_note(case=locked, actor=staff["handler"], text=f"note {name}")
                time.sleep(hold)
                spans[name][1] = time.monotonic()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    first = threading.Thread(target=act, args=("first", 1.0))
    first.start()
    assert first_holds.wait(10)
    second = threading.Thread(target=act, args=("second", 0))
    second.start()
    first.join(30)
    second.join(30)
    assert errors == []
    # The second action entered only once the first had committed ...
    assert spans["second"][0] >= spans["first"][1]
    # ... and both are kept.
    notes = set(
        CaseEvent.objects.filter(case_id=case.pk, kind=CaseEvent.Kind.NOTE).values_list(
            "note", flat=True
        )
    )
    assert notes == {"note first", "note second"}
