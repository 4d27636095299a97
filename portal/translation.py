from modeltranslation.translator import TranslationOptions, register

from .models import ComplaintFormPage, HomePage, PolicyPage, ProcessPage, StandardPage


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("intro", "body")


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(PolicyPage)
class PolicyPageTR(TranslationOptions):
    fields = ("intro", "commitment", "body")


@register(ComplaintFormPage)
class ComplaintFormPageTR(TranslationOptions):
    fields = ("intro", "confirmation_text")


@register(ProcessPage)
class ProcessPageTR(TranslationOptions):
    fields = ("intro", "body")
