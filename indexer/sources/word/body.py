"""The document body as blocks: Randnummer markers, headings and text, in document order.

A Randnummer is recognised as

* a bold leading run that is a label (``12``, ``12a``, ``12.1``, ``Rn. 12``), the rest of the
  paragraph being the entry's text; or a marker written as text at a paragraph start (``Rz. 12 …``);
* a paragraph whose style is named for Randnummern ("Randnummer", "Rn", "Margin Number" …): with
  list numbering, the number Word displays; without, a label at the start of its text;
* a row of a two-column table whose first cell is a label (number cell | text cell).

Headings come from heading styles and outline levels (Word's own numbering, "A.", prefixed); outline
lines such as "A. Allgemeines" are headings when a Randnummer follows. Other numbered or bulleted
paragraphs are list items. Headers and footers are other parts: the body never contains them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from kb.model import RZ_LABEL, BlockKind, RzNumber

from ..normalize import normalize_text
from ..plaintext import MARKER, OUTLINE
from .numbering import Numbering
from .story import Segment, Story
from .styles import ParagraphStyle, Styles
from .xml import W_VAL, as_int, w

_LABEL = rf"(?:(?i:Rz|Rn|Rdnr|Rdn|Randnr|Randnummer)\.?\s?)?(?P<label>{RZ_LABEL})[.:]?"
_LABEL_ONLY = re.compile(rf"^\(?{_LABEL}\)?$")
_LEADING_LABEL = re.compile(rf"^{_LABEL}(?:\s+|$)")
_PARAGRAPH_START = re.compile(r"^[A-ZÄÖÜ„\"»§(\[]")  # how a Randnummer's text begins ("12 Der …", not "12 ff.")
_P, _PPR, _PSTYLE, _NUMPR = w("p"), w("pPr"), w("pStyle"), w("numPr")
_TBL, _TR, _TC, _SDT, _SDT_CONTENT = w("tbl"), w("tr"), w("tc"), w("sdt"), w("sdtContent")
_CONTAINERS = {_P: "p", _TBL: "tbl", _SDT: "sdt", w("customXml"): "customXml"}


@dataclass(frozen=True, slots=True)
class Block:
    """A marker (``rz``; ``text`` is the label as shown), a heading (``level``) or a piece of text.

    A text block whose ``outline`` is set ("A. Allgemeines") is a heading if a Randnummer follows it.
    ``notes`` are the numbers of the footnotes its text references.
    """

    kind: str  # "marker" | "heading" | "text"
    text: str
    element: str
    rz: RzNumber | None = None
    level: int = 0
    piece: BlockKind = BlockKind.PARAGRAPH
    label: str | None = None
    outline: str | None = None
    notes: tuple[int, ...] = ()


@dataclass(slots=True)
class _Para:
    """A paragraph read but not yet classified (held back while its paragraph mark is a tracked deletion)."""

    element: etree._Element
    path: str
    segments: list[Segment]
    notes: list[int]


class Body:
    """Turns the body (or a table cell, or a content control) into blocks."""

    def __init__(self, styles: Styles, numbering: Numbering, story: Story) -> None:
        self._styles = styles
        self._numbering = numbering
        self._story = story

    def blocks(self, parent: etree._Element, path: str) -> list[Block]:
        """Blocks of the paragraphs, tables and content controls directly in ``parent``; paths ``body/p[3]``."""
        out: list[Block] = []
        counts: dict[str, int] = {}
        held: _Para | None = None  # a paragraph whose mark was deleted: accepted, it joins the next one
        for child in parent:
            name = _CONTAINERS.get(child.tag)
            if name is None:
                continue
            counts[name] = counts.get(name, 0) + 1
            where = f"{path}/{name}[{counts[name]}]"
            if child.tag != _P:
                if held is not None:
                    out += self._paragraph(held)
                    held = None
                if child.tag == _TBL:
                    out += self._table(child, where)
                else:
                    content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
                    inner = self.blocks(content, where) if content is not None else []  # read: fields run across
                    out += [] if _is_toc(child) else inner
                continue
            style = self._style(child)
            segments, notes = self._story.paragraph(child, bool(style.bold))
            para = _Para(child, where, segments, notes)
            if held is not None:
                para = _Para(child, where, held.segments + segments, held.notes + notes)
            if _mark_deleted(child):
                held = para
            else:
                out += self._paragraph(para)
                held = None
        if held is not None:
            out += self._paragraph(held)
        return out

    # -------------------------------------------------------------------------------------------- paragraphs

    def _style(self, p: etree._Element) -> ParagraphStyle:
        ppr = p.find(_PPR)
        style = ppr.find(_PSTYLE) if ppr is not None else None
        return self._styles.paragraph(style.get(W_VAL) if style is not None else None)

    def _paragraph(self, para: _Para) -> list[Block]:
        style = self._style(para.element)
        number = self._numbering.advance(*_numbering_of(para.element, style))
        raw = "".join(text for text, _ in para.segments)
        text = clean(raw)
        notes = tuple(para.notes)
        if style.toc:
            return []  # the table of contents repeats the headings; its page numbers are no text
        level = _heading_level(para.element, style)
        if level is not None:
            shown = f"{number.text} {text}" if number is not None and not number.bullet else text
            return [Block("heading", " ".join(shown.split()), para.path, level=level, notes=notes)] if shown else []
        if style.margin and number is not None and not number.bullet:
            label = _label(number.text)
            if label is not None:
                return [_marker(label, number.text, para.path), *_text(text, para.path, notes)]
        marker = _leading_marker(para.segments, raw, text, style)
        if marker is not None:
            label, shown, rest = marker
            return [_marker(label, shown, para.path), *_text(rest, para.path, notes)]
        if not text:
            return []
        if number is not None:
            heading = f"{number.text} {text}" if not number.bullet else None
            return [Block("text", text, para.path, piece=BlockKind.LIST_ITEM, notes=notes,
                          label=None if number.bullet else number.text.strip().strip(".)(") or None,
                          outline=heading if heading is not None and _is_outline(heading) else None)]
        return [Block("text", text, para.path, notes=notes, outline=text if _is_outline(text) else None)]

    # -------------------------------------------------------------------------------------------- tables

    def _table(self, tbl: etree._Element, path: str) -> list[Block]:
        """A two-column table of number | text rows gives one Randnummer per row; a one-column table is a
        frame around its content; any other table gives one paragraph per row, cells joined by " | "."""
        rows: list[tuple[str, list[list[Block]]]] = []
        for r, tr in enumerate(tbl.iterchildren(_TR), 1):
            if tr.find(f"{w('trPr')}/{w('del')}") is not None:
                continue  # a row deleted with change tracking on
            where = f"{path}/tr[{r}]"
            rows.append((where, [self.blocks(tc, f"{where}/tc[{c}]") for c, tc in enumerate(tr.iterchildren(_TC), 1)]))
        if rows and all(len(cells) == 1 for _, cells in rows):
            return [block for _, cells in rows for block in cells[0]]
        labels = [_label(_flat(cells[0])) if cells else None for _, cells in rows]
        margin = _is_margin_table(rows, labels)
        out: list[Block] = []
        for (where, cells), label in zip(rows, labels, strict=True):
            if margin and label is not None:
                out += [_marker(label, _flat(cells[0]), where), *cells[1]]
            elif margin and not _flat(cells[0]):
                out += cells[1]  # a row continuing the Randnummer above
            else:
                row = " | ".join(_flat(cell) for cell in cells)
                notes = tuple(n for cell in cells for block in cell for n in block.notes)
                if row.strip(" |"):
                    out.append(Block("text", row, where, notes=notes))
        return out


def clean(text: str) -> str:
    """Normalised text, runs of spaces collapsed per line, empty lines dropped."""
    lines = (" ".join(line.split()) for line in normalize_text(text).split("\n"))
    return "\n".join(line for line in lines if line)


def _numbering_of(p: etree._Element, style: ParagraphStyle) -> tuple[str | None, int]:
    """(numId, level): the paragraph's own ``w:numPr`` over its style's (either may give just one of them)."""
    num_id, ilvl = style.num_id, style.ilvl
    numpr = p.find(f"{_PPR}/{_NUMPR}")
    if numpr is not None:
        own_id, own_level = numpr.find(w("numId")), numpr.find(w("ilvl"))
        num_id = own_id.get(W_VAL) if own_id is not None else num_id
        ilvl = as_int(own_level.get(W_VAL)) if own_level is not None else ilvl
    return num_id, ilvl or 0


def _heading_level(p: etree._Element, style: ParagraphStyle) -> int | None:
    """1..9 for outline levels and heading styles, 0 for a title style; None for body text."""
    own = p.find(f"{_PPR}/{w('outlineLvl')}")
    outline = as_int(own.get(W_VAL), 9) if own is not None else style.outline
    if outline is not None and outline < 9:
        return outline + 1
    return style.heading


def _is_toc(element: etree._Element) -> bool:
    """A table of contents in a content control (Word and LibreOffice wrap theirs so): headings repeated."""
    gallery = element.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
    return gallery is not None and gallery.get(W_VAL) == "Table of Contents"


def _mark_deleted(p: etree._Element) -> bool:
    """Was the paragraph mark deleted (or moved away) with change tracking on?"""
    rpr = p.find(f"{_PPR}/{w('rPr')}")
    return rpr is not None and (rpr.find(w("del")) is not None or rpr.find(w("moveFrom")) is not None)


def _leading_marker(segments: list[Segment], raw: str, text: str,
                    style: ParagraphStyle) -> tuple[RzNumber, str, str] | None:
    """(label, label as shown, rest) for a paragraph that starts a Randnummer by its own text."""
    prefix = ""
    for segment, bold in segments:  # the bold leading runs, spaces between them included
        if not (bold or segment.isspace()):
            break
        prefix += segment
    shown = clean(prefix)
    label = _label(shown) if shown else None
    if label is not None:
        rest = clean(raw[len(prefix):])
        if not rest or _PARAGRAPH_START.match(rest):
            return label, shown, rest
    if style.margin and (m := _LEADING_LABEL.match(text)) and (label := _valid(m.group("label"))):
        return label, m.group().strip(), text[m.end():]
    m = MARKER.match(text)
    if m and (label := _valid(m.group("label"))):
        rest = m.group("rest").strip()
        if not rest or _PARAGRAPH_START.match(rest):
            return label, text[:m.start("rest")].strip(), rest
    return None


def _label(text: str) -> RzNumber | None:
    m = _LABEL_ONLY.match(text.strip())
    return _valid(m.group("label")) if m else None


def _valid(label: str) -> RzNumber | None:
    try:
        return RzNumber.parse(label)
    except ValueError:
        return None


def _marker(rz: RzNumber, shown: str, path: str) -> Block:
    return Block("marker", shown, path, rz=rz)


def _text(text: str, path: str, notes: tuple[int, ...]) -> list[Block]:
    return [Block("text", text, path, notes=notes)] if text else []


def _is_outline(text: str) -> bool:
    return bool(OUTLINE.match(text)) and len(text) <= 120 and not text.endswith((".", ",", ";", ":"))


def _flat(blocks: list[Block]) -> str:
    return " ".join(b.text for b in blocks if b.text)


def _is_margin_table(rows: list[tuple[str, list[list[Block]]]], labels: list[RzNumber | None]) -> bool:
    """Two cells a row, the first a label or empty (a header row may lead), at least one label."""
    if not any(labels) or any(len(cells) != 2 for _, cells in rows):
        return False
    body = list(zip(rows, labels, strict=True))
    if labels[0] is None and _flat(rows[0][1][0]):
        body = body[1:]  # "Rn. | Erläuterung"
    return all(label is not None or not _flat(cells[0]) for (_, cells), label in body)

