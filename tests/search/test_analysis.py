"""The analysis every backend shares (search/analysis.py): normalisation, stems, queries."""

import unicodedata

import pytest

from search import analysis


@pytest.mark.parametrize(
    ("written", "surface"),
    [
        ("KIRIK", "kirik"),
        ("kırık", "kirik"),
        ("İSTANBUL", "istanbul"),
        ("ΠΑΡΆΠΟΝΟ", "παραπονο"),
        ("λάθος", "λαθοσ"),
        ("Perché", "perche"),
        ("الشَّكْوَى", "شكوي"),
        ("والشكوى", "شكوي"),
        ("للشكوى", "شكوي"),
        ("الموظـــف", "موظف"),
        ("الفاتورة", "فاتوره"),
        ("إلغاء", "غاء"),
        ("ﬁle", "file"),  # NFKC
    ],
)
def test_surface_tokens(written, surface):
    assert analysis.tokens(written) == [surface]


def test_combining_marks_never_split_a_word():
    assert analysis.tokens(unicodedata.normalize("NFD", "Οι χρεώσεις")) == ["οι", "χρεωσεισ"]
    assert analysis.tokens("تَأَخَّرَ التَّوْصِيلُ") == ["تاخر", "توصيل"]


def test_elisions_come_off_and_other_apostrophes_split():
    assert analysis.tokens("dell'ordine l’assistenza all'improvviso") == [
        "ordine",
        "assistenza",
        "improvviso",
    ]
    assert analysis.tokens("O'Brien Ankara'da") == ["o", "brien", "ankara", "da"]


def test_inflections_share_a_stem():
    def stems(word, **kw):
        return analysis.stems(word, **kw)

    assert stems("cancelled") & stems("cancellation")
    assert stems("deliveries") & stems("delivery")
    assert stems("χρεώσεις") & stems("χρέωση")
    assert stems("şikayetler") & stems("şikayet")
    assert stems("reclami") & stems("reclamo")
    # Typed in capitals: read with Turkish rules too.
    assert analysis.word_clause("KIRIKLAR").stems & stems("kırıklar", turkish=True)


@pytest.mark.parametrize(
    ("typed", "prefix", "exact"),
    [
        ("CMP-7K3Q-9XD2", "CMP-7K3Q-9XD2", True),
        ("cmp7k3q9xd2", "CMP-7K3Q-9XD2", True),
        ("cmp 7k3q 9xd2", "CMP-7K3Q-9XD2", True),
        ("CMP-7K3Q-", "CMP-7K3Q", False),
        ("cmp-7k", "CMP-7K", False),
        ("cmp7k", "CMP-7K", False),
        ("sug4m8r", "SUG-4M8R", False),
    ],
)
def test_tracking_numbers_whole_or_partial(typed, prefix, exact):
    query = analysis.parse(typed)
    assert [(ref.prefix, ref.exact) for ref in query.references] == [(prefix, exact)]
    assert not query.words


@pytest.mark.parametrize(
    "typed", ["suggestion", "sugar", "suggeriti", "cmp refund", "cmp date", "cplx", "Sugo"]
)
def test_ordinary_words_are_not_tracking_numbers(typed):
    query = analysis.parse(typed)
    assert not query.references
    assert [word.surface for word in query.words] == analysis.tokens(typed)


def test_a_word_that_could_be_either_is_searched_as_both():
    (reference,) = analysis.parse("suggest").references
    assert reference.prefix == "SUG-GEST" and reference.words == ("suggest",)


def test_phrases_words_and_typing_errors():
    query = analysis.parse('"Late  Delivery" Brien refund "x"')
    assert [phrase.words for phrase in query.phrases] == [("late", "delivery")]
    assert [(word.surface, word.edits) for word in query.words] == [
        ("x", 0),
        ("brien", 1),
        ("refund", 2),
    ]
    assert analysis.parse("x" * 80).words[0].edits == 0
    assert analysis.parse("a7b2c").words[0].edits == 0
