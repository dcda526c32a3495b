"""Entries in, enriched entries out: entities (with canonical forms) and obligations.

GESETZ entities come from the citation engine (:mod:`kb.citations`), not from a grammar of our own:
resolved citations already on the entry when the build has run ``extract``, else ``kb.citations.find``.
A cited norm is no entity: it is a citation already, with its resolved targets, its URL and the
backlinks of every unit it names ("§ 48b Abs. 1 Satz 1 Nr. 2 bis 4" names three). As an entity it
was a second, worse copy: named by its keys joined with ";", one entity page per spelling of a run,
and most of the entity list.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span

from kb.model import (
    BlockKind,
    Citation,
    CitationKind,
    Entity,
    EntityLabel,
    Entry,
    Obligation,
    entity_id,
)

from .components import add_bare_mentions, entity_spans
from .gazetteer import ALL_TERMS
from .obligations import Found
from .pipeline import load_pipeline
from .tokenizer import doc_text

BATCH_SIZE = 64
_LEAD = re.compile(r"\s*(?:\(\d{1,3}[a-z]?\)\s*|[-–•*]\s+)?")
_KNOWN_ABBREVIATIONS: dict[str, str] = {t.canonical: t.abbreviation for t in ALL_TERMS if t.abbreviation}


def _find_citations(text: str) -> tuple[Citation, ...]:
    from kb.citations import find  # imported on use: the build hands us resolved citations already

    return find(text)


def citation_entities(cites: Iterable[Citation]) -> list[Entity]:
    """GESETZ entities for laws named alone; norms and Rz. references are citations, no entities."""
    return [Entity(EntityLabel.GESETZ, c.start, c.end, c.text, c.law or c.text)
            for c in cites if c.kind is CitationKind.LAW]


class _Stretches:
    """Character ranges asked "does any overlap [start, end)?" in O(log n): a scan over all of them per
    entity made a long text quadratic (thousands of entities × thousands of citations)."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self._starts = [s for s, _ in ordered]
        self._max_end = list(itertools.accumulate((e for _, e in ordered), max))  # running max: ranges may nest

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self._starts, end)  # the ranges starting before ``end``
        return k > 0 and self._max_end[k - 1] > start


def doc_entities(doc: Doc, cites: Sequence[Citation]) -> list[Entity]:
    """Entities of a processed doc plus the GESETZ entities of its citations, in text order. The stretch of a
    norm or law citation is the citation engine's: no date or place is found inside "§ 6a Abs. 2 SGB II"."""
    owned = _Stretches((c.start, c.end) for c in cites if c.kind in (CitationKind.NORM, CitationKind.LAW))
    out = citation_entities(cites)
    text = doc_text(doc)
    for first, last, label, canonical in entity_spans(doc):
        start_char, end_char = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
        if owned.overlaps(start_char, end_char):
            continue  # the citation engine owns this stretch
        surface = text[start_char:end_char]
        out.append(Entity(EntityLabel(label), start_char, end_char, surface, canonical or surface))
    out.sort(key=lambda e: (e.start, e.end))
    return out


def doc_obligations(doc: Doc) -> list[Obligation]:
    """The obligations found in a processed doc, as model objects."""
    out: list[Obligation] = []
    found: list[Found] = doc._.obligations or []
    text = doc_text(doc)
    for f in found:
        if f.bearer_span is not None:
            canonical = f.bearer_span.kb_id_ or f.bearer_span.text
            bearer, bearer_id = canonical, entity_id(f.bearer_span.label_, canonical)
        else:
            bearer, bearer_id = f.bearer_text, None
        raw = text[f.sentence.start_char:f.sentence.end_char]
        lead = _LEAD.match(raw)  # whitespace, an Absatz number "(3)", a bullet
        sentence = raw[lead.end():].rstrip()
        start = f.sentence.start_char + lead.end()
        out.append(Obligation(
            modality=f.modality, bearer=bearer, action=f.action, sentence=sentence,
            start=start, end=start + len(sentence),
            bearer_id=bearer_id, cue=f.cue,
        ))
    return out


def _with_abbreviations(entities: list[Entity], defined: dict[tuple[str, str], str]) -> tuple[Entity, ...]:
    out = []
    for e in entities:
        abbr = defined.get((str(e.label), e.canonical)) or _KNOWN_ABBREVIATIONS.get(e.canonical)
        out.append(dataclasses.replace(e, abbreviation=abbr) if abbr and abbr != e.abbreviation else e)
    return tuple(out)


def enrich(entries: Sequence[Entry]) -> tuple[Entry, ...]:
    """The same entries, in order, with ``entities`` and ``obligations`` filled.

    Call once per work: a short form defined in one entry ("… Gleichstellung (MS)") links bare
    mentions ("MS") in the entries after it, and every mention of that entity carries the short form.
    """
    nlp = load_pipeline()
    known: dict[str, tuple[str, str, int]] = {}  # short form → (label, canonical, 0) from earlier entries
    defined: dict[tuple[str, str], str] = {}  # (label, canonical) → short form, whole work
    staged: list[tuple[Entry, list[Entity], list[Obligation]]] = []
    for entry, doc in zip(entries, nlp.pipe((e.text for e in entries), batch_size=BATCH_SIZE), strict=True):
        carried = {a: v for a, v in known.items() if a not in (doc._.abbreviations or {})}
        if carried:
            current = [Span(doc, a, b, label=label, kb_id=kb) for a, b, label, kb in entity_spans(doc)]
            doc.ents = add_bare_mentions(doc, current, carried)
        for abbr, (label, canonical) in (doc._.abbreviations or {}).items():
            known.setdefault(abbr, (label, canonical, 0))
            defined.setdefault((label, canonical), abbr)
        cites = entry.citations or _find_citations(entry.text)
        staged.append((entry, doc_entities(doc, cites), doc_obligations(doc)))
    return tuple(
        dataclasses.replace(
            entry, entities=_with_abbreviations(ents, defined),
            obligations=tuple(dataclasses.replace(o, absatz=absatz_of(entry, o)) for o in obls),
        )
        for entry, ents, obls in staged
    )


def analyze(text: str) -> tuple[tuple[Entity, ...], tuple[Obligation, ...]]:
    """Entities and obligations of any text (abbreviations link within the text)."""
    doc = load_pipeline()(text)
    defined = {(label, canonical): abbr for abbr, (label, canonical) in (doc._.abbreviations or {}).items()}
    return _with_abbreviations(doc_entities(doc, _find_citations(text)), defined), tuple(doc_obligations(doc))


def absatz_of(entry: Entry, obligation: Obligation) -> str | None:
    """The Absatz (statute ABSATZ block label, "4" for "(4)") whose text holds the obligation's sentence."""
    for block in entry.blocks:
        if block.kind is BlockKind.ABSATZ and block.start <= obligation.start < block.end:
            return block.label
    return None
