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

        # Corrective actions: their deadlines on every sweep; on a case's staff page, a link
        # to open one and the ones it is linked to.
        from workflow import timers
        from workflow import views as workflow_views

        from .services.actions import actions_deadlines_check
        from .services.audit import audit_exports_expire
        from .views.actions import case_links, staff_links

        timers.periodic_register("improvement.actions_deadlines", actions_deadlines_check)
        # Audit ZIPs hold personal data: deleted after AUDIT_EXPORT_KEEP_DAYS.
        timers.periodic_register("improvement.audit_exports_expire", audit_exports_expire)
        workflow_views.case_links_register(case_links)
        workflow_views.staff_links_register(staff_links)

        # Management reviews: a link on the staff home for those who may read them.
        from .views.reviews import staff_links as review_links

        workflow_views.staff_links_register(review_links)
