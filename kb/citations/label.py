"""``label``: a target the way a lawyer writes it ("§ 6a Abs. 2 Satz 1 Nr. 4 SGB II", "Rz. 12 ff.",
"BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R, Rn. 23")."""

from __future__ import annotations

from kb import laws
from kb.model import DecisionTarget, NormTarget, Target

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
