"""What the benchmarks that grow a database (search.py, reports.py) share: a SQLite file,
and a PostgreSQL database when asked, per size; each size measured in a fresh process of
the benchmark itself (`<script> --measure <size>`, which prints one JSON row last)."""

import json
import os
import subprocess  # runs the benchmark's own measuring process
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def databases(size: int, name: str) -> list[tuple[str, str]]:
    """(engine, URL) to measure `size` cases on: SQLite in var/bench-<name>-<size>.sqlite3,
    and PostgreSQL when BENCH_<NAME>_DATABASE_URL is set (its database name + _<size>)."""
    found = [("SQLite", f"sqlite:///{ROOT / 'var' / f'bench-{name}-{size}.sqlite3'}")]
    url = os.environ.get(f"BENCH_{name.upper()}_DATABASE_URL")
    if url:
        parts = urlsplit(url)
        database = f"{parts.path.lstrip('/') or f'bench_{name}'}_{size}"
        found.append(("PostgreSQL", urlunsplit(parts._replace(path=f"/{database}"))))
    return found


def postgres_create(url: str) -> None:
    """The database of `url`, created when missing (connecting to the server's `postgres`)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def measure_sizes(script: str, sizes: list[int], *, name: str, title: str, env=None) -> dict:
    """{engine: {size: row}}: `script --measure <size>` run on each database of each size."""
    (ROOT / "var").mkdir(exist_ok=True)
    table: dict[str, dict[int, dict]] = {}
    for size in sizes:
        for engine, url in databases(size, name):
            if engine == "PostgreSQL":
                postgres_create(url)
            print(f"{title}: {engine}, {size} cases…", flush=True)
            done = subprocess.run(
                [sys.executable, script, "--measure", str(size)],
                check=True,
                env={
                    **os.environ,
                    "BENCH_DATABASE_URL": url,
                    "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
                    **(env or {}),
                },
                stdout=subprocess.PIPE,
                text=True,
            )
            row = json.loads(done.stdout.strip().splitlines()[-1])
            if row["seeded_seconds"]:
                print(f"  seeded in {row['seeded_seconds']:.0f} s", flush=True)
            table.setdefault(engine, {})[size] = row
    return table
