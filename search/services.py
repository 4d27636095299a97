"""Indexing, called by the outbox worker."""

from workflow.models import Case

from .backends import get_backend


def case_index(*, case_id: int) -> None:
    case = Case.objects.select_related("category").filter(pk=case_id).first()
    backend = get_backend()
    if case is None:
        backend.remove_case(case_id)
    else:
        backend.index_case(case)
