"""Indexing, called by the outbox worker."""

from workflow.models import Case

from .backends import get_backend


def cases_index(*, case_ids) -> None:
    """Refresh the documents of these cases in one bulk request; cases that no longer exist
    lose theirs. Raises when the engine fails (the outbox retries later)."""
    case_ids = sorted(set(case_ids))
    cases = list(Case.objects.filter(pk__in=case_ids))
    gone = sorted(set(case_ids) - {case.pk for case in cases})
    backend = get_backend()
    if cases:
        backend.index_cases(cases)
    if gone:
        backend.remove_cases(gone)


def case_index(*, case_id: int) -> None:
    cases_index(case_ids=[case_id])
