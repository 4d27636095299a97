"""Staff URLs of the improvement app, under /staff/improvement/."""

app_name = "improvement"

urlpatterns: list = []

# Corrective and preventive actions (ISO 10002 8.7).
from django.urls import path  # noqa: E402

from .views import actions as action_views  # noqa: E402

urlpatterns += [
    path("actions/", action_views.action_list, name="action_list"),
    path("actions/new/", action_views.action_create, name="action_create"),
    path("actions/<int:pk>/", action_views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", action_views.action_update, name="action_update"),
    path("actions/<int:pk>/log/", action_views.action_log_add, name="action_log_add"),
    path("actions/<int:pk>/check/", action_views.action_check, name="action_check"),
]
