"""Demo cases loaded by `manage.py load_demo`, so the staff interface shows a lived-in system.

The cases are data: workflow/demo/cases.toml, read and checked by workflow/demo/schema.py.
Each case is submitted through `process.complaint_submit` and then driven through its real
process as the demo staff of portal/demo/staff.toml (intake, handler, handler2, supervisor,
reviewer) with `scenarios.CaseDriver`, complaints and suggestions and compliments alike (the
short FeedbackFlow: answered by the owning team, which closes them). Each step
runs the service of the staff task form and completes the Viewflow task, so a case's history,
tasks and notifications are exactly what the staff interface would leave. Together the cases
stand in every step of the process, in the five languages of the portal.

Each case has a fixed submission key (uuid5 of its slug): a case that exists already is left
as it is, whatever happened to it since (staff may well have moved it on), so a second run
creates nothing.
"""

import uuid
from collections import Counter
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from . import process, services
from .demo import schema
from .demo.schema import DemoCases
from .models import Case, Category, HandlingSettings, Priority
from .scenarios import CaseDriver

NAMESPACE = uuid.UUID("6f0c8a52-3d9e-4b7a-9c41-2e5d7f1a8b63")

# The demo staff who drive every case, besides its handler (cases.toml's `handlers`).
STAFF_USERNAMES = ("intake", "supervisor", "reviewer")
# Channels on which a member of staff records the case for the complainant.
STAFF_CHANNELS = {Case.Channel.EMAIL, Case.Channel.PHONE, Case.Channel.POST, Case.Channel.COUNTER}


def submission_key(slug: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"demo-case-{slug}")


def demo_cases_read() -> DemoCases:
    """The demo cases of workflow/demo/, checked (DataFileError names the file and key)."""
    return schema.read()


# --- Loading ------------------------------------------------------------------------------------


def recourse_load(*, recourse: dict[str, str], log) -> bool:
    """Write the outside recourse told with a review's outcome, in every language, unless
    someone has written it already (in any language: theirs is kept). True when written."""
    handling = HandlingSettings.load()
    fields = {f"external_recourse_{language}": text for language, text in recourse.items()}
    if any(getattr(handling, field) for field in fields):
        return False
    for field, text in fields.items():
        setattr(handling, field, text)
    handling.save()
    log("  settings: wrote the outside recourse in every language")
    return True


def _staff(*, handlers: dict[str, str]) -> dict:
    usernames = {*STAFF_USERNAMES, *handlers.values()}
    users = {
        user.get_username(): user
        for user in get_user_model().objects.filter(username__in=usernames)
    }
    missing = sorted(usernames - set(users))
    if missing:
        raise LookupError(f"Demo staff missing (load them first): {', '.join(missing)}")
    return users


def _case_submit(spec: dict, *, staff: dict) -> Case:
    complainant = spec["complainant"]
    occurred = spec.get("occurred_days_ago")
    return process.complaint_submit(
        kind=spec["kind"],
        category=Category.objects.get(code=spec["category"]),
        description=spec["description"],
        desired_outcome=spec.get("desired_outcome", ""),
        product_service=spec.get("product_service", ""),
        location=spec.get("location", ""),
        occurred_on=timezone.localdate() - timedelta(days=occurred)
        if occurred is not None
        else None,
        language=spec["language"],
        consent=True,
        channel=spec["channel"],
        name=complainant.get("name", ""),
        email=complainant.get("email", ""),
        phone=complainant.get("phone", ""),
        entered_by=staff["intake"] if spec["channel"] in STAFF_CHANNELS else None,
        submission_key=submission_key(spec["slug"]),
    ).case


def _case_drive(case: Case, steps: list, *, staff: dict, handlers: dict[str, str]) -> Case:
    handler = staff[handlers[case.category.team.code]]
    driver = CaseDriver(
        case,
        intake=staff["intake"],
        handler=handler,
        supervisor=staff["supervisor"],
        reviewer=staff["reviewer"],
    )
    for action, args in steps:
        args = dict(args)
        if action == "assess":
            code = args.get("priority")
            priority = Priority.objects.get(code=code) if code else None
            driver.assess(severity=args.get("severity", Case.Severity.MEDIUM), priority=priority)
        elif action == "note":
            author = handler if args["by"] == "handler" else staff[args["by"]]
            services.case_note(case=driver.case, actor=author, text=args["text"])
        elif action == "message":
            services.case_message(case=driver.case, actor=handler, text=args["text"])
        elif action == "information":
            services.case_information_add(case=driver.case, text=args["text"])
        elif action == "answer":
            driver.answer(args["answer"])
        elif action == "survey":
            services.survey_answer(case=driver.case, **args)
        elif action in ("investigate", "respond", "approve", "reply", "review", "close"):
            getattr(driver, action)(**args)
        else:
            raise ValueError(f"Unknown demo step {action!r}")
    return driver.case


def demo_cases_load(*, cases: DemoCases, tally: Counter, log) -> None:
    """Create the demo cases that do not exist yet, each driven to its step of the process
    (`cases`: workflow/demo/ as `demo_cases_read()` reads it)."""
    recourse_load(recourse=cases.external_recourse, log=log)
    staff = _staff(handlers=cases.handlers)
    for spec in cases.cases:
        if Case.objects.filter(submission_key=submission_key(spec["slug"])).exists():
            tally["cases", "unchanged"] += 1
            continue
        case = _case_submit(spec, staff=staff)
        case = _case_drive(case, spec["steps"], staff=staff, handlers=cases.handlers)
        tally["cases", "created"] += 1
        log(f"  cases: created {case.reference} ({spec['slug']}, {case.language}, {case.status})")
