"""Revoke the access code and every tracking link of one or more cases (a lost or
forwarded notification, a shared code): `manage.py case_access_revoke CMP-7K3Q-9XD2 ...
--reason "..."`. Each revocation is recorded in the case's history with who and why."""

import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from workflow import services
from workflow.models import Case
from workflow.references import normalise_reference


class Command(BaseCommand):
    help = (
        "Revoke the access code and every signed tracking link issued so far for the "
        "given tracking numbers; a new access code replaces the old one."
    )

    def add_arguments(self, parser):
        parser.add_argument("references", nargs="+", metavar="TRACKING_NUMBER")
        parser.add_argument(
            "--reason", required=True, help="Why (recorded in each case's history)."
        )
        parser.add_argument(
            "--by",
            default="",
            metavar="USERNAME",
            help="The staff member on whose behalf this is done (recorded as the actor).",
        )
        parser.add_argument(
            "--notify",
            action="store_true",
            help="Email the new access code and link to complainants who gave an email.",
        )

    def handle(self, *args, references, reason, by="", notify=False, **options):
        if not reason.strip():
            raise CommandError("Give a reason with --reason.")
        actor = None
        if by:
            actor = get_user_model().objects.filter(username=by, is_active=True).first()
            if actor is None:
                raise CommandError(f"No active user is called {by!r}.")
        cases = []
        for given in references:
            reference = normalise_reference(given)
            case = Case.objects.filter(reference=reference).first() if reference else None
            if case is None:
                raise CommandError(f"No case has the tracking number {given!r}.")
            cases.append(case)
        for case in cases:
            services.case_access_reset(
                case=case,
                actor=actor,
                reason=reason,
                notify=notify,
                data={"via": "command", "os_user": _os_user()},
            )
            self.stdout.write(f"{case.reference}: access code and links revoked.")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
