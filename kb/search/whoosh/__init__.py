"""The Whoosh search backend (placeholder wiring until the Whoosh code moves here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from kb.model import Entry, Work
from kb.search.engine import Cited, Vocabulary
from kb.search.index import write_index
from kb.search.searcher import Searcher


class WhooshBackend:
    name = "whoosh"

    def write(self, location: Path, items: Sequence[tuple[Entry, Work]], cited: Cited, *,
              procs: int | None = None) -> int:
        return write_index(location, items, cited=cited, procs=procs)

    def open(self, location: Path, *, work_titles: Mapping[str, str], vocabulary: Vocabulary) -> Searcher:
        return Searcher(location, work_titles=dict(work_titles), vocabulary=vocabulary)


BACKEND = WhooshBackend()
