"""Writes for audit evidence (ISO 10002 8.5, 4.9): the export of a sample of cases as a
ZIP of PDF and CSV timelines with a manifest of checksums, recorded; internal audits."""

import csv
import hashlib
import io
import json
import logging
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from django_tasks import task

from workflow.models import Case, CaseEvent
from workflow.services import event_record

from ..models import AuditExport, InternalAudit
from ..pdf import pdf_render_each
from ..selectors.audit import (
    CaseTimeline,
    SampleRequest,
    audit_sample,
    audit_timelines,
)

CASE_PDF_TEMPLATE = "improvement/audit_case_pdf.html"

logger = logging.getLogger(__name__)


def csv_cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_bytes(header: list[str], rows) -> bytes:
    """UTF-8 with a byte-order mark (spreadsheets then read Arabic and Greek right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(value) for value in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _timeline_csv(timeline: CaseTimeline) -> bytes:
    header = [
        _("When"),
        _("Stage"),
        _("Event"),
        _("By"),
        _("Shown to the complainant"),
        _("Details"),
    ]
    rows = [
        (
            timezone.localtime(entry.at).isoformat(timespec="seconds"),
            entry.stage_label,
            entry.what,
            entry.by,
            _("yes") if entry.public else _("no"),
            entry.details,
        )
        for entry in timeline.entries
    ]
    return csv_bytes(header, rows)


def _cases_csv(timelines: list[CaseTimeline]) -> bytes:
    header = [label for label, _value in timelines[0].facts]
    return csv_bytes(header, ([value for _label, value in t.facts] for t in timelines))


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def audit_export_request(*, user, sample: SampleRequest, language: str) -> AuditExport:
    """Draw the sample and record the export (who, when, what); the worker builds the ZIP
    (`audit_export_build_task`, queued when the record is committed). Raises
    ValidationError for an empty or too large sample."""
    case_ids = audit_sample(user=user, sample=sample)
    references = dict(Case.objects.filter(pk__in=case_ids).values_list("pk", "reference"))
    random_sample = sample.method == AuditExport.Method.RANDOM
    with transaction.atomic():
        export = AuditExport.objects.create(
            user=user,
            period_start=sample.period_start,
            period_end=sample.period_end,
            method=sample.method,
            seed=sample.seed if random_sample else None,
            size=sample.size if random_sample else None,
            criteria=sample.criteria(),
            cases=[references[pk] for pk in case_ids],
            case_count=len(case_ids),
            personal_data=user.has_perm("workflow.view_all_cases"),
            language=language,
        )
        transaction.on_commit(lambda: audit_export_build_task.enqueue(export.pk))
    return export


@task()
def audit_export_build_task(export_id: int) -> str:
    return audit_export_build(export_id=export_id)


def _archive(export: AuditExport, timelines: list[CaseTimeline]) -> tuple[bytes, bytes]:
    """(the ZIP, its manifest): per case a PDF and a CSV of its timeline, cases.csv, and
    manifest.json listing every other file with its size and SHA-256."""
    user = export.user
    files = {"cases.csv": _cases_csv(timelines)}
    pdfs = pdf_render_each(
        template=CASE_PDF_TEMPLATE,
        context={"export": export, "generated_at": export.created_at, "exported_by": user},
        documents=[
            {"title": _("Case %(reference)s") % {"reference": t.case.reference}, "timeline": t}
            for t in timelines
        ],
        language=export.language,
    )
    for timeline, pdf in zip(timelines, pdfs, strict=True):
        folder = f"cases/{timeline.case.reference}"
        files[f"{folder}/timeline.pdf"] = pdf
        files[f"{folder}/timeline.csv"] = _timeline_csv(timeline)
    manifest = {
        "export": str(export.uid),
        "exported_at": timezone.localtime(export.created_at).isoformat(timespec="seconds"),
        "exported_by": user.get_username(),
        "period": [export.period_start.isoformat(), export.period_end.isoformat()],
        "method": export.method,
        "seed": export.seed,
        "size": export.size,
        "criteria": export.criteria,
        "personal_data": export.personal_data,
        "language": export.language,
        "cases": [timeline.case.reference for timeline in timelines],
        "files": [
            {"path": path, "bytes": len(content), "sha256": _sha256(content)}
            for path, content in files.items()
        ],
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    files["manifest.json"] = manifest_bytes
    stamp = timezone.localtime(export.created_at).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, content in files.items():
            archive.writestr(zipfile.ZipInfo(path, date_time=stamp), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue(), manifest_bytes


def audit_export_build(*, export_id: int) -> str:
    """Build a queued export's ZIP: the timelines read, the PDFs laid out and the ZIP
    written with no transaction open; then, in one short transaction, the export marked
    ready with its checksums and each case's history told its personal data was read.
    Returns the export's state."""
    export = AuditExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.state != AuditExport.State.QUEUED:
        return export.state if export else ""
    try:
        ids = dict(Case.objects.filter(reference__in=export.cases).values_list("reference", "pk"))
        with translation.override(export.language):
            timelines = audit_timelines(
                case_ids=[ids[reference] for reference in export.cases],
                personal_data=export.personal_data,
            )
            content, manifest_bytes = _archive(export, timelines)
        export.file.save(f"audit-export-{export.uid}.zip", ContentFile(content), save=False)
    except Exception as error:  # recorded on the export, shown on the page
        logger.exception("Audit export %s failed", export.uid)
        export.state = AuditExport.State.FAILED
        export.error = f"{type(error).__name__}: {error}"[:2000]
        export.built_at = timezone.now()
        export.save(update_fields=["state", "error", "built_at"])
        return export.state
    with transaction.atomic():
        # A run that was given up for lost may have finished meanwhile: the first one wins.
        if (
            AuditExport.objects.select_for_update()
            .filter(pk=export.pk)
            .values_list("state", flat=True)
        ).first() != AuditExport.State.QUEUED:
            export.file.delete(save=False)
            return AuditExport.objects.get(pk=export.pk).state
        export.state = AuditExport.State.READY
        export.manifest_sha256 = _sha256(manifest_bytes)
        export.archive_sha256 = _sha256(content)
        export.archive_bytes = len(content)
        export.built_at = timezone.now()
        export.save(
            update_fields=[
                "state",
                "file",
                "manifest_sha256",
                "archive_sha256",
                "archive_bytes",
                "built_at",
            ]
        )
        if export.personal_data:
            for timeline in timelines:
                event_record(
                    case=timeline.case,
                    kind=CaseEvent.Kind.DATA_VIEWED,
                    actor=export.user,
                    is_public=False,
                    data={"via": "audit_export", "export": str(export.uid)},
                )
    return export.state


def audit_export_filename(export: AuditExport) -> str:
    """The name the ZIP is downloaded under."""
    made = timezone.localtime(export.created_at)
    return f"audit-export-{made:%Y%m%d-%H%M}-{str(export.uid)[:8]}.zip"


def internal_audit_save(*, audit: InternalAudit, findings_formset, user) -> InternalAudit:
    """Save an internal audit (new or changed) with its findings, together."""
    with transaction.atomic():
        if audit.pk is None:
            audit.created_by = user
        audit.save()
        findings_formset.instance = audit
        findings_formset.save()
    return audit


def audit_exports_expire(*, now=None) -> int:
    """Delete the ZIPs built more than AUDIT_EXPORT_KEEP_DAYS ago (they hold personal data
    and case timelines); the record of each export, its case list and its checksums stay.
    Run on every sweep of the clock. Returns how many were deleted."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.AUDIT_EXPORT_KEEP_DAYS)
    expired = 0
    for export in AuditExport.objects.filter(
        state=AuditExport.State.READY, built_at__lt=cutoff
    ).order_by("pk")[:100]:
        if export.file:
            export.file.delete(save=False)
        export.state = AuditExport.State.EXPIRED
        export.save(update_fields=["state", "file"])
        expired += 1
    return expired
