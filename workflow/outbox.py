"""Delivery of the outbox: at least once, with retries and exponential backoff.

Writers create `OutboxMessage` rows inside their transaction; once it commits, a task
is enqueued to deliver each row. The worker's sweep re-enqueues rows whose delivery
failed (when their backoff has passed), whose task was never enqueued, and whose claim
was left by a stopped worker or ran past its lease.

The outbox is generic: each channel registers its delivery handler (`handler_register`,
from its app's `ready()`): email and SMS here, the search index in `search`. No database
transaction or lock is ever held while a handler talks to the network: a delivery claims
its rows in one short transaction (state SENDING, who, until when), commits, delivers with
no transaction open, then records the result in another short transaction. See
docs/decisions.md, "Delivery guarantees and timeouts".
"""

import http.client
import logging
import smtplib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from django_tasks import task

from . import sms, workers
from .models import Case, OutboxMessage

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=6)
# A pending row older than this whose task has not run is considered lost and re-enqueued.
STALE_AFTER = timedelta(minutes=1)
# Failures that say the channel's server cannot be reached (rather than that one message
# was refused): the rest of the batch on that channel is not tried, it waits for the retry.
UNAVAILABLE = (
    TimeoutError,
    ConnectionError,
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    http.client.HTTPException,
)


# --- Channels -------------------------------------------------------------------------


@dataclass(frozen=True)
class Handler:
    """How one channel delivers: `deliver(message)` one at a time, or `deliver_batch(
    messages)` all together (one request); raising fails every message it was given.
    `budget()` is the longest one delivery may take (seconds, the sum of its timeouts):
    the lease of a claim must exceed it. `unavailable` are the channel's own exceptions
    meaning "the server cannot be reached"."""

    deliver: Callable[[OutboxMessage], None] | None = None
    deliver_batch: Callable[[list[OutboxMessage]], None] | None = None
    budget: Callable[[], float] = lambda: 0.0
    unavailable: tuple[type[BaseException], ...] = ()


_HANDLERS: dict[str, Handler] = {}


def handler_register(*, channel: str, handler: Handler) -> None:
    """Make `channel`'s messages delivered by `handler` (called from an app's ready())."""
    if (handler.deliver is None) == (handler.deliver_batch is None):
        raise ValueError("A handler delivers one message or a batch: give exactly one")
    _HANDLERS[channel] = handler


def handlers() -> dict[str, Handler]:
    return dict(_HANDLERS)


def message_id_for(message: OutboxMessage) -> str:
    """The Message-ID of an email row: the same on every attempt, so a duplicate sent in
    the at-least-once window is recognisable as one (mail clients and servers fold it)."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<outbox-{message.pk}@{domain}>"


def _email_message(message: OutboxMessage) -> EmailMultiAlternatives:
    """The email an email row sends."""
    payload = message.payload
    email = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        # Rows queued before the organisation's name was added have no "from".
        from_email=payload.get("from") or settings.DEFAULT_FROM_EMAIL,
        to=payload["to"],
        headers={"Message-ID": message_id_for(message)},
        # EMAIL_TIMEOUT bounds the connection and every answer of the server.
        connection=get_connection(timeout=settings.EMAIL_TIMEOUT),
    )
    if payload.get("html"):
        email.attach_alternative(payload["html"], "text/html")
    return email


def _email_deliver(message: OutboxMessage) -> None:
    _email_message(message).send()


def _sms_deliver(message: OutboxMessage) -> None:
    sms.get_backend().send(to=message.payload["to"], text=message.payload["text"])


def handlers_register_defaults() -> None:
    """The channels `workflow` delivers itself (called from WorkflowConfig.ready())."""
    handler_register(
        channel=OutboxMessage.Channel.EMAIL,
        handler=Handler(deliver=_email_deliver, budget=lambda: 3 * settings.EMAIL_TIMEOUT),
    )
    handler_register(
        channel=OutboxMessage.Channel.SMS,
        handler=Handler(
            deliver=_sms_deliver,
            budget=lambda: settings.SMS_CONNECT_TIMEOUT + settings.SMS_READ_TIMEOUT,
        ),
    )


def lease() -> timedelta:
    return timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


# --- Queueing -------------------------------------------------------------------------


@task()
def outbox_deliver_task(message_ids: list[int]) -> int:
    """Deliver the messages one transaction wrote (the search ones in one bulk request);
    returns how many were delivered. Run by the worker."""
    return outbox_deliver_batch(message_ids=message_ids)


class _Pending(threading.local):
    """The outbox rows written in this thread and not yet handed to the worker: those of
    the transaction open now (and any of a transaction rolled back since, which no longer
    exist and are skipped by the delivery). `search_cases` maps each case whose search
    document a row refreshes to its row."""

    def __init__(self):
        self.ids: list[int] = []
        self.search_cases: dict[int, int] = {}


_PENDING = _Pending()


def _flush() -> None:
    """After a commit: one task for every row pending (the later callbacks of the same
    transaction find nothing left)."""
    ids = list(dict.fromkeys(_PENDING.ids))  # a rolled-back row's id may come back
    if not ids:
        return
    pending_forget()
    outbox_deliver_task.enqueue(ids)


def pending_forget() -> None:
    """Forget the rows pending in this thread (after a flush; the tests between tests,
    whose transactions never commit)."""
    _PENDING.ids, _PENDING.search_cases = [], {}


def _enqueue_on_commit(*messages: OutboxMessage) -> None:
    """Deliver after commit: one task for all the messages a transaction writes. Each
    write asks for a flush on commit (Django drops the requests of a savepoint rolled back,
    so one write's request is enough only while its savepoint stands); the first flush
    takes them all."""
    if not messages:
        return
    _PENDING.ids.extend(message.pk for message in messages)
    transaction.on_commit(_flush)


def message_queue(*, channel: str, payload: dict, case: Case | None = None) -> OutboxMessage:
    message = OutboxMessage.objects.create(channel=channel, payload=payload, case=case)
    _enqueue_on_commit(message)
    return message


def search_index_queue(*, case: Case) -> None:
    """Ask for the case's search document to be refreshed once this transaction commits
    (one row per case and transaction). Only a row of this same transaction makes another
    unnecessary: a row committed earlier may be delivered before this transaction commits,
    reading the case as it was, so it cannot stand in for this change."""
    queued = _PENDING.search_cases.get(case.pk)
    # Pending rows are of this transaction, or gone with a rollback since.
    if queued is not None and OutboxMessage.objects.filter(pk=queued).exists():
        return
    message = message_queue(
        channel=OutboxMessage.Channel.SEARCH, payload={"case_id": case.pk}, case=case
    )
    if transaction.get_connection().in_atomic_block:
        _PENDING.search_cases[case.pk] = message.pk


def search_index_queue_many(*, case_ids) -> None:
    """Ask for the search documents of many new cases at once (a bulk load: the demo's
    history): one row per case, written in one insert, delivered after commit in one task."""
    messages = OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(channel=OutboxMessage.Channel.SEARCH, payload={"case_id": pk}, case_id=pk)
            for pk in case_ids
        ]
    )
    _enqueue_on_commit(*messages)


def message_retry_now(*, message: OutboxMessage) -> None:
    """A person asked to try a failed delivery again at once (the sweep would, later)."""
    if message.state != OutboxMessage.State.FAILED:
        return
    message.next_attempt_at = timezone.now()
    message.save(update_fields=["next_attempt_at"])
    _enqueue_on_commit(message)


def backoff(attempts: int) -> timedelta:
    """The wait before the next try: OUTBOX_RETRY_SECONDS, doubled after every failure."""
    first = timedelta(seconds=getattr(settings, "OUTBOX_RETRY_SECONDS", 30))
    return min(first * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


# --- Claim, deliver, record -----------------------------------------------------------


def _claimable(now) -> Q:
    """Rows nobody is delivering that may be tried `now`."""
    return Q(state=OutboxMessage.State.PENDING) | Q(
        state=OutboxMessage.State.FAILED, next_attempt_at__lte=now
    )


def _claim(message_ids: list[int]) -> list[OutboxMessage]:
    """Claim the rows among `message_ids` nobody else is delivering, in one short
    transaction (committed before any delivery starts); returns them."""
    now = timezone.now()
    me = workers.current_id()
    with transaction.atomic():
        candidates = OutboxMessage.objects.filter(pk__in=message_ids).filter(_claimable(now))
        if transaction.get_connection().features.has_select_for_update_skip_locked:
            # PostgreSQL: rows another worker is claiming right now are skipped, not waited.
            ids = list(candidates.select_for_update(skip_locked=True).values_list("pk", flat=True))
            candidates = OutboxMessage.objects.filter(pk__in=ids).filter(_claimable(now))
        # The condition is checked again by the UPDATE itself: two claims never both win.
        claimed = candidates.update(
            state=OutboxMessage.State.SENDING,
            claimed_by=me,
            claimed_at=now,
            lease_until=now + lease(),
        )
        if not claimed:
            return []
        return list(
            OutboxMessage.objects.filter(
                pk__in=message_ids,
                state=OutboxMessage.State.SENDING,
                claimed_by=me,
                claimed_at=now,
            ).order_by("pk")
        )


def _record_sent(messages: list[OutboxMessage]) -> None:
    with transaction.atomic():
        OutboxMessage.objects.filter(pk__in=[message.pk for message in messages]).exclude(
            state=OutboxMessage.State.SENT
        ).update(
            attempts=F("attempts") + 1,
            state=OutboxMessage.State.SENT,
            delivered_at=timezone.now(),
            last_error="",
            claimed_by="",
            lease_until=None,
        )


def _record_failure(messages: list[OutboxMessage], exc: BaseException, *, tried=True) -> None:
    """Failed (or, `tried=False`, not tried because the server is unavailable): retried
    after the backoff. Only the claim's owner records it (a claim released meanwhile has
    been given to another delivery)."""
    now = timezone.now()
    error = f"{type(exc).__name__}: {exc}"[:2000]
    with transaction.atomic():
        for message in messages:
            attempts = message.attempts + (1 if tried else 0)
            OutboxMessage.objects.filter(
                pk=message.pk,
                state=OutboxMessage.State.SENDING,
                claimed_by=message.claimed_by,
                claimed_at=message.claimed_at,
            ).update(
                attempts=attempts,
                state=OutboxMessage.State.FAILED,
                last_error=error if tried else f"Not tried, server unavailable: {error}"[:2000],
                next_attempt_at=now + backoff(max(attempts, 1)),
                claimed_by="",
                lease_until=None,
            )


def _deliver_claimed(handler: Handler, messages: list[OutboxMessage]) -> BaseException | None:
    """Deliver claimed rows (no transaction open) and record the result; returns the
    failure, if any."""
    try:
        if handler.deliver_batch is not None:
            handler.deliver_batch(messages)
        else:
            handler.deliver(messages[0])
    except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried
        _record_failure(messages, exc)
        logger.warning(
            "Outbox: %s %s message(s) failed (%s): %s",
            len(messages),
            messages[0].channel,
            [message.pk for message in messages],
            exc,
        )
        return exc
    _record_sent(messages)
    return None


def outbox_deliver_batch(*, message_ids: list[int]) -> int:
    """Deliver messages: one by one for the channels that deliver one at a time (each
    claimed just before it is sent, so a claim's lease covers one delivery), in one batch
    for the others (the search index: one bulk request). After a channel's server is found
    unavailable, the rest of its messages are not tried now: they wait for the retry, so a
    hung server costs one timeout per batch. Returns how many were delivered."""
    channels = dict(OutboxMessage.objects.filter(pk__in=message_ids).values_list("pk", "channel"))
    by_channel: dict[str, list[int]] = {}
    for pk in message_ids:
        if pk in channels:
            by_channel.setdefault(channels[pk], []).append(pk)
    delivered = 0
    for channel, ids in by_channel.items():
        handler = _HANDLERS.get(channel)
        if handler is None:
            logger.error("Outbox: no handler registered for channel %r", channel)
            continue
        if handler.deliver_batch is not None:
            messages = _claim(ids)
            if messages and _deliver_claimed(handler, messages) is None:
                delivered += len(messages)
            continue
        unavailable = UNAVAILABLE + handler.unavailable
        for position, pk in enumerate(ids):
            messages = _claim([pk])
            if not messages:  # delivered meanwhile, or being delivered by another worker
                continue
            failure = _deliver_claimed(handler, messages)
            if failure is None:
                delivered += 1
            elif isinstance(failure, unavailable):
                rest = _claim(ids[position + 1 :])
                if rest:
                    _record_failure(rest, failure, tried=False)
                break
    return delivered


def outbox_deliver(*, message_id: int) -> bool:
    """Deliver one message; True when delivered (now or before)."""
    if outbox_deliver_batch(message_ids=[message_id]):
        return True
    return OutboxMessage.objects.filter(pk=message_id, state=OutboxMessage.State.SENT).exists()


def outbox_claims_release(*, now=None) -> int:
    """Give back the claims of deliveries that will not finish: past their lease, or held
    by a worker that stopped (killed, machine lost). They are retried at once; the
    delivery may have happened before the worker stopped (the at-least-once window)."""
    now = now or timezone.now()
    stopped = workers.stopped_ids(now=now)
    interrupted = OutboxMessage.objects.filter(state=OutboxMessage.State.SENDING).filter(
        Q(lease_until__lt=now) | Q(claimed_by__in=stopped)
    )
    with transaction.atomic():
        released = interrupted.update(
            state=OutboxMessage.State.FAILED,
            attempts=F("attempts") + 1,
            last_error="Delivery interrupted (its worker stopped or it ran past its lease)",
            next_attempt_at=now,
            claimed_by="",
            lease_until=None,
        )
    if released:
        logger.warning("Outbox: %s interrupted deliveries released for retry", released)
    return released


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
