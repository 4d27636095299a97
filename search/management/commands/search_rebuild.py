"""Rebuild the search index from the database, without downtime."""

from django.core.management.base import BaseCommand, CommandError

from search.backends import get_backend
from search.backends.base import REBUILD_BATCH, SearchUnavailable


class Command(BaseCommand):
    help = (
        "Index every case again, in batches. On Elasticsearch a new index is built beside "
        "the live one and the alias swapped to it, then the old index deleted; searches keep "
        "working meanwhile. Documents of cases that no longer exist are removed. Exits with "
        "status 1 and one line when the engine cannot be reached."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=REBUILD_BATCH)

    def handle(self, *args, batch_size, **options):
        backend = get_backend()
        self.stdout.write(f"Rebuilding the {backend.name} search index…")

        def progress(done: int) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"  {done} cases indexed")

        try:
            report = backend.rebuild(batch_size=max(1, batch_size), progress=progress)
        except SearchUnavailable as exc:
            raise CommandError(
                f"The {backend.name} search engine does not answer ({exc}): nothing was "
                "rebuilt; the live index is unchanged. Run search_rebuild again once it answers.",
                returncode=1,
            ) from exc
        where = f" into {report.index}" if report.index else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {report.indexed} cases{where}; removed {report.removed} orphan documents."
            )
        )
