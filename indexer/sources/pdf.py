"""PDF commentaries and guidance (the Bundesagentur's "Fachliche Weisungen") with a text layer.

Three steps, one module each: :mod:`.pdfread` opens the file with pypdfium2 and lists each page's
words with their positions, sizes and weight; :mod:`.pdflayout` drops page furniture, finds the
margin column, columns and footnotes and cuts the text into paragraphs in reading order; this
module turns those paragraphs into the events :func:`~.commentary.assemble` makes entries of.

A paragraph starts a Randnummer when

* the margin column holds a label beside it (``12``, ``12a``, ``Rn. 12.1`` — left or right, bold or not);
* it begins with a marker as in plain text (``Rn. 12 Der …``, ``Rz. 12.1 …``) or with a dotted
  label in parentheses (``(21.1) Die Agentur …``), followed by a paragraph start (not ``ff.``);
* it begins with a bold number (``12`` set bold, then ``Der …``), or with any number when the
  manifest says ``marker_style = "number"``.

Outline lines (``A. Allgemeines``, ``I. Normzweck``, ``§ 6a Zugelassene kommunale Träger``) right
before a Randnummer are the heading path; bullet and ``a)`` / ``1.`` lines are list items; footnotes
become FOOTNOTE blocks of the entry citing them (``[n]`` in the text). Words hyphenated at a line
end are joined ("Verwaltungsv-" + "orschriften"), real hyphens kept ("SGB-" + "II-Leistungen",
"Arbeits-" + "und Sozialrecht"). Entries are located by page (``SourceLocation.element`` = "page 3");
a PDF has no source lines.
"""

from __future__ import annotations

import re
from pathlib import Path

from kb.model import RZ_LABEL, BlockKind, Problem, RzNumber, WorkKind

from .base import ParsedSource, SourceError, warning
from .commentary import Event, Heading, Marker, Piece, assemble
from .metadata import WorkMeta, make_work
from .normalize import normalize_text
from .pdflayout import Paragraph, Role, paragraphs
from .pdfread import PdfText, read_pdf
from .plaintext import MARKER, NORM_TITLE, OUTLINE, heading_level

_LABEL = RZ_LABEL
# "(21.1) Die …": in parentheses only a label with a sub-number (the lookahead asks for the dot)
_PAREN_MARKER = re.compile(rf"^\((?P<label>(?=\d+[a-z]{{0,2}}\.){_LABEL})\)\s+(?P<rest>\S.*)$")
_BARE_MARKER = re.compile(rf"^(?P<label>{_LABEL})\s+(?P<rest>\S.*)$")
_PARAGRAPH_START = re.compile(r"^[A-ZÄÖÜ„\"»§(\[]")
_CONTINUATION = re.compile(r"^(?:ff?\.|bis\b|u\.|und\b|[-–,;)/])")
_BULLET = re.compile(r"^(?P<bullet>[-•–*·▪◦])\s+(?P<content>\S.*)$")
_ENUM = re.compile(r"^(?P<label>[a-z]{1,2}|\d{1,2})(?P<punct>[.)])\s+(?P<content>\S.*)$")
_HYPHENS = ("-", "\u2010", "\u00ad")
# After "Arbeits-" these words show a suspended compound ("Arbeits- und Sozialrecht"), not a line-end split.
_SUSPENDED = frozenset(("und", "oder", "bzw.", "sowie", "bis", "als", "wie", "noch", "u.", "o.", "beziehungsweise",
                        "respektive", "resp.", "statt"))
_NO_TEXT = "no text layer (scanned pages?): run OCR first, e.g. ocrmypdf"


def parse_pdf(data: bytes, *, path: Path, rel_path: str, meta: WorkMeta) -> ParsedSource:
    """Parse a PDF commentary; raises SourceError if it is encrypted, broken or has no text layer."""
    pdf = read_pdf(data, rel_path)
    if not any(page.words for page in pdf.pages):
        raise SourceError.at(rel_path, _NO_TEXT)
    merged = _document_meta(pdf, rel_path).merged(meta)
    work, problems = make_work(merged, path=path, rel_path=rel_path, encoding="pdf")
    if work.kind is not WorkKind.COMMENTARY:
        raise SourceError.at(rel_path, "PDF sources are commentaries; statutes come as gesetze-im-internet XML")
    events = pdf_events(paragraphs(pdf), marker_style=merged.marker_style or "auto")
    extra = _reading_problems(pdf, rel_path)
    if not any(isinstance(e, Marker) for e in events):
        extra.append(warning(rel_path, "no Randnummern found (no margin column, no 'Rn. 12' / '(21.1)' / bold "
                                       "number leading a paragraph); the text is kept as one unnumbered entry"))
    entries, assembly_problems = assemble(events, work, rel_path)
    return ParsedSource(work, entries, (*extra, *problems, *assembly_problems))


def _document_meta(pdf: PdfText, rel_path: str) -> WorkMeta:
    """Title and authors from the PDF's document info (the manifest wins field by field)."""
    values = {"title": pdf.title, "authors": pdf.authors}
    return WorkMeta.from_mapping({k: v for k, v in values.items() if v}, f"{rel_path} document info")


def _reading_problems(pdf: PdfText, rel_path: str) -> list[Problem]:
    problems = []
    if pdf.truncated:
        problems.append(warning(rel_path, "no end-of-file marker: the PDF may be truncated (pages after the cut are "
                                          "missing); re-export or re-download it"))
    scanned = [str(page.number) for page in pdf.pages if page.has_images and not page.words]
    if scanned:
        problems.append(warning(rel_path, f"page(s) {', '.join(scanned)} have images but no text layer (scanned?): "
                                          "their text is missing; run OCR first, e.g. ocrmypdf"))
    return problems


# ------------------------------------------------------------------------------------------------ events

def pdf_events(paras: list[Paragraph], *, marker_style: str = "auto") -> list[Event]:
    """Turn layout paragraphs into commentary events (markers, headings, pieces)."""
    items = [(p, _text(p)) for p in paras]
    events: list[Event] = []
    state: dict[int, str] = {}
    for i, (para, text) in enumerate(items):
        where = f"page {para.page}"
        if para.role is Role.FOOTNOTE:
            events.append(Piece(BlockKind.FOOTNOTE, text, para.label, element=where))
            continue
        marker = _marker(para, text, marker_style)
        if marker is not None:
            label, rest, shown = marker
            events.append(Marker(RzNumber.parse(label), element=where, shown=shown))
            if rest:
                events.append(_piece(rest, where))
            continue
        outline = _outline_label(text)
        if outline is not None and _before_marker(items, i, marker_style):
            level = heading_level(outline, state)
            state[level] = outline.rstrip(".)")
            for deeper in [k for k in state if k > level]:
                del state[deeper]
            events.append(Heading(text, level))
            continue
        events.append(_piece(text, where))
    return events


def _text(para: Paragraph) -> str:
    joined = para.lines[0]
    for line in para.lines[1:]:
        joined = _join(joined, line)
    return " ".join(normalize_text(joined).split())


def _join(left: str, right: str) -> str:
    """Join two lines of a paragraph, undoing line-end hyphenation but keeping real hyphens."""
    if not left.endswith(_HYPHENS) or len(left) < 2 or not left[-2].isalnum():
        return f"{left} {right}"
    if left.endswith("\u00ad"):
        return left[:-1] + right  # a soft hyphen is hyphenation by definition
    first = right.split(" ", 1)[0]
    if first in _SUSPENDED:
        return f"{left} {right}"  # "Arbeits- und Sozialrecht"
    if left[-2].islower() and right[:1].islower():
        return left[:-1] + right  # "Verwaltungsv-" + "orschriften"
    return left + right  # "SGB-" + "II-Leistungen", "§§ 12-" + "15": the hyphen is part of the text


def _marker(para: Paragraph, text: str, style: str) -> tuple[str, str, str] | None:
    """(label, rest, label as printed) when the paragraph starts a Randnummer."""
    if para.label is not None:
        return para.label, text, para.label  # a margin-column number
    for pattern in (MARKER, _PAREN_MARKER, _BARE_MARKER):
        m = pattern.match(text)
        if m is None:
            continue
        rest = m.group("rest").strip()
        if pattern is _BARE_MARKER and not (para.lead_bold or style == "number"):
            continue
        if not rest or (_PARAGRAPH_START.match(rest) and not _CONTINUATION.match(rest)):
            return m.group("label"), rest, text[:m.start("rest")].strip()
    return None


def _outline_label(text: str) -> str | None:
    """The outline label of a heading-like paragraph ("A.", "I.", "a)", "§" for a norm title), else None."""
    if len(text) > 160 or text.endswith((".", ",", ";", ":")):
        return None
    if NORM_TITLE.match(text):
        return "§"
    m = OUTLINE.match(text)
    return m.group("label") if m else None


def _before_marker(items: list[tuple[Paragraph, str]], i: int, style: str) -> bool:
    """Is the next body paragraph after ``i`` that is no outline line a Randnummer? (headings sit between entries)"""
    for para, text in items[i + 1:]:
        if para.role is Role.FOOTNOTE or (_outline_label(text) is not None and _marker(para, text, style) is None):
            continue
        return _marker(para, text, style) is not None
    return False


def _piece(text: str, where: str) -> Piece:
    if m := _BULLET.match(text):
        return Piece(BlockKind.LIST_ITEM, text, element=where, content_start=m.start("content"))
    if m := _ENUM.match(text):
        return Piece(BlockKind.LIST_ITEM, text, m.group("label"), element=where, content_start=m.start("content"))
    return Piece(BlockKind.PARAGRAPH, text, element=where)
