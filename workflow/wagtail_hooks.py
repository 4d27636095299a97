"""The process configuration in the CMS: priorities (the deadline of every step), teams
and categories. Complaints managers and administrators edit them; nobody edits code."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import steps
from .models import Case, Category, Holiday, Priority, Team


def _names():
    """The name in every language (modeltranslation's columns)."""
    return MultiFieldPanel(
        [FieldPanel(f"name_{code}", heading=label) for code, label in settings.LANGUAGES],
        heading=_("Name"),
    )


def _step_deadlines():
    """The deadline of each step of the process vocabulary (`workflow.steps`), under the
    step's title, in the flow's order; the step of the short path says so."""
    return [
        FieldPanel(
            step.deadline_field,
            heading=step.title,
            help_text=_("Also the deadline to answer suggestions and compliments.")
            if step.short_path
            else None,
        )
        for step in steps.STEPS
    ]


class PriorityViewSet(SnippetViewSet):
    model = Priority
    icon = "time"
    # The deadlines of the first step of each flow.
    list_display = [
        "name",
        "rank",
        "is_default",
        *dict.fromkeys(steps.first_step(kind).deadline_field for kind in Case.Kind.values),
    ]
    panels = [
        _names(),
        FieldPanel("code"),
        FieldPanel("rank"),
        FieldPanel("is_default"),
        MultiFieldPanel(
            _step_deadlines(),
            heading=_("Deadlines, in working hours from the start of each step"),
        ),
        MultiFieldPanel(
            [FieldPanel("reminder_hours"), FieldPanel("second_level_hours")],
            heading=_("Reminders and escalation"),
        ),
    ]


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    list_display = ["name", "supervisor"]
    panels = [
        _names(),
        FieldPanel("code"),
        FieldPanel("supervisor"),
        FieldPanel("members"),
        MultiFieldPanel(
            [
                FieldPanel("work_days"),
                FieldPanel("day_starts"),
                FieldPanel("day_ends"),
                FieldPanel("time_zone"),
            ],
            heading=_("Working calendar (deadlines count working hours only)"),
        ),
    ]


class HolidayViewSet(SnippetViewSet):
    model = Holiday
    icon = "date"
    list_display = ["date", "name", "team"]
    panels = [FieldPanel("date"), FieldPanel("name"), FieldPanel("team")]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    list_display = ["name", "team", "is_active"]
    panels = [
        _names(),
        FieldPanel("code"),
        FieldPanel("team"),
        FieldPanel("is_active"),
        FieldPanel("order"),
    ]


class ProcessConfigurationGroup(SnippetViewSetGroup):
    menu_label = _("Complaint handling")
    menu_icon = "cogs"
    items = (PriorityViewSet, TeamViewSet, CategoryViewSet, HolidayViewSet)


register_snippet(ProcessConfigurationGroup)
