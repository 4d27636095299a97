"""What a case looks like to the search engines: one place builds it for every backend."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from workflow.models import Case, CaseEvent

from . import analysis

LANGUAGES = ("en", "ar", "el", "it", "tr")
# The case's own words that are indexed (and shown in highlights), in this order, followed by
# the notes of its public messages. Every backend indexes these documents, and the migration
# that indexed the existing cases again (search 0003) reads the same lists.
INDEXED_FIELDS = (
    "reference",
    "description",
    "desired_outcome",
    "findings",
    "root_cause",
    "decision",
    "product_service",
    "location",
    "contest_reasons",
    "review_outcome",
)
PUBLIC_MESSAGE_KINDS = (CaseEvent.Kind.MESSAGE, CaseEvent.Kind.CUSTOMER_INFO)

# Highlighted fragments mark the matched words with these characters; `highlight_html`
# escapes the rest and turns them into <mark> elements.
MARK_START = "\ue000"
MARK_END = "\ue001"


def words(text: str) -> list[str]:
    """The surface tokens of a text (see `search.analysis`)."""
    return analysis.tokens(text)


def compact_reference(reference: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", reference.upper())


@dataclass
class CaseDocumentData:
    """Everything a backend indexes about a case.

    `text` is the case's own words (description, outcome wanted, findings, root cause,
    decision, product or service, place, public messages), shown in highlights; `labels`
    the category's name in every language, searched but not shown; `personal` the
    complainant's name and email, for staff search only (never in a public document).
    """

    case: Case
    text: str
    personal: str
    labels: str = ""

    @property
    def searchable(self) -> str:
        """Everything searched apart from the personal data."""
        return f"{self.text} {self.labels}".strip()

    @property
    def updated_at(self) -> datetime:
        return self.case.updated_at


def _case_parts(case: Case) -> list[str]:
    parts = [getattr(case, field) for field in INDEXED_FIELDS]
    parts += [event.note for event in case.public_messages]
    return parts


def _labels(case: Case) -> str:
    names = {getattr(case.category, f"name_{code}", "") or "" for code in LANGUAGES}
    return " ".join(sorted(name for name in names if name))


def documents_for(case_ids) -> list[CaseDocumentData]:
    """The documents of these cases, read with a fixed number of queries."""
    messages = CaseEvent.objects.filter(is_public=True, kind__in=PUBLIC_MESSAGE_KINDS).only(
        "case_id", "note"
    )
    cases = (
        Case.objects.filter(pk__in=list(case_ids))
        .select_related("category", "complainant")
        .prefetch_related(Prefetch("events", queryset=messages, to_attr="public_messages"))
    )
    documents = []
    for case in cases:
        person = getattr(case, "complainant", None)
        personal = " ".join(part for part in (person.name, person.email) if part) if person else ""
        text = " ".join(part for part in _case_parts(case) if part)
        documents.append(
            CaseDocumentData(case=case, text=text, personal=personal, labels=_labels(case))
        )
    return documents


# Highlighting where the engine gives no fragments of the original text: the written words
# that match a query word the way the backends match them (`analysis.matches`) are marked.
FRAGMENT_WORDS = 30


def _matches(token: str, wanted: list[analysis.Word]) -> bool:
    pieces = analysis.split(token)
    return any(analysis.matches(word, piece) for word in wanted for piece in pieces)


def highlight_fragment(text: str, wanted: list[analysis.Word]) -> str:
    """Up to FRAGMENT_WORDS words of `text` around its first match, matches marked."""
    if not wanted:
        return ""
    tokens = list(analysis.WORD.finditer(text))
    hits = {index for index, token in enumerate(tokens) if _matches(token.group(0), wanted)}
    if not hits:
        return ""
    first = max(0, min(hits) - 5)
    last = min(len(tokens), first + FRAGMENT_WORDS)
    start = tokens[first].start() if first else 0
    end = tokens[last - 1].end() if last < len(tokens) else len(text)
    marked = []
    cursor = start
    for index in range(first, last):
        token = tokens[index]
        if index in hits:
            marked += [text[cursor : token.start()], MARK_START, token.group(0), MARK_END]
            cursor = token.end()
    marked.append(text[cursor:end])
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return prefix + "".join(marked).strip() + suffix


def highlight_html(fragment: str) -> SafeString:
    """A highlighted fragment as HTML: the text escaped, the matches in <mark>."""
    html = escape(fragment).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own markers are turned into tags
