"""German analysis: folding, stemming, stop words, compound parts (real word list)."""

from __future__ import annotations

import pytest

from kb.search import compounds
from kb.search.analysis import get_analyzer, index_tokens, query_terms

needs_wordlist = pytest.mark.skipif(not compounds.available(),
                                    reason=f"German word list absent: {compounds.wordlist_path()} (Debian wngerman)")


def test_umlauts_sharp_s_and_transliterations_meet() -> None:
    assert query_terms("Göttingen") == query_terms("Goettingen") == query_terms("GÖTTINGEN")
    assert query_terms("Straße") == query_terms("Strasse")
    assert query_terms("Quelle") == ["quell"]  # "ue" after q is not an umlaut


def test_stemming_joins_inflected_forms() -> None:
    assert query_terms("Zielvereinbarungen") == query_terms("Zielvereinbarung")
    assert query_terms("Trägern") == query_terms("Träger")


def test_stop_words_dropped_but_modal_verbs_and_negation_kept() -> None:
    assert query_terms("die und der") == []
    assert query_terms("muss soll kann nicht") == ["muss", "soll", "kann", "nicht"]


@needs_wordlist
@pytest.mark.parametrize(("compound", "part"), [
    ("Zielvereinbarungen", "Vereinbarung"),
    ("Bürgergeldreform", "Bürgergeld"),
    ("Bürgergeldreform", "Reform"),
    ("Trägerschaft", "Träger"),
    ("Leistungsberechtigten", "berechtigt"),
    ("Zielvereinbarungspartner", "Zielvereinbarung"),
])
def test_compound_parts_are_indexed_with_the_whole_word(compound: str, part: str) -> None:
    terms = {t for t, _, _ in index_tokens(compound)}
    assert query_terms(part)[0] in terms
    assert query_terms(compound)[0] in terms  # the whole word stays searchable


@needs_wordlist
def test_parts_share_the_position_and_characters_of_the_compound() -> None:
    toks = list(get_analyzer()("die Bürgergeldreform", mode="index", positions=True, chars=True))
    assert len({(t.pos, t.startchar, t.endchar) for t in toks}) == 1
    assert (toks[0].startchar, toks[0].endchar) == (4, 20)
    assert len(toks) > 1


@needs_wordlist
def test_non_compounds_and_short_words_are_not_split() -> None:
    assert compounds.split("verkehr") == ()
    assert compounds.split("grundsätzlich") == ()
    assert compounds.subwords("amt") == ()


def test_queries_are_not_split() -> None:
    # "Zielvereinbarung" must not also match entries that only say "Ziel".
    assert query_terms("Zielvereinbarung") == ["zielvereinbar"]


def test_unknown_analyzer_name_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown analyzer"):
        get_analyzer("klingon")


def test_every_index_term_is_a_substring_of_the_folded_word() -> None:
    # The snippet highlighter relies on this to skip words cheaply.
    from kb.search.analysis import WORD, fold, word_terms
    from tests.conftest import SAMPLE

    words = set(WORD.findall(SAMPLE.read_text("utf-8"))) | {"Goettingen", "Straße", "Quelle", "Bürgergeldreform"}
    for word in words:
        folded = fold(word)
        assert all(t in folded for t in word_terms(word)), word
