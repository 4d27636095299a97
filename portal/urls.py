from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.i18n import set_language

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views, wizard


def favicon(request):
    """The icon, for what asks for /favicon.ico without reading a page's head (the CMS's
    pages name their own; files, feeds and bookmarks do not)."""
    return redirect(static("portal/img/favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("staff/improvement/", include("improvement.urls")),
    path("staff/", include("workflow.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
]

# MEDIA_ROOT is never served publicly: attachments are personal data, shown to staff only.
urlpatterns += i18n_patterns(
    path("track/", views.tracking, name="tracking"),
    path("track/case/<str:reference>/", views.tracking_case, name="tracking_case"),
    path("track/<str:token>/", views.tracking_link, name="tracking_link"),
    path("search/", views.site_search, name="site_search"),
    # The feedback form: a Django view, one URL per step (before Wagtail's catch-all).
    path("feedback/", wizard.feedback_wizard, name="feedback"),
    path("feedback/confirmation/", views.complaint_confirmation, name="feedback_confirmation"),
    path("feedback/keepalive/", wizard.keepalive, name="feedback_keepalive"),
    path("feedback/<slug:step>/", wizard.feedback_wizard, name="feedback_step"),
    # Wagtail's catch-all comes last.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
