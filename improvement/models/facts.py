"""The figures of each case the KPIs are counted from, kept up to date as the case moves
(ISO 10002 8.4): one narrow row per case and one per step started, so that a dashboard for
a year sums stored facts (GROUP BY over an indexed table) instead of working out every
step's outcome and every case's working hours from the history on each view.

They are derived data: `improvement.services.facts` writes them from the case and its
history whenever either changes (signals connected in `apps.py`), and rebuilds them all
(`manage.py kpi_facts_rebuild`, the migration that adds them, the demo history loader).
"""

from django.db import models

from workflow.models import Case, CaseEvent


class CaseScope(models.Model):
    """A case's scope (team, category, channel, language, priority), copied into the facts
    and their monthly snapshots so that no query joins the cases."""

    team_id = models.IntegerField()
    category_id = models.IntegerField()
    channel = models.CharField(max_length=10)
    language = models.CharField(max_length=8)
    priority_id = models.IntegerField(null=True)

    class Meta:
        abstract = True


# Its columns, as the facts are written and the snapshots grouped by them.
SCOPE_FIELDS = ("team_id", "category_id", "channel", "language", "priority_id")


class CaseFacts(CaseScope):
    """What the KPIs need of one case, with its scope copied (`CaseScope`)."""

    case = models.OneToOneField(
        Case, primary_key=True, on_delete=models.CASCADE, related_name="kpi_facts"
    )
    received_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True)
    # Their months (first day) in the site's time zone: the monthly trends group by them.
    received_month = models.DateField()
    closed_month = models.DateField(null=True)
    # Working hours on the team's calendar from receipt to acknowledgement and to decision
    # (None until then), and whether the acknowledgement came within one working day.
    ack_hours = models.FloatField(null=True)
    ack_within_day = models.BooleanField(default=False)
    decide_hours = models.FloatField(null=True)
    escalation_level = models.PositiveSmallIntegerField(default=0)
    reply = models.CharField(max_length=10, blank=True)
    review_result = models.CharField(max_length=10, blank=True)
    compensation = models.DecimalField(max_digits=10, decimal_places=2, null=True)
    survey_overall = models.PositiveSmallIntegerField(null=True)
    # How many times the case was taken up again after it was closed (an undone merge).
    reopened = models.PositiveSmallIntegerField(default=0)
    # A step up to the decision ended after its recorded deadline; the earliest recorded
    # deadline of such a step still open (late once past, while the case is open).
    resolution_late = models.BooleanField(default=False)
    resolution_open_due = models.DateTimeField(null=True)

    class Meta:
        default_permissions = ()
        indexes = [
            models.Index(fields=["received_at"], name="kpi_case_received"),
            models.Index(fields=["closed_at"], name="kpi_case_closed"),
        ]


class StepFacts(CaseScope):
    """One step started (a `step_started` history event): its recorded deadline, when its
    end event came and whether that was by the deadline; the case's scope copied."""

    class Result(models.TextChoices):
        OPEN = "", "open"
        WITHIN = "within", "within"
        LATE = "late", "late"

    event = models.OneToOneField(
        CaseEvent, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+", db_index=False)
    step = models.CharField(max_length=20)
    started_at = models.DateTimeField()
    started_month = models.DateField()  # in the site's time zone, as `CaseFacts`
    due_at = models.DateTimeField(null=True)
    ended_at = models.DateTimeField(null=True)
    result = models.CharField(max_length=6, choices=Result.choices, blank=True)
    case_open = models.BooleanField(default=True)

    class Meta:
        default_permissions = ()
        indexes = [
            # With the columns the step counts read (an index-only scan on PostgreSQL).
            models.Index(
                fields=["started_at", "started_month", "step", "result", "due_at", "case_open"],
                name="kpi_step_started",
            ),
            models.Index(fields=["case"], name="kpi_step_case"),
            # The steps still open of the cases still open (a few among the steps of a
            # year): the ones past their deadline at the moment of reading.
            models.Index(
                fields=["started_at", "due_at"],
                condition=models.Q(result="", case_open=True),
                name="kpi_step_open",
            ),
        ]


# Who writes the facts of cases (`services.facts` registers itself in apps.py): the readers
# below call it without importing the layer above.
_fillers: list = []


def facts_filler_register(fill) -> None:
    _fillers.append(fill)


def facts_missing_fill() -> None:
    """Write the facts of the cases that have none yet, before they are counted (two counts
    when there are none). A case gets its row when its history first changes a fact (its
    acknowledgement, a step starting); a case just recorded by the public form gets none
    there, so that the form costs no query more, and is filled here."""
    # Every case with its facts, when there are as many facts as cases (two counts, 20 ms
    # at 100,000 cases on PostgreSQL, where the search for the missing ones takes 80 ms).
    if CaseFacts.objects.count() == Case.objects.count():
        return
    missing = list(Case.objects.filter(kpi_facts__isnull=True).values_list("pk", flat=True))
    if missing:
        for fill in _fillers:
            fill(missing)
