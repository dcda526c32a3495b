"""Court decisions as the courts' web pages serve them (BVerwG, BAG, and pages built like them).

Recognises the idea, not one site: Randnummern are found by the page reader's margin-number rules
(:mod:`.htmlpage`: ``span.rdn``, ``dt`` + ``dd#rd-3``, ``a[name=rd_1]``, ``li[data-rd]``, classed
number cells …); the parts of the decision by what courts call them — a heading, a bold label or a
class named Leitsatz / Leitsätze, Orientierungssatz, Rubrum, Tenor, Tatbestand, (Entscheidungs-)Gründe.
Labelled metadata blocks (Rechtsquellen, Instanzenzug, Zitiervorschlag, Details …) are read for the
metadata and kept out of the entries, as is everything of the page outside the decision.

Metadata comes from, in this order of trust: the courts' *Zitiervorschlag* ("BVerwG, Urteil vom
14.02.2024 - 11 A 7.23 - [ECLI:…]"), labelled fields (Aktenzeichen, ECLI, Art, Datum, Senat,
Gericht, Vorinstanz), the ECLI (court, date, type), Dublin Core ``<meta>`` and the ``<title>``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from kb.citations import grammar
from kb.model import Decision

from .base import ParsedSource, warning
from .commentary import Event, Heading, Marker
from .decision import (
    ECLI,
    SECTIONS,
    Section,
    court_key,
    decision_entries,
    decision_work,
    doctype,
    from_ecli,
    iso_date,
    merge_decision,
    section_key,
)
from .htmlpage import content_root, load_page, page_events
from .metadata import WorkMeta

_SECTION_MARK = "\ue002"  # prefix of the synthetic headings that open a section: "\ue002tenor"
_SKIP = "skip"  # a labelled metadata block: read for metadata, no entry
_META_LABELS = frozenset({
    "rechtsquellen", "normen", "normenkette", "instanzenzug", "vorinstanz", "vorinstanzen", "verfahrensgang",
    "zitiervorschlag", "details", "informationen", "fundstellen", "aktenzeichen", "ecli", "datum",
    "entscheidungsdatum", "art", "dokumenttyp", "entscheidungsart", "senat", "spruchkörper", "gericht",
    "schlagworte", "stichworte", "sachgebiet", "rechtskraft", "pressemitteilung", "download",
})
_LABEL_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "dt", "th", "strong", "b")
_SECTION_CLASSES = {"tenor": "tenor", "leitsatz": "leitsatz", "leitsaetze": "leitsatz", "rubrum": "rubrum",
                    "orientierungssatz": "orientierungssatz", "tatbestand": "tatbestand", "gruende": "gruende",
                    "entscheidungsgruende": "entscheidungsgruende"}
_DOCKET = grammar.DOCKET  # the citation engine's Aktenzeichen: "11 A 7.23", "1 AZR 62/23", "B 4 AS 4/16 R" …
# a Zitiervorschlag: "BVerwG, Urteil vom 14.02.2024 - 11 A 7.23 -", "LSG Berlin-Brandenburg, Beschluss vom 3. Mai …"
_CITATION = re.compile(r"(?P<court>\b[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*(?:\s[A-ZÄÖÜ][\wÄÖÜäöü-]+)?),\s*"
                       r"(?P<type>[A-ZÄÖÜ][a-zäöüß]+\.?)\s+vom\s+(?P<date>\d{1,2}\.\s?(?:\d{1,2}\.|[A-Za-zä]+)\s?\d{4})"
                       rf"\s*[-–]\s*{_DOCKET.pattern}")
# "11. Senat", "9. Zivilsenat", "1. Kammer", "Fachsenat", "Großer Senat"
_CHAMBER_SHAPE = r"\d{1,2}\.\s(?:[A-ZÄÖÜ][a-zäöü]*)?(?:[Ss]enat|Kammer)|Große[rn]? Senat|[A-ZÄÖÜ][a-zäöü]+senat"
_CHAMBER = re.compile(rf"\b({_CHAMBER_SHAPE})\b")
_RUBRUM_CHAMBER = re.compile(rf"\b(?:hat|haben|beschließt|erkennt)\s+(?:der|die)\s+({_CHAMBER_SHAPE})\b")


def parse_decision_page(data: bytes, *, path: Path, rel_path: str, meta: WorkMeta) -> ParsedSource:
    soup, decoded, front = load_page(data, rel_path, meta)
    meta = front.merged(meta)
    title = " ".join((soup.title.get_text() if soup.title else "").split())
    root, others = _decision_root(content_root(soup), meta.docket or _docket_in(title))
    found, subject = _metadata(soup, root)
    decision = merge_decision(found, meta, rel_path)
    work = decision_work(decision, subject, meta, path=path, rel_path=rel_path, encoding=decoded.encoding)
    _mark_sections(root)
    sections = _sections(page_events(root))
    entries, problems = decision_entries(sections, work, rel_path)
    extra = [] if decision.date else [warning(rel_path, "the decision's date cannot be read; declare `date`")]
    if others:
        extra.append(warning(rel_path, f"the page also shows {'; '.join(others)}: only {decision.citation} is read "
                                       "(save each decision's own page to add it)"))
    return ParsedSource(work, entries, (*decoded.problems, *extra, *problems))


# --------------------------------------------------------------------------- the decision's parts


def _decision_root(root: Tag, docket: str | None) -> tuple[Tag, list[str]]:
    """The part of the page holding its decision, and the decisions the page shows besides.

    Courts show a decision's history on one page (the Beschluss admitting the appeal above the Urteil),
    each under its own heading with its ECLI, or with its own Zitiervorschlag: then the decision is the
    block around the heading naming the page's Aktenzeichen (from its title), else the one with most text.
    """
    anchors = [h for h in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]) if ECLI.search(h.get_text(" "))]
    if len(anchors) <= 1:
        anchors = [t for t in root.find_all(_LABEL_TAGS) if _label_text(t) == "zitiervorschlag"]
    if len(anchors) <= 1:
        return root, []
    blocks = [_own_block(anchor, anchors, root) for anchor in anchors]
    named = [" ".join(_anchor_text(a).split()) for a in anchors]
    pick = next((i for i, text in enumerate(named) if docket and docket in text), None)
    if pick is None:
        pick = max(range(len(blocks)), key=lambda i: len(blocks[i].get_text()))
    others = [ECLI.sub("", text).strip(" -–[]") for i, text in enumerate(named) if i != pick]
    return blocks[pick], others


def _anchor_text(anchor: Tag) -> str:
    """What a heading with an ECLI, or a Zitiervorschlag label's value, says about its decision."""
    if _label_text(anchor) == "zitiervorschlag":
        value = anchor.find_next_sibling(True)
        return _text_lines(value) if isinstance(value, Tag) else ""
    return anchor.get_text(" ")


def _own_block(anchor: Tag, anchors: list[Tag], root: Tag) -> Tag:
    """The largest element around ``anchor`` that holds no other anchor."""
    others = [o for o in anchors if o is not anchor]
    block = anchor
    for parent in anchor.parents:
        if parent is root or any(parent in o.parents for o in others):
            break
        block = parent
    return block


def _label_text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split()).rstrip(":").strip().lower()


def _label_key(tag: Tag) -> str | None:
    """What a label element opens: a section key, :data:`_SKIP` for a metadata block, or None."""
    text = " ".join(tag.get_text(" ").split()).rstrip(":").strip()
    if not text or len(text) > 40:
        return None
    key = section_key(text)
    if key is not None:
        return key
    return _SKIP if text.lower() in _META_LABELS else None


def _is_label(tag: Tag) -> bool:
    """A heading, or a bold / term element standing alone in its block ("<p><strong>Leitsätze:</strong></p>")."""
    if tag.name in ("h1", "h2", "h3", "h4", "h5", "h6", "dt", "th"):
        return True
    parent = tag.parent
    if not isinstance(parent, Tag):
        return False
    others = "".join(c.get_text() if isinstance(c, Tag) else str(c) for c in parent.children if c is not tag)
    return not others.strip()


def _mark_sections(root: Tag) -> None:
    """Put a synthetic heading ``\\ue002<key>`` where each part of the decision begins: label elements are
    replaced by it; an element classed as a part (``div.tenor``) gets it before itself."""
    for tag in root.find_all(_LABEL_TAGS):
        if tag.parent is None or not _is_label(tag):
            continue
        key = _label_key(tag)
        if key is not None:
            _replace_with_heading(tag, key)
    for tag in root.find_all(True, class_=True):
        keys = [_SECTION_CLASSES[c.lower()] for c in tag.get("class") or [] if c.lower() in _SECTION_CLASSES]
        if keys and tag.parent is not None:
            tag.insert_before(_heading(tag, keys[0]))


def _heading(tag: Tag, key: str) -> Tag:
    heading = Tag(name="h6")
    heading.append(NavigableString(_SECTION_MARK + key))
    heading.sourceline = tag.sourceline
    return heading


def _replace_with_heading(tag: Tag, key: str) -> None:
    # a label inside a paragraph of its own ("<p><strong>Leitsätze:</strong><br/></p>") takes the paragraph along
    target = tag.parent if tag.name in ("strong", "b") and isinstance(tag.parent, Tag) \
        and tag.parent.name in ("p", "div", "li") else tag
    target.replace_with(_heading(target, key))


def _sections(events: list[Event]) -> list[Section]:
    """Events split at the synthetic section headings; text outside any part of the decision is dropped."""
    sections: list[Section] = []
    current: Section | None = None
    for event in events:
        if isinstance(event, Heading) and event.text.startswith(_SECTION_MARK):
            key = event.text.removeprefix(_SECTION_MARK)
            current = None if key == _SKIP else Section(key, line=event.line)
            if current is not None:
                sections.append(current)
            continue
        if isinstance(event, Marker) and (current is None or not _holds_randnummern(current)):
            # Randnummern outside a numbered part (a page without a "Gründe" heading): the reasons begin here
            current = Section("gruende", line=event.line, element=event.element)
            sections.append(current)
        if current is not None:
            current.events.append(event)
    return sections


def _holds_randnummern(section: Section) -> bool:
    return SECTIONS[section.key][1]


# --------------------------------------------------------------------------- metadata


def _metadata(soup: BeautifulSoup, root: Tag) -> tuple[Decision, str | None]:
    """The decision's metadata: from ``root`` (the decision's part of the page) first, the whole page after.

    Only the places that describe the decision are read (labelled fields, headings, title, Dublin Core):
    the reasons cite other decisions, with their own dates and Aktenzeichen. An Aktenzeichen that the
    decision's ECLI does not spell is not taken.
    """
    fields = {**_labelled_fields(soup), **_labelled_fields(root)}
    metas = {(m.get("name") or m.get("property") or "").lower(): str(m.get("content") or "")
             for m in soup.find_all("meta")}
    title = " ".join((soup.title.get_text() if soup.title else "").split())
    headings = " · ".join(" ".join(h.get_text(" ").split()) for h in root.find_all(["h1", "h2", "h3", "h4"]))
    described = " · ".join((fields.get("zitiervorschlag", ""), fields.get("ecli", ""), metas.get("dc.isversionof", ""),
                            headings, title))

    ecli = ECLI.search(described)
    decision = (from_ecli(ecli.group(0)) if ecli else None) or Decision(court="", docket="")

    def fits(docket: str | None) -> bool:
        """The ECLI spells the Aktenzeichen without spaces and punctuation: "11 A 7.23" in "…140224U11A7.23.0"."""
        return bool(docket) and (decision.ecli is None or _alnum(docket) in _alnum(decision.ecli))

    cited = next((m for m in _CITATION.finditer(described) if fits(m.group("docket"))), None)
    if cited:
        decision = replace(decision, court=court_key(cited.group("court")) or cited.group("court"),
                           doctype=doctype(cited.group("type")), date=iso_date(cited.group("date")) or decision.date,
                           docket=" ".join(cited.group("docket").split()))
    court = (court_key(fields.get("gericht")) or court_key(metas.get("dc.creator"))
             or court_key(metas.get("og:site_name")))
    docket = next((d for d in (fields.get("aktenzeichen"), _docket_in(title), _docket_in(headings)) if fits(d)), None)
    decision = replace(
        decision,
        court=decision.court or court or "",
        docket=decision.docket or (" ".join(docket.split()) if docket else ""),
        date=decision.date or iso_date(fields.get("datum") or fields.get("entscheidungsdatum"))
        or iso_date(metas.get("dc.date")),
        doctype=decision.doctype or doctype(fields.get("art") or fields.get("dokumenttyp")),
        chamber=_chamber(fields, metas, " ".join(root.get_text(" ").split())),
        norms=_lines(fields.get("rechtsquellen") or fields.get("normen") or fields.get("normenkette")),
        lower_courts=_lines(fields.get("instanzenzug") or fields.get("vorinstanz") or fields.get("vorinstanzen")),
    )
    return decision, _subject(root) or _subject(soup)


def _alnum(text: str | None) -> str:
    return re.sub(r"[^0-9a-z]", "", (text or "").lower())


def _labelled_fields(soup: Tag) -> dict[str, str]:
    """Label → value for every labelled block of the page ("Aktenzeichen" → "1 AZR 62/23"); the value is
    the element after the label (its dd / next sibling / the rest of its container), lines kept."""
    out: dict[str, str] = {}
    for tag in soup.find_all(_LABEL_TAGS):
        text = _label_text(tag)
        if text not in _META_LABELS or text in out or not _is_label(tag):
            continue
        value = tag.find_next_sibling(True)
        if value is None and tag.name in ("strong", "b") and isinstance(tag.parent, Tag):
            value = tag.parent.find_next_sibling(True)
        if isinstance(value, Tag):
            out[text] = _text_lines(value)
    return out


def _text_lines(tag: Tag) -> str:
    """A value's text with a line per table row, list item, paragraph or line break."""
    rows = tag.find_all(["tr", "li", "p"]) or [tag]
    lines: list[str] = []
    for row in rows:
        pieces = [c.get_text(" ") if isinstance(c, Tag) and c.name != "br" else ("\n" if isinstance(c, Tag)
                  else str(c)) for c in row.children]
        lines += (" ".join(part.split()) for part in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _lines(value: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (value or "").split("\n") if line.strip())


def _docket_in(text: str) -> str | None:
    m = _DOCKET.search(text)
    return m.group(0) if m else None


def _chamber(fields: dict[str, str], metas: dict[str, str], page_text: str) -> str | None:
    """The Spruchkörper: a labelled field, Dublin Core's creator, else the rubrum's "hat der 11. Senat …"
    (the first chamber named anywhere may be another court's, in the procedural history)."""
    for text in (fields.get("senat"), fields.get("spruchkörper"), metas.get("dc.creator")):
        m = _CHAMBER.search(text or "")
        if m:
            return m.group(1)
    m = _RUBRUM_CHAMBER.search(page_text) or _CHAMBER.search(page_text)
    return m.group(1) if m else None


def _subject(soup: Tag) -> str | None:
    """The decision's subject line, where the court gives one (a heading or subheading naming the topic)."""
    for tag in soup.find_all(["h1", "h2", "h3", "p"], class_=re.compile(r"subheading|unline|titelzeile|subject")):
        text = " ".join(tag.get_text(" ").split())
        if 8 <= len(text) <= 300 and not _DOCKET.search(text) and section_key(text) is None:
            return text
    return None


def looks_like_decision_page(data: bytes) -> bool:
    """A court's decision page: Randnummern marked up as courts do, or Dublin Core saying so, or an ECLI with
    the words of a decision. (Reading the whole file: page headers push these far down.)"""
    low = data.lower()
    if b"gerichtsentscheidung" in low:
        return True
    court_markup = re.search(rb'(?:id|name)="rd[-_]\d|class="rdn?"|data-rdn?="\d', low) is not None
    decision_words = b"ecli:de:" in low and (b"urteil" in low or b"beschluss" in low)
    return court_markup or decision_words


__all__ = ["looks_like_decision_page", "parse_decision_page"]
