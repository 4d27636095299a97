"""The process configuration in the CMS: priorities (the deadline of every step), teams,
categories and the root-cause taxonomy. Complaints managers and administrators edit them;
nobody edits code."""

from django.conf import settings
from django.contrib import messages
from django.db import router
from django.db.models.deletion import Collector, ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import steps
from .models import Case, Category, Holiday, Priority, RootCause, Team


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


class RootCauseViewSet(SnippetViewSet):
    """The root-cause taxonomy the investigation chooses from (ISO 10002 4.13, 8.2)."""

    model = RootCause
    icon = "list-ul"
    list_display = ["__str__", "code", "is_active"]
    list_filter = ["is_active", "parent"]
    panels = [
        _names(),
        MultiFieldPanel(
            [
                FieldPanel(f"description_{code}", heading=label)
                for code, label in settings.LANGUAGES
            ],
            heading=pgettext_lazy("root cause", "Description"),
        ),
        FieldPanel("code"),
        FieldPanel("parent"),
        FieldPanel("is_active"),
        FieldPanel("order"),
    ]


class ProcessConfigurationGroup(SnippetViewSetGroup):
    menu_label = _("Complaint handling")
    menu_icon = "cogs"
    items = (PriorityViewSet, TeamViewSet, CategoryViewSet, HolidayViewSet, RootCauseViewSet)


register_snippet(ProcessConfigurationGroup)


@hooks.register("before_delete_snippet")
def root_cause_in_use_kept(request, instances):
    """A root cause that classifies cases (or anything else) is not deleted, which would
    fail: the editor is told to deactivate it instead."""
    causes = [instance for instance in instances if isinstance(instance, RootCause)]
    if not causes:
        return None
    try:
        Collector(using=router.db_for_write(RootCause)).collect(causes)
    except ProtectedError:
        messages.error(
            request,
            _("This root cause is in use, so it cannot be deleted: make it inactive instead."),
        )
        return redirect(RootCause.snippet_viewset.get_url_name("list"))
    return None
