"""The portal's URLs plus the bare reference views the ratios are measured against."""

from django.urls import path

from benchmarks.views import bare, bare_post
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("bench/bare/", bare), path("bench/bare-post/", bare_post), *portal_urlpatterns]
