"""Staff views: the flow's task forms. Thin: each calls one service, then completes the task."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.views import generic

from viewflow.workflow.flow.views import mixins

from . import forms, services
from .models import Attachment, CaseEvent
from .selectors import cases_visible_to


class CaseTaskView(mixins.TaskSuccessUrlMixin, generic.FormView):
    template_name = "workflow/task.html"

    @property
    def case(self):
        return self.request.activation.process.case

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["case"] = self.case
        context["events"] = self.case.events.select_related("actor").all()
        return context

    def perform(self, data: dict) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.perform(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        self.request.activation.execute()
        messages.success(self.request, _("Task completed."), fail_silently=True)
        return HttpResponseRedirect(self.get_success_url())


class AssessView(CaseTaskView):
    form_class = forms.AssessForm

    def get_initial(self):
        case = self.case
        return {
            "category": case.category_id,
            "priority": case.priority_id,
            "severity": case.severity,
        }

    def perform(self, data):
        services.case_assess(case=self.case, actor=self.request.user, **data)


class InvestigateView(CaseTaskView):
    form_class = forms.InvestigateForm

    def get_initial(self):
        return {"findings": self.case.findings, "root_cause": self.case.root_cause}

    def perform(self, data):
        services.case_record_investigation(case=self.case, actor=self.request.user, **data)


class RespondView(CaseTaskView):
    form_class = forms.RespondForm

    def perform(self, data):
        services.case_decide(case=self.case, actor=self.request.user, **data)


class CloseView(CaseTaskView):
    form_class = forms.CloseForm

    def perform(self, data):
        services.case_close(case=self.case, actor=self.request.user, **data)


@login_required
def attachment_download(request, pk: int):
    """A case's file, for staff who may see the case; anyone else is refused (403)."""
    attachment = (
        Attachment.objects.filter(pk=pk, case__in=cases_visible_to(request.user))
        .select_related("case")
        .first()
    )
    if attachment is None:
        raise PermissionDenied
    services.event_record(
        case=attachment.case,
        kind=CaseEvent.Kind.ATTACHMENT_VIEWED,
        actor=request.user,
        is_public=False,
        data={"attachment": attachment.pk},
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
