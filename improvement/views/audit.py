"""Staff pages of audit evidence (ISO 10002 8.5, 4.9): the export of a sample of cases for
an auditor, the list of past exports, and the internal audits with their findings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ..forms.audit import AuditSampleForm, FindingFormSet, InternalAuditForm
from ..models import AuditFinding, InternalAudit
from ..selectors.audit import EXPORT_MAX_CASES, audit_exports_list
from ..services.audit import audit_export_create, internal_audit_save


@login_required
@permission_required("improvement.view_auditexport", raise_exception=True)
def audit_export(request):
    """GET: the sample form (for those who may export) and the exports made so far.
    POST: draw the sample and answer the ZIP, the export recorded."""
    may_export = request.user.has_perm("improvement.add_auditexport")
    form = AuditSampleForm(request.POST or None) if may_export else None
    if request.method == "POST":
        if not may_export:
            raise PermissionDenied
        if form.is_valid():
            try:
                result = audit_export_create(
                    user=request.user, sample=form.sample(), language=translation.get_language()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                response = HttpResponse(result.content, content_type="application/zip")
                response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
                response["X-Export-Id"] = str(result.export.uid)
                response["Cache-Control"] = "no-store"
                return response
    return render(
        request,
        "improvement/audit_export.html",
        {
            "form": form,
            "exports": audit_exports_list(),
            "max_cases": EXPORT_MAX_CASES,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@permission_required("improvement.view_internalaudit", raise_exception=True)
def internal_audits(request):
    audits = InternalAudit.objects.annotate(
        findings_count=Count("findings"),
        open_findings=Count("findings", filter=~Q(findings__status=AuditFinding.Status.DONE)),
    ).order_by("-audited_on", "-pk")
    return render(request, "improvement/internal_audits.html", {"audits": audits})


@login_required
@permission_required("improvement.view_internalaudit", raise_exception=True)
def internal_audit_detail(request, pk: int):
    audit = get_object_or_404(
        InternalAudit.objects.select_related("created_by").prefetch_related("findings__owner"),
        pk=pk,
    )
    return render(request, "improvement/internal_audit_detail.html", {"audit": audit})


def _internal_audit_form(request, audit: InternalAudit):
    form = InternalAuditForm(request.POST or None, instance=audit)
    findings = FindingFormSet(request.POST or None, instance=audit, prefix="findings")
    if request.method == "POST" and form.is_valid() and findings.is_valid():
        saved = internal_audit_save(
            audit=form.save(commit=False), findings_formset=findings, user=request.user
        )
        messages.success(request, _("The internal audit is saved."), fail_silently=True)
        return HttpResponseRedirect(reverse("improvement:internal_audit_detail", args=[saved.pk]))
    return render(
        request,
        "improvement/internal_audit_form.html",
        {"form": form, "findings": findings, "audit": audit},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@permission_required("improvement.add_internalaudit", raise_exception=True)
def internal_audit_create(request):
    return _internal_audit_form(request, InternalAudit())


@login_required
@permission_required("improvement.change_internalaudit", raise_exception=True)
def internal_audit_edit(request, pk: int):
    return _internal_audit_form(request, get_object_or_404(InternalAudit, pk=pk))
