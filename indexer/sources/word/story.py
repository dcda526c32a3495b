"""The visible text of a paragraph, as Word shows it with all tracked changes accepted.

* runs: ``w:t`` text, ``w:tab`` as a tab, ``w:br`` / ``w:cr`` as a line break (page and column
  breaks as a space), non-breaking hyphens as ``-``; hidden runs (``w:vanish``) are left out;
* tracked changes: deletions (``w:del``, ``w:moveFrom``) are dropped, insertions (``w:ins``,
  ``w:moveTo``) kept; hyperlinks, content controls, smart tags and simple fields are looked into;
* complex fields (``fldChar`` begin … separate … end, possibly across paragraphs): the instruction
  is dropped, the result kept — so the state lives as long as the story (the body, one footnote);
* footnote and endnote references become ``[n]``, numbered in the order they are met, which is
  what :func:`~indexer.sources.commentary.assemble` attaches the notes by;
* formulas (``m:oMath``) as their plain text; drawings and text boxes are not read.

A paragraph comes back as segments ``(text, bold)``: whether the leading run is bold decides
whether a leading number is a Randnummer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .styles import Styles
from .xml import M_NS, W_VAL, is_on, w

Segment = tuple[str, bool]  # (text, bold)

_R, _T, _RPR, _B, _RSTYLE, _VANISH = w("r"), w("t"), w("rPr"), w("b"), w("rStyle"), w("vanish")
_FLDCHAR, _FLDCHARTYPE = w("fldChar"), w("fldCharType")
_TAB, _PTAB, _BR, _CR, _NBH, _SYM = w("tab"), w("ptab"), w("br"), w("cr"), w("noBreakHyphen"), w("sym")
_FOOTNOTE_REF, _ENDNOTE_REF = w("footnoteReference"), w("endnoteReference")
_SDT, _SDT_CONTENT = w("sdt"), w("sdtContent")
_OMATH, _OMATH_PARA, _M_T = f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara", f"{{{M_NS}}}t"
# Inline wrappers whose content is text: insertions, moves to here, links, smart tags, custom XML, simple fields
_LOOK_INTO = frozenset(w(t) for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "dir",
                                      "bdo", "sdtContent"))


@dataclass(slots=True)
class NoteRefs:
    """Footnote / endnote references in the order met: number n (shown as ``[n]``) → (kind, w:id)."""

    order: list[tuple[str, str]] = field(default_factory=list)

    def number(self, kind: str, note_id: str) -> int:
        self.order.append((kind, note_id))
        return len(self.order)


class Story:
    """Reads the paragraphs of one story in document order (field state carries from one to the next)."""

    def __init__(self, styles: Styles, notes: NoteRefs | None) -> None:
        self._styles = styles
        self._notes = notes  # None inside a note: a note's own references are not followed
        self._fields: list[bool] = []  # open complex fields, innermost last: True once in their result
        self._in_instruction = 0  # how many open fields are still in their instruction part

    def paragraph(self, p: etree._Element, bold: bool) -> tuple[list[Segment], list[int]]:
        """Segments of paragraph ``p`` (runs without bold of their own are ``bold`` as their paragraph style)
        and the note numbers it references."""
        segments: list[Segment] = []
        notes: list[int] = []
        self._inline(p, bold, segments, notes)
        return segments, notes

    def _inline(self, parent: etree._Element, bold: bool, segments: list[Segment], notes: list[int]) -> None:
        for child in parent:
            tag = child.tag
            if tag == _R:
                self._run(child, bold, segments, notes)
            elif tag in _LOOK_INTO:
                self._inline(child, bold, segments, notes)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self._inline(content, bold, segments, notes)
            elif tag in (_OMATH, _OMATH_PARA) and not self._in_instruction:
                segments.append(("".join(t.text or "" for t in child.iter(_M_T)), bold))
            # w:del, w:moveFrom, w:pPr, bookmarks, proofing and comment marks: nothing visible

    def _run(self, r: etree._Element, bold: bool, segments: list[Segment], notes: list[int]) -> None:
        hidden = False
        rpr = r.find(_RPR)
        if rpr is not None:
            b = rpr.find(_B)
            if b is not None:
                bold = is_on(b)
            else:
                style = rpr.find(_RSTYLE)
                style_bold = self._styles.character_bold(style.get(W_VAL) or "") if style is not None else None
                bold = bold if style_bold is None else style_bold
            vanish = rpr.find(_VANISH)
            hidden = vanish is not None and is_on(vanish)
        parts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == _FLDCHAR:
                self._field(child.get(_FLDCHARTYPE))
            elif hidden or self._in_instruction:
                continue
            elif tag == _T:
                parts.append(child.text or "")
            elif tag in (_TAB, _PTAB):
                parts.append("\t")
            elif tag == _BR:
                parts.append("\n" if child.get(w("type")) in (None, "textWrapping") else " ")
            elif tag == _CR:
                parts.append("\n")
            elif tag == _NBH:
                parts.append("-")
            elif tag == _SYM:
                parts.append(_symbol(child.get(w("char")) or ""))
            elif tag in (_FOOTNOTE_REF, _ENDNOTE_REF) and self._notes is not None:
                kind = "footnote" if tag == _FOOTNOTE_REF else "endnote"
                n = self._notes.number(kind, child.get(w("id")) or "")
                notes.append(n)
                parts.append(f"[{n}]")
        if parts:
            segments.append(("".join(parts), bold))

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self._fields.append(False)
            self._in_instruction += 1
        elif kind == "separate" and self._fields and not self._fields[-1]:
            self._fields[-1] = True
            self._in_instruction -= 1
        elif kind == "end" and self._fields:
            had_result = self._fields.pop()
            self._in_instruction -= 0 if had_result else 1


def _symbol(code: str) -> str:
    """A ``w:sym`` character; symbol-font codes (private use area) have no text meaning and are left out."""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    return chr(value) if 0 < value <= 0x10FFFF and not 0xE000 <= value <= 0xF8FF else ""
