"""Writing and opening the Whoosh index of a knowledge-base build.

A large build is indexed in parts, written side by side by separate processes: Whoosh's writer is
pure Python, so one process is the limit of a build (~230 entries/s before this). Each part is an
ordinary Whoosh index over a contiguous run of entries; they are searched as one, through Whoosh's
``MultiReader``, so document numbers stay in corpus order and every build of the same sources
numbers its documents the same way. (Whoosh's own multiprocess writer hands out batches to
whichever process is free, so its document order changes from run to run.)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.filedb.filestore import FileStorage
from whoosh.reading import IndexReader, MultiReader
from whoosh.scoring import WeightingModel
from whoosh.searching import Searcher as WhooshSearcher

from kb import procs as processes
from kb.citations.keys import filed_keys, numbered_entries
from kb.model import Entry, Work
from kb.search.fields import document
from kb.search.whoosh.columns import Columns, PartColumns, write_columns
from kb.search.whoosh.postings import HOT_MIN_DF, HotPostings, TermFilter, write_hot, write_terms
from kb.search.whoosh.schema import build_schema

INDEX_NAME = "entries"
PART_PREFIX = "part-"
MIN_PART_ENTRIES = 5_000  # below this, starting another process costs more than it saves
MIN_PART_ENTRIES_ENV = "RANDNUMMER_MIN_PART_ENTRIES"  # overrides it (tests: parts on a small corpus)


def default_parts(n_entries: int, procs: int | None = None) -> int:
    """One part per process (default: per CPU, at most two) once there are enough entries for it."""
    procs = procs if procs is not None else min(2, os.cpu_count() or 1)
    return max(1, min(procs, n_entries // processes.pool_threshold(MIN_PART_ENTRIES_ENV, MIN_PART_ENTRIES)))


def hot_threshold(n_docs: int) -> int:
    """The document frequency from which a part copies a term's postings (see :mod:`kb.search.whoosh.postings`):
    :data:`HOT_MIN_DF`, lower in a small part (a term in 1/64 of its entries, at least 16): an index in many
    small parts (an incremental build's) copies about the terms one large part would, and a phrase does not
    decode their positions from Whoosh part by part."""
    return max(16, min(HOT_MIN_DF, n_docs // 64))


def write_index(directory: Path, items: Iterable[tuple[Entry, Work | None]], *,
                cited: Mapping[str, Sequence[tuple[str, int]]] | None = None, parts: int | None = None,
                procs: int | None = None, analyzer: str = "german", limitmb: int = 1024,
                hot_min_df: int | None = None) -> int:
    """Index every entry into a new index in ``directory``; returns the number of documents.

    ``cited``: each entry's filed citation keys by id, as the build computed them for the records
    (default: computed here from ``items``). ``parts`` (default :func:`default_parts` for ``procs``)
    contiguous runs of entries are written in parallel, each committed as one merged segment, and then
    its frequent terms' postings and positions (filter values included) are copied into flat arrays
    beside it (:mod:`kb.search.whoosh.postings`): those in ``hot_min_df`` or more of the part's entries
    (default :func:`hot_threshold` of the part's size).
    """
    items = list(items)
    if cited is None:
        numbered = numbered_entries([entry for entry, _ in items])
        cited = {entry.id: filed_keys(entry, numbered) for entry, _ in items}
    docs = [document(entry, work, (key for key, _ in cited.get(entry.id, ()))) for entry, work in items]
    n_parts = max(1, min(parts if parts is not None else default_parts(len(docs), procs), len(docs) or 1))
    size = -(-len(docs) // n_parts) if docs else 0
    chunks = [docs[i * size:(i + 1) * size] for i in range(n_parts)]
    directory.mkdir(parents=True, exist_ok=True)
    targets = [directory / f"{PART_PREFIX}{i}" for i in range(n_parts)]
    mins = [hot_min_df if hot_min_df is not None else hot_threshold(len(c)) for c in chunks]
    if n_parts == 1:
        _write_part(targets[0], chunks[0], analyzer, limitmb, mins[0])
    else:  # this process writes the first part while the others write theirs (workers that die with it)
        with processes.owned_pool(n_parts - 1) as pool:
            others = [pool.submit(_write_part, t, c, analyzer, limitmb, m)
                      for t, c, m in zip(targets[1:], chunks[1:], mins[1:], strict=True)]
            _write_part(targets[0], chunks[0], analyzer, limitmb, mins[0])
            for future in others:
                future.result()  # re-raises a part's failure
    return len(docs)


def _write_part(target: Path, docs: Sequence[dict[str, Any]], analyzer: str, limitmb: int, hot_min_df: int) -> None:
    target.mkdir(parents=True)
    ix = windex.create_in(str(target), build_schema(analyzer), indexname=INDEX_NAME)
    writer = ix.writer(limitmb=limitmb, compound=False)
    try:
        for doc in docs:
            writer.add_document(**doc)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(optimize=True)
    with ix.reader() as reader:
        write_hot(target, reader, tuple(reader.schema.names()), hot_min_df)
        write_columns(target, docs, reader)
        write_terms(target, reader)
    ix.close()


class Index:
    """The parts of one build's index, read as one: document numbers run through the parts in order."""

    def __init__(self, directory: Path) -> None:
        part_dirs = sorted((p for p in directory.glob(f"{PART_PREFIX}*") if p.is_dir()),
                           key=lambda p: int(p.name.removeprefix(PART_PREFIX)))
        if not part_dirs:
            raise ValueError(f"no index parts in {directory}")
        self.directory = directory
        self.part_dirs = part_dirs
        self.parts: list[windex.Index] = []
        readers: list[IndexReader] = []
        try:
            for p in part_dirs:
                # read, not mapped: touched pages of a mapping stay in the process's resident memory
                self.parts.append(FileStorage(str(p), supports_mmap=False).open_index(INDEX_NAME))
                readers.append(self.parts[-1].reader())
        except BaseException as exc:  # close what was opened: a damaged part must not leak the others' files
            for r in readers:
                r.close()
            for ix in self.parts:
                ix.close()
            if isinstance(exc, windex.IndexError):  # Whoosh's own "no index here" errors
                raise ValueError(f"index part {p} cannot be opened: {exc}") from exc
            raise
        self.part_readers = readers
        self._hot: list[HotPostings] = []
        self.reader: IndexReader = readers[0] if len(readers) == 1 else MultiReader(readers)

    def hot_postings(self) -> list[HotPostings | None]:
        """Each part's copied postings of frequent terms, in the order of the reader's segments (closed with
        the index)."""
        hot = [HotPostings.open(d, ix.doc_count_all()) for d, ix in zip(self.part_dirs, self.parts, strict=True)]
        self._hot.extend(h for h in hot if h is not None)
        return hot

    def term_filters(self) -> list[TermFilter | None]:
        """Each part's set of terms (None where a part has none written: ask Whoosh)."""
        return [TermFilter.open(d) for d in self.part_dirs]

    def columns(self) -> Columns:
        """The per-document columns of every part, memory-mapped (read from Whoosh where a part has none)."""
        parts = []
        for d, reader in zip(self.part_dirs, self.part_readers, strict=True):
            found = PartColumns.open(d, reader.doc_count_all())
            parts.append(found if found is not None else PartColumns.read(reader))
        return Columns.join(parts)

    def searcher(self, weighting: WeightingModel | type[WeightingModel] | None = None) -> WhooshSearcher:
        """A searcher over the shared reader (closing it leaves the reader open for the next one)."""
        if weighting is None:
            return WhooshSearcher(self.reader, closereader=False)
        return WhooshSearcher(self.reader, weighting=weighting, closereader=False)

    def close(self) -> None:
        for hot in self._hot:
            hot.close()
        self.reader.close()
        for ix in self.parts:
            ix.close()


def open_index(directory: Path) -> Index:
    return Index(directory)
