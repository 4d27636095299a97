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
