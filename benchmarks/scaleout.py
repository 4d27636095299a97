"""`make scaleout`: the production shape on one machine, under load and faults.

Two web servers (gunicorn, `portal.wsgi`, on two loopback ports), two workers
(`manage.py db_worker`) and two clocks (one by mistake: they elect a leader) over a scratch
PostgreSQL database and Redis; mail goes to a real SMTP server (aiosmtpd) that records every
message. 32 clients submit complaints through the public form for SCALEOUT_SECONDS while
one worker is killed (SIGKILL) and restarted and the leading clock is killed; meanwhile
due workflow timers are fired by sweeps running at once. Then, once the queue has drained:
0 complaints lost, 0 duplicate tracking numbers, every acknowledgement delivered exactly
once (except the documented at-least-once window: a worker killed after the mail server
accepted a message and before the outbox recorded it sends that one message again, with the
same Message-ID; at most one such repeat per killed worker, and only for a row whose claim
was released), no timer fired twice, and the standby clock took over within a minute.

Environment:
  SCALEOUT_DATABASE_URL  the scratch database, created and dropped here; its name must
                         contain "scaleout" (default postgres://postgres@127.0.0.1:5432/
                         scaleout_<pid>)
  SCALEOUT_REDIS_URL     a Redis database number this run may empty (default
                         redis://127.0.0.1:6379/15); without Redis the cache is the database
  SCALEOUT_SECONDS       how long the clients submit (default 60)
  SCALEOUT_DRAIN_SECONDS how long to wait for the queue to drain afterwards (default 180)
Without a PostgreSQL server it says so and exits 0, except in CI (CI=true), where it fails.
"""

import asyncio
import contextlib
import email
import email.policy
import os
import re
import signal
import socket
import subprocess  # runs this project's own commands
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import (  # noqa: E402 - after the path is set
    HOST,
    Journey,
    form_answers,
    receipt_case_id,
    request,
)

PYTHON = sys.executable
BIN = Path(PYTHON).parent
CLIENTS = 32
SECONDS = float(os.environ.get("SCALEOUT_SECONDS", "60"))
DRAIN_SECONDS = float(os.environ.get("SCALEOUT_DRAIN_SECONDS", "180"))
DATABASE_URL = os.environ.get(
    "SCALEOUT_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/scaleout_{os.getpid()}"
)
REDIS_URL = os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/15")
LOGS = ROOT / "var" / "scaleout"
IN_CI = os.environ.get("CI") == "true"


def say(text):
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# --- the services this machine may or may not run ------------------------------------


def server_url(url: str, database: str) -> str:
    parts = urlsplit(url.replace("postgres://", "postgresql://", 1))
    return urlunsplit(parts._replace(path=f"/{database}"))


def postgres_answers() -> str | None:
    """None when the server answers, else why not."""
    import psycopg

    try:
        psycopg.connect(server_url(DATABASE_URL, "postgres"), connect_timeout=5).close()
    except Exception as exc:  # noqa: BLE001 - any failure means: no server
        return str(exc).strip()
    return None


def redis_command(url: str, *words: str) -> str:
    """One command to Redis (RESP over a socket); its first reply line."""
    parts = urlsplit(url)
    database = (parts.path or "/0").strip("/") or "0"
    with socket.create_connection((parts.hostname, parts.port or 6379), timeout=5) as conn:
        for command in (("SELECT", database), words):
            payload = f"*{len(command)}\r\n" + "".join(
                f"${len(word.encode())}\r\n{word}\r\n" for word in command
            )
            conn.sendall(payload.encode())
            reply = conn.recv(1024).decode()
            if reply.startswith("-"):
                raise OSError(reply.strip())
    return reply.strip()


def database_recreate(*, drop_only=False):
    import psycopg

    name = urlsplit(DATABASE_URL).path.strip("/")
    if "scaleout" not in name:
        raise SystemExit(f"SCALEOUT_DATABASE_URL must name a scratch database ('{name}').")
    with psycopg.connect(server_url(DATABASE_URL, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


# --- the SMTP server ---------------------------------------------------------------------


class Sink:
    """Records every message delivered to it: (recipients, subject, Message-ID)."""

    def __init__(self):
        self.messages, self.lock = [], threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        subject = " ".join(str(message["Subject"] or "").split())
        with self.lock:
            self.messages.append(
                (tuple(envelope.rcpt_tos), subject, str(message["Message-ID"] or ""))
            )
        return "250 Message accepted"

    def received(self):
        with self.lock:
            return list(self.messages)


# --- the processes -----------------------------------------------------------------------


class Processes:
    """Every process started here, each in its own process group; all stopped at the end."""

    def __init__(self, env):
        self.env, self.running, self.logs = env, {}, {}

    def start(self, name, command):
        LOGS.mkdir(parents=True, exist_ok=True)
        log = LOGS / f"{name}.log"
        self.logs[name] = log
        with open(log, "ab") as handle:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.running[name] = process
        return process

    def kill(self, name):
        process = self.running.pop(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self):
        for process in self.running.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in self.running.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        self.running.clear()

    def tails(self, lines=15):
        for name, log in self.logs.items():
            text = log.read_text(errors="replace").splitlines()[-lines:]
            if text:
                print(f"--- {name} ({log}) ---\n" + "\n".join(text))


def manage(*words):
    return [PYTHON, str(ROOT / "manage.py"), *words]


def web(port):
    return [
        str(BIN / "gunicorn"),
        "portal.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        "2",
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]


WORKER = manage("db_worker", "--interval", "0.5", "--no-reload", "--no-startup-delay")
CLOCK = manage("clock", "--retry-seconds", "2")


async def ready(port, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, asyncio.TimeoutError, IndexError, ValueError):
            status, _, _ = await asyncio.wait_for(request("GET", "/en/", port=port), 10)
            if status == 200:
                return
        await asyncio.sleep(0.5)
    raise SystemExit(f"The web server on port {port} did not start")


# --- the database, read by this process ----------------------------------------------------


def clock_leader() -> int | None:
    """The process id of the clock whose session holds the advisory lock."""
    from django.db import connection

    from workflow.leader import ADVISORY_KEYS

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = %s"
            " AND l.objid::bigint = %s AND l.objsubid = 2"
            " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            list(ADVISORY_KEYS),
        )
        rows = [name for (name,) in cursor.fetchall()]
    if len(rows) > 1:
        raise AssertionError(f"Two clocks hold the lock: {rows}")
    return int(rows[0].removeprefix("clock-")) if rows else None


def timers_bring_forward(seconds) -> list[int]:
    """Every scheduled timer of the demo cases falls due during the run, in its order."""
    from django.db import transaction
    from django.utils import timezone

    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    timers = list(
        Task.objects.filter(flow_task_type="TIMER", status=STATUS.SCHEDULED).order_by(
            "scheduled", "pk"
        )
    )
    start = timezone.now()
    with transaction.atomic():
        for rank, timer in enumerate(timers):
            offset = 0.8 * seconds * rank / max(len(timers), 1)
            timer.scheduled = start + timedelta(seconds=offset)
            timer.save(update_fields=["scheduled"])
    return [timer.pk for timer in timers]


def sweeps_at_once():
    """Two sweeps queued together, so that both workers fire timers at the same time."""
    from workflow.tasks import sweep_task

    sweep_task.enqueue()
    sweep_task.enqueue()


def acknowledgements_expected():
    """Every acknowledgement the outbox holds, as Expected rows, and the cases with an email
    address without exactly one."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from workflow.models import Case, OutboxMessage
    from workflow.outbox import message_id_for

    rows = list(
        OutboxMessage.objects.filter(
            channel=OutboxMessage.Channel.EMAIL, payload__template="acknowledgement"
        )
    )
    per_case = Counter(row.case_id for row in rows)
    with_email = Case.objects.filter(complainant__email__gt="", process__isnull=False)
    wrong = {pk: per_case.get(pk, 0) for pk in with_email.values_list("pk", flat=True)}
    wrong = {pk: n for pk, n in wrong.items() if n != 1}
    cases = Case.objects.in_bulk([row.case_id for row in rows])
    expected = []
    for row in rows:
        case = cases[row.case_id]
        with translation.override(case.language):
            subject = render_to_string("workflow/email/acknowledgement_subject.txt", {"case": case})
        expected.append(
            Expected(
                to=tuple(row.payload["to"]),
                subject=" ".join(subject.split()),
                message_id=message_id_for(row),
                # Tried more than once: its first claim was released (worker stopped).
                retried=row.attempts > 1,
            )
        )
    return expected, wrong


@dataclass(frozen=True)
class Expected:
    to: tuple
    subject: str
    message_id: str
    retried: bool


def deliveries(expected, received) -> Counter:
    """How many times each expected acknowledgement reached the sink, by (to, subject)."""
    counts = Counter((to, subject) for to, subject, _ in received)
    return Counter({ack: counts[(ack.to, ack.subject)] for ack in expected})


def backlog() -> dict:
    from django.utils import timezone

    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from workflow.models import Case, OutboxMessage

    return {
        "cases not started": Case.objects.filter(
            process__isnull=True, status=Case.Status.RECEIVED, merged_into__isnull=True
        ).count(),
        "messages undelivered": OutboxMessage.objects.exclude(
            state=OutboxMessage.State.SENT
        ).count(),
        "timers due": Task.objects.filter(
            flow_task_type="TIMER", status=STATUS.SCHEDULED, scheduled__lte=timezone.now()
        ).count(),
    }


def timers_fired(timer_ids) -> Counter:
    """Of the timers that fired, how many started how many next tasks: a timer fired once
    starts exactly one (its boundary's path), a timer fired twice starts two."""
    from django.db.models import Count

    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    fired = Task.objects.filter(pk__in=timer_ids).exclude(
        status__in=[STATUS.SCHEDULED, STATUS.CANCELED]
    )
    return Counter(fired.annotate(next=Count("leading")).values_list("next", flat=True))


# --- the run -------------------------------------------------------------------------------


class Clients:
    """32 visitors submitting the form, each on one of the two web servers."""

    def __init__(self, ports, category):
        self.ports, self.category = ports, category
        self.statuses, self.confirmed, self.failures = Counter(), [], []

    async def visitor(self, number, deadline):
        port = self.ports[number % len(self.ports)]
        completed = []
        answers = form_answers(self.category, email=f"visitor{number}@example.org")
        journey = Journey(answers=answers, completed=completed, port=port)
        while time.monotonic() < deadline:
            try:
                status = await asyncio.wait_for(journey.post_step(), 60)
            except (OSError, TimeoutError, AttributeError, IndexError, ValueError) as exc:
                self.failures.append(f"{type(exc).__name__}: {exc}")
                journey = Journey(answers=answers, completed=completed, port=port)
                continue
            self.statuses[status] += 1
            if status >= 500:
                self.failures.append(f"HTTP {status}")
            if completed:
                await self.confirmation(completed.pop(), journey, port)

    async def confirmation(self, location, journey, port):
        """The confirmation page shows the tracking number."""
        path = urlsplit(location)._replace(scheme="", netloc="").geturl()
        try:
            status, _, payload = await asyncio.wait_for(
                request("GET", path, headers=journey.headers(), port=port), 60
            )
        except (OSError, TimeoutError) as exc:
            self.failures.append(f"confirmation page: {type(exc).__name__}: {exc}")
            return
        found = re.search(rb'class="reference" dir="ltr">([^<]+)<', payload)
        if status != 200 or not found:
            self.failures.append(f"confirmation page answered {status} without a number")
            return
        self.confirmed.append((receipt_case_id(location), found.group(1).decode().strip()))

    async def run(self, seconds):
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(self.visitor(n, deadline) for n in range(CLIENTS)))


async def faults(processes, report, seconds):
    """While the clients submit: sweeps at once every few seconds, a worker killed and
    restarted after a quarter of the run, the leading clock killed at half of it."""
    started = time.monotonic()
    steps = [
        (0.25 * seconds, "kill worker"),
        (0.25 * seconds + 5, "restart worker"),
        (0.5 * seconds, "kill clock"),
    ]
    next_sweeps = 0.0
    while time.monotonic() - started < seconds:
        elapsed = time.monotonic() - started
        if elapsed >= next_sweeps:
            await asyncio.to_thread(sweeps_at_once)
            next_sweeps = elapsed + 4
        if steps and elapsed >= steps[0][0]:
            _, step = steps.pop(0)
            if step == "kill worker":
                processes.kill("worker-1")
                report["workers killed"] += 1
                say("SIGKILL worker-1")
            elif step == "restart worker":
                processes.start("worker-1", WORKER)
                say("worker-1 restarted")
            else:
                await kill_the_leading_clock(processes, report)
        await asyncio.sleep(0.5)


async def kill_the_leading_clock(processes, report):
    leader = await asyncio.to_thread(clock_leader)
    names = {p.pid: name for name, p in processes.running.items() if name.startswith("clock")}
    if leader not in names:
        report["clock takeover"] = f"no clock led before the kill (leader {leader})"
        return
    processes.kill(names[leader])
    killed = time.monotonic()
    say(f"SIGKILL {names[leader]} (the leader, pid {leader})")
    while time.monotonic() - killed < 60:
        successor = await asyncio.to_thread(clock_leader)
        if successor is not None and successor != leader:
            report["clock takeover"] = time.monotonic() - killed
            say(f"{names.get(successor, successor)} leads {report['clock takeover']:.1f} s later")
            break
        await asyncio.sleep(0.2)
    else:
        report["clock takeover"] = "no clock took over within 60 s"
    # The killed clock comes back, and stands by.
    processes.start(names[leader] + "-restarted", CLOCK)


async def proof(processes, ports, sink, report):
    from workflow.models import Category

    for port in ports:
        await ready(port)
    say(f"web servers answer on ports {ports[0]} and {ports[1]}")
    processes.start("worker-1", WORKER)
    processes.start("worker-2", WORKER)
    processes.start("clock-a", CLOCK)
    await asyncio.sleep(1)
    processes.start("clock-b", CLOCK)

    category = await asyncio.to_thread(lambda: Category.objects.values_list("pk", flat=True)[0])
    report["timers"] = await asyncio.to_thread(timers_bring_forward, SECONDS)
    report["workers killed"] = 0
    clients = Clients(ports, category)
    say(f"{CLIENTS} clients submit for {SECONDS:g} s; {len(report['timers'])} timers fall due")
    await asyncio.gather(clients.run(SECONDS), faults(processes, report, SECONDS))
    report["clients"] = clients
    say(f"{len(clients.confirmed)} complaints confirmed; waiting for the queue to drain")

    expected, _ = await asyncio.to_thread(acknowledgements_expected)
    deadline = time.monotonic() + DRAIN_SECONDS
    while time.monotonic() < deadline:
        left = await asyncio.to_thread(backlog)
        expected, _ = await asyncio.to_thread(acknowledgements_expected)
        missing = sum(1 for n in deliveries(expected, sink.received()).values() if not n)
        if not any(left.values()) and not missing:
            break
        await asyncio.sleep(2)
    report["drained in"] = time.monotonic() - (deadline - DRAIN_SECONDS)
    await asyncio.sleep(3)  # a late duplicate would arrive now


def verdict(report, sink) -> list[str]:
    from workflow.models import Case

    problems = []
    clients = report["clients"]
    if clients.failures:
        examples = Counter(clients.failures).most_common(3)
        problems.append(f"{len(clients.failures)} requests failed, e.g. {examples}")
    references = [reference for _, reference in clients.confirmed]
    recorded = dict(Case.objects.filter(reference__in=references).values_list("reference", "pk"))
    lost = [ref for ref in references if ref not in recorded]
    mismatched = [ref for pk, ref in clients.confirmed if recorded.get(ref, pk) != pk]
    duplicates = len(references) - len(set(references))
    all_refs = Case.objects.values_list("reference", flat=True)
    duplicates += all_refs.count() - all_refs.distinct().count()
    if lost or mismatched:
        problems.append(f"complaints lost: {len(lost)}, receipts naming another case: {mismatched}")
    if duplicates:
        problems.append(f"duplicate tracking numbers: {duplicates}")

    expected, wrong_rows = acknowledgements_expected()
    received = sink.received()
    per_ack = deliveries(expected, received)
    counts = Counter(per_ack.values())
    if wrong_rows:
        problems.append(f"cases without exactly one acknowledgement queued: {wrong_rows}")
    # The at-least-once window (docs/decisions.md): a worker killed between the server's
    # "accepted" and the outbox's record sends that message again. Tolerated only for a row
    # whose claim was released, every copy with the row's Message-ID, one per killed worker.
    repeats = [ack for ack, n in per_ack.items() if n > 1]
    ids = {}
    for to, subject, message_id in received:
        ids.setdefault((to, subject), set()).add(message_id)
    unexplained = [
        ack
        for ack in repeats
        if per_ack[ack] > 2 or not ack.retried or ids[(ack.to, ack.subject)] != {ack.message_id}
    ]
    if counts.get(0) or unexplained or len(repeats) > report["workers killed"]:
        problems.append(
            "acknowledgements delivered (times: cases): "
            + ", ".join(f"{times}: {n}" for times, n in sorted(counts.items()))
            + f"; repeats outside the at-least-once window: {len(unexplained)}"
        )
    left = backlog()
    if any(left.values()):
        problems.append(f"not drained within {DRAIN_SECONDS:g} s: {left}")
    fired = timers_fired(report["timers"])
    if set(fired) - {1}:
        problems.append(f"timers fired (next tasks started: timers): {dict(fired)}")
    takeover = report.get("clock takeover")
    if not isinstance(takeover, float) or takeover >= 60:
        problems.append(f"clock takeover: {takeover}")

    print("\nScale-out proof (2 web servers, 2 workers, 2 clocks, PostgreSQL", end="")
    print(f"{', Redis' if report['redis'] else ''}):")
    print(f"  requests by status            {dict(sorted(clients.statuses.items()))}")
    print(f"  complaints confirmed          {len(references)}  (lost {len(lost)})")
    print(f"  duplicate tracking numbers    {duplicates}")
    print(
        f"  acknowledgements              {len(expected)} cases; delivered exactly once: "
        f"{counts.get(1, 0)}; twice (killed worker, same Message-ID): {len(repeats)}; "
        f"never: {counts.get(0, 0)}"
    )
    twice = sum(n for times, n in fired.items() if times > 1)
    print(
        f"  timers due during the run     {len(report['timers'])}; "
        f"fired once: {fired[1]}; twice: {twice}"
    )
    if isinstance(takeover, float):
        takeover = f"{takeover:.1f} s"
    print(f"  clock takeover after SIGKILL  {takeover}")
    print(f"  queue drained in              {report['drained in']:.0f} s after the clients stopped")
    return problems


def main():
    started = time.monotonic()
    why = postgres_answers()
    if why is not None:
        if IN_CI:
            raise SystemExit(f"No PostgreSQL answers ({why}); CI needs it for the proof.")
        print(f"No PostgreSQL answers ({why}); the scale-out proof needs one: skipped.")
        return
    try:
        redis_command(REDIS_URL, "FLUSHDB")
        redis = REDIS_URL
    except OSError as exc:
        if IN_CI:
            raise SystemExit(f"Redis at {REDIS_URL} does not answer ({exc}); CI needs it.") from exc
        print(f"No Redis at {REDIS_URL} ({exc}): the cache is the database.")
        redis = ""

    from aiosmtpd.controller import Controller

    sink = Sink()
    smtp = Controller(sink, hostname=HOST, port=free_port())
    ports = [free_port(), free_port()]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.scaleout_settings",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": redis,
        "EMAIL_URL": f"smtp://{HOST}:{smtp.port}",
        "SITE_URL": f"http://{HOST}:{ports[0]}",
        "WORKER_SWEEP_SECONDS": "3",
        "WORKER_START_SECONDS": "0.5",
        "PYTHONUNBUFFERED": "1",
    }
    os.environ.update(env)
    processes = Processes(env)
    report = {"redis": bool(redis)}
    problems = ["did not finish"]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        for log in LOGS.glob("*.log"):
            log.unlink()
        say(f"scratch database {urlsplit(DATABASE_URL).path.strip('/')}: migrating, demo data")
        database_recreate()
        for command in (
            manage("migrate", "--noinput", "-v", "0"),
            manage("createcachetable"),
            manage("load_demo"),
        ):
            subprocess.run(
                command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, timeout=300
            )
        import django

        django.setup()
        smtp.start()
        for number, port in enumerate(ports, start=1):
            processes.start(f"web-{number}", web(port))
        asyncio.run(proof(processes, ports, sink, report))
        problems = verdict(report, sink)
    finally:
        processes.stop_all()
        with contextlib.suppress(Exception):
            smtp.stop()
        from django.db import connections

        connections.close_all()
        with contextlib.suppress(Exception):
            database_recreate(drop_only=True)
        if problems:
            processes.tails()
    print(f"  took                          {time.monotonic() - started:.0f} s")
    if problems:
        print("\nFAILED:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("\nAll held.")


if __name__ == "__main__":
    main()
