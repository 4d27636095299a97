"""Staff task forms. Validation of input only; the rules live in the services."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Case, Category, Priority
from .roles import has_workflow_perm_q


class AssessForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(is_active=True)
    )
    priority = forms.ModelChoiceField(label=_("Priority"), queryset=Priority.objects.all())
    severity = forms.ChoiceField(label=_("Severity"), choices=Case.Severity.choices)
    handler = forms.ModelChoiceField(
        label=_("Handler"),
        queryset=get_user_model().objects.none(),
        help_text=_("Someone in the category's team, with no conflict of interest in the case."),
    )
    note = forms.CharField(
        label=_("Assessment note (internal)"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(has_workflow_perm_q("handle_case"))
            .distinct()
            .order_by("username")
        )
        self.fields["handler"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )


class InvestigateForm(forms.Form):
    findings = forms.CharField(label=_("Findings and evidence"), widget=forms.Textarea)
    root_cause = forms.CharField(label=_("Root cause"), widget=forms.Textarea, required=False)


class RespondForm(forms.Form):
    decision = forms.CharField(
        label=_("Decision, remedy and reasons (sent to the complainant)"), widget=forms.Textarea
    )


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Closing note (internal)"), widget=forms.Textarea, required=False
    )
