"""Every write of the improvement app, each in one transaction."""

from django.db import transaction

from ..models import Objective


@transaction.atomic
def objective_save(*, objective: Objective, actor) -> Objective:
    """Record a new or changed objective (validated by its form), and who set it."""
    objective.updated_by = actor
    objective.save()
    return objective


@transaction.atomic
def objective_delete(*, objective: Objective) -> None:
    objective.delete()
