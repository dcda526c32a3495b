"""Linking a build: citations pointed at the works of the build, and filed under every key they answer to.

A work's linked entries and filed keys depend on its own processed source and on what it looks up in
the other works: a statute's § and its anchors, a commentary's Randnummern, which commentary is on a §,
which work a decision is. Each work's lookups are recorded as *dependencies* — the table, the key, and
the source key (:func:`indexer.reuse.source_key`) of the work that answered, or None — so an incremental
build can tell that a work's output is unchanged without linking it again: its own source key is the same
and every lookup would be answered by the same source (:meth:`Tables.unchanged`).

The tables are made from each source's :class:`Exports` (small: what others look up), not its entries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from kb.citations.keys import decision_names, decision_probes, filed_keys, numbered_entries
from kb.links import entry_path, norm_path, statute_anchors, unit_anchor, work_path
from kb.model import (
    Citation,
    DecisionTarget,
    Entry,
    NormTarget,
    Problem,
    RzNumber,
    RzTarget,
    Target,
    Work,
    WorkKind,
)

# ("statute", law, § lower) | ("commentary", law, § lower) | ("decision", name) | ("work", slug)
Dependency = tuple[str, ...]
Dependencies = dict[Dependency, str | None]  # → the source key of the work that answered (None: none did)
Cited = dict[str, list[tuple[str, int]]]  # entry id → (filed key, citation index)


@dataclass(frozen=True, slots=True)
class Exports:
    """What other works look up in one processed source (a pure function of it), and its summary."""

    work: Work
    entries: int
    problems: tuple[Problem, ...]
    statutes: tuple[tuple[str, str, dict[str, NormTarget]], ...]  # statute text: (§ lower, §, anchors), in order
    rz_paths: dict[str, str]  # Randnummer label → permanent path (the first of duplicate numbers answers)


def exports(work: Work, entries: Sequence[Entry], problems: Sequence[Problem]) -> Exports:
    statutes: list[tuple[str, str, dict[str, NormTarget]]] = []
    rz_paths: dict[str, str] = {}
    if work.kind == WorkKind.STATUTE:
        statutes = [(e.paragraph.lower(), e.paragraph, statute_anchors(e)) for e in entries]
    else:
        # the first of duplicate numbers answers, as KnowledgeBase.url_for_target does
        for e in reversed(entries):
            if e.rz:
                rz_paths[e.rz.label] = entry_path(e)
    return Exports(work, len(entries), tuple(problems), tuple(statutes), rz_paths)


class Tables:
    """The build's look-up tables, from every work's exports in build order; lookups return their answer
    and the source key of the work that gave it."""

    def __init__(self, works: Sequence[tuple[str | None, Exports]],
                 entries_of: Callable[[str], Sequence[Entry]]) -> None:
        self.keys: dict[str, str | None] = {}  # work slug → its source key
        self.rz: dict[str, dict[str, str]] = {}
        self.statutes: dict[tuple[str, str], tuple[str, dict[str, NormTarget], str | None]] = {}
        self.commentary: dict[tuple[str, str], tuple[str, str | None]] = {}
        self.decisions: dict[str, tuple[str, str | None]] = {}  # court + Aktenzeichen, ECLI → slug
        self._entries_of = entries_of
        self._numbered: dict[str, list[Entry]] = {}
        for key, ex in works:
            w = ex.work
            self.keys[w.slug] = key
            self.rz[w.slug] = ex.rz_paths
            if w.decision is not None:
                self.decisions.update(dict.fromkeys(decision_names(w.decision), (w.slug, key)))
            for lower, number, anchors in ex.statutes:
                self.statutes.setdefault((w.law, lower), (number, anchors, key))
            if w.kind != WorkKind.STATUTE and w.paragraph:
                self.commentary.setdefault((w.law, w.paragraph.lower()), (w.slug, key))

    def answer(self, dep: Dependency) -> str | None:
        """The source key that answers ``dep`` now."""
        kind = dep[0]
        if kind == "work":
            return self.keys.get(dep[1])
        if kind == "statute":
            found = self.statutes.get((dep[1], dep[2]))
            return found[2] if found else None
        found2 = self.commentary.get((dep[1], dep[2])) if kind == "commentary" else self.decisions.get(dep[1])
        return found2[1] if found2 else None

    def unchanged(self, deps: Mapping[Dependency, str | None]) -> bool:
        return all(self.answer(d) == key for d, key in deps.items())

    def numbered(self, slug: str) -> list[Entry]:
        """The numbered entries of work ``slug`` (loaded once, when a citation's run needs them)."""
        if slug not in self._numbered:
            self._numbered[slug] = numbered_entries(self._entries_of(slug)).get(slug, []) if slug in self.keys else []
        return self._numbered[slug]

    def link(self, entries: Sequence[Entry]) -> tuple[tuple[Entry, ...], Cited, Dependencies]:
        """One work's entries with their citations pointed at this build's works, their filed keys, and what
        was looked up."""
        from kb.citations import link

        deps: Dependencies = {}

        def look(dep: Dependency) -> None:
            deps[dep] = self.answer(dep)

        def url_for(target: Target) -> str | None:
            if isinstance(target, NormTarget) and target.law:
                look(("statute", target.law, target.number.lower()))
                found = self.statutes.get((target.law, target.number.lower()))
                if found is None:
                    return None
                number, anchors, _ = found
                anchor = unit_anchor(target, anchors)  # as deep as the § page anchors it, as the read API links
                return norm_path(target.law, number) + (f"#{anchor}" if anchor else "")
            if isinstance(target, RzTarget) and target.work:
                look(("work", target.work))
                return self.rz.get(target.work, {}).get(_label(target.rz) or "")
            if isinstance(target, DecisionTarget) and target.work:
                look(("work", target.work))
                found_rz = self.rz.get(target.work, {}).get(_label(target.rn) or "") if target.rn else None
                return found_rz or work_path(target.work)
            return None

        def in_work(target: Target) -> Target:
            """"§ 6a Rz. 5" names the commentary on § 6a, "BSG B 4 AS 4/16 R" a decision: point them at that
            work when the build has it."""
            if isinstance(target, RzTarget) and not target.work:
                where = (target.law or "", (target.paragraph or "").lower())
                look(("commentary", *where))
                work = self.commentary.get(where)
                return replace(target, work=work[0]) if work else target
            if isinstance(target, DecisionTarget) and not target.work:
                for k in decision_probes(target):
                    look(("decision", k))
                    if k in self.decisions:
                        return replace(target, work=self.decisions[k][0])
            return target

        def resolved(citation: Citation) -> Citation:
            return replace(citation, targets=tuple(in_work(t) for t in citation.targets))

        linked = tuple(replace(e, citations=link(tuple(resolved(c) for c in e.citations), url_for))
                       if e.citations else e for e in entries)
        numbered = _Numbered(self, look)
        cited = {e.id: filed_keys(e, numbered) for e in linked}
        return linked, cited, deps


class _Numbered(Mapping[str, Sequence[Entry]]):
    """Each work's numbered entries, looked up one work at a time (and recorded as a dependency)."""

    def __init__(self, tables: Tables, look: Callable[[Dependency], None]) -> None:
        self.tables, self.look = tables, look

    def __getitem__(self, slug: str) -> Sequence[Entry]:
        self.look(("work", slug))
        if slug not in self.tables.keys:
            raise KeyError(slug)
        return self.tables.numbered(slug)

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables.keys)

    def __len__(self) -> int:
        return len(self.tables.keys)


def _label(text: str) -> str | None:
    """A cited Randnummer as entries spell it ("34 A" → "34a"), as KnowledgeBase.url_for_target reads it."""
    try:
        return RzNumber.parse(text).label
    except ValueError:
        return None


__all__ = ["Cited", "Dependencies", "Dependency", "Exports", "Tables", "exports"]
