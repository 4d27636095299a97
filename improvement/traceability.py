"""ISO 10002 traceability: each clause, the feature that serves it, and the tests that prove it.

Three files, one direction:

- `improvement/data/clauses.toml`: the clauses 4 to 8 and what the software does for each (in
  the five languages), written by hand: the one source of the clause list.
- `improvement/data/iso10002-tests.json`: which tests prove which clause, generated from the
  tests' own markers (`@pytest.mark.iso("7.3")`) by pytest's collection (`manage.py
  iso_traceability` writes it with `docs/iso10002.md`); committed, so the page works on a
  machine where the tests never ran, and checked by a test so it never drifts from the markers.
- the last outcome of each of those tests, recorded by the pytest plugin
  (`tests/iso_plugin.py`) whenever they run (`var/iso10002-results.json`, or the setting
  `ISO10002_RESULTS_PATH`); absent until the tests run on this installation.

A sub-clause is covered when at least one of its tests passed in its last run; anything else
(no test, its tests failed, or they have not run here) is shown plainly as not covered.
"""

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.dateparse import parse_datetime

from workflow import datafiles

DATA = Path(__file__).resolve().parent / "data"
CLAUSES_PATH = DATA / "clauses.toml"
MAP_PATH = DATA / "iso10002-tests.json"

# A clause ("4") or sub-clause ("4.2") of clauses 4 to 8.
NUMBER = re.compile(r"^[4-8](\.[1-9][0-9]?)?$")

OUTCOMES = ("passed", "failed", "skipped")


def docs_path() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "iso10002.md"


def results_path() -> Path:
    """Where the plugin records the tests' last outcomes (not committed: per machine)."""
    default = Path(settings.BASE_DIR) / "var" / "iso10002-results.json"
    return Path(getattr(settings, "ISO10002_RESULTS_PATH", default))


# --- The clause list (improvement/data/clauses.toml)


@dataclass(frozen=True)
class Clause:
    number: str
    title: dict  # language -> text
    does: dict = field(default_factory=dict)
    feature: dict = field(default_factory=dict)
    link: str | list = ""
    code: str = ""
    general: bool = False

    @property
    def links(self) -> list[str]:
        return self.link if isinstance(self.link, list) else [self.link]

    @property
    def is_subclause(self) -> bool:
        return "." in self.number

    @property
    def parent(self) -> str:
        return self.number.split(".")[0]

    @property
    def key(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.number.split("."))


def _schema():
    languages = datafiles.language_codes()
    text = datafiles.Translated(languages)
    return datafiles.Table(
        required={
            "clause": datafiles.ListOf(
                datafiles.Table(
                    required={"number": str, "title": text},
                    optional={
                        "does": text,
                        "feature": text,
                        "link": datafiles.AnyOf(
                            (str, datafiles.ListOf(str)), "a URL name, page or path, or a list"
                        ),
                        "code": str,
                        "general": bool,
                    },
                )
            )
        }
    )


@cache
def clauses_load(path: Path = CLAUSES_PATH) -> tuple[Clause, ...]:
    """Every clause and sub-clause, in order (DataFileError if the file is wrong)."""
    data, file = datafiles.read(path, _schema())
    clauses = []
    for index, entry in enumerate(data["clause"]):
        key = f"clause[{index}]"
        number = entry["number"]
        if not NUMBER.match(number):
            file.fail(f"{key}.number", f"expected a clause of 4 to 8 like 7.3, found {number!r}")
        clause = Clause(**entry)
        if clause.is_subclause:
            for name in ("does", "feature", "link"):
                if name not in entry:
                    file.fail(f"{key}.{name}", "missing (a sub-clause says what serves it)")
            if clause.parent not in {c.number for c in clauses}:
                file.fail(f"{key}.number", f"{number} comes before its clause {clause.parent}")
        if clauses and clause.key <= clauses[-1].key:
            file.fail(f"{key}.number", f"{number} is out of order or repeated")
        clauses.append(clause)
    return tuple(clauses)


def subclause_numbers() -> list[str]:
    """The numbers a test may name in `@pytest.mark.iso(...)`."""
    return [clause.number for clause in clauses_load() if clause.is_subclause]


# --- The map (improvement/data/iso10002-tests.json), generated from the markers


def base_id(nodeid: str) -> str:
    """A test's id without its parameters: `tests/a.py::test_b[ar]` -> `tests/a.py::test_b`."""
    return nodeid.split("[", 1)[0]


def map_build(markers: dict[str, list[str]]) -> dict[str, list[str]]:
    """{clause: [test ids]} from {collected node id: [clauses of its iso markers]}, every
    sub-clause present (an empty list: no test proves it), in the clauses' order."""
    tests: dict[str, set[str]] = {number: set() for number in subclause_numbers()}
    for nodeid, clauses in markers.items():
        for number in clauses:
            if number not in tests:
                raise ValueError(f"{nodeid}: iso({number!r}) names no sub-clause of ISO 10002")
            tests[number].add(base_id(nodeid))
    return {number: sorted(ids) for number, ids in tests.items()}


def map_dumps(mapping: dict[str, list[str]]) -> str:
    return json.dumps({"clauses": mapping}, indent=2, ensure_ascii=False) + "\n"


def map_load(path: Path | None = None) -> dict[str, list[str]]:
    """The committed map (every sub-clause with no test when the file is absent)."""
    try:
        data = json.loads((path or MAP_PATH).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {number: [] for number in subclause_numbers()}
    return {number: data["clauses"].get(number, []) for number in subclause_numbers()}


# --- The last outcomes, recorded by the pytest plugin


def results_load(path: Path | None = None) -> dict[str, dict]:
    """{test id: {"outcome": "passed"|"failed"|"skipped", "at": ISO date}}; {} when the tests
    never ran here or the file is unreadable (then nothing is claimed)."""
    try:
        data = json.loads((path or results_path()).read_text(encoding="utf-8"))
        tests = data["tests"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    if not isinstance(tests, dict):
        return {}
    return {
        test: result
        for test, result in tests.items()
        if isinstance(result, dict) and result.get("outcome") in OUTCOMES
    }


def results_record(outcomes: dict[str, str], at: str, path: Path | None = None) -> None:
    """Record the outcomes of the tests that just ran over their previous ones (a run of a
    few tests keeps the others' last outcomes); written whole, then renamed."""
    path = path or results_path()
    tests = results_load(path)
    tests.update({test: {"outcome": outcome, "at": at} for test, outcome in outcomes.items()})
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".iso10002-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump({"tests": dict(sorted(tests.items()))}, file, indent=1)
    os.replace(temporary, path)


# --- What the page and the docs show


@dataclass
class ProvingTest:
    id: str
    outcome: str  # passed, failed, skipped, not_run
    at: str = ""

    @property
    def name(self) -> str:
        """`tests/a.py::test_the_case_is_closed` -> "the case is closed"."""
        return self.id.rsplit("::", 1)[-1].removeprefix("test_").replace("_", " ")

    @property
    def file(self) -> str:
        return self.id.split("::", 1)[0]

    @property
    def when(self) -> datetime | None:
        return parse_datetime(self.at) if self.at else None


@dataclass
class Row:
    clause: Clause
    title: str
    does: str
    feature: str
    url: str | None
    tests: list[ProvingTest]
    # covered; not covered: no_test, failed, not_run; for a general sub-clause: partial.
    status: str
    siblings_covered: int = 0
    siblings: int = 0

    @property
    def covered(self) -> bool:
        return self.status == "covered"


@dataclass
class Chapter:
    number: str
    title: str
    rows: list[Row]


@dataclass
class Report:
    chapters: list[Chapter]
    last_run: str

    @property
    def last_run_at(self) -> datetime | None:
        return parse_datetime(self.last_run) if self.last_run else None

    @property
    def rows(self) -> list[Row]:
        return [row for chapter in self.chapters for row in chapter.rows]

    @property
    def covered(self) -> int:
        return sum(row.covered for row in self.rows if not row.clause.general)

    @property
    def not_covered(self) -> list[Row]:
        return [row for row in self.rows if not row.clause.general and not row.covered]

    @property
    def total(self) -> int:
        return sum(not row.clause.general for row in self.rows)


def _text(texts: dict, language: str) -> str:
    return texts.get(language) or texts.get("en", "")


def link_url(link: str | list, language: str) -> str | None:
    """Where a feature is: a URL name, `page:<path>` (a public page in the reader's language)
    or a path, or the first of a list that exists. None when the URL name does not exist (the
    feature is not in this build)."""
    if isinstance(link, list):
        return next(filter(None, (link_url(one, language) for one in link)), None)
    if link.startswith("page:"):
        return f"/{language}/{link.removeprefix('page:')}"
    if link.startswith("/"):
        return link
    try:
        with translation.override(language):
            return reverse(link)
    except NoReverseMatch:
        return None


def _status(tests: list[ProvingTest]) -> str:
    outcomes = {test.outcome for test in tests}
    if not tests:
        return "no_test"
    if "passed" in outcomes:
        return "covered"
    if "failed" in outcomes:
        return "failed"
    return "not_run"


def report_build(
    mapping: dict[str, list[str]] | None = None,
    results: dict[str, dict] | None = None,
    language: str | None = None,
) -> Report:
    """Every clause with its sub-clauses, their features, tests, last outcomes and status, in
    `language` (the active one by default)."""
    mapping = map_load() if mapping is None else mapping
    results = results_load() if results is None else results
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    chapters: list[Chapter] = []
    for clause in clauses_load():
        if not clause.is_subclause:
            chapters.append(Chapter(clause.number, _text(clause.title, language), []))
            continue
        tests = [
            ProvingTest(
                test,
                results.get(test, {}).get("outcome", "not_run"),
                results.get(test, {}).get("at", ""),
            )
            for test in mapping.get(clause.number, [])
        ]
        chapters[-1].rows.append(
            Row(
                clause=clause,
                title=_text(clause.title, language),
                does=_text(clause.does, language),
                feature=_text(clause.feature, language),
                url=link_url(clause.link, language),
                tests=tests,
                status=_status(tests),
            )
        )
    for chapter in chapters:
        others = [row for row in chapter.rows if not row.clause.general]
        for row in chapter.rows:
            if row.clause.general and others:
                row.siblings = len(others)
                row.siblings_covered = sum(other.covered for other in others)
                complete = row.siblings_covered == row.siblings
                row.status = "covered" if complete or row.status == "covered" else "partial"
    last_run = max(
        (
            result.get("at", "")
            for test, result in results.items()
            if any(test in ids for ids in mapping.values())
        ),
        default="",
    )
    return Report(chapters, last_run)


# --- docs/iso10002.md


def markdown(mapping: dict[str, list[str]]) -> str:
    """The traceability table of the docs, generated from the clause list and the map (so it
    states which tests prove each clause, not whether they passed on some machine)."""
    report = report_build(mapping, results={}, language="en")
    proven = sum(bool(row.tests) for row in report.rows if not row.clause.general)
    lines = [
        "# ISO 10002:2018 traceability: clause → feature → tests",
        "",
        "<!-- Generated by `manage.py iso_traceability` from improvement/data/clauses.toml and the",
        "tests' `@pytest.mark.iso(...)` markers: do not edit by hand. -->",
        "",
        "Each sub-clause of ISO 10002:2018 clauses 4 to 8, what the software does for it, where,",
        'and the tests that prove it (they name the sub-clause with `@pytest.mark.iso("7.3")`).',
        "A sub-clause no test proves says **not covered**. The staff page",
        "`/staff/improvement/iso10002/` (auditors, complaints managers, top management) shows the",
        "same table in the reader's language with each test's last result on that installation.",
        "",
        f"{proven} of {report.total} sub-clauses have at least one test.",
        "",
    ]
    for chapter in report.chapters:
        lines += [f"## {chapter.number} {chapter.title}", ""]
        lines += [
            "| clause | what the software does | feature (where) | tests |",
            "| --- | --- | --- | --- |",
        ]
        for row in chapter.rows:
            if row.tests:
                tests = "<br>".join(f"`{test.id}`" for test in row.tests)
            elif row.clause.general:
                tests = f"see {row.clause.parent}.2 and after"
            else:
                tests = "**not covered**"
            links = " or ".join(f"`{link}`" for link in row.clause.links)
            where = (
                f"{row.feature} ({links}; {row.clause.code})" if row.clause.code else row.feature
            )
            cells = [f"{row.clause.number} {row.title}", row.does, where, tests]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        lines.append("")
    return "\n".join(lines)
