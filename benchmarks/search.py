"""`make bench` (second part): the staff search at 1,000, 10,000 and 100,000 cases.

For each size (BENCH_SEARCH_SIZES, default "1000,10000,100000") and each database (SQLite,
kept in var/bench-search-<size>.sqlite3 between runs; PostgreSQL too when
BENCH_SEARCH_DATABASE_URL is set, in that database's name suffixed with _<size>, created
when missing), a fresh process migrates and seeds cases up to the size (no demo data: it
holds more than the smallest size) with
descriptions in the five languages, indexed by the database backend. It then times, through
Django's test client (the application's own work, without a network server), one request at
a time, BENCH_SEARCH_REQUESTS times each (default 100, after 10 to warm up):

- a bare view (the reference),
- one word (`refund`, about 6 % of the cases), as a complaints manager (sees everything),
- faceted: a word with two facets chosen, sorted by due date (no case found at 1,000),
- the same with a page of cases at every size (a word, two facets, one with three values),
- facets only: one facet chosen, no words,
- facets only as a handler of one team (the counts cover only that team's cases),

and prints p50 and p95 per size, the cases found at each size and the growth factor of p95
from the smallest size to the largest. Target: at most 3x on PostgreSQL for every scenario.
"""

import json
import os
import random
import re
import statistics
import subprocess  # runs this benchmark's own measuring process
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.sizes import measure_sizes  # noqa: E402 - after the path is set

SIZES = [int(size) for size in os.environ.get("BENCH_SEARCH_SIZES", "1000,10000,100000").split(",")]
REQUESTS = int(os.environ.get("BENCH_SEARCH_REQUESTS", "100"))
TARGET = 3.0

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


SCENARIOS = {
    "one word": ("manager", {"q": "refund"}),
    "faceted (word + 2 facets, by due date)": (
        "manager",
        {"q": "bolletta", "status": "investigation", "channel": "web", "sort": "due"},
    ),
    # The same with a page of cases at every size (the one above finds none at 1,000).
    "faceted, a full page at every size": (
        "manager",
        {"q": "bolletta", "kind": "complaint", "channel": ["web", "email", "phone"], "sort": "due"},
    ),
    "facets only (one chosen)": ("manager", {"escalation": "2"}),
    "facets only, one team's handler": ("handler", {}),
}


def seed(size: int) -> float:
    """Migrate and add cases up to `size`, indexed by the database backend; returns the
    seconds the seeding took (0 when the database already holds them)."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v", "0"], ["createcachetable"]):
        subprocess.run([*manage, *command], check=True, env=os.environ, stdout=subprocess.DEVNULL)
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from search.backends.database import DatabaseBackend
    from workflow import references, roles
    from workflow.models import Case, Category, Complainant, Priority, Team

    roles.roles_sync()
    have = Case.objects.count()
    if have >= size:
        _vacuum()  # a migration may have rewritten every row
        return 0.0
    rng = random.Random(10002 + have)  # test data
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
    backend = DatabaseBackend()
    print(f"  seeding {size - have} cases…", file=sys.stderr, flush=True)
    for offset in range(have, size, 2000):
        cases = []
        for _ in range(min(2000, size - offset)):
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
                    priority=rng.choice([*priorities, None]),
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
    _vacuum()
    return time.perf_counter() - started


def _vacuum() -> None:
    """On PostgreSQL, what autovacuum does soon after a bulk change (the seeding, or a
    migration that rewrote every row), before measuring: dead rows reclaimed, statistics
    up to date. Measured without it, just after a migration that filled a column of every
    search entry, a word search read twice the pages (the dead rows' as well)."""
    if os.environ["BENCH_DATABASE_URL"].startswith("postgres"):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def users():
    """A complaints manager (sees everything) and a handler in one team."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from workflow import roles
    from workflow.models import Team

    model = get_user_model()
    manager, _created = model.objects.get_or_create(username="bench-search-manager")
    manager.groups.add(Group.objects.get(name=roles.COMPLAINTS_MANAGER))
    handler, _created = model.objects.get_or_create(username="bench-search-handler")
    handler.groups.add(Group.objects.get(name=roles.HANDLER))
    Team.objects.get_or_create(code="team-0", defaults={"name": "Team 0"})[0].members.add(handler)
    return {"manager": manager, "handler": handler}


def timed(call) -> dict:
    for _ in range(min(10, REQUESTS)):
        call()  # warm-up
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"p50": statistics.median(times), "p95": times[max(0, int(len(times) * 0.95) - 1)]}


def measure(size: int) -> dict:
    """In the measuring process: seed, then time each scenario."""
    seeded = seed(size)
    from django.test import Client

    from workflow.models import Case

    clients = {}
    for role, user in users().items():
        clients[role] = Client()
        clients[role].force_login(user)
    notes = {}

    def get(role, path, params=None):
        def call():
            response = clients[role].get(path, params or {})
            if response.status_code != 200:
                raise SystemExit(f"{path} {params}: status {response.status_code}")
            return response

        return call

    results = {"bare view (reference)": timed(get("manager", "/bench/bare/"))}
    for name, (role, params) in SCENARIOS.items():
        call = get(role, "/staff/search/", params)
        results[name] = timed(call)
        page = call().content.decode()
        notes[name] = "about" if 'class="approximate"' in page else "exact"
        found = re.search(r'id="results-heading">([\d,.\s]+) case', page)
        results[name]["found"] = int(re.sub(r"\D", "", found.group(1))) if found else None
    return {
        "cases": Case.objects.count(),
        "seeded_seconds": seeded,
        "times": results,
        "counts": notes,
        "query": urlencode(SCENARIOS["one word"][1]),
    }


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        print(json.dumps(measure(int(sys.argv[2]))))
        return
    table = measure_sizes(
        __file__, SIZES, name="search", title="Search benchmark", env={"ELASTICSEARCH_URL": ""}
    )
    report(table)


def report(table: dict) -> None:
    for engine, sizes in table.items():
        ordered = sorted(sizes)
        print(
            f"\n{engine}, database backend: p50 / p95 in ms of {REQUESTS} requests, one at a "
            "time (test client); facet counts exact or 'about'"
        )
        header = "".join(f"{str(sizes[size]['cases']) + ' cases':>26}" for size in ordered)
        print(f"  {'scenario':<40}{header}{'cases found':>16}   p95 growth")
        for name in sizes[ordered[0]]["times"]:
            cells, values = "", []
            for size in ordered:
                row = sizes[size]["times"][name]
                values.append(row["p95"])
                mark = sizes[size]["counts"].get(name, "")
                cells += f"{row['p50']:9.1f} /{row['p95']:7.1f} {mark:>7}"
            growth = values[-1] / values[0] if values[0] else 0
            found = [sizes[size]["times"][name].get("found") for size in ordered]
            cells += f"{'/'.join('-' if n is None else str(n) for n in found):>16}"
            verdict = ""
            if engine == "PostgreSQL" and name != "bare view (reference)":
                verdict = "  meets" if growth <= TARGET else "  misses"
                verdict += f" the {TARGET:g}x target"
            print(f"  {name:<40}{cells}   {growth:5.1f}x{verdict}")


if __name__ == "__main__":
    main()
