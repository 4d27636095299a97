"""What each staff role may do in the improvement app (added to workflow.roles at start-up).

Keys are the role names of `workflow.roles`; values are "app_label.codename" strings of
permissions this app's models declare."""

GRANTS: dict[str, list[str]] = {}

# ISO 10002 traceability (clause → feature → tests): auditors, complaints managers, top management.
_TRACEABILITY = "improvement.view_traceability"
for _role in ("Auditors", "Complaints managers", "Top management"):
    GRANTS.setdefault(_role, []).append(_TRACEABILITY)
