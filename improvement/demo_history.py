"""A year of backdated history for the demo, so the clause 8 pages (dashboard, KPIs against
objectives, satisfaction, corrective actions) show trends on first start.

The data is improvement/data/demo_history.toml (shares, the root-cause taxonomy, objectives,
corrective actions, texts in the five languages), checked against `SCHEMA`. The cases are
generated from its seed, one random generator per case (case `n` is the same whatever else is
generated), and bulk-created: running thousands of cases through Viewflow would take many
minutes. The records are those the process writes (see `workflow.services` and the flows):

- the case with the fields the steps set (acknowledged, decided and closed times, priority,
  severity, handler, findings, root cause and its class, decision, compensation, reply,
  review, escalation level), its complainant, and its history: `received`, `acknowledged`,
  for each step a `step_started` event with the deadline promised then (counted on the team's
  calendar from the priority of the moment: the default one until the assessment) and the
  event that ends it (`assessed`, `investigated`, `response_drafted`, `approved` or
  `sent_back`, `reviewed`, `closed`), `reminded` and `escalated` events for steps that ran
  late (level 2 past the second deadline), `decided`, the reply (`accepted`, `contested`,
  `reply_lapsed`), the `notified` events of the complainant's messages, `survey`;
- survey responses, some low ones followed up (`SatisfactionFollowUp` and its event);
- the root-cause taxonomy, objectives for the year and a few corrective actions with their
  logs and linked cases (some done, with the effectiveness check and its frozen figures).

Only cases whose handling ended before now are kept (closed): they need no Viewflow process
(the staff case page shows a case without one; `cases_unstarted_ids` only restarts cases still
`received`). The open cases of the demo are the live ones of workflow/demo/cases.toml. Not
written: the outbox rows of the messages (delivered long ago), staff notifications, and the
`data_viewed` events of staff reading the cases. The search index is asked for through the
outbox, as every case write does.

Idempotent: each case has a fixed submission key (uuid5 of its number); `history_load` with
`only_once` (load_demo) adds nothing when any history case exists.
"""

import datetime
import math
import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from workflow import outbox, references, steps
from workflow.datafiles import Amount, ListOf, OneOf, Table, Translated, language_codes
from workflow.datafiles import read as read_file
from workflow.deadlines import StepPromise, WorkCalendar
from workflow.models import (
    Case,
    CaseEvent,
    Category,
    Complainant,
    HandlingSettings,
    Priority,
    RootCause,
    SurveyResponse,
    Team,
)

from . import kpis
from .forms.dashboard import default_period
from .models import ActionLogEntry, CorrectiveAction, Objective, SatisfactionFollowUp
from .selectors import calendars
from .selectors.actions import action_recurrence
from .services.actions import action_url
from .services.facts import case_facts_refresh

PATH = Path(__file__).resolve().parent / "data" / "demo_history.toml"
NAMESPACE = uuid.UUID("0b7c2d4e-5f61-4a8b-9c3d-7e1f2a3b4c5d")
# load_demo's check that the history is there: any of the first cases (a case is left out
# only when its handling would not have ended by now, which the first ones rarely do).
PROBE = 200
BATCH = 2000

Kind = CaseEvent.Kind
Status = CorrectiveAction.Status
STAFF_CHANNELS = {Case.Channel.EMAIL, Case.Channel.PHONE, Case.Channel.POST, Case.Channel.COUNTER}
WEIGHTS = ("kind", "channel", "language", "category", "priority", "severity")
SHARES = (
    "late_improvement",
    "contested",
    "accepted",
    "review_changed",
    "sent_back",
    "compensation",
    "classified",
    "survey",
    "followed_up",
    "slow_acknowledgement",
)
TEXT_KEYS = ("answer", "contest", "upheld", "changed", "comment")
COMPENSATIONS = ("25.00", "40.00", "60.00", "100.00", "150.00", "250.00", "400.00", "750.00")


def _schema() -> Table:
    languages = language_codes()
    weights = Table(other=int)
    cause = Table(
        required={
            "code": str,
            "name": Translated(languages),
            "description": Translated(languages),
        },
        optional={"categories": ListOf(str)},
    )
    return Table(
        required={
            "seed": int,
            "cases": int,
            "months": int,
            "staff": Table(
                required={"intake": str, "supervisor": str, "reviewer": str, "manager": str}
            ),
            "weights": Table(required=dict.fromkeys(WEIGHTS, weights)),
            "late": Table(required=dict.fromkeys(steps.STEP, int)),
            "shares": Table(required=dict.fromkeys(SHARES, Amount())),
            "root_causes": ListOf(
                Table(required=cause.required, optional={"children": ListOf(cause)})
            ),
            "objectives": ListOf(
                Table(
                    required={
                        "kpi": OneOf(tuple(kpis.KPI)),
                        "direction": OneOf(tuple(Objective.Direction.values)),
                        "target": Amount(),
                    },
                    optional={"team": str},
                )
            ),
            "actions": ListOf(
                Table(
                    required={
                        "title": str,
                        "description": str,
                        "kind": OneOf(tuple(CorrectiveAction.Kind.values)),
                        "cause": str,
                        "owner": str,
                        "opened_days_ago": int,
                        "due_days": int,
                    },
                    optional={
                        "completed_days_ago": int,
                        "effect": Amount(),
                        "effective": bool,
                        "check_note": str,
                        "log": ListOf(Table(required={"days_ago": int, "text": str})),
                        "link_days": int,
                        "link_cases": int,
                    },
                )
            ),
            "texts": Table(
                required=dict.fromkeys(
                    languages,
                    Table(
                        required={
                            "complaint": ListOf(str),
                            "suggestion": ListOf(str),
                            "compliment": ListOf(str),
                            "decision": ListOf(str),
                            **dict.fromkeys(TEXT_KEYS, str),
                        }
                    ),
                )
            ),
            "names": Table(required=dict.fromkeys(languages, ListOf(str))),
        }
    )


def history_read(path: Path = PATH) -> dict:
    """The history's data file, checked (DataFileError names the file and the key)."""
    data, file = read_file(path, _schema())
    for key in ("kind", "channel", "language", "priority", "severity"):
        known = {
            "kind": Case.Kind.values,
            "channel": Case.Channel.values,
            "language": language_codes(),
            "priority": None,
            "severity": Case.Severity.values,
        }[key]
        for value in data["weights"][key]:
            if known is not None and value not in known:
                file.fail(f"weights.{key}.{value}", f"not one of {', '.join(known)}")
    causes = {child["code"] for group in data["root_causes"] for child in group.get("children", [])}
    for index, action in enumerate(data["actions"]):
        if action["cause"] not in causes:
            file.fail(f"actions[{index}].cause", f"no such root cause: {action['cause']}")
    return data


def history_key(number: int) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"demo-history-{number}")


def history_exists() -> bool:
    return Case.objects.filter(submission_key__in=[history_key(n) for n in range(PROBE)]).exists()


# --- The taxonomy ------------------------------------------------------------------------------


def _translated(field_name: str, texts: dict) -> dict:
    return {f"{field_name}_{language}": text for language, text in texts.items()}


def root_causes_load(data: dict, tally: Counter) -> dict[str, RootCause]:
    """The demo's root-cause taxonomy: created when missing (found by code), else kept as
    editors left it."""
    found = {cause.code: cause for cause in RootCause.objects.all()}
    for order, group in enumerate(data["root_causes"]):
        specs = [(group, None)] + [(child, group["code"]) for child in group.get("children", [])]
        for position, (spec, parent) in enumerate(specs):
            if spec["code"] in found:
                tally["root causes", "unchanged"] += 1
                continue
            found[spec["code"]] = RootCause.objects.create(
                code=spec["code"],
                parent=found[parent] if parent else None,
                order=order * 10 + position,
                **_translated("name", spec["name"]),
                **_translated("description", spec["description"]),
            )
            tally["root causes", "created"] += 1
    return found


# --- Generation --------------------------------------------------------------------------------


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class _Context:
    """What every case is generated from: the configuration rows, the staff, the data."""

    data: dict
    now: datetime.datetime
    start: datetime.datetime
    calendars: dict
    categories: dict[str, Category]
    priorities: dict[str, Priority]
    default: Priority | None
    users: dict
    handlers: dict[int, object]  # team id → handler
    supervisors: dict[int, object]  # team id → supervisor
    causes: dict[str, list[RootCause]]  # category code → causes
    effects: list[tuple[int, datetime.datetime, float]]  # cause id, from, factor
    handling: HandlingSettings
    shares: dict[str, float] = field(default_factory=dict)

    def calendar(self, team_id: int) -> WorkCalendar:
        return self.calendars.get(team_id) or self.calendars[None]


@dataclass
class _Plan:
    case: Case
    complainant: Complainant | None
    events: list[tuple]
    survey: SurveyResponse | None = None
    followup: dict | None = None


class _Timeline:
    """One case's history, written as the process would write it."""

    def __init__(self, ctx: _Context, rng: random.Random, case: Case, contacts: list[str]):
        self.ctx, self.rng, self.case, self.contacts = ctx, rng, case, contacts
        self.events: list[tuple] = []
        self.calendar = ctx.calendar(case.team_id)
        self.progress = (case.received_at - ctx.start) / (ctx.now - ctx.start)

    def event(self, at, kind, *, actor=None, public=True, note="", data=None):
        self.events.append((at, kind, actor, public, note, data or {}))

    def notified(self, at, template):
        if self.contacts:
            self.event(
                at,
                Kind.NOTIFIED,
                public=False,
                data={"template": template, "channels": list(self.contacts)},
            )

    def late_share(self, key: str) -> float:
        base = self.ctx.data["late"][key] / 100
        better = self.ctx.shares["late_improvement"]
        return base * (1 - (1 - better) * self.progress)

    def step(self, key: str, started, *, created=None, owner=None, actor=None):
        """The step `key` starts at `started` (its event at `created`): its promise, then
        when it ends, with the reminder and the escalations of a late step on the way.
        Returns (when it ended, who ended it)."""
        case, rng, calendar = self.case, self.rng, self.calendar
        created = created or started
        priority = case.priority or self.ctx.default
        hours = priority.hours_for(key) if priority else 72
        due = calendar.add(started, hours)
        promise = StepPromise(
            step=key,
            started=started,
            due_at=due,
            hours=hours,
            priority=priority.code if priority else "",
            calendar=calendar.describe(started, due),
        )
        self.event(created, Kind.STEP_STARTED, public=False, data=promise.as_data())
        if rng.random() < self.late_share(key):
            taken = hours * rng.uniform(1.05, 1.9) + rng.uniform(0.5, 6)
        else:
            taken = hours * min(0.97, max(0.03, rng.betavariate(2, 3)))
        ended = max(calendar.add(started, taken), created + datetime.timedelta(minutes=3))
        lead = min(priority.reminder_hours if priority else 8, hours / 2)
        reminder = calendar.add(started, hours - lead)
        supervisor = self.ctx.supervisors.get(case.team_id)
        manager = self.ctx.users["manager"]
        if created < reminder < ended:
            to = owner or supervisor
            self.event(
                reminder,
                Kind.REMINDED,
                public=False,
                data={"step": key, "to": [to.get_username()] if to else [], "due": str(due)},
            )
        if ended > due:
            independent = steps.STEP[key].independent
            takes_over = (
                not independent
                and supervisor is not None
                and self.ctx.handling.escalation_reassigns
                and (owner is None or owner.pk != supervisor.pk)
            )
            recipients = [manager] if independent or supervisor is None else [supervisor]
            self.event(
                due,
                Kind.ESCALATED,
                data={
                    "level": 1,
                    "step": key,
                    "reassigned": takes_over,
                    "to": [user.get_username() for user in recipients],
                    "taken_from": owner.get_username() if takes_over and owner else None,
                    "supervisor_named": False,
                },
            )
            case.escalation_level = max(case.escalation_level, 1)
            if takes_over:
                actor = supervisor
            second = calendar.add(due, priority.second_level_hours if priority else 24)
            if second < ended:
                self.event(
                    second,
                    Kind.ESCALATED,
                    data={
                        "level": 2,
                        "step": key,
                        "reassigned": False,
                        "to": [manager.get_username()],
                        "taken_from": None,
                        "supervisor_named": False,
                    },
                )
                case.escalation_level = 2
        return ended, actor or owner


def _received_at(ctx: _Context, rng: random.Random, channel: str, calendar: WorkCalendar):
    """A moment of the year, more of them later in the year and in winter; staff channels in
    working hours."""
    span = (ctx.now - ctx.start).total_seconds()
    while True:
        offset = rng.random() * span
        moment = ctx.start + datetime.timedelta(seconds=offset)
        season = 1 + 0.25 * math.cos(2 * math.pi * (moment.timetuple().tm_yday - 15) / 365)
        if rng.random() * 1.6 < season * (0.85 + 0.3 * offset / span):
            break
    local = moment.astimezone(calendar.tz)
    if channel in STAFF_CHANNELS:
        day = local.date()
        while not calendar.is_working_day(day):
            day += datetime.timedelta(days=1)
        opens = datetime.datetime.combine(day, calendar.starts, calendar.tz)
        closes = datetime.datetime.combine(day, calendar.ends, calendar.tz)
        local = opens + (closes - opens) * rng.uniform(0.02, 0.95)
    return local.astimezone(datetime.UTC).replace(microsecond=0)


def _cause(ctx: _Context, rng: random.Random, category: Category, received) -> RootCause | None:
    causes = ctx.causes.get(category.code) or [c for cs in ctx.causes.values() for c in cs]
    if not causes:
        return None
    weights = []
    for cause in causes:
        weight = 1.0
        for cause_id, since, factor in ctx.effects:
            if cause_id == cause.pk and received >= since:
                weight *= factor
        weights.append(weight)
    return rng.choices(causes, weights=weights)[0]


def _reference(rng: random.Random, kind: str) -> str:
    chars = "".join(rng.choice(references.ALPHABET) for _ in range(8))
    return f"{references.PREFIXES[kind]}-{chars[:4]}-{chars[4:]}"


def _survey_scores(rng: random.Random, case: Case) -> dict:
    mood = rng.choices([1, 2, 3, 4, 5], weights=[5, 8, 17, 36, 34])[0]
    if case.escalation_level:
        mood -= rng.choice([0, 1, 1, 2])
    if case.review_result == Case.ReviewResult.UPHELD:
        mood -= 1
    if case.compensation or case.review_result == Case.ReviewResult.CHANGED:
        mood += rng.choice([0, 1])

    def score(spread):
        return min(5, max(1, mood + rng.choice(spread)))

    overall = min(5, max(1, mood))
    return {
        "overall": overall,
        "ease": score([0, 0, 1, -1]),
        "fairness": score([0, 0, -1, 1]),
        "timeliness": score([0, -1, -1, 0, -2] if case.escalation_level else [0, 0, 1, -1]),
    }


def _generate(ctx: _Context, number: int) -> _Plan | None:
    """Case `number` of the history, or None when its handling would not be over by now."""
    data = ctx.data
    rng = random.Random(f"{data['seed']}:{number}")
    weights = data["weights"]
    kind = _pick(rng, weights["kind"])
    channel = _pick(rng, weights["channel"])
    language = _pick(rng, weights["language"])
    category = ctx.categories[_pick(rng, weights["category"])]
    team_id = category.team_id
    calendar = ctx.calendar(team_id)
    received = _received_at(ctx, rng, channel, calendar)
    texts = data["texts"][language]
    email = rng.random() < 0.9 or channel == Case.Channel.WEB
    phone = rng.random() < 0.35
    name = rng.choice(data["names"][language])
    contacts = [channel for channel, given in (("email", email), ("sms", phone)) if given]
    description = " ".join(
        rng.sample(texts[kind], min(2 if kind == "complaint" else 1, len(texts[kind])))
    )
    case = Case(
        reference=_reference(rng, kind),
        team=category.team,
        submission_key=history_key(number),
        access_salt=f"{rng.getrandbits(128):032x}",
        kind=kind,
        channel=channel,
        language=language,
        category=category,
        description=description,
        received_at=received,
        escalation_level=0,
    )
    complainant = Complainant(
        name=name,
        email=f"person{number}@example.org" if email else "",
        phone=f"+30 69{rng.randrange(10**7, 10**8)}" if phone else "",
        consent_at=received,
    )
    line = _Timeline(ctx, rng, case, contacts)
    intake, reviewer = ctx.users["intake"], ctx.users["reviewer"]
    handler = ctx.handlers.get(team_id) or ctx.supervisors.get(team_id)
    supervisor = ctx.supervisors.get(team_id)
    line.event(
        received,
        Kind.RECEIVED,
        actor=intake if channel in STAFF_CHANNELS else None,
        data={"channel": channel, "attachments": 0},
    )
    if rng.random() < ctx.shares["slow_acknowledgement"]:
        acknowledged = calendar.add(received, rng.uniform(1, 10))
    else:
        acknowledged = received + datetime.timedelta(seconds=rng.randint(5, 900))
    case.acknowledged_at = acknowledged
    line.event(acknowledged, Kind.ACKNOWLEDGED)
    line.notified(acknowledged, "acknowledgement")
    second = datetime.timedelta(seconds=1)

    if kind != Case.Kind.COMPLAINT:
        # The short path: acknowledged, answered by the owning team (which closes it).
        answered, actor = line.step("respond", received, created=acknowledged, owner=None)
        actor = actor or handler
        case.handler = actor
        case.decision = texts["answer"]
        line.event(
            answered,
            Kind.RESPONSE_DRAFTED,
            actor=actor,
            public=False,
            data={"decision": case.decision},
        )
        case.decided_at = case.closed_at = answered + second
        line.event(case.closed_at, Kind.ANSWERED)
        line.notified(case.closed_at, "answered")
        return _finish(ctx, case, complainant, line)

    # Initial assessment (the default priority's deadline: the priority is set by it).
    assessed, actor = line.step("assess", received, created=acknowledged, owner=None)
    priority = ctx.priorities.get(_pick(rng, weights["priority"])) or ctx.default
    severity = _pick(rng, weights["severity"])
    case.priority, case.severity, case.handler = priority, severity, handler
    line.event(
        assessed,
        Kind.ASSESSED,
        actor=actor or intake,
        data={
            "changes": {
                "priority": ["", str(priority)],
                "handler": ["", str(handler)],
            },
            "severity": severity,
            "named_staff": [],
        },
    )
    # Investigation: findings and the root cause.
    investigated, actor = line.step("investigate", assessed, owner=handler)
    cause = None
    if rng.random() < ctx.shares["classified"]:
        cause = _cause(ctx, rng, category, received)
    case.cause = cause
    case.findings = "Records checked and the staff involved heard."
    case.root_cause = str(cause.name) if cause else ""
    line.event(
        investigated,
        Kind.INVESTIGATED,
        actor=actor,
        data={"cause": {"id": cause.pk, "code": cause.code, "name": str(cause)}} if cause else {},
    )
    # Response, and its approval when the severity or the compensation asks for one.
    if rng.random() < ctx.shares["compensation"]:
        case.compensation = Decimal(rng.choice(COMPENSATIONS))
    case.decision = rng.choice(texts["decision"])
    drafted, actor = line.step("respond", investigated, owner=handler)
    draft = {
        "decision": case.decision,
        "compensation": str(case.compensation) if case.compensation is not None else None,
    }
    line.event(drafted, Kind.RESPONSE_DRAFTED, actor=actor, public=False, data=draft)
    decided = drafted
    if ctx.handling.needs_approval(case):
        approved, approver = line.step("approve", drafted, owner=supervisor)
        if rng.random() < ctx.shares["sent_back"]:
            line.event(
                approved,
                Kind.SENT_BACK,
                actor=approver,
                public=False,
                note="Explain the calculation of the amount in the letter.",
            )
            drafted, actor = line.step("respond", approved, owner=handler)
            line.event(drafted, Kind.RESPONSE_DRAFTED, actor=actor, public=False, data=draft)
            approved, approver = line.step("approve", drafted, owner=supervisor)
        line.event(approved, Kind.APPROVED, actor=approver, public=False)
        decided = approved
    decided += second
    case.decided_at = decided
    line.event(decided, Kind.DECIDED)
    line.notified(decided, "decision")
    # The complainant's reply, within the reply time or not at all.
    reply_days = ctx.handling.reply_days
    draw = rng.random()
    if draw < ctx.shares["contested"]:
        case.reply = Case.Reply.CONTESTED
    elif draw < ctx.shares["contested"] + ctx.shares["accepted"]:
        case.reply = Case.Reply.ACCEPTED
    else:
        case.reply = Case.Reply.LAPSED
    if case.reply == Case.Reply.LAPSED:
        replied = decided + datetime.timedelta(days=reply_days)
        line.event(replied, Kind.REPLY_LAPSED)
    else:
        replied = decided + datetime.timedelta(hours=rng.uniform(2, reply_days * 24 * 0.7))
        case.replied_at = replied
        if case.reply == Case.Reply.CONTESTED:
            case.contest_reasons = texts["contest"]
            line.event(replied, Kind.CONTESTED, note=case.contest_reasons)
        else:
            line.event(replied, Kind.ACCEPTED)
    closing_starts = replied
    if case.reply == Case.Reply.CONTESTED:
        reviewed, _actor = line.step("review", replied, owner=reviewer)
        changed = rng.random() < ctx.shares["review_changed"]
        case.reviewer = reviewer
        case.review_result = Case.ReviewResult.CHANGED if changed else Case.ReviewResult.UPHELD
        case.review_outcome = texts["changed" if changed else "upheld"]
        line.event(
            reviewed,
            Kind.REVIEWED,
            actor=reviewer,
            note=case.review_outcome,
            data={"result": case.review_result},
        )
        line.notified(reviewed, "review")
        closing_starts = reviewed
    closed, actor = line.step("close", closing_starts, owner=handler)
    case.closed_at = closed
    line.event(closed, Kind.CLOSED, actor=actor)
    line.notified(closed, "closed")
    plan = _finish(ctx, case, complainant, line)
    if plan is None:
        return None
    # The satisfaction survey, some days after closing.
    answered = closed + datetime.timedelta(hours=rng.uniform(3, 240))
    if rng.random() < ctx.shares["survey"] and answered < ctx.now:
        scores = _survey_scores(rng, case)
        low = scores["overall"] <= 2
        plan.survey = SurveyResponse(
            answered_at=answered, comment=texts["comment"] if low else "", **scores
        )
        plan.events.append((answered, Kind.SURVEY, None, True, "", {}))
        recorded = answered + datetime.timedelta(hours=rng.uniform(20, 120))
        if low and rng.random() < ctx.shares["followed_up"] and recorded < ctx.now:
            action = rng.choices(SatisfactionFollowUp.Action.values, weights=[6, 2, 2])[0]
            plan.followup = {
                "recorded_at": recorded,
                "action": action,
                "reason": "The decision already answers the customer's points."
                if action == SatisfactionFollowUp.Action.NO_ACTION
                else "",
                "note": "Called the customer and apologised for the delay."
                if action == SatisfactionFollowUp.Action.CONTACTED
                else "",
            }
    return plan


def _finish(ctx: _Context, case: Case, complainant, line: _Timeline) -> _Plan | None:
    if case.closed_at >= ctx.now:
        return None
    case.status = Case.Status.CLOSED
    case.due_at = None
    events = sorted(line.events, key=lambda event: event[0])
    return _Plan(case=case, complainant=complainant, events=events)


# --- Writing -----------------------------------------------------------------------------------


def _context(data: dict, *, now, handlers: dict[str, str]) -> _Context:
    users_by_name = {
        user.get_username(): user
        for user in get_user_model().objects.filter(
            username__in={*data["staff"].values(), *handlers.values()}
        )
    }
    missing = sorted({*data["staff"].values(), *handlers.values()} - set(users_by_name))
    if missing:
        raise LookupError(f"Demo staff missing (load them first): {', '.join(missing)}")
    users = {role: users_by_name[name] for role, name in data["staff"].items()}
    teams = {team.code: team for team in Team.objects.select_related("supervisor")}
    categories = {
        category.code: category
        for category in Category.objects.select_related("team").filter(
            code__in=list(data["weights"]["category"])
        )
    }
    missing = sorted(set(data["weights"]["category"]) - set(categories))
    if missing:
        raise LookupError(f"Demo categories missing (load them first): {', '.join(missing)}")
    causes_by_code = {
        cause.code: cause
        for cause in RootCause.objects.filter(is_active=True).select_related("parent")
    }
    causes: dict[str, list[RootCause]] = {}
    for group in data["root_causes"]:
        for child in group.get("children", []):
            cause = causes_by_code.get(child["code"])
            for code in child.get("categories", []) if cause else []:
                causes.setdefault(code, []).append(cause)
    effects = []
    for action in data["actions"]:
        cause = causes_by_code.get(action["cause"])
        if cause is not None and "completed_days_ago" in action:
            since = now - datetime.timedelta(days=action["completed_days_ago"])
            effects.append((cause.pk, since, float(action.get("effect", "1"))))
    start = now - datetime.timedelta(days=round(data["months"] * 365 / 12))
    ctx = _Context(
        data=data,
        now=now,
        start=start,
        calendars=calendars(),
        categories=categories,
        priorities={priority.code: priority for priority in Priority.objects.all()},
        default=Priority.objects.filter(is_default=True).first(),
        users=users,
        handlers={
            team.pk: users_by_name[handlers[code]]
            for code, team in teams.items()
            if code in handlers
        },
        supervisors={team.pk: team.supervisor for team in teams.values() if team.supervisor_id},
        causes=causes,
        effects=effects,
        handling=HandlingSettings.load(),
    )
    ctx.shares = {name: float(value) for name, value in data["shares"].items()}
    return ctx


def _write(plans: list[_Plan], ctx: _Context) -> None:
    """One batch of cases with everything they carry, in a few bulk inserts."""
    cases = Case.objects.bulk_create([plan.case for plan in plans])
    for plan in plans:
        plan.complainant.case = plan.case
    Complainant.objects.bulk_create([plan.complainant for plan in plans])
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case=plan.case,
                kind=kind,
                actor=actor,
                is_public=public,
                note=note,
                data=data,
                created_at=at,
            )
            for plan in plans
            for at, kind, actor, public, note, data in plan.events
        ],
        batch_size=5000,
    )
    surveyed = [plan for plan in plans if plan.survey is not None]
    for plan in surveyed:
        plan.survey.case = plan.case
    SurveyResponse.objects.bulk_create([plan.survey for plan in surveyed])
    followed = [plan for plan in surveyed if plan.followup]
    manager = ctx.users["manager"]
    followups = SatisfactionFollowUp.objects.bulk_create(
        [
            SatisfactionFollowUp(response=plan.survey, recorded_by=manager, **plan.followup)
            for plan in followed
        ]
    )
    events = []
    for plan, followup in zip(followed, followups, strict=True):
        words = [str(SatisfactionFollowUp.Action(followup.action).label)]
        words += [text for text in (followup.reason, followup.note) if text]
        events.append(
            CaseEvent(
                case=plan.case,
                kind=Kind.SURVEY_FOLLOW_UP,
                actor=manager,
                is_public=False,
                note="\n".join(words),
                data={"followup": followup.pk, "action": followup.action},
                created_at=followup.recorded_at,
            )
        )
    CaseEvent.objects.bulk_create(events)
    # The last write of a case was its closing (a survey answer does not change the case).
    Case.objects.filter(pk__in=[case.pk for case in cases]).update(updated_at=F("closed_at"))
    # Bulk inserts send no signals: the KPI facts of the batch are written here.
    case_facts_refresh([case.pk for case in cases], bulk=True)
    outbox.search_index_queue_many(case_ids=[case.pk for case in cases])


def cases_generate(
    *, count: int, first: int = 0, data: dict | None = None, now=None, handlers: dict[str, str]
) -> tuple[int, int]:
    """Create `count` history cases (numbers from `first` on, skipping those that exist and
    those whose handling would not be over by `now`), in batches. Returns how many were
    created and the next number."""
    data = data or history_read()
    now = now or timezone.now()
    ctx = _context(data, now=now, handlers=handlers)
    created, number = 0, first
    with translation.override(settings.LANGUAGE_CODE):
        while created < count:
            numbers = range(number, number + min(BATCH, 2 * (count - created) + 20))
            existing = set(
                Case.objects.filter(
                    submission_key__in=[history_key(n) for n in numbers]
                ).values_list("submission_key", flat=True)
            )
            plans = []
            for n in numbers:
                number = n + 1
                if history_key(n) in existing:
                    continue
                plan = _generate(ctx, n)
                if plan is not None:
                    plans.append(plan)
                    if created + len(plans) >= count:
                        break
            if plans:
                with transaction.atomic():
                    _write(plans, ctx)
            created += len(plans)
            if number - first > 3 * count + 1000:
                break  # hardly any case ends before `now`: stop rather than loop for ever
    return created, number


def objectives_load(data: dict, *, now, tally: Counter) -> None:
    """The objectives for the twelve months the dashboard shows by default."""
    start, _today = default_period(timezone.localdate(now))
    end = (start.replace(year=start.year + 1)) - datetime.timedelta(days=1)
    manager = get_user_model().objects.filter(username=data["staff"]["manager"]).first()
    teams = {team.code: team for team in Team.objects.all()}
    for spec in data["objectives"]:
        team = teams.get(spec["team"]) if "team" in spec else None
        if "team" in spec and team is None:
            continue
        _objective, created = Objective.objects.get_or_create(
            kpi=spec["kpi"],
            period_start=start,
            period_end=end,
            team=team,
            defaults={
                "target": Decimal(spec["target"]),
                "direction": spec["direction"],
                "updated_by": manager,
                "note": "Demo objective for the year.",
            },
        )
        tally["objectives", "created" if created else "unchanged"] += 1


def _at(now, days_ago: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate(now) - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def actions_load(data: dict, *, now, tally: Counter) -> None:
    """The corrective and preventive actions, each with its log and linked cases, as the
    services would have recorded them on their days."""
    users = {user.get_username(): user for user in get_user_model().objects.all()}
    manager = users[data["staff"]["manager"]]
    causes = {cause.code: cause for cause in RootCause.objects.all()}
    for spec in data["actions"]:
        if CorrectiveAction.objects.filter(title=spec["title"]).exists():
            tally["actions", "unchanged"] += 1
            continue
        owner = users.get(spec["owner"], manager)
        cause = causes[spec["cause"]]
        opened = _at(now, spec["opened_days_ago"])
        completed = (
            _at(now, spec["completed_days_ago"], 15) if "completed_days_ago" in spec else None
        )
        family = [cause.pk, *cause.children.values_list("pk", flat=True)]
        cases = list(
            Case.objects.filter(
                kind=Case.Kind.COMPLAINT,
                cause_id__in=family,
                received_at__gte=opened - datetime.timedelta(days=spec.get("link_days", 90)),
                received_at__lt=opened,
            ).order_by("-received_at")[: spec.get("link_cases", 5)]
        )
        action = CorrectiveAction.objects.create(
            kind=spec["kind"],
            title=spec["title"],
            description=spec["description"],
            root_cause=cause,
            owner=owner,
            due_on=(opened + datetime.timedelta(days=spec["due_days"])).date(),
            opened_by=manager,
            created_at=opened,
        )
        action.cases.set(cases)
        log = [
            (
                opened,
                ActionLogEntry.Kind.OPENED,
                manager,
                "",
                {"cases": [c.reference for c in cases]},
            )
        ]
        status = Status.OPEN
        for entry in spec.get("log", []):
            when = _at(now, entry["days_ago"], 14)
            log.append((when, ActionLogEntry.Kind.PROGRESS, owner, entry["text"], {}))
            if status == Status.OPEN:
                log.append(
                    (
                        when,
                        ActionLogEntry.Kind.STATUS,
                        owner,
                        "",
                        {"from": status, "to": Status.IN_PROGRESS},
                    )
                )
                status = Status.IN_PROGRESS
        events = [(opened, "linked", Status.OPEN)]
        if completed is not None:
            log.append(
                (
                    completed,
                    ActionLogEntry.Kind.STATUS,
                    owner,
                    "",
                    {"from": status, "to": Status.DONE},
                )
            )
            status = Status.DONE
            action.completed_at = completed
            action.check_due_at = completed + datetime.timedelta(days=action.check_after_days)
        action.status = status
        action.save()
        if "effective" in spec and action.check_due_at and action.check_due_at < now:
            checked = action.check_due_at + datetime.timedelta(days=2)
            recurrence = action_recurrence(action=action, now=checked)
            action.status = Status.EFFECTIVE if spec["effective"] else Status.NOT_EFFECTIVE
            action.checked_at = min(checked, now)
            action.checked_by = manager
            action.check_note = spec.get("check_note", "")
            action.recurrence_before = recurrence.before if recurrence else None
            action.recurrence_after = recurrence.after if recurrence else None
            action.save()
            log.append(
                (
                    action.checked_at,
                    ActionLogEntry.Kind.CHECKED,
                    manager,
                    action.check_note,
                    {
                        "effective": spec["effective"],
                        "before": action.recurrence_before,
                        "after": action.recurrence_after,
                    },
                )
            )
            events.append((action.checked_at, "checked", action.status))
        ActionLogEntry.objects.bulk_create(
            [
                ActionLogEntry(
                    action=action,
                    kind=kind,
                    author=author,
                    text=text,
                    done_on=timezone.localdate(when),
                    created_at=when,
                    data=entry_data,
                )
                for when, kind, author, text, entry_data in sorted(log, key=lambda row: row[0])
            ]
        )
        CaseEvent.objects.bulk_create(
            [
                CaseEvent(
                    case=case,
                    kind=Kind.ACTION,
                    actor=manager,
                    is_public=False,
                    created_at=when,
                    data={
                        "action": action.pk,
                        "title": str(action),
                        "url": action_url(action),
                        "change": change,
                        "status": status_then,
                    },
                )
                for when, change, status_then in events
                for case in cases
            ]
        )
        tally["actions", "created"] += 1


def history_load(
    *,
    handlers: dict[str, str],
    tally: Counter,
    log=None,
    count: int | None = None,
    now=None,
    path: Path = PATH,
) -> int:
    """load_demo's part: the taxonomy, then (unless any history case exists already) the
    year of cases (`count`, else the DEMO_HISTORY_CASES setting, else the data file's
    number), the objectives and the corrective actions. Returns the cases created."""
    data = history_read(path)
    now = now or timezone.now()
    if count is None:
        count = getattr(settings, "DEMO_HISTORY_CASES", None)
    with translation.override(settings.LANGUAGE_CODE):
        root_causes_load(data, tally)
        if count == 0:
            return 0
        if history_exists():
            tally["history cases", "unchanged"] += 1
            return 0
        count, _next = cases_generate(
            count=data["cases"] if count is None else count,
            data=data,
            now=now,
            handlers=handlers,
        )
        tally["history cases", "created"] += count
        objectives_load(data, now=now, tally=tally)
        actions_load(data, now=now, tally=tally)
    if log:
        log(f"  history: created {count} closed cases over {data['months']} months")
    return count
