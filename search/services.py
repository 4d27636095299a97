"""Indexing, called by the outbox worker."""

from workflow.models import Case

from .backends import get_backend


def cases_index(*, case_ids: list[int]) -> None:
    """Write the documents of these cases in one bulk request; remove those of cases that
    no longer exist."""
    ids = sorted(set(case_ids))
    existing = set(Case.objects.filter(pk__in=ids).values_list("pk", flat=True))
    backend = get_backend()
    backend.remove_cases([pk for pk in ids if pk not in existing])
    backend.index_cases(list(Case.objects.filter(pk__in=sorted(existing))))


def case_index(*, case_id: int) -> None:
    cases_index(case_ids=[case_id])
