"""The fault tests' world: a temporary SQLite file shared by real processes (the worker,
the clock, and the probe serving requests), started with the environment each test gives
them, killed at the end of the test whatever happens."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def base_env(database: Path, **extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "EMAIL_", "ELASTICSEARCH_", "SEARCH_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.faults.settings",
        DATABASE_URL=f"sqlite:///{database}",
        PYTHONPATH=str(ROOT),
        EMAIL_URL="consolemail://",
        SUBMISSION_RATE_LIMIT="1000/m",
        TRACKING_RATE_LIMIT="1000/m",
        WORKER_START_SECONDS="0.3",
        WORKER_SWEEP_SECONDS="1",
        WORKER_HEARTBEAT_SECONDS="0.5",
        OUTBOX_RETRY_SECONDS="1",
        LOG_LEVEL="WARNING",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def run(args, env, *, timeout=120) -> dict:
    """Run a probe action to the end; its JSON answer."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.faults.probe", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def template_database(tmp_path_factory) -> Path:
    """Migrated and seeded once; each test works on a copy."""
    path = tmp_path_factory.mktemp("faults") / "template.sqlite3"
    env = base_env(path)
    subprocess.run(
        [*MANAGE, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True, timeout=300
    )
    run(["seed"], env)
    return path


class World:
    def __init__(self, database: Path, log_dir: Path):
        self.database = database
        self.log_dir = log_dir
        self.env = base_env(database)
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, name: str, args: list[str], **env) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            [*MANAGE, *args],
            cwd=ROOT,
            env={**self.env, **{key: str(value) for key, value in env.items()}},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        return process

    def worker(self, name="worker"):
        return self.start(name, ["db_worker", "--interval", "0.2", "--no-startup-delay"])

    def clock(self):
        return self.start("clock", ["clock"])

    def kill(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def probe(self, *args, timeout=120) -> dict:
        return run(list(args), self.env, timeout=timeout)

    def query(self, sql: str, params=()) -> list[tuple]:
        connection = sqlite3.connect(self.database, timeout=30)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    def wait_for(self, condition, *, timeout: float, what: str):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(0.2)
        logs = {path.name: path.read_text()[-2000:] for path in self.log_dir.glob("*.log")}
        raise AssertionError(f"Not within {timeout} s: {what}\n{logs}")

    def close(self):
        for name in list(self.processes):
            self.kill(name)


@pytest.fixture
def world(template_database, tmp_path):
    database = tmp_path / "db.sqlite3"
    shutil.copy(template_database, database)
    for suffix in ("-wal", "-shm"):
        if Path(f"{template_database}{suffix}").exists():
            shutil.copy(f"{template_database}{suffix}", f"{database}{suffix}")
    world = World(database, tmp_path)
    yield world
    world.close()


@pytest.fixture(scope="session")
def osmem():
    """The in-memory OpenSearch server (as in tests/search), for the engine coming back."""
    from osmem_server import OsmemServer

    server = OsmemServer.start(japanese=False, addr="127.0.0.1:0")
    yield server
    server.close()
