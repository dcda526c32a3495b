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

from .chunks import chunks
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
    out = citation_entities(cites) + _pipeline_entities(doc, _owned(cites))
    out.sort(key=lambda e: (e.start, e.end))
    return out


def _owned(cites: Sequence[Citation]) -> _Stretches:
    return _Stretches((c.start, c.end) for c in cites if c.kind in (CitationKind.NORM, CitationKind.LAW))


def _pipeline_entities(doc: Doc, owned: _Stretches, offset: int = 0) -> list[Entity]:
    """The doc's own entities outside citation stretches, offsets shifted by ``offset`` (the doc is the piece
    of a longer text starting there; ``owned`` is in the longer text's offsets)."""
    out: list[Entity] = []
    text = doc_text(doc)
    for first, last, label, canonical in entity_spans(doc):
        start_char, end_char = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
        if owned.overlaps(start_char + offset, end_char + offset):
            continue  # the citation engine owns this stretch
        surface = text[start_char:end_char]
        out.append(Entity(EntityLabel(label), start_char + offset, end_char + offset, surface, canonical or surface))
    return out


def doc_obligations(doc: Doc, offset: int = 0) -> list[Obligation]:
    """The obligations found in a processed doc, as model objects (offsets shifted by ``offset``)."""
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
        start = f.sentence.start_char + lead.end() + offset
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


@dataclasses.dataclass(slots=True)
class _Found:
    """What the pipeline found in one text (all its pieces), offsets into the text."""

    entities: list[Entity] = dataclasses.field(default_factory=list)
    obligations: list[Obligation] = dataclasses.field(default_factory=list)
    abbreviations: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)  # in definition order


def _run(texts: Sequence[str], cites: Sequence[Sequence[Citation]], chunk_size: int | None = None) -> list[_Found]:
    """The pipeline over ``texts`` in order, each cut into pieces of at most ``chunk_size`` characters
    (:func:`kb.nlp.chunks.chunks`); a short form defined in one piece or text links bare mentions in the ones
    after it, as within one doc. ``cites``: each text's citations (their stretches are the citation engine's).
    """
    nlp = load_pipeline()
    pieces = [(k, offset, piece) for k, text in enumerate(texts) for offset, piece in chunks(text, chunk_size)]
    owned = [_owned(c) for c in cites]
    results = [_Found() for _ in texts]
    known: dict[str, tuple[str, str, int]] = {}  # short form → (label, canonical, 0) from earlier pieces
    docs = nlp.pipe((piece for _, _, piece in pieces), batch_size=BATCH_SIZE)
    for (k, offset, _), doc in zip(pieces, docs, strict=True):
        own = doc._.abbreviations or {}
        carried = {a: v for a, v in known.items() if a not in own}
        if carried:
            current = [Span(doc, a, b, label=label, kb_id=kb) for a, b, label, kb in entity_spans(doc)]
            doc.ents = add_bare_mentions(doc, current, carried)
        for abbr, (label, canonical) in own.items():
            known.setdefault(abbr, (label, canonical, 0))
        found = results[k]
        found.entities += _pipeline_entities(doc, owned[k], offset)
        found.obligations += doc_obligations(doc, offset)
        for abbr, value in own.items():
            found.abbreviations.setdefault(abbr, value)
    return results


def enrich(entries: Sequence[Entry], *, chunk_size: int | None = None) -> tuple[Entry, ...]:
    """The same entries, in order, with ``entities`` and ``obligations`` filled.

    Call once per work: a short form defined in one entry ("… Gleichstellung (MS)") links bare
    mentions ("MS") in the entries after it, and every mention of that entity carries the short form.
    An entry longer than ``chunk_size`` (default :data:`~kb.nlp.chunks.CHUNK_CHARS`) is processed in pieces.
    """
    cites = [entry.citations or _find_citations(entry.text) for entry in entries]
    results = _run([e.text for e in entries], cites, chunk_size)
    defined: dict[tuple[str, str], str] = {}  # (label, canonical) → short form, whole work: the first wins
    for found in results:
        for abbr, (label, canonical) in found.abbreviations.items():
            defined.setdefault((label, canonical), abbr)
    out = []
    for entry, entry_cites, found in zip(entries, cites, results, strict=True):
        absaetze = _Absaetze(entry)
        ents = sorted(citation_entities(entry_cites) + found.entities, key=lambda e: (e.start, e.end))
        out.append(dataclasses.replace(
            entry, entities=_with_abbreviations(ents, defined),
            obligations=tuple(dataclasses.replace(o, absatz=absaetze.at(o.start)) for o in found.obligations),
        ))
    return tuple(out)


def analyze(text: str, citations: Sequence[Citation] | None = None, *,
            chunk_size: int | None = None) -> tuple[tuple[Entity, ...], tuple[Obligation, ...]]:
    """Entities and obligations of any text (abbreviations link within the text); ``citations``: the text's,
    when the caller has found them already. A text longer than ``chunk_size`` (default
    :data:`~kb.nlp.chunks.CHUNK_CHARS`) is processed in pieces."""
    cites = _find_citations(text) if citations is None else citations
    found = _run([text], [cites], chunk_size)[0]
    # the last definition of an entity's short form names it, as a dict built over the doc's definitions did
    defined = {(label, canonical): abbr for abbr, (label, canonical) in found.abbreviations.items()}
    ents = sorted(citation_entities(cites) + found.entities, key=lambda e: (e.start, e.end))
    return _with_abbreviations(ents, defined), tuple(found.obligations)


def absatz_of(entry: Entry, obligation: Obligation) -> str | None:
    """The Absatz (statute ABSATZ block label, "4" for "(4)") whose text holds the obligation's sentence."""
    return _Absaetze(entry).at(obligation.start)


class _Absaetze:
    """An entry's ABSATZ blocks, looked up by offset in O(log n) (a scan per obligation was quadratic on a
    long entry with many blocks)."""

    def __init__(self, entry: Entry) -> None:
        self._blocks = sorted((b.start, b.end, b.label) for b in entry.blocks if b.kind is BlockKind.ABSATZ)
        self._starts = [b[0] for b in self._blocks]

    def at(self, offset: int) -> str | None:
        k = bisect.bisect_right(self._starts, offset)
        for start, end, label in self._blocks[max(0, k - 2):k][::-1]:  # Absätze do not nest; the last one or two
            if start <= offset < end:
                return label
        return None
