"""Public forms. Every label, hint and error is translatable."""

import uuid

from django import forms
from django.conf import settings
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from workflow.models import Case, Category


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What would you like to send us?"),
        choices=Case.Kind.choices,
        initial=Case.Kind.COMPLAINT,
        widget=forms.RadioSelect,
    )
    category = forms.ModelChoiceField(
        label=_("What is it about?"),
        queryset=Category.objects.filter(is_active=True),
        empty_label=_("Choose a topic"),
        error_messages={
            "required": _("Choose what your feedback is about."),
            "invalid_choice": _("Choose a topic from the list."),
        },
    )
    description = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "Tell us what happened, when and where. Do not include passwords or bank details."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        error_messages={"required": _("Tell us what happened.")},
    )
    desired_outcome = forms.CharField(
        label=_("What would you like us to do? (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send your tracking number and every update here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address, so that we can reply."),
            "invalid": _("Enter an email address in the correct format, like name@example.com."),
        },
    )
    phone = forms.RegexField(
        label=_("Mobile phone number for text messages (optional)"),
        regex=r"^\+?[0-9 ()\-]{6,24}$",
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
    consent = forms.BooleanField(
        label=_(
            "I agree that my information will be used to handle my feedback, "
            "as the privacy notice explains."
        ),
        error_messages={"required": _("Tick the box to agree, or we cannot handle your feedback.")},
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language()
        self.fields["submission_key"].initial = uuid.uuid4()
        self.fields["category"].label_from_instance = lambda category: category.name


class TrackingForm(forms.Form):
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
