"""What each staff role may do in the improvement app (added to workflow.roles at start-up).

Keys are the role names of `workflow.roles`; values are "app_label.codename" strings of
permissions this app's models declare."""

GRANTS: dict[str, list[str]] = {}

# Corrective and preventive actions (ISO 10002 8.7). Supervisors' view and change are
# scoped (improvement.selectors.actions) to the actions they own or opened and those whose
# cases are their teams'; auditors and top management read them all.
_ACTIONS_ALL = [
    "improvement.view_correctiveaction",
    "improvement.add_correctiveaction",
    "improvement.change_correctiveaction",
]
for _role, _perms in {
    "Complaints managers": _ACTIONS_ALL,
    "Supervisors": _ACTIONS_ALL,
    "Auditors": ["improvement.view_correctiveaction"],
    "Top management": ["improvement.view_correctiveaction"],
}.items():
    GRANTS.setdefault(_role, []).extend(_perms)
