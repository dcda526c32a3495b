"""Plain-text commentary: Randnummer markers, outline headings, lists and footnotes.

Recognised (see README "Sources"):

* a marker alone on its line (``Rz. 33``) or leading a paragraph (``Rn. 12 Der Gesetzgeber …``),
  spelled Rz., Rz, Rn., Rdnr., Rdn., Randnummer, Randnr. or Swiss ``N.``; with
  ``marker_style = "number"`` also a bare number (``12 Der Gesetzgeber …``);
* labels with suffixes and sub-numbers: 34a, 34b, 12.1, 42a.1;
* outline headings (``A.``, ``I.``, ``1.``, ``a)``, ``aa)``, Markdown ``#``) standing right
  before a marker — elsewhere ``a)`` / ``1.`` lines are list items, as are ``-`` / ``•`` lines;
* footnote references ``[1]`` / ``^1`` / ``¹`` and footnote text lines ``[1] …`` / ``¹ …``,
  in the entry or in a trailing "Fußnoten" section, attached to the entry that cites them.

A marker inside running text ("vgl. Rz. 12") never starts an entry: only line starts count,
and only where a paragraph can begin.

:func:`parse_text` reads a whole file (encoding, front matter, metadata) into a ParsedSource;
:func:`parse_text_events` turns a normalised body into the events :func:`~.commentary.assemble` takes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kb.model import RZ_LABEL, BlockKind, Problem, RzNumber, WorkKind

from .base import ParsedSource, SourceError, warning
from .commentary import Event, Heading, Marker, Piece, assemble
from .encoding import decode
from .metadata import WorkMeta, make_work, split_front_matter
from .normalize import normalize_text

_LABEL = RZ_LABEL
MARKER = re.compile(
    rf"^(?:(?i:Rz|Rn|Rdnr|Rdn|Randnr|Randnummer)\.?|N\.)[ ]?(?P<label>{_LABEL})(?=$|[ ])(?P<rest>.*)$")
# Alone on its line, a marker may carry a closing "." or ":" ("Rz. 12:"), or Markdown bold ("**Rz. 12**").
_MARKER_ALONE = re.compile(
    rf"^(?P<b>\*\*|__)?(?:(?i:Rz|Rn|Rdnr|Rdn|Randnr|Randnummer)\.?|N\.)[ ]?(?P<label>{_LABEL})[.:]?(?P=b)?(?P<rest>)$")
_BARE = re.compile(rf"^(?P<label>{_LABEL})(?=$|[ ])(?P<rest>.*)$")
OUTLINE = re.compile(r"^(?P<label>(?:[A-Z]|[IVXLC]{1,6}|\d{1,2})\.|(?:[a-z]|([a-z])\2)\)|\((?:\d{1,2}|[a-z]{1,2})\))"
                      r"[ ](?P<title>\S.*)$")
_MARKDOWN_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ ]+(?P<title>\S.*)$")
# "§ 48b Zielvereinbarungen" / "Art. 12 Berufsfreiheit" over the commentary: the outermost heading.
NORM_TITLE = re.compile(r"^(?:§|Art\.|Artikel)\s*\d+[a-z]{0,2}(?:\s+[A-Z]{2,}[\w ]*)?\s+(?P<title>[A-ZÄÖÜ].*[^.,;:])$")
_BULLET = re.compile(r"^(?P<bullet>[-•–*·▪◦])[ ]+(?P<content>\S.*)$")
_ENUM = re.compile(r"^(?P<label>[a-z]{1,2}|\d{1,2})(?P<punct>[.)])[ ]+(?P<content>\S.*)$")
_FOOTNOTE_DEF = re.compile(r"^(?:\[(?P<a>\d{1,3})\]|\^(?P<b>\d{1,3})|(?P<c>[⁰¹²³⁴⁵⁶⁷⁸⁹]+))[ ]*(?P<content>\S.*)$")
_FOOTNOTE_SECTION = re.compile(r"^(?:(?:Fußnoten|Fussnoten|Anmerkungen|Endnoten)\s*:?|[-_*]{3,})$")
_SECTION_FOOTNOTE = re.compile(r"^(?P<label>\d{1,3})[.)]?[ ]+(?P<content>\S.*)$")
_CONTINUATION = re.compile(r"^(?:ff?\.|bis\b|u\.|und\b|[-–,;)/])")
_SENTENCE_END = re.compile(r"[.!?:;)\"“”»«'’]$")
_PARAGRAPH_START = re.compile(r"^[A-ZÄÖÜ„\"»§(\[]")
# a line ending like this leads into what follows ("vgl.\nRz. 12 …"), however it is punctuated
_LEADS_ON = re.compile(r"(?:\b(?:vgl|s|siehe|bzw|insb|etwa|so|oben|unten|ebd|z\.\s?B|u\.\s?a)\.?|[,(–-])$",
                       re.IGNORECASE)
_ROMAN = re.compile(r"^(?=[IVXLC])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")


@dataclass(frozen=True, slots=True)
class _Line:
    kind: str  # blank | marker | heading-candidate | markdown | bullet | enum | footnote | fn-section | text
    number: int  # 1-based line number in the file
    text: str  # stripped line
    label: str | None = None
    rest: str = ""  # marker: text after the label; list / footnote: the content


def parse_text(data: bytes, *, path: Path, rel_path: str, meta: WorkMeta) -> ParsedSource:
    """Parse a plain-text commentary file (front matter optional); raises SourceError if it cannot be used."""
    decoded = decode(data, rel_path, meta.encoding)
    text = normalize_text(decoded.text)
    front, body, consumed = split_front_matter(text, rel_path)
    merged = front.merged(meta)
    if not body.strip():
        raise SourceError.at(rel_path, "no text after the front matter")
    work, problems = make_work(merged, path=path, rel_path=rel_path, encoding=decoded.encoding)
    if work.kind not in (WorkKind.COMMENTARY, WorkKind.GUIDANCE):
        raise SourceError.at(rel_path, "plain-text sources are commentaries or guidance; statutes come as "
                                       "gesetze-im-internet XML, court decisions as the courts publish them")
    events = parse_text_events(body, first_line=consumed + 1, marker_style=merged.marker_style or "auto")
    problems = [*decoded.problems, *problems, *_no_marker_warning(events, rel_path, merged)]
    entries, assembly_problems = assemble(events, work, rel_path)
    return ParsedSource(work, entries, (*problems, *assembly_problems))


def _no_marker_warning(events: list[Event], rel_path: str, meta: WorkMeta) -> list[Problem]:
    if any(isinstance(e, Marker) for e in events):
        return []
    hint = "" if meta.marker_style == "number" else " (bare numbers count only with marker_style = \"number\")"
    return [warning(rel_path, f"no Randnummer markers found{hint}; the whole text is kept as one unnumbered entry")]


def parse_text_events(body: str, *, first_line: int = 1, marker_style: str = "auto") -> list[Event]:
    """Turn a normalised plain-text body into commentary events (markers, headings, pieces)."""
    raw = body.split("\n")
    doubtful: list[int] = []  # lines that are markers only if every line is a paragraph
    lines = _classify(raw, first_line, marker_style, relaxed=False, doubtful=doubtful)
    wrapped = _is_wrapped(lines)
    if not wrapped and doubtful:
        # One paragraph per line: every line start is a paragraph start, so "Rn. 5 Der …" after a
        # line without final punctuation (a heading, a colon-less title) is a marker too.
        lines = _classify(raw, first_line, marker_style, relaxed=True)
    return _to_events(_resolve_headings(lines), wrapped)


def _classify(raw: list[str], first_line: int, marker_style: str, *, relaxed: bool,
              doubtful: list[int] | None = None) -> list[_Line]:
    out: list[_Line] = []
    in_footnotes = False
    last: RzNumber | None = None
    prev: _Line | None = None  # the last non-blank line
    for i, line in enumerate(raw):
        number = first_line + i
        text = " ".join(line.split())
        if not text:
            out.append(_Line("blank", number, ""))
            continue
        prev_blank = not out or out[-1].kind == "blank"
        marker = _marker(text, prev, prev_blank, lambda i=i: _next_nonblank(raw, i), marker_style, relaxed, last)
        if marker is not None and marker[0] is None:
            if doubtful is not None:
                doubtful.append(number)
            marker = None
        if marker is not None:
            in_footnotes = False
            last = RzNumber.parse(marker[0] or "")
            prev = _Line("marker", number, text, marker[0], marker[1])
            out.append(prev)
            continue
        prev = _classify_other(text, number, prev, prev_blank, in_footnotes, out)
        in_footnotes = in_footnotes or prev.kind == "fn-section"
    return out


def _classify_other(text: str, number: int, prev: _Line | None, prev_blank: bool, in_footnotes: bool,
                    out: list[_Line]) -> _Line:
    """Classify a non-blank line that is no marker, append it to ``out`` and return it."""
    line = _other_line(text, number, prev, prev_blank, in_footnotes, out)
    out.append(line)
    return line


def _other_line(text: str, number: int, prev: _Line | None, prev_blank: bool, in_footnotes: bool,
                out: list[_Line]) -> _Line:
    if _FOOTNOTE_SECTION.match(text) and (prev is None or prev.kind != "text" or prev_blank):
        return _Line("fn-section", number, text)
    if m := _FOOTNOTE_DEF.match(text):
        label = m.group("a") or m.group("b") or _from_superscript(m.group("c"))
        return _Line("footnote", number, text, label, m.group("content"))
    if in_footnotes and (m := _SECTION_FOOTNOTE.match(text)):
        return _Line("footnote", number, text, m.group("label"), m.group("content"))
    if m := _MARKDOWN_HEADING.match(text):
        return _Line("markdown", number, text, m.group("hashes"), m.group("title"))
    if (m := NORM_TITLE.match(text)) and len(text) <= 120:
        return _Line("heading-candidate", number, text, "§", m.group("title"))
    if (m := OUTLINE.match(text)) and len(text) <= 160:
        return _Line("heading-candidate", number, text, m.group("label"), m.group("title"))
    if m := _BULLET.match(text):
        return _Line("bullet", number, text, None, m.group("content"))
    if in_footnotes and out and out[-1].kind in ("footnote", "footnote-cont"):
        return _Line("footnote-cont", number, text)
    return _Line("text", number, text)


def _next_nonblank(raw: list[str], i: int) -> str:
    return next((r.strip() for r in itertools.islice(raw, i + 1, None) if r.strip()), "")


def _marker(text: str, prev: _Line | None, prev_blank: bool, nxt: Callable[[], str], style: str, relaxed: bool,
            last: RzNumber | None) -> tuple[str | None, str] | None:
    """(label, rest) when this line starts a Randnummer, else None.

    ``(None, rest)``: a marker only if every line of the file is its own paragraph (decided later).
    """
    m = MARKER.match(text) or _MARKER_ALONE.match(text) or (_BARE.match(text) if style == "number" else None)
    if m is None:
        return None
    label, rest = m.group("label"), m.group("rest").strip()
    prev_complete = (prev is None or prev_blank or prev.kind in ("marker", "heading-candidate", "markdown",
                                                                 "fn-section")
                     or bool(_SENTENCE_END.search(prev.text)))
    if not rest:
        # "… wie in\nRz. 12\nausgeführt": mid-sentence, not a marker.
        if not prev_complete and nxt()[:1].islower():
            return None
        return label, ""
    if _CONTINUATION.match(rest):
        return None
    if not _PARAGRAPH_START.match(rest):
        # "Rz. 2 im Übrigen …" after a finished sentence, where Rz. 2 is the next number, starts a
        # Randnummer even in lower case; anything else in lower case is a wrapped cross-reference.
        finished = prev is not None and not prev_blank and bool(_SENTENCE_END.search(prev.text)) \
            and not _LEADS_ON.search(prev.text)
        if not ((finished or prev is None or prev_blank) and _follows(last, label)):
            return None
    if prev_complete or relaxed or _follows(last, label):
        return label, rest
    return None, rest


def _follows(last: RzNumber | None, label: str) -> bool:
    """Is ``label`` the natural next Randnummer after ``last`` (12 → 13, 12a, 12.1; 34a → 35)?"""
    if last is None:
        return False
    try:
        new = RzNumber.parse(label)
    except ValueError:
        return False
    return last < new and new.number <= last.number + 1


def _from_superscript(text: str) -> str:
    return text.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789"))


def _resolve_headings(lines: list[_Line]) -> list[_Line]:
    """An outline line is a heading only when a Randnummer follows (headings sit between entries)."""
    out = list(lines)
    for i, line in enumerate(out):
        if line.kind != "heading-candidate":
            continue
        j = i + 1
        while j < len(out) and out[j].kind in ("blank", "heading-candidate", "markdown"):
            j += 1
        before = next((out[k] for k in range(i - 1, -1, -1) if out[k].kind != "blank"), None)
        following = out[i + 1:j]
        sibling_next = next((x for x in following if x.kind == "heading-candidate"), None)
        continues_list = before is not None and (
            (before.kind == "enum" and _successor(before.label, line.label))
            or (before.kind == "text" and before.text.endswith(":")))
        continues_list = continues_list or (sibling_next is not None and _successor(line.label, sibling_next.label))
        continues_list = continues_list and bool(_ENUM.match(line.text))  # "A." / "I." are never list items
        if (j < len(out) and out[j].kind == "marker" and not continues_list and len(line.text) <= 120
                and not line.rest.endswith((".", ",", ";", ":"))):
            out[i] = _Line("heading", line.number, line.text, line.label)
        elif m := _ENUM.match(line.text):
            out[i] = _Line("enum", line.number, line.text, m.group("label") + m.group("punct"), m.group("content"))
        else:
            out[i] = _Line("text", line.number, line.text)
    return out


def _successor(a: str | None, b: str | None) -> bool:
    """Is list label ``b`` the next one after ``a`` ("a)" → "b)", "1." → "2.")?"""
    if not a or not b or a[-1] != b[-1]:
        return False
    x, y = a.rstrip(".)"), b.rstrip(".)")
    if x.isdigit() and y.isdigit():
        return int(y) == int(x) + 1
    return len(x) == len(y) and x.isalpha() and y.isalpha() and ord(y[-1]) == ord(x[-1]) + 1


def _is_wrapped(lines: list[_Line]) -> bool:
    """Hard-wrapped text (paragraphs of several lines, blank lines between) vs one paragraph per line."""
    adjacent = blank_between = False
    for a, b, c in zip(lines, lines[1:], lines[2:], strict=False):
        if a.kind == "text" and b.kind == "text":
            adjacent = True
        if a.kind == "text" and b.kind == "blank" and c.kind == "text":
            blank_between = True
    return adjacent and blank_between


def heading_level(label: str, state: dict[int, str]) -> int:
    """A. → 1, I. → 2, 1. → 3, a) → 4, aa) → 5, (1) → 6, (a) → 7; "C."/"I." decided by the running outline."""
    if label == "§":
        return 0
    core = label.rstrip(".)")
    if core.startswith("("):
        return 6 if core[1:-1].isdigit() else 7
    if core.isdigit():
        return 3
    if core.islower():
        return 4 if len(core) == 1 else 5
    letter_ok = len(core) == 1
    roman_ok = bool(_ROMAN.match(core))
    if letter_ok and roman_ok:
        last_letter, last_roman = state.get(1), state.get(2)
        if last_letter and ord(core) == ord(last_letter) + 1:
            return 1
        if core == "I" or (last_roman and _roman_value(core) == _roman_value(last_roman) + 1):
            return 2
        return 1
    return 2 if roman_ok else 1


def _roman_value(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(text, [*text[1:], ""], strict=True):
        v = values[a]
        total += -v if b and values[b] > v else v
    return total


def _to_events(lines: list[_Line], wrapped: bool) -> list[Event]:
    events: list[Event] = []
    state: dict[int, str] = {}
    current: list[_Line] = []  # lines of the piece being built
    current_kind: BlockKind | None = None
    current_label: str | None = None
    prefix_len = 0

    def flush() -> None:
        nonlocal current, current_kind
        if current and current_kind is not None:
            text = " ".join(x.text for x in current)
            events.append(Piece(current_kind, text, current_label, current[0].number, current[-1].number,
                                content_start=prefix_len))
        current, current_kind = [], None

    def start(kind: BlockKind, line: _Line, label: str | None, prefix: int) -> None:
        nonlocal current_kind, current_label, prefix_len
        flush()
        current.append(line)
        current_kind, current_label, prefix_len = kind, label, prefix

    for line in lines:
        kind = line.kind
        if kind == "blank":
            flush()
        elif kind == "marker":
            flush()
            shown = line.text[:len(line.text) - len(line.rest)].rstrip()  # "Rz. 12", or a bare "12" (vetted)
            events.append(Marker(RzNumber.parse(line.label or ""), line.number, shown=shown))
            if line.rest:
                start(BlockKind.PARAGRAPH, _Line("text", line.number, line.rest), None, 0)
        elif kind == "heading":
            flush()
            level = heading_level(line.label or "", state)
            state[level] = (line.label or "").rstrip(".)")
            for deeper in [k for k in state if k > level]:
                del state[deeper]
            events.append(Heading(line.text, level, line.number))
        elif kind == "markdown":
            flush()
            events.append(Heading(line.rest, len(line.label or "#"), line.number))
        elif kind == "fn-section":
            flush()
        elif kind == "footnote":
            start(BlockKind.FOOTNOTE, line, line.label, len(line.text) - len(line.rest))
        elif kind == "bullet":
            start(BlockKind.LIST_ITEM, line, None, len(line.text) - len(line.rest))
        elif kind == "enum":
            start(BlockKind.LIST_ITEM, line, (line.label or "").rstrip(".)"), len(line.text) - len(line.rest))
        elif kind == "footnote-cont":
            current.append(line)
        else:  # text
            if wrapped and current:
                current.append(line)  # continuation of the paragraph / item / footnote
            else:
                start(BlockKind.PARAGRAPH, line, None, 0)
    flush()
    return events
