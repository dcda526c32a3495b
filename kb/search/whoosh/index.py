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
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import as_completed
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.formats import Positions
from whoosh.reading import IndexReader, MultiReader
from whoosh.scoring import WeightingModel
from whoosh.searching import Searcher as WhooshSearcher
from whoosh.util.numeric import byte_to_length

from kb import procs as processes
from kb.citations.keys import filed_keys, numbered_entries
from kb.model import Entry, Work
from kb.search.analysis import term_positions
from kb.search.fields import document
from kb.search.whoosh.analyzer import GermanAnalyzer
from kb.search.whoosh.postings import HOT_MIN_DF, HotPostings, write_hot
from kb.search.whoosh.schema import build_schema

INDEX_NAME = "entries"
PART_PREFIX = "part-"
MIN_PART_ENTRIES = 5_000  # below this, starting another process costs more than it saves
MIN_PART_ENTRIES_ENV = "RANDNUMMER_MIN_PART_ENTRIES"  # overrides it (tests: parts on a small corpus)


def default_parts(n_entries: int, procs: int | None = None) -> int:
    """One part per process (default: per CPU, at most two) once there are enough entries for it."""
    procs = procs if procs is not None else min(2, os.cpu_count() or 1)
    return max(1, min(procs, n_entries // processes.pool_threshold(MIN_PART_ENTRIES_ENV, MIN_PART_ENTRIES)))


def write_index(directory: Path, items: Iterable[tuple[Entry, Work | None]], *,
                cited: Mapping[str, Sequence[tuple[str, int]]] | None = None, parts: int | None = None,
                procs: int | None = None, analyzer: str = "german", limitmb: int = 1024,
                hot_min_df: int = HOT_MIN_DF, progress: Callable[[int], None] | None = None,
                meanwhile: Callable[[], None] | None = None) -> int:
    """Index every entry into a new index in ``directory``; returns the number of documents.

    ``cited``: each entry's filed citation keys by id, as the build computed them for the records
    (default: computed here from ``items``). ``parts`` (default :func:`default_parts` for ``procs``)
    contiguous runs of entries are written in parallel, each committed as one merged segment, and then
    its frequent terms' postings and positions (filter values included) are copied into flat arrays
    beside it (:mod:`kb.search.whoosh.postings`). ``progress`` is called with each part's number of documents
    once the part is written. ``meanwhile`` runs in this process while worker processes write the parts (before
    the part when there is only one): the build writes its records then, on the core the parts leave free.
    """
    done = progress or (lambda n: None)
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
    if n_parts == 1:
        if meanwhile is not None:
            meanwhile()
        _write_part(targets[0], chunks[0], analyzer, limitmb, hot_min_df)
        done(len(chunks[0]))
    elif meanwhile is not None:  # every part in a worker (workers that die with this process), meanwhile here
        with processes.owned_pool(n_parts) as pool:
            written = {pool.submit(_write_part, t, c, analyzer, limitmb, hot_min_df): len(c)
                       for t, c in zip(targets, chunks, strict=True)}
            meanwhile()
            for future in as_completed(written):
                future.result()  # re-raises a part's failure
                done(written[future])
    else:  # this process writes the first part while the others write theirs (workers that die with it)
        with processes.owned_pool(n_parts - 1) as pool:
            others = [pool.submit(_write_part, t, c, analyzer, limitmb, hot_min_df)
                      for t, c in zip(targets[1:], chunks[1:], strict=True)]
            _write_part(targets[0], chunks[0], analyzer, limitmb, hot_min_df)
            done(len(chunks[0]))
            for future, chunk in zip(others, chunks[1:], strict=True):
                future.result()  # re-raises a part's failure
                done(len(chunk))
    return len(docs)


def _write_part(target: Path, docs: Sequence[dict[str, Any]], analyzer: str, limitmb: int, hot_min_df: int) -> None:
    target.mkdir(parents=True)
    ix = windex.create_in(str(target), build_schema(analyzer), indexname=INDEX_NAME)
    writer = ix.writer(limitmb=limitmb, compound=False)
    new_reader = writer.per_document_reader
    writer.per_document_reader = lambda: _Lengths(new_reader())  # type: ignore[method-assign]
    fast = {name: field for name, field in writer.schema.items() if _FastTerms.fits(field)}
    try:
        for field in fast.values():
            field.index = _FastTerms(field)  # removed before the commit pickles the schema
        for doc in docs:
            writer.add_document(**doc)
    except BaseException:
        writer.cancel()
        raise
    finally:
        for field in fast.values():
            field.__dict__.pop("index", None)
    writer.commit(optimize=True)
    with ix.reader() as reader:
        write_hot(target, reader, tuple(reader.schema.names()), hot_min_df)
    ix.close()


class _FastTerms:
    """``field.index`` of a positions TEXT field over :class:`GermanAnalyzer`: the same (term bytes, frequency,
    weight, encoded positions) items as Whoosh's ``Positions.word_values``, without a Token object and three
    generators per word (a third of the time of ``add_document``)."""

    def __init__(self, field: Any) -> None:
        self._boost = field.format.field_boost
        self._encode = field.format.encode
        self._split = field.analyzer.split_compounds

    @staticmethod
    def fits(field: Any) -> bool:
        return type(field.format) is Positions and type(field.analyzer) is GermanAnalyzer

    def __call__(self, value: str, **kwargs: Any) -> list[tuple[bytes, int, float, bytes]]:
        if kwargs or not isinstance(value, str):
            raise TypeError("the fast path indexes a plain string value only")
        # Whoosh sums a boost of 1.0 per token: float(n), times the field's boost. Each position list encoded
        # anew: a block's values are pickled together, and one bytes object shared by two postings would be
        # pickled as a reference (same values, different bytes on disk).
        boost, encode = self._boost, self._encode
        return [(term.encode("utf-8"), len(p), float(len(p)) * boost, encode(p))
                for term, p in term_positions(value, split_compounds=self._split).items()]


class _Lengths:
    """The segment's per-document reader with each field's lengths read once into a list.

    Whoosh's commit asks ``doc_field_length`` once per posting; on a field without a lengths column
    (every ID / KEYWORD field) each ask is a ``stat()`` of the column file, and on the others a column
    read: about a sixth of the writer's time. Same answers: the length, ``None`` for a stored 0, ``default``
    for a field without lengths."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._lengths: dict[str, list[int | None] | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        try:
            lengths = self._lengths[fieldname]
        except KeyError:
            lengths = self._lengths[fieldname] = self._load(fieldname)
        return default if lengths is None else lengths[docnum]

    def _load(self, fieldname: str) -> list[int | None] | None:
        column = _lenfield(fieldname)
        if not self._reader.has_column(column):
            return None
        values = self._reader.column_reader(column, LENGTHS_COLUMN)
        return [byte_to_length(b) if b else None for b in (values[d] for d in range(self._reader.doc_count_all()))]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


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
                self.parts.append(windex.open_dir(str(p), indexname=INDEX_NAME))
                readers.append(self.parts[-1].reader())
        except BaseException as exc:  # close what was opened: a damaged part must not leak the others' files
            for r in readers:
                r.close()
            for ix in self.parts:
                ix.close()
            if isinstance(exc, windex.IndexError):  # Whoosh's own "no index here" errors
                raise ValueError(f"index part {p} cannot be opened: {exc}") from exc
            raise
        self.reader: IndexReader = readers[0] if len(readers) == 1 else MultiReader(readers)

    def hot_postings(self) -> list[HotPostings | None]:
        """Each part's memory-mapped postings of frequent terms, in the order of the reader's segments."""
        return [HotPostings.open(d, ix.doc_count_all()) for d, ix in zip(self.part_dirs, self.parts, strict=True)]

    def searcher(self, weighting: WeightingModel | type[WeightingModel] | None = None) -> WhooshSearcher:
        """A searcher over the shared reader (closing it leaves the reader open for the next one)."""
        if weighting is None:
            return WhooshSearcher(self.reader, closereader=False)
        return WhooshSearcher(self.reader, weighting=weighting, closereader=False)

    def close(self) -> None:
        self.reader.close()
        for ix in self.parts:
            ix.close()


def open_index(directory: Path) -> Index:
    return Index(directory)
