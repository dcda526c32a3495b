"""Format-independent assembly of commentary entries from a stream of parsed events.

Each format parser (plain text, HTML, PDF, Word, court pages) turns its input into a flat sequence of
events (events.py) — Randnummer markers, outline headings, text pieces (paragraphs, list items, footnotes) —
and :func:`assemble` turns that into entries: one per Randnummer, numbered, checked for duplicates / order /
gaps and oversize entries (checks.py), with footnotes attached to the entry that references them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.model import Block, BlockKind, Entry, Problem, RzNumber, SourceLocation, Work, entry_id

from .base import warning
from .checks import oversize_warnings, vet_markers
from .events import Event, Heading, Marker, Piece

PREAMBLE = "vorbemerkung"  # id tail of the entry holding text before the first Randnummer

# Footnote references in running text: "[1]", "^1", superscript digits.
_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FOOTNOTE_REF = re.compile(r"\[(\d{1,3})\]|\^(\d{1,3})|([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")


def footnote_refs(text: str) -> set[str]:
    out = set()
    for m in _FOOTNOTE_REF.finditer(text):
        if m.group(3):
            out.add(m.group(3).translate(str.maketrans(_SUPERSCRIPT, "0123456789")))
        else:
            out.add(m.group(1) or m.group(2))
    return out


@dataclass
class _Draft:
    rz: RzNumber | None
    headings: tuple[str, ...]
    line: int | None
    element: str | None
    pieces: list[Piece] = field(default_factory=list)


def assemble(events: list[Event], work: Work, rel_path: str,
             marker: str = "rz") -> tuple[tuple[Entry, ...], tuple[Problem, ...]]:
    """Entries from events; ``marker`` is the id prefix and the abbreviation in messages: ``rz`` (Rz., commentaries)
    or ``rn`` (Rn., as courts number)."""
    problems: list[Problem] = []
    drafts: list[_Draft] = []
    path: list[tuple[int, str]] = []  # (level, heading text), outermost first
    orphans: list[tuple[Piece, _Draft]] = []  # footnotes whose citing entry is not known yet, and where they stood
    for event in vet_markers(events):
        if isinstance(event, Heading):
            while path and path[-1][0] >= event.level:
                path.pop()
            path.append((event.level, event.text))
        elif isinstance(event, Marker):
            drafts.append(_Draft(event.rz, tuple(t for _, t in path), event.line, event.element))
        else:
            if not drafts:
                drafts.append(_Draft(None, tuple(t for _, t in path), event.line, event.element))
            if event.kind is BlockKind.FOOTNOTE:
                target = _footnote_home(drafts, event.label)
                if target is None:
                    orphans.append((event, drafts[-1]))
                    continue
                target.pieces.append(event)
            else:
                drafts[-1].pieces.append(event)
    for piece, where in orphans:
        target = _footnote_home(drafts, piece.label)
        if target is None:
            problems.append(warning(rel_path, f"footnote {piece.label} is not referenced by any Randnummer; "
                                              "kept where it stands", piece.line))
            target = where
        target.pieces.append(piece)
    _check_numbering(drafts, rel_path, problems, marker)
    entries = _build_entries(drafts, work, rel_path, problems, marker)
    problems += oversize_warnings(entries, rel_path, marker)
    return entries, tuple(problems)


def _refs_of(draft: _Draft) -> set[str]:
    refs: set[str] = set()
    for p in draft.pieces:
        if p.kind is not BlockKind.FOOTNOTE:
            refs |= footnote_refs(p.text)
    return refs


def _footnote_home(drafts: list[_Draft], label: str | None) -> _Draft | None:
    """The latest entry whose text references footnote ``label`` (the current one when it does)."""
    if label is None:
        return drafts[-1] if drafts else None
    for draft in reversed(drafts):
        if label in _refs_of(draft):
            return draft
    return None


def _check_numbering(drafts: list[_Draft], rel_path: str, problems: list[Problem], marker: str) -> None:
    abbr = f"{marker.title()}."  # "Rz." / "Rn."
    seen: dict[str, int] = {}  # label → line of its first occurrence
    count: dict[str, int] = {}
    previous: _Draft | None = None
    for draft in drafts:
        if draft.rz is None:
            continue
        label = draft.rz.label
        count[label] = count.get(label, 0) + 1
        if label in seen:
            first = f" (first on line {seen[label]})" if seen[label] else ""
            problems.append(warning(rel_path, f"duplicate {abbr} {label}{first}; both kept, this one addressable as "
                                              f"{marker}-{label}~{count[label]}", draft.line))
        else:
            seen[label] = draft.line or 0
        if previous is not None and previous.rz is not None:
            prev = previous.rz
            if draft.rz.sort_key < prev.sort_key:
                problems.append(warning(rel_path, f"{abbr} {label} out of order: follows {abbr} {prev.label}",
                                        draft.line))
            elif draft.rz.number > prev.number + 1:
                missing = (f"{abbr} {prev.number + 1}" if draft.rz.number == prev.number + 2
                           else f"{abbr} {prev.number + 1}–{draft.rz.number - 1}")
                problems.append(warning(rel_path, f"gap in numbering: {missing} missing between {abbr} {prev.label} "
                                                  f"and {abbr} {label}", draft.line))
        previous = draft


def _build_entries(drafts: list[_Draft], work: Work, rel_path: str, problems: list[Problem],
                   marker: str) -> tuple[Entry, ...]:
    entries: list[Entry] = []
    occurrences: dict[str, int] = {}
    for position, draft in enumerate(drafts):
        flags: list[str] = []
        if draft.rz is None:
            eid = entry_id(work.slug, norm=PREAMBLE)
            flags.append("preamble")
        else:
            n = occurrences[draft.rz.label] = occurrences.get(draft.rz.label, 0) + 1
            eid = entry_id(work.slug, draft.rz, occurrence=n, marker=marker)
            if n > 1:
                flags.append("duplicate")
            if position and drafts[position - 1].rz and draft.rz < drafts[position - 1].rz:  # type: ignore[operator]
                flags.append("out-of-order")
        text_parts: list[str] = []
        blocks: list[Block] = []
        offset = 0
        for piece in draft.pieces:
            if text_parts:
                offset += 1  # the "\n" joining pieces
            start = offset + piece.content_start
            text_parts.append(piece.text)
            offset += len(piece.text)
            blocks.append(Block(piece.kind, start, offset, piece.label))
        if not draft.pieces and draft.rz is not None:
            problems.append(warning(rel_path, f"{marker.title()}. {draft.rz.label} has no text", draft.line))
            flags.append("empty")
        end_line = max((p.end_line or p.line or 0 for p in draft.pieces), default=0) or draft.line
        location = SourceLocation(rel_path, draft.line, end_line, draft.element)
        entries.append(Entry(id=eid, work=work.slug, law=work.law, paragraph=work.paragraph or "",
                             position=position, text="\n".join(text_parts), blocks=tuple(blocks), rz=draft.rz,
                             headings=draft.headings, location=location, flags=tuple(flags)))
    return tuple(entries)
