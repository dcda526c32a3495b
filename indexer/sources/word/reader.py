"""A .docx file → its work and entries: body blocks and footnotes as commentary events, then :func:`assemble`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from kb.model import BlockKind, Problem, WorkKind

from ..base import ParsedSource, SourceError, warning
from ..commentary import Event, Heading, Marker, Piece, assemble
from ..metadata import WorkMeta, make_work
from ..plaintext import OUTLINE, heading_level
from .body import Block, Body, clean
from .numbering import Numbering
from .package import core_meta, declared_encoding, open_document, related_xml
from .story import NoteRefs, Story
from .styles import Styles
from .xml import w

if TYPE_CHECKING:
    from docx.document import Document

_OUTLINE_BASE = 9  # outline lines ("A.", "I.", "1.") rank below the nine heading-style levels
_SEPARATORS = ("separator", "continuationSeparator", "continuationNotice")  # Word's own notes, no text
_NOTE_PARTS = {"footnote": RT.FOOTNOTES, "endnote": RT.ENDNOTES}


def parse_docx(data: bytes, *, path: Path, rel_path: str, meta: WorkMeta) -> ParsedSource:
    """Parse a Word .docx commentary; raises SourceError (one line naming the remedy) if it cannot be used."""
    document = open_document(data, rel_path)
    merged = core_meta(document, rel_path).merged(meta)
    work, problems = make_work(merged, path=path, rel_path=rel_path, encoding=declared_encoding(document))
    if work.kind is not WorkKind.COMMENTARY:
        raise SourceError.at(rel_path, "Word sources are commentaries; statutes come as gesetze-im-internet XML")
    body = document.element.body
    if body is None:
        raise SourceError.at(rel_path, "not a Word document: word/document.xml has no body")
    styles = Styles(related_xml(document, RT.STYLES, rel_path))
    numbering = Numbering(related_xml(document, RT.NUMBERING, rel_path), styles)
    refs = NoteRefs()
    blocks = Body(styles, numbering, Story(styles, refs)).blocks(body, "body")
    notes, note_problems = _notes(document, refs, styles, rel_path)
    events = _events(blocks, notes)
    if not any(isinstance(e, Piece) for e in events):
        # A valid document with nothing in it: no entries (the CLI's "nothing found"), not a broken file
        return ParsedSource(work, (), (*problems, warning(rel_path, "the document body has no text")))
    if not any(isinstance(e, Marker) for e in events):
        note_problems.append(warning(rel_path, "no Randnummern found (no bold leading numbers, Randnummer-style "
                                               "numbering, number | text tables or 'Rz.' paragraph starts); "
                                               "the document is kept as one unnumbered entry"))
    entries, assembly_problems = assemble(events, work, rel_path)
    return ParsedSource(work, entries, (*problems, *note_problems, *assembly_problems))


def _notes(document: Document, refs: NoteRefs, styles: Styles, rel_path: str) -> tuple[dict[int, Piece], list[Problem]]:
    """The text of every referenced footnote / endnote as a FOOTNOTE piece, by its number in the text."""
    pieces: dict[int, Piece] = {}
    problems: list[Problem] = []
    found: dict[str, dict[str, tuple[int, etree._Element]]] = {}  # kind → w:id → (position, element)
    for number, (kind, note_id) in enumerate(refs.order, 1):
        if kind not in found:
            root = related_xml(document, _NOTE_PARTS[kind], rel_path)
            found[kind] = {} if root is None else {
                note.get(w("id")) or "": (i, note) for i, note in enumerate(root.iterchildren(w(kind)), 1)
                if note.get(w("type")) not in _SEPARATORS}
        if note_id not in found[kind]:
            problems.append(warning(rel_path, f"{kind} reference [{number}] points to no {kind} text"))
            continue
        position, note = found[kind][note_id]
        story = Story(styles, None)  # each note is a story of its own (fields do not run across)
        lines = [clean("".join(text for text, _ in story.paragraph(p, False)[0])) for p in note.iter(w("p"))]
        text = "\n".join(line for line in lines if line)
        if text:
            pieces[number] = Piece(BlockKind.FOOTNOTE, text, str(number), element=f"{kind}s/{kind}[{position}]")
    return pieces, problems


def _events(blocks: list[Block], notes: dict[int, Piece]) -> list[Event]:
    events: list[Event] = []
    cited: list[Piece] = []  # notes cited since the last Randnummer: they close the entry that cites them
    outline: dict[int, str] = {}  # outline level → label of the current "A." / "I." line
    for index, block in enumerate(blocks):
        if block.kind == "marker":
            events += cited
            cited.clear()
            events.append(Marker(block.rz, element=block.element, shown=block.text))  # type: ignore[arg-type]
        elif block.kind == "heading":
            events.append(Heading(block.text, block.level))
        elif block.outline and _marker_follows(blocks, index):
            label = OUTLINE.match(block.outline).group("label")  # type: ignore[union-attr]
            level = heading_level(label, outline)
            outline[level] = label.rstrip(".)")
            for deeper in [k for k in outline if k > level]:
                del outline[deeper]
            events.append(Heading(block.outline, _OUTLINE_BASE + level))
        else:
            events.append(Piece(block.piece, block.text, block.label, element=block.element))
        cited += (notes[n] for n in block.notes if n in notes)
    return events + cited


def _marker_follows(blocks: list[Block], index: int) -> bool:
    """Does a Randnummer come next, past headings and other outline lines ("A. …", "I. …", "Rz. 1")?"""
    for block in blocks[index + 1:]:
        if block.kind == "heading" or (block.kind == "text" and block.outline):
            continue
        return block.kind == "marker"
    return False
