from modeltranslation.translator import TranslationOptions, register, translator

from .models import PAGE_MODELS, ContactSettings, FeedbackFormTexts

# Every page type, with the fields it declares translated (`translated_fields`).
for _model in PAGE_MODELS:
    translator.register(
        _model,
        type(f"{_model.__name__}TR", (TranslationOptions,), {"fields": _model.translated_fields}),
    )


@register(ContactSettings)
class ContactSettingsTR(TranslationOptions):
    fields = ("phone_hours", "postal_address", "counter_address", "counter_hours")


@register(FeedbackFormTexts)
class FeedbackFormTextsTR(TranslationOptions):
    fields = ("title", "intro", "confirmation_text")
