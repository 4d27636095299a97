from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import fastpath, views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("staff/", include("workflow.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
]

# MEDIA_ROOT is never served publicly: attachments are personal data, shown to staff only.
urlpatterns += i18n_patterns(
    path("track/", views.tracking, name="tracking"),
    path("track/<str:token>/", views.tracking_link, name="tracking_link"),
    path("search/", views.site_search, name="site_search"),
    # Wagtail's catch-all comes last; the feedback form's routes skip its page lookup.
    *wagtail_urls.urlpatterns[:-1],
    re_path(wagtail_urls.serve_pattern, fastpath.serve, name="wagtail_serve"),
    prefix_default_language=True,
)
