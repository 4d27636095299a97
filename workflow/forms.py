"""Staff task forms. Validation of input only; the rules live in the services."""

import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from .attachments import MultipleFileField, checked_uploads
from .models import Case, Category, Complainant, Priority, RootCause
from .roles import has_workflow_perm_q

# A mobile number as people type it: digits, spaces, brackets, dashes, an optional "+".
PHONE_PATTERN = r"^\+?[0-9 ()\-]{6,24}$"


def column_length(model, name: str) -> int:
    """The longest value the model's column holds: a form field for it allows no more
    (SQLite stores any length, PostgreSQL refuses the row, which would be a 500)."""
    return model._meta.get_field(name).max_length


# The GOV.UK date pattern: day, month and year in three inputs, one question with one
# legend and hint, in place of the browser's date control (it shows mm/dd/yyyy whatever the
# page's language, and typed digits could silently become another date).

DATE_PARTS = ("day", "month", "year")
EARLIEST_YEAR = 1900


PART_LABELS = {
    "day": lambda: pgettext("part of a date", "Day"),
    "month": lambda: pgettext("part of a date", "Month"),
    "year": lambda: pgettext("part of a date", "Year"),
}


class DatePartsWidget(forms.MultiWidget):
    """Three numeric text inputs. The public form renders them itself (`{% field_html %}`,
    portal_fields); elsewhere Django's form rendering gives the field a fieldset and its
    legend (MultiWidget.use_fieldset) and this widget's template each input its label."""

    date_parts = DATE_PARTS
    template_name = "workflow/widgets/date_parts.html"

    def __init__(self, attrs=None):
        numeric = {"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        super().__init__({part: forms.TextInput(attrs=numeric) for part in DATE_PARTS}, attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for part, subwidget in zip(DATE_PARTS, context["widget"]["subwidgets"], strict=True):
            subwidget["label"] = PART_LABELS[part]()
        return context

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


def _number(text: str) -> int | None:
    """A part as typed, in any script's digits (Arabic-Indic too), or None."""
    text = "".join(text.split())
    if not text or len(text) > 4 or not all(char.isdecimal() for char in text):
        return None
    return int(text)


class DatePartsField(forms.MultiValueField):
    """A date in the past from its day, month and year; None when all three are empty.
    Each error's code names the part that is wrong, so the summary links to that input."""

    widget = DatePartsWidget

    def __init__(self, **kwargs):
        parts = [forms.CharField(required=False, max_length=8) for _part in DATE_PARTS]
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        typed = dict(zip(DATE_PARTS, data_list or ("", "", ""), strict=True))
        missing = tuple(part for part in DATE_PARTS if not (typed[part] or "").strip())
        if len(missing) == len(DATE_PARTS):
            return None
        if missing:
            raise ValidationError(MISSING_MESSAGES[missing], code=f"missing_{missing[0]}")
        day, month, year = (_number(typed[part]) for part in DATE_PARTS)
        if day is not None and month is not None and (year is None or year < 1000):
            raise ValidationError(
                _("The year must have 4 digits, for example 2026."), code="invalid_year"
            )
        try:
            value = datetime.date(year, month, day)
        except (TypeError, ValueError):
            raise ValidationError(_("The date must be a real date."), code="invalid") from None
        if value > timezone.localdate():
            raise ValidationError(_("The date must be today or in the past."), code="future")
        if value.year < EARLIEST_YEAR:
            raise ValidationError(
                _("The year must be %(year)s or later."),
                params={"year": EARLIEST_YEAR},
                code="invalid_year",
            )
        return value


MISSING_MESSAGES = {
    ("day",): _("The date must include a day."),
    ("month",): _("The date must include a month."),
    ("year",): _("The date must include a year."),
    ("day", "month"): _("The date must include a day and a month."),
    ("day", "year"): _("The date must include a day and a year."),
    ("month", "year"): _("The date must include a month and a year."),
}


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


def root_causes_active(*, keep: int | None = None):
    """The causes one may choose: active, and under an active group (and the cause `keep`,
    already chosen, even if deactivated since); each group followed by the causes under
    it."""
    choosable = Q(is_active=True) & ~Q(parent__is_active=False)
    if keep is not None:
        choosable |= Q(pk=keep)
    return (
        RootCause.objects.filter(choosable)
        .select_related("parent")
        .order_by(
            Coalesce("parent__order", "order"),
            Coalesce("parent__code", "code"),
            F("parent").asc(nulls_first=True),
            "order",
            "code",
        )
    )


class InvestigateForm(forms.Form):
    findings = forms.CharField(label=_("Findings and evidence"), widget=forms.Textarea)
    cause = forms.ModelChoiceField(
        label=_("Root cause class"),
        queryset=RootCause.objects.none(),
        required=False,
        help_text=_("The class of the root cause in the organisation's taxonomy."),
    )
    root_cause = forms.CharField(
        label=_("Root cause, in your words"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        causes = root_causes_active()
        field = self.fields["cause"]
        field.queryset = causes
        # Once the taxonomy is set up, every investigation classifies its root cause (the
        # analysis counts complaints by cause); before that, the step works as it did.
        field.required = causes.exists()
        field.error_messages["required"] = _("Choose the class of the root cause.")


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


class StaffIntakeForm(forms.Form):
    """Feedback received by telephone, email, post or in person, recorded by staff on the
    person's behalf (the channel is kept with the case)."""

    kind = forms.ChoiceField(label=_("Type"), choices=Case.Kind.choices)
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[
            (value, label)
            for value, label in Case.Channel.choices
            if value not in (Case.Channel.WEB, Case.Channel.API)
        ],
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(is_active=True)
    )
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea)
    desired_outcome = forms.CharField(
        label=_("Outcome wanted"), widget=forms.Textarea, required=False
    )
    product_service = forms.CharField(
        label=_("Product or service"),
        max_length=column_length(Case, "product_service"),
        required=False,
    )
    location = forms.CharField(
        label=_("Where it happened"), max_length=column_length(Case, "location"), required=False
    )
    occurred_on = DatePartsField(label=_("When it happened"), required=False)
    name = forms.CharField(
        label=_("Name"), max_length=column_length(Complainant, "name"), required=False
    )
    # Django's EmailField takes up to 320 characters; the column holds 254.
    email = forms.EmailField(
        label=_("Email"), max_length=column_length(Complainant, "email"), required=False
    )
    phone = forms.RegexField(
        label=_("Mobile phone"),
        regex=PHONE_PATTERN,
        max_length=column_length(Complainant, "phone"),
        required=False,
        error_messages={"invalid": _("Enter a phone number such as +30 691 234 5678.")},
    )
    language = forms.ChoiceField(label=_("The person's language"), choices=settings.LANGUAGES)
    consent = forms.BooleanField(
        label=_("The person agreed that we keep their details to handle their feedback."),
        error_messages={"required": _("Their consent is needed before recording.")},
    )
    attachments = MultipleFileField(label=_("Files"), required=False)

    def clean_attachments(self):
        return checked_uploads(self.cleaned_data["attachments"])


class MergeForm(forms.Form):
    into = forms.CharField(
        label=_("Tracking number of the case to keep"),
        max_length=40,
        help_text=_(
            "This case is closed as its duplicate. Its files move to the other case only when "
            "both come from the same person, or when you choose so below."
        ),
    )
    move_files = forms.BooleanField(
        label=_(
            "Also move this case's files to the other case, even if another person sent it "
            "(recorded in both histories)"
        ),
        required=False,
    )


class AccessRevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (recorded in the case history)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    notify = forms.BooleanField(
        label=_("Email the new access code and link to the complainant"),
        required=False,
        initial=True,
    )
