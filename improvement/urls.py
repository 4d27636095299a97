"""Staff URLs of the improvement app, under /staff/improvement/."""

from django.urls import path

from .views import audit

app_name = "improvement"

urlpatterns: list = []

# Audit evidence (ISO 10002 8.5, 4.9).
urlpatterns += [
    path("audit/", audit.audit_export, name="audit_export"),
    path("audit/<uuid:uid>/zip/", audit.audit_export_download, name="audit_export_download"),
    path("audits/", audit.internal_audits, name="internal_audits"),
    path("audits/new/", audit.internal_audit_create, name="internal_audit_create"),
    path("audits/<int:pk>/", audit.internal_audit_detail, name="internal_audit_detail"),
    path("audits/<int:pk>/edit/", audit.internal_audit_edit, name="internal_audit_edit"),
]
