"""Snippets: the escaped text of an entry around its densest run of matches, each match in ``<mark>``.

Engine-neutral: a match is a word whose index terms (:func:`kb.search.analysis.word_terms`) include
one of the query's terms, whichever engine found the entry.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from kb.search.analysis import WORD, word_terms

SNIPPET_CHARS = 260

# How a character of a folded term may be spelled in the text (see analysis.fold): umlauts and
# their transliterations, ß for ss.
_SPELLINGS = {"a": "(?:ae|a|ä)", "o": "(?:oe|o|ö)", "u": "(?:ue|u|ü)", "s": "[sß]"}


@lru_cache(maxsize=256)
def _candidates(terms: frozenset[str]) -> re.Pattern[str]:
    """The words that contain one of the (folded) terms in any spelling: a superset of the words
    whose index terms include one of them (every index term is a substring of the folded word).
    Matched against lower-cased text: a case-insensitive pattern takes twice as long to compile."""
    def spelled(term: str) -> str:
        parts = re.split("(ss)", term)
        return "".join("(?:ss|ß)" if p == "ss" else "".join(_SPELLINGS.get(c, re.escape(c)) for c in p)
                       for p in parts)

    alternatives = "|".join(spelled(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"\b\w*(?:{alternatives})\w*")


def snippet(text: str, terms: set[str], width: int = SNIPPET_CHARS) -> str:
    """Escaped text around the densest run of matches, each match wrapped in <mark>."""
    spans: list[tuple[int, int]] = []
    if terms:
        # One regex scan finds the words that may contain a term; the cached analysis confirms them.
        seen: dict[str, bool] = {}
        low = text.lower()
        # lower() lengthens a few letters (İ → i̇): then every word is a candidate, as offsets must hold.
        candidates = _candidates(frozenset(terms)).finditer(low) if len(low) == len(text) else WORD.finditer(text)
        for m in candidates:
            word = m.group(0)
            hit = seen.get(word)
            if hit is None:
                hit = seen[word] = not word_terms(word).isdisjoint(terms)
            if hit:
                spans.append(m.span())
    if spans and len(text) > width:
        # Window starting a little before the match that has the most matches within `width`.
        best = max(range(len(spans)), key=lambda i: sum(1 for s, _ in spans[i:] if s - spans[i][0] < width))
        lo = max(0, min(spans[best][0] - 40, len(text) - width))
        lo = text.rfind(" ", 0, lo) + 1 if lo > 0 else 0
    else:
        lo = 0
    hi = min(len(text), lo + width)
    if hi < len(text):
        cut = text.rfind(" ", lo, hi)
        hi = cut if cut > lo else hi
    out = ["…" if lo > 0 else ""]
    pos = lo
    for s, e in spans:
        if s < lo or e > hi:
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:hi]))
    if hi < len(text):
        out.append(" …")
    return "".join(out)


__all__ = ["SNIPPET_CHARS", "snippet"]
