"""Forms of the audit evidence pages: drawing a sample of cases, recording an internal
audit and its findings."""

import secrets

from django import forms
from django.contrib.auth import get_user_model
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from workflow.models import Case, Category, Team
from workflow.steps import STATUSES

from ..models import AuditExport, AuditFinding, InternalAudit
from ..selectors.audit import EXPORT_MAX_CASES, SampleRequest

_EITHER = [("", _("Either")), ("yes", _("Yes")), ("no", _("No"))]
_DATE = forms.DateInput(attrs={"type": "date"})


class AuditSampleForm(forms.Form):
    period_start = forms.DateField(label=_("Received from"), widget=_DATE)
    period_end = forms.DateField(label=_("Received until"), widget=_DATE)
    method = forms.ChoiceField(
        label=_("Sample"),
        choices=AuditExport.Method.choices,
        initial=AuditExport.Method.RANDOM,
        widget=forms.RadioSelect,
    )
    size = forms.IntegerField(
        label=_("Number of cases (random sample)"),
        min_value=1,
        max_value=EXPORT_MAX_CASES,
        required=False,
        initial=20,
    )
    seed = forms.IntegerField(
        label=_("Seed (random sample)"),
        min_value=0,
        max_value=2**53,
        required=False,
        help_text=_(
            "The same seed, period and criteria draw the same cases again. Empty: a new seed "
            "is chosen and recorded."
        ),
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        queryset=Category.objects.order_by("order", "code"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"),
        queryset=Team.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=Case.Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    statuses = forms.MultipleChoiceField(
        label=_("Statuses"),
        # As staff read them (the complainant's labels speak to the complainant).
        choices=[(status.value, status.staff_label) for status in STATUSES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    escalated = forms.ChoiceField(label=_("Escalated"), choices=_EITHER, required=False)
    contested = forms.ChoiceField(label=_("Decision contested"), choices=_EITHER, required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", _("The end of the period is before its start."))
        if data.get("method") == AuditExport.Method.RANDOM:
            if not data.get("size"):
                self.add_error("size", _("Say how many cases the random sample holds."))
            if data.get("seed") is None:
                data["seed"] = secrets.randbelow(1_000_000)
        return data

    def sample(self) -> SampleRequest:
        data = self.cleaned_data
        flag = {"yes": True, "no": False}
        return SampleRequest(
            period_start=data["period_start"],
            period_end=data["period_end"],
            method=data["method"],
            seed=data.get("seed"),
            size=data.get("size"),
            categories=tuple(category.code for category in data["categories"]),
            teams=tuple(team.code for team in data["teams"]),
            channels=tuple(data["channels"]),
            statuses=tuple(data["statuses"]),
            escalated=flag.get(data.get("escalated") or ""),
            contested=flag.get(data.get("contested") or ""),
        )


class InternalAuditForm(forms.ModelForm):
    class Meta:
        model = InternalAudit
        fields = [
            "title",
            "scope",
            "period_start",
            "period_end",
            "auditor",
            "audited_on",
            "closing_note",
        ]
        widgets = {
            "period_start": _DATE,
            "period_end": _DATE,
            "audited_on": _DATE,
            "scope": forms.Textarea(attrs={"rows": 3}),
            "closing_note": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", _("The end of the period is before its start."))
        return data


class AuditFindingForm(forms.ModelForm):
    class Meta:
        model = AuditFinding
        fields = ["severity", "description", "action", "owner", "due_on", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "action": forms.Textarea(attrs={"rows": 2}),
            "due_on": _DATE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Owners are active staff members.
        self.fields["owner"].queryset = (
            get_user_model().objects.filter(is_active=True, groups__isnull=False).distinct()
        ).order_by("username")


FindingFormSet = inlineformset_factory(
    InternalAudit, AuditFinding, form=AuditFindingForm, extra=2, can_delete=True
)
