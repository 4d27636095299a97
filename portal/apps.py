from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _clear_page_cache(**kwargs):
    from django.core.cache import caches

    caches["pages"].clear()


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        from django.db.models.signals import post_delete

        from wagtail.models import Page
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        # Cache invalidation only: no domain logic hangs on these signals.
        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(_clear_page_cache, dispatch_uid=f"portal-cache-{signal!r}")
        post_delete.connect(_clear_page_cache, sender=Page, dispatch_uid="portal-cache-delete")
        # A view restriction changes who may see a page without publishing it.
        from django.db.models.signals import post_save as saved

        from wagtail.models import PageViewRestriction

        for signal in (saved, post_delete):
            signal.connect(
                _clear_page_cache,
                sender=PageViewRestriction,
                dispatch_uid=f"portal-cache-restriction-{signal!r}",
            )
        # Pages also show configuration: contact channels, reply time, deadlines per priority,
        # the organisation's name.
        from django.db.models.signals import post_save

        from workflow.models import HandlingSettings, OrganisationSettings, Priority

        from .models import ContactSettings, FeedbackFormTexts

        for model in (ContactSettings, HandlingSettings, OrganisationSettings, Priority):
            post_save.connect(
                _clear_page_cache, sender=model, dispatch_uid=f"portal-cache-{model.__name__}"
            )
        # The feedback form's texts are configuration kept by each process (workflow.config).
        from workflow import config

        post_save.connect(
            config.forget, sender=FeedbackFormTexts, dispatch_uid="portal-feedback-form-texts"
        )
