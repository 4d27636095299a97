"""`manage.py iso_traceability`: write the ISO 10002 clause → tests map and docs/iso10002.md
from the tests' `@pytest.mark.iso(...)` markers (pytest's collection, nothing run).

Run it after adding, removing or re-marking a test; `--check` only says whether the committed
files are up to date (tests/improvement/test_traceability.py checks the same in every run)."""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from improvement import traceability


def markers_collect() -> dict[str, list[str]]:
    """{node id: [clauses]} of every test, from `pytest --collect-only` in a new process."""
    base = Path(settings.BASE_DIR)
    with tempfile.TemporaryDirectory() as directory:
        output = Path(directory) / "markers.json"
        # Fixed arguments: this Python running pytest on the project's tests.
        completed = subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "pytest",
                "--collect-only",
                "-q",
                f"--iso-collect={output}",
                "-p",
                "no:cacheprovider",
                str(base / "tests"),
            ],
            cwd=base,
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0 or not output.exists():
            raise CommandError(
                "pytest could not collect the tests:\n"
                + completed.stdout[-4000:]
                + completed.stderr[-4000:]
            )
        return json.loads(output.read_text(encoding="utf-8"))


class Command(BaseCommand):
    help = "Write the ISO 10002 clause → tests map and docs/iso10002.md from the tests' markers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="change nothing; fail if the committed map or docs are out of date",
        )

    def handle(self, *args, check=False, **options):
        mapping = traceability.map_build(markers_collect())
        files = {
            traceability.MAP_PATH: traceability.map_dumps(mapping),
            traceability.docs_path(): traceability.markdown(mapping),
        }
        stale = [
            path
            for path, text in files.items()
            if not path.exists() or path.read_text(encoding="utf-8") != text
        ]
        names = ", ".join(str(path.relative_to(settings.BASE_DIR)) for path in stale)
        if check:
            if stale:
                raise CommandError(f"Out of date: {names}. Run: python manage.py iso_traceability")
            self.stdout.write("The ISO 10002 traceability map is up to date.")
            return
        for path in stale:
            path.write_text(files[path], encoding="utf-8")
        report = traceability.report_build(mapping, results={}, language="en")
        proven = sum(bool(row.tests) for row in report.rows if not row.clause.general)
        self.stdout.write(
            f"{proven} of {report.total} sub-clauses have a test. "
            + (f"Written: {names}." if stale else "Nothing changed.")
        )
