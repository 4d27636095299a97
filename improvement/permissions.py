"""What each staff role may do in the improvement app (added to workflow.roles at start-up).

Keys are the role names of `workflow.roles`; values are "app_label.codename" strings of
permissions this app's models declare."""

GRANTS: dict[str, list[str]] = {}

# Audit evidence (ISO 10002 8.5, 4.9): auditors export samples of cases and keep the
# internal audits; complaints managers read both; top management reads the internal audits.
_AUDIT_GRANTS = {
    "Auditors": [
        "improvement.view_auditexport",
        "improvement.add_auditexport",
        "improvement.view_internalaudit",
        "improvement.add_internalaudit",
        "improvement.change_internalaudit",
    ],
    "Complaints managers": ["improvement.view_auditexport", "improvement.view_internalaudit"],
    "Top management": ["improvement.view_internalaudit"],
}
for _role, _perms in _AUDIT_GRANTS.items():
    GRANTS.setdefault(_role, []).extend(_perms)
