"""The improvement app's models, one module per area (each imported here)."""

from .audit import AuditExport, AuditFinding, InternalAudit  # noqa: F401
