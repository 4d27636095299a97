"""Writes for audit evidence (ISO 10002 8.5, 4.9): the export of a sample of cases as a
ZIP of PDF and CSV timelines with a manifest of checksums, recorded; internal audits."""

import csv
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from workflow.models import CaseEvent
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


@dataclass(frozen=True)
class ExportResult:
    export: AuditExport
    filename: str
    content: bytes


def audit_export_create(*, user, sample: SampleRequest, language: str) -> ExportResult:
    """Draw the sample, build the ZIP in memory (no transaction open while the PDFs are
    laid out), then record the export, and each case's personal data read by it, in one
    short transaction. Raises ValidationError for an empty or too large sample."""
    case_ids = audit_sample(user=user, sample=sample)
    personal_data = user.has_perm("workflow.view_all_cases")
    export = AuditExport(
        user=user,
        period_start=sample.period_start,
        period_end=sample.period_end,
        method=sample.method,
        seed=sample.seed if sample.method == AuditExport.Method.RANDOM else None,
        size=sample.size if sample.method == AuditExport.Method.RANDOM else None,
        criteria=sample.criteria(),
        personal_data=personal_data,
        language=language,
    )
    started = timezone.now()
    with translation.override(language):
        timelines = audit_timelines(case_ids=case_ids, personal_data=personal_data)
        export.cases = [timeline.case.reference for timeline in timelines]
        export.case_count = len(timelines)
        files = {"cases.csv": _cases_csv(timelines)}
        pdfs = pdf_render_each(
            template=CASE_PDF_TEMPLATE,
            context={"export": export, "generated_at": started, "exported_by": user},
            documents=[
                {"title": _("Case %(reference)s") % {"reference": t.case.reference}, "timeline": t}
                for t in timelines
            ],
            language=language,
        )
        for timeline, pdf in zip(timelines, pdfs, strict=True):
            folder = f"cases/{timeline.case.reference}"
            files[f"{folder}/timeline.pdf"] = pdf
            files[f"{folder}/timeline.csv"] = _timeline_csv(timeline)
    manifest = {
        "export": str(export.uid),
        "exported_at": started.isoformat(timespec="seconds"),
        "exported_by": user.get_username(),
        "period": [sample.period_start.isoformat(), sample.period_end.isoformat()],
        "method": sample.method,
        "seed": export.seed,
        "size": export.size,
        "criteria": export.criteria,
        "personal_data": personal_data,
        "language": language,
        "cases": export.cases,
        "files": [
            {"path": path, "bytes": len(content), "sha256": _sha256(content)}
            for path, content in files.items()
        ],
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    files["manifest.json"] = manifest_bytes
    stamp = timezone.localtime(started).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, content in files.items():
            archive.writestr(zipfile.ZipInfo(path, date_time=stamp), content, zipfile.ZIP_DEFLATED)
    content = buffer.getvalue()
    export.manifest_sha256 = _sha256(manifest_bytes)
    export.archive_sha256 = _sha256(content)
    export.archive_bytes = len(content)
    with transaction.atomic():
        export.save()
        if personal_data:
            for timeline in timelines:
                event_record(
                    case=timeline.case,
                    kind=CaseEvent.Kind.DATA_VIEWED,
                    actor=user,
                    is_public=False,
                    data={"via": "audit_export", "export": str(export.uid)},
                )
    filename = f"audit-export-{timezone.localtime(started):%Y%m%d-%H%M}-{str(export.uid)[:8]}.zip"
    return ExportResult(export=export, filename=filename, content=content)


def internal_audit_save(*, audit: InternalAudit, findings_formset, user) -> InternalAudit:
    """Save an internal audit (new or changed) with its findings, together."""
    with transaction.atomic():
        if audit.pk is None:
            audit.created_by = user
        audit.save()
        findings_formset.instance = audit
        findings_formset.save()
    return audit
