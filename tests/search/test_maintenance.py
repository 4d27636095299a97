"""The generic rebuild and drift of base.py (what the database backend inherits), on a
backend that keeps its documents in a dict."""

from datetime import timedelta

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from search.backends.base import IndexHealth, SearchBackend
from workflow.models import Case, OutboxMessage

from ..factories import CaseFactory


class DictBackend(SearchBackend):
    name = "dict"

    def __init__(self):
        self.documents = {}
        self.batches = []

    def index_cases(self, cases):
        self.batches.append(len(cases))
        self.documents.update({case.pk: case.updated_at for case in cases})

    def remove_cases(self, case_ids):
        for case_id in case_ids:
            self.documents.pop(case_id, None)

    def indexed_versions(self):
        return dict(self.documents)

    def health(self):
        return IndexHealth(backend=self.name, reachable=True, documents=len(self.documents))


@pytest.fixture
def backend(monkeypatch):
    backend = DictBackend()
    monkeypatch.setattr("search.management.commands.search_health.get_backend", lambda: backend)
    monkeypatch.setattr("search.management.commands.search_rebuild.get_backend", lambda: backend)
    return backend


@pytest.mark.django_db
def test_rebuild_indexes_every_case_in_batches_and_removes_orphans(backend, staff):
    cases = CaseFactory.create_batch(5)
    backend.documents[999_999] = timezone.now()  # a case that is gone
    report = backend.rebuild(batch_size=2)
    assert (report.indexed, report.removed) == (5, 1)
    assert backend.batches == [2, 2, 1]
    assert set(backend.documents) == {case.pk for case in cases}
    assert backend.drift().clean


@pytest.mark.django_db
def test_drift_and_the_health_command(backend, staff, capsys):
    indexed, changed, missing = CaseFactory.create_batch(3)
    backend.index_cases([indexed, changed])
    backend.documents[999_999] = timezone.now()
    Case.objects.filter(pk=changed.pk).update(updated_at=timezone.now() + timedelta(seconds=1))
    drift = backend.drift()
    assert (drift.missing, drift.stale, drift.orphans) == ([missing.pk], [changed.pk], [999_999])

    with pytest.raises(CommandError) as failure:
        call_command("search_health")
    assert failure.value.returncode == 1
    assert "Out of date: 1" in capsys.readouterr().out

    call_command("search_rebuild")
    call_command("search_health", json=True)
    assert '"healthy": true' in capsys.readouterr().out

    # A search update that keeps failing makes it unhealthy too.
    OutboxMessage.objects.create(
        channel=OutboxMessage.Channel.SEARCH,
        payload={"case_id": indexed.pk},
        state=OutboxMessage.State.FAILED,
        last_error="ConnectionError: refused",
    )
    with pytest.raises(CommandError):
        call_command("search_health")
    assert "last error: ConnectionError: refused" in capsys.readouterr().out
