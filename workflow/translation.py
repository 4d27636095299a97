from modeltranslation.translator import TranslationOptions, register

from .models import Category, HandlingSettings, OrganisationSettings, Priority, RootCause, Team


@register(Team)
class TeamTR(TranslationOptions):
    fields = ("name",)


@register(Category)
class CategoryTR(TranslationOptions):
    fields = ("name",)


@register(Priority)
class PriorityTR(TranslationOptions):
    fields = ("name",)


@register(HandlingSettings)
class HandlingSettingsTR(TranslationOptions):
    fields = ("external_recourse",)


@register(RootCause)
class RootCauseTR(TranslationOptions):
    fields = ("name", "description")


@register(OrganisationSettings)
class OrganisationSettingsTR(TranslationOptions):
    fields = ("name",)
