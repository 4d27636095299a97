from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImprovementConfig(AppConfig):
    name = "improvement"
    verbose_name = _("Improvement")

    def ready(self):
        from workflow import roles

        from . import permissions

        # The roles of workflow.roles get this app's permissions (least privilege).
        for role, perms in permissions.GRANTS.items():
            roles.permissions_grant(role, perms)
