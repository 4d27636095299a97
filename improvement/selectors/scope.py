"""The scope of the figures: which cases (filters, and what the user may see) and when."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from workflow import steps
from workflow.models import Case, Category, Priority, Team
from workflow.selectors import case_visibility_get

from ..models import CaseFacts

# The open statuses, as the staff search's status facet takes them.
OPEN_STATUSES = tuple(status.value for status in steps.STATUSES if status.value != "closed")

# The scope filters a dashboard or a review pack may take, as the staff search's facets.
SCOPE_FACETS = ("team", "category", "channel", "language", "priority")


@dataclass(frozen=True)
class Scope:
    """Which cases a figure covers: each filter a tuple of values (none: every value)."""

    teams: tuple[int, ...] = ()
    categories: tuple[int, ...] = ()
    channels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    priorities: tuple[int, ...] = ()

    def q(self, prefix: str = "") -> Q:
        rule = Q()
        for name, values in (
            ("team_id", self.teams),
            ("category_id", self.categories),
            ("channel", self.channels),
            ("language", self.languages),
            ("priority_id", self.priorities),
        ):
            if values:
                rule &= Q(**{f"{prefix}{name}__in": sorted(values)})
        return rule

    def search_params(self) -> list[tuple[str, str]]:
        """The staff search's facet parameters that select the same cases."""
        pairs = []
        for name, values in zip(
            SCOPE_FACETS,
            (self.teams, self.categories, self.channels, self.languages, self.priorities),
            strict=True,
        ):
            pairs += [(name, str(value)) for value in sorted(values)]
        return pairs


def dashboard_teams(user) -> frozenset[int] | None:
    """The teams whose figures `user` may see: None for every team (those who see every
    case), else the teams they are a member or supervisor of (workflow's visibility rule,
    without the cases they see for their role's queue in other teams)."""
    if user is None:
        return None
    visibility = case_visibility_get(user=user)
    if visibility.everything:
        return None
    return visibility.team_ids


def scope_for(user, scope: Scope) -> tuple[Scope, bool]:
    """`scope` narrowed to what `user` may see, and whether anything is left."""
    allowed = dashboard_teams(user)
    if allowed is None:
        return scope, True
    teams = tuple(team for team in scope.teams if team in allowed) if scope.teams else ()
    if scope.teams and not teams:
        return Scope(teams=(), **_without_teams(scope)), False
    teams = teams or tuple(sorted(allowed))
    return Scope(teams=teams, **_without_teams(scope)), bool(teams)


def _without_teams(scope: Scope) -> dict:
    return {
        "categories": scope.categories,
        "channels": scope.channels,
        "languages": scope.languages,
        "priorities": scope.priorities,
    }


def period_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    """The period as whole days in the current time zone: from the start of `start` until
    (not including) the start of the day after `end`, as the staff search counts them."""

    def day_start(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    return day_start(start), day_start(end + datetime.timedelta(days=1))


def scoped_cases(scope: Scope, visible: bool) -> QuerySet:
    if not visible:
        return Case.objects.none()
    return Case.objects.filter(scope.q())


def scoped_facts(scope: Scope, visible: bool) -> QuerySet:
    """The KPI facts of the cases in scope (one row per case, the scope copied in it)."""
    if not visible:
        return CaseFacts.objects.none()
    return CaseFacts.objects.filter(scope.q())


def received_params(start, end, scope: Scope) -> list[tuple[str, str]]:
    return [
        ("received_from", start.isoformat()),
        ("received_to", end.isoformat()),
        *scope.search_params(),
    ]


def rate(part, whole) -> float | None:
    """`part` of `whole` in percent, to one decimal; None of nothing."""
    return round(100 * part / whole, 1) if whole else None


def scope_choices(user) -> dict[str, list[tuple[str, str]]]:
    """The values each scope filter offers `user` (teams: only those they may see)."""
    allowed = dashboard_teams(user)
    teams = Team.objects.order_by("name")
    if allowed is not None:
        teams = teams.filter(pk__in=sorted(allowed))
    return {
        "team": [(str(pk), name) for pk, name in teams.values_list("pk", "name")],
        "category": [
            (str(pk), name)
            for pk, name in Category.objects.order_by("name").values_list("pk", "name")
        ],
        "channel": [(value, str(label)) for value, label in Case.Channel.choices],
        "language": [(code, str(label)) for code, label in settings.LANGUAGES],
        "priority": [
            (str(pk), name)
            for pk, name in Priority.objects.order_by("-rank", "name").values_list("pk", "name")
        ],
    }
