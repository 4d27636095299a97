"""Staff URLs of the improvement app, under /staff/improvement/."""

from django.urls import path

from . import traceability_views
from .views import satisfaction as satisfaction_views

app_name = "improvement"

urlpatterns = [
    # ISO 10002 traceability: clause → feature → tests.
    path("iso10002/", traceability_views.traceability_page, name="traceability"),
    # Satisfaction analysis (8.3).
    path("satisfaction/", satisfaction_views.satisfaction, name="satisfaction"),
    path("satisfaction/cases/", satisfaction_views.satisfaction_cases, name="satisfaction_cases"),
    path(
        "satisfaction/responses/<int:pk>/follow-up/",
        satisfaction_views.satisfaction_followup,
        name="satisfaction_followup",
    ),
]
