"""Deadlines of the process steps, from the case's priority (configuration, not code)."""

from datetime import datetime, timedelta

from .models import Case, Priority

STEPS = ("assess", "investigate", "respond", "approve", "review", "close")


def priority_for(case: Case) -> Priority | None:
    """The case's priority, or the default one until the assessment sets it."""
    if case.priority_id:
        return case.priority
    # Looked up once per case instance: the start of a process asks several times.
    if "_default_priority" not in case.__dict__:
        case._default_priority = Priority.objects.filter(is_default=True).first()
    return case._default_priority


def step_due_at(*, case: Case, step: str, started: datetime) -> datetime:
    """When a step started at `started` must be done."""
    priority = priority_for(case)
    hours = priority.hours_for(step) if priority else 72
    return started + timedelta(hours=hours)


def second_level_due_at(*, case: Case, step: str, started: datetime) -> datetime:
    priority = priority_for(case)
    extra = priority.second_level_hours if priority else 24
    return step_due_at(case=case, step=step, started=started) + timedelta(hours=extra)


def resolution_due_at(*, case: Case, started: datetime) -> datetime:
    """The target date for a decision: the sum of the steps up to the response."""
    priority = priority_for(case)
    if priority is None:
        return started + timedelta(days=30)
    hours = sum(priority.hours_for(step) for step in ("assess", "investigate", "respond"))
    return started + timedelta(hours=hours)
