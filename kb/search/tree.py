"""The query language's syntax tree: what a parsed query means, for any search engine.

:func:`kb.search.parse` turns a user's query into these nodes; a backend compiles them into its own
queries (the Whoosh backend into ``whoosh.query`` objects) or evaluates them directly. Leaves carry
*analysed* index terms (:mod:`kb.search.analysis`), so every engine matches the same words.

    Zielvereinbarung Landkreis      And(Words(("zielvereinbar",)), Words(("landkreis",)))
    "Landkreis Göttingen"~2         Words(("landkreis", "gotting"), slop=2)
    Zielver*  /  Träger~1           Prefix("zielver")  /  Fuzzy("trag", "Träger", 1)
    law:"SGB II"  rz:30-35          Filter("law", "sgb-2")  /  Range("rz_sort", …, …)
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.search.fields import TEXT_FIELDS


@dataclass(frozen=True, slots=True)
class Words:
    """One index term, or several in a row (a phrase), in any of ``fields``.

    ``slop``: for several terms, how far apart neighbouring terms may stand (1: directly in a row).
    """

    terms: tuple[str, ...]
    fields: tuple[str, ...] = TEXT_FIELDS
    slop: int = 1


@dataclass(frozen=True, slots=True)
class Prefix:
    """Every index term starting with ``stem`` (folded, at least three letters) in any of ``fields``."""

    stem: str
    fields: tuple[str, ...] = TEXT_FIELDS


@dataclass(frozen=True, slots=True)
class Fuzzy:
    """Index terms within ``distance`` edits of ``term``; ``word`` is what the user typed (a searcher may
    also match the corpus words near ``word`` and search their terms, see ``also``)."""

    term: str
    word: str
    distance: int
    fields: tuple[str, ...] = TEXT_FIELDS
    also: tuple[str, ...] = ()  # further index terms to match, filled in by the searcher


@dataclass(frozen=True, slots=True)
class Filter:
    """Entries whose keyword field ``field`` holds exactly ``value`` (see :data:`kb.search.fields.FILTER_FIELDS`)."""

    field: str
    value: str


@dataclass(frozen=True, slots=True)
class Range:
    """Entries whose sortable keyword ``field`` lies between ``low`` and ``high``, both included."""

    field: str
    low: str
    high: str


@dataclass(frozen=True, slots=True)
class And:
    """Every child matches; a :class:`Not` child excludes (the parser never leaves an And of only Nots)."""

    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """Any child matches; scores add up."""

    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """Excludes what ``child`` matches; only ever inside an :class:`And`."""

    child: Node


Node = Words | Prefix | Fuzzy | Filter | Range | And | Or | Not

__all__ = ["And", "Filter", "Fuzzy", "Node", "Not", "Or", "Prefix", "Range", "Words"]
