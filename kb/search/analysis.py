"""German analysis, the same for every search engine and for both indexing and queries.

Pipeline: words (``\\w+``) → lower case → German stop words dropped → (index time only) compound parts
added at the same position → umlaut / ß folding with the "German2" transliterations (ae, oe, ue →
ä, ö, ü, so "Goettingen" meets "Göttingen") → Snowball German stemming (which folds umlauts itself).

:func:`analyze` yields the tokens an engine indexes or searches (:func:`analyze_words` the same, word by
word); the Whoosh backend wraps them as a Whoosh analyzer (``kb.search.whoosh.analyzer``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Literal, NamedTuple

import Stemmer

from kb.search import compounds
from kb.search.stopwords import SNOWBALL_GERMAN

Mode = Literal["index", "query"]

_TRANSLIT = re.compile(r"ae|oe|(?<!q)ue")
_TRANSLIT_MAP = {"ae": "ä", "oe": "ö", "ue": "ü"}
_local = threading.local()


def _stem(word: str) -> str:
    """Snowball German stem of one word. A PyStemmer stemmer must not be shared between threads: one per thread."""
    try:
        stem: Callable[[str], str] = _local.stem
    except AttributeError:
        stem = _local.stem = Stemmer.Stemmer("german").stemWord
    return stem(word)


@lru_cache(maxsize=100_000)
def normalize(word: str) -> str:
    """The index term of one lower-cased word: transliterations folded, then stemmed."""
    folded = _TRANSLIT.sub(lambda m: _TRANSLIT_MAP[m.group(0)], word).replace("ß", "ss")
    return _stem(folded)


# Modal verbs and negation carry legal meaning (muss / soll / kann / nicht): never stop words.
_KEEP = frozenset({"kann", "können", "könnte", "muss", "musste", "soll", "sollte", "nicht", "nichts", "ohne",
                   "gegen", "darf", "will", "wollen", "wollte", "würde", "würden"})
# The Snowball list predates the 1996 spelling reform: add the new forms of its entries.
STOPWORDS = (SNOWBALL_GERMAN | {"dass"}) - _KEEP
WORD = re.compile(r"\w+")
_WHOLE = re.compile(r"\A.*", re.DOTALL)  # the whole text as one word


@lru_cache(maxsize=200_000)
def _terms_with_parts(low: str) -> tuple[str, ...]:
    """The index terms of one lower-cased word in index order: the word, then its compound parts."""
    return (normalize(low), *(normalize(p) for p in compounds.subwords(low)))


class Token(NamedTuple):
    """One index term at its word's position (counted without stop words) and character span."""

    text: str
    pos: int
    start: int
    end: int
    stopped: bool = False  # a stop word, only yielded with ``keep_stops`` (text: the lower-cased word)


# One analysed word: its index terms (all at its position), position, start and end character, stop word?
Word = tuple[tuple[str, ...], int, int, int, bool]


def analyze_words(text: str, mode: Mode = "index", *, split_compounds: bool = True, keep_stops: bool = False,
                  tokenize: bool = True) -> Iterator[Word]:
    """Each word of ``text`` (``\\w+``) with its index terms: lower-cased, stop words dropped (positions
    renumbered, so a stop word leaves no gap), folded and stemmed (:func:`normalize`); in ``"index"``
    mode followed by its compound parts' terms (unless ``split_compounds`` is off).

    ``keep_stops``: also yield the stop words, marked as such, with the lower-cased word as their one
    term and their position in the text. ``tokenize=False``: ``text`` is one word as it stands (Whoosh's
    own query parser asks for that). :func:`analyze` spells the words out as tokens; an engine that
    takes tokens one by one may instead walk the words (the per-word terms are cached).
    """
    split = split_compounds and mode == "index"
    pos: int | None = None
    for i, m in enumerate((WORD if tokenize else _WHOLE).finditer(text)):
        low = m.group().lower()
        if low in STOPWORDS:
            if keep_stops:
                yield (low,), i, m.start(), m.end(), True
            continue
        pos = i if pos is None else pos + 1  # as Whoosh's StopFilter renumbers: from the first kept word on
        yield (_terms_with_parts(low) if split else (normalize(low),)), pos, m.start(), m.end(), False


@lru_cache(maxsize=200_000)
def _index_terms(word: str, split_compounds: bool) -> tuple[str, ...] | None:
    """The index-mode terms of one word as it stands in the text; None for a stop word."""
    low = word.lower()
    if low in STOPWORDS:
        return None
    return _terms_with_parts(low) if split_compounds else (normalize(low),)


def term_positions(text: str, *, split_compounds: bool = True) -> dict[str, list[int]]:
    """Each index term of ``text`` (``"index"`` mode) with its positions, terms in the order they first occur:
    :func:`analyze_words` gathered per term, with one cached look-up per word (the indexer's hot path)."""
    out: dict[str, list[int]] = {}
    pos: int | None = None
    for i, m in enumerate(WORD.finditer(text)):
        terms = _index_terms(m.group(), split_compounds)
        if terms is None:
            continue
        pos = i if pos is None else pos + 1  # positions as analyze_words counts them
        for term in terms:
            found = out.get(term)
            if found is None:
                out[term] = [pos]
            else:
                found.append(pos)
    return out


def analyze(text: str, mode: Mode = "index", *, split_compounds: bool = True, keep_stops: bool = False,
            tokenize: bool = True) -> Iterator[Token]:
    """The tokens of ``text``: one per index term of each word of :func:`analyze_words` (same arguments),
    compound parts at their word's position and characters.

    ``tests/search/test_analysis.py`` checks this against the same pipeline composed of Whoosh's filters.
    """
    for terms, pos, start, end, stopped in analyze_words(text, mode, split_compounds=split_compounds,
                                                         keep_stops=keep_stops, tokenize=tokenize):
        for term in terms:
            yield Token(term, pos, start, end, stopped)


def query_terms(text: str) -> list[str]:
    """The index terms a user's words turn into (stop words dropped, no compound parts)."""
    return [t.text for t in analyze(text, "query")]


_UMLAUT_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """Lower case with umlauts, ß and their transliterations folded as the stemmer does. Every index
    term of a word (stem, or stem of a compound part) is a substring of the folded word."""
    w = _TRANSLIT.sub(lambda m: _TRANSLIT_MAP[m.group(0)], word.lower()).replace("ß", "ss")
    return w.translate(_UMLAUT_FOLD)


def word_terms(word: str) -> frozenset[str]:
    """The index terms one word becomes — :func:`analyze`'s result for a single word, cached."""
    low = word.lower()
    return frozenset() if low in STOPWORDS else frozenset(_terms_with_parts(low))


def index_tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """(term, start, end) for every index term incl. compound parts — used to highlight snippets.

    Equivalent to :func:`analyze` in index mode, ~20x faster (per-word cache).
    """
    for m in WORD.finditer(text):
        for term in word_terms(m.group(0)):
            yield term, m.start(), m.end()


__all__ = ["STOPWORDS", "WORD", "Mode", "Token", "Word", "analyze", "analyze_words", "fold", "index_tokens",
           "normalize", "query_terms", "term_positions", "word_terms"]


def edit_distance(a: str, b: str) -> int:
    """Edits between two words, a swap of neighbouring letters counting as one, as users count them
    (optimal string alignment): what a fuzzy query's ``~1`` / ``~2`` means."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]
