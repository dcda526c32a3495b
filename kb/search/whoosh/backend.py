"""The Whoosh search backend: writes a build's index in parts and opens a searcher over them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path

from kb.model import Entry, Work
from kb.search.engine import Cited, Vocabulary
from kb.search.whoosh.index import write_index
from kb.search.whoosh.searcher import Searcher


class WhooshBackend:
    """:class:`kb.search.engine.SearchBackend` over Whoosh, with vectorised BM25F scoring."""

    name = "whoosh"

    def write(self, location: Path, items: Sequence[tuple[Entry, Work]], cited: Cited, *,
              procs: int | None = None, previous: Path | None = None, unchanged: Collection[str] = (),
              stats: Counter[str] | None = None, progress: Callable[[int], None] | None = None,
              meanwhile: Callable[[], None] | None = None) -> int:
        return write_index(location, items, cited=cited, procs=procs, previous=previous, unchanged=unchanged,
                           stats=stats, progress=progress, meanwhile=meanwhile)

    def open(self, location: Path, *, work_titles: Mapping[str, str], vocabulary: Vocabulary) -> Searcher:
        return Searcher(location, work_titles=work_titles, vocabulary=vocabulary)


BACKEND = WhooshBackend()

__all__ = ["BACKEND", "WhooshBackend"]
