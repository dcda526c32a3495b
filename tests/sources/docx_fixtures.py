"""Word documents for the tests, written at test time with python-docx (no binary fixtures in the repository).

Where python-docx has no API — footnotes, list numbering definitions, tracked changes, fields — the
builder writes the WordprocessingML itself. It records what it wrote: per Randnummer (``None`` for
text before the first) the label, the heading path and the words a reader must find — the body text,
then the entry's footnotes — so a test can check that no word was lost, moved or added.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from indexer.sources.normalize import normalize_text

W = nsdecls("w")
_TRACK = 'w:author="Lektorat" w:date="2024-03-01T10:00:00Z"'


def words(text: str) -> list[str]:
    return normalize_text(text).split()


@dataclass
class Expected:
    label: str | None
    headings: tuple[str, ...]
    words: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # words of the entry's footnotes, in order

    @property
    def all_words(self) -> list[str]:
        return self.words + self.notes


class Builder:
    """A python-docx Document plus the record of what a reader must find in it."""

    def __init__(self, *, title: str = "", author: str = "") -> None:
        self.doc = docx.Document()
        self.doc.core_properties.title = title
        self.doc.core_properties.author = author  # the template's own author is "python-docx"
        self.expected: list[Expected] = []
        self._path: list[tuple[int, str]] = []
        self._footnotes: list[str] = []
        self._ids = 100  # ids of tracked changes

    # ------------------------------------------------------------------------------------------ bookkeeping

    @property
    def labels(self) -> list[str | None]:
        return [e.label for e in self.expected]

    def _start(self, label: str) -> None:
        self.expected.append(Expected(label, tuple(t for _, t in self._path)))

    def _current(self) -> Expected:
        if not self.expected:
            self.expected.append(Expected(None, tuple(t for _, t in self._path)))
        return self.expected[-1]

    def _record(self, text: str) -> None:
        self._current().words.extend(words(text))

    def _heading_path(self, level: int, text: str) -> None:
        while self._path and self._path[-1][0] >= level:
            self._path.pop()
        self._path.append((level, text))

    # ------------------------------------------------------------------------------------------ headings

    def heading(self, text: str, level: int) -> None:
        """A paragraph in Word's built-in heading style ("heading 1" …)."""
        self.doc.add_heading(text, level)
        self._heading_path(level, text)

    def styled_heading(self, text: str, style_name: str, level: int) -> None:
        """A heading style known only by its name (no outline level), e.g. "Überschrift 2"."""
        styles = self.doc.styles
        if style_name not in [s.name for s in styles]:
            styles.add_style(style_name, WD_STYLE_TYPE.PARAGRAPH)
        self.doc.add_paragraph(text, style=style_name)
        self._heading_path(level, text)

    def outline_line(self, text: str, level: int) -> None:
        """A bold line such as "A. Allgemeines" in the body style; ``level`` orders it below heading styles."""
        self.doc.add_paragraph().add_run(text).bold = True
        self._heading_path(9 + level, text)

    def table_of_contents(self, lines: list[str]) -> None:
        """A table of contents: a TOC field in a content control (Word's, and LibreOffice's in the body
        style); then one more line in the "toc 1" style outside any control, as older documents have it.
        None of it is text."""
        paragraphs = [f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines]
        field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" '
                 '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        paragraphs[0] = paragraphs[0].replace("<w:p>", "<w:p>" + field, 1)
        paragraphs[-1] = paragraphs[-1].replace("</w:p>", '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
        sdt = parse_xml(f'<w:sdt {W}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
                        f'</w:docPartObj></w:sdtPr><w:sdtContent>{"".join(paragraphs)}</w:sdtContent></w:sdt>')
        self.doc.element.body.sectPr.addprevious(sdt)
        self.doc.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
        self.doc.add_paragraph(lines[-1], style="toc 1")

    # ------------------------------------------------------------------------------------------ Randnummern

    def bold_rz(self, label: str, text: str, *, note: str | None = None) -> Paragraph:
        """``**12** Der Träger …``: a bold leading run is the Randnummer."""
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(label).bold = True
        paragraph.add_run(" " + text)
        self._start(label.removeprefix("Rn. ").strip())
        self._record(text)
        if note is not None:
            self.footnote(paragraph, note)
        return paragraph

    def text_rz(self, marker: str, label: str, text: str) -> None:
        """``Rz. 12 Der Träger …`` written as text."""
        self.doc.add_paragraph(f"{marker} {label} {text}")
        self._start(label)
        self._record(text)

    def numbered_rz(self, label: str, text: str, *, num_id: int | None = None) -> None:
        """A paragraph in the "Randnummer" style, whose list numbering shows ``label`` (not in the text)."""
        paragraph = self.doc.add_paragraph(text, style="Randnummer")
        if num_id is not None:  # another numbering instance than the style's
            paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:numId w:val="{num_id}"/></w:numPr>'))
        self._start(label)
        self._record(text)

    def margin_style(self, *, start: int) -> tuple[int, int]:
        """Define the "Randnummer" paragraph style, numbered "%1" from ``start`` (a w:startOverride);
        returns the ids of two more instances of the same list: one restarting it at 20, one without
        an override (LibreOffice writes those where a list goes on)."""
        numbering = self.doc.part.numbering_part.element
        abstract = parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="90"><w:multiLevelType w:val="singleLevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Randnummer"/>'
            '<w:lvlText w:val="%1"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>')
        numbering.find(qn("w:num")).addprevious(abstract)  # abstract definitions precede the instances
        for num_id, first in ((90, start), (91, 20), (92, None)):
            override = f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{first}"/></w:lvlOverride>' if first else ""
            numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="90"/>{override}'
                                       '</w:num>'))
        style = self.doc.styles.add_style("Randnummer", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles["Normal"]
        style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:numId w:val="90"/></w:numPr>'))
        return 91, 92

    def table(self, rows: list[tuple[str, list[str]]], *, header: tuple[str, str] | None = None) -> None:
        """A number | text table: one row per Randnummer (an empty number continues the one above)."""
        table = self.doc.add_table(rows=0, cols=2)
        if header is not None:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = header
            self._record(" | ".join(header))  # a row that is no Randnummer reads as its cells joined
        for label, paragraphs in rows:
            cells = table.add_row().cells
            cells[0].text = label
            cells[1].text = paragraphs[0]
            for more in paragraphs[1:]:
                cells[1].add_paragraph(more)
            if label:
                self._start(label)
            for text in paragraphs:
                self._record(text)

    def data_table(self, rows: list[list[str]]) -> None:
        """A table of data (three columns): each row one paragraph of the entry, cells joined by " | "."""
        table = self.doc.add_table(rows=0, cols=len(rows[0]))
        for texts in rows:
            for cell, text in zip(table.add_row().cells, texts, strict=True):
                cell.text = text
            self._record(" | ".join(texts))

    # ------------------------------------------------------------------------------------------ text

    def paragraph(self, text: str, *, style: str | None = None) -> Paragraph:
        paragraph = self.doc.add_paragraph(text, style=style)
        self._record(text)
        return paragraph

    def footnote(self, paragraph: Paragraph, text: str) -> int:
        """A footnote reference at the end of ``paragraph``; the note's text goes into word/footnotes.xml."""
        if not self._footnotes:
            self.doc.part.relate_to(_FootnotesPart(self._footnotes, self.doc.part.package), RT.FOOTNOTES)
        self._footnotes.append(text)
        number = len(self._footnotes)
        paragraph._p.append(parse_xml(f'<w:r {W}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                      f'<w:footnoteReference w:id="{number}"/></w:r>'))
        entry = self._current()
        if entry.words:
            entry.words[-1] += f"[{number}]"  # the mark follows the last word without a space
        entry.notes.extend(words(text))
        return number

    def tracked(self, before: str, inserted: str, deleted: str, after: str) -> None:
        """One paragraph with a tracked insertion and a tracked deletion (accepted: inserted kept, deleted gone)."""
        paragraph = self.doc.add_paragraph(before)
        self._ids += 2
        paragraph._p.append(parse_xml(f'<w:ins {W} w:id="{self._ids}" {_TRACK}><w:r><w:t xml:space="preserve">'
                                      f'{escape(inserted)}</w:t></w:r></w:ins>'))
        paragraph._p.append(parse_xml(f'<w:del {W} w:id="{self._ids + 1}" {_TRACK}><w:r><w:delText '
                                      f'xml:space="preserve">{escape(deleted)}</w:delText></w:r></w:del>'))
        paragraph.add_run(after)
        self._record(before + inserted + after)

    def deleted_paragraph_mark(self, first: str, second: str) -> None:
        """Two paragraphs whose break was deleted with tracking on: accepted, they are one."""
        joined = self.doc.add_paragraph(first)
        joined._p.get_or_add_pPr().append(parse_xml(f'<w:rPr {W}><w:del w:id="{self._ids + 5}" {_TRACK}/></w:rPr>'))
        self._ids += 5
        self.doc.add_paragraph(second)
        self._record(first + second)

    def field(self, before: str, instruction: str, result: str, after: str) -> None:
        """A complex field (``{ REF … }``) inside a paragraph: its result is text, its instruction is not."""
        paragraph = self.doc.add_paragraph(before)
        for xml in ('<w:fldChar w:fldCharType="begin"/>', f'<w:instrText xml:space="preserve">{escape(instruction)}'
                    '</w:instrText>', '<w:fldChar w:fldCharType="separate"/>',
                    f'<w:t xml:space="preserve">{escape(result)}</w:t>', '<w:fldChar w:fldCharType="end"/>'):
            paragraph._p.append(parse_xml(f"<w:r {W}>{xml}</w:r>"))
        paragraph.add_run(after)
        self._record(before + result + after)

    def header_footer(self, header: str, footer: str, first_page: str) -> None:
        """Running header and footer, and a first-page header: none of it is commentary text."""
        section = self.doc.sections[0]
        section.header.paragraphs[0].text = header
        section.footer.paragraphs[0].text = footer
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = first_page

    # ------------------------------------------------------------------------------------------ output

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


class _FootnotesPart(Part):
    """word/footnotes.xml (python-docx has no footnote API), written from the notes as they are when saved."""

    def __init__(self, notes: list[str], package: OpcPackage) -> None:
        super().__init__(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, b"", package)
        self._notes = notes

    @property
    def blob(self) -> bytes:
        notes = "".join(
            f'<w:footnote w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/>'
            f'</w:r><w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
            for i, text in enumerate(self._notes, 1))
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
               f'</w:p></w:footnote>{notes}</w:footnotes>')
        return xml.encode("utf-8")
