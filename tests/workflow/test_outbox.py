from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest
import time_machine

from workflow import outbox
from workflow.models import OutboxMessage
from workflow.tasks import sweep_task


class BrokenMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.mark.django_db
@pytest.mark.iso("8.1")
def test_a_failing_mail_server_loses_nothing_and_is_retried(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.workflow.test_outbox.BrokenMailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        message = outbox.message_queue(
            channel=OutboxMessage.Channel.EMAIL,
            payload={"to": ["a@example.org"], "subject": "Hello", "body": "Body"},
        )
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED
    assert message.attempts == 1
    assert "mail server down" in message.last_error
    assert message.next_attempt_at > timezone.now()

    # Still down at the next sweep: backoff grows.
    with time_machine.travel(message.next_attempt_at + timedelta(seconds=1)):
        sweep_task.call()
    message.refresh_from_db()
    assert message.attempts == 2
    assert outbox.backoff(2) == 2 * outbox.backoff(1)

    # The server is back: the next sweep delivers, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(message.next_attempt_at + timedelta(seconds=1)):
        assert sweep_task.call()["delivered"] == 1
        assert sweep_task.call()["delivered"] == 0
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@pytest.mark.iso("8.1")
def test_a_pending_message_whose_task_was_lost_is_picked_up():
    message = OutboxMessage.objects.create(
        channel=OutboxMessage.Channel.EMAIL,
        payload={"to": ["a@example.org"], "subject": "S", "body": "B"},
    )
    assert outbox.outbox_due_ids() == []
    assert outbox.outbox_due_ids(now=timezone.now() + outbox.STALE_AFTER * 2) == [message.pk]


def test_backoff_is_capped():
    assert outbox.backoff(1) == timedelta(seconds=30)
    assert outbox.backoff(30) == outbox.MAX_BACKOFF


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_delivery_task_per_transaction_and_none_after_a_rollback(monkeypatch):
    from types import SimpleNamespace

    from django.db import transaction

    enqueued = []
    fake_task = SimpleNamespace(enqueue=enqueued.append)
    monkeypatch.setattr(outbox, "outbox_deliver_task", fake_task)

    def queue():
        return outbox.message_queue(
            channel=OutboxMessage.Channel.EMAIL,
            payload={"to": ["a@example.org"], "subject": "S", "body": "B"},
        ).pk

    with transaction.atomic():
        first, second = queue(), queue()
    assert enqueued == [[first, second]]

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        rolled_back = queue()
        raise Boom
    assert enqueued == [[first, second]]  # a rolled-back transaction asks for nothing
    with transaction.atomic():
        third = queue()
    # The next task may carry the row rolled back (the delivery skips rows that do not
    # exist): what exists of it is exactly this transaction's row.
    assert len(enqueued) == 2 and set(enqueued[1]) <= {rolled_back, third}
    assert list(OutboxMessage.objects.filter(pk__in=enqueued[1]).values_list("pk", flat=True)) == [
        third
    ]
    # Outside a transaction, at once.
    fourth = queue()
    assert enqueued[-1] == [fourth]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_committed_search_refresh_never_stands_in_for_a_later_change(monkeypatch):
    """A refresh committed earlier may be delivered while a later transaction is still
    open, reading the case as it was then: the later change queues its own refresh (once
    per transaction), or the index would keep the old document (an old access code)."""
    from types import SimpleNamespace

    from django.db import transaction

    from ..factories import CaseFactory

    enqueued = []
    monkeypatch.setattr(outbox, "outbox_deliver_task", SimpleNamespace(enqueue=enqueued.append))
    case = CaseFactory()
    search = OutboxMessage.objects.filter(channel=OutboxMessage.Channel.SEARCH, case=case)
    search.delete()

    with transaction.atomic():
        outbox.search_index_queue(case=case)
        outbox.search_index_queue(case=case)
    assert search.count() == 1  # once per transaction

    # The first refresh is committed and still pending (its task not run yet).
    with transaction.atomic():
        outbox.search_index_queue(case=case)
    assert search.count() == 2
    assert len(enqueued) == 2

    # A refresh rolled back with its savepoint does not count.
    with transaction.atomic():
        try:
            with transaction.atomic():
                outbox.search_index_queue(case=case)
                raise RuntimeError
        except RuntimeError:
            pass
        outbox.search_index_queue(case=case)
    assert search.count() == 3


@pytest.mark.django_db
@pytest.mark.iso("8.1")
def test_failed_deliveries_are_shown_to_staff_and_retried_on_request(
    client, staff, category, priority, settings, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from tests.conftest import make_case

    settings.EMAIL_BACKEND = "tests.workflow.test_outbox.BrokenMailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(category, email="down@example.org")
    message = case.outbox.get(channel="email")
    assert message.state == "failed"
    # The handler's team sees it on the case page, with the error and the next try.
    client.force_login(staff["supervisor"])
    page = client.get(reverse("case_detail", args=[case.reference])).content.decode()
    assert "mail server down" in page and "down@example.org" in page and "Retry now" in page
    listing = client.get(reverse("deliveries")).content.decode()
    assert case.reference in listing
    client.force_login(staff["outsider"])
    assert case.reference not in client.get(reverse("deliveries")).content.decode()
    # The mail server is back: "retry now" delivers at once, without waiting for the backoff.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(staff["supervisor"])
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(
            reverse("case_detail", args=[case.reference]),
            {"action": "retry", "message": message.pk},
        )
    assert retried.status_code == 302
    message.refresh_from_db()
    assert message.state == "sent" and message.attempts == 2
    assert mail.outbox[-1].to == ["down@example.org"]
    assert case.reference not in client.get(reverse("deliveries")).content.decode()


@pytest.mark.django_db
@pytest.mark.iso("4.5")
@pytest.mark.iso("4.6")
def test_emails_carry_html_in_the_persons_language_and_direction(
    category, priority, django_capture_on_commit_callbacks
):
    from tests.conftest import make_case

    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(category, language="ar", email="amira@example.net")
    email = mail.outbox[-1]
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="ar" dir="rtl">' in html
    assert case.reference in html and case.reference in email.body
    # The tracking link is a real link in the HTML.
    assert '<a href="http://' in html or '<a href="https://' in html


class AtomicSpyBackend:
    """A mail backend that records whether a transaction was open while it sent."""

    seen: list[bool] = []

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        from django.db import transaction

        AtomicSpyBackend.seen.append(transaction.get_connection().in_atomic_block)
        return len(messages)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_transaction_is_open_while_a_message_is_sent(settings):
    settings.EMAIL_BACKEND = "tests.workflow.test_outbox.AtomicSpyBackend"
    AtomicSpyBackend.seen = []
    message = OutboxMessage.objects.create(
        channel=OutboxMessage.Channel.EMAIL,
        payload={"to": ["a@example.org"], "subject": "S", "body": "B"},
    )
    assert outbox.outbox_deliver(message_id=message.pk)
    assert AtomicSpyBackend.seen == [False]
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT and message.claimed_by == ""


@pytest.mark.django_db
def test_a_claimed_message_is_not_sent_twice_and_its_lease_is_released(settings):
    message = OutboxMessage.objects.create(
        channel=OutboxMessage.Channel.EMAIL,
        payload={"to": ["a@example.org"], "subject": "S", "body": "B"},
    )
    claimed = outbox._claim([message.pk])
    assert [row.pk for row in claimed] == [message.pk]
    # Another delivery finds it claimed: nothing sent.
    assert outbox._claim([message.pk]) == []
    assert outbox.outbox_deliver_batch(message_ids=[message.pk]) == 0
    assert mail.outbox == []
    # Within its lease the sweep leaves it; past it, the sweep gives it back and sends it.
    assert outbox.outbox_claims_release() == 0
    with time_machine.travel(timezone.now() + outbox.lease() + timedelta(seconds=1)):
        result = sweep_task.call()
    assert result["claims_released"] == 1 and result["delivered"] == 1
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
    assert [email.extra_headers["Message-ID"] for email in mail.outbox] == [
        f"<outbox-{message.pk}@example.org>"
    ]


@pytest.mark.django_db
def test_a_stopped_workers_claims_and_tasks_are_released_at_once(settings):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    from workflow.models import WorkerHeartbeat
    from workflow.outbox import outbox_deliver_task

    now = timezone.now()
    message = OutboxMessage.objects.create(
        channel=OutboxMessage.Channel.EMAIL,
        payload={"to": ["a@example.org"], "subject": "S", "body": "B"},
        state=OutboxMessage.State.SENDING,
        claimed_by="dead-worker",
        claimed_at=now,
        lease_until=now + outbox.lease(),
    )
    WorkerHeartbeat.objects.create(worker_id="dead-worker", seen_at=now - timedelta(minutes=1))
    WorkerHeartbeat.objects.create(worker_id="live-worker", seen_at=now)
    running = [
        DBTaskResult.objects.create(
            status=TaskResultStatus.RUNNING,
            started_at=now - timedelta(minutes=1),
            args_kwargs={"args": [[message.pk]], "kwargs": {}},
            task_path=outbox_deliver_task.module_path,
            worker_ids=[worker],
            backend_name="default",
            run_after=get_date_max(),
        )
        for worker in ("dead-worker", "live-worker")
    ]
    result = sweep_task.call()
    assert result["claims_released"] == 1 and result["tasks_released"] == 1
    assert result["delivered"] == 1  # long before its lease ends
    statuses = {
        row.worker_ids[0]: row.status
        for row in DBTaskResult.objects.filter(pk__in=[row.pk for row in running])
    }
    assert statuses == {"dead-worker": TaskResultStatus.FAILED, "live-worker": "RUNNING"}
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
    assert len(mail.outbox) == 1  # the task enqueued again found it delivered


def test_the_sms_provider_has_connect_and_read_timeouts():
    import time

    from tests.faults.servers import HungServer, free_port
    from workflow.sms import HttpBackend

    hung = HungServer()
    try:
        backend = HttpBackend(f"http://127.0.0.1:{hung.port}/send", read_timeout=0.5)
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            backend.send(to="+302100000000", text="Hello")
        assert time.monotonic() - started < 3
    finally:
        hung.close()
    with pytest.raises(ConnectionRefusedError):
        HttpBackend(f"http://127.0.0.1:{free_port()}/send").send(to="+30", text="Hi")


def test_workflow_never_imports_search():
    import ast
    from pathlib import Path

    import workflow

    for path in Path(workflow.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            assert not any(name.split(".")[0] == "search" for name in names), path
