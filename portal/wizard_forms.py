"""The steps of the feedback form: one topic per step (GOV.UK "one thing per page")."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from workflow.attachments import (
    ACCEPT,
    MultipleFileField,
    MultipleFileInput,
    checked_uploads,
    files_help_text,
)
from workflow.forms import PHONE_PATTERN, column_length
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
    occurred_on = forms.DateField(
        label=_("When did it happen? (optional)"),
        help_text=_("For example 2026-03-27"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a real date, for example 2026-03-27.")},
    )

    def clean_occurred_on(self):
        value = self.cleaned_data["occurred_on"]
        if value and value > timezone.localdate():
            raise ValidationError(_("The date must be today or in the past."))
        if value and value < datetime.date(1900, 1, 1):
            raise ValidationError(_("Enter a real date, for example 2026-03-27."))
        return value


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
        error_messages={"invalid": _("Enter a phone number using digits, like +44 7700 900982.")},
    )
    language = forms.ChoiceField(
        label=_("Language for our replies"),
        # Each language in its own name, so that its readers recognise it.
        choices=[
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language()

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.errors:
            raise ValidationError(
                _("Enter an email address or a mobile phone number, so that we can reply."),
                code="contact_required",
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
