"""What each staff role may do in the improvement app (added to workflow.roles at start-up).

Keys are the role names of `workflow.roles`; values are "app_label.codename" strings of
permissions this app's models declare."""

GRANTS: dict[str, list[str]] = {}
