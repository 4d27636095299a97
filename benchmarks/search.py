"""`make bench` (second part): search over 100,000 cases.

Seeds BENCH_SEARCH_CASES cases (default 100,000; kept in var/bench-search.sqlite3 between
runs, or in BENCH_SEARCH_DATABASE_URL) with descriptions in the five languages, indexes
them with each backend available (the database backend always; Elasticsearch or
OpenSearch when ELASTICSEARCH_URL is set; with BENCH_SEARCH_OSMEM=1 and no URL, the
in-memory osmem server of the test extras, timed with BENCH_SEARCH_OSMEM_REQUESTS requests
as it is slow at this size), then serves the project with gunicorn (2 workers) and measures
one request at a time: staff searches of several kinds and the public tracking lookup,
median and p95 latency, each as a multiple of a bare Django view's latency measured by the
same server in the same run.
"""

import asyncio
import os
import random
import statistics
import subprocess  # runs this project's own commands
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CASES = int(os.environ.get("BENCH_SEARCH_CASES", "100000"))
DATABASE = os.environ.get(
    "BENCH_SEARCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-search.sqlite3'}"
)
os.environ["BENCH_DATABASE_URL"] = DATABASE
os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
REQUESTS = int(os.environ.get("BENCH_SEARCH_REQUESTS", "200"))
OSMEM_REQUESTS = int(os.environ.get("BENCH_SEARCH_OSMEM_REQUESTS", "5"))

from benchmarks.run import lookup_requester, request, start_server  # noqa: E402

# Phrases to build descriptions from, per language: enough words for a real vocabulary.
PHRASES = {
    "en": [
        "I was charged twice for the March invoice",
        "the refund for my cancelled ticket never arrived",
        "the staff at the counter were rude and did not listen",
        "my meter reading was wrong and the bill is far too high",
        "the heating in the waiting room has been broken for weeks",
        "nobody answered my letters or my emails",
        "the delivery was late and the parcel was damaged",
        "the website rejected my payment three times",
        "I waited two hours on the telephone line",
        "the contract terms were changed without notice",
    ],
    "ar": [
        "تم خصم المبلغ مرتين من فاتورة شهر مارس",
        "لم يصل استرداد ثمن التذكرة الملغاة",
        "كان الموظفون في الشباك غير مهذبين",
        "قراءة العداد خاطئة والفاتورة مرتفعة جدا",
        "والشكوى السابقة لم يرد عليها أحد",
        "تأخر التسليم ووصل الطرد تالفا",
        "رفض الموقع الدفع ثلاث مرات",
        "انتظرت ساعتين على الهاتف",
    ],
    "el": [
        "χρεώθηκα δύο φορές για τον λογαριασμό του Μαρτίου",
        "η επιστροφή χρημάτων για το ακυρωμένο εισιτήριο δεν έφτασε ποτέ",
        "το προσωπικό στο γκισέ ήταν αγενές",
        "η ένδειξη του μετρητή ήταν λάθος",
        "τα παράπονα μου έμειναν αναπάντητα",
        "η παράδοση καθυστέρησε και το δέμα χαλασμένο",
    ],
    "it": [
        "mi hanno addebitato due volte la bolletta di marzo",
        "il rimborso del biglietto annullato non è mai arrivato",
        "il personale allo sportello è stato scortese",
        "la lettura del contatore era sbagliata",
        "il reclamo precedente non ha avuto risposta",
        "la consegna è arrivata in ritardo e il pacco era danneggiato",
    ],
    "tr": [
        "mart faturası için iki kez ücret alındı",
        "iptal edilen biletin iadesi hiç gelmedi",
        "gişedeki personel kaba davrandı",
        "sayaç okuması yanlıştı ve fatura çok yüksek",
        "önceki şikayetler yanıtsız kaldı",
        "teslimat gecikti ve paket hasarlıydı",
    ],
}
NAMES = ["Amira Haddad", "Giorgos Papadopoulos", "Giulia Rossi", "Ayşe Yılmaz", "John Smith"]


def setup_django():
    import django

    django.setup()


def seed() -> None:
    """Create the cases once (kept between runs) and index them with the database backend."""
    (ROOT / "var").mkdir(exist_ok=True)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v", "0"], ["createcachetable"], ["load_demo"]):
        subprocess.run([*manage, *command], check=True, env=os.environ, stdout=subprocess.DEVNULL)
    setup_django()
    from django.db import transaction
    from django.utils import timezone

    from search.backends.database import DatabaseBackend
    from workflow import references, roles
    from workflow.models import Case, Category, Complainant, Priority, Team

    have = Case.objects.count()
    if have >= CASES:
        print(f"{have} cases already seeded in {DATABASE}", flush=True)
        return
    roles.roles_sync()
    rng = random.Random(10002)  # test data
    teams = [
        Team.objects.get_or_create(code=f"team-{n}", defaults={"name": f"Team {n}"})[0]
        for n in range(6)
    ]
    categories = [
        Category.objects.get_or_create(
            code=f"category-{n}", defaults={"name": f"Category {n}", "team": teams[n % 6]}
        )[0]
        for n in range(12)
    ]
    priorities = list(Priority.objects.all()) or [
        Priority.objects.create(code="normal", name="Normal", is_default=True)
    ]
    statuses = list(Case.Status.values)
    channels = list(Case.Channel.values)
    kinds = ["complaint"] * 8 + ["suggestion", "compliment"]
    now = timezone.now()
    started = time.perf_counter()
    batch_size = 2000
    backend = DatabaseBackend()
    print(f"Seeding {CASES - have} cases…", flush=True)
    for offset in range(have, CASES, batch_size):
        cases = []
        for _ in range(min(batch_size, CASES - offset)):
            language = rng.choice(list(PHRASES))
            text = ". ".join(rng.sample(PHRASES[language], 3)) + f". #{rng.randrange(10**6)}"
            received = now - timezone.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
            status = rng.choice(statuses)
            kind = rng.choice(kinds)
            category = rng.choice(categories)
            cases.append(
                Case(
                    reference=references.new_reference(kind),
                    access_salt=references.new_access_salt(),
                    kind=kind,
                    channel=rng.choice(channels),
                    language=language,
                    status=status,
                    category=category,
                    team=category.team,
                    priority=rng.choice(priorities),
                    description=text,
                    received_at=received,
                    due_at=None if status == "closed" else received + timezone.timedelta(days=10),
                    escalation_level=rng.choice([0, 0, 0, 0, 1, 2]),
                )
            )
        with transaction.atomic():
            Case.objects.bulk_create(cases)
            created = list(Case.objects.filter(reference__in=[c.reference for c in cases]))
            Complainant.objects.bulk_create(
                [
                    Complainant(
                        case=case,
                        name=rng.choice(NAMES),
                        email=f"person{case.pk}@example.org",
                        consent_at=now,
                    )
                    for case in created
                ]
            )
            backend.index_cases(created)
        done = offset + len(cases)
        rate = (done - have) / (time.perf_counter() - started)
        print(f"  {done} cases seeded and indexed ({rate:.0f}/s)", flush=True)


def staff_cookie() -> str:
    """A signed-in complaints manager (sees everything), as a session cookie."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore

    from workflow import roles

    user, _created = get_user_model().objects.get_or_create(username="bench-manager")
    roles.roles_sync()
    user.groups.add(Group.objects.get(name=roles.COMPLAINTS_MANAGER))
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


async def timed(name: str, make, count: int) -> dict:
    latencies = []
    for _ in range(min(20, count)):  # warm-up
        await make()
    for _ in range(count):
        started = time.perf_counter()
        status = await make()
        latencies.append((time.perf_counter() - started) * 1000)
        if status not in (200, 302):
            raise SystemExit(f"{name}: unexpected status {status}")
    latencies.sort()
    return {
        "median": statistics.median(latencies),
        "p95": latencies[int(len(latencies) * 0.95) - 1],
    }


async def measure(cookie: str, lookups: list[tuple[str, str]], *, requests: int) -> dict:
    results = {}

    def get(path, headers=None):
        async def make():
            return (await request("GET", path, headers=headers))[0]

        return make

    results["bare view (reference)"] = await timed("bare", get("/bench/bare/"), requests)
    staff = {"Cookie": cookie}
    searches = {
        "staff search: one word": {"q": "refund"},
        "staff search: two words, Greek": {"q": "παράπονα μετρητή"},
        "staff search: word with a typo": {"q": "invioce"},
        "staff search: word + 2 facets, by due date": {
            "q": "bolletta",
            "status": "investigation",
            "channel": "web",
            "sort": "due",
        },
        "staff search: facets only, page 40": {"escalation": "2", "page": "40"},
        "staff search: tracking number": {"q": lookups[0][0].lower().replace("-", "")},
    }
    for name, params in searches.items():
        results[name] = await timed(
            name, get(f"/staff/search/?{urlencode(params)}", staff), requests
        )

    lookup, _cookie, _token = await lookup_requester(lookups)

    results["tracking lookup (POST)"] = await timed("lookup", lookup, requests)
    return results


def report(backend: str, results: dict, count: int) -> None:
    bare = results["bare view (reference)"]
    print(f"\n{backend} backend, {CASES} cases, one request at a time ({count} each):")
    print(f"  {'scenario':<44} {'median':>9} {'p95':>9}   × bare (median, p95)")
    for name, row in results.items():
        print(
            f"  {name:<44} {row['median']:7.1f}ms {row['p95']:7.1f}ms   "
            f"{row['median'] / bare['median']:6.1f}× {row['p95'] / bare['p95']:6.1f}×"
        )


def main():
    seed()
    setup_django()
    from workflow.models import Case

    cookie = staff_cookie()
    lookups = [
        (case.reference, case.complainant.email)
        for case in Case.objects.select_related("complainant").order_by("?")[:50]
    ]
    engine_url = os.environ.pop("ELASTICSEARCH_URL", "")
    osmem = None
    if not engine_url and os.environ.get("BENCH_SEARCH_OSMEM") == "1":
        osmem = start_osmem()
        engine_url = osmem.url if osmem else ""
    backends = [("database", "")]
    if engine_url:
        backends.append((os.environ.get("SEARCH_ENGINE", "elasticsearch"), engine_url))
    try:
        for name, url in backends:
            os.environ["ELASTICSEARCH_URL"] = url
            if url:
                index_in_engine()
            server = start_server()
            try:
                count = OSMEM_REQUESTS if (url and osmem) else REQUESTS
                results = asyncio.run(measure(cookie, lookups, requests=count))
            finally:
                server.terminate()
                server.wait()
            report(name if not (url and osmem) else "osmem stand-in", results, count)
    finally:
        if osmem:
            osmem.close()


def start_osmem():
    """On request (BENCH_SEARCH_OSMEM=1), without ELASTICSEARCH_URL, the in-memory
    OpenSearch server of the test extras stands in, with the application's analysis as in
    production. It shows the engine path works at this size, not Elasticsearch's
    speed: it answers a faceted query over 100,000 documents in seconds, on one core."""
    try:
        from osmem_server import OsmemServer
    except ImportError:
        print("No ELASTICSEARCH_URL and no osmem-server: database backend only.")
        return None
    os.environ["SEARCH_ENGINE"] = "opensearch"
    return OsmemServer.start(japanese=False, addr="127.0.0.1:0")


def index_in_engine() -> None:
    os.environ.setdefault("SEARCH_INDEX_PREFIX", "bench")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "search_rebuild"],
        check=True,
        env=os.environ,
        stdout=subprocess.DEVNULL,
    )
    print(f"\nIndexed {CASES} cases in the engine in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
