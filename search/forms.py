from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .backends.base import FACETS, CaseQuery, facet_choices
from .conditions import EARLIEST_DATE, LATEST_DATE, condition_get, condition_names, condition_parse
from .selectors import facet_title

SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("due", _("Due soonest")),
    ("escalation", _("Most escalated")),
]


# The received dates a search takes (`conditions.EARLIEST_DATE`, `LATEST_DATE`).


def _date_in_range(value):
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            _("Enter a date from %(earliest)s to %(latest)s."),
            code="date_range",
            params={"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
        )


class StaffSearchForm(forms.Form):
    """The staff search, read from the query string. Facet choices arrive as repeated
    parameters (`status=received&status=closed`) and are read by `to_query`."""

    q = forms.CharField(
        label=_("Tracking number, words or a complainant's name"), required=False, max_length=200
    )
    received_from = forms.DateField(
        label=_("Received from"),
        required=False,
        validators=[_date_in_range],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    received_to = forms.DateField(
        label=_("Received until"),
        required=False,
        validators=[_date_in_range],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)
    page = forms.IntegerField(
        label=_("Page"), required=False, min_value=1, widget=forms.HiddenInput
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("The end date must be on or after the start date."))
        self._check_facets()
        self._check_conditions()
        return data

    def _check_conditions(self) -> None:
        """The other apps' conditions (`search.conditions`): one value each, one they take."""
        params = self.data
        if not hasattr(params, "getlist"):
            return
        for name in condition_names():
            chosen = params.getlist(name)
            if not chosen:
                continue
            title = condition_get(name).title()
            if len(chosen) > 1:
                self.add_error(
                    None,
                    ValidationError(
                        _("The filter “%(filter)s” takes one value."),
                        code="condition_repeated",
                        params={"filter": title},
                    ),
                )
                continue
            try:
                condition_parse(name, chosen[0])
            except ValidationError as error:
                message = " ".join(error.messages) if error.code != "condition" else ""
                self.add_error(
                    None,
                    ValidationError(
                        _("The filter “%(filter)s” cannot take this value: %(reason)s"),
                        code="condition_value",
                        params={"filter": title, "reason": message or _("too long.")},
                    ),
                )

    def conditions(self) -> list[tuple[str, str, str]]:
        """The valid conditions chosen: (parameter, title, what the value means)."""
        params = self.data
        found = []
        for name in condition_names() if hasattr(params, "getlist") else ():
            chosen = params.getlist(name)
            if len(chosen) != 1:
                continue
            try:
                parsed = condition_parse(name, chosen[0])
            except ValidationError:
                continue
            condition = condition_get(name)
            found.append((name, condition.title(), condition.describe(parsed)))
        return found

    def _check_facets(self) -> None:
        """Every chosen filter value must be one the filter offers (a link edited by hand,
        a category deleted since): said, never silently searched for or exported."""
        params = self.data
        if not hasattr(params, "getlist"):
            return
        for name in FACETS:
            chosen = params.getlist(name)
            if not chosen:
                continue
            known = {value for value, _label in facet_choices(name)}
            for value in chosen[:50]:
                if value not in known:
                    self.add_error(
                        None,
                        ValidationError(
                            _("“%(value)s” is not a value of the filter “%(filter)s”."),
                            code="facet_value",
                            params={"value": value[:40], "filter": facet_title(name)},
                        ),
                    )

    def to_query(self, *, page_size: int = 25) -> CaseQuery:
        """The query: the valid fields (an invalid one is left out and shown as an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        params = self.data
        filters = {
            name: [value[:40] for value in params.getlist(name)[:50]]
            for name in FACETS
            if hasattr(params, "getlist") and params.getlist(name)
        }
        # A repeated or invalid condition is kept as given: it selects nothing (and the
        # page says why), never searched as if absent.
        conditions = {
            name: "\n".join(value[:200] for value in params.getlist(name)[:2])
            for name in condition_names()
            if hasattr(params, "getlist") and params.getlist(name)
        }
        page = data.get("page") or 1
        return CaseQuery.build(
            text=data.get("q", "") or "",
            filters=filters,
            conditions=conditions,
            received_from=data.get("received_from"),
            received_to=data.get("received_to") if "received_to" not in self.errors else None,
            sort=data.get("sort") or "relevance",
            page=page,
            page_size=page_size,
        )


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of this search"), max_length=100)
