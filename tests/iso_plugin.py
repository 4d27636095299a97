"""The ISO 10002 traceability plugin (loaded by tests/conftest.py).

- Checks every `@pytest.mark.iso(...)` at collection: one argument, a sub-clause listed in
  improvement/data/clauses.toml (a typo fails the run instead of proving nothing).
- `--iso-collect=PATH`: writes {node id: [clauses]} of the collected tests to PATH, from
  pytest's own collection (module `pytestmark`, classes and parameters included);
  `manage.py iso_traceability` runs `pytest --collect-only --iso-collect=...` and writes the
  committed map and docs/iso10002.md from it.
- After a run, records the outcome of each marked test that ran (passed, failed, skipped) over
  the previous ones, for the staff traceability page (improvement.traceability.results_path()).
  A test with parameters failed if any of its cases failed. `--iso-no-record` turns it off.
  Under pytest-xdist (`make test` runs on every core) the workers collect and run the tests:
  each marked test carries its clauses in its reports' `user_properties`, and only the
  controller, which receives every report, records the outcomes.
"""

import json
from datetime import UTC, datetime

import pytest


def pytest_addoption(parser):
    group = parser.getgroup("iso10002", "ISO 10002 traceability")
    group.addoption(
        "--iso-collect",
        metavar="PATH",
        help="write the ISO 10002 clauses of the collected tests to PATH (JSON)",
    )
    group.addoption(
        "--iso-no-record",
        action="store_true",
        help="do not record the outcomes of the tests marked iso(...)",
    )


def _clauses(item, known: set[str]) -> list[str]:
    clauses = set()
    for marker in item.iter_markers("iso"):
        if len(marker.args) != 1 or marker.kwargs or marker.args[0] not in known:
            raise pytest.UsageError(
                f"{item.nodeid}: @pytest.mark.iso{marker.args!r} must name one sub-clause of "
                f'ISO 10002 listed in improvement/data/clauses.toml, e.g. iso("7.3")'
            )
        clauses.add(marker.args[0])
    return sorted(clauses, key=lambda number: tuple(map(int, number.split("."))))


# failed beats passed beats skipped, across phases (setup, call, teardown) and parameters.
_RANK = {"skipped": 0, "passed": 1, "failed": 2}
# The user property naming a test's clauses in its reports (they reach the xdist controller).
_PROPERTY = "iso10002"


class IsoTraceability:
    def __init__(self, config):
        self.config = config
        self.markers: dict[str, list[str]] = {}
        self.outcomes: dict[str, str] = {}
        # Whether this session collected every test (`pytest`, `make test`): then its markers
        # are the whole map, and the check of the committed map needs no collection of its own.
        self.complete = False
        self._deselected = False

    def pytest_deselected(self, items):
        self._deselected = self._deselected or bool(items)

    def pytest_collection_finish(self, session):
        from improvement import traceability

        known = set(traceability.subclause_numbers())
        for item in session.items:
            clauses = _clauses(item, known)
            if clauses:
                self.markers[item.nodeid] = clauses
                item.user_properties.append((_PROPERTY, clauses))
        start = self.config.invocation_params.dir
        paths = {(start / arg.split("::")[0]).resolve() for arg in self.config.args}
        everything = paths == {(self.config.rootpath / "tests").resolve()}
        self.complete = everything and not self._deselected
        path = self.config.getoption("iso_collect")
        if path:
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(self.markers, handle, indent=1)

    def pytest_runtest_logreport(self, report):
        if not any(name == _PROPERTY for name, _value in report.user_properties):
            return
        if report.failed:
            outcome = "failed"
        elif report.skipped:
            outcome = "skipped"
        elif report.when == "call":
            outcome = "passed"
        else:
            return
        from improvement import traceability

        test = traceability.base_id(report.nodeid)
        if _RANK[outcome] > _RANK.get(self.outcomes.get(test), -1):
            self.outcomes[test] = outcome

    def pytest_sessionfinish(self, session):
        if not self.outcomes or self.config.getoption("iso_no_record"):
            return
        if hasattr(self.config, "workerinput"):  # a pytest-xdist worker: the controller records
            return
        from improvement import traceability

        at = datetime.now(UTC).replace(microsecond=0).isoformat()
        traceability.results_record(self.outcomes, at)


def pytest_configure(config):
    config.pluginmanager.register(IsoTraceability(config), "iso10002-traceability")
