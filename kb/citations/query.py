"""``parse_query``: is a user's search text a citation? ("§ 48b Rz. 34a", "48b Rn 34", "SGB 2 § 48b",
"BSG B 4 AS 4/16 R Rn. 23", "B 4 AS 4/16 R", an ECLI). ``parse_rz_query``: is it a bare Randnummer
("Rz. 34a", "Rn. 12", "Rdnr. 5"), naming no §, work or court? ``citation_kinds``: which kinds of citation
a text contains at all ("Zielvereinbarung § 48b": a norm)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kb import laws
from kb.citations import grammar as g
from kb.citations.find import find
from kb.model import Citation, CitationKind, DecisionTarget, NormTarget, RzNumber, RzTarget

_MAX_QUERY = 300
# "48b Rn. 34a", "SGB 2 48b": a § number without the § sign, at the start or right after a law
_BARE_NUMBER = re.compile(r"(?P<lead>^|^(?:.*?\S)\s+)(?P<num>\d{1,4}[a-z]{0,3})(?=\s|$|,)")
_TRAILING = re.compile(r"[\s.,;:!?)]*$")


@dataclass(frozen=True, slots=True)
class CitationQuery:
    """A query that names one § (optionally one Randnummer of its commentary, or a unit of it), or one court
    decision (``decision``; then ``paragraph`` is "" and ``law``, ``rz``, ``target`` are None)."""

    law: str | None  # canonical key; None when the query does not say
    paragraph: str  # "48b"
    rz: str | None  # "34a"
    target: NormTarget | None  # the addressed unit for norm queries ("§ 48b Abs. 4")
    text: str  # the query as given
    decision: DecisionTarget | None = None  # "BSG B 4 AS 4/16 R Rn. 23"

    def to_dict(self) -> dict[str, Any]:
        return {"law": self.law, "paragraph": self.paragraph, "rz": self.rz,
                "target": self.target.to_dict() if self.target else None, "text": self.text,
                "decision": self.decision.to_dict() if self.decision else None}


@dataclass(frozen=True, slots=True)
class RzQuery:
    """A bare Randnummer: "Rz. 34a", "Rn. 12", "Rdnr. 5" — which work it is in, the query does not say."""

    rz: RzNumber
    keyword: str  # how to name it back to the reader: "Rz." (also for Rdnr., Randnummer …) or "Rn." (decisions)
    text: str  # the query as given

    @property
    def label(self) -> str:
        """As a lawyer writes it: "Rz. 34a"."""
        return f"{self.keyword} {self.rz.label}"


def parse_query(text: str) -> CitationQuery | None:
    """The citation a query consists of, or None when it is ordinary search text."""
    for form in _forms(text):
        for candidate in _candidates(form):
            parsed = _whole(candidate)
            if parsed is not None:
                return _to_query(parsed, text)
    return None


def parse_rz_query(text: str) -> RzQuery | None:
    """The Randnummer a query consists of when it names nothing else ("Rz. 34a", "rn 12", "Rdnr. 5",
    "Randnummer 7"), else None: "§ 48b Rz. 34a" is a :func:`parse_query` citation, "Rz. 33 ff." a run."""
    for form in _forms(text):
        cits = _whole(form)
        if cits is None or len(cits) != 1 or cits[0].kind is not CitationKind.RZ or len(cits[0].targets) != 1:
            continue
        target = cits[0].targets[0]
        if (not isinstance(target, RzTarget) or target.work or target.law or target.paragraph or target.end
                or target.following):
            continue
        try:
            rz = RzNumber.parse(target.rz)
        except ValueError:
            continue
        keyword = "Rn." if form.lstrip(" ,").startswith("Rn") else "Rz."
        return RzQuery(rz, keyword, text)
    return None


def citation_kinds(text: str) -> frozenset[CitationKind]:
    """The kinds of citation anywhere in ``text`` (a norm, a law, a Randnummer, a decision …), also when the
    rest of it is search text: "Zielvereinbarung § 48b" → {NORM}, "B 4 AS 4/16 R" → {DECISION}."""
    if len(text) > _MAX_QUERY * 4:
        return frozenset()
    found = {c.kind for form in dict.fromkeys([text, *_forms(text)]) for c in find(form)}  # also "rz 34a"
    whole = parse_query(text)
    if whole is not None:
        found.add(CitationKind.DECISION if whole.decision is not None else
                  CitationKind.RZ if whole.rz else CitationKind.NORM)
    return frozenset(found)


def _forms(text: str) -> list[str]:
    """The spellings of a query to try the citation grammar on: as typed, keywords and laws recased
    ("sgb ii § 48b rz 34a"), and compacted ("§48bRz34a", "§ 48B Rz. 34A"); none for no citation."""
    query = " ".join(text.split())
    if not query or len(query) > _MAX_QUERY or not any(ch.isdigit() for ch in query):
        return []
    forms = [query]
    for variant in (_recase(query), _compact(_recase(query))):
        if variant not in forms:
            forms.append(variant)
    return forms


_KEYWORD_CASE = {"rz": "Rz.", "rn": "Rn.", "rdnr": "Rdnr.", "randnr": "Randnr.", "abs": "Abs.", "art": "Art.",
                 "nr": "Nr.", "satz": "Satz", "s": "S."}
_WORD = re.compile(r"(?<![\w§])([A-Za-zÄÖÜäöüß]+)(\.?)(?:\s+([ivxIVX]{1,4}|\d{1,2})(?![\w.]))?")


_SUFFIX = re.compile(r"(\d)\s?([a-hj-uwyzA-HJ-UWYZ])(?![\wÄÖÜäöüß.])")  # not I, V, X: roman numerals


def _compact(query: str) -> str:
    """Spacing and suffix case normalised: "§48bRz34a" → "§ 48b Rz. 34a", "48 B" → "48b"."""
    query = re.sub(r"§(?=\d)", "§ ", query)
    query = re.sub(r"(?<=[\da-z])(?=R[zn]\.?\d|R[zn]\b)", " ", query)
    query = re.sub(r"\b(R[zn])\.?(?=\d)", r"\1. ", query)
    return _SUFFIX.sub(lambda m: m.group(1) + m.group(2).lower(), query)


def _recase(query: str) -> str:
    """Keywords and law names in their citation spelling: "sgb 2" → "SGB 2", "rz" → "Rz.", "bgb" → "BGB"."""

    def fix(m: re.Match[str]) -> str:
        word, dot, num = m.group(1), m.group(2), m.group(3)
        if word.lower() == "sgb":
            return f"SGB {num.upper()}" if num else "SGB"
        tail = f" {num}" if num else ""
        if word.lower() in _KEYWORD_CASE:
            return _KEYWORD_CASE[word.lower()] + tail
        law = laws.lookup(word) if word.islower() or word.isupper() else None
        return (law.display if law else word + dot) + tail

    return _WORD.sub(fix, query)


def _candidates(query: str) -> list[str]:
    out = [query]
    if g.DOCKET.match(query):
        out.append(f"Az. {query}")  # "B 4 AS 4/16 R Rn. 23": an Aktenzeichen alone is a decision in a query
    if "§" not in query and not re.match(r"Art(?:ikel|\.)?\s", query):
        m = _BARE_NUMBER.match(query)
        rest = query[m.end():].strip() if m else ""
        # a bare "48b" or "2024" is search text; "48b Rn. 34" and "SGB II 48b" are citations
        lead = m.group("lead").strip() if m else ""
        if m and ((not lead and rest) or (lead and g.LAW_ALONE.fullmatch(lead))):
            out.append(f"{m.group('lead')}§ {query[m.start('num'):]}")
    return out


def _whole(query: str) -> list[Citation] | None:
    """The citations of ``query`` if together they cover all of it (allowing trailing punctuation)."""
    cits = list(find(query))
    if not cits or cits[0].start != 0:
        return None
    end = 0
    for c in cits:
        if query[end:c.start].strip(" ,"):
            return None
        end = c.end
    if _TRAILING.fullmatch(query, end) is None:
        return None
    return cits


def _to_query(cits: list[Citation], text: str) -> CitationQuery | None:
    head, rest = cits[0], cits[1:]
    trailing_law = None
    if rest:
        # "§ 48b Rz. 34a SGB II": a law named after the Randnummer
        if len(rest) == 1 and rest[0].kind is CitationKind.LAW and not head.law:
            trailing_law = rest[0].law
        else:
            return None
    if head.kind is CitationKind.DECISION:
        decision = head.targets[0]
        if rest or not isinstance(decision, DecisionTarget):
            return None
        return CitationQuery(None, "", None, None, text, decision)
    if head.kind is CitationKind.RZ:
        rz = next((t for t in head.targets if isinstance(t, RzTarget)), None)
        if rz is None or not rz.paragraph:
            return None
        return CitationQuery(rz.law or trailing_law, rz.paragraph, rz.rz, None, text)
    if head.kind is CitationKind.NORM:
        first = head.targets[0]
        if not isinstance(first, NormTarget) or not first.number:
            return None
        law = first.law or trailing_law
        target = NormTarget(law, first.number, first.marker, first.absatz, first.satz, first.halbsatz,
                            first.nummer, first.buchstabe, first.alternative)
        return CitationQuery(law, first.number, None, target, text)
    return None
