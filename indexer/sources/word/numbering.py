"""Word list numbering (``word/numbering.xml``): the number Word displays before a numbered paragraph.

The number is not in the text: Word counts. A paragraph's ``numId`` names a numbering instance
(``w:num``), which points at an abstract definition (``w:abstractNum``) of up to nine levels, each
with a start value, a format (decimal, letters, roman, bullet) and a text such as ``"%1.%2"``.

Word keeps the count per abstract definition and level, not per instance: instances of one
definition continue one list (LibreOffice writes a list that goes on after an interruption that
way). An instance's ``w:startOverride`` restarts the count at its value where that instance first
appears; a whole ``w:lvl`` in its ``w:lvlOverride`` changes how the level looks. A paragraph at level
*k* advances level *k* and restarts the deeper levels, unless a level's ``w:lvlRestart`` says otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import etree

from .styles import Styles
from .xml import W_VAL, as_int, is_on, w

_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


@dataclass(frozen=True, slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level is used; 0 never; None after any
    legal: bool = False  # w:isLgl: every level shown in decimal


@dataclass(frozen=True, slots=True)
class Number:
    """What Word shows before a paragraph: ``text`` ("12.", "a)", "•"), and whether it is a bullet."""

    text: str
    bullet: bool


@dataclass(frozen=True, slots=True)
class _Instance:
    """A ``w:num``: the list it counts in (its abstract definition), its levels, the levels it restarts."""

    list_id: str
    levels: dict[int, Level]
    restarts: frozenset[int]


class Numbering:
    """The numbering definitions of one document and the running counters, advanced in document order."""

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self._abstract: dict[str, etree._Element] = {}
        self._nums: dict[str, etree._Element] = {}
        for element in () if root is None else root:
            if element.tag == w("abstractNum"):
                self._abstract.setdefault(element.get(w("abstractNumId")) or "", element)
            elif element.tag == w("num"):
                self._nums.setdefault(element.get(w("numId")) or "", element)
        self._styles = styles
        self._instances: dict[str, _Instance | None] = {}
        self._counters: dict[str, dict[int, int]] = {}  # list → level → current value
        self._seen: set[tuple[str, int]] = set()  # (numId, level) met so far

    def advance(self, num_id: str | None, ilvl: int) -> Number | None:
        """Count one paragraph of instance ``num_id`` at level ``ilvl``; None when it shows no number."""
        if not num_id or num_id == "0":
            return None
        if num_id not in self._instances:
            self._instances[num_id] = self._instance(num_id)
        instance = self._instances[num_id]
        level = instance.levels.get(ilvl) if instance is not None else None
        if instance is None or level is None or level.fmt == "none":
            return None
        levels = instance.levels
        counters = self._counters.setdefault(instance.list_id, {})
        restart = (num_id, ilvl) not in self._seen and ilvl in instance.restarts
        self._seen.add((num_id, ilvl))
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters and not restart else level.start
        for deeper in [k for k in counters if k > ilvl]:
            after = levels[deeper].restart if deeper in levels else None
            if after is None or (after and ilvl <= after - 1):
                del counters[deeper]
        if level.fmt == "bullet":
            return Number(level.text, bullet=True)

        def shown(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            other = levels.get(k, Level())
            return _format(counters.get(k, other.start), "decimal" if level.legal else other.fmt)

        return Number(_PLACEHOLDER.sub(shown, level.text), bullet=False)

    def _instance(self, num_id: str) -> _Instance | None:
        num = self._nums.get(num_id)
        if num is None:
            return None
        list_id, abstract_levels = self._abstract_levels(_child_val(num, "abstractNumId"), depth=0)
        levels = dict(abstract_levels)
        restarts = set()
        for override in num.iterchildren(w("lvlOverride")):
            ilvl = as_int(override.get(w("ilvl")))
            lvl = override.find(w("lvl"))
            if lvl is not None:
                levels[ilvl] = _level(lvl)
            start = _child_val(override, "startOverride")
            if start is not None:
                levels[ilvl] = replace(levels.get(ilvl, Level()), start=as_int(start, 1))
                restarts.add(ilvl)
        return _Instance(list_id, levels, frozenset(restarts))

    def _abstract_levels(self, abstract_id: str | None, depth: int) -> tuple[str, dict[int, Level]]:
        """(the list's id, its levels) for an abstract definition, following a link to a numbering style."""
        abstract = self._abstract.get(abstract_id or "")
        if abstract is None:
            return abstract_id or "", {}
        link = _child_val(abstract, "numStyleLink")
        if link is not None and depth < 2:  # the levels live with the numbering style this one links to
            num = self._nums.get(self._styles.numbering_of(link) or "")
            if num is not None:
                return self._abstract_levels(_child_val(num, "abstractNumId"), depth + 1)
        return abstract_id or "", {as_int(lvl.get(w("ilvl"))): _level(lvl) for lvl in abstract.iterchildren(w("lvl"))}


def _child_val(element: etree._Element, child: str) -> str | None:
    found = element.find(w(child))
    return found.get(W_VAL) if found is not None else None


def _level(lvl: etree._Element) -> Level:
    restart = _child_val(lvl, "lvlRestart")
    legal = lvl.find(w("isLgl"))
    return Level(start=as_int(_child_val(lvl, "start"), 1),
                 fmt=_child_val(lvl, "numFmt") or "decimal",
                 text=_child_val(lvl, "lvlText") or "",
                 restart=as_int(restart) if restart is not None else None,
                 legal=legal is not None and is_on(legal))


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman") and 0 < n < 4000:
        roman = ""
        for value, digits in _ROMAN:
            count, n = divmod(n, value)
            roman += digits * count
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal, and the formats of other scripts, shown as decimal
