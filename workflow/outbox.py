"""Delivery of the outbox: at least once, with retries and exponential backoff.

Writers create `OutboxMessage` rows inside their transaction; once it commits, a task
is enqueued to deliver each row. The worker's sweep re-enqueues rows whose delivery
failed (when their backoff has passed) or whose task was never enqueued.
"""

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import sms
from .models import Case, OutboxMessage

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=6)
# A pending row older than this whose task has not run is considered lost and re-enqueued.
STALE_AFTER = timedelta(minutes=2)


def _enqueue_on_commit(message: OutboxMessage) -> None:
    """Deliver after commit: one task for all the messages a transaction writes."""
    from .tasks import outbox_deliver_task

    connection = transaction.get_connection()
    batch = getattr(connection, "outbox_batch", None)
    registered = batch is not None and any(
        getattr(callback, "outbox_batch", None) is batch
        for _savepoints, callback, _robust in connection.run_on_commit
    )
    if not registered:
        batch = []

        def flush():
            connection.outbox_batch = None
            outbox_deliver_task.enqueue(list(batch))

        flush.outbox_batch = batch
        connection.outbox_batch = batch
        batch.append(message.pk)
        transaction.on_commit(flush)
    else:
        batch.append(message.pk)


def message_queue(*, channel: str, payload: dict, case: Case | None = None) -> OutboxMessage:
    message = OutboxMessage.objects.create(channel=channel, payload=payload, case=case)
    _enqueue_on_commit(message)
    return message


def search_index_queue(*, case: Case) -> None:
    """Ask for the case's search document to be refreshed (once per pending batch)."""
    already = OutboxMessage.objects.filter(
        channel=OutboxMessage.Channel.SEARCH,
        case=case,
        state=OutboxMessage.State.PENDING,
        attempts=0,
    ).exists()
    if not already:
        message_queue(channel=OutboxMessage.Channel.SEARCH, payload={"case_id": case.pk}, case=case)


def message_retry_now(*, message: OutboxMessage) -> None:
    """A person asked to try a failed delivery again at once (the sweep would, later)."""
    if message.state != OutboxMessage.State.FAILED:
        return
    message.next_attempt_at = timezone.now()
    message.save(update_fields=["next_attempt_at"])
    _enqueue_on_commit(message)


def _send(message: OutboxMessage) -> None:
    payload = message.payload
    if message.channel == OutboxMessage.Channel.EMAIL:
        email = EmailMultiAlternatives(
            subject=payload["subject"], body=payload["body"], to=payload["to"]
        )
        if payload.get("html"):
            email.attach_alternative(payload["html"], "text/html")
        email.send()
    elif message.channel == OutboxMessage.Channel.SMS:
        sms.get_backend().send(to=payload["to"], text=payload["text"])
    elif message.channel == OutboxMessage.Channel.SEARCH:
        from search.services import case_index

        case_index(case_id=payload["case_id"])
    else:  # pragma: no cover - guarded by the field's choices
        raise ValueError(f"Unknown outbox channel {message.channel!r}")


def backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=30) * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def outbox_deliver(*, message_id: int) -> bool:
    """Deliver one message; True when delivered (now or before)."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=message_id).first()
        )
        if message is None:  # delivered and pruned, or being delivered by another worker
            return False
        if message.state == OutboxMessage.State.SENT:
            return True
        try:
            with transaction.atomic():
                _send(message)
        except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried
            _record_failure(message, exc)
            logger.warning(
                "Outbox message %s failed (attempt %s): %s", message.pk, message.attempts, exc
            )
            return False
        message.attempts += 1
        message.state = OutboxMessage.State.SENT
        message.delivered_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "state", "delivered_at", "last_error"])
        return True


def _record_failure(message: OutboxMessage, exc: Exception) -> None:
    message.attempts += 1
    message.state = OutboxMessage.State.FAILED
    message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    message.next_attempt_at = timezone.now() + backoff(message.attempts)
    message.save(update_fields=["attempts", "state", "last_error", "next_attempt_at"])


def _search_deliver(*, message_ids: list[int]) -> int:
    """Deliver search messages together: one bulk request refreshes every case they name.
    When it fails, each message is failed and retried later with its own backoff; nothing
    is lost while the engine is down. Returns how many were delivered."""
    from search.services import cases_index

    with transaction.atomic():
        messages = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk__in=message_ids, channel=OutboxMessage.Channel.SEARCH)
            .exclude(state=OutboxMessage.State.SENT)
        )
        if not messages:
            return 0
        try:
            with transaction.atomic():
                cases_index(case_ids=[message.payload["case_id"] for message in messages])
        except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried
            for message in messages:
                _record_failure(message, exc)
            logger.warning("Search indexing of %s messages failed: %s", len(messages), exc)
            return 0
        now = timezone.now()
        OutboxMessage.objects.filter(pk__in=[message.pk for message in messages]).update(
            attempts=F("attempts") + 1,
            state=OutboxMessage.State.SENT,
            delivered_at=now,
            last_error="",
        )
        return len(messages)


def outbox_deliver_batch(*, message_ids: list[int]) -> int:
    """Deliver messages: emails and SMS one by one, the search messages in one bulk
    request. Returns how many were delivered."""
    channels = dict(OutboxMessage.objects.filter(pk__in=message_ids).values_list("pk", "channel"))
    search = [pk for pk in message_ids if channels.get(pk) == OutboxMessage.Channel.SEARCH]
    others = [pk for pk in message_ids if pk in channels and pk not in search]
    delivered = sum(1 for pk in others if outbox_deliver(message_id=pk))
    if search:
        delivered += _search_deliver(message_ids=search)
    return delivered


def outbox_due_ids(*, now=None) -> list[int]:
    """Messages to (re)deliver: failed ones whose backoff passed, and stale pending ones."""
    now = now or timezone.now()
    failed = OutboxMessage.objects.filter(
        state=OutboxMessage.State.FAILED, next_attempt_at__lte=now
    )
    stale = OutboxMessage.objects.filter(
        state=OutboxMessage.State.PENDING, created_at__lte=now - STALE_AFTER
    )
    return list((failed | stale).order_by("pk").values_list("pk", flat=True)[:500])
