"""Staff URLs of the improvement app, under /staff/improvement/."""

from django.urls import path

from . import traceability_views
from .views import actions as action_views
from .views import audit, dashboard
from .views import reviews as review_views
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
    # Audit evidence (8.5, 4.9).
    path("audit/", audit.audit_export, name="audit_export"),
    path("audit/<uuid:uid>/zip/", audit.audit_export_download, name="audit_export_download"),
    path("audits/", audit.internal_audits, name="internal_audits"),
    path("audits/new/", audit.internal_audit_create, name="internal_audit_create"),
    path("audits/<int:pk>/", audit.internal_audit_detail, name="internal_audit_detail"),
    path("audits/<int:pk>/edit/", audit.internal_audit_edit, name="internal_audit_edit"),
    # Corrective and preventive actions (8.7).
    path("actions/", action_views.action_list, name="action_list"),
    path("actions/new/", action_views.action_create, name="action_create"),
    path("actions/<int:pk>/", action_views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", action_views.action_update, name="action_update"),
    path("actions/<int:pk>/log/", action_views.action_log_add, name="action_log_add"),
    path("actions/<int:pk>/check/", action_views.action_check, name="action_check"),
    # Management reviews (5.2, 8.6).
    path("reviews/", review_views.review_list, name="reviews"),
    path("reviews/new/", review_views.review_create, name="review_create"),
    path("reviews/<int:pk>/", review_views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/edit/", review_views.review_edit, name="review_edit"),
    path("reviews/<int:pk>/refresh/", review_views.review_refresh, name="review_refresh"),
    path("reviews/<int:pk>/sign-off/", review_views.review_signoff, name="review_signoff"),
    path("reviews/<int:pk>/pack.pdf", review_views.review_pack_pdf, name="review_pack_pdf"),
    path("reviews/<int:pk>/pack.csv", review_views.review_pack_csv, name="review_pack_csv"),
    # The dashboard (8.2, 8.4) and the objectives.
    path("", dashboard.dashboard, name="dashboard"),
    path("objectives/", dashboard.objectives, name="objectives"),
    path("objectives/new/", dashboard.objective_edit, name="objective_add"),
    path("objectives/<int:pk>/", dashboard.objective_edit, name="objective_edit"),
    path("objectives/<int:pk>/delete/", dashboard.objective_delete, name="objective_delete"),
]
