"""Snippets: the escaped text of an entry around its densest run of matches, each match in ``<mark>``.

Engine-neutral: a match is a word whose index terms (:func:`kb.search.analysis.word_terms`) include
one of the query's terms, whichever engine found the entry. :func:`highlight` covers every field an
entry is found by (:data:`kb.search.fields.TEXT_FIELDS`), not only its text: an entity found by its
canonical name or abbreviation is marked where the text mentions it ("BMAS" for *Bundesministerium*),
and an entry found only by its § title or outline heading ("Bürgergeldbonus", "Unterabschnitt 2
Bürgergeld") shows that heading, marked, before its text. For statute text it also names the Absatz
of the first match shown (``abs-4``), for a link to it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from kb.links import absatz_anchor, is_statute_text
from kb.model import BlockKind, Entry
from kb.search.analysis import WORD, word_terms

SNIPPET_CHARS = 260

# How a character of a folded term may be spelled in the text (see analysis.fold): umlauts and
# their transliterations, ß for ss.
_SPELLINGS = {"a": "(?:ae|a|ä)", "o": "(?:oe|o|ö)", "u": "(?:ue|u|ü)", "s": "[sß]"}


@dataclass(frozen=True, slots=True)
class Highlight:
    """A hit's snippet and, for statute text, the anchor of the Absatz its first shown match is in."""

    html: str
    anchor: str | None = None  # "abs-4"


@lru_cache(maxsize=4096)
def _candidates(term: str) -> re.Pattern[str]:
    """The words that contain the (folded) term in any spelling: a superset of the words whose index terms
    include it (every index term is a substring of the folded word). One pattern per term, not per query:
    compiling costs more than scanning a few entries, and the words of one query recur in the next.
    Matched against lower-cased text: a case-insensitive pattern takes twice as long to compile."""
    parts = re.split("(ss)", term)
    spelled = "".join("(?:ss|ß)" if p == "ss" else "".join(_SPELLINGS.get(c, re.escape(c)) for c in p)
                      for p in parts)
    return re.compile(rf"\b\w*(?:{spelled})\w*")


def _word_spans(text: str, terms: set[str] | frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of every word of ``text`` that has one of ``terms`` among its index terms."""
    spans: list[tuple[int, int]] = []
    if not terms or not text:
        return spans
    # A regex scan per term finds the words that may contain it (each match is a whole word); the cached
    # analysis confirms them.
    seen: dict[str, bool] = {}
    low = text.lower()
    if len(low) == len(text):
        found: dict[tuple[int, int], str] = {}
        for term in terms:
            for m in _candidates(term).finditer(low):
                found.setdefault(m.span(), m.group(0))
        candidates = sorted(found.items())
    else:  # lower() lengthened a few letters (İ → i̇): then every word is a candidate, as offsets must hold
        candidates = [(m.span(), m.group(0)) for m in WORD.finditer(text)]
    for span, word in candidates:
        hit = seen.get(word)
        if hit is None:
            hit = seen[word] = not word_terms(word).isdisjoint(terms)
        if hit:
            spans.append(span)
    return spans


@lru_cache(maxsize=50_000)
def _name_terms(name: str) -> frozenset[str]:
    """The index terms of an entity name, as the ``entities`` field holds them."""
    return frozenset().union(*(word_terms(w) for w in WORD.findall(name)))


def _names_match(name: str | None, terms: set[str] | frozenset[str]) -> bool:
    return bool(name) and not _name_terms(name or "").isdisjoint(terms)


def _entity_spans(entry: Entry, terms: set[str] | frozenset[str]) -> list[tuple[int, int]]:
    """Where the text mentions an entity whose canonical name or abbreviation matches (the ``entities``
    field): the mention "BMAS" when *Bundesministerium* was searched."""
    spans = []
    for ent in entry.entities:
        if 0 <= ent.start < ent.end <= len(entry.text) and (
                _names_match(ent.canonical, terms) or _names_match(ent.abbreviation, terms)):
            spans.append((ent.start, ent.end))
    return spans


def _merged(words: list[tuple[int, int]], mentions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The matched words, and the entity mentions that hold none of them ("BMAS" found as *Bundesministerium*;
    in "Landkreis Göttingen" found by *Göttingen* only the word is marked); sorted, never overlapping."""
    out = list(words)
    for s, e in sorted(set(mentions)):
        if not any(ws < e and s < we for ws, we in out):
            out.append((s, e))
    return sorted(out)


def _marked(text: str, spans: list[tuple[int, int]], lo: int, hi: int) -> str:
    """``text[lo:hi]`` escaped, each span inside it wrapped in <mark>."""
    out, pos = [], lo
    for s, e in spans:
        if s < lo or e > hi:
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:hi]))
    return "".join(out)


def _window(text: str, spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    """The stretch of ``text`` to show: starting a little before the match that has the most matches
    within ``width``, cut at spaces."""
    if spans and len(text) > width:
        best = max(range(len(spans)), key=lambda i: sum(1 for s, _ in spans[i:] if s - spans[i][0] < width))
        start = spans[best][0]
        lo = max(0, min(start - 40, len(text) - width))
        # Start at a word: forward, never past the match (moving back would push a match at the very end of
        # the text out of the window: "… Ausgleichsverhältnis vereinbaren." lost its only match).
        if lo > 0 and not text[lo - 1].isspace():
            space = text.find(" ", lo, start)
            lo = space + 1 if space >= 0 else start
    else:
        lo = 0
    hi = min(len(text), lo + width)
    if hi < len(text):
        cut = text.rfind(" ", lo, hi)
        hi = cut if cut > lo else hi
    return lo, hi


def _excerpt(text: str, spans: list[tuple[int, int]], width: int) -> tuple[str, tuple[int, int] | None]:
    """The escaped, marked window of ``text`` and the first match shown in it (None: none shown)."""
    lo, hi = _window(text, spans, width)
    shown = next(((s, e) for s, e in spans if s >= lo and e <= hi), None)
    body = ("…" if lo > 0 else "") + _marked(text, spans, lo, hi) + (" …" if hi < len(text) else "")
    return body, shown


def snippet(text: str, terms: set[str], width: int = SNIPPET_CHARS) -> str:
    """Escaped text around the densest run of matches, each match wrapped in <mark>."""
    return _excerpt(text, _word_spans(text, terms), width)[0]


def _absatz(entry: Entry, offset: int) -> str | None:
    """The anchor of the statute Absatz holding ``offset`` ("abs-4"), or None outside any."""
    for block in entry.blocks:
        if block.kind == BlockKind.ABSATZ and block.label and block.start <= offset < block.end:
            return absatz_anchor(block.label)
    return None


def highlight(entry: Entry, terms: set[str] | frozenset[str], width: int = SNIPPET_CHARS) -> Highlight:
    """A hit's snippet with every match the query made in the entry marked (see the module docstring).

    The text window comes first; when it shows no match although the query has terms, the entry was found
    by its title or an outline heading, which then leads the snippet, marked. ``anchor``: the Absatz of
    the first match shown, for statute text.
    """
    text = entry.text
    spans = _word_spans(text, terms) if terms else []
    mentions = _entity_spans(entry, terms) if terms and entry.entities else []
    if mentions:
        spans = _merged(spans, mentions)
    body, shown = _excerpt(text, spans, width)
    if shown is not None:
        anchor = _absatz(entry, shown[0]) if is_statute_text(entry) else None
        return Highlight(body, anchor)
    if terms:
        # the innermost heading first: "Unterabschnitt 2 Bürgergeld" says more than "Kapitel 3 Leistungen"
        for heading in (entry.title, *reversed(entry.headings)):
            found = _word_spans(heading or "", terms)
            if found:
                lead = f'<span class="snippet-heading">{_marked(heading or "", found, 0, len(heading or ""))}</span>'
                return Highlight(f"{lead} – {body}" if body else lead)
    return Highlight(body)


__all__ = ["SNIPPET_CHARS", "Highlight", "highlight", "snippet"]
