"""Staff roles (Django groups) and what each may do: least privilege, one place."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

INTAKE_OFFICER = "Intake officers"
HANDLER = "Handlers"
SUPERVISOR = "Supervisors"
COMPLAINTS_MANAGER = "Complaints managers"
REVIEWER = "Reviewers"
AUDITOR = "Auditors"
# Top management (ISO 10002 5.1, 8.6): reads the analysis and takes part in the review.
TOP_MANAGEMENT = "Top management"
EDITOR = "Editors"
ADMINISTRATOR = "Administrators"

# Every staff role needs `view_caseprocess` to open the task list (Viewflow's site check).
_STAFF = ["workflow.view_caseprocess", "workflow.view_case"]

# Reading who searched for what and who exported which cases (the staff search's audit trail).
_AUDIT_SEARCHES = ["search.view_searchrecord"]

# Editing the process configuration in the CMS: deadlines, teams, categories, root causes,
# settings.
_CONFIGURE = [
    "wagtailadmin.access_admin",
    *(
        f"workflow.{action}_{model}"
        for model in ("priority", "team", "category", "holiday", "rootcause")
        for action in ("add", "change", "delete")
    ),
    "workflow.change_handlingsettings",
    "workflow.change_organisationsettings",
    "portal.change_contactsettings",
]

PERMISSIONS = {
    INTAKE_OFFICER: [*_STAFF, "workflow.assess_case"],
    HANDLER: [*_STAFF, "workflow.handle_case", "workflow.close_case"],
    SUPERVISOR: [
        *_STAFF,
        "workflow.assess_case",
        "workflow.handle_case",
        "workflow.close_case",
        "workflow.approve_response",
    ],
    COMPLAINTS_MANAGER: [
        *_STAFF,
        "workflow.view_all_cases",
        "workflow.assess_case",
        "workflow.handle_case",
        "workflow.close_case",
        "workflow.approve_response",
        "workflow.review_case",
        "workflow.unmerge_case",
        *_AUDIT_SEARCHES,
        *_CONFIGURE,
    ],
    REVIEWER: [*_STAFF, "workflow.review_case"],
    TOP_MANAGEMENT: [*_STAFF, "workflow.view_all_cases"],
    AUDITOR: [*_STAFF, "workflow.view_all_cases", *_AUDIT_SEARCHES],
    EDITOR: [
        "wagtailadmin.access_admin",
        "portal.change_contactsettings",
        "workflow.change_organisationsettings",
    ],
    ADMINISTRATOR: [
        *_STAFF,
        "workflow.view_all_cases",
        "workflow.assess_case",
        "workflow.handle_case",
        "workflow.close_case",
        "workflow.approve_response",
        *_AUDIT_SEARCHES,
        *_CONFIGURE,
    ],
}


def has_workflow_perm_q(codename: str, prefix: str = "") -> Q:
    """A filter on users (or on `prefix`-related users) holding workflow.`codename`."""
    return (
        Q(**{f"{prefix}is_superuser": True})
        | Q(
            **{
                f"{prefix}groups__permissions__codename": codename,
                f"{prefix}groups__permissions__content_type__app_label": "workflow",
            }
        )
        | Q(
            **{
                f"{prefix}user_permissions__codename": codename,
                f"{prefix}user_permissions__content_type__app_label": "workflow",
            }
        )
    )


# Groups Wagtail also manages (its migrations give them image, document and page
# permissions): ours are added to theirs, never replacing them.
SHARED_WITH_WAGTAIL = {EDITOR}


def permissions_grant(role: str, perms: list[str]) -> None:
    """Give `role` more permissions ("app_label.codename"): apps above workflow call it
    from their ready(), so this module never imports them."""
    for perm in perms:
        if perm not in PERMISSIONS[role]:
            PERMISSIONS[role].append(perm)


def roles_sync() -> None:
    """Create the groups and give each its permissions (idempotent).

    The complaint-handling roles get exactly the listed permissions: nothing more
    survives a sync (least privilege).
    """
    for name, perms in PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        if name in SHARED_WITH_WAGTAIL:
            group.permissions.add(*wanted)
        else:
            group.permissions.set(wanted)
