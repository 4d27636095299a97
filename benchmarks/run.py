"""`make bench`: requests per second of the public pages, the tracking lookup and a
submission, as ratios against bare Django views in the same run, served by gunicorn
(2 workers) twice: under the project's settings (its own middleware and apps) and under a
stock Django project's (`benchmarks/stock_settings.py`: Django's default apps and
middleware only, the same database), each by the same gunicorn command on its own port.
Both ratios are printed; the targets are judged against the stock reference. Also checks
that concurrent submissions lose nothing and never share a tracking number.

Environment: BENCH_SECONDS (per scenario, default 8), BENCH_PORT (default 8799; the stock
reference listens on the next port),
BENCH_DATABASE_URL (default: SQLite in var/bench.sqlite3; PostgreSQL when set),
BENCH_ONLY (comma-separated words: only the scenarios whose names contain one, besides the
reference views; `BENCH_ONLY=submission` while working on it).
"""

import asyncio
import os
import re
import shutil
import statistics
import subprocess  # runs this project's own commands
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"

PORT = int(os.environ.get("BENCH_PORT", "8799"))
STOCK_PORT = PORT + 1
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
HOST = "127.0.0.1"
ONLY = [word.strip() for word in os.environ.get("BENCH_ONLY", "").split(",") if word.strip()]
PYTHON = sys.executable
BIN = Path(PYTHON).parent


async def request(method, path, *, body=b"", headers=None, port=None):
    port = port or PORT
    reader, writer = await asyncio.open_connection(HOST, port)
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}", "Connection: close"]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    if body:
        lines.append(f"Content-Length: {len(body)}")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
    await writer.drain()
    data = await reader.read()
    writer.close()
    head, _, payload = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, head.decode("latin-1"), payload


WRK = shutil.which("wrk")
STOCK_GET = "stock bare GET (reference)"
STOCK_POST = "stock bare one-row POST (reference)"


def wrk(path, *, concurrency, seconds, method="GET", body="", headers=None, port=None):
    """Measure with wrk (C, light on the shared cores) when it is installed."""
    script = (
        f"wrk.method = {method!r}\n"
        f"wrk.body = {body!r}\n"
        + "".join(f"wrk.headers[{k!r}] = {v!r}\n" for k, v in (headers or {}).items())
    ).replace("'", '"')
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    command = [
        WRK,
        "-t",
        "2",
        "-c",
        str(concurrency),
        "-d",
        f"{max(1, round(seconds))}s",
        "--latency",
        "-s",
        handle.name,
        f"http://{HOST}:{port or PORT}{path}",
    ]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    os.unlink(handle.name)
    if finished.returncode:
        raise SystemExit(f"wrk failed: {finished.stderr or finished.stdout}")
    output = finished.stdout

    def number(pattern, default="0"):
        match = re.search(pattern, output)
        return match.group(1) if match else default

    def millis(text):
        match = re.match(r"([\d.]+)(us|ms|s|m)$", text)
        if not match:
            return 0.0
        value, unit = match.groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    errors = int(number(r"Non-2xx or 3xx responses: (\d+)"))
    socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    return {
        "rps": float(number(r"Requests/sec:\s+([\d.]+)")),
        "errors": errors + socket_errors,
        "median_ms": millis(number(r"50%\s+(\S+)", "0ms")),
        "p99_ms": millis(number(r"99%\s+(\S+)", "0ms")),
        "ok": None,
    }


async def load(make_request, *, concurrency, seconds, expect):
    """Run `make_request` from `concurrency` clients for `seconds`; return stats."""
    latencies, statuses = [], {}
    deadline = time.perf_counter() + seconds

    async def client():
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            status = await make_request()
            latencies.append(time.perf_counter() - started)
            statuses[status] = statuses.get(status, 0) + 1

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    ok = statuses.get(expect, 0)
    return {
        "rps": ok / elapsed,
        "ok": ok,
        "errors": sum(count for status, count in statuses.items() if status != expect),
        "median_ms": statistics.median(latencies) * 1000 if latencies else 0,
        "p99_ms": statistics.quantiles(latencies, n=100)[-1] * 1000 if len(latencies) > 100 else 0,
    }


def prepare():
    database = ROOT / "var" / "bench.sqlite3"
    if "BENCH_DATABASE_URL" not in os.environ:
        database.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    manage = [PYTHON, str(ROOT / "manage.py")]
    env = {**os.environ}
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], check=True, env=env)
    subprocess.run([*manage, "load_demo"], check=True, env=env, stdout=subprocess.DEVNULL)

    import django

    django.setup()
    from workflow import process
    from workflow.models import Category

    categories = list(Category.objects.all())
    seeded = []
    for number in range(60):
        submission = process.complaint_submit(
            kind="complaint",
            category=categories[number % len(categories)],
            description=f"Benchmark case {number}: the invoice was wrong.",
            language="en",
            consent=True,
            email=f"bench{number}@example.org",
        )
        seeded.append((submission.case.reference, f"bench{number}@example.org"))
    return seeded


def start_server(application="benchmarks.wsgi", port=PORT):
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            application,
            "--workers",
            "2",
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            status, _, _ = asyncio.run(request("GET", "/bench/bare/", port=port))
            if status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


async def csrf_session(path):
    status, head, payload = await request("GET", path)
    cookie = re.search(r"Set-Cookie: csrftoken=([^;]+)", head, re.I).group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', payload).group(1).decode()
    return cookie, token


def lookup_form(*, reference: str, second_factor: str, cookie: str, token: str):
    """The tracking lookup's POST body and headers (a CSRF cookie and its form token)."""
    body = urlencode(
        {"csrfmiddlewaretoken": token, "reference": reference, "second_factor": second_factor}
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "Referer": f"http://{HOST}:{PORT}/en/track/",
    }
    return body, headers


async def lookup_requester(pairs):
    """A tracking lookup POST that goes through `pairs` (tracking number, second factor) in
    turn, and the CSRF cookie and token it sends."""
    cookie, token = await csrf_session("/en/track/")
    counter = iter(range(10**9))

    async def lookup():
        reference, second_factor = pairs[next(counter) % len(pairs)]
        body, headers = lookup_form(
            reference=reference, second_factor=second_factor, cookie=cookie, token=token
        )
        return (await request("POST", "/en/track/", body=body.encode(), headers=headers))[0]

    return lookup, cookie, token


def form_answers(category: int, *, email: str = "load@example.org") -> dict:
    """Answers to each step of the public feedback form, by step (a complaint, by email)."""
    return {
        "kind": {"kind-kind": "complaint"},
        "about": {"about-category": category},
        "what": {"what-description": "The ticket machine swallowed my card."},
        "outcome": {"outcome-desired_outcome": "Give it back."},
        "files": {},
        "you": {"you-identity": "named", "you-name": "Load Test"},
        "contact": {"contact-email": email, "contact-language": "en"},
        "consent": {"consent-consent": "on"},
        "check": {},
    }


def cookies_from(head, jar):
    for name, value in re.findall(r"Set-Cookie: ([^=]+)=([^;]*)", head, re.I):
        jar[name] = value


class Journey:
    """One visitor walking the nine steps of the feedback form; each call posts the next
    step. The confirmation page's address (with its signed receipt) of every submission
    is appended to `completed`."""

    def __init__(self, *, answers, completed, port=None):
        self.answers, self.completed, self.port = answers, completed, port or PORT
        self.jar, self.step, self.token = {}, None, None

    async def start(self):
        status, head, _ = await request(
            "GET", "/en/feedback/?reset=1", headers=self.headers(), port=self.port
        )
        cookies_from(head, self.jar)
        location = re.search(r"Location: (\S+)", head).group(1)
        status, head, payload = await request(
            "GET", location, headers=self.headers(), port=self.port
        )
        cookies_from(head, self.jar)
        self.token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', payload).group(1)
        self.step = location.split("?")[0].rstrip("/").split("/")[-1]

    def headers(self):
        cookie = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        return {"Cookie": cookie} if cookie else {}

    async def post_step(self):
        if self.step is None:
            await self.start()
        data = {"csrfmiddlewaretoken": self.token.decode(), "feedback-current_step": self.step}
        data.update(self.answers[self.step])
        headers = {
            **self.headers(),
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://{HOST}:{self.port}/en/feedback/{self.step}/",
        }
        path = f"/en/feedback/{self.step}/"
        status, head, _ = await request(
            "POST", path, body=urlencode(data).encode(), headers=headers, port=self.port
        )
        cookies_from(head, self.jar)
        location = (re.search(r"Location: (\S+)", head) or [None, ""])[1]
        if status == 302 and "/confirmation/" in location:
            self.completed.append(location)
            self.step = None
        elif status == 302:
            self.step = location.split("?")[0].rstrip("/").split("/")[-1]
        else:
            self.step = None
        return status


def receipt_case_id(location: str) -> int:
    """The case a confirmation page's address names (its signed receipt)."""
    from django.core import signing

    from portal.views import RECEIPT_SALT

    receipt = unquote(re.search(r"receipt=([^&]+)", location).group(1))
    return signing.loads(receipt, salt=RECEIPT_SALT)


def wanted(name: str) -> bool:
    return not ONLY or "reference" in name or any(word in name for word in ONLY)


async def scenarios(seeded):
    results = {}

    def get(path, port=None):
        async def make():
            return (await request("GET", path, port=port))[0]

        return make

    async def measure(name, make, *, concurrency=16, expect=200, wrk_args=None):
        if not wanted(name):
            return
        # A short warm-up first, so that lazy imports and first connections are not timed.
        await load(make, concurrency=concurrency, seconds=min(1.0, SECONDS), expect=expect)
        if WRK and wrk_args is not None:
            results[name] = await asyncio.to_thread(
                wrk, concurrency=concurrency, seconds=SECONDS, **wrk_args
            )
        else:
            results[name] = await load(
                make, concurrency=concurrency, seconds=SECONDS, expect=expect
            )
        row = results[name]
        print(
            f"  {name:<34} {row['rps']:8.1f} req/s  median {row['median_ms']:6.1f} ms  "
            f"p99 {row['p99_ms']:6.1f} ms  errors {row['errors']}",
            flush=True,
        )

    def bare_post(port=None):
        async def make():
            return (
                await request(
                    "POST",
                    "/bench/bare-post/",
                    body=b"x=1",
                    headers={"Content-Type": "application/x-www-form-urlencoded"},
                    port=port,
                )
            )[0]

        return make

    bare_get_wrk = {"path": "/bench/bare/"}
    stock_get_wrk = {"path": "/bench/bare/", "port": STOCK_PORT}
    references_get = (
        ("bare GET (reference)", get("/bench/bare/"), {"wrk_args": bare_get_wrk}),
        (STOCK_GET, get("/bench/bare/", STOCK_PORT), {"wrk_args": stock_get_wrk}),
    )
    references_post = (
        ("bare one-row POST (reference)", bare_post(), {"concurrency": 32}),
        (STOCK_POST, bare_post(STOCK_PORT), {"concurrency": 32}),
    )

    async def reference_again(results):
        # The references again at the end; the ratios use the mean of both runs (the
        # machine's speed drifts during a run).
        for name, make, options in (*references_get, *references_post):
            first = results.pop(name)
            await measure(name, make, **options)
            results[name]["rps"] = (first["rps"] + results[name]["rps"]) / 2
        return results

    client = (
        "wrk for GETs and lookups" if WRK else "the built-in client (install wrk for less noise)"
    )
    print(f"Measuring, {SECONDS:g} s per scenario, with {client}:", flush=True)
    for name, make, options in references_get:
        await measure(name, make, **options)
    for path in ("/en/", "/ar/policy/", "/el/feedback/what/", "/tr/track/"):
        await measure(f"GET {path}", get(path), wrk_args={"path": path})

    track, cookie, token = await lookup_requester(seeded)

    reference, email = seeded[0]
    body, headers = lookup_form(
        reference=reference, second_factor=email, cookie=cookie, token=token
    )
    await measure(
        "tracking lookup (POST, 302 to the case)",
        track,
        expect=302,
        wrk_args={"path": "/en/track/", "method": "POST", "body": body, "headers": headers},
    )

    # The case's own page, where the lookup leads, read by the browser the lookup gave
    # access to (its signed cookie; a notification's link gives read access, then leads
    # there too).
    status, head, _ = await request("POST", "/en/track/", body=body.encode(), headers=headers)
    case_page = re.search(r"Location: (\S+)", head).group(1)
    granted = re.search(r"Set-Cookie: (case_access=[^;]+)", head).group(1)
    session = {"Cookie": f"{granted}; csrftoken={cookie}"}

    async def case_get():
        return (await request("GET", case_page, headers=session))[0]

    await measure(
        "GET case page (access cookie)",
        case_get,
        wrk_args={"path": case_page, "headers": session},
    )

    for name, make, options in references_post:
        await measure(name, make, **options)

    from workflow.models import Category  # Django was set up in prepare()

    category = await asyncio.to_thread(lambda: Category.objects.values_list("pk", flat=True)[0])
    answers = form_answers(category)
    completed = []

    journeys = {}

    async def form_step():
        task = asyncio.current_task()
        journey = journeys.setdefault(task, Journey(answers=answers, completed=completed))
        return await journey.post_step()

    await measure("form step POST (32 clients)", form_step, concurrency=32, expect=302)
    if "form step POST (32 clients)" in results:
        results["form step POST (32 clients)"]["journeys"] = len(completed)
    if not wanted("submission (final POST, 32 clients)"):
        return await reference_again(results), completed

    # A submission: the final POST that creates the case. 32 visitors walk the form up to
    # "check your answers" (not timed), then send it at the same moment (timed); again
    # until SECONDS of sending have been measured.
    async def ready_to_send():
        journey = Journey(answers=answers, completed=completed)
        await journey.start()
        while journey.step not in (None, "check"):
            await journey.post_step()
        return journey

    async def send(journey):
        started = time.perf_counter()
        status = await journey.post_step()
        latencies.append(time.perf_counter() - started)
        return status

    latencies, sent, failed, timed = [], 0, 0, 0.0
    while timed < SECONDS:
        batch = [j for j in await asyncio.gather(*(ready_to_send() for _ in range(32))) if j.step]
        started = time.perf_counter()
        statuses = await asyncio.gather(*(send(journey) for journey in batch))
        timed += time.perf_counter() - started
        sent += sum(status == 302 for status in statuses)
        failed += sum(status != 302 for status in statuses)
    latencies.sort()
    results["submission (final POST, 32 clients)"] = {
        "rps": sent / timed,
        "errors": failed,
        "median_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
    }
    row = results["submission (final POST, 32 clients)"]
    print(
        f"  {'submission (final POST, 32 clients)':<34} {row['rps']:8.1f} req/s  "
        f"median {row['median_ms']:6.1f} ms  p99 {row['p99_ms']:6.1f} ms  errors {failed}",
        flush=True,
    )
    return await reference_again(results), completed


def main():
    seeded = prepare()
    servers = [start_server()]
    try:
        servers.append(start_server("benchmarks.stock_wsgi", STOCK_PORT))
        results, receipts = asyncio.run(scenarios(seeded))
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    from workflow.models import Case

    case_ids = [receipt_case_id(receipt) for receipt in receipts]
    found = Case.objects.filter(pk__in=case_ids).count()
    distinct = Case.objects.filter(pk__in=case_ids).values("reference").distinct().count()
    lost = len(set(case_ids)) - found
    duplicates = len(case_ids) - len(set(case_ids)) + (found - distinct)

    bare = results["bare GET (reference)"]["rps"]
    bare_post = results["bare one-row POST (reference)"]["rps"]
    stock = results[STOCK_GET]["rps"]
    stock_post = results[STOCK_POST]["rps"]
    print(
        f"\nThe project's bare views run at {bare / stock:.2f}x (GET) and "
        f"{bare_post / stock_post:.2f}x (POST) of the stock ones."
    )
    print("Ratios: vs the stock bare view (target in brackets), vs the project's bare view:")
    failures = 0
    for name, row in results.items():
        if "reference" in name:
            continue
        if name.startswith("submission"):
            reference, ratio, target = bare_post, row["rps"] / stock_post, 0.2
        elif name.startswith("form step"):
            reference, ratio, target = bare_post, row["rps"] / stock_post, 0.25
        else:
            reference, ratio, target = bare, row["rps"] / stock, 0.25
        verdict = "ok" if ratio >= target and row["errors"] == 0 else "BELOW TARGET"
        failures += verdict != "ok"
        print(
            f"  {name:<34} {ratio:5.2f}x stock (>= {target}x)  {verdict:<12}  "
            f"{row['rps'] / reference:5.2f}x project"
        )
    print(
        f"\nCases submitted during the run (all scenarios): {len(receipts)}; "
        f"lost: {lost}; duplicate tracking numbers: {duplicates}"
    )
    if lost or duplicates:
        raise SystemExit(1)
    if failures:
        print(f"{failures} scenario(s) below target.")


if __name__ == "__main__":
    main()
