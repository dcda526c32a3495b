"""The registered pipeline components: sentences, entities (merge, canonical forms, abbreviations).

Each is a ``@Language.factory`` with a config, so ``load_pipeline`` names them instead of wiring
them by hand. Work that would be a per-token Python loop is done on numpy arrays
(``doc.to_array``) or by compiled regexes over ``doc.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from spacy.attrs import IS_LOWER, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from kb.model import EntityLabel

from .gazetteer import ALL_TERMS, expand
from .patterns import FINDERS

# --------------------------------------------------------------------------- extensions

if not Doc.has_extension("abbreviations"):
    # short form defined in this text → (label, canonical): "MS" → ("MINISTERIUM", "Niedersächsisches …")
    Doc.set_extension("abbreviations", default=None)
if not Doc.has_extension("obligations"):
    Doc.set_extension("obligations", default=None)


# --------------------------------------------------------------------------- sentences

_SENT_END = (".", "!", "?", "…", "...")


class LegalSentencizer:
    """Sentence starts after . ! ? (unless a lower-case word follows) and after line breaks.

    Legal abbreviations are single tokens ("Abs.", "Rz.", "i.V.m."), so they are never an end.
    """

    def __init__(self, nlp: Language, name: str, split_on_newline: bool) -> None:
        self.name = name
        self.split_on_newline = split_on_newline
        self._end_hashes = np.array([nlp.vocab.strings.add(p) for p in _SENT_END], dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array([ORTH, IS_LOWER, IS_SPACE])
        ends = np.isin(arr[:, 0], self._end_hashes)
        starts = np.zeros(n, dtype=bool)
        # token i+1 starts a sentence when token i ends one and i+1 is not a lower-case word
        starts[1:] = ends[:-1] & (arr[1:, 1] == 0)
        if self.split_on_newline:
            for i in np.flatnonzero(arr[:, 2]):
                if i + 1 < n and "\n" in doc[int(i)].text:
                    starts[i + 1] = True
        # a sentence never starts on whitespace: move the start to the next real token
        for i in np.flatnonzero(starts & (arr[:, 2] == 1)):
            starts[i] = False
            j = int(i) + 1
            while j < n and arr[j, 2]:
                j += 1
            if j < n:
                starts[j] = True
        starts[0] = True
        values = np.where(starts, 1, -1).astype("int32").reshape(-1, 1)
        doc.from_array([SENT_START], values.astype("uint64"))
        return doc


@Language.factory("legal_sentencizer", default_config={"split_on_newline": True})
def make_legal_sentencizer(nlp: Language, name: str, split_on_newline: bool) -> LegalSentencizer:
    return LegalSentencizer(nlp, name, split_on_newline)


# --------------------------------------------------------------------------- gazetteer patterns


@registry.misc("randnummer.gazetteer_patterns.v1")
def gazetteer_patterns() -> list[dict]:
    """EntityRuler patterns: every inflected long form (phrase, LOWER) and every short form (ORTH)."""
    patterns: list[dict] = []
    for term in ALL_TERMS:
        seen: set[str] = set()
        for pattern in term.patterns:
            for form in expand(pattern):
                if form.lower() not in seen:
                    seen.add(form.lower())
                    patterns.append({"label": str(term.label), "pattern": form, "id": term.canonical})
        for abbr in term.abbreviations:
            patterns.append({"label": str(term.label), "pattern": [{"ORTH": abbr}], "id": term.canonical})
    return patterns


# --------------------------------------------------------------------------- open classes, merge, abbreviations

_ABBR_SHAPE = re.compile(r"^[A-ZÄÖÜ][A-Za-zÄÖÜäöü-]{0,11}$")
_ACTOR_LABELS = frozenset({EntityLabel.TRAEGER, EntityLabel.MINISTERIUM, EntityLabel.BEHOERDE,
                           EntityLabel.GREMIUM, EntityLabel.GERICHT, EntityLabel.ORT})


def _looks_like_abbreviation(text: str) -> bool:
    return bool(_ABBR_SHAPE.match(text)) and sum(c.isupper() for c in text) >= 2


class LegalEntities:
    """Adds open-class entities to the gazetteer's, keeps the longest of overlapping ones, gives each
    its canonical form (``Span.kb_id_``) and links abbreviations defined in parentheses.

    ``doc._.abbreviations`` maps short form → (label, canonical) for definitions like "… Gleichstellung (MS)".
    Later bare mentions of the short form in the same text become mentions of the long form;
    :func:`indexer.nlp.enrich` carries the definitions on to later entries of the same work.
    """

    def __init__(self, nlp: Language, name: str, finders: Iterable[str], link_abbreviations: bool) -> None:
        self.name = name
        unknown = set(finders) - set(FINDERS)
        if unknown:
            raise ValueError(f"unknown entity finders {sorted(unknown)}; known: {sorted(FINDERS)}")
        self.finders = [FINDERS[f] for f in finders]
        self.link_abbreviations = link_abbreviations

    def __call__(self, doc: Doc) -> Doc:
        # (start_char, end_char, label, canonical, priority): gazetteer first on equal length
        cands: list[tuple[int, int, str, str, int]] = [
            (e.start_char, e.end_char, e.label_, e.ent_id_ or e.text, 0) for e in doc.ents
        ]
        text = doc.text
        for finder in self.finders:
            cands.extend((c.start, c.end, str(c.label), c.canonical, 1) for c in finder(text))
        spans = self._select(doc, cands)
        abbreviations: dict[str, tuple[str, str]] = {}
        if self.link_abbreviations and spans:
            spans, abbreviations = link_in_doc(doc, spans)
        doc.ents = spans
        doc._.abbreviations = abbreviations
        return doc

    @staticmethod
    def _select(doc: Doc, cands: list[tuple[int, int, str, str, int]]) -> list[Span]:
        cands.sort(key=lambda c: (c[0] - c[1], c[4], c[0]))
        taken = np.zeros(len(doc) + 1, dtype=bool)
        chosen: list[Span] = []
        for start, end, label, canonical, _ in cands:
            span = doc.char_span(start, end, label=label, kb_id=canonical, alignment_mode="expand")
            if span is None or len(span) == 0 or taken[span.start:span.end].any():
                continue
            taken[span.start:span.end] = True
            chosen.append(span)
        chosen.sort(key=lambda s: s.start)
        return chosen


def link_in_doc(doc: Doc, spans: list[Span]) -> tuple[list[Span], dict[str, tuple[str, str]]]:
    """Find "<entity> (ABBR)" definitions; add later bare ABBR mentions as the same entity."""
    defined: dict[str, tuple[str, str, int]] = {}  # abbr → (label, canonical, token index after the definition)
    drop: set[int] = set()
    n = len(doc)
    for span in spans:
        i = span.end
        if span.label_ not in _ACTOR_LABELS or i + 2 >= n:
            continue
        if doc[i].text == "(" and doc[i + 2].text == ")":
            abbr = doc[i + 1].text
            if _looks_like_abbreviation(abbr) and abbr not in defined:
                defined[abbr] = (span.label_, span.kb_id_, i + 3)
                drop.add(i + 1)  # the short form inside the definition is not a second mention
    if not defined:
        return spans, {}
    spans = [s for s in spans if not (len(s) == 1 and s.start in drop)]
    return add_bare_mentions(doc, spans, defined), {a: (lab, can) for a, (lab, can, _) in defined.items()}


def add_bare_mentions(doc: Doc, spans: list[Span], known: dict[str, tuple[str, str, int]]) -> list[Span]:
    """Tokens equal to a known short form, at or after ``after`` and outside other entities."""
    if not known:
        return spans
    orth = doc.to_array(ORTH)
    taken = np.zeros(len(doc), dtype=bool)
    for s in spans:
        taken[s.start:s.end] = True
    added: list[Span] = []
    for abbr, (label, canonical, after) in known.items():
        if abbr not in doc.vocab.strings:
            continue  # never seen by this vocab, so not in this doc
        key = doc.vocab.strings[abbr]
        for i in np.flatnonzero(orth == key):
            i = int(i)
            if i < after or taken[i]:
                continue
            taken[i] = True
            added.append(Span(doc, i, i + 1, label=label, kb_id=canonical))
    if not added:
        return spans
    return sorted([*spans, *added], key=lambda s: s.start)


@Language.factory(
    "legal_entities",
    assigns=["doc.ents", "doc._.abbreviations"],
    default_config={"finders": ["ministries", "courts", "places", "dates"], "link_abbreviations": True},
)
def make_legal_entities(nlp: Language, name: str, finders: list[str], link_abbreviations: bool) -> LegalEntities:
    return LegalEntities(nlp, name, finders, link_abbreviations)
