"""Firing the flows' due timers (deadlines, reminders, escalations) exactly once, however
many sweeps run at the same time (two workers, or two clocks started by mistake).

Viewflow's `fire_due_timers` re-reads each timer under the flow's lock, but our flows keep
Viewflow's default lock (a transaction, no row lock): two sweeps can both read a timer as
scheduled and both fire it. So each timer is claimed here: its row is locked with
`SELECT ... FOR UPDATE SKIP LOCKED` and re-checked inside the transaction that fires it;
another sweep skips a claimed timer and, once the claim commits, no longer sees it as due.
On SQLite the transaction itself is the claim (`BEGIN IMMEDIATE` serialises writers).
The firing is Viewflow's own (`task.activation()`, `start.can_proceed()`, `start()`,
`execute()`), as in `viewflow.workflow.timers.fire_due_timers`.
"""

import logging
from collections.abc import Callable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

logger = logging.getLogger(__name__)


def _due(now):
    return Task._default_manager.filter(
        flow_task_type="TIMER", status=STATUS.SCHEDULED, scheduled__lte=now
    )


def timers_fire_due(*, now=None) -> int:
    """Fire every due timer that no other sweep has claimed; returns how many fired."""
    now = now or timezone.now()
    fired = 0
    for task_id in list(_due(now).order_by("scheduled").values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                task = (
                    _due(now)
                    .select_for_update(skip_locked=True, of=("self",))
                    .filter(pk=task_id)
                    .first()
                )
                if task is None:  # fired meanwhile, or being fired by another sweep
                    continue
                with task.activation() as activation:
                    start = getattr(activation, "start", None)
                    if start is None:
                        # The timer's node was renamed or removed: it can never fire.
                        logger.warning(
                            "Timer task %s references a missing node %r, skipped",
                            task.pk,
                            task.flow_task,
                        )
                        continue
                    if start.can_proceed():
                        activation.start()
                        activation.execute()
                        fired += 1
        except FlowLockFailed:
            logger.info("Timer task %s is locked by another sweep, skipped", task_id)
        except Exception:  # one broken flow must not block the whole sweep
            logger.exception("Timer task %s failed to fire", task_id)
    return fired


# --- Periodic jobs of other apps ----------------------------------------------------------
# Apps above workflow (the improvement app's corrective-action deadlines, say) register a
# job from their ready(); every sweep runs each once. A job takes `now` and returns how
# many things it did; it must be idempotent and claim its work itself (the sweep may run
# twice at once), as `timers_fire_due` does for the flows' timers.

PeriodicJob = Callable[..., int]
_PERIODIC: dict[str, PeriodicJob] = {}


def periodic_register(name: str, job: PeriodicJob) -> None:
    """Run `job(now=...)` on every sweep (called from an app's ready()); a second
    registration under the same name replaces the first."""
    _PERIODIC[name] = job


def periodic_jobs() -> dict[str, PeriodicJob]:
    return dict(_PERIODIC)


def periodic_run_all(*, now: datetime | None = None) -> dict[str, int]:
    """Run every registered job once; one that fails is logged and does not stop the
    others. Returns what each did (a failed one: -1)."""
    now = now or timezone.now()
    done = {}
    for name, job in list(_PERIODIC.items()):
        try:
            done[name] = job(now=now)
        except Exception:  # one broken job must not block the sweep
            logger.exception("Periodic job %s failed", name)
            done[name] = -1
    return done
