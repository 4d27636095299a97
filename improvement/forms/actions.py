"""Forms of the corrective and preventive actions' pages. Input only: the rules live in
`improvement.services.actions`."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workflow.forms import root_causes_active
from workflow.models import Case
from workflow.references import normalise_reference
from workflow.selectors import cases_visible_to

from ..models import CorrectiveAction
from ..selectors.actions import action_owners
from ..services.actions import TRANSITIONS

MAX_CASES = 200


def _person(user) -> str:
    return user.get_full_name() or user.get_username()


class CasesField(forms.CharField):
    """Tracking numbers, separated by spaces, commas or new lines."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        value = super().to_python(value)
        return [part for part in re.split(r"[\s,;]+", value or "") if part]


class ActionForm(forms.ModelForm):
    cases = CasesField(
        label=pgettext_lazy("corrective action", "Cases (tracking numbers)"),
        required=False,
        help_text=_(
            "The complaints this action answers, one tracking number per line. Leave empty "
            "for an action that comes from an analysis."
        ),
    )
    note = forms.CharField(
        label=_("What changed and why (recorded in the log)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Needed when you cancel the action."),
    )

    class Meta:
        model = CorrectiveAction
        fields = [
            "kind",
            "title",
            "description",
            "root_cause",
            "owner",
            "due_on",
            "status",
            "check_after_days",
        ]
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "kind": forms.RadioSelect,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # An action keeps its cause, even if deactivated since.
        self.fields["root_cause"].queryset = root_causes_active(keep=self.instance.root_cause_id)
        self.fields["owner"].queryset = action_owners().order_by("username")
        self.fields["owner"].label_from_instance = _person
        if self.instance.pk is None:
            del self.fields["status"]
            del self.fields["note"]
        else:
            allowed = (self.instance.status, *TRANSITIONS[self.instance.status])
            self.fields["status"].choices = [
                (value, label)
                for value, label in CorrectiveAction.Status.choices
                if value in allowed
            ]
            self.initial.setdefault(
                "cases", "\n".join(self.instance.cases.values_list("reference", flat=True))
            )

    def clean_cases(self):
        references = self.cleaned_data["cases"]
        if len(references) > MAX_CASES:
            raise forms.ValidationError(
                _("Link at most %(count)s cases to one action.") % {"count": MAX_CASES}
            )
        normalised = [(given, normalise_reference(given)) for given in references]
        found = {reference for _given, reference in normalised if reference}
        visible = cases_visible_to(self.user, Case.objects.filter(reference__in=found))
        if self.instance.pk is not None:
            # Cases linked before stay linkable, even if no longer the user's to see.
            visible = visible | self.instance.cases.all()
        cases = {case.reference: case for case in visible.distinct()}
        # In the order given, each once.
        unknown = [given for given, reference in normalised if reference not in cases]
        if unknown:
            raise forms.ValidationError(
                _("No case you can see has the tracking number %(references)s.")
                % {"references": ", ".join(unknown[:10])}
            )
        ordered = dict.fromkeys(reference for _given, reference in normalised)
        return [cases[reference] for reference in ordered]


class LogEntryForm(forms.Form):
    done_on = forms.DateField(
        label=pgettext_lazy("corrective action", "Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    text = forms.CharField(
        label=pgettext_lazy("corrective action", "What was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CheckForm(forms.Form):
    effective = forms.TypedChoiceField(
        label=_("Was the action effective?"),
        choices=[
            ("yes", _("Effective: the cause is removed")),
            ("no", _("Not effective: complaints of this cause go on")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What the check found (the figures above, and anything else you looked at)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", pgettext_lazy("corrective action", "Any")), *CorrectiveAction.Status.choices],
    )
    owner = forms.ModelChoiceField(
        label=pgettext_lazy("corrective action", "Owner"),
        queryset=action_owners(),
        required=False,
        empty_label=pgettext_lazy("corrective action", "Anyone"),
    )
    overdue = forms.BooleanField(
        label=pgettext_lazy("corrective action", "Overdue only"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = action_owners().order_by("username")
        self.fields["owner"].label_from_instance = _person
