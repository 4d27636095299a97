"""Staff URLs of the improvement app, under /staff/improvement/."""

app_name = "improvement"

urlpatterns: list = []

# Satisfaction analysis (ISO 10002 8.3).
from django.urls import path  # noqa: E402

from .views import satisfaction as satisfaction_views  # noqa: E402

urlpatterns += [
    path("satisfaction/", satisfaction_views.satisfaction, name="satisfaction"),
    path("satisfaction/cases/", satisfaction_views.satisfaction_cases, name="satisfaction_cases"),
    path(
        "satisfaction/responses/<int:pk>/follow-up/",
        satisfaction_views.satisfaction_followup,
        name="satisfaction_followup",
    ),
]
