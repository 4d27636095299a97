"""The demo cases as data: the files of workflow/demo/, read and checked (TOML, like the demo
content of portal/demo/; see portal/demo/schema.py for why).

`read()` returns the cases in the shapes `demo_cases_load` works with: choices as the model's
choices, amounts as Decimal. A file that does not fit raises DataFileError naming the file and
the key.
"""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from workflow.datafiles import Amount, ListOf, OneOf, Table, Translated, language_codes
from workflow.datafiles import read as read_file
from workflow.models import Case

DIRECTORY = Path(__file__).resolve().parent
TEXT = str

# Each step's action and what it takes (see the comment at the top of cases.toml).
STEPS = {
    "assess": Table(optional={"severity": OneOf(tuple(Case.Severity.values)), "priority": str}),
    "investigate": Table(required={"findings": TEXT}, optional={"root_cause": TEXT}),
    "respond": Table(required={"decision": TEXT}, optional={"compensation": Amount()}),
    "approve": Table(required={"approved": bool}, optional={"comments": TEXT}),
    "reply": Table(required={"accepted": bool}, optional={"reasons": TEXT}),
    "review": Table(required={"result": OneOf(tuple(Case.ReviewResult.values)), "outcome": TEXT}),
    "close": Table(optional={"note": TEXT}),
    "answer": Table(required={"answer": TEXT}),
    "message": Table(required={"text": TEXT}),
    "note": Table(required={"text": TEXT, "by": OneOf(("intake", "handler"))}),
    "information": Table(required={"text": TEXT}),
    "survey": Table(
        required={"overall": int, "ease": int, "fairness": int, "timeliness": int},
        optional={"comment": TEXT},
    ),
}


@dataclass
class DemoCases:
    # The demo handler who takes a case, by the code of its category's owning team.
    handlers: dict[str, str]
    # Each case: the submission's fields, and `steps`: (action, its arguments) pairs.
    cases: list[dict]
    # Language → the outside recourse told with a review's outcome.
    external_recourse: dict[str, str]


def cases_schema() -> Table:
    return Table(
        required={
            "handlers": Table(other=str),
            "cases": ListOf(
                Table(
                    required={
                        "slug": str,
                        "kind": OneOf(tuple(Case.Kind.values)),
                        "channel": OneOf(tuple(Case.Channel.values)),
                        "category": str,
                        "language": OneOf(language_codes()),
                        "description": TEXT,
                        "steps": ListOf(
                            Table(required={"action": OneOf(tuple(STEPS))}, other=object)
                        ),
                    },
                    optional={
                        "complainant": Table(optional={"name": str, "email": str, "phone": str}),
                        "occurred_days_ago": int,
                        "product_service": str,
                        "location": str,
                        "desired_outcome": TEXT,
                    },
                )
            ),
        }
    )


def _step(step: dict) -> tuple[str, dict]:
    args = {name: value for name, value in step.items() if name != "action"}
    if "severity" in args:
        args["severity"] = Case.Severity(args["severity"])
    if "result" in args:
        args["result"] = Case.ReviewResult(args["result"])
    if "compensation" in args:
        args["compensation"] = Decimal(args["compensation"])
    return step["action"], args


def read(directory: Path | None = None) -> DemoCases:
    """The demo cases of `directory` (workflow/demo/), checked."""
    directory = directory or DIRECTORY
    data, file = read_file(directory / "cases.toml", cases_schema())
    slugs = set()
    for index, case in enumerate(data["cases"]):
        if case["slug"] in slugs:
            file.fail(f"cases[{index}].slug", f"{case['slug']!r} is the slug of an earlier case")
        slugs.add(case["slug"])
        for number, step in enumerate(case["steps"]):
            arguments = {name: value for name, value in step.items() if name != "action"}
            file.check(STEPS[step["action"]], arguments, f"cases[{index}].steps[{number}]")
    recourse, _file = read_file(
        directory / "settings.toml",
        Table(required={"external_recourse": Translated(language_codes())}),
    )
    cases = [
        {
            **case,
            "kind": Case.Kind(case["kind"]),
            "channel": Case.Channel(case["channel"]),
            "complainant": case.get("complainant", {}),
            "steps": [_step(step) for step in case["steps"]],
        }
        for case in data["cases"]
    ]
    return DemoCases(
        handlers=data["handlers"],
        cases=cases,
        external_recourse=recourse["external_recourse"],
    )
