"""Satisfaction analysis (ISO 10002 8.3): the page's filters, its drill-down, a follow-up."""

import contextlib
import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflow.models import Case, Category, Team

from ..models import SatisfactionFollowUp
from ..selectors.satisfaction import (
    QUESTIONS,
    SCORES,
    SatisfactionFilters,
    low_score_default,
    question_label,
)

# The dates a period takes (the day after the last must still be a date), and its length.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(9998, 12, 31)
MAX_DAYS = 366 * 10


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The last twelve months: from the first day of the month eleven months ago to today."""
    today = today or timezone.localdate()
    month = today.month - 11
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime.date(year, month, 1), today


def _in_range(value):
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise forms.ValidationError(
            _("Enter a date from %(earliest)s to %(latest)s."),
            code="date_range",
            params={"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
        )


class SatisfactionFilterForm(forms.Form):
    """Read from the query string; empty fields take their defaults."""

    start = forms.DateField(
        label=_("Closed from"),
        required=False,
        validators=[_in_range],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=_("Closed until"),
        required=False,
        validators=[_in_range],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.all(), required=False, empty_label=_("All teams")
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        required=False,
        empty_label=_("All categories"),
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("All channels")), *Case.Channel.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All languages")), *settings.LANGUAGES], required=False
    )
    low_score = forms.TypedChoiceField(
        label=_("Low score: any answer at or below"),
        choices=[(score, f"{score} / {SCORES[-1]}") for score in SCORES[:-1]],
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, data=None, *args, **kwargs):
        # The fields left empty show (and submit again) the defaults they stand for.
        if data is not None:
            data = data.copy()
            start, end = default_period()
            with contextlib.suppress(ValueError):
                end = max(end, datetime.date.fromisoformat(data.get("start") or ""))
            for name, value in (
                ("start", start.isoformat()),
                ("end", end.isoformat()),
                ("low_score", str(low_score_default())),
            ):
                if not data.get(name):
                    data[name] = value
        super().__init__(data, *args, **kwargs)
        self.fields["low_score"].initial = low_score_default()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        default_start, default_end = default_period()
        start = data.get("start") or default_start
        end = data.get("end") or max(default_end, start)
        if start > end:
            self.add_error("end", _("The end date must be on or after the start date."))
        elif (end - start).days > MAX_DAYS:
            self.add_error("end", _("Choose a period of at most ten years."))
        data["start"], data["end"] = start, end
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        return self.cleaned_data["start"], self.cleaned_data["end"]

    def filters(self) -> SatisfactionFilters:
        data = self.cleaned_data
        return SatisfactionFilters(
            team=data["team"].pk if data.get("team") else None,
            category=data["category"].pk if data.get("category") else None,
            channel=data.get("channel") or "",
            language=data.get("language") or "",
            low_score=data.get("low_score") or low_score_default(),
        )


class SatisfactionCasesForm(SatisfactionFilterForm):
    """The drill-down: the filters of the page, one month of it, and which cases."""

    show = forms.ChoiceField(
        label=_("Cases"),
        # The selector's SHOW_CHOICES, with what people read.
        choices=[
            ("invited", _("Asked to answer")),
            ("answered", _("Answered")),
            ("unanswered", _("Not answered")),
            ("low", _("Low scores")),
            ("awaiting", _("Low scores awaiting follow-up")),
        ],
        required=False,
    )
    month = forms.RegexField(
        label=_("Month closed"), regex=r"^[0-9]{4}-(0[1-9]|1[0-2])$", required=False, max_length=7
    )
    question = forms.ChoiceField(
        label=_("Question"),
        choices=[("", _("Any question")), *((q, question_label(q)) for q in QUESTIONS)],
        required=False,
    )
    score = forms.TypedChoiceField(
        label=_("Score given"),
        choices=[("", _("Any score")), *((score, str(score)) for score in SCORES)],
        coerce=int,
        required=False,
        empty_value=None,
    )

    def clean(self):
        data = super().clean()
        month = data.get("month")
        if month and not self.errors:
            year, number = (int(part) for part in month.split("-"))
            first = datetime.date(year, number, 1)
            last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(1)
            start, end = max(first, data["start"]), min(last, data["end"])
            if start > end:
                self.add_error("month", _("This month is outside the period."))
            else:
                data["start"], data["end"] = start, end
        return data


class FollowUpForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What was done"),
        choices=SatisfactionFollowUp.Action.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why no action is needed"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when no action is needed."),
    )
    note = forms.CharField(
        label=_("Note on the follow-up"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was said or done, and what comes next."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("action") == SatisfactionFollowUp.Action.NO_ACTION
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Say why no action is needed."))
        return data
