"""``label``: a target the way a lawyer writes it ("§ 6a Abs. 2 Satz 1 Nr. 4 SGB II", "Rz. 12 ff.",
"BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R, Rn. 23"); and the other values a reader sees instead of their
machine form: a norm key (:func:`norm_label`), a normalised date (:func:`date_label`), an entity's canonical
value (:func:`entity_name`)."""

from __future__ import annotations

import re

from kb import laws
from kb.citations.grammar import MONTH_NAMES
from kb.model import DecisionTarget, EntityLabel, NormTarget, Target

_UNITS = (("absatz", "Abs."), ("satz", "Satz"), ("halbsatz", "Hs."), ("nummer", "Nr."), ("buchstabe", "Buchst."),
          ("alternative", "Alt."))


def label(target: Target) -> str:
    """Human form of a target: units in citation order, the law in its display form, at the end; a decision as
    the courts suggest citing them."""
    if isinstance(target, DecisionTarget):
        return _decision(target)
    if isinstance(target, NormTarget):
        parts = [f"{target.marker} {target.number}"] if target.number else []
        parts += [f"{name} {value}" for attr, name in _UNITS if (value := getattr(target, attr))]
        if target.law:
            parts.append(laws.display(target.law))
        return " ".join(parts)
    rz = f"Rz. {target.rz}" + (f"–{target.end}" if target.end else "") + (f" {target.following}" if target.following
                                                                          else "")
    if target.paragraph and not target.work:
        where = f"§ {target.paragraph}" + (f" {laws.display(target.law)}" if target.law else "")
        return f"{where} {rz}"
    return rz


def _decision(target: DecisionTarget) -> str:
    """"BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R, BSGE 122, 1, Rn. 23", "BSG B 4 AS 4/16 R", "BVerfGE 125, 175,
    Rn. 12": court, type and date, then the Aktenzeichen, the reporter, the Randnummer; an ECLI alone as it is."""
    if target.ecli and not target.docket and not target.reporter:  # the ECLI names the court itself
        return ", ".join(part for part in (target.ecli, f"Rn. {target.rn}" if target.rn else None) if part)
    head = ", ".join(part for part in (target.court, target.doctype) if part)
    if target.date:
        year, month, day = target.date.split("-")
        head = f"{head} vom {day}.{month}.{year}".strip()
    if target.docket:
        head = f"{head} – {target.docket}" if target.doctype or target.date else f"{head} {target.docket}".strip()
    return ", ".join(part for part in (head, target.reporter, f"Rn. {target.rn}" if target.rn else None) if part)


def norm_label(norm: NormTarget | str) -> str:
    """A norm as lawyers write it, from its target or its canonical key: "SGB 2 § 48b Abs. 4" → "§ 48b Abs. 4
    SGB II". A string that is no norm key is returned as it is (it is then no key a reader should not see)."""
    target = NormTarget.from_key(norm) if isinstance(norm, str) else norm
    if target is None:
        return str(norm)
    return label(target)


_DAY = re.compile(r"(?P<y>\d{4})?-(?P<m>\d{2})-(?P<d>\d{2})|--(?P<m2>\d{2})-(?P<d2>\d{2})")
_MONTH = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})")
_YEARS = re.compile(r"(?P<y1>\d{4})/(?P<y2>\d{4})")


def date_label(value: str) -> str:
    """A normalised date or period (ISO 8601 as the entities carry it) the way German text writes it:
    ``2024-01-01`` → "1. Januar 2024", ``--01-01`` (a day without its year) → "1. Januar", ``2024-05`` →
    "Mai 2024", ``2023/2025`` → "2023 bis 2025"; a year or a length ("6 Monate") is already readable and stays."""
    if (m := _DAY.fullmatch(value)) is not None:
        month, day = (m.group("m"), m.group("d")) if m.group("d") else (m.group("m2"), m.group("d2"))
        if 1 <= int(month) <= 12:
            return f"{int(day)}. {MONTH_NAMES[int(month) - 1]}" + (f" {m.group('y')}" if m.group("y") else "")
    elif (m := _MONTH.fullmatch(value)) is not None and 1 <= int(m.group("m")) <= 12:
        return f"{MONTH_NAMES[int(m.group('m')) - 1]} {m.group('y')}"
    elif (m := _YEARS.fullmatch(value)) is not None:
        return f"{m.group('y1')} bis {m.group('y2')}"
    return value


def entity_name(entity_label: EntityLabel | str, canonical: str) -> str:
    """What a reader is shown for an entity: its canonical name, except where that is a machine value — a date
    or period in German ("1. Januar 2024"), a law by its display name ("SGB II" for ``SGB 2``)."""
    if entity_label in (EntityLabel.DATUM, EntityLabel.ZEITRAUM):
        return date_label(canonical)
    if entity_label == EntityLabel.GESETZ:
        law = laws.lookup(canonical)  # a law key ("SGB 2") is shown as the law is cited; a name stays a name
        return law.display if law is not None and law.key == canonical else canonical
    return canonical


__all__ = ["date_label", "entity_name", "label", "norm_label"]
