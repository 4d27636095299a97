from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImprovementConfig(AppConfig):
    name = "improvement"
    verbose_name = _("Improvement")

    def ready(self):
        from django.db.models import signals

        from workflow import roles
        from workflow.models import Case, CaseEvent, Holiday, SurveyResponse, Team

        from . import permissions

        # The roles of workflow.roles get this app's permissions (least privilege).
        for role, perms in permissions.GRANTS.items():
            roles.permissions_grant(role, perms)

        # The KPI facts follow the cases, their history and the working calendars.
        from .models import facts_filler_register
        from .services import facts

        facts_filler_register(facts.case_facts_refresh)

        uid = "improvement.facts"
        signals.post_save.connect(facts.case_saved, sender=Case, dispatch_uid=f"{uid}.case")
        signals.post_save.connect(
            facts.event_recorded, sender=CaseEvent, dispatch_uid=f"{uid}.event"
        )
        # A case deleted takes its facts along: the snapshots of their months are stale.
        from .models import case_deleting

        signals.pre_delete.connect(case_deleting, sender=Case, dispatch_uid=f"{uid}.gone")
        for signal in (signals.post_save, signals.post_delete):
            signal.connect(facts.survey_changed, sender=SurveyResponse, dispatch_uid=f"{uid}.s")
            signal.connect(facts.holiday_changed, sender=Holiday, dispatch_uid=f"{uid}.h")
        signals.pre_save.connect(facts.team_saving, sender=Team, dispatch_uid=f"{uid}.team")
        signals.post_save.connect(facts.team_saved, sender=Team, dispatch_uid=f"{uid}.team")

        # The staff search's filters the dashboard's figures drill down with.
        from search.conditions import condition_register

        from .selectors.drilldown import conditions

        for condition in conditions():
            condition_register(condition)

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
