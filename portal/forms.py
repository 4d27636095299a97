"""Public forms. Every label, hint and error is translatable."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from workflow.attachments import (
    ACCEPT,
    MultipleFileField,
    MultipleFileInput,
    checked_uploads,
    files_help_text,
)

SITE_SEARCH_MAX = 100


def site_search_words(raw: str) -> str:
    """The words of a site search, safe for every search backend: control characters
    (NUL among them: PostgreSQL refuses it in text) and double quotes (SQLite's full-text
    query syntax quotes each word with them) become spaces, and spaces are collapsed.
    Search engines split words on punctuation anyway, so nothing findable is lost."""
    cleaned = "".join(
        " " if char == '"' or unicodedata.category(char) in ("Cc", "Cs") else char
        for char in raw[: SITE_SEARCH_MAX * 4]
    )
    return " ".join(cleaned.split())[:SITE_SEARCH_MAX].strip()


class TrackingForm(forms.Form):
    # A lookup that finds nothing is shown at the tracking number and marks the second
    # factor invalid too (portal_fields).
    invalid_with = {"second_factor": ("reference", "not_found")}

    reference = forms.CharField(
        label=_("Tracking number"),
        help_text=_("For example CMP-7K3Q-9XD2"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter your tracking number.")},
    )
    second_factor = forms.CharField(
        label=_("Email address, mobile number or access code"),
        help_text=_(
            "The email address or mobile number you gave us, "
            "or the access code from our acknowledgement."
        ),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter the email address, mobile number or access code.")},
    )


class ConfirmForm(TrackingForm):
    """The second factor asked on a case's page opened by a link: it is sent to the lookup
    (`portal.views.tracking`, with its rate limits), the tracking number in a hidden field."""

    reference = forms.CharField(max_length=40, widget=forms.HiddenInput)


class AddInformationForm(forms.Form):
    """The complainant adds to an open case: words, files or both."""

    text = forms.CharField(
        label=_("What would you like to add?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        required=False,
    )
    files = MultipleFileField(
        label=_("Files (optional)"), required=False, widget=MultipleFileInput(attrs=ACCEPT)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = files_help_text()

    def clean_files(self):
        return checked_uploads(self.cleaned_data["files"])

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("text", "").strip() and not data.get("files"):
            self.add_error("text", _("Write something or choose a file to send."))
        return data


class ReplyForm(forms.Form):
    """Accept the decision, or contest it with reasons (ISO 10002 7.8, 7.9)."""

    answer = forms.ChoiceField(
        label=_("Do you accept our decision?"),
        choices=[
            ("accept", _("Yes, I accept it")),
            ("contest", _("No, I want someone independent to review it")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you accept the decision.")},
    )
    reasons = forms.CharField(
        label=_("Why do you not accept it?"),
        help_text=_("Needed if you ask for a review. Tell us what we got wrong or missed."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == "contest" and not data.get("reasons", "").strip():
            self.add_error("reasons", _("Tell us why you do not accept the decision."))
        return data


def _rating(label):
    return forms.TypedChoiceField(
        label=label,
        choices=[
            (5, _("Very satisfied")),
            (4, _("Satisfied")),
            (3, _("Neither satisfied nor dissatisfied")),
            (2, _("Dissatisfied")),
            (1, _("Very dissatisfied")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an answer.")},
    )


class SurveyForm(forms.Form):
    """Satisfaction after closure (ISO 10002 8.3): four questions and a comment."""

    overall = _rating(_("Overall, how satisfied are you with how we handled your case?"))
    ease = _rating(_("How satisfied are you with how easy it was to tell us about it?"))
    fairness = _rating(_("How satisfied are you with how fairly you were treated?"))
    timeliness = _rating(_("How satisfied are you with the time it took?"))
    comment = forms.CharField(
        label=_("Anything else you would like to tell us? (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
