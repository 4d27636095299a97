"""Wagtail pages of the public portal. Editors write them in every language
(wagtail-modeltranslation adds one column per language to each translated field)."""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageLogEntry
from wagtail.search import index

from .process import process_chart_svg, short_path_statuses, status_rows


def translated_search_fields(*names: str) -> list:
    """Page search covers every language: one search field per translated column."""
    return [
        *Page.search_fields,
        *(
            index.SearchField(f"{name}_{code}")
            for name in ("title", *names)
            for code, _label in settings.LANGUAGES
        ),
    ]


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    # Fields with one column per language (registered in translation.py).
    translated_fields = ("intro", "body")
    search_fields = translated_search_fields("intro", "body")
    # subpage_types: every other page type (PAGE_MODELS, at the end of this module).
    max_count = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    translated_fields = ("intro", "body")
    search_fields = translated_search_fields("intro", "body")
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class PolicyPage(RoutablePageMixin, Page):
    """The complaint-handling policy and management's commitment (ISO 10002 clauses 4.2, 5).

    Every published version stays readable at `versions/<revision>/`, listed at `versions/`.
    """

    intro = models.TextField(_("introduction"), blank=True)
    commitment = RichTextField(_("management's commitment"), blank=True)
    body = RichTextField(_("policy"), blank=True)
    version = models.CharField(_("version"), max_length=20, default="1.0")
    effective_date = models.DateField(_("effective date"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("commitment"),
        FieldPanel("body"),
        FieldPanel("version"),
        FieldPanel("effective_date"),
    ]
    translated_fields = ("intro", "commitment", "body")
    search_fields = translated_search_fields("intro", "commitment", "body")
    subpage_types = []

    class Meta:
        verbose_name = _("policy page")

    def published_versions(self):
        """(revision id, version, effective date, published at), newest first."""
        entries = (
            PageLogEntry.objects.filter(page=self, action="wagtail.publish", revision__isnull=False)
            .select_related("revision")
            .order_by("-timestamp")
        )
        seen, versions = set(), []
        for entry in entries:
            if entry.revision_id in seen:
                continue
            seen.add(entry.revision_id)
            content = entry.revision.content
            versions.append(
                {
                    "revision": entry.revision_id,
                    "version": content.get("version", ""),
                    "effective_date": content.get("effective_date"),
                    "published_at": entry.timestamp,
                }
            )
        return versions

    @path("")
    def current_view(self, request):
        return self.render(request, context_overrides={"versions": self.published_versions()})

    @path("versions/<int:revision_id>/")
    def version_view(self, request, revision_id):
        if revision_id not in {v["revision"] for v in self.published_versions()}:
            raise Http404
        old = self.revisions.get(pk=revision_id).as_object()
        return self.render(
            request,
            context_overrides={
                "page": old,
                "self": old,
                "versions": self.published_versions(),
                "archived": True,
                "current_url": self.url,
            },
        )


class PrincipleBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("principle"), max_length=80)
    meaning = blocks.TextBlock(label=_("what it means for you"))

    class Meta:
        icon = "tick"
        label = _("principle")


class PrinciplesPage(Page):
    """The guiding principles (ISO 10002 clause 4), each with what it means for the customer."""

    intro = models.TextField(_("introduction"), blank=True)
    principles = StreamField(
        [("principle", PrincipleBlock())], verbose_name=_("principles"), blank=True
    )
    body = RichTextField(_("after the principles"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("principles"),
        FieldPanel("body"),
    ]
    translated_fields = ("intro", "principles", "body")
    search_fields = translated_search_fields("intro", "principles", "body")
    subpage_types = []

    class Meta:
        verbose_name = _("guiding principles page")


class HowToComplainPage(Page):
    """Every way to send feedback; the addresses, numbers and opening hours come from the
    contact settings, so they are written once and shown the same everywhere."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("after the channels"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    translated_fields = ("intro", "body")
    search_fields = translated_search_fields("intro", "body")
    subpage_types = []

    class Meta:
        verbose_name = _("how to complain page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contact"] = ContactSettings.load(request_or_site=request)
        return context


@register_setting(icon="mail")
class ContactSettings(BaseGenericSetting):
    """The channels besides the web form, shown on the "how to complain" page."""

    email = models.EmailField(_("email address for complaints"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    phone_hours = models.TextField(_("telephone opening hours"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    counter_address = models.TextField(_("where to complain in person"), blank=True)
    counter_hours = models.TextField(_("opening hours in person"), blank=True)

    class Meta:
        verbose_name = _("contact channels")


class ProcessPage(Page):
    """How feedback is handled: the diagram is drawn from the live Viewflow process, so it
    never drifts from what the system does; each status is explained with its target time
    per priority (ISO 10002 clauses 4.4 transparency and 7.1 communication)."""

    intro = RichTextField(_("introduction"), blank=True)
    body = RichTextField(_("after the diagram"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    translated_fields = ("intro", "body")
    search_fields = translated_search_fields("intro", "body")
    subpage_types = []

    class Meta:
        verbose_name = _("process page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chart_svg"] = process_chart_svg()
        context["short_path"] = short_path_statuses()
        context["priorities"], context["status_rows"] = status_rows()
        return context


@register_setting(icon="form")
class FeedbackFormTexts(BaseGenericSetting):
    """What editors write for the feedback form (a Django view, not a page): its title,
    the introduction on its first step and what happens next, shown with the receipt."""

    title = models.CharField(_("title"), max_length=255, blank=True)
    intro = RichTextField(_("introduction"), blank=True)
    confirmation_text = RichTextField(_("what happens next"), blank=True)

    class Meta:
        verbose_name = _("feedback form texts")


class RateCount(models.Model):
    """How often one client address (or tracking number) did one limited thing in one
    fixed window (see `portal.ratelimit`); the key names the limit, the window and a
    digest of the address, never the address itself."""

    key = models.CharField(max_length=100, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)


# The portal's page types, the home page first: its children may be any of the others. The
# translation registry (translation.py) and the demo loader (portal/demo/) read this list.
PAGE_MODELS = (
    HomePage,
    StandardPage,
    PolicyPage,
    PrinciplesPage,
    HowToComplainPage,
    ProcessPage,
)
HomePage.subpage_types = list(PAGE_MODELS[1:])
