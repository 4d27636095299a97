from django.conf import settings
from django.utils.translation import gettext as _

from workflow.models import Case, Category, Priority, Team
from workflow.selectors import case_visibility_get

from .backends import get_backend
from .backends.base import CaseQuery, SearchResult


def facet_title(name: str) -> str:
    titles = {
        "status": _("Status"),
        "kind": _("Type"),
        "category": _("Category"),
        "priority": _("Priority"),
        "channel": _("Channel"),
        "language": _("Language"),
        "team": _("Team"),
        "overdue": _("Overdue"),
        "escalation": _("Escalation"),
    }
    return titles[name]


def facet_labels() -> dict[str, dict[str, str]]:
    """Every facet value's label in the current language."""
    escalation = {
        "0": _("Not escalated"),
        "1": _("To the supervisor"),
        "2": _("To the complaints manager"),
    }
    return {
        "status": {value: str(label) for value, label in Case.Status.choices},
        "kind": {value: str(label) for value, label in Case.Kind.choices},
        "channel": {value: str(label) for value, label in Case.Channel.choices},
        "language": {code: _(name) for code, name in settings.LANGUAGES},
        "category": {str(item.pk): str(item) for item in Category.objects.all()},
        "priority": {str(item.pk): str(item) for item in Priority.objects.all()},
        "team": {str(item.pk): str(item) for item in Team.objects.all()},
        "overdue": {"yes": _("Overdue"), "no": _("Not overdue")},
        "escalation": escalation,
    }


def case_search(*, user, query: CaseQuery) -> SearchResult:
    """Staff search: only among the cases `user` may see, filtered inside the query; facet
    values carry their labels."""
    result = get_backend().search(visibility=case_visibility_get(user=user), query=query)
    labels = facet_labels()
    for name, items in result.facets.items():
        for item in items:
            item.label = labels.get(name, {}).get(item.value, item.value)
    return result
