"""Court decisions in the federal courts' XML (rii-dok DTD, rechtsprechung-im-internet.de).

One ``<dokument>`` per decision: metadata elements (``gertyp`` court, ``spruchkoerper``,
``entsch-datum`` YYYYMMDD, ``aktenzeichen``, ``doktyp``, ``ecli``, ``norm``, ``vorinstanz``) and text
sections (``titelzeile``, ``leitsatz``, ``sonstosatz``, ``tenor``, ``tatbestand``,
``entscheidungsgruende``, ``gruende``, ``abwmeinung``, ``sonstlt``), each holding ``<dl class="RspDL">``
lists whose ``dt`` carries the Randnummer anchor (``<a name="rd_12">12</a>``; empty where a paragraph
has none) and whose ``dd`` the paragraph. Parsed with expat, DTD defused (:func:`.statute.parse_xml`).
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

from kb.model import RZ_LABEL, BlockKind, Decision, RzNumber

from .base import ParsedSource, SourceError, warning
from .commentary import Event, Marker, Piece
from .decision import Section, court_key, decision_entries, decision_work, doctype, iso_date, merge_decision
from .metadata import WorkMeta
from .normalize import normalize_text
from .statute import parse_xml

# rii-dok section element → decision section (see decision.SECTIONS)
_SECTIONS = {"leitsatz": "leitsatz", "sonstosatz": "orientierungssatz", "tenor": "tenor", "tatbestand": "tatbestand",
             "entscheidungsgruende": "entscheidungsgruende", "gruende": "gruende", "abwmeinung": "abweichende-meinung",
             "sonstlt": "sonstiger-langtext"}
_BLOCKS = frozenset({"p", "div", "dl", "dt", "dd", "table", "tr", "ul", "ol", "li", "blockquote", "h1", "h2", "h3",
                     "h4", "h5", "h6", "br"})
_ANCHOR = re.compile(rf"^rd_({RZ_LABEL})$")


def parse_rii(data: bytes, *, path: Path, rel_path: str, meta: WorkMeta) -> ParsedSource:
    root, lines, encoding = parse_xml(data, rel_path, frozenset({"dt", "dd", "p"}))
    if root.tag != "dokument":
        raise SourceError.at(rel_path, f"root element <{root.tag}>: not a court decision in rii-dok XML")
    decision = merge_decision(_decision(root), meta, rel_path)
    subject = _flat(root.find("titelzeile"))
    work = decision_work(decision, subject or None, meta, path=path, rel_path=rel_path, encoding=encoding)
    sections = [_section(key, element, lines) for tag, key in _SECTIONS.items()
                if (element := root.find(tag)) is not None and _flat(element)]
    entries, problems = decision_entries(sections, work, rel_path)
    extra = [] if work.decision and work.decision.date else [warning(rel_path, "the decision's date is missing")]
    return ParsedSource(work, entries, (*extra, *problems))


def _decision(root: ET.Element) -> Decision:
    def field(tag: str) -> str:
        return _flat(root.find(tag))

    court = field("gertyp")
    place = field("gerort")
    norms = tuple(n.strip() for n in re.split(r",\s*(?=§|Art)", field("norm")) if n.strip())
    lower = tuple(v.strip() for v in field("vorinstanz").split("\n") if v.strip())
    return Decision(court=court_key(court) or (f"{court} {place}".strip() if place else court),
                    docket=field("aktenzeichen"), date=iso_date(field("entsch-datum")),
                    doctype=doctype(field("doktyp")), ecli=field("ecli") or None,
                    chamber=field("spruchkoerper") or None, norms=norms, lower_courts=lower)


def _section(key: str, element: ET.Element, lines: dict[ET.Element, int]) -> Section:
    section = Section(key, line=next((lines[e] for e in element.iter() if e in lines), None), element=element.tag)
    for dl in element.iter("dl"):
        label: RzNumber | None = None
        for child in dl:
            if child.tag == "dt":
                label = _label(child)
                if label is not None:
                    section.events.append(Marker(label, lines.get(child), f"{element.tag}/dl/dt"))
            elif child.tag == "dd":
                section.events.extend(_pieces(child, lines.get(child), f"{element.tag}/dl/dd"))
    return section


def _label(dt: ET.Element) -> RzNumber | None:
    for anchor in dt.iter("a"):
        m = _ANCHOR.match(anchor.get("name") or "")
        if m:
            return RzNumber.parse(m.group(1))
    text = _flat(dt).rstrip(".")
    try:
        return RzNumber.parse(text) if text else None
    except ValueError:
        return None


def _pieces(dd: ET.Element, line: int | None, element: str) -> list[Event]:
    """One paragraph piece per block of the ``dd`` (its ``p`` s), list items as such."""
    out: list[Event] = []
    inline: list[str] = [dd.text or ""]

    def flush(kind: BlockKind = BlockKind.PARAGRAPH) -> None:
        text = " ".join(normalize_text("".join(inline)).split())
        inline.clear()
        if text:
            out.append(Piece(kind, text, None, line, line, element))

    for child in dd:
        if child.tag in _BLOCKS:
            flush()
            if child.tag in ("ul", "ol", "dl", "table", "div", "blockquote"):
                out.extend(_pieces(child, line, element))
            else:
                inline.append(_inline(child))
                flush(BlockKind.LIST_ITEM if child.tag == "li" else BlockKind.PARAGRAPH)
        else:
            inline.append(_inline(child))
        inline.append(child.tail or "")
    flush()
    return out


def _inline(element: ET.Element) -> str:
    return "".join(element.itertext())


def _flat(element: ET.Element | None) -> str:
    """All text of an element, lines kept where blocks end, spaces collapsed within a line."""
    if element is None:
        return ""
    chunks: list[str] = []

    def walk(node: ET.Element) -> None:
        chunks.append(node.text or "")
        for child in node:
            walk(child)
            if child.tag in _BLOCKS:
                chunks.append("\n")
            chunks.append(child.tail or "")

    walk(element)
    lines = (" ".join(part.split()) for part in normalize_text("".join(chunks)).split("\n"))
    return "\n".join(line for line in lines if line)


__all__ = ["parse_rii"]
