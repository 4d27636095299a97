"""The complaint-handling process (ISO 10002 clause 7) as a Viewflow flow.

Each human task says who may do it and when it is due. A missed deadline fires a
non-interrupting timer: the task stays open, the case is escalated to the team's
supervisor (level 1) and, if still open later, to the complaints managers (level 2).
Timers fire from the worker's sweep (`viewflow.workflow.timers.fire_due_timers`).
"""

from django.utils.translation import gettext_lazy as _

from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.lock import select_for_update_lock

from . import deadlines, services, steps
from . import task_views as views  # the forms of the human steps
from .models import Case, CaseProcess


class IndependentView(flow.View):
    """A task only someone independent of the case may take (ISO 10002 4.6 objectivity):
    the approval and the review. Viewflow offers it to nobody who lacks its permission, took
    part in the case or is named in it (`services.step_conflict`); the services check again
    when it is done."""

    def can_assign(self, user, task):
        if not super().can_assign(user, task):
            return False
        return services.step_conflict(case=task.process.case, step=self.name, user=user) is None


def _timed(node):
    """A human step: its status and deadline are set when it starts; before the deadline the
    person with the task is reminded, and a missed deadline escalates without cancelling it
    (level 1, then level 2)."""
    return (
        node.onCreate(this.step_created)
        .OnTimeout(this.reminder_time, this.remind, interrupting=False)
        .OnTimeout(this.first_deadline, this.escalate, interrupting=False)
        .OnTimeout(this.second_deadline, this.escalate_further, interrupting=False)
    )


def _deadline_nodes():
    """The paths the boundaries of `_timed` lead to, the same in every flow: the reminder,
    the two escalation levels, and the ends that record them."""
    return (
        flow.Function(this.send_reminder)
        .Annotation(title=_("Remind before the deadline"))
        .Next(this.reminded),
        flow.End().Annotation(title=_("Reminder recorded")),
        flow.Function(this.escalate_to_supervisor)
        .Annotation(title=_("Escalate to the supervisor"))
        .Next(this.escalated),
        flow.Function(this.escalate_to_manager)
        .Annotation(title=_("Escalate to the complaints manager"))
        .Next(this.escalated),
        flow.End().Annotation(title=_("Escalation recorded")),
    )


def _host_task(boundary_activation):
    """The task a timer boundary is attached to."""
    return boundary_activation.task.previous.get()


class _CaseFlowCallbacks:
    """Node callbacks both flows share: thin, they call the services.

    Both flows lock the process row (`SELECT ... FOR UPDATE`) for every action, so two
    concurrent actions on one case (a reply and a timer, two staff) run one after the other
    (Viewflow's default is no lock at all). SQLite serialises writes by itself.
    """

    lock_impl = select_for_update_lock

    # The human step that follows the acknowledgement (`workflow.steps`). Its deadline
    # counts from the receipt of the case (what the confirmation page promised), even when
    # the process was started later by the worker; every later step counts from its own start.
    first_step = steps.first_step(steps.COMPLAINT).key

    def _started(self, case, task):
        if task.flow_task.name == self.first_step:
            return min(case.received_at, task.created)
        return task.created

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
        task = activation.task
        services.case_step_begin(case=case, step=step, started=self._started(case, task))
        step_title = str(activation.flow_task.task_title)
        if task.owner_id:
            previous = task.previous.select_related("owner").first()
            if previous is None or previous.owner_id != task.owner_id:
                services.task_assigned_notify(case=case, user=task.owner, step_title=step_title)
        elif step in services.INDEPENDENT_STEPS:
            services.task_waiting_notify(case=case, step=step, step_title=step_title)

    def reminder_time(self, activation):
        host = _host_task(activation)
        case = activation.process.case
        return deadlines.reminder_at(
            case=case, step=host.flow_task.name, started=self._started(case, host)
        )

    def send_reminder(self, activation):
        boundary = activation.task.previous.get()
        host = boundary.previous.get()
        services.case_remind(
            case=activation.process.case,
            step=host.flow_task.name,
            step_title=str(host.flow_task.task_title),
            task=host,
        )

    def first_deadline(self, activation):
        host = _host_task(activation)
        case = activation.process.case
        return deadlines.step_due_at(
            case=case, step=host.flow_task.name, started=self._started(case, host)
        )

    def second_deadline(self, activation):
        host = _host_task(activation)
        case = activation.process.case
        return deadlines.second_level_due_at(
            case=case, step=host.flow_task.name, started=self._started(case, host)
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


class ComplaintFlow(_CaseFlowCallbacks, flow.Flow):
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
        .Annotation(title=steps.STEP["assess"].title)
        .Permission(steps.STEP["assess"].app_permission)
    ).Next(this.investigate)
    investigate = _timed(
        flow.View(views.InvestigateView.as_view())
        .Annotation(title=steps.STEP["investigate"].title)
        .Permission(steps.STEP["investigate"].app_permission)
        .Assign(this.case_handler)
    ).Next(this.respond)
    respond = _timed(
        flow.View(views.RespondView.as_view())
        .Annotation(title=steps.STEP["respond"].title)
        .Permission(steps.STEP["respond"].app_permission)
        .Assign(this.case_handler)
    ).Next(this.approval_needed)
    approval_needed = (
        flow.If(this.needs_approval)
        .Annotation(title=_("Approval needed?"))
        .Then(this.approve)
        .Else(this.send_decision)
    )
    approve = _timed(
        IndependentView(views.ApproveView.as_view())
        .Annotation(title=steps.STEP["approve"].title)
        .Permission(steps.STEP["approve"].app_permission)
        .Assign(this.case_supervisor)
    ).Next(this.approval_given)
    approval_given = (
        flow.If(this.is_approved)
        .Annotation(title=_("Approved?"))
        .Then(this.send_decision)
        .Else(this.respond)
    )
    send_decision = (
        flow.Function(this.send_decision_to_customer)
        .Annotation(title=_("Send the decision"))
        .Next(this.await_reply)
    )
    await_reply = (
        flow.Handle(this.customer_replies)
        .Annotation(title=_("Complainant accepts or contests"))
        .OnTimeout(this.reply_deadline, this.reply_lapsed, title=_("No reply in time"))
        .Next(this.contested)
    )
    reply_lapsed = (
        flow.Function(this.record_reply_lapse)
        .Annotation(title=_("Treated as accepted"))
        .Next(this.close)
    )
    contested = (
        flow.If(this.is_contested)
        .Annotation(title=_("Contested?"))
        .Then(this.review)
        .Else(this.close)
    )
    review = _timed(
        IndependentView(views.ReviewView.as_view())
        .Annotation(title=steps.STEP["review"].title)
        .Permission(steps.STEP["review"].app_permission)
    ).Next(this.close)
    close = _timed(
        flow.View(views.CloseView.as_view())
        .Annotation(title=steps.STEP["close"].title)
        .Permission(steps.STEP["close"].app_permission)
        .Assign(this.case_handler)
    ).Next(this.end)
    remind, reminded, escalate, escalate_further, escalated = _deadline_nodes()
    end = flow.End().Annotation(title=_("Closed"))

    # Node callbacks of the complaint path.

    def case_handler(self, activation):
        return activation.process.case.handler

    def case_supervisor(self, activation):
        """The team's supervisor approves, unless they drafted the response or are named in
        the complaint: then any other approver takes it from the queue."""
        case = activation.process.case
        supervisor = case.team.supervisor
        if supervisor is None or services.approval_conflict(case=case, user=supervisor):
            return None
        return supervisor

    def needs_approval(self, activation):
        return services.response_needs_approval(case=activation.process.case)

    def is_approved(self, activation):
        return services.response_approved(case=activation.process.case)

    def send_decision_to_customer(self, activation):
        services.case_decision_send(case=activation.process.case)

    def customer_replies(self, activation, accepted, reasons=""):
        services.case_reply_record(case=activation.process.case, accepted=accepted, reasons=reasons)

    def reply_deadline(self, activation):
        case = activation.process.case
        return case.due_at or services.reply_due_at(started=activation.task.created)

    def record_reply_lapse(self, activation):
        services.case_reply_lapse(case=activation.process.case)

    def is_contested(self, activation):
        return activation.process.case.reply == Case.Reply.CONTESTED


class TeamView(flow.View):
    """A task for the members of the case's owning team (and its supervisor)."""

    def can_assign(self, user, task):
        if not super().can_assign(user, task):
            return False
        team = task.process.case.team
        return team.supervisor_id == user.pk or team.members.filter(pk=user.pk).exists()


class FeedbackFlow(_CaseFlowCallbacks, flow.Flow):
    """The short path for suggestions and compliments: acknowledged, routed to the team that
    owns the category, answered and closed."""

    process_class = CaseProcess
    process_title = _("Suggestions and compliments")
    process_description = _("Acknowledged, answered by the owning team, closed.")
    first_step = steps.first_step(Case.Kind.SUGGESTION).key

    start = (
        flow.StartHandle(this.start_case)
        .Annotation(title=_("Feedback received"))
        .Next(this.acknowledge)
    )
    acknowledge = (
        flow.Function(this.acknowledge_case).Annotation(title=_("Acknowledge")).Next(this.respond)
    )
    respond = _timed(
        TeamView(views.AnswerView.as_view())
        .Annotation(title=steps.STEP["respond"].title_in(Case.Kind.SUGGESTION))
        .Permission(steps.STEP["respond"].app_permission)
    ).Next(this.send_answer)
    send_answer = (
        flow.Function(this.send_answer_to_customer)
        .Annotation(title=_("Send the answer and close"))
        .Next(this.end)
    )
    remind, reminded, escalate, escalate_further, escalated = _deadline_nodes()
    end = flow.End().Annotation(title=_("Closed"))

    def send_answer_to_customer(self, activation):
        services.feedback_answer_send(case=activation.process.case)


def flow_for(kind: str):
    """The flow a new case of `kind` follows."""
    return ComplaintFlow if kind == Case.Kind.COMPLAINT else FeedbackFlow
