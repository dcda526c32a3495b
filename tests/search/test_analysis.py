"""German analysis: folding, stemming, stop words, compound parts (real word list); the neutral
tokens and the Whoosh analyzer against the same pipeline composed of Whoosh's filters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import Analyzer, Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.lang import stopwords_for_language

from kb.search import compounds
from kb.search.analysis import (
    STOPWORDS,
    WORD,
    analyze,
    analyze_words,
    index_tokens,
    normalize,
    query_terms,
    term_positions,
)
from kb.search.stopwords import SNOWBALL_GERMAN
from kb.search.whoosh.analyzer import GermanAnalyzer, get_analyzer

needs_wordlist = pytest.mark.skipif(not compounds.available(),
                                    reason=f"German word list absent: {compounds.wordlist_path()} (Debian wngerman)")


def test_umlauts_sharp_s_and_transliterations_meet() -> None:
    assert query_terms("Göttingen") == query_terms("Goettingen") == query_terms("GÖTTINGEN")
    assert query_terms("Straße") == query_terms("Strasse")
    assert query_terms("Quelle") == ["quell"]  # "ue" after q is not an umlaut


def test_stemming_joins_inflected_forms() -> None:
    assert query_terms("Zielvereinbarungen") == query_terms("Zielvereinbarung")
    assert query_terms("Trägern") == query_terms("Träger")


def test_stemming_from_several_threads_at_once() -> None:
    # The searcher serves requests in threads; PyStemmer's stemmers must not be shared between them.
    from concurrent.futures import ThreadPoolExecutor

    from kb.search.analysis import _stem
    from tests.conftest import SAMPLE

    words = sorted({w.lower() for w in WORD.findall(SAMPLE.read_text("utf-8"))})
    expected = [_stem(w) for w in words]
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(lambda _: [_stem(w) for w in words], range(16)))
    assert all(run == expected for run in runs)


def test_stop_words_dropped_but_modal_verbs_and_negation_kept() -> None:
    assert query_terms("die und der") == []
    assert query_terms("muss soll kann nicht") == ["muss", "soll", "kann", "nicht"]


def test_stop_list_is_the_snowball_list_whoosh_ships() -> None:
    assert stopwords_for_language("de") == SNOWBALL_GERMAN
    assert "dass" in STOPWORDS and "daß" in STOPWORDS and "muss" not in STOPWORDS


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
    whoosh_tokens = get_analyzer()("die Bürgergeldreform", mode="index", positions=True, chars=True)
    assert [(t.text, t.pos, t.start, t.end) for t in analyze("die Bürgergeldreform")] == \
        [(t.text, t.pos, t.startchar, t.endchar) for t in whoosh_tokens]  # one token object, reused: read as it goes


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


# ---------------------------------------------------------------------- the single-pass analyzer


class _Compounds(Filter):
    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for t in tokens:
            whole = t.text
            yield t
            if t.mode == "index" and not t.stopped:
                for part in compounds.subwords(whole):
                    t.text = part
                    yield t


class _Stem(Filter):
    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for t in tokens:
            if not t.stopped:
                t.text = normalize(t.text)
            yield t


def _reference_chain(split: bool) -> Analyzer:
    """The analysis spelled as a chain of Whoosh filters (with our stop list and stemmer): what
    :func:`analyze` and the Whoosh adapter ``GermanAnalyzer`` do in one pass."""
    chain = RegexTokenizer(WORD) | LowercaseFilter() | StopFilter(stoplist=STOPWORDS, minsize=1)
    return (chain | _Compounds() | _Stem()) if split else (chain | _Stem())


def _tokens(ana: Analyzer, text: str, **kw: object) -> list[tuple[object, ...]]:
    return [(t.text, t.pos, t.startchar, t.endchar, t.stopped, t.boost)
            for t in ana(text, positions=True, chars=True, **kw)]


def _analyzed(text: str, mode: str, split: bool = True, **kw: bool) -> list[tuple[object, ...]]:
    """The engine-neutral tokens in the shape of :func:`_tokens` (Whoosh's boost is always 1)."""
    return [(t.text, t.pos, t.start, t.end, t.stopped, 1.0)
            for t in analyze(text, mode, split_compounds=split, **kw)]  # type: ignore[arg-type]


_TEXTS = [
    "Die Bürgergeldreform und der zugelassene kommunale Träger schließen eine Zielvereinbarung.",
    "der die das",  # only stop words
    "  Landkreis   Goettingen, § 48b Abs. 4 SGB II — Straße 12a; Trägerschaft!",
    "",
]


@pytest.mark.parametrize("text", _TEXTS)
@pytest.mark.parametrize("mode", ["index", "query"])
@pytest.mark.parametrize("split", [True, False])
def test_single_pass_analyzer_yields_what_the_filter_chain_yields(text: str, mode: str, split: bool) -> None:
    fast = GermanAnalyzer(split_compounds=split)
    ref = _reference_chain(split)
    assert _tokens(fast, text, mode=mode) == _tokens(ref, text, mode=mode)
    assert _tokens(fast, text, mode=mode, removestops=False) == _tokens(ref, text, mode=mode, removestops=False)
    assert _tokens(fast, text, mode=mode, start_pos=5, start_char=7) == \
        _tokens(ref, text, mode=mode, start_pos=5, start_char=7)
    assert _analyzed(text, mode, split) == _tokens(ref, text, mode=mode)
    assert _analyzed(text, mode, split, keep_stops=True) == _tokens(ref, text, mode=mode, removestops=False)


@given(st.lists(st.sampled_from([*"abcdeäöüßAÖ .,§-\n", "der ", "die ", "Träger", "schaft", "Ziel",
                                  "vereinbarung", "Goettingen "]), max_size=30).map("".join))
@settings(max_examples=200, deadline=None)
def test_single_pass_analyzer_matches_the_chain_on_any_text(text: str) -> None:
    assert _tokens(GermanAnalyzer(), text, mode="index") == _tokens(_reference_chain(True), text, mode="index")
    assert _analyzed(text, "index") == _tokens(_reference_chain(True), text, mode="index")


@pytest.mark.parametrize("split", [True, False])
def test_term_positions_gather_analyze_words(split: bool) -> None:
    texts = ["Die Eingliederungsvereinbarung und die Eingliederung: der Leistungsberechtigte muss nicht zahlen.",
             "und oder der", "", "Straße Strasse Goettingen Göttingen 12 § 6a Abs. 2 SGB II Sozialgerichtsbarkeit"]
    for text in texts:
        expected: dict[str, list[int]] = {}
        for terms, pos, _, _, _ in analyze_words(text, "index", split_compounds=split):
            for term in terms:
                expected.setdefault(term, []).append(pos)
        got = term_positions(text, split_compounds=split)
        assert got == expected and list(got) == list(expected)
    assert term_positions("der Bescheid")["bescheid"] == [1]  # a leading stop word keeps its place


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["der", "und", "Bescheid", "Sozialgerichtsbarkeit", "Straße", "ÄRGER", "12", "§",
                                 "Leistungs-berechtigte", " ", ", ", "\n"]), max_size=30))
def test_term_positions_property(parts: list[str]) -> None:
    text = " ".join(parts)
    expected: dict[str, list[int]] = {}
    for terms, pos, _, _, _ in analyze_words(text, "index"):
        for term in terms:
            expected.setdefault(term, []).append(pos)
    assert term_positions(text) == expected
