"""The improvement app's models, one module per area (each imported here)."""

from .actions import ActionLogEntry, CorrectiveAction  # noqa: F401
from .audit import AuditExport, AuditFinding, InternalAudit  # noqa: F401
from .facts import (  # noqa: F401
    SCOPE_FIELDS,
    CaseFacts,
    StepFacts,
    facts_filler_register,
    facts_missing_fill,
)
from .objectives import Objective  # noqa: F401
from .reviews import ManagementReview, ReviewDecision, ReviewPack, SignedOffError  # noqa: F401
from .satisfaction import SatisfactionFollowUp  # noqa: F401
from .snapshots import (  # noqa: F401
    CohortMonth,
    SnapshotMonth,
    StepMonth,
    case_deleting,
    snapshot_months_changed,
)
from .traceability import Traceability  # noqa: F401
