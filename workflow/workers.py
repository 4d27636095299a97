"""Which background workers are alive, and what to do with the work of those that stopped.

A worker (`manage.py db_worker`, django-tasks-db) records a heartbeat every
WORKER_HEARTBEAT_SECONDS from a daemon thread it starts with its first task (the
`task_started` signal of Django's tasks API tells us its worker id). One silent for four
beats is taken for stopped (killed with SIGKILL, machine lost): the sweep gives back its
outbox claims (`outbox.outbox_claims_release`) and fails and re-enqueues the tasks it left
RUNNING (`tasks_stopped_release`), which django-tasks-db 0.12 would leave RUNNING forever
(it has worker ids on its results but no heartbeat). Every task is idempotent, so running
one again is safe.
"""

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_started as task_started_signal

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

MISSED_BEATS = 4
FORGET_AFTER = timedelta(days=1)

_state: dict = {"worker_id": None, "thread": None}
_lock = threading.Lock()


def _host() -> str:
    return socket.gethostname()[:255]


def current_id() -> str:
    """Who is delivering: the worker's id in a db_worker, else host and process id (a web
    process delivering with the immediate backend, a test)."""
    return _state["worker_id"] or f"{_host()[:40]}-{os.getpid()}"


def stopped_after() -> timedelta:
    return timedelta(seconds=MISSED_BEATS * settings.WORKER_HEARTBEAT_SECONDS)


def beat(worker_id: str) -> None:
    with transaction.atomic():
        WorkerHeartbeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={"seen_at": timezone.now(), "pid": os.getpid(), "host": _host()},
        )


def _beating(worker_id: str) -> None:
    while True:
        time.sleep(settings.WORKER_HEARTBEAT_SECONDS)
        try:
            beat(worker_id)
        except Exception:  # a database away for a moment: the next beat
            logger.exception("Worker heartbeat not recorded")
        finally:
            # This thread's own connection: never left open between beats.
            connections.close_all()


def task_started(sender, task_result, **kwargs) -> None:
    """Signal receiver: in a database worker, know its id and keep its heartbeat."""
    from django_tasks_db.backend import DatabaseBackend

    backend = sender if isinstance(sender, type) else type(sender)
    if not issubclass(backend, DatabaseBackend):
        return
    if not task_result.worker_ids:
        return
    worker_id = task_result.worker_ids[-1]
    with _lock:
        if _state["worker_id"] == worker_id and _state["thread"] is not None:
            return
        _state["worker_id"] = worker_id
        beat(worker_id)
        thread = threading.Thread(
            target=_beating, args=(worker_id,), name="worker-heartbeat", daemon=True
        )
        thread.start()
        _state["thread"] = thread


def connect() -> None:
    task_started_signal.connect(task_started, dispatch_uid="workflow-worker-heartbeat")


def stopped_ids(*, now=None) -> list[str]:
    """The workers whose heartbeat stopped (and not too long ago to matter)."""
    now = now or timezone.now()
    return list(
        WorkerHeartbeat.objects.filter(
            seen_at__lt=now - stopped_after(), seen_at__gte=now - FORGET_AFTER
        ).values_list("worker_id", flat=True)
    )


def tasks_stopped_release(*, now=None) -> int:
    """Tasks left RUNNING by a worker that stopped: marked failed and enqueued again.
    Returns how many."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=now - stopped_after()).values_list(
            "worker_id", flat=True
        )
    )
    released = 0
    running = DBTaskResult.objects.running().filter(started_at__lt=now - stopped_after())
    for result in running:
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue
        # Conditional: of two sweeps at once, one marks it and enqueues it again.
        marked = (
            DBTaskResult.objects.running()
            .filter(pk=result.pk)
            .update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path="workflow.workers.WorkerStopped",
                traceback=f"Worker {result.worker_ids[-1:]} stopped while running this task",
            )
        )
        if not marked:
            continue
        try:
            task = result.task
            task.enqueue(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        except Exception:  # a task that no longer exists: recorded, left
            logger.exception("Could not enqueue again task %s (%s)", result.pk, result.task_path)
            continue
        logger.warning(
            "Task %s (%s) left running by stopped worker %s: enqueued again",
            result.pk,
            result.task_path,
            result.worker_ids[-1:],
        )
        released += 1
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()
    return released
