"""Satisfaction analysis (ISO 10002 8.3): the survey's results for a period and a scope.

Who is asked: every case closed in the period that was handled on its own (a duplicate
merged into another case gets no survey, as the tracking page shows). The cohort is the
cases *closed* in the period; a response counts for its case's cohort whenever it came.

Everything is aggregated on the database (one query per table, no query per row) and
returned as plain data, so a report (the management review's pack) can call
`satisfaction_for` with its own period and scope."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg, Count, Exists, F, FloatField, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from workflow.models import Case, Category, SurveyResponse, Team
from workflow.selectors import cases_visible_to

from ..models import SatisfactionFollowUp

# The survey's questions (fields of workflow's SurveyResponse), in the order asked.
QUESTIONS = ("overall", "ease", "fairness", "timeliness")
# Its scale: 1 (worst) to 5 (best).
SCORES = tuple(value for value, _label in SurveyResponse.RATINGS)
# The breakdowns, each by a field of the case (the staff search's facet of the same name).
DIMENSIONS = ("team", "category", "channel", "language")
_DIMENSION_FIELDS = {
    "team": "team_id",
    "category": "category_id",
    "channel": "channel",
    "language": "language",
}


def low_score_default() -> int:
    """A response with any answer at or below this is listed for follow-up (setting
    `SATISFACTION_LOW_SCORE`, default 2 of 5)."""
    return int(getattr(settings, "SATISFACTION_LOW_SCORE", 2))


def question_label(question: str) -> str:
    return str(SurveyResponse._meta.get_field(question).verbose_name)


@dataclass(frozen=True)
class SatisfactionFilters:
    """Which closed cases count, beside the period and what the user may see."""

    team: int | None = None
    category: int | None = None
    channel: str = ""
    language: str = ""
    low_score: int = field(default_factory=low_score_default)

    def q(self, prefix: str = "") -> Q:
        rule = Q()
        for name in DIMENSIONS:
            value = getattr(self, name)
            if value not in (None, ""):
                rule &= Q(**{f"{prefix}{_DIMENSION_FIELDS[name]}": value})
        return rule


def _rate(answered: int, invited: int) -> float | None:
    """Answered per invited, in per cent with one decimal (None when nobody was asked)."""
    return round(100 * answered / invited, 1) if invited else None


@dataclass(frozen=True)
class Figures:
    """The survey's figures for a set of closed cases (`dataclasses.asdict` gives them all)."""

    invited: int
    answered: int
    # Responses with any answer at or below the low score, and those of them not followed up.
    low: int
    awaiting_follow_up: int
    # Mean per question (2 decimals; None without responses), and of all four answers.
    means: dict[str, float | None]
    mean_all: float | None
    unanswered: int = field(init=False)
    # Answered per invited, in per cent with one decimal (None when nobody was asked).
    response_rate: float | None = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "unanswered", self.invited - self.answered)
        object.__setattr__(self, "response_rate", _rate(self.answered, self.invited))


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: `key` is the value to filter on (a team's id, a channel's
    code, a month as YYYY-MM), `label` what people read."""

    key: str
    label: str
    figures: Figures


@dataclass(frozen=True)
class Distribution:
    """How many responses gave each score (1 to 5) to one question."""

    question: str
    label: str
    counts: tuple[int, ...]

    @property
    def cells(self) -> list[tuple[int, int]]:
        return list(zip(SCORES, self.counts, strict=True))


@dataclass(frozen=True)
class SatisfactionReport:
    start: datetime.date
    end: datetime.date
    filters: SatisfactionFilters
    total: Figures
    distribution: tuple[Distribution, ...]
    # Dimension → its rows, largest first (cases invited).
    breakdowns: dict[str, tuple[Row, ...]]
    # Every month of the period, oldest first (months without closed cases show zeros).
    months: tuple[Row, ...]


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    """The period's days (`end` included) in the current time zone."""
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone),
    )


def invited_cases(
    start: datetime.date, end: datetime.date, filters: SatisfactionFilters, user
) -> QuerySet:
    """The cases asked to answer the survey: closed in the period, handled on their own,
    matching `filters`, and visible to `user` (workflow's rule: a supervisor sees their
    teams' cases). `user=None` is the system's own view (every case)."""
    since, until = _bounds(start, end)
    cases = Case.objects.filter(
        status=Case.Status.CLOSED,
        closed_at__gte=since,
        closed_at__lt=until,
        merged_into__isnull=True,
    ).filter(filters.q())
    return cases if user is None else cases_visible_to(user, cases)


def _low_q(threshold: int, prefix: str = "") -> Q:
    rule = Q()
    for question in QUESTIONS:
        rule |= Q(**{f"{prefix}{question}__lte": threshold})
    return rule


def _followed_up(response_ref: str) -> Exists:
    return Exists(SatisfactionFollowUp.objects.filter(response_id=OuterRef(response_ref)))


def _aggregates(threshold: int) -> dict:
    """The figures of a set of cases, as aggregates over the cases (one row each: the
    survey is one-to-one, so no join multiplies them)."""
    low = _low_q(threshold, "survey__")
    answers = sum((F(f"survey__{question}") for question in QUESTIONS[1:]), F("survey__overall"))
    values = {
        "invited": Count("pk"),
        "answered": Count("survey"),
        "low": Count("survey", filter=low),
        "awaiting": Count("survey", filter=low & ~_followed_up("survey__pk")),
        "mean_all": Avg(Cast(answers, FloatField()) / len(QUESTIONS)),
    }
    for question in QUESTIONS:
        values[f"mean_{question}"] = Avg(Cast(f"survey__{question}", FloatField()))
    return values


def _rounded(value) -> float | None:
    return None if value is None else round(value, 2)


def _figures(row: dict) -> Figures:
    return Figures(
        invited=row["invited"],
        answered=row["answered"],
        low=row["low"],
        awaiting_follow_up=row["awaiting"],
        means={question: _rounded(row[f"mean_{question}"]) for question in QUESTIONS},
        mean_all=_rounded(row["mean_all"]),
    )


def _labels(dimension: str, keys: list) -> dict:
    if dimension == "team":
        return {team.pk: str(team) for team in Team.objects.filter(pk__in=keys)}
    if dimension == "category":
        return {item.pk: str(item) for item in Category.objects.filter(pk__in=keys)}
    if dimension == "channel":
        return {value: str(label) for value, label in Case.Channel.choices}
    return {code: str(name) for code, name in settings.LANGUAGES}


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def satisfaction_for(
    start: datetime.date, end: datetime.date, filters: SatisfactionFilters | None, user
) -> SatisfactionReport:
    """The survey's results for the cases closed from `start` to `end` (both included)
    that `user` may see (None: every case): totals, the distribution of the scores, one
    breakdown per team, category, channel and language, and the trend by month."""
    filters = filters or SatisfactionFilters()
    cases = invited_cases(start, end, filters, user)
    aggregates = _aggregates(filters.low_score)
    distribution_counts = {
        f"score_{question}_{score}": Count("survey", filter=Q(**{f"survey__{question}": score}))
        for question in QUESTIONS
        for score in SCORES
    }
    totals = cases.aggregate(**aggregates, **distribution_counts)
    distribution = tuple(
        Distribution(
            question=question,
            label=question_label(question),
            counts=tuple(totals[f"score_{question}_{score}"] for score in SCORES),
        )
        for question in QUESTIONS
    )
    breakdowns = {}
    for dimension in DIMENSIONS:
        name = _DIMENSION_FIELDS[dimension]
        rows = list(cases.order_by().values(name).annotate(**aggregates))
        labels = _labels(dimension, [row[name] for row in rows])
        breakdowns[dimension] = tuple(
            sorted(
                (
                    Row(
                        key=str(row[name]),
                        label=labels.get(row[name], str(row[name])),
                        figures=_figures(row),
                    )
                    for row in rows
                ),
                key=lambda line: (-line.figures.invited, line.label),
            )
        )
    zone = timezone.get_current_timezone()
    by_month = {
        row["month"].astimezone(zone).date().replace(day=1)
        if isinstance(row["month"], datetime.datetime)
        else row["month"]: row
        for row in cases.order_by()
        .annotate(month=TruncMonth("closed_at", tzinfo=zone))
        .values("month")
        .annotate(**aggregates)
    }
    empty = dict.fromkeys(("invited", "answered", "low", "awaiting"), 0)
    empty |= {f"mean_{question}": None for question in (*QUESTIONS, "all")}
    months = tuple(
        Row(
            key=month.strftime("%Y-%m"),
            label=month.strftime("%Y-%m"),
            figures=_figures(by_month.get(month, empty)),
        )
        for month in _months(start, end)
    )
    return SatisfactionReport(
        start=start,
        end=end,
        filters=filters,
        total=_figures(totals),
        distribution=distribution,
        breakdowns=breakdowns,
        months=months,
    )


def low_scores_for(
    start: datetime.date, end: datetime.date, filters: SatisfactionFilters | None, user
) -> QuerySet:
    """The responses of the period's cases with any answer at or below the low score,
    those awaiting a follow-up first, each with its follow-ups (three queries in all)."""
    filters = filters or SatisfactionFilters()
    cases = invited_cases(start, end, filters, user)
    return (
        SurveyResponse.objects.filter(case__in=cases)
        .filter(_low_q(filters.low_score))
        .annotate(followed_up=_followed_up("pk"))
        .select_related("case", "case__team", "case__category")
        .prefetch_related(
            Prefetch(
                "followups",
                queryset=SatisfactionFollowUp.objects.select_related("recorded_by"),
            )
        )
        .order_by("followed_up", "-answered_at", "-pk")
    )


# What a drill-down lists: the cases behind each figure.
SHOW_CHOICES = ("invited", "answered", "unanswered", "low", "awaiting")


def cases_behind(
    start: datetime.date,
    end: datetime.date,
    filters: SatisfactionFilters | None,
    user,
    *,
    show: str = "invited",
    question: str = "",
    score: int | None = None,
) -> QuerySet:
    """The cases behind a figure of `satisfaction_for`, with their survey answers: all
    invited, those that answered (with `score` for `question`: one cell of the
    distribution), those that did not, the low scores, those awaiting a follow-up."""
    filters = filters or SatisfactionFilters()
    cases = invited_cases(start, end, filters, user).select_related("team", "category", "survey")
    low = _low_q(filters.low_score, "survey__")
    if show == "answered":
        cases = cases.filter(survey__isnull=False)
        if question in QUESTIONS and score in SCORES:
            cases = cases.filter(**{f"survey__{question}": score})
    elif show == "unanswered":
        cases = cases.filter(survey__isnull=True)
    elif show == "low":
        cases = cases.filter(low)
    elif show == "awaiting":
        cases = cases.filter(low).filter(~_followed_up("survey__pk"))
    return cases.order_by("-closed_at", "-pk")


def response_for_followup(*, pk: int, user) -> SurveyResponse | None:
    """A survey response whose case `user` may see (None otherwise), with its follow-ups."""
    return (
        SurveyResponse.objects.filter(pk=pk, case__in=cases_visible_to(user))
        .select_related("case", "case__team", "case__category")
        .prefetch_related(
            Prefetch(
                "followups",
                queryset=SatisfactionFollowUp.objects.select_related("recorded_by"),
            )
        )
        .first()
    )
