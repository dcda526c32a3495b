"""Typed, immutable domain objects shared by every stage.

Everything here is a frozen dataclass with a lossless ``to_dict`` / ``from_dict`` pair,
so the indexer can persist it and the read API, CLI and web can hand out the same shape.
Offsets are character offsets into ``Entry.text`` (Python ``str`` indices).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from enum import StrEnum
from typing import Any, Self

# --------------------------------------------------------------------------- Randnummern

# The one definition of a Randnummer label, used by every source reader, the citation grammar and RzNumber:
# a number of up to RZ_MAX_DIGITS digits (commentaries reach five: "Rz. 66000"), up to two letters ("34a"),
# dotted sub-numbers ("12.1", "42a.1"). The bound keeps RzNumber.sort_string's fixed width exact.
RZ_MAX_DIGITS = 6
RZ_LABEL = rf"\d{{1,{RZ_MAX_DIGITS}}}[a-z]{{0,2}}(?:\.\d{{1,3}}[a-z]{{0,2}})*"  # a regex source, no anchors
_RZ_LABEL = re.compile(rf"^{RZ_LABEL}$")
_RZ_PART = re.compile(r"(\d+)([a-z]*)")


@dataclass(frozen=True, slots=True)
class RzNumber:
    """A Randnummer label: ``33``, ``34a``, ``12.1``, ``42a.1``, ``66000`` (see RZ_LABEL).

    Ordering is numeric per dotted part, then by letter suffix, so that
    33 < 34 < 34a < 34b < 35 < 100 and 12 < 12.1 < 12.2 < 13.
    """

    label: str

    def __post_init__(self) -> None:
        if not _RZ_LABEL.match(self.label):
            raise ValueError(f"not a Randnummer label: {self.label!r}")

    @classmethod
    def parse(cls, text: str) -> Self:
        """Accept ``34a``, ``34 a``, ``34A`` — normalise to the canonical label."""
        label = re.sub(r"\s+", "", text).lower()
        return cls(label)

    @property
    def sort_key(self) -> tuple[tuple[int, str], ...]:
        return tuple(
            (int(m.group(1)), m.group(2))
            for m in (_RZ_PART.fullmatch(part) for part in self.label.split("."))
            if m
        )

    @property
    def sort_string(self) -> str:
        """A string whose lexicographic order equals ``sort_key`` order (for indexes)."""
        return ".".join(f"{n:0{RZ_MAX_DIGITS}d}{s:<2}".replace(" ", "_") for n, s in self.sort_key)

    @property
    def number(self) -> int:
        return self.sort_key[0][0]

    def __lt__(self, other: RzNumber) -> bool:
        return self.sort_key < other.sort_key

    def __le__(self, other: RzNumber) -> bool:
        return self.sort_key <= other.sort_key

    def __str__(self) -> str:
        return self.label


# --------------------------------------------------------------------------- works


class WorkKind(StrEnum):
    COMMENTARY = "commentary"  # a Kommentar on one § (entries are Randnummern)
    STATUTE = "statute"  # the text of one law (entries are §§ / Artikel)
    DECISION = "decision"  # a court decision (entries: Leitsatz, Tenor, the court's Randnummern)
    GUIDANCE = "guidance"  # administrative guidance, e.g. the BA's Fachliche Weisungen (entries are Randnummern)


# German names, as the site and facets show them.
KIND_NAMES = {WorkKind.COMMENTARY: "Kommentar", WorkKind.STATUTE: "Gesetz", WorkKind.DECISION: "Entscheidung",
              WorkKind.GUIDANCE: "Weisung"}
# What a work's entries are called (singular, plural): a statute is counted in Vorschriften (§§ / Artikel), never
# in Randnummern.
ENTRY_NAMES = {WorkKind.COMMENTARY: ("Randnummer", "Randnummern"), WorkKind.STATUTE: ("Vorschrift", "Vorschriften"),
               WorkKind.DECISION: ("Randnummer", "Randnummern"), WorkKind.GUIDANCE: ("Randnummer", "Randnummern")}


@dataclass(frozen=True, slots=True)
class Decision:
    """What identifies a court decision: court, document type, date, Aktenzeichen, ECLI."""

    court: str  # "BVerwG", "BAG", "BGH" (as courts abbreviate themselves)
    docket: str  # Aktenzeichen: "11 A 7.23", "1 AZR 62/23", "IX ZB 72/08"
    date: str | None = None  # ISO: "2024-02-14"
    doctype: str | None = None  # "Urteil", "Beschluss", "Gerichtsbescheid" …
    ecli: str | None = None  # "ECLI:DE:BVerwG:2024:140224U11A7.23.0"
    chamber: str | None = None  # Spruchkörper: "11. Senat"
    norms: tuple[str, ...] = ()  # the norms the court lists ("§ 44 EnWG")
    lower_courts: tuple[str, ...] = ()  # Vorinstanzen, as the court writes them

    @property
    def citation(self) -> str:
        """How lawyers cite it (the courts' Zitiervorschlag): ``BVerwG, Urteil vom 14.02.2024 – 11 A 7.23``."""
        when = ""
        if self.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", self.date):
            y, m, d = self.date.split("-")
            when = f" vom {d}.{m}.{y}"
        kind = f", {self.doctype}" if self.doctype else ","
        return f"{self.court}{kind}{when} – {self.docket}"

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls(**{**data, "norms": tuple(data.get("norms", ())),
                      "lower_courts": tuple(data.get("lower_courts", ()))})


@dataclass(frozen=True, slots=True)
class Work:
    """A unit of source material: the commentary on one §, one statute, one court decision, one guidance.

    ``law`` is the canonical law key (the gesetze-im-internet jurabk, e.g. ``"SGB 2"``);
    see :mod:`kb.laws` for display names and aliases. A decision has no law of its own (``""``)
    and carries its court, date and Aktenzeichen in ``decision``.
    """

    slug: str  # stable, URL-safe: "sgb-2-48b" (commentary), "sgb-2" (statute)
    title: str
    kind: WorkKind
    law: str
    paragraph: str | None = None  # commented § ("48b"); None for statutes
    authors: tuple[str, ...] = ()
    edition: str | None = None  # Auflage / Stand
    source_url: str | None = None
    license: str | None = None
    source_path: str | None = None  # relative to the corpus root
    encoding: str | None = None  # what the source was decoded with
    decision: Decision | None = None  # court, date, Aktenzeichen … of a decision

    def to_dict(self) -> dict[str, Any]:
        return {**_to_dict(self), "decision": self.decision.to_dict() if self.decision else None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        decision = data.get("decision")
        return cls(**{**data, "kind": WorkKind(data["kind"]), "authors": tuple(data.get("authors", ())),
                      "decision": Decision.from_dict(decision) if decision else None})


# --------------------------------------------------------------------------- citations


class CitationKind(StrEnum):
    NORM = "norm"  # § 6a Abs. 2 SGB II, Art. 3 GG
    LAW = "law"  # a law named alone: "das SGB II"
    RZ = "rz"  # Rz. 12 ff., § 6a Rz. 5
    DECISION = "decision"  # BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R, Rn. 23; ECLI:…; BVerfGE 125, 175
    PAPER = "paper"  # a parliamentary paper: BT-Drs. 17/1555, S. 20 (recognised, no target)


@dataclass(frozen=True, slots=True)
class NormTarget:
    """One addressed unit of a norm, as deep as the citation goes."""

    law: str | None  # canonical law key; None when it could not be resolved
    number: str  # "6a"
    marker: str = "§"  # "§" or "Art."
    absatz: str | None = None
    satz: str | None = None
    halbsatz: str | None = None
    nummer: str | None = None
    buchstabe: str | None = None
    alternative: str | None = None

    _LEVELS = (("absatz", "Abs."), ("satz", "Satz"), ("halbsatz", "Halbsatz"),
               ("nummer", "Nr."), ("buchstabe", "Buchst."), ("alternative", "Alt."))

    @property
    def path(self) -> tuple[str, ...]:
        """Hierarchy from the law down: ("SGB 2", "§ 6a", "Abs. 2", "Satz 1", "Nr. 4").

        Backlinks index every prefix so that "who cites § 6a" also finds § 6a Abs. 2.
        """
        parts = [self.law or "?", f"{self.marker} {self.number}"]
        parts += [f"{name} {getattr(self, attr)}" for attr, name in self._LEVELS if getattr(self, attr)]
        return tuple(parts)

    @property
    def key(self) -> str:
        """Canonical id, e.g. ``"SGB 2 § 6a Abs. 2 Satz 1 Nr. 4"``."""
        return " ".join(self.path)

    @property
    def ancestor_keys(self) -> tuple[str, ...]:
        """Keys of this target and every enclosing unit down from the § itself."""
        p = self.path
        return tuple(" ".join(p[:i]) for i in range(2, len(p) + 1))

    def to_dict(self) -> dict[str, Any]:
        return {"type": "norm", "key": self.key, **_to_dict(self)}

    @classmethod
    def from_key(cls, key: str) -> Self | None:
        """The target a canonical key names, the inverse of :attr:`key` ("SGB 2 § 6a Abs. 2 Satz 1" →
        ``NormTarget("SGB 2", "6a", absatz="2", satz="1")``); None when ``key`` is no such key."""
        m = _NORM_KEY.fullmatch(key)
        if m is None:
            return None
        names = {name: attr for attr, name in cls._LEVELS}
        levels = dict(_NORM_LEVEL.findall(m.group("levels")))
        return cls(None if m.group("law") == "?" else m.group("law"), m.group("number"), m.group("marker"),
                   **{names[name]: value for name, value in levels.items()})


_LEVEL_NAMES = "|".join(re.escape(name) for _, name in NormTarget._LEVELS)
_NORM_LEVEL = re.compile(rf" ({_LEVEL_NAMES}) (\S+)")
_NORM_KEY = re.compile(rf"(?P<law>[^§;]+?) (?P<marker>§|Art\.) (?P<number>\S+)(?P<levels>(?: (?:{_LEVEL_NAMES}) \S+)*)")


@dataclass(frozen=True, slots=True)
class RzTarget:
    """A Randnummer (or a run of them) in a commentary."""

    rz: str  # first Randnummer label
    work: str | None = None  # work slug; None when unresolved
    law: str | None = None  # for "§ 6a Rz. 5": the commentary on that §
    paragraph: str | None = None
    end: str | None = None  # "Rz. 10–12" → "12"
    following: str | None = None  # "f." or "ff."

    @property
    def key(self) -> str:
        where = self.work or f"{self.law or '?'} § {self.paragraph or '?'}"
        span = self.rz + (f"-{self.end}" if self.end else "") + (f" {self.following}" if self.following else "")
        return f"{where} Rz. {span}"

    @property
    def ancestor_keys(self) -> tuple[str, ...]:
        return (self.key,)

    def to_dict(self) -> dict[str, Any]:
        return {"type": "rz", "key": self.key, **_to_dict(self)}


@dataclass(frozen=True, slots=True)
class DecisionTarget:
    """A court decision, or one Randnummer of it: by court and Aktenzeichen, by ECLI, or by reporter."""

    court: str | None = None  # "BSG", "BVerwG"
    docket: str | None = None  # Aktenzeichen: "B 4 AS 4/16 R"
    date: str | None = None  # ISO, when the citation gives it
    doctype: str | None = None  # "Urteil", "Beschluss"
    ecli: str | None = None  # "ECLI:DE:BSG:2016:121016UB4AS416R0"
    reporter: str | None = None  # official collection or journal: "BVerfGE 125, 175", "NJW 2019, 1234"
    rn: str | None = None  # the Randnummer cited: "23"
    work: str | None = None  # the decision's slug when it is in the knowledge base

    @property
    def decision_key(self) -> str:
        """The decision itself: ``"BSG B 4 AS 4/16 R"``, else its ECLI, else its reporter reference."""
        if self.court and self.docket:
            return f"{self.court} {self.docket}"
        return self.ecli or self.reporter or self.docket or "?"

    @property
    def key(self) -> str:
        """Canonical id: ``"BSG B 4 AS 4/16 R Rn. 23"`` (the decision key alone when no Randnummer is cited)."""
        return f"{self.decision_key} Rn. {self.rn}" if self.rn else self.decision_key

    @property
    def ancestor_keys(self) -> tuple[str, ...]:
        """A cited Randnummer is also a citation of the decision: "who cites B 4 AS 4/16 R" finds "… Rn. 23"."""
        return (self.decision_key, self.key) if self.rn else (self.key,)

    def to_dict(self) -> dict[str, Any]:
        return {"type": "decision", "key": self.key, **_to_dict(self)}


Target = NormTarget | RzTarget | DecisionTarget
_TARGET_TYPES: dict[str, type[NormTarget] | type[RzTarget] | type[DecisionTarget]] = {
    "norm": NormTarget, "rz": RzTarget, "decision": DecisionTarget}


def target_from_dict(data: dict[str, Any]) -> Target:
    body = {k: v for k, v in data.items() if k not in ("type", "key")}
    return _TARGET_TYPES[data["type"]](**body)


@dataclass(frozen=True, slots=True)
class Citation:
    """A citation found in a text: its span, its form and what it points at."""

    kind: CitationKind
    start: int
    end: int
    text: str
    targets: tuple[Target, ...] = ()
    law: str | None = None  # for LAW citations and explicit law mentions
    url: str | None = None  # filled by resolution: KB URL or external (gesetze-im-internet)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind), "start": self.start, "end": self.end, "text": self.text,
            "law": self.law, "url": self.url, "targets": [t.to_dict() for t in self.targets],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls(
            kind=CitationKind(data["kind"]), start=data["start"], end=data["end"], text=data["text"],
            targets=tuple(target_from_dict(t) for t in data.get("targets", ())),
            law=data.get("law"), url=data.get("url"),
        )


# --------------------------------------------------------------------------- entities


class EntityLabel(StrEnum):
    TRAEGER = "TRAEGER"
    MINISTERIUM = "MINISTERIUM"
    BEHOERDE = "BEHOERDE"
    GREMIUM = "GREMIUM"
    GERICHT = "GERICHT"
    ORT = "ORT"
    # no NORM: a cited norm is a citation (Entry.citations, with its target, URL and backlinks), not an entity
    GESETZ = "GESETZ"
    DATUM = "DATUM"
    ZEITRAUM = "ZEITRAUM"


# German names of the entity kinds (singular, plural), as pages, facets and headings show them: the labels above
# are codes for programs and URLs, never for readers.
ENTITY_LABEL_NAMES: dict[EntityLabel, tuple[str, str]] = {
    EntityLabel.TRAEGER: ("Träger", "Träger"), EntityLabel.MINISTERIUM: ("Ministerium", "Ministerien"),
    EntityLabel.BEHOERDE: ("Behörde", "Behörden"), EntityLabel.GREMIUM: ("Gremium", "Gremien"),
    EntityLabel.GERICHT: ("Gericht", "Gerichte"), EntityLabel.ORT: ("Ort", "Orte"),
    EntityLabel.GESETZ: ("Gesetz", "Gesetze"),
    EntityLabel.DATUM: ("Datum", "Daten"), EntityLabel.ZEITRAUM: ("Zeitraum", "Zeiträume"),
}


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing in the text, normalised to one canonical form.

    ``canonical`` is the lemma-level name ("zugelassener kommunaler Träger");
    ``abbreviation`` the short form it is known by ("MS"), if any.
    """

    label: EntityLabel
    start: int
    end: int
    text: str
    canonical: str
    abbreviation: str | None = None

    @property
    def id(self) -> str:
        return entity_id(self.label, self.canonical)

    def to_dict(self) -> dict[str, Any]:
        return {**_to_dict(self), "label": str(self.label), "id": self.id}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        body = {k: v for k, v in data.items() if k != "id"}
        return cls(**{**body, "label": EntityLabel(data["label"])})


def entity_id(label: str, canonical: str) -> str:
    """Stable URL-safe id: ``traeger/zugelassener-kommunaler-traeger``."""
    return f"{label.lower()}/{slugify(canonical)}"


class Modality(StrEnum):
    PFLICHT = "pflicht"  # muss, hat … zu, ist verpflichtet, obliegt
    SOLL = "soll"  # soll / sollen: target, duty in the normal case
    KANN = "kann"  # kann / darf: permission, discretion
    VERBOT = "verbot"  # darf nicht, ist unzulässig


@dataclass(frozen=True, slots=True)
class Obligation:
    """Who must / shall / may (not) do what, found in one sentence."""

    modality: Modality
    bearer: str  # canonical entity name, or the subject text when no entity matched
    action: str  # the action text ("Zielvereinbarungen abschließen")
    sentence: str
    start: int  # sentence span in the entry text
    end: int
    bearer_id: str | None = None  # entity id when the bearer is a known entity
    cue: str = ""  # the modal expression that triggered ("sollen", "haben … verpflichtet")
    absatz: str | None = None  # statute entries: the Absatz holding the sentence ("4" for "(4)")

    def to_dict(self) -> dict[str, Any]:
        return {**_to_dict(self), "modality": str(self.modality)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls(**{**data, "modality": Modality(data["modality"])})


# --------------------------------------------------------------------------- entries


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    FOOTNOTE = "footnote"
    ABSATZ = "absatz"  # statute: "(1) …"
    NUMMER = "nummer"  # statute: "1. …" inside an Absatz


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, list item, footnote or Absatz; ``start``/``end`` index ``Entry.text``."""

    kind: BlockKind
    start: int
    end: int
    label: str | None = None  # "1" for Abs. (1), "4" for Nr. 4, "a" for a list marker, footnote no.
    parent: str | None = None  # for a Nummer: the Absatz label it belongs to

    def to_dict(self) -> dict[str, Any]:
        return {**_to_dict(self), "kind": str(self.kind)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls(**{**data, "kind": BlockKind(data["kind"])})


@dataclass(frozen=True, slots=True)
class Unit:
    """A span of statute text and the unit of its § it is: Absatz "1", Nummer "4" of Absatz "1", or Nummer "2"
    of a § without numbered Absätze (``absatz`` None)."""

    start: int
    end: int
    absatz: str | None = None
    nummer: str | None = None


def statute_units(blocks: Iterable[Block]) -> tuple[Unit, ...]:
    """The Absätze of a statute § and the Nummern directly in them (or in a § without Absätze), in text order:
    the units its page anchors and relative references within it resolve against. Items of a nested list
    (parent "1/4": the Buchstaben of Nr. 4) are no units of their own."""
    blocks = sorted(blocks, key=lambda b: (b.start, -b.end))
    absaetze = {b.label for b in blocks if b.kind is BlockKind.ABSATZ and b.label}
    out: list[Unit] = []
    for b in blocks:
        if b.kind is BlockKind.ABSATZ and b.label:
            out.append(Unit(b.start, b.end, b.label))
        elif b.kind is BlockKind.NUMMER and b.label and (b.parent is None or b.parent in absaetze):
            out.append(Unit(b.start, b.end, b.parent, b.label))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class SourceLocation:
    path: str  # file, relative to the corpus root where possible
    line: int | None = None  # 1-based first line of the entry
    end_line: int | None = None
    element: str | None = None  # HTML / XML element path

    def __str__(self) -> str:
        where = f":{self.line}" if self.line else ""
        return f"{self.path}{where}" + (f" ({self.element})" if self.element else "")


@dataclass(frozen=True, slots=True)
class Entry:
    """One Randnummer of a commentary, guidance or decision, a decision's Leitsatz or Tenor, or one § / Artikel
    of a statute."""

    id: str  # stable; see entry_id()
    work: str  # work slug
    law: str  # canonical law key
    paragraph: str  # the § this entry belongs to ("48b")
    position: int  # 0-based order within the work
    text: str  # the whole body; blocks index into it
    blocks: tuple[Block, ...] = ()
    rz: RzNumber | None = None  # None for statute entries
    headings: tuple[str, ...] = ()  # outline path, outermost first
    title: str | None = None  # statute: § title ("Zielvereinbarungen")
    location: SourceLocation | None = None
    flags: tuple[str, ...] = ()  # "duplicate", "weggefallen", …
    citations: tuple[Citation, ...] = ()
    entities: tuple[Entity, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    # How lawyers cite the work when it is no §: a decision's "BVerwG, Urteil vom 14.02.2024 – 11 A 7.23"
    # (``Decision.citation``, carried by each entry as law and paragraph are).
    cite_as: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "work": self.work, "law": self.law, "paragraph": self.paragraph, "cite_as": self.cite_as,
            "position": self.position, "rz": self.rz.label if self.rz else None,
            "rz_sort": self.rz.sort_string if self.rz else None,
            "headings": list(self.headings), "title": self.title, "text": self.text,
            "blocks": [b.to_dict() for b in self.blocks],
            "location": _to_dict(self.location) if self.location else None,
            "flags": list(self.flags),
            "citations": [c.to_dict() for c in self.citations],
            "entities": [e.to_dict() for e in self.entities],
            "obligations": [o.to_dict() for o in self.obligations],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls(
            id=data["id"], work=data["work"], law=data["law"], paragraph=data["paragraph"],
            position=data["position"], text=data["text"],
            blocks=tuple(Block.from_dict(b) for b in data.get("blocks", ())),
            rz=RzNumber(data["rz"]) if data.get("rz") else None,
            headings=tuple(data.get("headings", ())), title=data.get("title"),
            location=SourceLocation(**data["location"]) if data.get("location") else None,
            flags=tuple(data.get("flags", ())),
            citations=tuple(Citation.from_dict(c) for c in data.get("citations", ())),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", ())),
            obligations=tuple(Obligation.from_dict(o) for o in data.get("obligations", ())),
            cite_as=data.get("cite_as"),
        )


def entry_id(work_slug: str, rz: RzNumber | None = None, *, occurrence: int = 1, norm: str | None = None,
             marker: str = "rz") -> str:
    """Stable entry id, also the tail of its permanent URL.

    Commentary: ``sgb-2-48b/rz-34a``; a second "Rz. 34" in the same work: ``sgb-2-48b/rz-34~2``.
    Decision (``marker="rn"``, as courts number): ``bverwg-11-a-7-23/rn-12``; its named parts
    (``norm="leitsatz"``, ``"tenor"``): ``bverwg-11-a-7-23/leitsatz``.
    Statute: ``sgb-2/48b`` (``norm`` is the § / Art. number).
    """
    if rz is not None:
        tail = f"{marker}-{rz.label}" + (f"~{occurrence}" if occurrence > 1 else "")
    elif norm is not None:
        tail = slugify(norm)
    else:
        raise ValueError("entry_id needs an rz or a norm")
    return f"{work_slug}/{tail}"


def decision_slug(court: str, docket: str) -> str:
    """Stable work slug of a decision from court and Aktenzeichen: ``BVerwG 11 A 7.23`` → ``bverwg-11-a-7-23``."""
    return slugify(f"{court} {docket}").replace(".", "-")


# --------------------------------------------------------------------------- problems


class Severity(StrEnum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with an input, pinned to where it is."""

    severity: Severity
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {**_to_dict(self), "severity": str(self.severity)}


# --------------------------------------------------------------------------- helpers

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "§": ""})


def slugify(text: str) -> str:
    """``"Landkreis Göttingen"`` → ``"landkreis-goettingen"``; keeps dots in "12.1"."""
    ascii_text = text.translate(_UMLAUTS).lower()
    return re.sub(r"[^a-z0-9.]+", "-", ascii_text).strip("-")


def json_ready(obj: Any, special: Mapping[type, Callable[[Any], Any]] | None = None) -> Any:
    """Any read-API result as JSON-ready data: model objects via ``to_dict``, other dataclasses field by
    field, containers recursively. ``special`` maps types to their own rendering (the web's entry links)."""
    for kind, render in (special or {}).items():
        if isinstance(obj, kind):
            return render(obj)
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: json_ready(getattr(obj, f.name), special) for f in fields(obj)}
    if isinstance(obj, dict):
        return {str(k): json_ready(v, special) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [json_ready(v, special) for v in obj]
    return obj


def _to_dict(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(obj):
        if f.name.startswith("_"):
            continue
        value = getattr(obj, f.name)
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


__all__ = [
    "ENTITY_LABEL_NAMES", "ENTRY_NAMES", "KIND_NAMES", "RZ_LABEL", "RZ_MAX_DIGITS", "Block", "BlockKind", "Citation",
    "CitationKind", "Decision",
    "DecisionTarget", "Entity",
    "EntityLabel", "Entry", "Modality", "NormTarget", "Obligation", "Problem", "RzNumber", "RzTarget", "Severity",
    "SourceLocation", "Target", "Unit", "Work", "WorkKind", "decision_slug", "entity_id", "entry_id", "json_ready",
    "slugify", "statute_units", "target_from_dict",
]
