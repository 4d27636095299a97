"""What each staff role may do in the improvement app (added to workflow.roles at start-up).

Keys are the role names of `workflow.roles`; values are "app_label.codename" strings of
permissions this app's models declare."""

GRANTS: dict[str, list[str]] = {}

# Satisfaction analysis (ISO 10002 8.3): reading it; recording the follow-up of a low score.
# A supervisor's figures and follow-ups cover only the cases they may see (their teams').
from workflow import roles as _roles  # noqa: E402

_SATISFACTION = ["improvement.view_satisfaction", "improvement.add_satisfactionfollowup"]
for _role, _perms in {
    _roles.COMPLAINTS_MANAGER: _SATISFACTION,
    _roles.SUPERVISOR: _SATISFACTION,
    _roles.AUDITOR: ["improvement.view_satisfaction"],
    _roles.TOP_MANAGEMENT: ["improvement.view_satisfaction"],
}.items():
    GRANTS.setdefault(_role, []).extend(_perms)
