"""The events a format parser hands to :func:`~.commentary.assemble`: Randnummer markers, outline headings and
text pieces (paragraphs, list items, footnotes), in document order."""

from __future__ import annotations

from dataclasses import dataclass

from kb.model import BlockKind, RzNumber


@dataclass(frozen=True, slots=True)
class Marker:
    """A Randnummer starts here. ``shown`` is how the source wrote it ("Rz. 12", "2024", "" for a number kept
    out of the text); readers that set it let :func:`~.checks.vet_markers` turn an implausible bare number back
    into text. None: never vetted (the markup is proof, as in the courts' decision XML)."""

    rz: RzNumber
    line: int | None = None
    element: str | None = None
    shown: str | None = None


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int  # 1 = outermost (A.), 2 = I., 3 = 1., 4 = a), 5 = aa) …; HTML h1..h6 map to levels too
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Piece:
    """A paragraph, list item or footnote; ``text`` is what goes into Entry.text.

    ``content_start`` is where the block's content begins inside ``text`` (after a list bullet),
    so the bullet stays in the text but the block points at the item itself.
    """

    kind: BlockKind
    text: str
    label: str | None = None
    line: int | None = None
    end_line: int | None = None
    element: str | None = None
    content_start: int = 0


Event = Marker | Heading | Piece
