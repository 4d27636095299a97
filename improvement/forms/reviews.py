"""Forms of the management-review pages: the period of a new review, the meeting and its
decisions."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..selectors.actions import action_owners
from ..services.reviews import DecisionChange, review_period_check

User = get_user_model()

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def staff_users():
    """Active people with a staff role (or superusers), by name."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__isnull=False) | Q(is_superuser=True))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class StaffMultipleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class ReviewCreateForm(forms.Form):
    period_start = forms.DateField(label=_("Period from"), widget=_DATE)
    period_end = forms.DateField(label=_("Period until"), widget=_DATE)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end:
            try:
                review_period_check(start, end)
            except ValidationError as error:
                self.add_error("period_end", error)
        return data


class ReviewForm(forms.Form):
    meeting_date = forms.DateField(label=_("Meeting date"), widget=_DATE, required=False)
    attendees = StaffMultipleChoice(
        label=_("Attendees (staff)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_attendees = forms.CharField(
        label=_("Other attendees"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("People without a staff account, one a line (name and role)."),
    )
    recommendations = forms.CharField(
        label=_("Recommendations"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = staff_users()


class DecisionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Decision or action"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner = StaffChoice(label=_("Owner"), queryset=User.objects.none(), required=False)
    due_on = forms.DateField(label=_("Due"), widget=_DATE, required=False)
    open_action = forms.BooleanField(
        label=_("Open a corrective action for it"),
        required=False,
        help_text=_("Its owner must be a complaints manager or a supervisor."),
    )

    def __init__(self, *args, may_open_actions=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()
        if not may_open_actions:
            del self.fields["open_action"]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        deleting = data.get("DELETE")
        if not deleting and not (data.get("text") or "").strip() and data.get("id"):
            self.add_error("text", _("Say what was decided."))
        if data.get("open_action") and not deleting:
            owner, due_on = data.get("owner"), data.get("due_on")
            if owner is None:
                self.add_error("owner", _("An action needs an owner."))
            elif not action_owners().filter(pk=owner.pk).exists():
                self.add_error(
                    "owner",
                    _(
                        "This person cannot own a corrective action: choose a complaints "
                        "manager or a supervisor."
                    ),
                )
            if due_on is None:
                self.add_error("due_on", _("An action needs a due date."))
            elif due_on < timezone.localdate():
                self.add_error("due_on", _("The due date cannot be in the past."))
        return data

    def change(self) -> DecisionChange | None:
        """What this row asks for (None: an empty new row)."""
        data = self.cleaned_data
        text = (data.get("text") or "").strip()
        if not data.get("id") and not text:
            return None
        return DecisionChange(
            pk=data.get("id"),
            text=text,
            owner=data.get("owner"),
            due_on=data.get("due_on"),
            delete=bool(data.get("DELETE")),
            open_action=bool(data.get("open_action")),
        )


DecisionFormSet = forms.formset_factory(DecisionForm, extra=2, can_delete=True, max_num=100)
