"""Forms of the improvement pages: the dashboard's filters and the objectives."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Objective
from ..selectors import Scope, scope_choices

# The dashboard reads at most this long a period at once (a bound on its work).
MAX_PERIOD_DAYS = 3 * 366
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)

_DATE = {"type": "date"}


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last twelve months, this one included."""
    month = today.replace(day=1)
    for _month in range(11):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return month, today


class DashboardFilterForm(forms.Form):
    """The dashboard's period and scope, read from the query string (every field optional:
    without a period, the last twelve months)."""

    period_from = forms.DateField(
        label=_("Period from"), required=False, widget=forms.DateInput(attrs=_DATE)
    )
    period_to = forms.DateField(
        label=_("Period until"), required=False, widget=forms.DateInput(attrs=_DATE)
    )
    team = forms.ChoiceField(label=_("Team"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    priority = forms.ChoiceField(label=_("Priority"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        for name, choices in scope_choices(user).items():
            self.fields[name].choices = everything + choices

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        start, end = default_period(today)
        start = data.get("period_from") or start
        end = data.get("period_to") or end
        if "period_from" in self.errors or "period_to" in self.errors:
            return data
        for name, day in (("period_from", start), ("period_to", end)):
            if not EARLIEST_DATE <= day <= LATEST_DATE:
                self.add_error(
                    name,
                    _("Enter a date from %(earliest)s to %(latest)s.")
                    % {"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
                )
                return data
        if end < start:
            self.add_error("period_to", _("The end date must be on or after the start date."))
        elif (end - start).days > MAX_PERIOD_DAYS:
            self.add_error(
                "period_to",
                _("Choose a period of at most three years (%(days)s days).")
                % {"days": MAX_PERIOD_DAYS},
            )
        data["period_from"], data["period_to"] = start, end
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        return self.cleaned_data["period_from"], self.cleaned_data["period_to"]

    def scope(self) -> Scope:
        data = self.cleaned_data

        def ids(name):
            return (int(data[name]),) if data.get(name) else ()

        def codes(name):
            return (data[name],) if data.get(name) else ()

        return Scope(
            teams=ids("team"),
            categories=ids("category"),
            channels=codes("channel"),
            languages=codes("language"),
            priorities=ids("priority"),
        )


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = Objective
        fields = ["kpi", "period_start", "period_end", "direction", "target", "team", "note"]
        widgets = {
            "period_start": forms.DateInput(attrs=_DATE),
            "period_end": forms.DateInput(attrs=_DATE),
        }
