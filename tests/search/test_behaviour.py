"""The search behaviour every backend shares (run once per backend, see conftest.py)."""

from datetime import date, datetime, timedelta

from django.utils import timezone

import pytest

from search.backends.base import CaseQuery
from search.documents import MARK_END, MARK_START, highlight_html
from workflow.models import Case, CaseEvent
from workflow.selectors import Visibility

from ..factories import CaseFactory, CategoryFactory, ComplainantFactory, PriorityFactory

EVERYTHING = Visibility(everything=True)


def at(day: int, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(2026, 3, day, hour, 0))


@pytest.fixture
def world(staff):
    billing = CategoryFactory(code="billing", name="Billing", team=staff["team"])
    service = CategoryFactory(code="service", name="Service", team=staff["other_team"])
    normal = PriorityFactory(code="normal", name="Normal", rank=1)
    urgent = PriorityFactory(code="urgent", name="Urgent", rank=5, is_default=False)
    return {"billing": billing, "service": service, "normal": normal, "urgent": urgent}


def index(backend, *cases):
    backend.index_cases(list(cases))
    return cases


def find(backend, visibility=EVERYTHING, **query):
    return backend.search(visibility=visibility, query=CaseQuery.build(**query))


def refs(result):
    return [case.reference for case in result.cases]


def facet(result, name):
    return {item.value: item.count for item in result.facets[name] if item.count}


def test_tracking_number_exact_compact_lowercase_or_its_start(search_backend, world):
    case, _other = index(
        search_backend,
        CaseFactory(category=world["billing"], description="Invoice charged twice"),
        CaseFactory(category=world["billing"], description="Invoice charged once"),
    )
    compact = case.reference.replace("-", "").lower()
    for text in (case.reference, compact, case.reference.lower(), case.reference[:9]):
        assert refs(find(search_backend, text=text)) == [case.reference], text


def test_every_word_must_match_whatever_its_case_and_accents(search_backend, world):
    invoice, heating, greek = index(
        search_backend,
        CaseFactory(category=world["billing"], description="The refund for my ticket is late"),
        CaseFactory(category=world["billing"], description="No refund: heating broken"),
        CaseFactory(category=world["billing"], language="el", description="Ένα παράπονο"),
    )
    assert refs(find(search_backend, text="REFUND ticket")) == [invoice.reference]
    assert set(refs(find(search_backend, text="refund"))) == {
        invoice.reference,
        heating.reference,
    }
    assert refs(find(search_backend, text="ΠΑΡΑΠΟΝΟ")) == [greek.reference]
    assert find(search_backend, text="refund elephant").total == 0


def test_typos_are_tolerated(search_backend, world):
    refund, heating = index(
        search_backend,
        CaseFactory(category=world["billing"], description="The refund never arrived"),
        CaseFactory(category=world["billing"], description="Heating broken in the hall"),
    )
    assert refs(find(search_backend, text="refumd")) == [refund.reference]  # one letter wrong
    assert refs(find(search_backend, text="heatnig")) == [heating.reference]  # two swapped
    assert find(search_backend, text="zzzzzzz").total == 0


def test_matches_are_highlighted_in_the_original_text(search_backend, world):
    (case,) = index(
        search_backend,
        CaseFactory(category=world["billing"], description="<b>Refund</b> of the deposit, please"),
    )
    result = find(search_backend, text="refund")
    fragment = result.highlights[case.pk]
    assert f"{MARK_START}Refund{MARK_END}" in fragment
    html = highlight_html(fragment)
    assert "<mark>Refund</mark>" in html and "&lt;b&gt;" in html and "<b>" not in html
    assert find(search_backend).highlights == {}


@pytest.mark.iso("8.1")
def test_findings_decision_category_and_public_messages_are_searched(search_backend, world):
    case = CaseFactory(
        category=world["billing"],
        description="Charged twice",
        findings="Thermostat wiring",
        decision="We will reimburse you",
    )
    CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.MESSAGE, is_public=True, note="Please send the receipt"
    )
    index(search_backend, case)
    for text in ("thermostat", "reimburse", "receipt", "billing"):
        assert refs(find(search_backend, text=text)) == [case.reference], text


@pytest.mark.iso("8.1")
def test_staff_find_a_case_by_the_complainants_name_or_email(search_backend, world):
    person = ComplainantFactory(
        case=CaseFactory(category=world["billing"]), name="Zeynep Kaya", email="zk@example.org"
    )
    index(search_backend, person.case)
    assert refs(find(search_backend, text="Kaya")) == [person.case.reference]
    assert refs(find(search_backend, text="zk@example.org")) == [person.case.reference]


@pytest.mark.iso("4.10")
def test_only_what_the_user_may_see_is_found_and_counted(search_backend, world, staff):
    mine = CaseFactory(category=world["billing"], handler=staff["handler"], description="refund")
    teams = CaseFactory(category=world["billing"], description="refund")
    other = CaseFactory(category=world["service"], description="refund")
    review = CaseFactory(category=world["service"], description="refund", status="review")
    index(search_backend, mine, teams, other, review)

    handler_only = Visibility(handler_id=staff["handler"].pk)
    assert refs(find(search_backend, handler_only, text="refund")) == [mine.reference]
    team = Visibility(team_ids=frozenset({staff["team"].pk}))
    assert set(refs(find(search_backend, team, text="refund"))) == {mine.reference, teams.reference}
    result = find(search_backend, Visibility(statuses=frozenset({"review"})))
    assert refs(result) == [review.reference] and facet(result, "team") == {
        str(staff["other_team"].pk): 1
    }
    nothing = find(search_backend, Visibility(), text="refund")
    assert (
        nothing.total == 0
        and nothing.cases == []
        and not any(item.count for items in nothing.facets.values() for item in items)
    )


@pytest.fixture
def spread(search_backend, world, staff):
    """Six cases across every facet."""
    now = timezone.now()
    cases = [
        CaseFactory(
            category=world["billing"],
            priority=world["urgent"],
            status="received",
            channel="web",
            language="ar",
            received_at=at(2),
            due_at=now - timedelta(hours=3),
            escalation_level=2,
        ),
        CaseFactory(
            category=world["billing"],
            priority=world["normal"],
            status="investigation",
            channel="phone",
            language="en",
            received_at=at(5),
            due_at=now + timedelta(days=2),
        ),
        CaseFactory(
            category=world["service"],
            priority=world["normal"],
            status="investigation",
            channel="web",
            language="it",
            received_at=at(9),
            due_at=now - timedelta(days=1),
            escalation_level=1,
        ),
        CaseFactory(
            category=world["service"],
            priority=world["urgent"],
            status="closed",
            channel="email",
            language="en",
            received_at=at(9, 18),
            due_at=now - timedelta(days=4),
            closed_at=at(20),
        ),
        CaseFactory(
            category=world["billing"],
            priority=world["normal"],
            status="received",
            kind="suggestion",
            channel="web",
            language="tr",
            received_at=at(15),
        ),
        CaseFactory(
            category=world["service"],
            priority=world["normal"],
            status="received",
            kind="compliment",
            channel="counter",
            language="el",
            received_at=at(28),
            due_at=now + timedelta(days=5),
        ),
    ]
    index(search_backend, *cases)
    return cases


def test_facets_count_every_value_among_visible_cases(search_backend, spread, world, staff):
    result = find(search_backend)
    assert result.total == 6
    assert facet(result, "status") == {"received": 3, "investigation": 2, "closed": 1}
    assert facet(result, "kind") == {"complaint": 4, "suggestion": 1, "compliment": 1}
    assert facet(result, "category") == {str(world["billing"].pk): 3, str(world["service"].pk): 3}
    assert facet(result, "priority") == {str(world["urgent"].pk): 2, str(world["normal"].pk): 4}
    assert facet(result, "channel") == {"web": 3, "phone": 1, "email": 1, "counter": 1}
    assert facet(result, "language") == {"ar": 1, "en": 2, "it": 1, "tr": 1, "el": 1}
    assert facet(result, "team") == {str(staff["team"].pk): 3, str(staff["other_team"].pk): 3}
    # Overdue: open and past due (the closed case past its date is not).
    assert facet(result, "overdue") == {"yes": 2, "no": 4}
    assert facet(result, "escalation") == {"0": 4, "1": 1, "2": 1}


def test_filters_or_within_a_facet_and_across_facets(search_backend, spread, world):
    a, b, c, d, e, f = (case.reference for case in spread)
    result = find(search_backend, filters={"channel": ["web", "phone"]}, sort="oldest")
    assert refs(result) == [a, b, c, e]
    result = find(
        search_backend,
        filters={"channel": ["web", "phone"], "category": [world["billing"].pk]},
        sort="oldest",
    )
    assert refs(result) == [a, b, e]
    # A facet's own choice does not shrink its counts; the other facets' choices do.
    channels = {item.value: (item.count, item.selected) for item in result.facets["channel"]}
    assert channels["web"] == (2, True) and channels["phone"] == (1, True)
    assert channels["counter"][1] is False
    assert facet(result, "category") == {str(world["billing"].pk): 3, str(world["service"].pk): 1}
    assert refs(find(search_backend, filters={"overdue": ["yes"]}, sort="oldest")) == [a, c]
    assert refs(find(search_backend, filters={"escalation": ["1", "2"]}, sort="oldest")) == [a, c]
    assert refs(find(search_backend, filters={"status": ["closed"], "language": ["en"]})) == [d]
    assert refs(find(search_backend, filters={"kind": ["compliment"]})) == [f]
    # Unknown facets are ignored, unknown values find nothing.
    assert find(search_backend, filters={"colour": ["red"]}).total == 6
    assert find(search_backend, filters={"status": ["nonsense"]}).total == 0


def test_a_word_search_counts_its_facets_as_a_search_without_words_does(
    search_backend, spread, world, staff
):
    """Every case says "wrong": with words, the total, the facets and the page (from one
    pass over the word's matches on the database) are those of the same search without
    words, chosen facets counted without their own choice, for none to three chosen facets,
    in every sort order, on a second page and past the last one."""
    for sort in ("newest", "oldest", "due", "escalation"):
        for page in (1, 2, 9):  # 9: past the last page, the last one
            plain = find(search_backend, sort=sort, page=page, page_size=4)
            worded = find(search_backend, text="wrong", sort=sort, page=page, page_size=4)
            assert refs(worded) == refs(plain) and worded.page == plain.page, (sort, page)
    choices = [
        {},
        {"channel": ["web", "phone"]},
        {"channel": ["web", "phone"], "category": [world["billing"].pk]},
        {"status": ["received"], "overdue": ["no"], "team": [staff["team"].pk]},
        {"escalation": ["1", "2"], "language": ["ar", "it"]},
    ]
    for filters in choices:
        plain = find(search_backend, filters=filters, sort="oldest")
        worded = find(search_backend, text="wrong", filters=filters, sort="oldest")
        assert plain.total and refs(worded) == refs(plain), filters
        assert worded.total == plain.total, filters
        for name in plain.facets:
            assert facet(worded, name) == facet(plain, name), (filters, name)
        assert not worded.approximate
    # Nothing visible: no counts, no error.
    nobody = find(search_backend, Visibility(), text="wrong", filters={"channel": ["web"]})
    assert nobody.total == 0 and not any(facet(nobody, name) for name in nobody.facets)


@pytest.mark.parametrize("search_backend", ["database"], indirect=True)
def test_the_database_backends_stock_path_finds_and_counts_as_its_statements(
    search_backend, spread, world, staff, settings, monkeypatch
):
    """SPEED_SEARCH_STATEMENTS=off (docs/speed.md: a count and a query per facet through
    the ORM, words as a filter, ranked by a subquery per case) gives the pages, totals and
    counts of the backend's own statements, ranking included, and samples the same cases
    past the exact limit."""
    person = ComplainantFactory(
        case=CaseFactory(category=world["billing"], received_at=at(1), description="Boiler"),
        name="Anna Meter",
    )
    index(
        search_backend,
        person.case,
        CaseFactory(
            category=world["billing"],
            received_at=at(20),
            description="Meter wrong, meter replaced, meter still wrong",
        ),
        CaseFactory(category=world["service"], received_at=at(21), description="Meter wrong once"),
    )
    team = Visibility(team_ids=frozenset({staff["team"].pk}))
    searches = [
        {"text": "meter"},
        {"text": "meter wrong", "filters": {"overdue": ["no"]}},
        {"text": "wrong", "filters": {"channel": ["web", "phone"], "status": ["received"]}},
        {"text": person.case.reference[:8]},
        {"filters": {"channel": ["web"], "priority": [world["urgent"].pk]}},
        {"visibility": team, "text": "wrong", "filters": {"language": ["ar", "it"]}},
        {"visibility": team},
    ]
    for sort in ("relevance", "newest", "oldest", "due", "escalation"):
        for page in (1, 2, 9):
            searches.append({"text": "wrong", "sort": sort, "page": page, "page_size": 3})

    def seen(query):
        result = find(search_backend, **query)
        counts = {name: facet(result, name) for name in result.facets}
        return refs(result), result.total, result.page, counts, result.approximate

    def both(query):
        settings.SPEED_SEARCH_STATEMENTS = True
        statements = seen(query)
        settings.SPEED_SEARCH_STATEMENTS = False
        return statements, seen(query)

    for query in searches:
        statements, stock = both(query)
        assert stock == statements, query
    assert both({"text": "meter"})[1][0][0] == person.case.reference  # the name first
    # Past the exact limit, counts are sampled from the same cases either way.
    monkeypatch.setattr("search.backends.database.FACET_EXACT_LIMIT", 3)
    monkeypatch.setattr("search.backends.database.FACET_SAMPLE", 4)
    for query in ({}, {"filters": {"channel": ["web"]}}, {"filters": {"status": ["received"]}}):
        statements, stock = both(query)
        assert stock == statements and stock[-1], query


def test_received_date_range_includes_both_days(search_backend, spread):
    a, b, c, d, e, f = (case.reference for case in spread)
    result = find(
        search_backend, received_from=date(2026, 3, 5), received_to=date(2026, 3, 9), sort="oldest"
    )
    assert refs(result) == [b, c, d]
    assert refs(find(search_backend, received_from=date(2026, 3, 15), sort="oldest")) == [e, f]
    assert refs(find(search_backend, received_to=date(2026, 3, 2))) == [a]


def test_sort_orders(search_backend, spread):
    a, b, c, d, e, f = (case.reference for case in spread)
    assert refs(find(search_backend, sort="newest")) == [f, e, d, c, b, a]
    assert refs(find(search_backend)) == [f, e, d, c, b, a]  # relevance without words
    assert refs(find(search_backend, sort="oldest")) == [a, b, c, d, e, f]
    # Soonest due first; cases without a due date last (newest first among them).
    assert refs(find(search_backend, sort="due")) == [d, c, a, b, f, e]
    assert refs(find(search_backend, sort="escalation"))[:2] == [a, c]


def test_relevance_puts_the_best_match_first(search_backend, world):
    once, often = index(
        search_backend,
        CaseFactory(
            category=world["billing"],
            received_at=at(20),
            description="The meter reading was wrong and nobody answered my letters",
        ),
        CaseFactory(
            category=world["billing"],
            received_at=at(1),
            description="Meter wrong, meter replaced, meter still wrong",
        ),
    )
    assert refs(find(search_backend, text="meter")) == [often.reference, once.reference]
    assert refs(find(search_backend, text="meter", sort="newest")) == [
        once.reference,
        often.reference,
    ]


def test_pages(search_backend, spread):
    newest_first = [case.reference for case in reversed(spread)]
    first = find(search_backend, sort="newest", page_size=4)
    assert (first.total, first.pages, first.page) == (6, 2, 1) and refs(first) == newest_first[:4]
    second = find(search_backend, sort="newest", page_size=4, page=2)
    assert refs(second) == newest_first[4:] and second.page == 2
    beyond = find(search_backend, sort="newest", page_size=4, page=9)
    assert beyond.page == 2 and refs(beyond) == newest_first[4:]


@pytest.mark.iso("8.1")
def test_documents_follow_the_case_and_go_with_it(search_backend, world):
    (case,) = index(search_backend, CaseFactory(category=world["billing"], description="Leak"))
    case.findings = "Corroded valve"
    case.status = Case.Status.CLOSED
    case.save()
    index(search_backend, case)
    assert refs(find(search_backend, text="valve", filters={"status": ["closed"]})) == [
        case.reference
    ]
    case_id = case.pk
    case.delete()
    search_backend.remove_cases([case_id])
    assert find(search_backend, text="valve").total == 0
    assert find(search_backend).total == 0


def test_health_counts_the_documents(search_backend, world):
    index(
        search_backend,
        CaseFactory(category=world["billing"]),
        CaseFactory(category=world["billing"]),
    )
    health = search_backend.health()
    assert health.reachable and health.documents == 2


# Issue 15: one analysis, the same answers on every backend.


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("والشكوى الثانية لم يرد عليها أحد", "شكوى"),
        ("أرسلت رسالة للشكوى", "الشكوى"),
        ("الموظـــف كان غير مهذب", "موظف"),
        ("المشكلة في الفاتورة", "الفاتوره"),
        ("Οι χρεώσεις είναι λάθος", "χρέωση"),
        ("Ekran kırık geldi", "KIRIK"),
        ("Paket ISLAK teslim edildi", "ıslak"),
        ("Ho ricevuto la fattura dell'ordine sbagliata", "dell'ordine"),
        ("A cancellation fee was applied", "cancelled"),
        ("Three deliveries were missed", "delivery"),
    ],
)
def test_each_language_is_analysed_alike_on_every_backend(search_backend, world, written, typed):
    case, _other = index(
        search_backend,
        CaseFactory(category=world["billing"], description=written),
        CaseFactory(category=world["billing"], description="Nothing to do with it"),
    )
    assert refs(find(search_backend, text=typed)) == [case.reference]


def test_tashkeel_and_decomposed_accents_never_split_a_word(search_backend, world):
    import unicodedata

    arabic, greek = index(
        search_backend,
        CaseFactory(category=world["billing"], description="والشكوى لم يرد عليها أحد"),
        CaseFactory(category=world["billing"], description="Ένα παράπονο για την παράδοση"),
    )
    assert refs(find(search_backend, text="الشَّكْوَى")) == [arabic.reference]
    decomposed = unicodedata.normalize("NFD", "παράπονο")
    assert refs(find(search_backend, text=decomposed)) == [greek.reference]


def test_words_that_start_like_a_tracking_number_are_words(search_backend, world):
    suggestion, sugar, italian, refund = index(
        search_backend,
        CaseFactory(category=world["billing"], description="A suggestion about the desk"),
        CaseFactory(category=world["billing"], description="The cake contained sugar"),
        CaseFactory(category=world["billing"], description="Prodotti suggeriti non disponibili"),
        CaseFactory(category=world["billing"], description="The refund never came"),
    )
    assert refs(find(search_backend, text="suggestion")) == [suggestion.reference]
    assert refs(find(search_backend, text="sugar")) == [sugar.reference]
    assert refs(find(search_backend, text="suggeriti")) == [italian.reference]
    # Every complaint's tracking number starts with CMP, and it is among its words.
    assert refs(find(search_backend, text="cmp refund")) == [refund.reference]


def test_a_word_longer_than_any_indexed_word_finds_nothing(search_backend, world):
    index(search_backend, *CaseFactory.create_batch(3, category=world["billing"]))
    assert find(search_backend, text="x" * 80).total == 0
    assert find(search_backend, text="refund" * 12).total == 0


def test_phrases_in_quotes_match_words_in_a_row(search_backend, world):
    late, man = index(
        search_backend,
        CaseFactory(category=world["billing"], description="Late delivery of my parcel"),
        CaseFactory(category=world["billing"], description="The delivery man was late"),
    )
    assert refs(find(search_backend, text='"late delivery"')) == [late.reference]
    assert refs(find(search_backend, text="“LATE DELIVERY” parcel")) == [late.reference]
    assert refs(find(search_backend, text='"delivery man"')) == [man.reference]
    assert set(refs(find(search_backend, text="late delivery"))) == {
        late.reference,
        man.reference,
    }


def test_a_name_or_a_tracking_number_with_a_word_finds_the_case(search_backend, world):
    person = ComplainantFactory(
        case=CaseFactory(category=world["billing"], description="My refund is late"),
        name="Seán O'Brien",
        email="sean@example.ie",
    )
    other = CaseFactory(category=world["billing"], description="Another refund")
    index(search_backend, person.case, other)
    case = person.case
    assert refs(find(search_backend, text="Brien refund")) == [case.reference]
    assert refs(find(search_backend, text=f"{case.reference} refund")) == [case.reference]
    assert refs(find(search_backend, text=f"refund {case.reference[:8]}")) == [case.reference]
    assert find(search_backend, text=f"{case.reference} sugar").total == 0


def test_an_exact_name_ranks_first(search_backend, world):
    words = index(
        search_backend,
        *[
            CaseFactory(
                category=world["billing"],
                language="tr",
                description="Kaya düştü, kaya kırıldı, kayalar ve kayaya bakan kaya duvarı",
            )
            for _ in range(12)
        ],
    )
    person = ComplainantFactory(
        case=CaseFactory(category=world["billing"], description="The washing machine broke"),
        name="Ayşe Kaya",
        email="ayse@example.com.tr",
    )
    index(search_backend, person.case)
    result = find(search_backend, text="Kaya")
    assert result.total == len(words) + 1
    assert refs(result)[0] == person.case.reference


NASTY = (
    '"',
    '"""',
    '" "',
    "*",
    "AND OR NOT",
    "NEAR(a b)",
    "a:*",
    "'",
    "''",
    "\\",
    "ـــ",
    "َ",
    "😀 refund",
    "ǅemal",
    "x_y",
    "-CMP-",
    "CMP--7K3Q",
    "SUG SUG SUG",
    "a & b | !c <-> d",
    "{words} : x",
    "ı" * 300,
)


def test_no_query_text_causes_an_error(search_backend, world):
    index(search_backend, CaseFactory(category=world["billing"], description="refund"))
    for text in NASTY:
        assert find(search_backend, text=text).total in (0, 1), text
