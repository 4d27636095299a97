from modeltranslation.translator import TranslationOptions, register

from .models import (
    ContactSettings,
    FeedbackFormTexts,
    HomePage,
    HowToComplainPage,
    PolicyPage,
    PrinciplesPage,
    ProcessPage,
    StandardPage,
)


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("intro", "body")


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(PolicyPage)
class PolicyPageTR(TranslationOptions):
    fields = ("intro", "commitment", "body")


@register(FeedbackFormTexts)
class FeedbackFormTextsTR(TranslationOptions):
    fields = ("title", "intro", "confirmation_text")


@register(ProcessPage)
class ProcessPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(PrinciplesPage)
class PrinciplesPageTR(TranslationOptions):
    fields = ("intro", "principles", "body")


@register(HowToComplainPage)
class HowToComplainPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(ContactSettings)
class ContactSettingsTR(TranslationOptions):
    fields = ("phone_hours", "postal_address", "counter_address", "counter_hours")
