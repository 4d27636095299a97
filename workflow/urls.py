"""Staff URLs: Viewflow's task list and process views, sign-in, and the case search."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from viewflow.contrib.auth import AuthViewset
from viewflow.urls import Application, Site
from viewflow.workflow.flow import FlowAppViewset

from . import views
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
                FlowAppViewset(ComplaintFlow, icon="assignment"),
                FlowAppViewset(FeedbackFlow, icon="lightbulb"),
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
    path("cases/<str:reference>/", views.case_detail, name="case_detail"),
    path("cases/<str:reference>/unmerge/", views.case_unmerge, name="case_unmerge"),
    path("deliveries/", views.deliveries, name="deliveries"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("", site.urls),
]
