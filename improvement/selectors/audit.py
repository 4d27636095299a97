"""Reads for audit evidence (ISO 10002 8.5, 4.9): which cases a sample holds, and each
case's full timeline from the records the process wrote (the history events, the
notifications and their delivery, the survey)."""

import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from workflow.models import Case, CaseEvent, OutboxMessage, SurveyResponse
from workflow.selectors import cases_visible_to
from workflow.steps import STEP

from ..models import AuditExport

# An export holds at most this many cases (a larger sample: narrow it, or draw at random).
EXPORT_MAX_CASES = 200


@dataclass(frozen=True)
class SampleRequest:
    """How an auditor draws a sample: the period (dates the cases were received, both
    included), the criteria, and for a random sample its seed and size."""

    period_start: date
    period_end: date
    method: str = AuditExport.Method.CRITERIA
    seed: int | None = None
    size: int | None = None
    categories: tuple[str, ...] = ()  # category codes
    teams: tuple[str, ...] = ()  # team codes
    channels: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    escalated: bool | None = None
    contested: bool | None = None

    def criteria(self) -> dict:
        """The criteria as recorded with the export (only those chosen)."""
        chosen = {
            "categories": list(self.categories),
            "teams": list(self.teams),
            "channels": list(self.channels),
            "statuses": list(self.statuses),
            "escalated": self.escalated,
            "contested": self.contested,
        }
        return {key: value for key, value in chosen.items() if value not in ([], None)}


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_population(*, user, sample: SampleRequest):
    """The cases `user` may see, received in the period, matching every chosen criterion."""
    cases = cases_visible_to(user).filter(
        received_at__gte=_day_start(sample.period_start),
        received_at__lt=_day_start(sample.period_end + timedelta(days=1)),
    )
    if sample.categories:
        cases = cases.filter(category__code__in=sample.categories)
    if sample.teams:
        cases = cases.filter(team__code__in=sample.teams)
    if sample.channels:
        cases = cases.filter(channel__in=sample.channels)
    if sample.statuses:
        cases = cases.filter(status__in=sample.statuses)
    if sample.escalated is not None:
        # The level only ever rises: above 0, the case was escalated at some point.
        cases = (
            cases.filter(escalation_level__gt=0)
            if sample.escalated
            else cases.filter(escalation_level=0)
        )
    if sample.contested is not None:
        contested = {"reply": Case.Reply.CONTESTED}
        cases = cases.filter(**contested) if sample.contested else cases.exclude(**contested)
    return cases


def audit_sample(*, user, sample: SampleRequest) -> list[int]:
    """The ids of the sample's cases, oldest first. A random sample is drawn from the
    population in id order with Python's generator seeded by `sample.seed`: the same
    seed over the same period and criteria gives the same cases."""
    population = audit_population(user=user, sample=sample)
    if sample.method == AuditExport.Method.RANDOM:
        ids = list(population.order_by("pk").values_list("pk", flat=True))
        chosen = random.Random(sample.seed).sample(ids, min(sample.size or 0, len(ids)))
    else:
        count = population.count()
        if count > EXPORT_MAX_CASES:
            raise ValidationError(
                _(
                    "%(count)s cases match: an export holds at most %(max)s. Narrow the "
                    "period or the criteria, or draw a random sample."
                )
                % {"count": count, "max": EXPORT_MAX_CASES}
            )
        chosen = list(population.values_list("pk", flat=True))
    if not chosen:
        raise ValidationError(_("No case you can see matches this period and these criteria."))
    return list(
        Case.objects.filter(pk__in=chosen)
        .order_by("received_at", "pk")
        .values_list("pk", flat=True)
    )


# What part of the handling each history event belongs to (ISO 10002 7.2-7.9, 8.1).
STAGES = {
    "receipt": (CaseEvent.Kind.RECEIVED, CaseEvent.Kind.CUSTOMER_INFO),
    "acknowledgement": (CaseEvent.Kind.ACKNOWLEDGED,),
    "step": (CaseEvent.Kind.STEP_STARTED, CaseEvent.Kind.REMINDED, CaseEvent.Kind.ESCALATED),
    "assessment": (CaseEvent.Kind.ASSESSED,),
    "investigation": (CaseEvent.Kind.INVESTIGATED,),
    "response": (CaseEvent.Kind.RESPONSE_DRAFTED,),
    "approval": (CaseEvent.Kind.APPROVED, CaseEvent.Kind.SENT_BACK),
    "decision": (CaseEvent.Kind.DECIDED, CaseEvent.Kind.ANSWERED),
    "reply": (CaseEvent.Kind.ACCEPTED, CaseEvent.Kind.CONTESTED, CaseEvent.Kind.REPLY_LAPSED),
    "review": (CaseEvent.Kind.REVIEWED,),
    "closing": (CaseEvent.Kind.CLOSED,),
    "communication": (CaseEvent.Kind.MESSAGE, CaseEvent.Kind.NOTE),
    "notification": (CaseEvent.Kind.NOTIFIED, CaseEvent.Kind.ACCESS_RESET),
    "personal_data": (CaseEvent.Kind.DATA_VIEWED, CaseEvent.Kind.ATTACHMENT_VIEWED),
    "survey": (CaseEvent.Kind.SURVEY,),
}
_STAGE_OF = {kind: stage for stage, kinds in STAGES.items() for kind in kinds}


def stage_labels() -> dict[str, str]:
    """The stages' names, in the active language."""
    return {
        "receipt": _("Receipt"),
        "acknowledgement": _("Acknowledgement"),
        "step": _("Deadlines"),
        "assessment": _("Assessment"),
        "investigation": _("Investigation"),
        "response": _("Response draft"),
        "approval": _("Approval"),
        "decision": _("Decision"),
        "reply": _("Complainant's reply"),
        "review": _("Review"),
        "closing": _("Closing"),
        "communication": _("Messages and notes"),
        "notification": _("Notification"),
        "delivery": _("Delivery"),
        "personal_data": _("Personal data viewed"),
        "survey": _("Survey"),
        "other": _("Other"),
    }


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    stage: str
    stage_label: str
    what: str
    by: str = ""
    # Shown on the complainant's tracking page.
    public: bool = False
    details: str = ""


@dataclass
class CaseTimeline:
    case: Case
    facts: list[tuple[str, str]] = field(default_factory=list)
    entries: list[TimelineEntry] = field(default_factory=list)


def _person(user) -> str:
    if user is None:
        return ""
    full = user.get_full_name()
    return f"{full} ({user.get_username()})" if full else user.get_username()


def _when(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


HIDDEN = "[…]"


def _redacted(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret:
            text = re.sub(re.escape(secret), HIDDEN, text, flags=re.IGNORECASE)
    return text


def _line(label, value) -> str:
    return f"{label}: {value}"


def _data_text(data: dict, skip=()) -> str:
    """What an event recorded beyond its kind, as `key: value` lines (nothing dropped)."""
    lines = []
    for key, value in (data or {}).items():
        if key in skip or value in (None, "", [], {}):
            continue
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        elif isinstance(value, dict):
            value = ", ".join(f"{inner}={item}" for inner, item in value.items())
        lines.append(f"{key}: {value}")
    return "\n".join(lines)


def _facts(case: Case, personal_data: bool) -> list[tuple[str, str]]:
    complainant = getattr(case, "complainant", None)
    facts = [
        (_("Tracking number"), case.reference),
        (_("Type"), case.get_kind_display()),
        (_("Channel"), case.get_channel_display()),
        (_("Language"), case.get_language_display()),
        (_("Category"), str(case.category)),
        (_("Team"), str(case.team)),
        (_("Priority"), str(case.priority or "")),
        (_("Severity"), case.get_severity_display()),
        (_("Status"), case.staff_status),
        (_("Handler"), _person(case.handler)),
        (_("Received"), _when(case.received_at)),
        (_("Acknowledged"), _when(case.acknowledged_at)),
        (_("Decided"), _when(case.decided_at)),
        (_("Closed"), _when(case.closed_at)),
        (_("Complainant's reply"), case.get_reply_display()),
        (_("Review result"), case.get_review_result_display()),
        (_("Reviewer"), _person(case.reviewer)),
        (_("Escalation level"), str(case.escalation_level)),
        (_("Compensation offered"), "" if case.compensation is None else str(case.compensation)),
        (_("Merged into"), case.merged_into.reference if case.merged_into_id else ""),
    ]
    if complainant is None:
        facts.append((_("Complainant"), _("anonymous")))
    elif personal_data:
        facts += [
            (_("Complainant's name"), complainant.name),
            (_("Complainant's email"), complainant.email),
            (_("Complainant's mobile phone"), complainant.phone),
        ]
    else:
        facts.append((_("Complainant"), _("personal data not included")))
    facts += [
        (_("What happened"), case.description),
        (_("Outcome wanted"), case.desired_outcome),
        (_("Findings"), case.findings),
        (_("Root cause"), case.root_cause),
        (_("Decision"), case.decision),
        (_("Review outcome"), case.review_outcome),
    ]
    return facts


def _survey_text(survey: SurveyResponse) -> str:
    """The scores under the survey's own (translated) field names."""
    lines = [
        _line(SurveyResponse._meta.get_field(name).verbose_name, f"{getattr(survey, name)}/5")
        for name in ("overall", "ease", "fairness", "timeliness")
    ]
    if survey.comment:
        lines.append(_line(SurveyResponse._meta.get_field("comment").verbose_name, survey.comment))
    return "\n".join(lines)


def _event_entries(case: Case, events, survey, stages, secrets) -> list[TimelineEntry]:
    entries = []
    drafts = [event for event in events if event.kind == CaseEvent.Kind.RESPONSE_DRAFTED]
    investigations = [event for event in events if event.kind == CaseEvent.Kind.INVESTIGATED]
    latest_draft = ""
    for event in events:
        stage = _STAGE_OF.get(event.kind, "other")
        what = event.get_kind_display()
        details = event.note
        data = event.data or {}
        if event.kind == CaseEvent.Kind.RESPONSE_DRAFTED:
            number = drafts.index(event) + 1
            what = _("Response draft, version %(number)s of %(count)s") % {
                "number": number,
                "count": len(drafts),
            }
            if "decision" in data:
                text = data["decision"]
            elif event is drafts[-1]:
                text = case.decision
            else:
                text = _("(The words of this version were not kept: it predates version history.)")
            latest_draft = text
            details = "\n".join(
                filter(None, [text, _data_text(data, skip=("decision",)) if data else ""])
            )
        elif event.kind == CaseEvent.Kind.DECIDED:
            details = latest_draft or case.decision
        elif event.kind == CaseEvent.Kind.INVESTIGATED and event is investigations[-1]:
            details = "\n".join(
                filter(
                    None,
                    [
                        case.findings and _line(_("Findings"), case.findings),
                        case.root_cause and _line(_("Root cause"), case.root_cause),
                        _data_text(data),
                    ],
                )
            )
        elif event.kind == CaseEvent.Kind.STEP_STARTED and data.get("step") in STEP:
            what = _("Step started: %(step)s") % {"step": STEP[data["step"]].title_in(case.kind)}
            due = datetime.fromisoformat(data["due_at"]) if data.get("due_at") else None
            details = _("due by %(due)s (%(hours)s working hours, priority %(priority)s)") % {
                "due": _when(due),
                "hours": data.get("hours", ""),
                "priority": data.get("priority"),
            }
        elif event.kind == CaseEvent.Kind.SURVEY and survey is not None:
            details = _survey_text(survey)
        else:
            details = "\n".join(filter(None, [event.note, _data_text(data)]))
        entries.append(
            TimelineEntry(
                at=event.created_at,
                stage=stage,
                stage_label=stages[stage],
                what=str(what),
                by=_person(event.actor),
                public=event.is_public,
                details=_redacted(details, secrets),
            )
        )
    if survey is not None and not any(event.kind == CaseEvent.Kind.SURVEY for event in events):
        entries.append(
            TimelineEntry(
                at=survey.answered_at,
                stage="survey",
                stage_label=stages["survey"],
                what=_("Satisfaction survey answered"),
                details=_survey_text(survey),
            )
        )
    return entries


def _outbox_entries(messages, stages, personal_data: bool, secrets) -> list[TimelineEntry]:
    entries = []
    channels = dict(OutboxMessage.Channel.choices)
    states = dict(OutboxMessage.State.choices)
    for message in messages:
        payload = message.payload or {}
        recipients = payload.get("to") or []
        recipients = [recipients] if isinstance(recipients, str) else list(recipients)
        shown = ", ".join(recipients) if personal_data else HIDDEN
        lines = [
            _line(_("template"), payload.get("template", "")),
            _line(_("to"), shown),
        ]
        if payload.get("subject"):
            lines.append(_line(_("subject"), payload["subject"]))
        lines.append(
            _line(
                _("delivery"),
                _("%(state)s, attempts: %(count)s")
                % {"state": states.get(message.state, message.state), "count": message.attempts},
            )
        )
        if message.last_error:
            error = message.last_error
            lines.append(_line(_("last error"), _redacted(error, secrets + recipients)))
        channel = channels.get(message.channel, message.channel)
        entries.append(
            TimelineEntry(
                at=message.created_at,
                stage="notification",
                stage_label=stages["notification"],
                what=_("%(channel)s queued") % {"channel": channel},
                details=_redacted("\n".join(lines), secrets),
            )
        )
        if message.delivered_at:
            entries.append(
                TimelineEntry(
                    at=message.delivered_at,
                    stage="delivery",
                    stage_label=stages["delivery"],
                    what=_("%(channel)s delivered") % {"channel": channel},
                    details=_line(_("template"), payload.get("template", "")),
                )
            )
    return entries


def audit_timelines(*, case_ids: list[int], personal_data: bool) -> list[CaseTimeline]:
    """Each case's facts and full timeline, in the order of `case_ids`, in the active
    language. Without `personal_data`, the complainant's name, email address and phone
    number are left out, from the facts and from every text they appear in. Five queries
    whatever the number of cases."""
    events = Prefetch(
        "events",
        queryset=CaseEvent.objects.select_related("actor").order_by("created_at", "pk"),
    )
    messages = Prefetch(
        "outbox",
        queryset=OutboxMessage.objects.exclude(channel=OutboxMessage.Channel.SEARCH).order_by(
            "created_at", "pk"
        ),
    )
    cases = {
        case.pk: case
        for case in Case.objects.filter(pk__in=case_ids)
        .select_related(
            "category", "team", "priority", "handler", "reviewer", "complainant", "merged_into"
        )
        .prefetch_related(events, messages)
    }
    surveys = {
        survey.case_id: survey for survey in SurveyResponse.objects.filter(case_id__in=case_ids)
    }
    stages = stage_labels()
    timelines = []
    for case_id in case_ids:
        case = cases[case_id]
        complainant = getattr(case, "complainant", None)
        secrets = []
        if complainant is not None and not personal_data:
            secrets = [
                value
                for value in (complainant.email, complainant.phone, complainant.name)
                if len(value) > 2
            ]
        entries = _event_entries(
            case, list(case.events.all()), surveys.get(case_id), stages, secrets
        )
        entries += _outbox_entries(list(case.outbox.all()), stages, personal_data, secrets)
        entries.sort(key=lambda entry: entry.at)
        timelines.append(
            CaseTimeline(case=case, facts=_facts(case, personal_data), entries=entries)
        )
    return timelines


def audit_exports_list(*, limit: int = 100) -> list[AuditExport]:
    return list(AuditExport.objects.select_related("user")[:limit])
