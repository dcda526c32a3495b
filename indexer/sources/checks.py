"""Checks on what the splitter found, in one place for every commentary-like format (text, HTML, PDF, Word):
:func:`~.commentary.assemble` runs them on every file.

* :func:`vet_markers` — a number standing alone (no "Rz." / "Rn." before it) from ``BARE_FROM`` on is a
  Randnummer only where the numbering leads to it or goes on from it: a year ("2024 trat …"), an amount or
  a generated id at a paragraph start is text, "10000" after "9999" is a Randnummer. Labels with a marker
  word are taken at any length (up to ``kb.model.RZ_MAX_DIGITS`` digits).
* :func:`oversize_warnings` — an entry far longer than the file's typical Randnummer is what a marker the
  readers missed looks like (everything after it merged into the entry before): a warning naming file and
  line. Gaps, backward jumps and duplicates are reported by the numbering check in ``commentary.py``.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import replace

from kb.model import BlockKind, Entry, Problem, RzNumber

from .base import warning
from .events import Event, Marker, Piece

BARE_FROM = 1000  # from here on a bare number needs the numbering as evidence (years have four digits)
SEQUENCE_WINDOW = 100  # "leads to it": at most this far after the Randnummer before (the next one, for the first)
OVERSIZE_FACTOR = 20  # an entry this many times the median length of the file's Randnummern …
OVERSIZE_MIN_CHARS = 10_000  # … and at least this long (a long real Randnummer runs to 3,000–5,000 characters)
OVERSIZE_MIN_ENTRIES = 3  # a median of fewer Randnummern says nothing

_MARKER_WORD = re.compile(r"^[^\d]*[A-Za-z]")  # "Rz. 12", "**Rn. 12**", "N. 5": a word before the number


def is_bare(shown: str) -> bool:
    """Was the label written without a marker word ("2024", "(21.1)", a margin-column number)?"""
    return not _MARKER_WORD.match(shown)


def vet_markers(events: Sequence[Event]) -> list[Event]:
    """``events`` with every bare marker that the numbering does not lead to turned back into text.

    A marker is vetted only when its reader says what it stood for (``Marker.shown``, not None); a bare
    label of ``BARE_FROM`` or more stays a Randnummer when it follows the Randnummer before it by at most
    ``SEQUENCE_WINDOW`` (equal: a duplicate, reported as such), or when the next marker follows it so (the
    first Randnummer of an excerpt, a jump the numbering goes on from: both reported by the numbering check).
    A demoted marker's text goes back where it stood: in front of its own paragraph (same line or element),
    else as a paragraph of its own.
    """
    markers = [i for i, e in enumerate(events) if isinstance(e, Marker)]
    drop: set[int] = set()
    previous: RzNumber | None = None
    for n, i in enumerate(markers):
        marker = events[i]
        assert isinstance(marker, Marker)
        if _needs_evidence(marker) and not _led_to(marker.rz, previous, events, markers[n + 1:]):
            drop.add(i)
            continue
        previous = marker.rz
    if not drop:
        return list(events)
    out: list[Event] = []
    pending: Marker | None = None  # a demoted marker waiting for the piece it may lead
    for i, event in enumerate(events):
        if pending is not None:
            if (pending.shown and isinstance(event, Piece) and _same_place(pending, event)
                    and event.kind is not BlockKind.FOOTNOTE):
                prefix = f"{pending.shown} "
                start = 0 if event.kind is BlockKind.PARAGRAPH else event.content_start + len(prefix)
                event = replace(event, text=prefix + event.text, content_start=start)
            elif pending.shown:
                out.append(Piece(BlockKind.PARAGRAPH, pending.shown, None, pending.line, pending.line,
                                 pending.element))
            pending = None
        if i in drop:
            assert isinstance(event, Marker)
            pending = event
            continue
        out.append(event)
    if pending is not None and pending.shown:
        out.append(Piece(BlockKind.PARAGRAPH, pending.shown, None, pending.line, pending.line, pending.element))
    return out


def _needs_evidence(marker: Marker) -> bool:
    return marker.shown is not None and marker.rz.number >= BARE_FROM and is_bare(marker.shown)


def _led_to(rz: RzNumber, previous: RzNumber | None, events: Sequence[Event], later: list[int]) -> bool:
    if previous is not None and previous <= rz and rz.number <= previous.number + SEQUENCE_WINDOW:
        return True
    nxt = events[later[0]] if later else None
    return isinstance(nxt, Marker) and rz < nxt.rz and nxt.rz.number <= rz.number + SEQUENCE_WINDOW


def _same_place(marker: Marker, piece: Piece) -> bool:
    """Does ``piece`` continue the paragraph ``marker`` led ("2024 trat …" split after "2024")?"""
    if marker.line is not None and piece.line is not None:
        return marker.line == piece.line
    return marker.element == piece.element


def oversize_warnings(entries: Sequence[Entry], rel_path: str, marker: str = "rz") -> list[Problem]:
    """One warning per entry longer than ``OVERSIZE_FACTOR`` × the median of the file's Randnummern and at
    least ``OVERSIZE_MIN_CHARS`` characters, naming its line (or page / element) and its span."""
    numbered = [len(e.text) for e in entries if e.rz is not None]
    if len(numbered) < OVERSIZE_MIN_ENTRIES:
        return []
    median = max(1, int(statistics.median(numbered)))
    limit = max(OVERSIZE_MIN_CHARS, OVERSIZE_FACTOR * median)
    problems = []
    abbr = f"{marker.title()}."
    for entry in entries:
        size = len(entry.text)
        if size < limit:
            continue
        name = f"{abbr} {entry.rz.label}" if entry.rz else "the text before the first Randnummer"
        loc = entry.location
        line = loc.line if loc else None
        span = ""
        if loc and loc.line and loc.end_line and loc.end_line != loc.line:
            span = f" (lines {loc.line}–{loc.end_line})"
        elif loc and not loc.line and loc.element:
            span = f" (from {loc.element})"
        problems.append(warning(
            rel_path, f"{name} is {size:,} characters long{span}, {size // median:,}× the median Randnummer of this "
                      f"file ({median:,}): Randnummern inside it may not have been recognised", line))
    return problems
