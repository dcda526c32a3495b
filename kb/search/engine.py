"""The search side of a knowledge base, as any engine provides it: write an index, search it.

A *search backend* is registered by name (:mod:`kb.backends`); a build records which one wrote its
index, and the read API opens it with the same one. The Whoosh backend (``kb.search.whoosh``) is the
default; adding another engine means adding an implementation of these two protocols, nothing else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from kb.limits import SEARCH_TIME_BUDGET
from kb.model import Entry, Work
from kb.search.query import ParsedQuery
from kb.search.results import SearchResults

EntryLoader = Callable[[Sequence[str]], dict[str, Entry]]  # entry ids → entries (those that exist)
Vocabulary = Callable[[], list[tuple[str, str, int]]]  # (lower-case word, usual spelling, frequency)
Cited = Mapping[str, Sequence[tuple[str, int]]]  # entry id → (filed citation key, citation index)


@runtime_checkable
class ByWork(Protocol):
    """Items (entry, work) that also tell their works and sizes without reading entries: a backend carrying
    index pieces over reads only the entries of the works it indexes again (items are read by slices)."""

    def work_sizes(self) -> Sequence[tuple[str, int]]:
        """(work slug, number of entries) in corpus order."""
        ...


class Searcher(Protocol):
    """A long-lived, thread-safe searcher over one build's index."""

    def search(self, query: ParsedQuery, load: EntryLoader, *, page: int = 1, pagelen: int = 10,
               budget: float | None = SEARCH_TIME_BUDGET) -> SearchResults:
        """One page of hits (entries loaded through ``load``), the total, facets over all hits, and a
        "meinten Sie" suggestion when a word is unknown. Filter-only queries keep corpus order.

        ``budget``: seconds the search may take once it runs (None: no limit), checked with a
        :class:`kb.search.budget.Deadline` between steps; past it :class:`kb.search.QueryTooExpensive`.
        ``pagelen`` is at most :data:`kb.limits.MAX_SEARCH_PAGELEN`."""
        ...

    def close(self) -> None: ...


class SearchBackend(Protocol):
    name: str

    def write(self, location: Path, items: Sequence[tuple[Entry, Work]], cited: Cited, *,
              procs: int | None = None, previous: Path | None = None, unchanged: Collection[str] = (),
              stats: Counter[str] | None = None, progress: Callable[[int], None] | None = None,
              meanwhile: Callable[[], None] | None = None) -> int:
        """Index ``items`` (in corpus order) at ``location``; returns the number of documents.

        ``cited``: each entry's filed citation keys (:func:`kb.citations.keys.filed_keys`).
        ``previous``: the index this backend wrote for the build before, whose documents of the works in
        ``unchanged`` are the same as now — a backend may carry them over instead of indexing them again
        (or ignore it); the result must be the same either way. ``stats``: counts "linked" and "written"
        (index pieces carried over / written) are added to it. ``progress``: called in this process with a
        number of documents as they are indexed (all of them in the end). ``meanwhile``: called once, in
        this process, while the backend writes (in other processes where it can: the build writes its
        records then); ``write`` returns when both are done.
        """
        ...

    def open(self, location: Path, *, work_titles: Mapping[str, str], vocabulary: Vocabulary) -> Searcher:
        """The searcher over what :meth:`write` wrote; raises ``ValueError`` or ``OSError`` when it cannot
        be read."""
        ...


__all__ = ["ByWork", "Cited", "EntryLoader", "SearchBackend", "Searcher", "Vocabulary"]
