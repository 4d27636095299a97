"""Staff pages of audit evidence (ISO 10002 8.5, 4.9): the export of a sample of cases for
an auditor, the list of past exports, and the internal audits with their findings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..forms.audit import AuditSampleForm, FindingFormSet, InternalAuditForm
from ..models import AuditExport, AuditFinding, InternalAudit
from ..selectors.audit import EXPORT_MAX_CASES, audit_exports_list
from ..services.audit import (
    audit_export_filename,
    audit_export_request,
    internal_audit_save,
)


@login_required
@permission_required("improvement.view_auditexport", raise_exception=True)
def audit_export(request):
    """GET: the sample form (for those who may export) and the exports made so far.
    POST: draw the sample and record the export; the worker builds its ZIP, which the
    person who asked downloads from this page."""
    may_export = request.user.has_perm("improvement.add_auditexport")
    form = None
    if may_export:
        form = AuditSampleForm(request.POST or None, initial=_again(request.GET.get("again")))
    if request.method == "POST":
        if not may_export:
            raise PermissionDenied
        if form.is_valid():
            try:
                export = audit_export_request(
                    user=request.user, sample=form.sample(), language=translation.get_language()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s case is being exported. Reload this page in a moment to "
                        "download the ZIP.",
                        "%(count)s cases are being exported. Reload this page in a moment to "
                        "download the ZIP.",
                        export.case_count,
                    )
                    % {"count": export.case_count},
                    fail_silently=True,
                )
                return HttpResponseRedirect(reverse("improvement:audit_export"))
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


def _again(uid: str | None) -> dict:
    """The form filled in as for the export `uid`: the same sample can be drawn again."""
    try:
        export = AuditExport.objects.filter(uid=uid).first() if uid else None
    except ValidationError:  # not a UUID
        export = None
    if export is None:
        return {}
    return {
        "period_start": export.period_start,
        "period_end": export.period_end,
        "method": export.method,
        "seed": export.seed,
        "size": export.size,
        **{key: value for key, value in export.criteria.items() if isinstance(value, list)},
        **{
            key: "yes" if value else "no"
            for key, value in export.criteria.items()
            if isinstance(value, bool)
        },
    }


@login_required
@permission_required("improvement.add_auditexport", raise_exception=True)
def audit_export_download(request, uid):
    """The ZIP of an export, for the person who made it only: it holds what they were
    allowed to see when they asked (personal data included)."""
    export = AuditExport.objects.filter(uid=uid, user=request.user).first()
    if export is None:
        raise PermissionDenied
    if export.state != AuditExport.State.READY or not export.file:
        raise Http404
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=audit_export_filename(export),
        content_type="application/zip",
    )
    response["Cache-Control"] = "no-store"
    return response


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
