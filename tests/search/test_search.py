from django.utils import timezone

import pytest

from search.analysis import surface
from search.backends.base import CaseQuery
from search.backends.database import DatabaseBackend
from search.documents import words
from search.selectors import case_search
from search.services import case_index
from workflow.selectors import Visibility

from ..conftest import make_case


def _case(category, description, **extra):
    case = make_case(category, description=description, **extra)
    case_index(case_id=case.pk)
    return case


def test_folding_handles_the_five_languages():
    assert surface("ΠΑΡΆΠΟΝΟ") == surface("παραπονο")
    assert surface("Perché") == "perche"
    assert words("İstanbul'da ŞİKAYET") == ["istanbul", "da", "sikayet"]
    assert words("والشكوى، الشكوى") == ["شكوي", "شكوي"]


@pytest.mark.django_db
@pytest.mark.iso("4.10")
@pytest.mark.iso("8.1")
def test_database_backend_finds_by_reference_and_words_within_visibility(staff, category, priority):
    refund = _case(category, "The refund for my cancelled ticket never arrived")
    _case(category, "Rude staff at the counter")
    everything = Visibility(everything=True)
    backend = DatabaseBackend()

    assert backend.search(
        visibility=everything, query=CaseQuery.build(text="refund ticket")
    ).cases == [refund]
    # Stemmed on PostgreSQL, two typing errors away elsewhere.
    assert backend.search(visibility=everything, query=CaseQuery.build(text="REFUNDED")).cases == [
        refund
    ]
    assert backend.search(visibility=everything, query=CaseQuery.build(text="cancel")).cases == [
        refund
    ]
    compact = refund.reference.replace("-", "").lower()
    assert backend.search(visibility=everything, query=CaseQuery.build(text=compact)).cases == [
        refund
    ]
    assert backend.search(
        visibility=everything, query=CaseQuery.build(text=refund.reference[:8])
    ).cases == [refund]
    assert backend.search(visibility=Visibility(), query=CaseQuery.build(text="refund")).cases == []
    assert (
        backend.search(
            visibility=Visibility(team_ids=frozenset({999})), query=CaseQuery.build(text="refund")
        ).total
        == 0
    )

    assert case_search(user=staff["manager"], query=CaseQuery.build(text="refund")).cases == [
        refund
    ]
    assert case_search(user=staff["outsider"], query=CaseQuery.build(text="refund")).cases == []


@pytest.mark.django_db
@pytest.mark.iso("8.1")
def test_search_index_follows_the_case(staff, category, priority):
    case = _case(category, "Broken heating in the waiting room")
    case.findings = "Thermostat wiring fault"
    case.save()
    case_index(case_id=case.pk)
    assert case_search(user=staff["manager"], query=CaseQuery.build(text="thermostat")).cases == [
        case
    ]
    case_id = case.pk
    case.delete()
    case_index(case_id=case_id)
    assert case_search(user=staff["manager"], query=CaseQuery.build(text="heating")).total == 0


@pytest.mark.django_db
def test_staff_search_lists_cases_nobody_handles_yet(
    client, staff, category, priority, django_capture_on_commit_callbacks
):
    """A fresh case has no handler: the results show a dash, not a server error."""
    from django.urls import reverse

    from ..conftest import make_case

    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(category, description="The refund never arrived.")
    client.force_login(staff["manager"])
    response = client.get(reverse("staff_search"), {"q": "refund"})
    assert response.status_code == 200
    assert case.reference in response.content.decode()


def test_arabic_particles_before_the_article_are_brought_to_the_article_form():
    assert words("والشكوى بالشكوى للشكوى فالشكوى الشكوى") == ["شكوي"] * 5
    # Short words that only look like it are left alone ("والد", father).
    assert words("والد شكوى") == ["والد", "شكوي"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "text", "query"),
    [
        ("ar", "وصلت الشكوى متأخرة والشكوى الثانية لم ترد", "شكوى"),
        ("it", "Il reclamo riguarda la bolletta di marzo", "reclami"),
        ("el", "Τα παράπονα για την καθυστέρηση", "παράπονο"),
        ("tr", "Faturayla ilgili şikayetler devam ediyor", "şikayet"),
        ("en", "The refund never arrived", "refunded"),
    ],
)
def test_staff_search_stems_each_language_on_every_database(
    staff, category, priority, language, text, query
):
    found = _case(category, text, language=language)
    _case(category, "Nothing to do with it", language=language)
    result = DatabaseBackend().search(
        visibility=Visibility(everything=True), query=CaseQuery.build(text=query)
    )
    assert result.cases == [found]


@pytest.mark.django_db
def test_postgresql_connections_plan_for_memory_and_do_not_compile_statements():
    """POSTGRES_RANDOM_PAGE_COST and POSTGRES_JIT reach every connection: with the server's
    defaults a word search read every document (random_page_cost 4) or spent 0.4 s
    compiling a statement that runs in 30 ms (JIT)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's own settings (the PostgreSQL pass of CI runs this)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
        cursor.execute("SHOW random_page_cost")
        page_cost = cursor.fetchone()[0]
    assert (jit, page_cost) == ("off", "1.1")


def _plan(sql: str, params) -> str:
    """PostgreSQL's plan of a statement, sequential scans discouraged: whether an index
    can serve it at all, whatever the test table's size."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
def test_postgresql_can_read_the_sample_and_the_chosen_facets_from_their_indexes(staff):
    """Migrations search.0008 and 0009: the sample's hash (as `_sampled` writes it) and the
    entries' facet columns are indexed, so PostgreSQL reads a search's sample through its
    index and combines the chosen facets' indexes with the text index."""
    from django.db import connection

    from search.backends import database
    from search.models import CaseSearchEntry
    from workflow.models import Case

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's indexes (the PostgreSQL pass of CI runs this)")
    sampled = database._sampled(Case.objects.values("id"), database._sample_threshold(0.01))
    assert "search_case_sample" in _plan(*sampled.query.sql_with_params())
    now = timezone.now()
    chosen = [
        database._selection_q("status", ("investigation",), now),
        database._selection_q("channel", ("web", "phone"), now),
        database._selection_q("team", (str(staff["team"].pk),), now),
    ]
    entries = CaseSearchEntry.objects.filter(database._fails_at_most_one(chosen)).values("pk")
    plan = _plan(*entries.query.sql_with_params())
    # Without the indexes, the only plan is a sequential scan (priced high, but chosen).
    assert "Seq Scan" not in plan and "Bitmap Index Scan on search_entry_" in plan, plan
