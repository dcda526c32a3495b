"""Court decisions, whatever they come as: the metadata that identifies one, and its entries.

Both decision readers — the federal courts' XML (:mod:`.riixml`) and the courts' web pages
(:mod:`.decisionpage`) — reduce a decision to its :class:`kb.model.Decision` (court, Aktenzeichen,
date, type, ECLI, Spruchkörper, norms, Vorinstanzen) and a sequence of :class:`Section` s. This module
turns those into one work and its entries: each unnumbered part (Leitsatz, Orientierungssatz,
Tenor, Rubrum …) one entry with a stable id (``bverwg-11-a-7-23/leitsatz``), and every Randnummer
of the court one entry (``…/rn-12``) with the section path as its headings ("Gründe › II").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from kb.citations import courts, grammar
from kb.model import Block, BlockKind, Decision, Entry, Problem, SourceLocation, Work, WorkKind, decision_slug, entry_id

from .base import SourceError, warning
from .commentary import Event, Heading, Marker, Piece, assemble
from .metadata import WorkMeta

# The parts of a decision, by the names courts give them: key → (title, holds Randnummern).
SECTIONS: dict[str, tuple[str, bool]] = {
    "titelzeile": ("Titelzeile", False),
    "leitsatz": ("Leitsatz", False),
    "orientierungssatz": ("Orientierungssatz", False),
    "rubrum": ("Rubrum", False),
    "tenor": ("Tenor", False),
    "tatbestand": ("Tatbestand", True),
    "entscheidungsgruende": ("Entscheidungsgründe", True),
    "gruende": ("Gründe", True),
    "abweichende-meinung": ("Abweichende Meinung", True),
    "sonstiger-langtext": ("Sonstiger Langtext", True),
}
_SECTION_NAMES = {
    "titelzeile": "titelzeile", "leitsatz": "leitsatz", "leitsätze": "leitsatz", "leitsaetze": "leitsatz",
    "amtlicher leitsatz": "leitsatz", "amtliche leitsätze": "leitsatz", "orientierungssatz": "orientierungssatz",
    "orientierungssätze": "orientierungssatz", "sonstiger orientierungssatz": "orientierungssatz",
    "rubrum": "rubrum", "tenor": "tenor", "entscheidungsformel": "tenor", "tatbestand": "tatbestand",
    "entscheidungsgründe": "entscheidungsgruende", "entscheidungsgruende": "entscheidungsgruende",
    "gründe": "gruende", "gruende": "gruende", "abweichende meinung": "abweichende-meinung",
    "sondervotum": "abweichende-meinung", "sonstiger langtext": "sonstiger-langtext",
}

_ABBREVIATIONS = frozenset(courts.NAMES.values())  # how courts cite themselves: "BVerwG", "LSG", "BayVGH" …

_DOCTYPES = {"u": "Urteil", "urt": "Urteil", "urteil": "Urteil", "b": "Beschluss", "beschl": "Beschluss",
             "beschluss": "Beschluss", "g": "Gerichtsbescheid", "gerichtsbescheid": "Gerichtsbescheid",
             "vorlagebeschluss": "Vorlagebeschluss", "teilurteil": "Teilurteil", "versäumnisurteil": "Versäumnisurteil"}
_MONTHS = {name.lower(): n for name, n in grammar.MONTH_NUMBER.items()}  # "februar" → 2, also "feb"
ECLI = grammar.ECLI  # the citation engine's: one spelling of an ECLI


@dataclass
class Section:
    """One part of a decision: its key in :data:`SECTIONS` and the events of its text (headings inside it,
    Randnummer markers, pieces of text)."""

    key: str
    events: list[Event] = field(default_factory=list)
    line: int | None = None
    element: str | None = None

    @property
    def title(self) -> str:
        return SECTIONS[self.key][0]

    @property
    def numbered(self) -> bool:
        return any(isinstance(e, Marker) for e in self.events)


def section_key(label: str) -> str | None:
    """The section a heading or label names ("Leitsätze:", "Entscheidungsgründe", "Tenor"), or None."""
    name = " ".join(label.replace(":", " ").split()).strip(" .").lower()
    return _SECTION_NAMES.get(name)


# --------------------------------------------------------------------------- metadata


def doctype(text: str | None) -> str | None:
    """"Urt." / "U" → "Urteil", "Beschl." → "Beschluss"; other document types as written."""
    if not text:
        return None
    word = text.strip().rstrip(".").strip()
    return _DOCTYPES.get(word.lower(), word[:1].upper() + word[1:] if word else None)


def iso_date(text: str | None) -> str | None:
    """"14.02.2024", "14. Februar 2024", "20240214", "2024-02-14" → "2024-02-14"; None when not a date."""
    if not text:
        return None
    text = " ".join(text.split())
    patterns = ((r"(\d{4})-(\d{1,2})-(\d{1,2})", (1, 2, 3)), (r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})", (3, 2, 1)),
                (r"(\d{4})(\d{2})(\d{2})", (1, 2, 3)))
    for pattern, (y, m, d) in patterns:
        found = re.search(pattern, text)
        if found:
            return _valid(int(found.group(y)), int(found.group(m)), int(found.group(d)))
    found = re.search(r"(\d{1,2})\.\s*([A-Za-zäÄ]+)\.?\s+(\d{4})", text)
    if found and found.group(2).lower() in _MONTHS:
        return _valid(int(found.group(3)), _MONTHS[found.group(2).lower()], int(found.group(1)))
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def court_key(name: str | None) -> str | None:
    """"Bundesverwaltungsgericht" / "BVerwG" / "Das Bundesarbeitsgericht, 1. Senat" → the court's abbreviation
    (the court table of the citation engine, :mod:`kb.citations.courts`)."""
    text = " ".join((name or "").split())
    if not text:
        return None
    if text in courts.NAMES:
        return courts.NAMES[text]
    for long, short in courts.FEDERAL.items():
        if long.lower() in text.lower():
            return short
    first = text.split()[0].rstrip(",")
    return first if first in _ABBREVIATIONS else None


def from_ecli(ecli: str) -> Decision | None:
    """Court, date and document type an ECLI spells (``ECLI:DE:BAG:2024:300124.U.1AZR62.23.0``); the
    Aktenzeichen in it is compressed, so ``docket`` stays empty for the caller to fill."""
    m = ECLI.fullmatch(ecli.strip().rstrip("."))
    if m is None:
        return None
    _, _, code, year, ordinal = "".join(m.group(0).split()).split(":", 4)
    court = next((k for k in _ABBREVIATIONS if k.lower() == code.lower()), code)
    when = re.match(r"(\d{2})(\d{2})(\d{2})\.?([A-Za-z])", ordinal)
    day = kind = None
    if when:
        day = _valid(int(year), int(when.group(2)), int(when.group(1)))
        kind = doctype(when.group(4))
    return Decision(court=court, docket="", date=day, doctype=kind, ecli="".join(m.group(0).split()))


def merge_decision(found: Decision, meta: WorkMeta, rel_path: str) -> Decision:
    """What the source says, overridden field by field by the manifest (``court``, ``docket``, ``date`` …);
    raises SourceError when court or Aktenzeichen is still unknown: the id of the decision depends on them."""
    merged = replace(
        found,
        court=meta.court or found.court,
        docket=" ".join((meta.docket or found.docket).split()),
        date=iso_date(meta.date) or found.date,
        doctype=doctype(meta.doctype) or found.doctype,
        ecli=meta.ecli or found.ecli,
    )
    if not merged.court or not merged.docket:
        missing = "court" if not merged.court else "Aktenzeichen"
        raise SourceError.at(rel_path, f"a court decision, but its {missing} cannot be read: declare "
                                       f"`{'court' if not merged.court else 'docket'}` in the manifest")
    return merged


# --------------------------------------------------------------------------- work and entries


def decision_work(decision: Decision, subject: str | None, meta: WorkMeta, *, path: Path, rel_path: str,
                  encoding: str) -> Work:
    """The work of a decision: slug from court and Aktenzeichen (stable), title its subject or its citation."""
    slug = meta.slug or decision_slug(decision.court, decision.docket)
    return Work(slug=slug, title=meta.title or subject or decision.citation, kind=WorkKind.DECISION, law="",
                authors=meta.authors or (), edition=meta.edition, source_url=meta.source_url,
                license=meta.license or "amtliches Werk, gemeinfrei (§ 5 UrhG)", source_path=rel_path,
                encoding=encoding, decision=decision)


def decision_entries(sections: list[Section], work: Work,
                     rel_path: str) -> tuple[tuple[Entry, ...], tuple[Problem, ...]]:
    """Entries in document order: one per unnumbered section, one per Randnummer of the numbered ones."""
    assert work.decision is not None
    parts: list[Entry | str] = []  # entries of unnumbered sections; "rn" where the numbered entries go
    numbered: list[Event] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for section in sections:
        if section.numbered:
            numbered.append(Heading(section.title, 1, section.line))
            numbered.extend(_nested(section.events))
            if "rn" not in parts:
                parts.append("rn")
            continue
        text, blocks = _text(section.events)
        if not text:
            continue
        seen[section.key] = seen.get(section.key, 0) + 1
        name = section.key if seen[section.key] == 1 else f"{section.key}-{seen[section.key]}"
        parts.append(Entry(id=entry_id(work.slug, norm=name), work=work.slug, law="", paragraph="", position=0,
                           text=text, blocks=blocks, title=section.title, cite_as=work.decision.citation,
                           location=SourceLocation(rel_path, section.line, None, section.element)))
    rn_entries: tuple[Entry, ...] = ()
    if numbered:
        rn_entries, found = assemble(numbered, work, rel_path, marker="rn")
        problems.extend(p for p in found)
    elif not any(isinstance(p, Entry) for p in parts):
        raise SourceError.at(rel_path, "a court decision without text: no Leitsatz, Tenor or Gründe found")
    else:
        problems.append(warning(rel_path, "no Randnummern found in the decision; its parts are kept unnumbered"))
    out: list[Entry] = []
    for part in parts:
        for entry in (rn_entries if part == "rn" else (part,)):
            assert isinstance(entry, Entry)
            out.append(replace(entry, position=len(out), cite_as=work.decision.citation))
    return tuple(out), tuple(problems)


def _nested(events: list[Event]) -> list[Event]:
    """A section's own headings one level below the section title."""
    return [replace(e, level=e.level + 1) if isinstance(e, Heading) else e for e in events]


def _text(events: list[Event]) -> tuple[str, tuple[Block, ...]]:
    """The pieces of an unnumbered section as one text with a block per piece (headings kept as paragraphs)."""
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for event in events:
        if isinstance(event, Marker):
            continue
        kind, text, label = ((BlockKind.PARAGRAPH, event.text, None) if isinstance(event, Heading)
                             else (event.kind, event.text, event.label))
        if parts:
            offset += 1
        parts.append(text)
        blocks.append(Block(kind, offset, offset + len(text), label))
        offset += len(text)
    return "\n".join(parts), tuple(blocks)


__all__ = ["ECLI", "SECTIONS", "Piece", "Section", "court_key", "decision_entries", "decision_work",
           "doctype", "from_ecli", "iso_date", "merge_decision", "section_key"]
