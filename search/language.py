"""Language analysis for the database backend on PostgreSQL.

Every case's text is indexed with the text-search configuration of each of the portal's
languages and with `simple` (exact words, names, numbers), so a staff member finds a case
whatever language they search in: "reclami" finds "reclamo" (Italian), "παράπονο" finds
"παράπονα" (Greek), "şikayet" finds "şikayetler" (Turkish), "refunded" finds "refund".

PostgreSQL's Arabic stemmer strips the article "ال" but not the particles written before
it ("و" and, "ف" so, "ب" with, "ك" like, "ل" for: "والشكوى", "بالشكوى", "للشكوى"), so
Arabic text is brought to the article form first, on both sides.
"""

import re

from .documents import words

# Language code → PostgreSQL text-search configuration.
CONFIGS = {
    "en": "english",
    "ar": "arabic",
    "el": "greek",
    "it": "italian",
    "tr": "turkish",
}

_ARABIC_WORD = re.compile(r"[\u0600-\u06FF]+")
# Particles before the article, longest first; the rest must still be a word.
_ARABIC_PREFIXES = ("وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل")
_MIN_STEM = 3


def _arabic_word(match: re.Match) -> str:
    word = match.group(0)
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            return "ال" + word[len(prefix) :]
    return word


def arabic_light(text: str) -> str:
    """`والشكوى` → `الشكوى`, `للشكوى` → `الشكوى`; other words unchanged."""
    return _ARABIC_WORD.sub(_arabic_word, text)


def document_sql() -> tuple[str, int]:
    """SQL building the tsvector of a text (one parameter per language, the Arabic one
    prepared by `arabic_light`), and how many parameters it takes."""
    parts = ["to_tsvector('simple', %s)"]
    parts += [f"to_tsvector('{config}', %s)" for config in CONFIGS.values()]
    return " || ".join(parts), len(parts)


def document_params(text: str, *, folded: str | None = None) -> list[str]:
    """The parameters of `document_sql`: `simple` gets the folded words (`folded`, or the
    text's own), each language its configuration's view of the text as written."""
    if folded is None:
        folded = " ".join(words(text))
    return [folded] + [arabic_light(text) if code == "ar" else text for code in CONFIGS]
