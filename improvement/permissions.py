"""What each staff role may do in the improvement app (added to workflow.roles at start-up).

Keys are the role names of `workflow.roles`; values are "app_label.codename" strings of
permissions this app's models declare."""

from workflow import roles

# The dashboard of KPIs against objectives (ISO 10002 8.4): supervisors see their own
# teams' figures only (improvement.selectors.dashboard_scope); the others every team's.
VIEW_DASHBOARD = "improvement.view_dashboard"
# Setting the objectives of a period (list, add, change, delete).
CHANGE_OBJECTIVE = "improvement.change_objective"

GRANTS: dict[str, list[str]] = {
    roles.COMPLAINTS_MANAGER: [VIEW_DASHBOARD, CHANGE_OBJECTIVE],
    roles.SUPERVISOR: [VIEW_DASHBOARD],
    roles.AUDITOR: [VIEW_DASHBOARD],
    roles.TOP_MANAGEMENT: [VIEW_DASHBOARD],
}
