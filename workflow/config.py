"""Configuration every public request reads and staff change a few times a year: the
active categories, the default priority, the teams' working calendars, the organisation's
name.

Each process keeps what it read for CONFIG_SECONDS (a setting; 0 reads it on every use, as
stock Django would) instead of asking the database on every
submission (through the ORM and django-modeltranslation, reading the topics cost a
submission more than writing the case). Saving or deleting any of these models clears the
copy of the process that saved it at once; the other processes read it again within
CONFIG_SECONDS. Kept objects are shared between requests: read them, never change them.
"""

import time

from django.conf import settings
from django.db.models.signals import post_delete, post_save

from .models import Category, Holiday, OrganisationSettings, Priority, Team

_KEPT: dict[tuple, tuple[float, object]] = {}


def configured(key: tuple, read):
    """`read()`, kept in this process for CONFIG_SECONDS under `key`."""
    if not settings.CONFIG_SECONDS:
        return read()
    now = time.monotonic()
    kept = _KEPT.get(key)
    if kept is None or kept[0] <= now:
        kept = (now + settings.CONFIG_SECONDS, read())
        _KEPT[key] = kept
    return kept[1]


def forget(**_signal) -> None:
    """Read the configuration afresh (on every change to it, and between tests)."""
    _KEPT.clear()


def connect() -> None:
    """Forget on every save or delete of the configuration (called once, at start-up)."""
    for model in (Category, Holiday, OrganisationSettings, Priority, Team):
        uid = f"workflow-config-{model.__name__}"
        post_save.connect(forget, sender=model, dispatch_uid=uid)
        post_delete.connect(forget, sender=model, dispatch_uid=uid)
