"""``label``: a target the way a lawyer writes it ("§ 6a Abs. 2 Satz 1 Nr. 4 SGB II", "Rz. 12 ff.")."""

from __future__ import annotations

from kb import laws
from kb.model import NormTarget, Target

_UNITS = (("absatz", "Abs."), ("satz", "Satz"), ("halbsatz", "Hs."), ("nummer", "Nr."), ("buchstabe", "Buchst."),
          ("alternative", "Alt."))


def label(target: Target) -> str:
    """Human form of a target: units in citation order, the law in its display form, at the end."""
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
