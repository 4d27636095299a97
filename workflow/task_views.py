"""The flows' task views: the form of each human step of a flow. Thin: each calls one
service, then completes its task (Viewflow's activation), which moves the flow on.

They are part of the flows' definition (`flows.py` names them in its nodes): the flows
import them, and they import nothing above the forms and services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.views import generic

from viewflow.workflow.flow.views import mixins

from . import forms, services
from .models import CaseEvent


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
        return {
            "findings": self.case.findings,
            "cause": self.case.cause_id,
            "root_cause": self.case.root_cause,
        }

    def perform(self, data):
        services.case_record_investigation(case=self.case, actor=self.request.user, **data)


class RespondView(CaseTaskView):
    form_class = forms.RespondForm

    def get_initial(self):
        return {"decision": self.case.decision, "compensation": self.case.compensation}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sent_back = self.case.events.filter(kind=CaseEvent.Kind.SENT_BACK).last()
        if (
            sent_back
            and not self.case.events.filter(
                kind=CaseEvent.Kind.RESPONSE_DRAFTED, created_at__gt=sent_back.created_at
            ).exists()
        ):
            context["sent_back"] = sent_back
        return context

    def perform(self, data):
        services.case_response_draft(case=self.case, actor=self.request.user, **data)


class AnswerView(CaseTaskView):
    form_class = forms.AnswerForm

    def perform(self, data):
        services.feedback_answer_draft(case=self.case, actor=self.request.user, **data)


class ApproveView(CaseTaskView):
    form_class = forms.ApproveForm

    def perform(self, data):
        services.case_approve(case=self.case, actor=self.request.user, **data)


class ReviewView(CaseTaskView):
    form_class = forms.ReviewForm

    def perform(self, data):
        services.case_review(case=self.case, actor=self.request.user, **data)


class CloseView(CaseTaskView):
    form_class = forms.CloseForm

    def perform(self, data):
        services.case_close(case=self.case, actor=self.request.user, **data)
