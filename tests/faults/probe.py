"""What the fault tests do from a process of their own against the shared database:
`seed` the data, `requests` (time a submission through the public form, a staff sign-in
and a public page, as the web server would serve them), `emails N` (queue N emails in
one transaction, one delivery task). Prints one JSON line."""

import json
import sys
import time

import django

django.setup()

from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402


def seed() -> dict:
    from wagtail.models import Page, Site

    from portal.models import HomePage
    from tests.factories import CategoryFactory, PriorityFactory, TeamFactory, UserFactory
    from workflow import roles

    roles.roles_sync()
    supervisor = UserFactory(username="supervisor", role=roles.SUPERVISOR)
    team = TeamFactory(code="billing", name="Billing", supervisor=supervisor)
    handler = UserFactory(username="handler", role=roles.HANDLER)
    team.members.add(handler, supervisor)
    CategoryFactory(code="billing", name="Billing and payments", team=team)
    PriorityFactory()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="home-faults", intro="<p>Hi</p>"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return {"seeded": True}


def timed(name, results, call):
    started = time.monotonic()
    try:
        status = call()
    except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
        status = f"{type(exc).__name__}: {exc}"
    results[name] = {"seconds": round(time.monotonic() - started, 3), "status": status}


def requests(email: str) -> dict:
    from tests.conftest import submit_feedback
    from workflow.models import Category

    category = Category.objects.get(code="billing")
    results = {}
    public = Client()
    timed(
        "submission",
        results,
        lambda: (
            submit_feedback(
                public, language="en", category=category, contact__email=email
            ).status_code
        ),
    )
    staff = Client()
    timed(
        "staff_sign_in",
        results,
        lambda: (
            staff.post(
                "/staff/accounts/login/", {"username": "handler", "password": "pass"}
            ).status_code
        ),
    )
    timed("public_page", results, lambda: Client().get("/en/track/").status_code)
    return results


def emails(count: int) -> dict:
    from workflow import outbox
    from workflow.models import OutboxMessage

    with transaction.atomic():
        ids = [
            outbox.message_queue(
                channel=OutboxMessage.Channel.EMAIL,
                payload={"to": [f"person{n}@example.org"], "subject": f"S{n}", "body": "B"},
            ).pk
            for n in range(count)
        ]
    return {"ids": ids}


if __name__ == "__main__":
    action, *args = sys.argv[1:]
    if action == "seed":
        result = seed()
    elif action == "requests":
        result = requests(*args)
    elif action == "emails":
        result = emails(int(args[0]))
    else:
        raise SystemExit(f"unknown action {action!r}")
    print(json.dumps(result), flush=True)
