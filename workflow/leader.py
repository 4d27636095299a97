"""Leader election for the clock: of the clocks started (one by mistake, or a standby),
exactly one leads and queues work; the others stand by and take over when it dies.

- PostgreSQL: a session-level advisory lock (`pg_try_advisory_lock`) held on a connection
  of the clock's own, apart from Django's (which `CONN_MAX_AGE` and `close_old_connections`
  may close at any time). The leader re-checks on every tick that its session still holds
  the lock (a connection that broke lost it); a standby tries again every few seconds.
  The server releases the lock when the session ends: at once when the clock's process
  dies on the same host (its socket closes), and within about 25 s when its host vanishes
  (the session's TCP keepalives).
- SQLite (one machine): an exclusive `flock` on a file beside the database
  (`<database>.clock.lock`), released by the kernel when the process dies.
"""

import contextlib
import copy
import fcntl
import hashlib
import logging
import os
import tempfile
import time
from pathlib import Path

from django.db import connections

logger = logging.getLogger(__name__)

# The advisory lock's two keys: this project, then the clock. Advisory locks are per database.
ADVISORY_KEYS = (0x0C0A1002, 1)  # ISO 10002
# A standby tries to take the lead this often (seconds).
RETRY_SECONDS = 5.0


class PostgresLeadership:
    """Leads while its own session holds the advisory lock."""

    def __init__(self, *, alias: str = "default", retry_seconds: float = RETRY_SECONDS):
        self.alias = alias
        self.retry_seconds = retry_seconds
        self.connection = None
        self.leading = False
        self.next_try = 0.0

    def _connect(self):
        """A connection Django does not manage: not in `connections`, so neither
        CONN_MAX_AGE nor the request signals ever close it."""
        settings_dict = copy.deepcopy(connections[self.alias].settings_dict)
        settings_dict["CONN_MAX_AGE"] = None
        settings_dict["CONN_HEALTH_CHECKS"] = False
        options = settings_dict.setdefault("OPTIONS", {})
        # Never a pooled connection: the lock would stay with the pool, not with this clock.
        options.pop("pool", None)
        # The clock notices a dead server or network within seconds, not hours.
        options.setdefault("connect_timeout", 5)
        options.setdefault("keepalives", 1)
        options.setdefault("keepalives_idle", 10)
        options.setdefault("keepalives_interval", 5)
        options.setdefault("keepalives_count", 3)
        options.setdefault("tcp_user_timeout", 20000)
        wrapper = connections[self.alias].__class__(settings_dict, self.alias)
        with wrapper.cursor() as cursor:
            # The server ends the session, and so releases the lock, when the clock's host
            # stops answering. The name shows which clock leads (pg_stat_activity).
            cursor.execute("SET tcp_keepalives_idle = 10")
            cursor.execute("SET tcp_keepalives_interval = 5")
            cursor.execute("SET tcp_keepalives_count = 3")
            cursor.execute("SELECT set_config('application_name', %s, false)", [clock_name()])
        return wrapper

    def _drop(self):
        self.leading = False
        if self.connection is not None:
            with contextlib.suppress(Exception):
                self.connection.close()
        self.connection = None

    def hold(self) -> bool:
        """True while this clock leads: re-checks the lock when it holds it, tries to take
        it (every `retry_seconds`) when it does not."""
        if self.leading:
            try:
                with self.connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
                        " AND pid = pg_backend_pid() AND granted AND classid::bigint = %s"
                        " AND objid::bigint = %s AND objsubid = 2)",
                        list(ADVISORY_KEYS),
                    )
                    still = cursor.fetchone()[0]
            except Exception:  # noqa: BLE001 - a broken connection lost the lock
                logger.warning("Clock %s: lost its database session; standing by", os.getpid())
                still = False
            if still:
                return True
            self._drop()
            self.next_try = time.monotonic() + self.retry_seconds
            return False
        if time.monotonic() < self.next_try:
            return False
        self.next_try = time.monotonic() + self.retry_seconds
        try:
            if self.connection is None:
                self.connection = self._connect()
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", list(ADVISORY_KEYS))
                self.leading = bool(cursor.fetchone()[0])
        except Exception:  # noqa: BLE001 - the database is down: try again later
            logger.warning("Clock %s: could not reach the database to elect a leader", os.getpid())
            self._drop()
        return self.leading

    def release(self) -> None:
        self._drop()


def lock_file_path(alias: str = "default") -> Path:
    """The lock file beside the SQLite database (in the temporary directory for an
    in-memory one)."""
    name = str(connections[alias].settings_dict["NAME"])
    if name and name != ":memory:" and not name.startswith("file:"):
        return Path(f"{name}.clock.lock")
    digest = hashlib.sha256(name.encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"complaints-clock-{digest}.lock"


class FileLeadership:
    """Leads while it holds an exclusive `flock` on the lock file (one machine)."""

    def __init__(self, *, path: Path, retry_seconds: float = RETRY_SECONDS):
        self.path = Path(path)
        self.retry_seconds = retry_seconds
        self.handle = None
        self.next_try = 0.0

    @property
    def leading(self) -> bool:
        return self.handle is not None

    def _drop(self):
        if self.handle is not None:
            with contextlib.suppress(OSError):
                self.handle.close()  # closing the file releases the lock
        self.handle = None

    def hold(self) -> bool:
        if self.handle is not None:
            # Still the file others lock (not deleted or replaced meanwhile)?
            try:
                if os.stat(self.path).st_ino == os.fstat(self.handle.fileno()).st_ino:
                    return True
            except OSError:
                pass
            logger.warning(
                "Clock %s: its lock file %s went away; standing by", os.getpid(), self.path
            )
            self._drop()
            self.next_try = time.monotonic() + self.retry_seconds
            return False
        if time.monotonic() < self.next_try:
            return False
        self.next_try = time.monotonic() + self.retry_seconds
        handle = None
        try:
            handle = open(self.path, "a+")  # noqa: SIM115 - kept open while leading
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            if handle is not None:
                handle.close()
            return False
        handle.truncate(0)
        handle.write(f"{clock_name()}\n")
        handle.flush()
        self.handle = handle
        return True

    def release(self) -> None:
        self._drop()


def clock_name() -> str:
    return f"clock-{os.getpid()}"


def leadership_for(*, alias: str = "default", retry_seconds: float = RETRY_SECONDS):
    """The clock's leader election for the database behind `alias`."""
    if connections[alias].vendor == "postgresql":
        return PostgresLeadership(alias=alias, retry_seconds=retry_seconds)
    return FileLeadership(path=lock_file_path(alias), retry_seconds=retry_seconds)
