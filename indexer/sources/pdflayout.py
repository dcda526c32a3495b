"""Layout analysis of a PDF's text layer: positioned words → paragraphs in reading order.

Everything is decided from the layout itself — positions, sizes, repetition across pages — never
from one publisher's coordinates:

* **Footnote marks**: a short number raised above or smaller than the word it touches becomes
  ``[n]``, the spelling :func:`~.commentary.footnote_refs` knows.
* **Page furniture**: rows among the first or last three of a page that recur (digits aside) on at
  least two pages and 40 % of them — running headers, footers, "Seite 3 von 9" — and a lone page
  number as a page's outermost row are dropped. A one-page PDF has nothing to compare with: there
  the outermost rows in smaller type than the row next to them and over two lines away go.
* **Margin column**: a Randnummer label (``12``, ``12a``, ``12.1``, optionally ``Rn.`` before it),
  standing apart from its row, in a strip of the page that (nearly) no other text covers, and
  aligned with another such label — left or right of the text, at any x, bold or not. It marks the
  body line beside it (or the nearest one) as the start of a numbered paragraph.
* **Columns**: a vertical strip at least 1.5 ems wide that (nearly) no row covers, with text on
  both sides, is a gutter; rows that bridge it (a full-width heading) split the page into bands,
  each read column by column.
* **Footnotes**: the smaller-type lines at the bottom of a column starting with their number
  (a line without one continues the previous footnote, also across pages). They are emitted after
  the body paragraph that is open when they appear, so they never split a sentence.
* **Paragraphs** break at a margin label, extra vertical space, a change of size or weight, a
  bullet, outline line or bold number leading a line, a marker ("Rn. 12 Der …") after a finished
  sentence, and after a sentence that ends short of a justified column's edge or before an
  indented line. A paragraph running across a column or page break stays one paragraph.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum

import numpy as np

from kb.model import RZ_LABEL

from .pdfread import Page, PdfText, Word
from .plaintext import NORM_TITLE, OUTLINE

_LABEL = re.compile(rf"^{RZ_LABEL}$")
_LABEL_PREFIX = re.compile(r"^(?:Rz|Rn|Rdnr|Rdn|Randnr|Randnummer)\.?$", re.IGNORECASE)
_MARK = re.compile(r"^(\d{1,3})\)?$")
_FOOTNOTE_START = re.compile(r"^(?:\[(?P<a>\d{1,3})\]\s*|(?P<b>\d{1,3})[.)]?\s+)(?=\S)")
_PAGE_NUMBER = re.compile(r"^(?:(?:seite|s\.|page|p\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:/|von|of)\s*\d{1,4})?$",
                          re.IGNORECASE)
_BULLET = re.compile(r"^[-•–*·▪◦]\s")
_ENUM = re.compile(r"^(?:[a-z]{1,2}\)|\d{1,2}\.|\(\d{1,2}\))\s")
# "Rn. 12 Der …", "(21.1) Die …" at a line start after a finished sentence: a new Randnummer, whatever the spacing
_INLINE_MARKER = re.compile(rf"^(?:(?i:Rz|Rn|Rdnr|Rdn|Randnr|Randnummer)\.?\s?{RZ_LABEL}"
                            rf"|\((?=\d+[a-z]{{0,2}}\.){RZ_LABEL}\))\s+[A-ZÄÖÜ„\"»§(\[]")
_SENTENCE_END = re.compile(r"[.!?:;]['\"“”»«’)]?$")
_FURNITURE_ROWS = 3  # rows at the top and at the bottom of a page that may be running headers / footers


class Role(StrEnum):
    BODY = "body"
    FOOTNOTE = "footnote"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph (or one footnote) as printed: its lines' text, hyphens and all, in reading order.

    ``label`` is the Randnummer from the margin column (body) or the footnote number (footnote,
    stripped from the text); ``lead_bold``: the first word is bold (a bold number leading it).
    """

    role: Role
    lines: tuple[str, ...]
    page: int
    label: str | None = None
    lead_bold: bool = False


class _Line:
    """One line of one column: its words left to right, their text and the box around them."""

    __slots__ = ("baseline", "bold", "bottom", "justified", "label", "page", "short", "size", "text", "top", "words",
                 "x0", "x1")

    def __init__(self, words: list[Word], page: int) -> None:
        self.words = sorted(words, key=lambda w: w.x0)
        self.page = page
        self.label: str | None = None  # Randnummer from the margin column
        self.short = False  # ends well before the column's right edge (set per flow)
        self.justified = False  # its column is set justified (set per flow)
        parts: list[str] = []
        for prev, word in zip([None, *self.words], self.words, strict=False):
            if prev is not None and word.x0 - prev.x1 > 0.12 * min(word.size, prev.size):
                parts.append(" ")
            parts.append(word.text)
        self.text = "".join(parts)
        main = max(self.words, key=lambda w: len(w.text))
        self.x0, self.x1 = self.words[0].x0, max(w.x1 for w in self.words)
        self.top, self.bottom = min(w.top for w in self.words), max(w.bottom for w in self.words)
        self.baseline, self.size = main.baseline, main.size
        self.bold = all(w.bold for w in self.words)


@dataclass(frozen=True, slots=True)
class _Label:
    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(slots=True)
class _Flow:
    """The lines of one column of one band of a page, top to bottom; ``footnotes``: its small-type bottom lines."""

    lines: list[_Line]
    footnotes: list[_Line] = field(default_factory=list)

    @property
    def right(self) -> float:
        return max(line.x1 for line in self.lines)


def paragraphs(pdf: PdfText) -> list[Paragraph]:
    """The body paragraphs and footnotes of ``pdf`` in reading order (page furniture removed)."""
    pages = [_with_marks(page) for page in pdf.pages]
    pages = _without_furniture(pages)
    body = _body_size(pages)
    labels = _margin_labels(pages)
    flows: list[_Flow] = []
    for page in pages:
        taken = {id(w) for lab in labels.get(page.number, ()) for w in lab[1]}
        words = [w for w in page.words if id(w) not in taken]
        page_flows = list(_flows(page, words, body))
        _attach_labels([lab for lab, _ in labels.get(page.number, ())], [x for f in page_flows for x in f.lines])
        flows.extend(page_flows)
    return _Builder(body).run(flows)


# ------------------------------------------------------------------------------------------------ footnote marks

def _with_marks(page: Page) -> Page:
    """Rewrite superscript / smaller numbers touching a larger word as ``[n]`` on that word's line."""
    words = list(page.words)
    by_baseline = sorted(words, key=lambda w: w.baseline)
    baselines = [w.baseline for w in by_baseline]
    for i, word in enumerate(words):
        m = _MARK.match(word.text)
        if not m:
            continue
        # a host's baseline lies below the mark's middle, within the host's own height
        middle = (word.top + word.bottom) / 2
        near = by_baseline[bisect.bisect_left(baselines, middle):bisect.bisect_right(baselines, middle + 3 * word.size)]
        host = next((h for h in near if h is not word and _hosts(h, word)), None)
        if host is not None:
            words[i] = replace(word, text=f"[{m.group(1)}]", top=host.top, bottom=host.bottom,
                               baseline=host.baseline, size=host.size, bold=host.bold)
    return replace(page, words=tuple(words))


def _hosts(host: Word, mark: Word) -> bool:
    """Is ``mark`` a footnote mark raised above or smaller than ``host``, right after or before it?"""
    size = host.size
    middle = (mark.top + mark.bottom) / 2
    if not host.top <= middle <= (host.top + host.bottom) / 2:
        return False  # a number beside a word but not raised (a margin label close to the text) is no mark
    if not (mark.size <= 0.85 * size or host.baseline - mark.baseline >= 0.15 * size):
        return False
    return -0.1 * size <= mark.x0 - host.x1 <= 0.35 * size or -0.1 * size <= host.x0 - mark.x1 <= 0.35 * size


# ------------------------------------------------------------------------------------------------ rows and furniture

def _rows(words: Iterable[Word]) -> list[list[Word]]:
    """Words grouped by baseline (across the whole width), top to bottom."""
    rows: list[list[Word]] = []
    anchor = 0.0
    for word in sorted(words, key=lambda w: w.baseline):
        if rows and word.baseline - anchor <= 0.25 * max(word.size, rows[-1][0].size):
            rows[-1].append(word)
        else:
            rows.append([word])
            anchor = word.baseline
    for row in rows:
        row.sort(key=lambda w: w.x0)
    return rows


def _row_text(row: list[Word]) -> str:
    return " ".join(w.text for w in row)


def _furniture_key(row: list[Word]) -> str:
    return re.sub(r"\d+", "#", " ".join(_row_text(row).lower().split()))


def _without_furniture(pages: list[Page]) -> list[Page]:
    """Drop running headers / footers (rows recurring at the top or bottom) and lone page numbers."""
    edges: list[tuple[list[list[Word]], list[list[Word]]]] = []
    seen: Counter[tuple[str, str]] = Counter()
    for page in pages:
        rows = _rows(page.words)
        top, bottom = rows[:_FURNITURE_ROWS], rows[-_FURNITURE_ROWS:][len(rows[:-_FURNITURE_ROWS]) < 0:]
        edges.append((top, bottom))
        seen.update({("top", _furniture_key(r)) for r in top} | {("bottom", _furniture_key(r)) for r in bottom})
    needed = max(2, 0.4 * len(pages))
    out = []
    for page, (top, bottom) in zip(pages, edges, strict=True):
        drop: set[int] = set()
        for zone, rows in (("top", top), ("bottom", bottom)):
            for row in rows:
                if seen[(zone, _furniture_key(row))] >= needed:
                    drop.update(id(w) for w in row)
        for row in (top[:1] + bottom[-1:]):
            if _PAGE_NUMBER.match(_row_text(row)):
                drop.update(id(w) for w in row)
        if len(pages) == 1:  # nothing to compare with: take small-type rows set apart at the edges
            drop.update(id(w) for row in _set_apart(_rows(page.words)) for w in row)
        out.append(replace(page, words=tuple(w for w in page.words if id(w) not in drop)))
    return out


def _set_apart(rows: list[list[Word]]) -> list[list[Word]]:
    """The first and last row of a page when in smaller type than the row next to it and over two lines away."""
    out = []
    for edge, neighbour in ((rows[0], rows[1]), (rows[-1], rows[-2])) if len(rows) > 1 else ():
        size = max(w.size for w in neighbour)
        if (all(w.size < 0.95 * size for w in edge) and abs(edge[0].baseline - neighbour[0].baseline) > 2.5 * size
                and not _FOOTNOTE_START.match(_row_text(edge))):
            out.append(edge)
    return out


def _body_size(pages: list[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for word in page.words:
            sizes[round(word.size, 1)] += len(word.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


# ------------------------------------------------------------------------------------------------ margin column

def _coverage(words: Iterable[Word], width: float) -> np.ndarray:
    """How many words cover each point of the page's width (≈ how many rows have text there)."""
    n = int(width) + 2
    starts = np.zeros(n + 1, dtype=np.int32)
    for w in words:
        starts[max(0, min(n, int(w.x0)))] += 1
        starts[max(0, min(n, int(w.x1) + 1))] -= 1
    return np.cumsum(starts)[:n]


def _margin_labels(pages: list[Page]) -> dict[int, list[tuple[_Label, list[Word]]]]:
    """Randnummer labels standing in a margin column, per page, with the words they were made of."""
    found: list[tuple[_Label, list[Word], float]] = []  # (label, its words, its distance to the text beside it)
    for page in pages:
        rows = _rows(page.words)
        candidates = [c for row in rows for c in _label_candidates(row)]
        if not candidates:
            continue
        taken = {id(w) for words, _ in candidates for w in words}
        text = [w for w in page.words if id(w) not in taken]
        cover = _coverage(text, page.width)
        full = float(np.percentile(cover[cover > 0], 90)) if text else 0.0
        for words, gap in candidates:
            x0, x1 = words[0].x0, words[-1].x1
            if cover[max(0, int(x0)):int(x1) + 1].max(initial=0) <= 0.1 * full:
                found.append((_Label(words[-1].text, page.number, x0, x1, min(w.top for w in words),
                                     max(w.bottom for w in words)), words, gap))
    if len(found) > 1:
        # A margin column: labels share their left or right edge; a label alone at its x (the only one
        # beside a second column) stands as far from its text as the aligned ones do from theirs.
        aligned = [f for f in found if any(g is not f and (abs(g[0].x0 - f[0].x0) <= 1.5 or abs(g[0].x1 - f[0].x1)
                                                            <= 1.5) for g in found)]
        gaps = [gap for _, _, gap in aligned if gap != float("inf")]
        found = [f for f in found if f in aligned or (gaps and min(gaps) - 6 <= f[2] <= max(gaps) + 6)]
    out: dict[int, list[tuple[_Label, list[Word]]]] = {}
    for label, words, _ in found:
        out.setdefault(label.page, []).append((label, words))
    return out


def _label_candidates(row: list[Word]) -> Iterator[tuple[list[Word], float]]:
    """Words of a row that could be a margin label (a label, with its "Rn." before it, apart from the rest),
    and the distance to the nearest word of the row."""
    for i, word in enumerate(row):
        if not _LABEL.match(word.text):
            continue
        words = [word]
        if i and _LABEL_PREFIX.match(row[i - 1].text) and word.x0 - row[i - 1].x1 < 0.6 * word.size:
            words.insert(0, row[i - 1])
        before = row[i - len(words)] if i - len(words) >= 0 else None
        after = row[i + 1] if i + 1 < len(row) else None
        gap = min(words[0].x0 - before.x1 if before else float("inf"), after.x0 - word.x1 if after else float("inf"))
        if gap >= 0.3 * word.size:
            yield words, gap


def _attach_labels(labels: list[_Label], lines: list[_Line]) -> None:
    """Give each label to the line beside it (else the nearest line, preferring one below), one label per line."""
    for label in sorted(labels, key=lambda lab: lab.top):
        free = [line for line in lines if line.label is None]
        if not free:
            return
        middle = (label.top + label.bottom) / 2
        beside = [line for line in free if line.top - 2 <= middle <= line.bottom + 2]
        if beside:
            line = min(beside, key=lambda x: max(x.x0 - label.x1, label.x0 - x.x1))
        else:
            line = min(free, key=lambda x: (abs(x.top - label.top) + (0 if x.top >= label.top else 1000)))
        line.label = label.text


# ------------------------------------------------------------------------------------------------ columns and bands

def _gutters(words: list[Word], width: float, body: float) -> list[tuple[float, float]]:
    """Vertical strips between text columns that (nearly) no row crosses.

    A strip is a run of the least-covered points inside a low-coverage stretch (at most a tenth of
    the rows: full-width headings may cross a gutter), at least 1.5 ems wide, with text on both
    sides; one of the columns is at least eight ems wide (another may hold a single word).
    """
    if not words:
        return []
    cover = _coverage(words, width)
    full = float(np.percentile(cover[cover > 0], 90))
    if full < 3:
        return []
    left, right = int(min(w.x0 for w in words)), int(max(w.x1 for w in words))
    low = cover <= 0.1 * full
    strips: list[tuple[int, int]] = []
    x = left
    while x < right:
        if not low[x]:
            x += 1
            continue
        end = x
        while end < right and low[end]:
            end += 1
        least = cover[x:end].min()
        runs = np.flatnonzero(np.diff(np.concatenate(([0], (cover[x:end] == least).astype(np.int8), [0]))))
        strips.extend((x + int(a), x + int(b)) for a, b in zip(runs[::2], runs[1::2], strict=True)
                      if b - a >= max(1.5 * body, 12.0) and cover[left:x + a].max(initial=0) > least
                      and cover[x + b:right].max(initial=0) > least)
        x = end
    edges = [float(left), *[float(e) for strip in strips for e in strip], float(right)]
    widest = max(b - a for a, b in zip(edges[::2], edges[1::2], strict=True))
    return [(float(a), float(b)) for a, b in strips] if widest >= 8 * body else []


def _flows(page: Page, words: list[Word], body: float) -> Iterator[_Flow]:
    """The page's text as flows in reading order: bands top to bottom, in each band column by column."""
    gutters = _gutters(words, page.width, body)
    bounds = [(a + b) / 2 for a, b in gutters]
    bands: list[tuple[bool, list[list[Word]]]] = []  # (spans the gutters, rows)
    for row in _rows(words):
        spanning = any(w.x0 < b < w.x1 for w in row for b in bounds)
        if bands and bands[-1][0] == spanning:
            bands[-1][1].append(row)
        else:
            bands.append((spanning, [row]))
    for i, (spanning, rows) in enumerate(bands):
        columns: list[list[_Line]] = [[] for _ in range(1 if spanning else len(bounds) + 1)]
        for row in rows:
            parts: dict[int, list[Word]] = {}
            for word in row:
                column = 0 if spanning else sum(1 for b in bounds if (word.x0 + word.x1) / 2 > b)
                parts.setdefault(column, []).append(word)
            for column, part in parts.items():
                columns[column].append(_Line(part, page.number))
        last = i == len(bands) - 1
        for lines in columns:
            if lines:
                yield _split_footnotes(lines, body) if last else _Flow(lines)


def _split_footnotes(lines: list[_Line], body: float) -> _Flow:
    """Set the smaller-type lines at the bottom of a page's column apart as (possible) footnotes."""
    start = len(lines)
    while start > 0 and lines[start - 1].size <= 0.9 * body:
        start -= 1
    return _Flow(lines[:start], lines[start:])


# ------------------------------------------------------------------------------------------------ paragraphs

@dataclass(slots=True)
class _Draft:
    role: Role
    lines: list[_Line]
    label: str | None = None
    text: list[str] = field(default_factory=list)

    def paragraph(self) -> Paragraph:
        texts = self.text or [line.text for line in self.lines]
        return Paragraph(self.role, tuple(texts), self.lines[0].page, self.label, self.lines[0].words[0].bold)


class _Builder:
    """Cuts flows into paragraphs, holding each page's footnotes back until the open paragraph ends."""

    def __init__(self, body: float) -> None:
        self.body = body
        self.out: list[_Draft] = []
        self.open: _Draft | None = None
        self.pending: list[_Draft] = []
        self.last_footnote: _Draft | None = None

    def run(self, flows: list[_Flow]) -> list[Paragraph]:
        for flow in flows:
            if flow.footnotes and not self._are_footnotes(flow.footnotes):
                flow.lines.extend(flow.footnotes)  # small type, but no numbered notes: body text
                flow.footnotes = []
            if flow.lines:
                right, left, pitch = flow.right, min(x.x0 for x in flow.lines), _pitch(flow.lines)
                # Only justified text tells a paragraph's last line by its length; ragged text has short lines anywhere.
                justified = sum(x.x1 >= right - 1.0 for x in flow.lines) >= 0.5 * len(flow.lines)
                for line in flow.lines:
                    line.short, line.justified = line.x1 < right - 2 * self.body, justified
                for i, line in enumerate(flow.lines):
                    prev = flow.lines[i - 1] if i else None
                    if self.open is None or self._breaks(line, prev, left, pitch):
                        self._close()
                        self.open = _Draft(Role.BODY, [line], line.label)
                    else:
                        self.open.lines.append(line)
            self._footnotes(flow.footnotes)
        self._close()
        return [d.paragraph() for d in self.out]

    def _are_footnotes(self, lines: list[_Line]) -> bool:
        """Numbered notes, or the rest of a footnote from the page (or column) before."""
        if _FOOTNOTE_START.match(lines[0].text):
            return True
        last = self.last_footnote  # a note cut by the page break ends mid-sentence
        return (last is not None and last.lines[-1].page >= lines[0].page - 1
                and not _SENTENCE_END.search(last.text[-1]))

    def _close(self) -> None:
        if self.open is not None:
            self.out.append(self.open)
            self.open = None
        self.out.extend(self.pending)
        self.pending.clear()

    def _footnotes(self, lines: list[_Line]) -> None:
        for line in lines:
            m = _FOOTNOTE_START.match(line.text)
            number = (m.group("a") or m.group("b")) if m else None
            last = self.last_footnote
            sequel = last is None or last.label is None or not last.label.isdigit() or (
                number is not None and int(number) == int(last.label) + 1)
            if m and number is not None and (sequel or m.group("a")):
                draft = _Draft(Role.FOOTNOTE, [line], number, [line.text[m.end():]])
                self.pending.append(draft)
                self.last_footnote = draft
            elif last is not None:
                last.lines.append(line)  # continues the footnote before it, perhaps from the previous page
                last.text.append(line.text)
            else:
                self.pending.append(_Draft(Role.FOOTNOTE, [line], None, [line.text]))

    def _breaks(self, line: _Line, prev: _Line | None, left: float, pitch: float) -> bool:
        """Does ``line`` start a new paragraph? ``prev``: the line above it in its flow (None atop a column)."""
        last = self.open.lines[-1] if self.open else None
        if last is None or line.label is not None or _BULLET.match(line.text) or _heading_like(line):
            return True
        ends = bool(_SENTENCE_END.search(last.text))
        if (_ENUM.match(line.text) or _INLINE_MARKER.match(line.text)) and (ends or last.text.endswith(",")):
            return True
        first = line.words[0]
        if first.bold and not line.bold and _LABEL.match(first.text):
            return True  # a bold number leading the line: "12 Der Gesetzgeber …"
        if _heading_like(last) or abs(line.size - last.size) > 0.1 * last.size or line.bold != last.bold:
            return True
        if prev is not None and line.baseline - prev.baseline > 1.35 * pitch:
            return True
        return ends and ((last.short and last.justified) or line.x0 - left >= 0.8 * self.body)


def _heading_like(line: _Line) -> bool:
    """An outline or norm title line ("A. Allgemeines", "§ 6a Zugelassene kommunale Träger")."""
    text = line.text
    return (len(text) <= 120 and not _SENTENCE_END.search(text) and not text.endswith(",")
            and line.short and bool(OUTLINE.match(text) or NORM_TITLE.match(text)))


def _pitch(lines: list[_Line]) -> float:
    """The usual distance between the baselines of consecutive lines."""
    steps = [b.baseline - a.baseline for a, b in itertools.pairwise(lines) if b.baseline > a.baseline]
    return statistics.median(steps) if steps else float("inf")
