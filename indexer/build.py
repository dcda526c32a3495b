"""Build a knowledge base: sources → entries → citations → entities → records + index → switch.

    report = build([Path("corpus")], Path("var/kb"))

Each stage is a pure function of the one before; this module only wires them, writes a fresh build
directory and switches ``current`` to it atomically (see :mod:`kb.store.layout`). A build that
fails — a source that cannot be used at all, or anything else — removes its half-written directory
and leaves the previous knowledge base serving.

A build owns what it starts (see README "Building"): it takes the knowledge base's build lock first
thing (a second build is refused at once, naming the first), removes leftovers of builds that died,
turns SIGTERM / SIGINT / SIGHUP into :class:`kb.procs.Interrupted` (its directory removed, the lock
released, the workers killed), and its worker processes die with it even when it is killed with -9.
``RANDNUMMER_BUILD_STAGE_FILE``: a file each stage's name is appended to as the build reaches it
(lock, parse, records, index, publish, then done / failed / interrupted) — for progress and for tests.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import re
import shutil
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, overload

from indexer import reuse
from indexer.link import Dependencies, Exports, Tables, exports
from indexer.progress import Progress, Stage
from kb import backends, procs
from kb.links import is_statute_text
from kb.model import Entry, Problem, Severity, Work, WorkKind, statute_units
from kb.search import compounds
from kb.store import layout

# Below this many source files the worker start-up (loading spaCy per process) costs more than it saves.
PARALLEL_MIN_FILES = 8
PARALLEL_MIN_FILES_ENV = "RANDNUMMER_PARALLEL_MIN_FILES"  # overrides it (tests: a pool on a small corpus)
STAGE_FILE_ENV = "RANDNUMMER_BUILD_STAGE_FILE"
PROCESS_CHUNK = 4  # source files handed to a worker at a time


@dataclass(frozen=True, slots=True)
class WorkResult:
    """One source file after parsing, citation extraction and enrichment."""

    work: Work
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]
    path: str
    key: str | None = None  # the source's content key (indexer.reuse.source_key): None, never reused
    seconds: tuple[float, float, float] = (0.0, 0.0, 0.0)  # spent on parse, cite, enrich (for progress)


@dataclass(frozen=True, slots=True)
class BuildReport:
    ok: bool
    kb_root: str
    build_dir: str | None  # the directory now served (None when the build failed)
    works: tuple[Work, ...] = ()
    entries: int = 0
    problems: tuple[Problem, ...] = ()
    entries_per_work: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None  # why the build failed, naming the file
    # seconds per stage (indexer.progress.STAGES; parse + cite + enrich = process) and complete (build.json)
    timings: dict[str, float] = field(default_factory=dict)
    pruned: tuple[layout.Pruned, ...] = ()  # build directories removed: old builds, leftovers of dead builds
    reuse: dict[str, Any] = field(default_factory=dict)  # what was taken over from the previous build (Reuse)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == Severity.WARNING)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == Severity.ERROR)

    def summary_table(self) -> str:
        """Works, entries and problems as a plain-text table, then each problem on its own line, then one status
        line (on failure it names the error only where the list above does not already show it)."""
        per_file: Counter[str] = Counter(p.path for p in self.problems)
        rows = [("work", "kind", "entries", "problems")]
        for w in self.works:
            rows.append((w.slug, str(w.kind), str(self.entries_per_work.get(w.slug, 0)),
                         str(per_file.get(w.source_path or "", 0))))
        rows.append(("total", "", str(self.entries), str(len(self.problems))))
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        lines = ["  ".join(c.ljust(widths[i]) if i < 2 else c.rjust(widths[i]) for i, c in enumerate(r)) for r in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        lines.insert(len(lines) - 1, "  ".join("-" * w for w in widths))
        lines += [str(p) for p in self.problems]
        if self.reuse:
            lines.append(reuse_line(self.reuse))
        if self.pruned:
            lines.append(f"pruned {len(self.pruned)} build director{'y' if len(self.pruned) == 1 else 'ies'}: "
                         + ", ".join(map(str, self.pruned)))
        listed = any(self.error and self.error.startswith(str(p)) for p in self.problems)
        status = (f"built {self.entries} entries from {len(self.works)} works in {self.seconds:.1f} s"
                  f" → {self.build_dir}" if self.ok else
                  "build FAILED, previous knowledge base kept" + ("" if listed else f": {self.error}"))
        return "\n".join([*lines, status])

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "kb_root": self.kb_root, "build_dir": self.build_dir,
                "works": [w.to_dict() for w in self.works], "entries": self.entries,
                "entries_per_work": self.entries_per_work, "problems": [p.to_dict() for p in self.problems],
                "seconds": round(self.seconds, 3), "error": self.error, "reuse": self.reuse,
                "timings": {k: round(v, 3) for k, v in self.timings.items()},
                "pruned": [{"build": p.path.name, "complete": p.complete, "bytes": p.bytes} for p in self.pruned]}


class BuildError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def process_source(path: Path, root: Path | None = None) -> WorkResult:
    """Parse one source file and add citations and entities to its entries (a pure function of the file)."""
    from indexer.sources import parse_path
    from kb.citations import Context, extract
    from kb.nlp import enrich  # spaCy: loaded once per process, on first use

    t0 = time.perf_counter()
    parsed = parse_path(path, root=root)
    t1 = time.perf_counter()
    work = parsed.work
    statute = work.kind == WorkKind.STATUTE
    # In statute text "Satz 1 Nummer 2" means the Absatz it stands in: the § text's units are its context.
    entries = tuple(
        replace(e, citations=extract(e.text, Context(work.law or None, e.paragraph or None, work.slug),
                                     statute_units(e.blocks) if statute and is_statute_text(e) else None))
        for e in parsed.entries
    )
    t2 = time.perf_counter()
    if entries:
        entries = tuple(enrich(entries))
    return WorkResult(work, entries, parsed.problems, str(path),
                      seconds=(t1 - t0, t2 - t1, time.perf_counter() - t2))


def _process_or_problem(path: Path, root: Path | None = None) -> WorkResult | Problem:
    """:func:`process_source`, with a file that cannot be used at all turned into its error."""
    from indexer.sources import SourceError

    try:
        return process_source(path, root)
    except SourceError as exc:
        return exc.problem


def _process_all(files: list[Path], root: Path | None, n_procs: int) -> Iterator[WorkResult | Problem]:
    """Each file processed, in order; by a pool of ``n_procs`` workers when there are enough files. Close
    the iterator when leaving early: that kills the workers (:func:`kb.procs.owned_pool`)."""
    try:
        threshold = procs.pool_threshold(PARALLEL_MIN_FILES_ENV, PARALLEL_MIN_FILES)
    except ValueError as exc:
        raise BuildError(Problem(Severity.ERROR, PARALLEL_MIN_FILES_ENV, str(exc))) from None
    if n_procs > 1 and len(files) >= threshold:
        with procs.owned_pool(n_procs) as pool:
            # small chunks: the last one leaves a core idle while it runs, and the bars move per chunk
            yield from pool.map(_process_or_problem, files, [root] * len(files),
                                chunksize=max(1, min(PROCESS_CHUNK, len(files) // (n_procs * 8))))
    else:
        for f in files:
            yield _process_or_problem(f, root)


def build(sources: Sequence[Path], kb_root: Path, *, procs: int | None = None,
          allow_errors: bool = False, full: bool = False, progress: Progress | None = None) -> BuildReport:
    """Build a knowledge base from ``sources`` (files or directories) into ``kb_root``.

    Every file is processed even when one fails, so the report lists every problem at once. A file
    that cannot be used at all is an error: then nothing is published and ``report.ok`` is False —
    the previous knowledge base keeps serving — unless ``allow_errors`` publishes the usable rest.
    Another build of ``kb_root`` running is an error at once (naming it). A signal (SIGTERM, SIGINT,
    SIGHUP) raises :class:`kb.procs.Interrupted` after the build's directory is removed.

    Incremental unless ``full``: what the current build made by the same pipeline already has — the
    processing of unchanged sources, the records and index parts of unchanged works — is taken over
    (:mod:`indexer.reuse`); the result equals a full build's. ``report.reuse`` counts it.

    ``progress`` is told each stage's counts as the build goes (:mod:`indexer.progress`; default: nothing).
    """
    from indexer.sources import SourceError, discover

    progress = progress if progress is not None else Progress()

    started = time.perf_counter()
    kb_root = Path(kb_root)
    n_procs = procs if procs is not None else min(2, os.cpu_count() or 1)
    problems: list[Problem] = []
    pruned: list[layout.Pruned] = []
    backend_names = (backends.DEFAULT_RECORDS, backends.DEFAULT_SEARCH)
    try:
        with _building(kb_root, problems, pruned) as build_dir:
            with progress.stage("discover") as st:
                try:
                    files = discover([Path(s) for s in sources], problems=problems)
                except SourceError as exc:
                    raise BuildError(exc.problem) from exc
                st.advance(len(files))
            if not files:
                raise BuildError(Problem(Severity.ERROR, ", ".join(map(str, sources)), "no source files found"))
            root = _common_root([Path(s) for s in sources])
            t0 = time.perf_counter()
            _stage("parse")
            plan = Reuse.plan(kb_root, build_dir, backend_names, full=full)
            results: list[Source] = []
            # parse, cite and enrich run one file after the other in each worker: three bars moving together
            steps = [progress.begin(name, len(files)) for name in ("parse", "cite", "enrich")]
            found, spent = _processed(files, root, n_procs, plan, steps)
            for res in found:
                if isinstance(res, Problem):
                    problems.append(res)
                else:
                    results.append(res)
                    problems.extend(res.exports.problems)
            processed = time.perf_counter() - t0
            for st, share in zip(steps, spent, strict=True):  # the wall-clock time, shared out by worker time
                progress.end(st, processed * share / (sum(spent) or 1.0))
            unusable = [p for p in problems if p.severity == Severity.ERROR]
            if unusable and not allow_errors:
                more = f" (and {len(unusable) - 1} more problem(s), listed above)" if len(unusable) > 1 else ""
                _stage("failed")
                return BuildReport(False, str(kb_root), None, problems=tuple(problems), pruned=tuple(pruned),
                                   seconds=time.perf_counter() - started, error=f"{unusable[0]}{more}")
            if not results:
                raise BuildError(Problem(Severity.ERROR, ", ".join(map(str, sources)), "no usable source file"))
            report = _publish(results, kb_root, build_dir, problems, pruned, [str(s) for s in sources], started,
                              n_procs, backend_names, plan, progress)
    except BuildError as exc:
        _stage("failed")
        return BuildReport(False, str(kb_root), None, problems=(*problems, exc.problem), pruned=tuple(pruned),
                           seconds=time.perf_counter() - started, error=str(exc.problem))
    return replace(report, timings={"process": processed, **progress.timings(), **report.timings})


@dataclass
class Reuse:
    """What this build may take over from the previous one (:mod:`indexer.reuse`), and what it did."""

    version: str  # the pipeline version, recorded in build.json
    cache: reuse.ProcessedCache | None  # None: nothing processed is kept (publish())
    previous: Path | None  # the current complete build, when it may be reused
    why_full: str = ""  # why nothing is reused ("" when incremental)
    counts: Counter[str] = field(default_factory=Counter)

    @classmethod
    def plan(cls, kb_root: Path, build_dir: Path, backend_names: tuple[str, str], *, full: bool) -> Reuse:
        version = reuse.pipeline_version()
        previous, why = (None, "--full") if full else reuse.usable_previous(kb_root, version, backend_names)
        return cls(version, reuse.ProcessedCache(build_dir, previous), previous, why)

    def report(self) -> dict[str, Any]:
        return {"incremental": self.previous is not None, "why_full": self.why_full or None,
                **{k: self.counts[k] for k in REUSE_COUNTS}}


# The counters of BuildReport.reuse, in the order the summary names them.
REUSE_COUNTS = ("sources_reused", "sources_processed", "works_carried", "works_written", "records_carried",
                "index_parts_linked", "index_parts_written")


def reuse_line(counts: dict[str, Any]) -> str:
    """One line of the summary table: what an incremental build reused, or why the build was full."""
    def n(key: str) -> int:
        return int(counts.get(key) or 0)

    head = "incremental" if counts.get("incremental") else f"full build ({counts.get('why_full') or 'no reuse'})"
    return (f"{head}: sources {n('sources_reused')} reused / {n('sources_processed')} processed, works "
            f"{n('works_carried')} carried / {n('works_written')} written ({n('records_carried')} entries' records "
            f"carried), index parts {n('index_parts_linked')} linked / {n('index_parts_written')} written")


@dataclass
class Source:
    """One usable source of a build: what other works look up in it, and its processed result once loaded
    (an unchanged source's stays in the cache unless a writer needs its entries)."""

    path: str
    key: str | None  # indexer.reuse.source_key (None: not cached, never reused)
    exports: Exports
    result: WorkResult | None = None

    @classmethod
    def of(cls, result: WorkResult) -> Source:
        return cls(result.path, result.key, exports(result.work, result.entries, result.problems), result)


def _processed(files: list[Path], root: Path | None, n_procs: int, plan: Reuse,
               steps: Sequence[Stage]) -> tuple[list[Source | Problem], list[float]]:
    """Each file's source, in order: from the previous build's cache when its key is unchanged (its exports
    only), else processed (by the pool) and kept in this build's cache. ``steps`` (the parse, cite and enrich
    bars) advance per file; also returned: the worker seconds spent on each of the three."""
    keys = [reuse.source_key(f, root) for f in files]
    out: list[Source | Problem | None] = [None] * len(files)
    todo: list[int] = []
    for i, (f, key) in enumerate(zip(files, keys, strict=True)):
        found = plan.cache.exports(key) if plan.cache is not None and key is not None else None
        if found is None:
            todo.append(i)
        else:
            out[i] = Source(str(f), key, found)
            for st in steps:
                st.advance(1, entries=found.entries)
    plan.counts.update(sources_reused=len(files) - len(todo), sources_processed=len(todo))
    spent = [0.0] * len(steps)
    with contextlib.closing(_process_all([files[i] for i in todo], root, n_procs)) as processed_files:
        for i, res in zip(todo, processed_files, strict=True):
            if isinstance(res, Problem):
                out[i] = res
                for st in steps:
                    st.advance(1)
                continue
            source = Source.of(replace(res, key=keys[i]))
            if plan.cache is not None and source.key is not None:
                plan.cache.store(source.key, (res.work, res.entries, res.problems), source.exports)
            out[i] = source
            for j, st in enumerate(steps):
                spent[j] += res.seconds[j]
                st.advance(1, entries=len(res.entries))
    return [r for r in out if r is not None], spent


def publish(results: Sequence[WorkResult], kb_root: Path, *, problems: Sequence[Problem] = (),
            sources: Sequence[str] = (), started: float | None = None, procs: int | None = None,
            records: str = backends.DEFAULT_RECORDS, search: str = backends.DEFAULT_SEARCH,
            progress: Progress | None = None) -> BuildReport:
    """Write processed works as a fresh build under ``kb_root`` and switch ``current`` to it.

    ``procs``: processes for writing the search index (default: up to two, for large builds).
    ``records`` / ``search``: the backends that store the build (:mod:`kb.backends`), recorded in build.json.

    The second half of :func:`build`, usable on its own with entries made elsewhere (tests, benchmarks);
    it takes the build lock and handles signals as :func:`build` does.
    """
    started = time.perf_counter() if started is None else started
    kb_root = Path(kb_root)
    problems = list(problems)
    pruned: list[layout.Pruned] = []
    try:
        with _building(kb_root, problems, pruned) as build_dir:
            return _publish([Source.of(r) for r in results], kb_root, build_dir, problems, pruned, list(sources),
                            started, procs, (records, search), Reuse(reuse.pipeline_version(), None, None, "publish"),
                            progress if progress is not None else Progress())
    except BuildError as exc:
        _stage("failed")
        return BuildReport(False, str(kb_root), None, problems=(*problems, exc.problem), pruned=tuple(pruned),
                           seconds=time.perf_counter() - started, error=str(exc.problem))


@contextlib.contextmanager
def _building(kb_root: Path, problems: list[Problem], pruned: list[layout.Pruned]) -> Iterator[Path]:
    """The frame of a build: signals raise :class:`kb.procs.Interrupted`, the lock is taken (a stale one
    recovered with a warning), leftovers of dead builds are pruned, and a fresh build directory is made —
    and removed again on the way out unless the block completed it (and on every failure, unless it is
    already ``current``)."""
    with procs.signals_raise():
        _stage("lock")
        try:
            kb_root.mkdir(parents=True, exist_ok=True)
            lock = layout.BuildLock(kb_root).__enter__()
        except layout.BuildLocked as exc:
            raise BuildError(Problem(Severity.ERROR, str(kb_root / layout.LOCK), str(exc))) from None
        except OSError as exc:
            raise BuildError(Problem(Severity.ERROR, str(exc.filename or kb_root),
                                     f"cannot take the build lock: {exc.strerror or exc}")) from None
        build_dir: Path | None = None
        try:
            if lock.stale:
                problems.append(Problem(Severity.WARNING, str(lock.path), lock.stale))
            pruned.extend(layout.prune(kb_root))  # before the new directory: disk held by leftovers stays bounded
            build_dir = layout.new_build_dir(kb_root)
            yield build_dir
        except procs.Interrupted:
            _discard(build_dir, kb_root)
            _stage("interrupted")
            raise
        except BaseException:
            _discard(build_dir, kb_root)
            raise
        else:
            if not layout.is_complete(build_dir):  # a build that returned a failure report
                _discard(build_dir, kb_root)
        finally:
            lock.__exit__(None, None, None)


def _publish(sources: Sequence[Source], kb_root: Path, build_dir: Path, problems: list[Problem],
             pruned: list[layout.Pruned], names: list[str], started: float, n_procs: int | None,
             backend_names: tuple[str, str], plan: Reuse, progress: Progress) -> BuildReport:
    """Write ``sources`` into ``build_dir`` (under the lock), mark it complete, switch to it, prune."""
    try:
        unique = _unique(sources)
        if not compounds.available():
            problems.append(Problem(Severity.WARNING, str(compounds.wordlist_path()),
                                    "German word list missing: compound words are indexed whole only "
                                    "(install Debian package wngerman)"))
        timings: dict[str, float] = {}
        n_entries = _write(build_dir, unique, problems, names, timings, n_procs, backend_names, plan, progress)
        with progress.stage("publish", unit="builds") as st:
            _stage("publish")
            previous = layout.current_target(kb_root)
            layout.switch(kb_root, build_dir)
            pruned.extend(layout.prune(kb_root, building=build_dir, previous=previous))
            st.advance(1)
    except BuildError:
        raise
    except Exception as exc:
        problem = Problem(Severity.ERROR, str(build_dir), f"build failed: {type(exc).__name__}: {exc}")
        raise BuildError(problem) from exc
    _stage("done")
    return BuildReport(
        True, str(kb_root), str(build_dir), works=tuple(s.exports.work for s in unique), entries=n_entries,
        problems=tuple(problems), entries_per_work={s.exports.work.slug: s.exports.entries for s in unique},
        seconds=time.perf_counter() - started, timings={**progress.timings(), **timings}, pruned=tuple(pruned),
        reuse=plan.report(),
    )


class _Linked:
    """The build's works linked on demand (:class:`indexer.link.Tables`): a work whose source and lookups are
    unchanged since the previous build is only linked when a writer that cannot carry it asks for its entries."""

    def __init__(self, sources: Sequence[Source], plan: Reuse) -> None:
        self.sources = {s.exports.work.slug: s for s in sources}
        self.plan = plan
        self.tables = Tables([(s.key, s.exports) for s in sources], self.unlinked)
        self.cited: dict[str, list[tuple[str, int]]] = {}  # filled as works are linked
        self.deps: dict[str, Dependencies] = {}
        self._linked: dict[str, tuple[Entry, ...]] = {}

    def unlinked(self, slug: str) -> tuple[Entry, ...]:
        source = self.sources[slug]
        if source.result is None:
            assert self.plan.cache is not None and source.key is not None
            source.result = WorkResult(*self.plan.cache.processed(source.key), path=source.path, key=source.key)
        return source.result.entries

    def entries(self, slug: str) -> tuple[Entry, ...]:
        if slug not in self._linked:
            self._linked[slug], cited, self.deps[slug] = self.tables.link(self.unlinked(slug))
            self.cited.update(cited)
        return self._linked[slug]

    def lazy(self, slug: str) -> Iterable[Entry]:
        return _LazyEntries(lambda: self.entries(slug))


class _LazyEntries:
    """A work's entries, linked when first iterated."""

    def __init__(self, load: Callable[[], Sequence[Entry]]) -> None:
        self.load = load

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.load())


class _Items(Sequence[tuple[Entry, Work]]):
    """(entry, work) in corpus order, each work's entries linked when first read; :meth:`work_sizes` tells the
    works and their sizes without reading any (:class:`kb.search.engine.ByWork`)."""

    def __init__(self, works: Sequence[tuple[Work, int]], linked: _Linked) -> None:
        self.works, self.linked = works, linked
        self.starts = [0]
        for _, n in works:
            self.starts.append(self.starts[-1] + n)

    def work_sizes(self) -> list[tuple[str, int]]:
        return [(w.slug, n) for w, n in self.works]

    def __len__(self) -> int:
        return self.starts[-1]

    def __iter__(self) -> Iterator[tuple[Entry, Work]]:
        for work, _ in self.works:
            yield from ((e, work) for e in self.linked.entries(work.slug))

    @overload
    def __getitem__(self, i: int) -> tuple[Entry, Work]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[Entry, Work]]: ...

    def __getitem__(self, i: int | slice) -> tuple[Entry, Work] | list[tuple[Entry, Work]]:
        if isinstance(i, int):
            return self[i:i + 1 or None][0] if -len(self) <= i < len(self) else self._out_of_range(i)
        start, stop, step = i.indices(len(self))
        if step != 1:
            return list(self)[i]
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        out: list[tuple[Entry, Work]] = []
        for w in range(first, len(self.works)):
            if self.starts[w] >= stop:
                break
            work = self.works[w][0]
            out.extend((e, work) for e in self.linked.entries(work.slug))
        skip = start - self.starts[first]
        return out[skip:skip + stop - start]

    @staticmethod
    def _out_of_range(i: int) -> tuple[Entry, Work]:
        raise IndexError(i)


def _write(build_dir: Path, sources: Sequence[Source], problems: list[Problem], names: list[str],
           timings: dict[str, float], procs: int | None, backend_names: tuple[str, str], plan: Reuse,
           progress: Progress) -> int:
    """Hand every entry to the records and the search backend, then write build.json (last: it marks the
    build complete, :func:`kb.store.layout.mark_complete`). Works whose source and lookups are unchanged
    since the previous build are carried over by the backends that can (the others write everything)."""
    records_name, search_name = backend_names
    records_backend, search_backend = backends.records_backend(records_name), backends.search_backend(search_name)
    _stage("records")
    t0 = time.perf_counter()
    linked = _Linked(sources, plan)
    before, before_forms = plan.cache.previous_state() if plan.cache is not None and plan.previous else ({}, None)
    unchanged = {s.exports.work.slug for s in sources
                 if s.key is not None and (old := before.get(s.exports.work.slug)) is not None and old[0] == s.key
                 and linked.tables.unchanged(old[1])}
    for slug in linked.sources.keys() - unchanged:  # linked now: their dependencies are recorded for the next build
        linked.entries(slug)
    recording = progress.begin("records", len(sources), "works")
    indexing = progress.begin("index", sum(s.exports.entries for s in sources), "entries")
    t1 = t0
    carried: Collection[str] = ()
    forms: Counter[str] = Counter()

    def write_records() -> None:
        """Runs while the search backend writes the index (in worker processes, where it can)."""
        nonlocal t1, carried, forms
        records = records_backend.writer(build_dir / layout.RECORDS)
        try:
            carried = records.carry(plan.previous / layout.RECORDS, unchanged) if unchanged and plan.previous else ()
            for s in sources:
                records.add_work(s.exports.work, linked.lazy(s.exports.work.slug), linked.cited)
                recording.advance(1, entries=s.exports.entries)
            forms = _forms(sources, linked, plan, before, before_forms)
            records.add_vocabulary(vocabulary_rows(forms))
            records.close()
        except BaseException:
            records.abort()
            raise
        t1 = time.perf_counter()
        progress.end(recording)
        _stage("index")  # from here on the build writes the index only

    parts: Counter[str] = Counter()
    items = _Items([(s.exports.work, s.exports.entries) for s in sources], linked)
    n = search_backend.write(build_dir / layout.INDEX, items, linked.cited, procs=procs,
                             previous=plan.previous / layout.INDEX if plan.previous else None,
                             unchanged=unchanged, stats=parts, progress=indexing.advance, meanwhile=write_records)
    t2 = time.perf_counter()
    progress.end(indexing)
    plan.counts.update(works_carried=len(carried), works_written=len(sources) - len(carried),
                       records_carried=sum(s.exports.entries for s in sources if s.exports.work.slug in carried),
                       index_parts_linked=parts["linked"], index_parts_written=parts["written"])
    if plan.cache is not None:
        plan.cache.write_state({slug: (s.key, linked.deps[slug] if slug in linked.deps else before[slug][1])
                                for slug, s in linked.sources.items()}, forms)
    manifest = {
        "format": layout.FORMAT, "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "sources": names,
        "records": records_name, "search": search_name,
        "works": len(sources), "entries": n, "analyzer": "german",
        "wordlist": str(compounds.wordlist_path()) if compounds.available() else None,
        "pipeline": plan.version if plan.cache is not None else None,  # what a next build may reuse from this one
        "problems": [p.to_dict() for p in problems],
    }
    layout.mark_complete(build_dir, manifest)
    # records and index overlap: each is its own wall-clock time from the start of the two
    timings.update(records=t1 - t0, index=t2 - t0, complete=time.perf_counter() - t2)
    return n


def _forms(sources: Sequence[Source], linked: _Linked, plan: Reuse, before: Mapping[str, Any],
           before_forms: Counter[str] | None) -> Counter[str]:
    """The word forms of every entry's text: the previous build's, less the sources gone, plus the new ones
    (a source's texts do not depend on linking) — or counted afresh."""
    keys = {s.key for s in sources}
    old_keys = {k for k, _ in before.values()}
    if before_forms is None or None in keys or plan.cache is None:
        return word_forms(e.text for s in sources for e in linked.unlinked(s.exports.work.slug))
    forms = Counter(before_forms)
    for key in old_keys - keys:
        old = plan.cache.previous_processed(key)
        if old is None:  # cannot tell what it counted: count afresh
            return word_forms(e.text for s in sources for e in linked.unlinked(s.exports.work.slug))
        forms.subtract(word_forms(e.text for e in old[1]))
    for s in sources:
        if s.key not in old_keys:
            forms.update(word_forms(e.text for e in linked.unlinked(s.exports.work.slug)))
    return +forms


_WORD = re.compile(r"[^\W\d_]{3,}")


def word_forms(texts: Iterable[str]) -> Counter[str]:
    """Every word form (3 letters or more, as spelt) of ``texts`` and how often it occurs."""
    forms: Counter[str] = Counter()
    for text in texts:
        forms.update(_WORD.findall(text))
    return forms


def vocabulary_rows(forms: Mapping[str, int]) -> list[tuple[str, str, int]]:
    """(lower-case word, most frequent spelling, frequency) for every word, by word; of spellings equally
    frequent the first in sort order (so that the rows depend on the counts only, not on their order)."""
    best: dict[str, tuple[str, int]] = {}
    total: Counter[str] = Counter()
    for form, n in forms.items():
        low = form.lower()
        total[low] += n
        if low not in best or n > best[low][1] or (n == best[low][1] and form < best[low][0]):
            best[low] = (form, n)
    return [(w, best[w][0], total[w]) for w in sorted(total)]


def vocabulary(texts: Iterable[str]) -> list[tuple[str, str, int]]:
    """(lower-case word, most frequent spelling, frequency) for every word of the corpus."""
    return vocabulary_rows(word_forms(texts))


def _unique(sources: Sequence[Source]) -> list[Source]:
    """One source per work slug. The same source twice (a copy of the file in two folders, a manifest
    include also named on the command line) is built once; two different sources claiming one slug stop
    the build, naming both."""
    seen: dict[str, Source] = {}
    out: list[Source] = []
    for r in sources:
        slug = r.exports.work.slug
        first = seen.get(slug)
        if first is None:
            seen[slug] = r
            out.append(r)
        elif not _same_bytes(first.path, r.path):
            raise BuildError(Problem(Severity.ERROR, r.path, f"work slug {slug!r} is also used by {first.path}"))
    return out


def _same_bytes(a: str, b: str) -> bool:
    try:
        return Path(a).read_bytes() == Path(b).read_bytes()
    except OSError:
        return False


def _common_root(paths: list[Path]) -> Path | None:
    dirs = [p.resolve() if p.is_dir() else p.resolve().parent for p in paths]
    try:
        return Path(os.path.commonpath(dirs)) if dirs else None
    except ValueError:
        return None


def _discard(build_dir: Path | None, kb_root: Path) -> None:
    """Remove a build directory that will not be served (never the one ``current`` points at)."""
    if build_dir is None or not build_dir.exists():
        return
    with contextlib.suppress(OSError):
        if (kb_root / layout.CURRENT).resolve() == build_dir.resolve():
            return
    shutil.rmtree(build_dir, ignore_errors=True)


def _stage(name: str) -> None:
    """Announce the stage the build has reached in ``$RANDNUMMER_BUILD_STAGE_FILE`` (one name a line)."""
    path = os.environ.get(STAGE_FILE_ENV)
    if path:
        with contextlib.suppress(OSError), open(path, "a", encoding="utf-8") as f:
            f.write(name + "\n")


__all__ = ["BuildReport", "Progress", "Reuse", "WorkResult", "build", "process_source", "publish", "reuse_line",
           "vocabulary"]
