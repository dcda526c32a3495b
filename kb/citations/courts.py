"""German and European courts by the abbreviation they cite themselves with: "Bundessozialgericht" → "BSG".

The citation grammar (:mod:`kb.citations.grammar`) builds its court pattern from these tables;
:func:`abbreviation` turns a court as written into the form a ``DecisionTarget`` carries.
"""

from __future__ import annotations

import re

# Courts without a seat in their name (federal, European, the historical Reichsgericht).
FEDERAL: dict[str, str] = {
    "Bundesverfassungsgericht": "BVerfG",
    "Bundesgerichtshof": "BGH",
    "Bundesverwaltungsgericht": "BVerwG",
    "Bundessozialgericht": "BSG",
    "Bundesarbeitsgericht": "BAG",
    "Bundesfinanzhof": "BFH",
    "Bundespatentgericht": "BPatG",
    "Reichsgericht": "RG",
    "Kammergericht": "KG",
    "Bayerisches Oberstes Landesgericht": "BayObLG",
    "Europäischer Gerichtshof für Menschenrechte": "EGMR",
    "Gerichtshof der Europäischen Union": "EuGH",
    "Europäischer Gerichtshof": "EuGH",
    "Gericht der Europäischen Union": "EuG",
}
# Courts of the Länder: their abbreviation is followed by the seat or the Land ("LSG Berlin-Brandenburg").
STATE: dict[str, str] = {
    "Landessozialgericht": "LSG",
    "Sozialgericht": "SG",
    "Oberverwaltungsgericht": "OVG",
    "Verwaltungsgerichtshof": "VGH",
    "Verwaltungsgericht": "VG",
    "Oberlandesgericht": "OLG",
    "Landgericht": "LG",
    "Amtsgericht": "AG",
    "Landesarbeitsgericht": "LAG",
    "Arbeitsgericht": "ArbG",
    "Finanzgericht": "FG",
    "Verfassungsgerichtshof": "VerfGH",
    "Landesverfassungsgericht": "LVerfG",
    "Staatsgerichtshof": "StGH",
}
# Abbreviations in use besides those above (a Land in front: "BayVGH", "HessLSG"; "LArbG" for LAG; the joint
# senate of the federal courts).
OTHER_ABBREVIATIONS: tuple[str, ...] = (
    "BayVGH", "BayVerfGH", "BayLSG", "HessVGH", "HessLSG", "SächsOVG", "SächsLSG", "NdsOVG", "ThürOVG", "LArbG",
    "GmS-OGB", "GmSOGB",  # the Gemeinsamer Senat der obersten Gerichtshöfe des Bundes
)
# "AG" alone is as often an Aktiengesellschaft: only with its seat ("AG München") is it a court.
NEEDS_SEAT = frozenset({"AG"})
# Masculine courts: their adjective reads "Bayerischer VGH"; the others are neuter ("Hessisches LSG").
_MASCULINE = frozenset({"VGH", "VerfGH", "StGH"})


def _genitives(name: str) -> tuple[str, ...]:
    """"Bundessozialgericht" → "…gerichts", "…gerichtes"; multi-word names inflect their head noun and adjective."""
    words = name.split(" ")
    if len(words) == 1:
        return name, name + "s", name + "es"
    head = next(i for i, w in enumerate(words) if w.lower().endswith(("gericht", "hof")))
    adjectives = [re.sub(r"(?:er|es|e)$", "en", w) if i < head and w[:1].isupper() else w for i, w in enumerate(words)]
    return name, " ".join([*adjectives[:head], words[head] + "s", *words[head + 1:]])


def _names() -> dict[str, str]:
    out: dict[str, str] = {}
    for table in (FEDERAL, STATE):
        for name, abbr in table.items():
            for form in _genitives(name):
                out.setdefault(form, abbr)
    for abbr in (*FEDERAL.values(), *STATE.values(), *OTHER_ABBREVIATIONS):
        out.setdefault(abbr, abbr)
    return out


NAMES: dict[str, str] = _names()  # every spelling → abbreviation
SEATED = frozenset(STATE.values())  # abbreviations that take a seat
# The instance letter of a social court's docket and the courts it names ("BayLSG" is an LSG too).
_SOCIAL_COURTS = {"B": re.compile("BSG"), "L": re.compile(r"\w*LSG"), "S": re.compile("SG")}
_ADJECTIVE = re.compile(r"^(?P<stem>[A-ZÄÖÜ][\wäöüß-]*isch)(?:e[nmrs]?)$")


def abbreviation(name: str, *, adjective: str | None = None, seat: str | None = None) -> str:
    """The court as cited: abbreviation, seat as written ("LSG Berlin-Brandenburg"), a Land adjective in the
    nominative ("des Hessischen Landessozialgerichts" → "Hessisches LSG")."""
    abbr = NAMES.get(" ".join(name.split()), name)
    if adjective:
        stem = _ADJECTIVE.match(adjective)
        if stem is not None:
            adjective = stem.group("stem") + ("er" if abbr in _MASCULINE else "es")
        abbr = f"{adjective} {abbr}"
    return f"{abbr} {' '.join(seat.split())}" if seat else abbr


def fits(court: str, docket: str) -> bool:
    """Whether an Aktenzeichen can be this court's: the social courts' dockets start with their instance
    ("B 4 AS 4/16 R": BSG, "L …": LSG, "S …": SG), the BVerfG's registers are "Bv…" ("1 BvL 7/16")."""
    words = court.split()
    instance = re.match(r"([BLS]) \d", docket)
    if instance is not None:
        family = _SOCIAL_COURTS[instance.group(1)]
        return any(family.fullmatch(w) for w in words)
    if re.search(r"\bBv[A-Z]\b", docket):
        return "BVerfG" in words
    return True


__all__ = ["FEDERAL", "NAMES", "NEEDS_SEAT", "OTHER_ABBREVIATIONS", "SEATED", "STATE", "abbreviation", "fits"]
