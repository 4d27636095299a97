"""Staff task forms. Validation of input only; the rules live in the services."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Case, Category, Priority
from .roles import has_workflow_perm_q


def _person(user) -> str:
    return user.get_full_name() or user.get_username()


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
    named_staff = forms.ModelMultipleChoiceField(
        label=_("Staff named in the complaint"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("They will not be able to handle, approve or review this case."),
    )
    note = forms.CharField(
        label=_("Assessment note (internal)"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True)
        self.fields["handler"].queryset = (
            users.filter(has_workflow_perm_q("handle_case")).distinct().order_by("username")
        )
        self.fields["named_staff"].queryset = (
            users.filter(groups__isnull=False).distinct().order_by("username")
        )
        for name in ("handler", "named_staff"):
            self.fields[name].label_from_instance = _person


class InvestigateForm(forms.Form):
    findings = forms.CharField(label=_("Findings and evidence"), widget=forms.Textarea)
    root_cause = forms.CharField(label=_("Root cause"), widget=forms.Textarea, required=False)


class RespondForm(forms.Form):
    decision = forms.CharField(
        label=_("Decision, remedy and reasons (sent to the complainant)"), widget=forms.Textarea
    )
    compensation = forms.DecimalField(
        label=_("Compensation offered"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text=_("Leave empty when none. Large amounts need a supervisor's approval."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer (sent to the person, then the case closes)"), widget=forms.Textarea
    )


class ApproveForm(forms.Form):
    approved = forms.TypedChoiceField(
        label=_("Your decision"),
        choices=[("yes", _("Approve: send it to the complainant")), ("no", _("Send it back"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments for the handler"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Needed when you send the response back."),
    )


class ReviewForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Result"), choices=Case.ReviewResult.choices, widget=forms.RadioSelect
    )
    outcome = forms.CharField(
        label=_("Final outcome and reasons (sent to the complainant)"), widget=forms.Textarea
    )


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Message to the complainant"), widget=forms.Textarea)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Internal note (staff only)"), widget=forms.Textarea)


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Closing note (internal)"), widget=forms.Textarea, required=False
    )
