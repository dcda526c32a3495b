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

import contextlib
import os
import re
import shutil
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from indexer.progress import Progress
from kb import backends, procs
from kb.citations.keys import decision_names, decision_probes, filed_keys, numbered_entries
from kb.links import entry_path, is_statute_text, norm_path, statute_anchors, unit_anchor, work_path
from kb.model import (
    Citation,
    DecisionTarget,
    Entry,
    NormTarget,
    Problem,
    RzNumber,
    RzTarget,
    Severity,
    Target,
    Work,
    WorkKind,
    statute_units,
)
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
                "seconds": round(self.seconds, 3), "error": self.error,
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
    return WorkResult(work, entries, parsed.problems, str(path), (t1 - t0, t2 - t1, time.perf_counter() - t2))


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
          allow_errors: bool = False, progress: Progress | None = None) -> BuildReport:
    """Build a knowledge base from ``sources`` (files or directories) into ``kb_root``.

    Every file is processed even when one fails, so the report lists every problem at once. A file
    that cannot be used at all is an error: then nothing is published and ``report.ok`` is False —
    the previous knowledge base keeps serving — unless ``allow_errors`` publishes the usable rest.
    Another build of ``kb_root`` running is an error at once (naming it). A signal (SIGTERM, SIGINT,
    SIGHUP) raises :class:`kb.procs.Interrupted` after the build's directory is removed.
    ``progress`` is told each stage's counts as the build goes (:mod:`indexer.progress`; default: nothing).
    """
    from indexer.sources import SourceError, discover

    progress = progress if progress is not None else Progress()

    started = time.perf_counter()
    kb_root = Path(kb_root)
    n_procs = procs if procs is not None else min(2, os.cpu_count() or 1)
    problems: list[Problem] = []
    pruned: list[layout.Pruned] = []
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
            results: list[WorkResult] = []
            t0 = time.perf_counter()
            _stage("parse")
            # parse, cite and enrich run one file after the other in each worker: three bars moving together
            steps = [progress.begin(name, len(files)) for name in ("parse", "cite", "enrich")]
            spent = [0.0, 0.0, 0.0]
            with contextlib.closing(_process_all(files, root, n_procs)) as processed_files:
                for res in processed_files:
                    if isinstance(res, Problem):
                        problems.append(res)
                        for st in steps:
                            st.advance(1)
                    else:
                        results.append(res)
                        problems.extend(res.problems)
                        for i, st in enumerate(steps):
                            spent[i] += res.seconds[i]
                            st.advance(1, entries=len(res.entries))
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
                              n_procs, (backends.DEFAULT_RECORDS, backends.DEFAULT_SEARCH), progress)
    except BuildError as exc:
        _stage("failed")
        return BuildReport(False, str(kb_root), None, problems=(*problems, exc.problem), pruned=tuple(pruned),
                           seconds=time.perf_counter() - started, error=str(exc.problem))
    return replace(report, timings={"process": processed, **progress.timings(), **report.timings})


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
            return _publish(results, kb_root, build_dir, problems, pruned, list(sources), started, procs,
                            (records, search), progress if progress is not None else Progress())
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


def _publish(results: Sequence[WorkResult], kb_root: Path, build_dir: Path, problems: list[Problem],
             pruned: list[layout.Pruned], sources: list[str], started: float, n_procs: int | None,
             backend_names: tuple[str, str], progress: Progress) -> BuildReport:
    """Write ``results`` into ``build_dir`` (under the lock), mark it complete, switch to it, prune."""
    try:
        linked = _link(_unique(results))
        if not compounds.available():
            problems.append(Problem(Severity.WARNING, str(compounds.wordlist_path()),
                                    "German word list missing: compound words are indexed whole only "
                                    "(install Debian package wngerman)"))
        timings: dict[str, float] = {}
        n_entries = _write(build_dir, linked, problems, sources, timings, n_procs, backend_names, progress)
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
        True, str(kb_root), str(build_dir), works=tuple(r.work for r in linked), entries=n_entries,
        problems=tuple(problems), entries_per_work={r.work.slug: len(r.entries) for r in linked},
        seconds=time.perf_counter() - started, timings={**progress.timings(), **timings}, pruned=tuple(pruned),
    )


def _write(build_dir: Path, results: Sequence[WorkResult], problems: list[Problem], sources: list[str],
           timings: dict[str, float], procs: int | None, backend_names: tuple[str, str], progress: Progress) -> int:
    """Hand every entry to the records and the search backend, then write build.json (last: it marks the
    build complete, :func:`kb.store.layout.mark_complete`)."""
    records_name, search_name = backend_names
    records_backend, search_backend = backends.records_backend(records_name), backends.search_backend(search_name)
    _stage("records")
    t0 = time.perf_counter()
    recording = progress.begin("records", len(results), "works")
    numbered = numbered_entries([e for r in results for e in r.entries])
    cited = {e.id: filed_keys(e, numbered) for r in results for e in r.entries}
    indexing = progress.begin("index", sum(len(r.entries) for r in results), "entries")
    t1 = t0

    def write_records() -> None:
        """Runs while the search backend writes the index (in worker processes, where it can)."""
        nonlocal t1
        records = records_backend.writer(build_dir / layout.RECORDS)
        try:
            for res in results:
                records.add_work(res.work, res.entries, cited)
                recording.advance(1, entries=len(res.entries))
            records.add_vocabulary(vocabulary(e.text for r in results for e in r.entries))
            records.close()
        except BaseException:
            records.abort()
            raise
        t1 = time.perf_counter()
        progress.end(recording)
        _stage("index")  # from here on the build writes the index only

    n = search_backend.write(build_dir / layout.INDEX, [(e, r.work) for r in results for e in r.entries],
                             cited, procs=procs, progress=indexing.advance, meanwhile=write_records)
    t2 = time.perf_counter()
    progress.end(indexing)
    manifest = {
        "format": layout.FORMAT, "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "sources": sources,
        "records": records_name, "search": search_name,
        "works": len(results), "entries": n, "analyzer": "german",
        "wordlist": str(compounds.wordlist_path()) if compounds.available() else None,
        "problems": [p.to_dict() for p in problems],
    }
    layout.mark_complete(build_dir, manifest)
    # records and index overlap: each is its own wall-clock time from the start of the two
    timings.update(records=t1 - t0, index=t2 - t0, complete=time.perf_counter() - t2)
    return n


_WORD = re.compile(r"[^\W\d_]{3,}")


def vocabulary(texts: Iterator[str] | Sequence[str]) -> list[tuple[str, str, int]]:
    """(lower-case word, most frequent spelling, frequency) for every word of the corpus."""
    forms: Counter[str] = Counter()
    for text in texts:
        forms.update(_WORD.findall(text))
    best: dict[str, tuple[str, int]] = {}
    total: Counter[str] = Counter()
    for form, n in forms.items():
        low = form.lower()
        total[low] += n
        if low not in best or n > best[low][1]:
            best[low] = (form, n)
    return [(w, best[w][0], n) for w, n in total.items()]


def _unique(results: Sequence[WorkResult]) -> list[WorkResult]:
    """One result per work slug. The same source twice (a copy of the file in two folders, a manifest
    include also named on the command line) is built once; two different sources claiming one slug stop
    the build, naming both."""
    seen: dict[str, WorkResult] = {}
    out: list[WorkResult] = []
    for r in results:
        first = seen.get(r.work.slug)
        if first is None:
            seen[r.work.slug] = r
            out.append(r)
        elif not _same_bytes(first.path, r.path):
            raise BuildError(Problem(Severity.ERROR, r.path, f"work slug {r.work.slug!r} is also used by {first.path}"))
    return out


def _same_bytes(a: str, b: str) -> bool:
    try:
        return Path(a).read_bytes() == Path(b).read_bytes()
    except OSError:
        return False


def _link(results: list[WorkResult]) -> list[WorkResult]:
    """Point every citation whose target is in this build at the target's permanent URL."""
    from kb.citations import link

    statutes: dict[tuple[str, str], tuple[str, dict[str, NormTarget]]] = {}  # (law, § lower case) → (§, anchors)
    rz_entries: dict[tuple[str, str], str] = {}  # (work, Rz. label) → permanent path
    commentary: dict[tuple[str, str], str] = {}
    decisions: dict[str, str] = {}  # court + Aktenzeichen, ECLI (index keys) → the decision's slug
    for r in results:
        if r.work.decision is not None:
            decisions.update(dict.fromkeys(decision_names(r.work.decision), r.work.slug))
        if r.work.kind == WorkKind.STATUTE:
            for e in r.entries:
                statutes.setdefault((r.work.law, e.paragraph.lower()), (e.paragraph, statute_anchors(e)))
        else:
            # the first of duplicate numbers answers, as KnowledgeBase.url_for_target does
            for e in reversed(r.entries):
                if e.rz:
                    rz_entries[(r.work.slug, e.rz.label)] = entry_path(e)
            if r.work.paragraph:
                commentary.setdefault((r.work.law, r.work.paragraph.lower()), r.work.slug)

    def url_for(target: Target) -> str | None:
        if isinstance(target, NormTarget) and target.law and (target.law, target.number.lower()) in statutes:
            number, anchors = statutes[(target.law, target.number.lower())]
            anchor = unit_anchor(target, anchors)  # as deep as the § page anchors it, as the read API links
            return norm_path(target.law, number) + (f"#{anchor}" if anchor else "")
        if isinstance(target, RzTarget) and target.work:
            return rz_entries.get((target.work, _label(target.rz)))
        if isinstance(target, DecisionTarget) and target.work:
            found = rz_entries.get((target.work, _label(target.rn))) if target.rn else None
            return found or work_path(target.work)
        return None

    def in_work(target: Target) -> Target:
        """"§ 6a Rz. 5" names the commentary on § 6a, "BSG B 4 AS 4/16 R" a decision: point them at that work
        when the build has it."""
        if isinstance(target, RzTarget) and not target.work:
            work = commentary.get((target.law or "", (target.paragraph or "").lower()))
            return replace(target, work=work) if work else target
        if isinstance(target, DecisionTarget) and not target.work:
            work = next((decisions[k] for k in decision_probes(target) if k in decisions), None)
            return replace(target, work=work) if work else target
        return target

    def resolved(citation: Citation) -> Citation:
        return replace(citation, targets=tuple(in_work(t) for t in citation.targets))

    return [replace(r, entries=tuple(
        replace(e, citations=link(tuple(resolved(c) for c in e.citations), url_for)) if e.citations else e
        for e in r.entries)) for r in results]


def _label(text: str) -> str | None:
    """A cited Randnummer as entries spell it ("34 A" → "34a"), as KnowledgeBase.url_for_target reads it."""
    try:
        return RzNumber.parse(text).label
    except ValueError:
        return None


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


__all__ = ["BuildReport", "Progress", "WorkResult", "build", "process_source", "publish", "vocabulary"]
