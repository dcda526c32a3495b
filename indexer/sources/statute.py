"""Statute XML from gesetze-im-internet.de (gii-norm DTD): one work per law, one entry per §.

Each ``norm`` element is one of: the law's own metadata (→ the Work), the table of contents
(derived, skipped), an outline unit (``gliederungseinheit`` → heading path), a § / Art.
(→ an Entry), a range of repealed §§ (``§§ 53 bis 60`` → one entry per §), or an Anlage
(→ an entry). :func:`census` reports how every norm element was used.

Parsing uses expat through ElementTree's TreeBuilder with DTD handling defused: no external
entities or DTDs are fetched (no network), entity declarations are refused.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.parsers import expat

from kb import laws
from kb.limits import MAX_SOURCE_DEPTH
from kb.model import Block, BlockKind, Entry, Problem, SourceLocation, Work, WorkKind, entry_id

from .base import ParsedSource, SourceError, warning
from .metadata import WorkMeta
from .normalize import normalize_text

_ABSATZ = re.compile(r"^\((\d{1,3}[a-z]{0,2})\)")
_ENBEZ = re.compile(r"^(?P<marker>§|Art\.?|Artikel)\s*(?P<number>\d+[a-z]{0,3})$")
_RANGE = re.compile(r"^(?:\(X+\)\s*)?(?:§§|Art\.?)\s*(?P<a>\d+[a-z]?)\s*(?:bis|-|–)\s*(?P<b>\d+[a-z]?)$")
_WEGGEFALLEN = "(weggefallen)"
_WS = re.compile(r"\s+")


@dataclass
class _Writer:
    """Accumulates entry text with collapsed whitespace while blocks record offsets into it."""

    parts: list[str] = field(default_factory=list)
    pos: int = 0
    blocks: list[Block] = field(default_factory=list)

    @property
    def last(self) -> str:
        return self.parts[-1][-1] if self.parts else "\n"

    def write(self, text: str | None) -> None:
        if not text:
            return
        text = _WS.sub(" ", normalize_text(text))
        if self.last in " \n":
            text = text.lstrip(" ")
        if text:
            self.parts.append(text)
            self.pos += len(text)

    def trim(self) -> None:
        """Drop trailing spaces and line breaks (a block never ends in whitespace)."""
        while self.parts and self.last in " \n":
            self.parts[-1] = self.parts[-1][:-1]
            self.pos -= 1
            if not self.parts[-1]:
                self.parts.pop()

    def newline(self) -> None:
        self.trim()
        if self.parts and self.last != "\n":
            self.parts.append("\n")
            self.pos += 1

    def text(self) -> str:
        self.trim()
        return "".join(self.parts)


def parse_statute(data: bytes, *, path: Path, rel_path: str, meta: WorkMeta) -> ParsedSource:
    root, lines, encoding = parse_xml(data, rel_path)
    if root.tag not in ("dokumente", "norm"):
        raise SourceError.at(rel_path, f"root element <{root.tag}> is not gesetze-im-internet XML "
                                       "(<dokumente> with <norm> elements)")
    norms = list(root.iter("norm")) if root.tag == "dokumente" else [root]
    if not norms:
        raise SourceError.at(rel_path, "no <norm> elements: not a gesetze-im-internet law")
    problems: list[Problem] = []
    law_key = _law_key(norms, rel_path, meta, problems)
    law = laws.lookup(law_key)
    work = _work(norms[0], law_key, law, meta, rel_path, encoding, root)
    entries: list[Entry] = []
    outline: list[tuple[int, str]] = []
    seen: Counter[str] = Counter()
    for index, norm in enumerate(norms, 1):
        kind = classify(norm)
        element = f"norm[{index}]"
        line = lines.get(norm)
        md = norm.find("metadaten")
        if kind == "heading":
            unit = md.find("gliederungseinheit")  # type: ignore[union-attr]
            code = (unit.findtext("gliederungskennzahl") or "").strip()  # type: ignore[union-attr]
            level = max(1, len(code) // 3)
            text = " ".join(x for x in (_flat(unit.find("gliederungsbez")), _flat(unit.find("gliederungstitel")))
                            if x)
            while outline and outline[-1][0] >= level:
                outline.pop()
            outline.append((level, text))
            continue
        if kind in ("metadata", "toc"):
            continue
        enbez = _flat(md.find("enbez"))  # type: ignore[union-attr]
        numbers = _numbers(enbez, norm, kind)
        if kind == "unknown":
            problems.append(warning(rel_path, f"{element}: unrecognised designation {enbez!r}; indexed as "
                                              f"{numbers[0]!r}", line))
        for number in numbers:
            seen[number] += 1
            if seen[number] > 1:
                problems.append(warning(rel_path, f"{element}: {enbez!r} occurs again; kept as occurrence "
                                                  f"{seen[number]}", line))
            # Anlagen follow the last outline unit but stand outside the outline, as the official contents show
            headings = () if kind == "anlage" else tuple(t for _, t in outline)
            entry = _entry(norm, number, work, len(entries), headings,
                           SourceLocation(rel_path, line, None, element), seen[number], kind, problems)
            entries.append(entry)
    if not entries:
        raise SourceError.at(rel_path, "no § or Art. found in the XML")
    return ParsedSource(work, tuple(entries), tuple(problems))


def parse_xml(data: bytes, rel_path: str,
              line_tags: frozenset[str] = frozenset({"norm"})) -> tuple[ET.Element, dict[ET.Element, int], str]:
    """Parse with expat, DTD defused; returns (root, line of each element named in ``line_tags``, declared
    encoding). Shared by the XML readers (statutes here, court decisions in :mod:`.riixml`)."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    lines: dict[ET.Element, int] = {}
    declared = ["utf-8"]
    depth = [0]  # open elements: the readers walk the tree by recursion, so it may not nest without end

    def start(tag: str, attrs: dict[str, str]) -> None:
        depth[0] += 1
        if depth[0] > MAX_SOURCE_DEPTH:
            raise SourceError.at(rel_path, f"elements nested more than {MAX_SOURCE_DEPTH} deep",
                                 parser.CurrentLineNumber)
        element = builder.start(tag, attrs)
        if tag in line_tags:
            lines[element] = parser.CurrentLineNumber

    def refuse_entity(name: str, *_: object) -> None:
        raise SourceError.at(rel_path, f"XML declares entity {name!r}: refused (entity expansion is not "
                                       "allowed in XML sources)", parser.CurrentLineNumber)

    def xml_decl(_version: str | None, encoding: str | None, _standalone: int) -> None:
        if encoding:
            declared[0] = encoding.lower()

    def end(tag: str) -> None:
        depth[0] -= 1
        builder.end(tag)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = lambda *_: 1  # never fetch external DTDs / entities
    parser.XmlDeclHandler = xml_decl
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        reason = expat.errors.messages[exc.code]
        hint = " (file truncated?)" if exc.code in (expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS],
                                                    expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN]) \
            else ""
        raise SourceError.at(rel_path, f"malformed XML: {reason} at column {exc.offset}{hint}", exc.lineno) from None
    try:
        root = builder.close()
    except Exception:  # TreeBuilder complains about unclosed elements: a truncated document
        raise SourceError.at(rel_path, "malformed XML: document ends before all elements are closed "
                                       "(file truncated?)", parser.CurrentLineNumber) from None
    return root, lines, declared[0]


def classify(norm: ET.Element) -> str:
    """What a norm element is: metadata | toc | heading | norm | range | anlage | unknown."""
    md = norm.find("metadaten")
    if md is None:
        return "unknown"
    enbez = _flat(md.find("enbez"))
    if md.find("gliederungseinheit") is not None and not enbez:
        return "heading"
    if not enbez:
        return "metadata"
    if enbez.startswith(("Inhaltsübersicht", "Inhaltsverzeichnis", "Übersicht")):
        return "toc"
    if _ENBEZ.match(enbez):
        return "norm"
    if _RANGE.match(enbez):
        return "range"
    if enbez.startswith("Anlage"):
        return "anlage"
    return "unknown"


def census(data: bytes, rel_path: str = "<xml>") -> Counter[str]:
    """How every norm element of a file is used, e.g. {"norm": 150, "heading": 21, "toc": 1, "metadata": 1}."""
    root, _, _ = parse_xml(data, rel_path)
    return Counter(classify(n) for n in (root.iter("norm") if root.tag == "dokumente" else [root]))


def _law_key(norms: list[ET.Element], rel_path: str, meta: WorkMeta, problems: list[Problem]) -> str:
    jurabk = next((j.text.strip() for n in norms for j in n.iter("jurabk") if j.text and j.text.strip()), None)
    key = meta.law or jurabk
    if not key:
        raise SourceError.at(rel_path, "no <jurabk>: cannot tell which law this is (declare `law` in the manifest)")
    law = laws.lookup(key)
    if law is None:
        problems.append(warning(rel_path, f"law {key!r} is not in the law table; kept as written"))
        return key
    return law.key


def _work(first: ET.Element, law_key: str, law: laws.Law | None, meta: WorkMeta, rel_path: str, encoding: str,
          root: ET.Element) -> Work:
    md = first.find("metadaten")
    stand = None
    if md is not None:
        stand = next((_flat(s.find("standkommentar")) for s in md.iter("standangabe")
                      if _flat(s.find("standtyp")) == "Stand"), None)
    build = root.get("builddate", "")
    built = f"{build[6:8]}.{build[4:6]}.{build[:4]}" if len(build) >= 8 else None
    edition = "; ".join(x for x in (f"Stand: {stand}" if stand else None, f"Abruf {built}" if built else None) if x)
    slug = meta.slug or (law.slug if law else re.sub(r"[^a-z0-9]+", "-", law_key.lower()).strip("-"))
    title = meta.title or (law.title if law else (_flat(md.find("langue")) if md is not None else None) or law_key)
    source_url = meta.source_url or (law.index_url if law else None)
    return Work(slug=slug, title=title, kind=WorkKind.STATUTE, law=law_key, paragraph=None,
                authors=meta.authors or (), edition=meta.edition or edition or None, source_url=source_url,
                license=meta.license or "amtliches Werk, gemeinfrei (§ 5 UrhG)", source_path=rel_path,
                encoding=encoding)


def _numbers(enbez: str, norm: ET.Element, kind: str) -> list[str]:
    if kind == "norm":
        return [_ENBEZ.match(enbez).group("number")]  # type: ignore[union-attr]
    if kind == "range":
        m = _RANGE.match(enbez)
        a, b = m.group("a"), m.group("b")  # type: ignore[union-attr]
        if a.isdigit() and b.isdigit() and 0 < int(b) - int(a) <= 100:
            return [str(n) for n in range(int(a), int(b) + 1)]
        return [f"{a}-{b}"]
    if kind == "anlage":
        title = _flat(norm.find("metadaten/titel"))
        zu = re.search(r"\(zu\s+(§+\s*[\d\w]+)\)", title)
        return [f"Anlage zu {zu.group(1)}" if zu else enbez]
    return [enbez or "unbenannt"]


def _entry(norm: ET.Element, number: str, work: Work, position: int, headings: tuple[str, ...],
           location: SourceLocation, occurrence: int, kind: str, problems: list[Problem]) -> Entry:
    md = norm.find("metadaten")
    title = _flat(md.find("titel")) or None  # type: ignore[union-attr]
    if kind == "anlage" and title:
        title = re.sub(r"^\(zu\s+§+\s*[\d\w]+\)\s*", "", title) or title
    writer = _Writer()
    content = norm.find("textdaten/text/Content")
    if content is None:
        content = norm.find("textdaten/text")
    flags: list[str] = []
    absatz: str | None = None
    if content is not None:
        for child in content:
            if child.tag == "P":
                absatz = _render_paragraph(child, writer, absatz)
            else:
                writer.newline()
                _render_inline(child, writer, absatz)
    body = writer.text()
    if title == _WEGGEFALLEN or body == _WEGGEFALLEN or kind == "range":
        flags.append("weggefallen")
        if body in ("", "-"):  # the repealed § has no text of its own: say so, as the official site does
            writer = _Writer()
            writer.write(_WEGGEFALLEN)
            writer.blocks.append(Block(BlockKind.PARAGRAPH, 0, len(_WEGGEFALLEN)))
    elif body in ("", "-"):
        flags.append("empty")
        problems.append(warning(location.path, f"{location.element}: § {number} has no text", location.line))
    for note in norm.findall("textdaten/fussnoten/Content/P"):
        writer.newline()
        start = writer.pos
        _render_inline(note, writer, None)
        writer.trim()
        if writer.pos > start:
            writer.blocks.append(Block(BlockKind.FOOTNOTE, start, writer.pos))
            if "footnote" not in flags:
                flags.append("footnote")
    if occurrence > 1:
        flags.append("duplicate")
    eid = entry_id(work.slug, norm=number)
    if occurrence > 1:
        eid += f"~{occurrence}"
    text = writer.text()
    blocks = sorted(writer.blocks, key=lambda b: (b.start, -b.end))
    return Entry(id=eid, work=work.slug, law=work.law, paragraph=number, position=position, text=text,
                 blocks=tuple(blocks), rz=None, headings=headings, title=title, location=location,
                 flags=tuple(flags))


def _render_paragraph(p: ET.Element, writer: _Writer, current: str | None) -> str | None:
    """One <P>: a numbered Absatz "(4) …", or continuation / unnumbered text."""
    m = _ABSATZ.match("".join(p.itertext()).lstrip())
    label = m.group(1) if m else None
    writer.newline()
    start = writer.pos
    _render_inline(p, writer, label or current)
    writer.trim()
    if writer.pos == start:
        return current
    if label is not None:
        writer.blocks.append(Block(BlockKind.ABSATZ, start, writer.pos, label))
        return label
    # A <P> without "(n)" after a numbered Absatz continues that Absatz (text after a list).
    previous = next((b for b in reversed(writer.blocks) if b.kind is BlockKind.ABSATZ), None)
    if current is not None and previous is not None and previous.label == current:
        index = writer.blocks.index(previous)
        writer.blocks[index] = Block(BlockKind.ABSATZ, previous.start, writer.pos, previous.label)
        return current
    writer.blocks.append(Block(BlockKind.PARAGRAPH, start, writer.pos))
    return current


def _render_inline(el: ET.Element, writer: _Writer, absatz: str | None, parent: str | None = None) -> None:
    writer.write(el.text)
    for child in el:
        tag = child.tag
        if tag == "DL":
            _render_list(child, writer, absatz, parent)
        elif tag == "BR":
            writer.newline()
        elif tag in ("table", "TOC"):
            _render_table(child, writer)
        elif tag == "pre":
            writer.newline()
            _render_inline(child, writer, absatz, parent)
            writer.newline()
        elif tag == "FnR":
            pass  # footnote anchor: an empty pointer into <fussnoten>, which is rendered as FOOTNOTE blocks
        else:
            _render_inline(child, writer, absatz, parent)
        writer.write(child.tail)


def _render_list(dl: ET.Element, writer: _Writer, absatz: str | None, parent: str | None) -> None:
    """DT/DD pairs → one line per Nummer, each a NUMMER block; nested lists name their parent "Abs/Nr"."""
    label: str | None = None
    start = 0
    for child in dl:
        if child.tag == "DT":
            writer.newline()
            start = writer.pos
            raw = _flat(child)
            label = raw.rstrip(".)").strip() or None
            writer.write(raw + " ")
        elif child.tag == "DD":
            if label is None:  # DD without DT
                writer.newline()
                start = writer.pos
            nested_parent = f"{absatz or '-'}/{label}" if parent is None else f"{parent}/{label}"
            _render_inline(child, writer, absatz, nested_parent)
            writer.trim()
            writer.blocks.append(Block(BlockKind.NUMMER, start, writer.pos, label, parent if parent else absatz))
            label = None
        writer.write(child.tail)
    writer.newline()


def _render_table(table: ET.Element, writer: _Writer) -> None:
    rows = list(table.iter("row"))
    if not rows:
        writer.newline()
        _render_inline(table, writer, None)
        writer.newline()
        return
    for row in rows:
        writer.newline()
        cells = [_flat(entry) for entry in row.iter("entry")]
        writer.write(" | ".join(c for c in cells if c))
    writer.newline()


def _flat(el: ET.Element | None) -> str:
    if el is None:
        return ""
    return " ".join(normalize_text(" ".join(el.itertext())).split())
