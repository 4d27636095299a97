"""Staff URLs: Viewflow's task list and process views, sign-in, and the case search."""

from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from viewflow.contrib.auth import AuthViewset
from viewflow.urls import Application, Site

from . import views
from .flow_views import ScopedFlowAppViewset
from .flows import ComplaintFlow, FeedbackFlow


class StaffSite(Site):
    title = _("Complaint handling")

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated and user.is_active


site = StaffSite(
    viewsets=[
        Application(
            title=_("Cases"),
            icon="inbox",
            app_name="cases",
            viewsets=[
                # Each person sees only the processes and tasks of cases they may see.
                ScopedFlowAppViewset(ComplaintFlow, icon="assignment"),
                ScopedFlowAppViewset(FeedbackFlow, icon="lightbulb"),
            ],
        ),
    ]
)

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="my_work"), name="staff_home"),
    path("work/", views.my_work, name="my_work"),
    path("workload/", views.workload, name="workload"),
    path("accounts/", AuthViewset(allow_password_change=False, with_profile_view=False).urls),
    path("search/", include("search.urls")),
    path("cases/new/", views.staff_intake, name="staff_intake"),
    path("cases/", views.cases_home, name="cases_home"),
    # Only tracking numbers: the flows' own pages live under cases/complaint/, cases/feedback/.
    re_path(
        r"^cases/(?P<reference>(?:CMP|SUG|CPL)-[0-9A-Z]{4}-[0-9A-Z]{4})/$",
        views.case_detail,
        name="case_detail",
    ),
    re_path(
        r"^cases/(?P<reference>(?:CMP|SUG|CPL)-[0-9A-Z]{4}-[0-9A-Z]{4})/unmerge/$",
        views.case_unmerge,
        name="case_unmerge",
    ),
    path("deliveries/", views.deliveries, name="deliveries"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("", site.urls),
]
