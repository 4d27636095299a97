"""Public forms. Every label, hint and error is translatable."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
