"""Word styles (``word/styles.xml``), as much as the reader needs: names, list numbering, outline level, bold.

A paragraph style passes what it does not set itself on from the style it is ``basedOn``; a paragraph
without a style has the default paragraph style ("Normal" / "Standard"). Built-in styles keep their
English name in the file ("heading 1") whatever the language of Word; their ids may be localised
("berschrift1").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lxml import etree

from .xml import W_VAL, as_int, is_on, w

_MAX_CHAIN = 20  # basedOn chains this long are broken (cycles)
_HEADING = re.compile(r"^(?:heading|(?:ü|ue)?berschrift) ?([1-9])$", re.IGNORECASE)
_TITLE = re.compile(r"^(?:title|titel)$", re.IGNORECASE)
_TOC = re.compile(r"^(?:toc|verzeichnis|inhaltsverzeichnis) ?(?:[1-9]|heading|überschrift)$", re.IGNORECASE)
# A style for Randnummern: "Randnummer", "Randnr", "Randziffer", "Rdnr", "Rn", "RZ Text", "Margin Number" …
_MARGIN = re.compile(r"randn(?:umme)?r|randziffer|rdnr|margin|(?<![a-z])r[nz](?![a-z])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ParagraphStyle:
    """What a paragraph style (with everything it is based on) says about its paragraphs."""

    num_id: str | None = None  # list numbering, "0" = explicitly none
    ilvl: int | None = None
    outline: int | None = None  # 0-based outline level; 9 = body text
    bold: bool | None = None
    heading: int | None = None  # 1..9 from the style's own name ("heading 2"), 0 for a title style
    margin: bool = False  # the style or one it is based on is named for Randnummern
    toc: bool = False  # a table-of-contents line: navigation, not text


class Styles:
    """The style table of one document; lookups are cached."""

    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, etree._Element] = {}
        self._default: str | None = None
        for style in () if root is None else root.iterchildren(w("style")):
            style_id = style.get(w("styleId"))
            if style_id is None:
                continue
            self._styles.setdefault(style_id, style)
            if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true", "on") \
                    and self._default is None:
                self._default = style_id
        self.paragraph = cache(self._paragraph)
        self.character_bold = cache(self._character_bold)

    def _paragraph(self, style_id: str | None) -> ParagraphStyle:
        """The paragraph style ``style_id`` (None: the default paragraph style) resolved along basedOn."""
        chain = self._chain(style_id if style_id in self._styles else self._default)
        if not chain:
            return ParagraphStyle()
        num_id = ilvl = outline = None
        bold: bool | None = None
        for style in chain:  # nearest first: the first style that sets a property wins
            ppr = style.find(w("pPr"))
            if ppr is not None:
                numpr = ppr.find(w("numPr"))
                if numpr is not None:
                    num_id = num_id if num_id is not None else _val(numpr, "numId")
                    level = _val(numpr, "ilvl")
                    ilvl = ilvl if ilvl is not None or level is None else as_int(level)
                level = _val(ppr, "outlineLvl")
                outline = outline if outline is not None or level is None else as_int(level, 9)
            bold = bold if bold is not None else _bold(style)
        own = [chain[0].get(w("styleId")) or "", _name(chain[0])]
        heading = next((int(m.group(1)) for m in map(_HEADING.match, own) if m), None)
        if heading is None and any(_TITLE.match(n) for n in own):
            heading = 0
        names = [n for style in chain for n in (_name(style), style.get(w("styleId")) or "")]
        return ParagraphStyle(num_id, ilvl, outline, bold, heading, margin=any(_MARGIN.search(n) for n in names),
                              toc=any(_TOC.match(n) for n in own))

    def _character_bold(self, style_id: str) -> bool | None:
        """Whether the character style ``style_id`` (e.g. "Strong" / "Fett") makes its runs bold."""
        return next((b for b in map(_bold, self._chain(style_id)) if b is not None), None)

    def numbering_of(self, style_id: str) -> str | None:
        """The numId a numbering style (``w:numStyleLink`` target) stands for."""
        style = self._styles.get(style_id)
        numpr = style.find(f"{w('pPr')}/{w('numPr')}") if style is not None else None
        return _val(numpr, "numId") if numpr is not None else None

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        chain: list[etree._Element] = []
        while style_id in self._styles and len(chain) < _MAX_CHAIN:
            style = self._styles[style_id]
            if style in chain:
                break
            chain.append(style)
            style_id = _val(style, "basedOn")
        return chain


def _val(element: etree._Element, child: str) -> str | None:
    found = element.find(w(child))
    return found.get(W_VAL) if found is not None else None


def _name(style: etree._Element) -> str:
    return _val(style, "name") or ""


def _bold(style: etree._Element) -> bool | None:
    b = style.find(f"{w('rPr')}/{w('b')}")
    return None if b is None else is_on(b)
