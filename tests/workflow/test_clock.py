"""Two clocks started by mistake: one leads, the other stands by and takes over when the
leader dies; and two sweeps running at once never fire the same timer twice."""

import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_save

import pytest
import time_machine

from workflow import deadlines, leader
from workflow.models import CaseEvent
from workflow.tasks import sweep_task

from ..conftest import make_case

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only (DATABASE_URL=postgres://...)"
)


def _until(predicate, *, seconds=15.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _started(command):
    """A process that prints a line once it holds what it was asked to hold."""
    process = subprocess.Popen(
        [sys.executable, "-c", command], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    assert process.stdout.readline().strip() == "holding"
    return process


@pytest.mark.django_db
def test_a_clock_queues_nothing_while_another_clock_leads():
    other = leader.leadership_for()
    assert other.hold()
    try:
        with mock.patch("workflow.management.commands.clock.sweep_task") as sweep:
            call_command("clock", "--once")
        sweep.enqueue.assert_not_called()
    finally:
        other.release()
    # Once the other clock is gone, this one leads and queues the sweep.
    with mock.patch("workflow.management.commands.clock.sweep_task") as sweep:
        call_command("clock", "--once")
    sweep.enqueue.assert_called_once()


def test_the_file_lock_passes_to_a_standby_when_the_leader_is_killed(tmp_path):
    path = tmp_path / "db.sqlite3.clock.lock"
    holder = _started(
        "import fcntl, sys, time\n"
        f"f = open({str(path)!r}, 'a+'); fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
        "print('holding', flush=True); time.sleep(60)\n"
    )
    standby = leader.FileLeadership(path=path, retry_seconds=0.1)
    try:
        assert not standby.hold()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        assert _until(standby.hold)
        # And a third clock started now stands by.
        assert not leader.FileLeadership(path=path, retry_seconds=0.1).hold()
    finally:
        holder.kill()
        holder.wait(timeout=10)
        standby.release()


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_advisory_lock_passes_to_a_standby_when_the_leader_is_killed():
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    holder = _started(
        "import psycopg, time\n"
        f"c = psycopg.connect(**{params!r}, autocommit=True)\n"
        f"assert c.execute('SELECT pg_try_advisory_lock(%s, %s)', {list(leader.ADVISORY_KEYS)!r})"
        ".fetchone()[0]\n"
        "print('holding', flush=True); time.sleep(60)\n"
    )
    standby = leader.PostgresLeadership(retry_seconds=0.1)
    third = leader.PostgresLeadership(retry_seconds=0.1)
    try:
        assert not standby.hold()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        # The server ends the dead clock's session and releases the lock: well within 60 s.
        assert _until(standby.hold, seconds=30)
        assert standby.hold()  # re-checked, still held
        assert not third.hold()
        # The leader's session ends (a restarted server, a dropped connection): it notices
        # on its next tick and stands by; the standby takes over.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE application_name = %s AND pid <> pg_backend_pid()",
                [leader.clock_name()],
            )
        assert _until(lambda: not standby.hold(), seconds=5)
        assert _until(third.hold)
    finally:
        holder.kill()
        holder.wait(timeout=10)
        standby.release()
        third.release()


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sweeps_at_once_fire_a_due_timer_once(staff, category, priority):
    case = make_case(category)
    task = case.process.task_set.get(flow_task_type="HUMAN", finished__isnull=True)
    remind = deadlines.reminder_at(case=case, step="assess", started=task.created)
    first_inside, second_done = threading.Event(), threading.Event()
    reminders = []

    def hold_the_first_sweep(sender, instance, created, **kwargs):
        # The first sweep to fire the reminder keeps its transaction open until the other
        # sweep has finished (or 5 s): the other sweep meets the timer being fired.
        if created and instance.kind == CaseEvent.Kind.REMINDED:
            reminders.append(instance.case_id)
            if len(reminders) == 1:
                first_inside.set()
                second_done.wait(timeout=5)

    fired = {}

    def sweep(name, done=None):
        try:
            fired[name] = sweep_task.call()["timers"]
        finally:
            connection.close()  # this thread's own connection
            if done is not None:
                done.set()

    post_save.connect(hold_the_first_sweep, sender=CaseEvent, weak=False)
    try:
        with time_machine.travel(remind + timedelta(minutes=1)):
            first = threading.Thread(target=sweep, args=("first",))
            first.start()
            assert first_inside.wait(timeout=30)
            second = threading.Thread(target=sweep, args=("second", second_done))
            second.start()
            second.join(timeout=30)
            first.join(timeout=30)
    finally:
        post_save.disconnect(hold_the_first_sweep, sender=CaseEvent)
    assert fired == {"first": 1, "second": 0}
    assert case.events.filter(kind=CaseEvent.Kind.REMINDED).count() == 1
