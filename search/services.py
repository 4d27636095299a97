"""Indexing, called by the outbox worker."""

from django.conf import settings

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


def outbox_search_deliver(messages) -> None:
    """The outbox handler of the search channel: one bulk request for every case the
    messages name (registered in SearchConfig.ready())."""
    cases_index(case_ids=[message.payload["case_id"] for message in messages])


def search_budget() -> float:
    """The longest one bulk delivery may take: at most five requests (the first in a
    process checks and creates the two indices), each bounded by the connect and request
    timeouts (a timeout is not retried; a refused connection is, at once)."""
    if not settings.ELASTICSEARCH_URL:
        return 0.0
    return 5 * (settings.ELASTICSEARCH_CONNECT_TIMEOUT + settings.ELASTICSEARCH_TIMEOUT)
