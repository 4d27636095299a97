"""Report the search index's health; exit status 1 when it is unhealthy."""

import json

from django.core.management.base import BaseCommand, CommandError

from search.backends import get_backend
from workflow.models import Case, OutboxMessage

SHOWN = 10


def _sample(ids: list[int]) -> str:
    more = f" (+{len(ids) - SHOWN} more)" if len(ids) > SHOWN else ""
    return ", ".join(str(pk) for pk in ids[:SHOWN]) + more


class Command(BaseCommand):
    help = (
        "Whether the search engine answers, how many documents it holds against the cases "
        "in the database, the drift between them (cases missing from the index, documents "
        "older or newer than their case, documents of cases that are gone) and the backlog "
        "of search updates waiting in the outbox. Exits with status 1 when unhealthy (an "
        "unreachable engine included: then one line says so)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, **options):
        report = self.report()
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2, default=str))
        else:
            self.print(report)
        if not report["healthy"]:
            raise CommandError("The search index is unhealthy.", returncode=1)

    def report(self) -> dict:
        backend = get_backend()
        health = backend.health()
        search = OutboxMessage.objects.filter(channel=OutboxMessage.Channel.SEARCH)
        backlog = {
            "pending": search.filter(state=OutboxMessage.State.PENDING).count(),
            "failed": search.filter(state=OutboxMessage.State.FAILED).count(),
        }
        failing = search.filter(state=OutboxMessage.State.FAILED).order_by("-pk").first()
        report = {
            "backend": health.backend,
            "reachable": health.reachable,
            "error": health.error,
            "problem": health.problem,
            "documents": health.documents,
            "cases": Case.objects.count(),
            "details": health.details,
            "outbox": {**backlog, "last_error": failing.last_error if failing else ""},
            "drift": None,
        }
        if health.reachable:
            drift = backend.drift()
            report["drift"] = {
                "missing": drift.missing,
                "stale": drift.stale,
                "orphans": drift.orphans,
            }
        report["healthy"] = bool(
            health.reachable
            and not health.problem
            and report["drift"] is not None
            and not any(report["drift"].values())
            and not backlog["failed"]
        )
        return report

    def print(self, report: dict) -> None:
        write = self.stdout.write
        outbox = report["outbox"]
        if not report["reachable"]:
            # One line: what is wrong, why, what waits, what to do.
            write(
                self.style.ERROR(
                    f"UNREACHABLE: the {report['backend']} search engine does not answer "
                    f"({report['error']}); {outbox['pending']} pending, {outbox['failed']} "
                    "failed search updates wait in the outbox (delivered once it answers)."
                )
            )
            return
        write(f"Backend: {report['backend']}, reachable")
        if report["problem"]:
            write(self.style.ERROR(f"Index problem: {report['problem']}"))
        for key, value in report["details"].items():
            write(f"  {key}: {value}")
        write(f"Documents: {report['documents']} for {report['cases']} cases")
        drift = report["drift"]
        if drift is not None:
            write(f"Missing from the index: {len(drift['missing'])} {_sample(drift['missing'])}")
            write(f"Out of date: {len(drift['stale'])} {_sample(drift['stale'])}")
            write(f"Of cases that are gone: {len(drift['orphans'])} {_sample(drift['orphans'])}")
        write(f"Outbox: {outbox['pending']} pending, {outbox['failed']} failed search updates")
        if outbox["last_error"]:
            write(f"  last error: {outbox['last_error']}")
        if report["healthy"]:
            write(self.style.SUCCESS("Healthy."))
        else:
            write(self.style.ERROR("Unhealthy: once the engine answers, run search_rebuild."))
