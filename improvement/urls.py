"""Staff URLs of the improvement app, under /staff/improvement/."""

from django.urls import path

from . import traceability_views

app_name = "improvement"

urlpatterns: list = []

urlpatterns += [
    path("iso10002/", traceability_views.traceability_page, name="traceability"),
]
