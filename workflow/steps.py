"""The process vocabulary in one place: every status a case can show and every timed step
of both flows (complaints; suggestions and compliments), with what each one means.

Everything else is derived from here: the case's status choices (`Case.Status`), the status
labels the complainant and staff read, the deadlines (`workflow.deadlines`), the titles of
the flows' steps, the priority snippet's panels in the CMS, the public process page and the
first step the acknowledgement promises. Adding a step means a row here, a node in the flow
and, for its deadline, a field of `Priority` (with its migration).

This module imports no model: the models read it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# The kind of case that takes the full path; every other kind (suggestions, compliments)
# takes the short one. The same value as `Case.Kind.COMPLAINT`.
COMPLAINT = "complaint"


@dataclass(frozen=True)
class Status:
    """A status a case shows."""

    name: str  # the member of `Case.Status`
    value: str  # stored in the database
    label: str  # what the complainant reads (tracking page, process page)
    help: str  # what it means for the complainant (process page)
    staff_label: str  # what staff read (case panel, search, exports)
    # The complainant's own turn: its time is the reply time of the handling settings,
    # in calendar days, not a step's working hours.
    complainant_turn: bool = False


STATUSES = (
    Status(
        "RECEIVED",
        "received",
        _("Received"),
        _("We have recorded your feedback and given it a tracking number."),
        _("Received"),
    ),
    Status(
        "ASSESSMENT",
        "assessment",
        _("Being assessed"),
        _("We check what it is about, how urgent it is, and who will look into it."),
        _("Initial assessment"),
    ),
    Status(
        "INVESTIGATION",
        "investigation",
        _("Under investigation"),
        _("The person handling it gathers the facts, and may contact you for more information."),
        _("Investigation"),
    ),
    Status(
        "RESPONSE",
        "response",
        _("Response being prepared"),
        _("We decide what to do about it and prepare our answer."),
        _("Response being prepared"),
    ),
    Status(
        "APPROVAL",
        "approval",
        _("Response being approved"),
        _(
            "A senior colleague checks our answer before we send it, when the case is serious "
            "or we offer significant compensation."
        ),
        _("Response being approved"),
    ),
    Status(
        "DECIDED",
        "decided",
        _("Decision sent, waiting for your reply"),
        _(
            "We have sent you our decision and its reasons. Tell us whether you accept it; if "
            "you do not, say why and it will be reviewed."
        ),
        _("Decision sent, waiting for the complainant's reply"),
        complainant_turn=True,
    ),
    Status(
        "REVIEW",
        "review",
        _("Under independent review"),
        _(
            "Someone who was not involved so far looks at your case again. Their answer is "
            "final, and we tell you where else you can turn."
        ),
        _("Independent review"),
    ),
    Status(
        "CLOSING",
        "closing",
        _("Decision being carried out"),
        _("We carry out what was decided and record it."),
        _("Decision being carried out"),
    ),
    Status(
        "CLOSED",
        "closed",
        _("Closed"),
        _("The case is finished. We ask how we did, and use what we learnt to improve."),
        _("Closed"),
    ),
)
STATUS = {status.value: status for status in STATUSES}


def status_choices() -> list[tuple[str, tuple[str, str]]]:
    """`Case.Status` as the functional API of Django's choices takes it."""
    return [(status.name, (status.value, status.label)) for status in STATUSES]


@dataclass(frozen=True)
class Step:
    """A timed human step of a flow: its task, its status, its deadline."""

    key: str  # the flow node's name
    status: str  # the value of the status the case shows while the step is open
    deadline_field: str  # the field of `Priority` giving its deadline in working hours
    title: str  # the task's title (task lists, diagram, notifications)
    permission: str  # the permission (of the `workflow` app) the task needs
    # Part of the time to a decision: the acknowledgement's "decision by" date sums them.
    counts_to_resolution: bool = False
    # Also a step of suggestions and compliments (their short path), there under `short_title`.
    short_path: bool = False
    short_title: str | None = None
    # What the acknowledgement promises when the step is the first of its flow.
    promise: str | None = None
    # Only someone independent of the case may take it (ISO 10002 4.6 objectivity).
    independent: bool = False

    @property
    def app_permission(self) -> str:
        """The permission as Django checks it (`app_label.codename`)."""
        return f"workflow.{self.permission}"

    def title_in(self, kind: str) -> str:
        return self.title if kind == COMPLAINT else self.short_title or self.title


# In the order the flows take them.
STEPS = (
    Step(
        "assess",
        "assessment",
        "assess_hours",
        _("Initial assessment"),
        "assess_case",
        counts_to_resolution=True,
        promise=_("We will assess your feedback by %(date)s."),
    ),
    Step(
        "investigate",
        "investigation",
        "investigate_hours",
        _("Investigation"),
        "handle_case",
        counts_to_resolution=True,
    ),
    Step(
        "respond",
        "response",
        "respond_hours",
        _("Response and decision"),
        "handle_case",
        counts_to_resolution=True,
        short_path=True,
        short_title=_("Answer"),
        promise=_("We will answer your feedback by %(date)s."),
    ),
    Step(
        "approve",
        "approval",
        "approve_hours",
        _("Approve the response"),
        "approve_response",
        independent=True,
    ),
    Step(
        "review",
        "review",
        "review_hours",
        _("Independent review"),
        "review_case",
        independent=True,
    ),
    Step("close", "closing", "close_hours", _("Closing"), "close_case"),
)
STEP = {step.key: step for step in STEPS}
# The step a case is in while it shows a status (statuses between steps have none).
STEP_OF_STATUS = {step.status: step for step in STEPS}


# The short path of suggestions and compliments.
SHORT_PATH = tuple(step for step in STEPS if step.short_path)


def steps_for(kind: str) -> tuple[Step, ...]:
    """The timed steps a case of `kind` goes through, in order."""
    return STEPS if kind == COMPLAINT else SHORT_PATH


def first_step(kind: str) -> Step:
    """The step that follows the acknowledgement of a case of `kind`."""
    return steps_for(kind)[0]


def resolution_steps(kind: str) -> tuple[Step, ...]:
    """The steps whose deadlines add up to the date a decision (or answer) is promised."""
    return tuple(step for step in steps_for(kind) if step.counts_to_resolution)
