"""The steps of the feedback form: one topic per step (GOV.UK "one thing per page")."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, get_language_info, pgettext
from django.utils.translation import gettext_lazy as _

from workflow.attachments import (
    ACCEPT,
    MultipleFileField,
    MultipleFileInput,
    checked_uploads,
    files_help_text,
)
from workflow.forms import PHONE_PATTERN, DatePartsField, column_length
from workflow.models import Case, Category, Complainant
from workflow.selectors import categories_active


class KindForm(forms.Form):
    title = _("What would you like to send us?")
    kind = forms.ChoiceField(
        label=_("What would you like to send us?"),
        choices=Case.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose complaint, suggestion or compliment.")},
    )


class CategoryField(forms.ChoiceField):
    """The topic: one of the active categories, cleaned to the category with its team
    (the submission files the case with the category's team). The categories come from
    the configuration each process keeps (`categories_active`), not from a query per form:
    the query cost more than the rest of the form's checks."""

    def __init__(self, *, empty_label, **kwargs):
        self.empty_label = empty_label
        super().__init__(choices=self._current_choices, **kwargs)

    def _current_choices(self):
        # The names in the active language (django-modeltranslation reads them on access).
        return [("", self.empty_label)] + [
            (pk, category.name) for pk, category in categories_active().items()
        ]

    def prepare_value(self, value):
        return value.pk if isinstance(value, Category) else value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return categories_active()[int(value)]
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None

    def validate(self, value):
        forms.Field.validate(self, value)  # required; the choice was checked by to_python


class AboutForm(forms.Form):
    title = _("What is it about?")
    category = CategoryField(
        label=_("Topic"),
        empty_label=_("Choose a topic"),
        error_messages={
            "required": _("Choose what your feedback is about."),
            "invalid_choice": _("Choose a topic from the list."),
        },
    )
    product_service = forms.CharField(
        label=_("Which product or service? (optional)"),
        max_length=column_length(Case, "product_service"),
        required=False,
    )
    location = forms.CharField(
        label=_("Where did it happen? (optional)"),
        help_text=_("For example the branch, the station or the web page."),
        max_length=column_length(Case, "location"),
        required=False,
    )
    occurred_on = DatePartsField(
        label=_("When did it happen? (optional)"),
        help_text=_("For example, 27 3 2026"),
        required=False,
    )


class WhatForm(forms.Form):
    title = _("What happened?")
    description = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "Tell us what happened, when and where. Do not include passwords or bank details."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        error_messages={"required": _("Tell us what happened.")},
    )


class OutcomeForm(forms.Form):
    title = _("What would you like us to do?")
    desired_outcome = forms.CharField(
        label=_("What would you like us to do? (optional)"),
        help_text=_("For example an apology, a repair, a refund or a change to how we work."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )


class AttachmentsForm(forms.Form):
    """New files come in `attachments`; files kept from before are passed by the view."""

    title = _("Add files (optional)")
    attachments = MultipleFileField(
        label=_("Add files (optional)"), required=False, widget=MultipleFileInput(attrs=ACCEPT)
    )

    def __init__(self, *args, kept=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kept = list(kept)
        self.fields["attachments"].help_text = files_help_text()

    def clean_attachments(self):
        return checked_uploads(self.cleaned_data["attachments"], already=len(self.kept))


class YouForm(forms.Form):
    title = _("About you")
    identity = forms.ChoiceField(
        label=_("Do you want to give your name?"),
        choices=[
            ("named", _("Yes, give my name and contact details")),
            ("anonymous", _("No, stay anonymous")),
        ],
        widget=forms.RadioSelect,
        help_text=_(
            "If you stay anonymous we cannot reply to you. You can still follow your case "
            "with the tracking number and access code we show you at the end."
        ),
        error_messages={"required": _("Choose whether you want to give your name.")},
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=column_length(Complainant, "name"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("identity") == "anonymous":
            data["name"] = ""
        return data


def phone_example() -> str:
    """An example mobile number in the active language's usual country and writing (numbers
    reserved for examples or fiction where a country has them)."""
    return pgettext("an example mobile phone number", "+44 7700 900982")


class ContactForm(forms.Form):
    title = _("How can we contact you?")
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send your tracking number and every update here."),
        # Django's EmailField takes up to 320 characters; the column holds 254.
        max_length=column_length(Complainant, "email"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com.")
        },
    )
    phone = forms.RegexField(
        label=_("Mobile phone number for text messages (optional)"),
        regex=PHONE_PATTERN,
        max_length=column_length(Complainant, "phone"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    language = forms.ChoiceField(
        label=_("Language for our replies"),
        # Each language in its own name, so that its readers recognise it.
        choices=[
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ],
    )

    # A field whose input is also marked invalid by another field's error (portal_fields).
    invalid_with = {"phone": ("email", "contact_required")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language()
        # A number written the way the reader's country writes them.
        example = phone_example()
        phone = self.fields["phone"]
        phone.help_text = _("For example, %(number)s") % {"number": example}
        phone.error_messages["invalid"] = _(
            "Enter a phone number using digits, like %(number)s."
        ) % {"number": example}

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.errors:
            # Shown at the email field (the summary links there); the phone is marked
            # invalid with it (`invalid_with`).
            self.add_error(
                "email",
                ValidationError(
                    _("Enter an email address or a mobile phone number, so that we can reply."),
                    code="contact_required",
                ),
            )
        return data


class ConsentForm(forms.Form):
    title = _("Your information")
    consent = forms.BooleanField(
        label=_(
            "I agree that my information will be used to handle my feedback, "
            "as the privacy notice explains."
        ),
        error_messages={"required": _("Tick the box to agree, or we cannot handle your feedback.")},
    )


class CheckForm(forms.Form):
    """Check your answers: nothing to fill in, the button sends."""

    title = _("Check your answers before sending")
