"""What each staff role may do in the improvement app (added to workflow.roles at start-up).

Keys are the role names of `workflow.roles`; values are "app_label.codename" strings of
permissions this app's models declare."""

from workflow import roles

GRANTS: dict[str, list[str]] = {}


def _grant(role: str, *perms: str) -> None:
    GRANTS.setdefault(role, []).extend(perms)


# ISO 10002 traceability (clause → feature → tests).
for _role in (roles.AUDITOR, roles.COMPLAINTS_MANAGER, roles.TOP_MANAGEMENT):
    _grant(_role, "improvement.view_traceability")

# Satisfaction analysis (8.3): reading it; recording the follow-up of a low score. A
# supervisor's figures and follow-ups cover only the cases they may see (their teams').
for _role in (roles.COMPLAINTS_MANAGER, roles.SUPERVISOR):
    _grant(_role, "improvement.view_satisfaction", "improvement.add_satisfactionfollowup")
for _role in (roles.AUDITOR, roles.TOP_MANAGEMENT):
    _grant(_role, "improvement.view_satisfaction")

# Audit evidence (8.5, 4.9): auditors export samples of cases and keep the internal
# audits; complaints managers read both; top management reads the internal audits.
_grant(
    roles.AUDITOR,
    "improvement.view_auditexport",
    "improvement.add_auditexport",
    "improvement.view_internalaudit",
    "improvement.add_internalaudit",
    "improvement.change_internalaudit",
)
_grant(roles.COMPLAINTS_MANAGER, "improvement.view_auditexport", "improvement.view_internalaudit")
_grant(roles.TOP_MANAGEMENT, "improvement.view_internalaudit")

# Corrective and preventive actions (8.7). Supervisors' view and change are scoped
# (improvement.selectors.actions) to the actions they own or opened and those whose cases
# are their teams'; auditors and top management read them all.
for _role in (roles.COMPLAINTS_MANAGER, roles.SUPERVISOR):
    _grant(
        _role,
        "improvement.view_correctiveaction",
        "improvement.add_correctiveaction",
        "improvement.change_correctiveaction",
    )
for _role in (roles.AUDITOR, roles.TOP_MANAGEMENT):
    _grant(_role, "improvement.view_correctiveaction")

# The dashboard of KPIs against objectives (8.2, 8.4): supervisors see their own teams'
# figures only (improvement.selectors.scope_for); the others every team's. Setting the
# objectives of a period (list, add, change, delete): complaints managers.
VIEW_DASHBOARD = "improvement.view_dashboard"
CHANGE_OBJECTIVE = "improvement.change_objective"
_grant(roles.COMPLAINTS_MANAGER, VIEW_DASHBOARD, CHANGE_OBJECTIVE)
for _role in (roles.SUPERVISOR, roles.AUDITOR, roles.TOP_MANAGEMENT):
    _grant(_role, VIEW_DASHBOARD)

# Management reviews (5.2, 8.6): complaints managers and top management prepare them and
# record the meeting; top management alone signs them off; auditors read them.
for _role in (roles.COMPLAINTS_MANAGER, roles.TOP_MANAGEMENT):
    _grant(
        _role,
        "improvement.view_managementreview",
        "improvement.add_managementreview",
        "improvement.change_managementreview",
    )
_grant(roles.AUDITOR, "improvement.view_managementreview")
_grant(roles.TOP_MANAGEMENT, "improvement.signoff_managementreview")
