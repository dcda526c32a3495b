"""Writing and opening the Whoosh index of a knowledge-base build.

A large build is indexed in parts, written side by side by separate processes: Whoosh's writer is
pure Python, so one process is the limit of a build (~230 entries/s before this). Each part is an
ordinary Whoosh index over a contiguous run of whole works (content-defined, :func:`plan_parts`, so
that an incremental build rewrites the parts of changed works and hard-links the others); they are
searched as one, through Whoosh's ``MultiReader``, so document numbers stay in corpus order and every
build of the same sources numbers its documents the same way. (Whoosh's own multiprocess writer hands
out batches to whichever process is free, so its document order changes from run to run.)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from concurrent.futures import as_completed
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, _lenfield
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Positions
from whoosh.reading import IndexReader, MultiReader
from whoosh.scoring import WeightingModel
from whoosh.searching import Searcher as WhooshSearcher
from whoosh.util.numeric import byte_to_length

from kb import procs as processes
from kb.citations.keys import filed_keys, numbered_entries
from kb.model import Entry, Work
from kb.search.analysis import term_positions
from kb.search.engine import ByWork
from kb.search.fields import document
from kb.search.whoosh.analyzer import GermanAnalyzer
from kb.search.whoosh.columns import Columns, PartColumns, write_columns
from kb.search.whoosh.postings import HOT_MIN_DF, HotPostings, TermFilter, write_hot, write_terms
from kb.search.whoosh.schema import build_schema

INDEX_NAME = "entries"
PART_PREFIX = "part-"
PARTS_FILE = "parts.json"  # which works each part holds: what the next build may link instead of writing
# Entries per part on average: an incremental build writes the part of a changed work again (smaller is
# faster), a search reads every part (fewer is faster), a process costs less to start than a part to write.
PART_ENTRIES = 3_000
PART_ENTRIES_ENV = "RANDNUMMER_PART_ENTRIES"  # overrides it (tests: several parts on a small corpus)
# Whoosh zlib-compresses each block of postings at level 3; level 9 makes the postings smaller at the
# same decoding cost (inflating does not depend on the level).
POSTINGS_COMPRESSION = 9


def part_entries() -> int:
    return processes.pool_threshold(PART_ENTRIES_ENV, PART_ENTRIES)


def plan_parts(works: Sequence[tuple[str, int]], target: int) -> list[tuple[int, int]]:
    """Split a corpus — (work slug, number of entries) in order — into parts of whole works: (first, end)
    work indices. Boundaries are content-defined, so one changed, added or removed work changes one part
    (seldom two) and every other part stays the same for an incremental build to link: a part may end after
    a work with probability entries / ``target`` decided by a hash of its slug, once it has half of
    ``target`` entries (and always at one and a half times ``target``: a changed work's part, written again
    by an incremental build, stays small). Editing a work's text moves no boundary; adding or removing
    works or Randnummern moves boundaries up to the next part cut by its hash."""
    out: list[tuple[int, int]] = []
    first = acc = 0
    for i, (slug, n) in enumerate(works):
        acc += n
        unit = int.from_bytes(hashlib.blake2b(slug.encode(), digest_size=8).digest(), "big") / 2**64
        if (acc * 2 >= target and unit * target < n) or acc * 2 >= 3 * target:
            out.append((first, i + 1))
            first, acc = i + 1, 0
    if first < len(works):
        out.append((first, len(works)))
    return out


def hot_threshold(n_docs: int) -> int:
    """The document frequency from which a part copies a term's postings (see :mod:`kb.search.whoosh.postings`):
    :data:`HOT_MIN_DF`, lower in a small part (a term in 1/64 of its entries, at least 16): an index in many
    small parts (an incremental build's) copies about the terms one large part would, and a phrase does not
    decode their positions from Whoosh part by part."""
    return max(16, min(HOT_MIN_DF, n_docs // 64))


def write_index(directory: Path, items: Iterable[tuple[Entry, Work | None]], *,
                cited: Mapping[str, Sequence[tuple[str, int]]] | None = None, parts: int | None = None,
                procs: int | None = None, analyzer: str = "german", limitmb: int = 1024,
                hot_min_df: int | None = None, previous: Path | None = None, unchanged: Collection[str] = (),
                stats: Counter[str] | None = None, progress: Callable[[int], None] | None = None,
                meanwhile: Callable[[], None] | None = None) -> int:
    """Index every entry into a new index in ``directory``; returns the number of documents.

    ``cited``: each entry's filed citation keys by id, as the build computed them for the records
    (default: computed here from ``items``). The entries are split into parts of whole works
    (:func:`plan_parts`; or into ``parts`` equal runs of entries, for tests), written in parallel by up
    to ``procs`` processes, each committed as one merged segment, and then its frequent terms'
    postings and positions (filter values included) are copied into flat arrays beside it
    (:mod:`kb.search.whoosh.postings`): those in ``hot_min_df`` or more of the part's entries (default
    :func:`hot_threshold` of the part's size). A part whose works are all in ``unchanged`` and which the
    index at ``previous`` has with the same works is hard-linked from there (Whoosh never changes a
    committed segment's files); ``stats`` counts the parts "linked" and "written".

    ``progress`` is called with each part's number of documents once the part is linked or written.
    ``meanwhile`` runs in this process while worker processes write the parts (before the parts when they
    are written here): the build writes its records then, on the core the parts leave free.
    """
    done = progress or (lambda n: None)
    items = items if isinstance(items, Sequence) else list(items)  # a Sequence may load entries by slices (ByWork)
    if cited is None:
        numbered = numbered_entries([entry for entry, _ in items])
        cited = {entry.id: filed_keys(entry, numbered) for entry, _ in items}
    runs, part_works = _runs(items, parts)
    earlier = _previous_parts(previous) if previous is not None and unchanged else {}
    directory.mkdir(parents=True, exist_ok=True)
    todo: list[tuple[Path, int, int]] = []
    linked = 0
    for i, ((start, end), slugs) in enumerate(zip(runs, part_works, strict=True)):
        target = directory / f"{PART_PREFIX}{i}"
        source = earlier.get(tuple(slugs)) if slugs and all(s in unchanged for s in slugs) else None
        if source is not None and _link_part(source, target):
            linked += 1
            done(end - start)
        else:
            todo.append((target, start, end))

    def docs(start: int, end: int) -> list[dict[str, str]]:
        return [document(entry, work, (key for key, _ in cited.get(entry.id, ()))) for entry, work in items[start:end]]

    n_procs = procs if procs is not None else min(2, os.cpu_count() or 1)
    # Worker processes pay off for several parts, and for one part (an incremental build's changed work)
    # when the records can be written meanwhile; a small index is written here, after them.
    worth_it = len(todo) > 1 or meanwhile is not None
    if worth_it and n_procs > 1 and sum(e - s for _, s, e in todo) >= part_entries() // 2:
        # every part in a worker (workers that die with this process), the largest first; meanwhile here
        with processes.owned_pool(min(n_procs, len(todo))) as pool:
            written = {pool.submit(_write_part, t, docs(s, e), analyzer, limitmb, hot_min_df): e - s
                       for t, s, e in sorted(todo, key=lambda job: job[1] - job[2])}
            if meanwhile is not None:
                meanwhile()
            for future in as_completed(written):
                future.result()  # re-raises a part's failure
                done(written[future])
    else:
        if meanwhile is not None:
            meanwhile()
        for t, s, e in todo:
            _write_part(t, docs(s, e), analyzer, limitmb, hot_min_df)
            done(e - s)
    if parts is None:
        (directory / PARTS_FILE).write_text(json.dumps(
            {"parts": [{"name": f"{PART_PREFIX}{i}", "works": w} for i, w in enumerate(part_works)]}), "utf-8")
    if stats is not None:
        stats.update(linked=linked, written=len(todo))
    return len(items)


def _runs(items: Sequence[tuple[Entry, Work | None]], parts: int | None) -> tuple[list[tuple[int, int]],
                                                                                 list[list[str]]]:
    """Each part's run of ``items`` (start, end) and the works it holds (empty: a part that may split works)."""
    if parts is not None:
        n_parts = max(1, min(parts, len(items) or 1))
        size = -(-len(items) // n_parts) if items else 0
        return [(i * size, min(len(items), (i + 1) * size)) for i in range(n_parts)], [[] for _ in range(n_parts)]
    works: list[tuple[str, int]] = list(items.work_sizes()) if isinstance(items, ByWork) else []
    if not isinstance(items, ByWork):
        for entry, _ in items:
            if works and works[-1][0] == entry.work:
                works[-1] = (entry.work, works[-1][1] + 1)
            else:
                works.append((entry.work, 1))
    starts = [0]
    for _, n in works:
        starts.append(starts[-1] + n)
    plan = plan_parts(works, part_entries()) or [(0, 0)]
    return ([(starts[a], starts[b]) for a, b in plan], [[slug for slug, _ in works[a:b]] for a, b in plan])


def _previous_parts(previous: Path) -> dict[tuple[str, ...], Path]:
    """The previous index's parts by the works they hold (none when it has no record of them)."""
    try:
        listed = json.loads((previous / PARTS_FILE).read_text("utf-8"))["parts"]
        return {tuple(p["works"]): previous / p["name"] for p in listed if p["works"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _link_part(source: Path, target: Path) -> bool:
    """``target`` made of hard links to ``source``'s files; False (and nothing left) when that fails."""
    try:
        files = [f for f in source.iterdir() if f.is_file()]
        target.mkdir()
        for f in files:
            os.link(f, target / f.name)
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        return False
    return bool(files)


def _write_part(target: Path, docs: Sequence[dict[str, Any]], analyzer: str, limitmb: int,
                hot_min_df: int | None) -> None:
    """One self-contained part directory from ``docs`` (hot threshold ``hot_min_df``, default by its size)."""
    if hot_min_df is None:
        hot_min_df = hot_threshold(len(docs))
    target.mkdir(parents=True)
    ix = windex.create_in(str(target), build_schema(analyzer), indexname=INDEX_NAME)
    writer = ix.writer(limitmb=limitmb, compound=False, codec=W3Codec(compression=POSTINGS_COMPRESSION))
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
        write_columns(target, docs, reader)
        write_terms(target, reader)
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
        # any Positions format (kb.search.whoosh.positions.CompactPositions too): its own encode is used
        return isinstance(field.format, Positions) and type(field.analyzer) is GermanAnalyzer

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
