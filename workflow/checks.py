"""Start-up checks of the delivery settings (`manage.py check`, and every command)."""

from django.conf import settings
from django.core import checks

from .outbox import handlers


def outbox_lease_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A claim's lease must outlast the slowest delivery its timeouts allow; otherwise the
    sweep would give a delivery still in progress to another worker (a duplicate)."""
    budgets = {channel: handler.budget() for channel, handler in handlers().items()}
    errors = []
    for channel, budget in sorted(budgets.items()):
        if budget >= settings.OUTBOX_LEASE_SECONDS:
            errors.append(
                checks.Warning(
                    f"OUTBOX_LEASE_SECONDS ({settings.OUTBOX_LEASE_SECONDS:g}) is not more "
                    f"than the longest {channel} delivery its timeouts allow ({budget:g} s).",
                    hint="Raise OUTBOX_LEASE_SECONDS or lower that channel's timeouts.",
                    id="workflow.W001",
                )
            )
    return errors


def register() -> None:
    checks.register(outbox_lease_check, "workflow")
