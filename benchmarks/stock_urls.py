"""The stock reference's two bare views, the same as the project's (benchmarks.urls)."""

from django.urls import path

from benchmarks.views import bare, bare_post

urlpatterns = [path("bench/bare/", bare), path("bench/bare-post/", bare_post)]
