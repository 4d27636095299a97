"""`make bench` (third part): the improvement reports at 10,000 and 100,000 cases.

For each size (BENCH_REPORTS_SIZES, default "10000,100000") and each database (SQLite, kept
in var/bench-reports-<size>.sqlite3 between runs; PostgreSQL too when
BENCH_REPORTS_DATABASE_URL is set, in that database's name suffixed with _<size>, created
when missing), a fresh process migrates, loads the demo (with its year of history) and tops
the history up to the size with the demo's own generator (improvement/demo_history.py: closed
cases with their full history, a year back). It then times, through Django's test client
signed in as a complaints manager (the application's own work, without a network server):

- a bare view (the reference the other times are divided by),
- the improvement dashboard for its default year (`/staff/improvement/`),
- the KPIs of that year (`improvement.selectors.kpis_for`),
- the management-review pack, when the project has one (`improvement:reviews`).

Each is run once to warm up, then BENCH_REPORTS_REPEAT times (default 5): the median is
printed, with its ratio to the bare view and the growth factor from the smaller size to the
larger. Target: the dashboard under 0.5 s at 100,000 cases on PostgreSQL.
"""

import contextlib
import json
import os
import statistics
import subprocess  # runs this benchmark's own measuring process
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.sizes import measure_sizes  # noqa: E402 - after the path is set

SIZES = [int(size) for size in os.environ.get("BENCH_REPORTS_SIZES", "10000,100000").split(",")]
REPEAT = int(os.environ.get("BENCH_REPORTS_REPEAT", "5"))
FIRST_NUMBER = 1_000_000  # the benchmark's cases are numbered apart from the demo's history


def seed(size: int) -> float:
    """Migrate, load the demo and top its history up to `size` cases; returns the seconds
    the top-up took (0 when the database already holds them)."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v", "0"], ["createcachetable"], ["load_demo"]):
        subprocess.run([*manage, *command], check=True, env=os.environ, stdout=subprocess.DEVNULL)
    import django

    django.setup()
    from improvement.demo_history import cases_generate
    from workflow.demo_cases import demo_cases_read
    from workflow.models import Case

    have = Case.objects.count()
    if have >= size:
        return 0.0
    print(f"  seeding {size - have} cases…", file=sys.stderr, flush=True)
    started = time.perf_counter()
    cases_generate(count=size - have, first=FIRST_NUMBER, handlers=demo_cases_read().handlers)
    return time.perf_counter() - started


def timed(call) -> float:
    call()  # warm-up
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(size: int) -> dict:
    """In the measuring process: seed, then time each report."""
    seeded = seed(size)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from improvement.forms.dashboard import default_period
    from improvement.selectors import kpis_for
    from workflow import roles
    from workflow.models import Case

    user, _created = get_user_model().objects.get_or_create(username="bench-reports-manager")
    user.groups.add(Group.objects.get(name=roles.COMPLAINTS_MANAGER))
    client = Client()
    client.force_login(user)

    def get(path):
        def call():
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path}: status {response.status_code}")

        return call

    start, end = default_period(timezone.localdate())
    results = {
        "bare view (reference)": timed(get("/bench/bare/")),
        "dashboard, a year": timed(get(reverse("improvement:dashboard"))),
        "kpis_for, a year": timed(lambda: kpis_for(start, end, user=user)),
    }
    with contextlib.suppress(NoReverseMatch):
        results["management-review pack"] = timed(get(reverse("improvement:reviews")))
    return {"cases": Case.objects.count(), "seeded_seconds": seeded, "times": results}


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        print(json.dumps(measure(int(sys.argv[2]))))
        return
    table = measure_sizes(__file__, SIZES, name="reports", title="Reports benchmark")
    report(table)


def report(table: dict) -> None:
    for engine, sizes in table.items():
        ordered = sorted(sizes)
        print(f"\n{engine}: median of {REPEAT} (test client, signed in as a complaints manager)")
        header = "".join(f"{str(sizes[size]['cases']) + ' cases':>24}" for size in ordered)
        print(f"  {'scenario':<26}{header}   growth")
        names = list(sizes[ordered[0]]["times"])
        for name in names:
            cells, values = "", []
            for size in ordered:
                seconds = sizes[size]["times"].get(name)
                bare = sizes[size]["times"]["bare view (reference)"]
                values.append(seconds)
                cells += (
                    f"{seconds * 1000:11.1f} ms {seconds / bare:8.0f}×"
                    if seconds is not None
                    else f"{'-':>24}"
                )
            growth = (
                f"{values[-1] / values[0]:6.1f}×"
                if len(values) > 1 and None not in values and values[0]
                else ""
            )
            print(f"  {name:<26}{cells}   {growth}")
        largest = sizes[ordered[-1]]["times"]["dashboard, a year"]
        if engine == "PostgreSQL":
            verdict = "meets" if largest < 0.5 else "misses"
            print(
                f"  dashboard at {ordered[-1]} cases: {largest:.2f} s, {verdict} the 0.5 s target"
            )


if __name__ == "__main__":
    main()
