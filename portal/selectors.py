"""Reads of the portal's own data for its views."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from workflow.config import configured

from .models import FeedbackFormTexts


def feedback_form_texts() -> dict:
    """What editors wrote for the feedback form, in the active language (or the default
    language where it is not translated): title, intro, confirmation_text.

    Every form step shows them: they are configuration, kept like the rest
    (`workflow.config`: saving them is seen at once by the process that saved, by the
    others within CONFIG_SECONDS)."""

    def read():
        setting = FeedbackFormTexts.load()
        return {
            "title": setting.title or _("Send us a complaint, suggestion or compliment"),
            "intro": setting.intro,
            "confirmation_text": setting.confirmation_text,
        }

    return configured(("feedback form texts", get_language()), read)
