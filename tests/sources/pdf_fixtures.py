"""Commentary PDFs made at test time with reportlab, and the text each one is expected to yield.

:func:`build_pdf` lays out a list of :class:`Para` the way a publisher would: wrapped lines on A4,
Randnummern in a margin column (left or right, bold or not), one or two columns, running header
and footer with the page number, footnotes in smaller type at the bottom of the column whose text
carries their mark, a forced line-end hyphenation. Paragraph text uses a small markup:

* ``{3}`` — footnote mark 3 (superscript) after the word it touches; its text is ``footnotes["3"]``;
* ``~`` inside a word — the line ends here; a hyphen is drawn unless the word part already ends in one
  ("Verwaltungsv~orschriften", "SGB-~II-Leistungen");
* ``\\n`` between words — the line ends here ("Arbeits-\\nund Sozialrecht").

:func:`expected_text` is what a reader must return for a paragraph: marks as ``[3]``, the markup removed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

PAGE_W, PAGE_H = A4
TOP, BOTTOM = 70.0, 70.0  # body frame margins (header and footer sit outside the frame)
LEFT, RIGHT = 100.0, 80.0
SIZE, PITCH, PARA_GAP = 10.0, 12.5, 6.0
NOTE_SIZE, NOTE_PITCH = 8.0, 9.5
SUP_SIZE, SUP_RISE = 6.0, 3.6
GUTTER = 24.0  # between two columns (margin labels between them need a wider one: Layout.gutter)
_MARK = re.compile(r"\{(\d{1,3})\}")


@dataclass(frozen=True)
class Para:
    text: str
    label: str | None = None  # Randnummer drawn in the margin column beside the first line
    heading: bool = False  # an outline heading, set bold on its own line
    bold_lead: bool = False  # the first word set bold (a bold number leading the paragraph)


@dataclass(frozen=True)
class Layout:
    margin: str = "left"  # side of the margin column: "left" or "right"
    bold_labels: bool = True
    columns: int = 1
    header: str | None = "Beispielkommentar zum SGB II · Zugelassene kommunale Träger"
    footer: str | None = "Seite {page}"
    footnotes: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    author: str | None = None
    encrypt: str | None = None
    gutter: float = GUTTER
    width: float = PAGE_W - LEFT - RIGHT  # of the text frame (both columns and the gutter)


def expected_text(text: str) -> str:
    """The text a reader returns for paragraph ``text`` of the markup above."""
    return " ".join(_MARK.sub(r"[\1]", text).replace("~", "").split())


@dataclass(frozen=True)
class Built:
    data: bytes
    pages: int
    split: tuple[int, ...]  # indices of the paragraphs that run across a page or column break
    page_of: tuple[int, ...]  # page on which each paragraph starts


def build_pdf(paras: list[Para], layout: Layout = Layout()) -> Built:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, encrypt=layout.encrypt, invariant=1)
    if layout.title:
        canvas.setTitle(layout.title)
    if layout.author:
        canvas.setAuthor(layout.author)
    setter = _Typesetter(canvas, layout)
    setter.run(paras)
    canvas.save()
    return Built(buffer.getvalue(), setter.page, tuple(setter.split), tuple(setter.page_of))


# A word is a list of (text, superscript) segments; a line is a list of words.
_Word = list[tuple[str, bool]]


class _Typesetter:
    def __init__(self, canvas: Canvas, layout: Layout) -> None:
        self.c, self.layout = canvas, layout
        self.page, self.column = 1, 0
        self.col_width = (layout.width - layout.gutter * (layout.columns - 1)) / layout.columns
        self.y = PAGE_H - TOP
        self.notes: list[list[str]] = []  # footnote lines of the current column
        self.split: list[int] = []
        self.page_of: list[int] = []

    # -------------------------------------------------------------------------------- frame

    @property
    def x0(self) -> float:
        return LEFT + self.column * (self.col_width + self.layout.gutter)

    def notes_height(self, extra: list[list[str]] | None = None) -> float:
        lines = sum(len(n) for n in [*self.notes, *(extra or [])])
        return lines * NOTE_PITCH + (6.0 if lines else 0.0)

    def next_column(self) -> None:
        self.draw_notes()
        if self.column + 1 < self.layout.columns:
            self.column += 1
        else:
            self.finish_page()
            self.c.showPage()
            self.page += 1
            self.column = 0
        self.y = PAGE_H - TOP

    def finish_page(self) -> None:
        self.c.setFont("Helvetica", 8)
        if self.layout.header:
            self.c.drawString(LEFT, PAGE_H - 40, self.layout.header)
        if self.layout.footer:
            self.c.drawCentredString(LEFT + self.layout.width / 2, 36, self.layout.footer.format(page=self.page))

    def draw_notes(self) -> None:
        y = BOTTOM + self.notes_height() - 6.0 - NOTE_SIZE
        for note in self.notes:
            for line in note:
                self.c.setFont("Times-Roman", NOTE_SIZE)
                self.c.drawString(self.x0, y, line)
                y -= NOTE_PITCH
        self.notes = []

    # -------------------------------------------------------------------------------- text

    def run(self, paras: list[Para]) -> None:
        for index, para in enumerate(paras):
            self.paragraph(para, index)
        self.draw_notes()
        self.finish_page()

    def paragraph(self, para: Para, index: int) -> None:
        font = "Times-Bold" if para.heading else "Times-Roman"
        lines = self.wrap(_words(para.text), font)
        if self.y < PAGE_H - TOP:
            self.y -= PARA_GAP + (PARA_GAP if para.heading else 0.0)
        for i, line in enumerate(lines):
            marks = [seg for word in line for seg, sup in word if sup]
            notes = [self.wrap_note(m, self.layout.footnotes[m]) for m in marks]
            if self.y - PITCH < BOTTOM + self.notes_height(notes):
                self.next_column()
                if i:
                    self.split.append(index)
            if not i:
                self.page_of.append(self.page)
            self.y -= PITCH
            self.notes.extend(notes)
            self.draw_line(line, font, bold_first=para.bold_lead and i == 0)
            if i == 0 and para.label:
                self.draw_label(para.label)

    def draw_label(self, label: str) -> None:
        self.c.setFont("Times-Bold" if self.layout.bold_labels else "Times-Roman", 9)
        if self.layout.margin == "left":
            self.c.drawRightString(self.x0 - 14, self.y, label)
        else:
            self.c.drawString(self.x0 + self.col_width + 14, self.y, label)

    def draw_line(self, line: list[_Word], font: str, *, bold_first: bool) -> None:
        x = self.x0
        for n, word in enumerate(line):
            for text, sup in word:
                if sup:
                    self.c.setFont("Times-Roman", SUP_SIZE)
                    self.c.drawString(x, self.y + SUP_RISE, text)
                    x += stringWidth(text, "Times-Roman", SUP_SIZE)
                else:
                    face = "Times-Bold" if bold_first and n == 0 else font
                    self.c.setFont(face, SIZE)
                    self.c.drawString(x, self.y, text)
                    x += stringWidth(text, face, SIZE)
            x += stringWidth(" ", font, SIZE)

    def wrap(self, words: list[_Word | None], font: str) -> list[list[_Word]]:
        """Greedy line filling; ``None`` is a forced break, a word ending in "~" a forced hyphenation."""
        lines: list[list[_Word]] = [[]]
        width = 0.0
        space = stringWidth(" ", font, SIZE)
        for word in words:
            if word is None:
                lines.append([])
                width = 0.0
                continue
            w = sum(stringWidth(t, "Times-Roman" if sup else font, SUP_SIZE if sup else SIZE) for t, sup in word)
            if lines[-1] and width + space + w > self.col_width:
                lines.append([])
                width = 0.0
            lines[-1].append(word)
            width += (space if width else 0.0) + w
            if word[-1][0].endswith("~"):
                text = word[-1][0][:-1]
                word[-1] = (text if text.endswith("-") else text + "-", False)
                lines.append([])
                width = 0.0
        return [line for line in lines if line]

    def wrap_note(self, mark: str, text: str) -> list[str]:
        lines, line = [], f"{mark}"
        for word in text.split():
            if stringWidth(f"{line} {word}", "Times-Roman", NOTE_SIZE) > self.col_width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}"
        return [*lines, line]


def _words(text: str) -> list[_Word | None]:
    """Markup → words of segments; ``~`` splits a word in two (the first part keeps the "~"), ``None`` = break."""
    out: list[_Word | None] = []
    for token in text.replace("\n", " \n ").split(" "):
        if token == "\n":
            out.append(None)
            continue
        for part in re.split(r"(?<=~)", token):
            if part:
                pieces = _MARK.split(part)
                out.append([(p, i % 2 == 1) for i, p in enumerate(pieces) if p])
    return out
