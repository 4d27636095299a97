"""The one language analysis of every search backend: text in, tokens out.

The application analyses a case's words and a staff member's query the same way, and every
backend indexes and matches the tokens it produced (SQLite's FTS5 table, PostgreSQL's
tsvector, the search engine's fields with a whitespace analyzer), so the backends find the
same cases. Each word becomes:

- its *surface* token: Unicode NFKC; Italian/French elisions removed (dell'ordine → ordine);
  case folded (Turkish rules for Turkish text: I → ı, İ → i); decomposed and every combining
  mark removed (accents, Greek tonos, Arabic tashkeel); Arabic alef/hamza variants → ا,
  ة → ه, ى → ي, tatweel removed; Greek final ς → σ; Turkish ı → i (so KIRIK, kırık and kirik
  are one word); Arabic particles and the article removed (والشكوى, للشكوى → شكوي);
- its *stems*: the Snowball stems (snowballstemmer) of the languages its script can be in:
  Arabic; Greek; English, Italian and Turkish for Latin letters. Stems are folded like
  surface tokens; stems shorter than three letters are not kept.

A query word matches a case when an indexed surface token (its words, or the complainant's
name and email) starts with the word's surface token, when one of the word's stems is one
of the case's stems, or when a word of the case's text is within its typing errors (one
edit up to five letters, two beyond, the first letter as typed, none for words with digits,
under three letters or over MAX_WORD). Words in double quotes match as a phrase (the
surface tokens in a row). Every word and phrase must match. A string shaped like a
tracking number (see `reference_shape`) matches the tracking number, exactly or by its
start.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from rapidfuzz.distance import OSA

from workflow.references import ALPHABET, PREFIXES

MAX_WORD = 64  # longer words are never typo-matched
MAX_TOKEN = 200  # tokens are cut to this length (index and query alike)
MAX_CLAUSES = 12  # words and phrases of a query searched; the rest are ignored
MIN_STEM = 3
MIN_FUZZY = 3

# Combining marks Python's \w does not match: a word is never split at them.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
_APOSTROPHES = "'\u2019\u02bc"
# A word as written: letters, digits and marks, with apostrophes inside (l'ordine).
WORD = re.compile(rf"(?:[^\W_]|[{_MARKS}])+(?:[{_APOSTROPHES}](?:[^\W_]|[{_MARKS}])+)*")
_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")

# Italian (and French) elided articles and prepositions before an apostrophe.
ELISIONS = frozenset(
    ("l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl")
    + ("negl", "sugl", "un", "c", "m", "t", "s", "v", "d", "n", "j", "qu", "lorsqu")
    + ("puisqu", "jusqu", "quell", "quest", "bell", "sant", "mezz")
)

_ARABIC_LETTERS = str.maketrans(
    {
        "\u0623": "\u0627",  # أ
        "\u0625": "\u0627",  # إ
        "\u0622": "\u0627",  # آ
        "\u0671": "\u0627",  # ٱ
        "\u0629": "\u0647",  # ة → ه
        "\u0649": "\u064a",  # ى → ي
        "\u0640": None,  # tatweel
        "\u03c2": "\u03c3",  # Greek final sigma
        "\u0131": "i",  # Turkish dotless i
    }
)
# Particles written before the article, and the article (longest first): the rest must
# keep at least two letters (three after a particle).
_ARABIC_ARTICLES = (
    ("وبال", 3),
    ("فبال", 3),
    ("وكال", 3),
    ("فكال", 3),
    ("ولل", 3),
    ("فلل", 3),
    ("وال", 3),
    ("فال", 3),
    ("بال", 3),
    ("كال", 3),
    ("لل", 3),
    ("ال", 2),
)

_STEMMERS = {
    "arabic": snowballstemmer.stemmer("arabic"),
    "greek": snowballstemmer.stemmer("greek"),
    "english": snowballstemmer.stemmer("english"),
    "italian": snowballstemmer.stemmer("italian"),
    "turkish": snowballstemmer.stemmer("turkish"),
}
LATIN = ("english", "italian", "turkish")


def _script(word: str) -> tuple[str, ...]:
    for char in word:
        if "\u0600" <= char <= "\u06ff":
            return ("arabic",)
        if "\u0370" <= char <= "\u03ff" or "\u1f00" <= char <= "\u1fff":
            return ("greek",)
        if char.isalpha():
            return LATIN if char.isascii() or "\u00c0" <= char <= "\u024f" else ()
    return ()


def lower(word: str, *, turkish: bool = False) -> str:
    if turkish:
        word = word.replace("I", "ı").replace("İ", "i")
    return word.casefold()


def _fold(word: str) -> str:
    """Lower-case `word` without marks, with the letter variants merged (no particles
    removed)."""
    decomposed = unicodedata.normalize("NFD", word)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare).translate(_ARABIC_LETTERS)


def _arabic_light(word: str) -> str:
    for prefix, rest in _ARABIC_ARTICLES:
        if word.startswith(prefix) and len(word) - len(prefix) >= rest:
            return word[len(prefix) :]
    return word


def _pieces(token: str) -> list[str]:
    """A written word without its elided article (dell'ordine → ordine); other apostrophes
    split it (O'Brien → O, Brien; Ankara'da → Ankara, da)."""
    parts = [part for part in _APOSTROPHE.split(token) if part]
    if len(parts) > 1 and _fold(parts[0].casefold()) in ELISIONS:
        parts = parts[1:]
    return parts


@lru_cache(maxsize=50_000)
def surface(piece: str, turkish: bool = False) -> str:
    """The surface token of one word (no apostrophe inside)."""
    folded = _fold(lower(unicodedata.normalize("NFKC", piece), turkish=turkish))
    if _script(folded) == ("arabic",):
        folded = _arabic_light(folded)
    return folded[:MAX_TOKEN]


@lru_cache(maxsize=50_000)
def _stem(language: str, word: str) -> str:
    return _STEMMERS[language].stemWord(word)


@lru_cache(maxsize=50_000)
def stems(piece: str, turkish: bool = False) -> frozenset[str]:
    """The folded stems of one word in every language its script can be in: of the word
    lower-cased as written (the stemmers know the accents) and of its surface token."""
    written = lower(unicodedata.normalize("NFKC", piece), turkish=turkish)
    written = unicodedata.normalize("NFC", written).replace("\u0640", "")
    base = surface(piece, turkish)
    if any(char.isdigit() for char in base) or len(base) > MAX_WORD:
        return frozenset()
    found = set()
    for language in _script(base):
        for form in {written, base, _fold(written)}:
            stem = surface(_stem(language, form))
            if len(stem) >= MIN_STEM:
                found.add(stem)
    return frozenset(found)


def split(text: str) -> list[str]:
    """The words of a text as written, elisions removed (each without apostrophes)."""
    text = unicodedata.normalize("NFKC", text or "")
    return [piece for token in WORD.findall(text) for piece in _pieces(token)]


@dataclass
class Analysed:
    words: list[str] = field(default_factory=list)  # surface tokens, in order
    stems: list[str] = field(default_factory=list)  # distinct stems, in order of first use

    def words_text(self) -> str:
        return " ".join(self.words)

    def stems_text(self) -> str:
        return " ".join(self.stems)


def analyse(text: str, *, language: str = "") -> Analysed:
    """A document's tokens (`language` is the case's: Turkish text is lower-cased with
    Turkish rules)."""
    turkish = language == "tr"
    result = Analysed()
    seen = set()
    for piece in split(text):
        token = surface(piece, turkish)
        if not token:
            continue
        result.words.append(token)
        for stem in sorted(stems(piece, turkish)):
            if stem not in seen:
                seen.add(stem)
                result.stems.append(stem)
    return result


def tokens(text: str) -> list[str]:
    """The surface tokens of a text (names, emails: no stems)."""
    return [token for piece in split(text) if (token := surface(piece))]


# --- Tracking numbers ---------------------------------------------------------------------

_CHARS = f"[{ALPHABET}{ALPHABET.lower()}]"
_PREFIX = "|".join(PREFIXES.values())
# A whole or partial tracking number: its prefix, then up to two groups of four characters
# of its alphabet, with "-", a space or nothing between them.
_REFERENCE = re.compile(
    rf"(?<![\w-])((?i:{_PREFIX}))([-\s]?)({_CHARS}{{1,4}})(?:([-\s]?)({_CHARS}{{1,4}}))?-?(?![\w-])"
)


@dataclass(frozen=True)
class Reference:
    """A tracking number or its start typed in a query (`prefix` as stored, with dashes)."""

    prefix: str
    exact: bool
    # When the string could also be words ("suggest" is SUG + GEST): those words.
    words: tuple[str, ...] = ()


def reference_shape(match: re.Match) -> Reference | None:
    """The tracking number a match of _REFERENCE is shaped like, or None.

    Shaped: the whole number, however separated; or its prefix and a dash (CMP-7K, cmp-7k3q-9),
    or with a digit or four characters after the prefix (cmp7k, CMP 7K3Q). A plain word that
    happens to fit ("suggest" = SUG GEST) is searched both as a number and as a word.
    """
    prefix, sep1, first, sep2, second = match.groups()
    second = second or ""
    if second and len(first) < 4:
        return None  # the second group comes after four characters
    text = match.group(0)
    compact = (prefix + first + second).upper()
    reference = "-".join(part for part in (compact[:3], compact[3:7], compact[7:]) if part)
    if len(compact) == 11:
        return Reference(prefix=reference, exact=True)
    dashed = sep1 == "-" or sep2 == "-"
    digits = any(char.isdigit() for char in first + second)
    if dashed or digits:
        return Reference(prefix=reference, exact=False)
    if len(first) == 4 and not sep1:
        # Could be an ordinary word: searched as both.
        return Reference(prefix=reference, exact=False, words=tuple(split(text)))
    return None


# --- Queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    surface: str  # matched as the start of an indexed word (its words, name, email)
    stems: frozenset[str]  # matched exactly against the case's stems
    edits: int  # typing errors tolerated (0: none)


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]  # surface tokens in a row


@dataclass
class Query:
    words: list[Word] = field(default_factory=list)
    phrases: list[Phrase] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases or self.references)

    def names(self) -> list[str]:
        """Surface tokens a complainant's name or email may equal (ranked first)."""
        return [word.surface for word in self.words] + [w for p in self.phrases for w in p.words]

    def highlight_words(self) -> list[Word]:
        found = list(self.words)
        found += [word_clause(token) for phrase in self.phrases for token in phrase.words]
        for reference in self.references:
            found += [word_clause(piece) for piece in reference.words]
        return found


def edits_for(token: str) -> int:
    if len(token) < MIN_FUZZY or len(token) > MAX_WORD or any(c.isdigit() for c in token):
        return 0
    return 1 if len(token) <= 5 else 2


def word_clause(piece: str) -> Word:
    token = surface(piece)
    found = set(stems(piece))
    if "I" in piece or "İ" in piece:
        # Typed in capitals: read with Turkish rules too (KIRIK → kırık).
        found |= stems(piece, True)
    return Word(surface=token, stems=frozenset(found), edits=edits_for(token))


_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]*)[\"“”«»„]?")


def parse(text: str) -> Query:
    """A staff member's query: phrases in double quotes, tracking numbers, words."""
    query = Query()
    text = unicodedata.normalize("NFKC", text or "")
    rest = []
    for index, part in enumerate(_QUOTED.split(text)):
        if index % 2:  # inside quotes
            pieces = [token for piece in split(part) if (token := surface(piece))]
            if len(pieces) > 1:
                query.phrases.append(Phrase(words=tuple(pieces[:MAX_CLAUSES])))
            elif pieces:
                query.words.append(Word(surface=pieces[0], stems=frozenset(), edits=0))
        else:
            rest.append(part)
    plain = " ".join(rest)

    def reference(match: re.Match) -> str:
        found = reference_shape(match)
        if found is None:
            return match.group(0)
        query.references.append(found)
        return " "

    plain = _REFERENCE.sub(reference, plain)
    seen = {word.surface for word in query.words}
    for piece in split(plain):
        clause = word_clause(piece)
        if clause.surface and clause.surface not in seen:
            seen.add(clause.surface)
            query.words.append(clause)
    query.words = query.words[:MAX_CLAUSES]
    query.phrases = query.phrases[:MAX_CLAUSES]
    query.references = query.references[:MAX_CLAUSES]
    return query


def typo_match(term: str, word: str, edits: int) -> bool:
    """`word` is within `edits` typing errors of `term` (first letter as typed)."""
    if not edits or not word or word[0] != term[0] or abs(len(word) - len(term)) > edits:
        return False
    return OSA.distance(term, word, score_cutoff=edits) <= edits


def matches(word: Word, piece: str) -> bool:
    """Whether a written word (one piece) matches a query word, as the backends match."""
    token = surface(piece)
    if not token:
        return False
    if token.startswith(word.surface):
        return True
    if word.stems and word.stems & stems(piece):
        return True
    return typo_match(word.surface, token, word.edits)
