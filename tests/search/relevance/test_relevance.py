"""The relevance suite: judged queries over a corpus in the five languages
(corpus.toml), run against every backend: the database backend on the database the tests
use (SQLite in `make test`, PostgreSQL when DATABASE_URL names one, as CI's second run does)
and the Elasticsearch backend on the in-memory engine (osmem). The pass rate of each backend
is printed; below 95 % the build fails. Every query is also run as a member of one team:
the results are exactly the cases of that team among everything found."""

import tomllib
import unicodedata
from pathlib import Path

from django.db import connection

import pytest

from search.backends.base import CaseQuery
from workflow.models import Case
from workflow.selectors import Visibility

from ...conftest import SUMMARY
from ...factories import CaseFactory, CategoryFactory, ComplainantFactory, TeamFactory

CORPUS = tomllib.loads((Path(__file__).parent / "corpus.toml").read_text(encoding="utf-8"))
THRESHOLD = 0.95
KINDS = {"complaint": Case.Kind.COMPLAINT, "suggestion": Case.Kind.SUGGESTION}
KINDS["compliment"] = Case.Kind.COMPLIMENT


def test_the_corpus_is_big_enough_and_covers_every_class():
    queries = CORPUS["query"]
    assert len(queries) >= 150
    keys = {case["key"] for case in CORPUS["case"]}
    assert {case["language"] for case in CORPUS["case"]} == {"en", "ar", "el", "it", "tr"}
    classes = {query["class"] for query in queries}
    wanted = {"accents", "tashkeel", "turkish-i", "elision", "inflection", "typo", "name"}
    wanted |= {"tracking", "tracking-partial", "tracking+word", "name+word", "mixed", "phrase"}
    wanted |= {"not-a-tracking-number", "long-word", "decomposed", "arabic-article", "tatweel"}
    assert wanted <= classes
    for query in queries:
        named = {*query.get("expect", []), *query.get("exclude", []), *query.get("top", [])}
        named |= {query["first"]} if "first" in query else set()
        assert named <= keys, query
        assert query.get("expect") or query.get("nothing"), query


def _corpus():
    teams = {name: TeamFactory(code=f"team-{name}", name=f"Team {name}") for name in "ab"}
    categories = {
        name: CategoryFactory(code=f"cat-{name}", name=f"Category {name}", team=team)
        for name, team in teams.items()
    }
    cases = {}
    for item in CORPUS["case"]:
        extra = {"reference": item["reference"]} if "reference" in item else {}
        case = CaseFactory(
            kind=KINDS[item.get("kind", "complaint")],
            language=item["language"],
            category=categories[item["team"]],
            description=item["text"],
            **extra,
        )
        ComplainantFactory(case=case, name=item["name"], email=item["email"])
        cases[item["key"]] = case
    return teams, cases


def _judge(query: dict, found: list[str]) -> str:
    """What is wrong with the keys found for a query ("" when nothing is)."""
    if query.get("nothing"):
        return f"expected nothing, found {found}" if found else ""
    missing = [key for key in query.get("expect", []) if key not in found]
    if missing:
        return f"missing {missing}"
    wrong = [key for key in query.get("exclude", []) if key in found]
    if wrong:
        return f"found excluded {wrong}"
    if "first" in query and found[:1] != [query["first"]]:
        return f"first is {found[:1]}, not {query['first']}"
    top = query.get("top", [])
    if top and set(found[: len(top)]) != set(top):
        return f"top {found[: len(top)]}, not {top}"
    return ""


def _typed(query: dict) -> str:
    text = query["q"]
    return unicodedata.normalize("NFD", text) if query["class"] == "decomposed" else text


@pytest.mark.iso("8.1")
def test_relevance(search_backend, record_property):
    teams, cases = _corpus()
    search_backend.index_cases(list(cases.values()))
    key_of = {case.pk: key for key, case in cases.items()}
    team_a = Visibility(team_ids=frozenset({teams["a"].pk}))
    everything = Visibility(everything=True)
    failures, leaks = [], []
    for query in CORPUS["query"]:
        text = _typed(query)
        result = search_backend.search(
            visibility=everything, query=CaseQuery.build(text=text, page_size=100)
        )
        found = [key_of[case.pk] for case in result.cases]
        problem = _judge(query, found)
        if problem:
            failures.append(f"  {query['class']}: {query['q']!r}: {problem}")
        # Permissions: as a member of team a, exactly team a's cases among those found.
        mine = search_backend.search(
            visibility=team_a, query=CaseQuery.build(text=text, page_size=100)
        )
        expected = {case.pk for case in result.cases if case.team_id == teams["a"].pk}
        if {case.pk for case in mine.cases} != expected or mine.total != len(expected):
            leaks.append(query["q"])
    total = len(CORPUS["query"])
    rate = (total - len(failures)) / total
    label = search_backend.name
    if label == "database":
        label = f"database backend on {connection.vendor}"
    else:
        label = f"{label} backend on osmem"
    # Printed at the end of the run (tests/conftest.py), whichever worker ran it.
    record_property(
        SUMMARY, f"Relevance, {label}: {total - len(failures)}/{total} queries pass ({rate:.1%})"
    )
    for line in failures:
        record_property(SUMMARY, line)
    assert not leaks, f"results outside the team for {leaks}"
    assert rate >= THRESHOLD, f"{label}: {rate:.1%} below {THRESHOLD:.0%}"
