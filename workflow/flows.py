"""The complaint-handling process (ISO 10002 clause 7) as a Viewflow flow.

Each human task says who may do it and when it is due. A missed deadline fires a
non-interrupting timer: the task stays open, the case is escalated to the team's
supervisor (level 1) and, if still open later, to the complaints managers (level 2).
Timers fire from the worker's sweep (`viewflow.workflow.timers.fire_due_timers`).
"""

from django.utils.translation import gettext_lazy as _

from viewflow import this
from viewflow.workflow import flow

from . import deadlines, services, views
from .models import Case, CaseProcess

# Which case status each human step shows.
STEP_STATUS = {
    "assess": Case.Status.ASSESSMENT,
    "investigate": Case.Status.INVESTIGATION,
    "respond": Case.Status.RESPONSE,
    "close": Case.Status.DECIDED,
}


def _timed(node):
    """A human step: its status and deadline are set when it starts, and a missed deadline
    escalates without cancelling it (level 1, then level 2)."""
    return (
        node.onCreate(this.step_created)
        .OnTimeout(this.first_deadline, this.escalate, interrupting=False)
        .OnTimeout(this.second_deadline, this.escalate_further, interrupting=False)
    )


def _host_task(boundary_activation):
    """The task a timer boundary is attached to."""
    return boundary_activation.task.previous.get()


class ComplaintFlow(flow.Flow):
    process_class = CaseProcess
    process_title = _("Complaint handling")
    process_description = _("From receipt to closure, as ISO 10002 clause 7 describes it.")

    start = (
        flow.StartHandle(this.start_case)
        .Annotation(title=_("Feedback received"))
        .Next(this.acknowledge)
    )
    acknowledge = (
        flow.Function(this.acknowledge_case).Annotation(title=_("Acknowledge")).Next(this.assess)
    )
    assess = _timed(
        flow.View(views.AssessView.as_view())
        .Annotation(title=_("Initial assessment"))
        .Permission("workflow.assess_case")
    ).Next(this.investigate)
    investigate = _timed(
        flow.View(views.InvestigateView.as_view())
        .Annotation(title=_("Investigation"))
        .Permission("workflow.handle_case")
        .Assign(this.case_handler)
    ).Next(this.respond)
    respond = _timed(
        flow.View(views.RespondView.as_view())
        .Annotation(title=_("Response and decision"))
        .Permission("workflow.handle_case")
        .Assign(this.case_handler)
    ).Next(this.close)
    close = _timed(
        flow.View(views.CloseView.as_view())
        .Annotation(title=_("Closing"))
        .Permission("workflow.close_case")
        .Assign(this.case_handler)
    ).Next(this.end)
    escalate = (
        flow.Function(this.escalate_to_supervisor)
        .Annotation(title=_("Escalate to the supervisor"))
        .Next(this.escalated)
    )
    escalate_further = (
        flow.Function(this.escalate_to_manager)
        .Annotation(title=_("Escalate to the complaints manager"))
        .Next(this.escalated)
    )
    escalated = flow.End().Annotation(title=_("Escalation recorded"))
    end = flow.End().Annotation(title=_("Closed"))

    # Node callbacks: thin, they call the services.

    def start_case(self, activation, case):
        activation.process.save()
        # Linked both ways in memory, so the next nodes reach the same case object.
        activation.process.case = case
        case.save(update_fields=["process", "updated_at"])
        return activation.process

    def acknowledge_case(self, activation):
        services.case_acknowledge(case=activation.process.case)

    def step_created(self, activation):
        case = activation.process.case
        step = activation.flow_task.name
        services.case_step_begin(
            case=case,
            status=STEP_STATUS[step],
            due_at=deadlines.step_due_at(case=case, step=step, started=activation.task.created),
        )

    def case_handler(self, activation):
        return activation.process.case.handler

    def first_deadline(self, activation):
        host = _host_task(activation)
        return deadlines.step_due_at(
            case=activation.process.case, step=host.flow_task.name, started=host.created
        )

    def second_deadline(self, activation):
        host = _host_task(activation)
        return deadlines.second_level_due_at(
            case=activation.process.case, step=host.flow_task.name, started=host.created
        )

    def _escalate(self, activation, level):
        boundary = activation.task.previous.get()
        host = boundary.previous.get()
        services.case_escalate(
            case=activation.process.case,
            level=level,
            step=host.flow_task.name,
            step_title=str(host.flow_task.task_title),
            task=host,
        )

    def escalate_to_supervisor(self, activation):
        self._escalate(activation, 1)

    def escalate_to_manager(self, activation):
        self._escalate(activation, 2)
