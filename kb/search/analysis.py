"""The German analyzer, registered by name and used for both indexing and queries.

Pipeline: words (``\\w+``) → lower case → German stop words dropped → (index time only) compound parts
added at the same position → umlaut / ß folding with the "German2" transliterations (ae, oe, ue →
ä, ö, ü, so "Goettingen" meets "Göttingen") → Snowball German stemming (which folds umlauts itself).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from whoosh.analysis import Analyzer, Token
from whoosh.lang import stemmer_for_language, stopwords_for_language

from kb.search import compounds

_TRANSLIT = re.compile(r"ae|oe|(?<!q)ue")
_TRANSLIT_MAP = {"ae": "ä", "oe": "ö", "ue": "ü"}
_stem = stemmer_for_language("de")


@lru_cache(maxsize=100_000)
def normalize(word: str) -> str:
    """The index term of one lower-cased word: transliterations folded, then stemmed."""
    folded = _TRANSLIT.sub(lambda m: _TRANSLIT_MAP[m.group(0)], word).replace("ß", "ss")
    return _stem(folded)


# Modal verbs and negation carry legal meaning (muss / soll / kann / nicht): never stop words.
_KEEP = frozenset({"kann", "können", "könnte", "muss", "musste", "soll", "sollte", "nicht", "nichts", "ohne",
                   "gegen", "darf", "will", "wollen", "wollte", "würde", "würden"})
# Whoosh's list predates the 1996 spelling reform: add the new forms of its entries.
STOPWORDS = (frozenset(stopwords_for_language("de")) | {"dass"}) - _KEEP
WORD = re.compile(r"\w+")


@lru_cache(maxsize=200_000)
def _terms_with_parts(low: str) -> tuple[str, ...]:
    """The index terms of one lower-cased word in index order: the word, then its compound parts."""
    return (normalize(low), *(normalize(p) for p in compounds.subwords(low)))


class GermanAnalyzer(Analyzer):
    """Words (``\\w+``) → lower case → stop words dropped (positions renumbered) → at index time the
    compound parts at the word's position → folded and stemmed (:func:`normalize`).

    One generator with a per-word cache instead of a chain of five Whoosh filters: the same tokens
    (``tests/search/test_analysis.py`` compares it with the composed chain) in half the time
    (120 µs against 243 µs for an 80-word entry, caches warm).
    """

    def __init__(self, split_compounds: bool = True) -> None:
        self.split_compounds = split_compounds

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: object) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        split = self.split_compounds and mode == "index"
        pos: int | None = None
        words = WORD.finditer(value) if tokenize else [_Whole(value)]
        for i, m in enumerate(words):
            word = m.group(0)
            low = word.lower()
            t.boost = 1.0
            if keeporiginal:
                t.original = word
            if chars:
                t.startchar = start_char + m.start()
                t.endchar = start_char + m.end()
            if low in STOPWORDS:
                if not removestops:
                    t.text, t.stopped = low, True
                    if positions:
                        t.pos = start_pos + i
                    yield t
                continue
            t.stopped = False
            if positions:  # stop words leave no gap (Whoosh's StopFilter renumbering)
                pos = start_pos + i if pos is None else pos + 1
                t.pos = pos
            if split:
                for term in _terms_with_parts(low):
                    t.text = term
                    yield t
            else:
                t.text = normalize(low)
                yield t


class _Whole:
    """A match-like wrapper for ``tokenize=False``: the whole value is one word."""

    def __init__(self, value: str) -> None:
        self.value = value

    def group(self, _: int) -> str:
        return self.value

    def start(self) -> int:
        return 0

    def end(self) -> int:
        return len(self.value)


def german_analyzer() -> Analyzer:
    return GermanAnalyzer()


def german_plain_analyzer() -> Analyzer:
    """Same terms as :func:`german_analyzer` without compound parts (for the size comparison)."""
    return GermanAnalyzer(split_compounds=False)


ANALYZERS: dict[str, Callable[[], Analyzer]] = {
    "german": german_analyzer, "german-plain": german_plain_analyzer,
}


def get_analyzer(name: str = "german") -> Analyzer:
    """An analyzer by its registered name; the index records the name it was built with."""
    try:
        return ANALYZERS[name]()
    except KeyError:
        raise ValueError(f"unknown analyzer {name!r}; known: {', '.join(ANALYZERS)}") from None


def query_terms(text: str, analyzer: Analyzer | None = None) -> list[str]:
    """The index terms a user's words turn into (stop words dropped, no compound parts)."""
    ana = analyzer or german_analyzer()
    return [t.text for t in ana(text, mode="query")]


_UMLAUT_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """Lower case with umlauts, ß and their transliterations folded as the stemmer does. Every index
    term of a word (stem, or stem of a compound part) is a substring of the folded word."""
    w = _TRANSLIT.sub(lambda m: _TRANSLIT_MAP[m.group(0)], word.lower()).replace("ß", "ss")
    return w.translate(_UMLAUT_FOLD)


def word_terms(word: str) -> frozenset[str]:
    """The index terms one word becomes — the analyzer's result for a single word, cached."""
    low = word.lower()
    return frozenset() if low in STOPWORDS else frozenset(_terms_with_parts(low))


def index_tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """(term, start, end) for every index term incl. compound parts — used to highlight snippets.

    Equivalent to running :func:`german_analyzer` in index mode, ~20x faster (per-word cache).
    """
    for m in WORD.finditer(text):
        for term in word_terms(m.group(0)):
            yield term, m.start(), m.end()
