"""The records side of a knowledge base, as any store provides it: written once per build, read by key.

Records are the entries themselves (with their works), and what exact look-ups need: which entries
cite a key (:mod:`kb.citations.keys`), which mention an entity, which lay down an obligation for a
bearer, and the corpus vocabulary for "meinten Sie". A *records backend* is registered by name
(:mod:`kb.backends`); the SQLite backend (:mod:`kb.store.sqlite`) is the default. Adding a store
means implementing these protocols; :class:`kb.store.KnowledgeBase` and the build stay as they are.

Order: works in build order; a work's entries by position; "corpus order" is work order, then position.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kb.citations.label import entity_name
from kb.model import ENTITY_LABEL_NAMES, EntityLabel, Entry, RzNumber, Work

Cited = Mapping[str, Sequence[tuple[str, int]]]  # entry id → (filed citation key, citation index)


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One distinct entity (by canonical id) over the whole knowledge base."""

    id: str  # "ort/landkreis-goettingen"
    label: str
    canonical: str
    abbreviation: str | None
    mentions: int  # occurrences in all entries
    entries: int  # entries mentioning it
    forms: tuple[str, ...] = ()  # surface forms seen, sorted

    @property
    def name(self) -> str:
        """What a reader is shown: ``canonical`` unless that is a machine value (a date "2024-01-01" → "1. Januar
        2024", a law key "SGB 2" → "SGB II")."""
        return entity_name(self.label, self.canonical)

    def to_dict(self) -> dict[str, Any]:
        """``canonical`` is the normalised value (an ISO date for dates); ``name`` and ``label_name`` (the kind in
        German, singular) are what a reader sees."""
        return {"id": self.id, "label": self.label, "canonical": self.canonical, "abbreviation": self.abbreviation,
                "mentions": self.mentions, "entries": self.entries, "forms": list(self.forms), "name": self.name,
                "label_name": ENTITY_LABEL_NAMES[EntityLabel(self.label)][0]}


class RecordWriter(Protocol):
    """Writes one build's records. Nothing is readable before :meth:`close`; :meth:`abort` leaves nothing."""

    def carry(self, previous: Path, works: Collection[str]) -> Collection[str]:
        """Take over the records of ``works`` from the build written at ``previous`` by this backend (called
        first, before :meth:`add_work`); returns the works carried — empty when the backend cannot carry.
        :meth:`add_work` is still called for every work, in order; for a carried work it only places it
        (the caller guarantees its entries and filed keys are unchanged). The vocabulary is never carried."""
        ...

    def add_work(self, work: Work, entries: Iterable[Entry], cited: Cited) -> None:
        """One work and its entries in document order; ``cited``: the entries' filed citation keys by id."""
        ...

    def add_vocabulary(self, rows: Iterable[tuple[str, str, int]]) -> None:
        """(lower-case word, its most frequent spelling, frequency) for every word of the corpus."""
        ...

    def close(self) -> None: ...

    def abort(self) -> None: ...


class Records(Protocol):
    """Read access to one build's records; thread-safe."""

    def works(self) -> list[Work]: ...

    def entry(self, entry_id: str) -> Entry | None: ...

    def entries(self, work: str) -> list[Entry]: ...

    def entries_by_id(self, ids: Sequence[str]) -> dict[str, Entry]:
        """The entries among ``ids`` that exist."""
        ...

    def neighbours(self, entry_id: str) -> tuple[Entry | None, Entry | None]:
        """The entries before and after within the same work."""
        ...

    def entry_with_rz(self, work: str, rz: RzNumber) -> Entry | None:
        """The first entry (by position) of ``work`` numbered ``rz``."""
        ...

    def entry_with_number(self, work: str, number: str) -> Entry | None:
        """The first entry of ``work`` whose § / Art. number is ``number`` (compared in lower case)."""
        ...

    def nearest(self, work: str, rz: RzNumber, n: int) -> list[Entry]:
        """Up to ``n`` Randnummern of ``work`` on each side of where ``rz`` sorts (``rz`` itself excluded), in order."""
        ...

    def citing(self, key: str) -> list[tuple[Entry, int]]:
        """(entry, citation index) for every citation filed under the index key ``key``, in corpus order."""
        ...

    def entity_summaries(self, label: str | None = None, entity_id: str | None = None) -> list[EntitySummary]:
        """Distinct entities (of one label, or the one with ``entity_id``), most mentioned first, then by name."""
        ...

    def entity_mentions(self, entity_id: str) -> list[tuple[Entry, int]]:
        """(entry, entity index) for every mention, in corpus order."""
        ...

    def obligations(self, bearer_id: str | None = None) -> list[tuple[Entry, int]]:
        """(entry, obligation index) for every obligation (of one bearer), in corpus order."""
        ...

    def vocabulary(self) -> list[tuple[str, str, int]]: ...

    def close(self) -> None: ...


class RecordsBackend(Protocol):
    name: str

    def writer(self, location: Path) -> RecordWriter: ...

    def open(self, location: Path) -> Records:
        """The records :meth:`writer` wrote at ``location``; raises ``ValueError`` or ``OSError`` when unreadable."""
        ...


__all__ = ["Cited", "EntitySummary", "RecordWriter", "Records", "RecordsBackend"]
