"""Reads of the portal's own data for its views."""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import FeedbackFormTexts

FEEDBACK_TEXTS_KEY = "portal:feedback-form-texts:{language}"
FEEDBACK_TEXTS_SECONDS = 3600  # saving the setting forgets them at once (portal.apps)


def feedback_form_texts() -> dict:
    """What editors wrote for the feedback form, in the active language (or the default
    language where it is not translated): title, intro, confirmation_text.

    Every form step shows them, so they are kept in the shared cache: no query per step."""
    key = FEEDBACK_TEXTS_KEY.format(language=get_language())
    texts = cache.get(key)
    if texts is None:
        setting = FeedbackFormTexts.load()
        texts = {
            "title": setting.title or _("Send us a complaint, suggestion or compliment"),
            "intro": setting.intro,
            "confirmation_text": setting.confirmation_text,
        }
        cache.set(key, texts, FEEDBACK_TEXTS_SECONDS)
    return texts


def feedback_form_texts_forget(**kwargs) -> None:
    """Signal receiver: the setting was saved."""
    cache.delete_many(
        [FEEDBACK_TEXTS_KEY.format(language=code) for code, _name in settings.LANGUAGES]
    )
