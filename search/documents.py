"""What a case looks like to the search engines: one place builds it for every backend."""

import re
import unicodedata

from workflow.models import Case

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Case-fold and strip accents (Greek tonos, Turkish dotted capitals, Italian accents)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def compact_reference(reference: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", reference.upper())


def case_text(case: Case) -> str:
    parts = [
        case.reference,
        case.description,
        case.desired_outcome,
        case.findings,
        case.root_cause,
        case.decision,
    ]
    parts += [
        getattr(case.category, f"name_{code}", "") or "" for code in ("en", "ar", "el", "it", "tr")
    ]
    return " ".join(part for part in parts if part)
