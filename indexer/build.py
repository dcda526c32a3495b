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

from indexer import reuse
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


@dataclass(frozen=True, slots=True)
class WorkResult:
    """One source file after parsing, citation extraction and enrichment."""

    work: Work
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]
    path: str
    key: str | None = None  # the source's content key (indexer.reuse.source_key): None, never reused


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
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage: process, records, index
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

    parsed = parse_path(path, root=root)
    work = parsed.work
    statute = work.kind == WorkKind.STATUTE
    # In statute text "Satz 1 Nummer 2" means the Absatz it stands in: the § text's units are its context.
    entries = tuple(
        replace(e, citations=extract(e.text, Context(work.law or None, e.paragraph or None, work.slug),
                                     statute_units(e.blocks) if statute and is_statute_text(e) else None))
        for e in parsed.entries
    )
    if entries:
        entries = tuple(enrich(entries))
    return WorkResult(work, entries, parsed.problems, str(path))


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
            yield from pool.map(_process_or_problem, files, [root] * len(files),
                                chunksize=max(1, len(files) // (n_procs * 8)))
    else:
        for f in files:
            yield _process_or_problem(f, root)


def build(sources: Sequence[Path], kb_root: Path, *, procs: int | None = None,
          allow_errors: bool = False, full: bool = False) -> BuildReport:
    """Build a knowledge base from ``sources`` (files or directories) into ``kb_root``.

    Every file is processed even when one fails, so the report lists every problem at once. A file
    that cannot be used at all is an error: then nothing is published and ``report.ok`` is False —
    the previous knowledge base keeps serving — unless ``allow_errors`` publishes the usable rest.
    Another build of ``kb_root`` running is an error at once (naming it). A signal (SIGTERM, SIGINT,
    SIGHUP) raises :class:`kb.procs.Interrupted` after the build's directory is removed.

    Incremental unless ``full``: what the current build made by the same pipeline already has — the
    processing of unchanged sources, the records and index parts of unchanged works — is taken over
    (:mod:`indexer.reuse`); the result equals a full build's. ``report.reuse`` counts it.
    """
    from indexer.sources import SourceError, discover

    started = time.perf_counter()
    kb_root = Path(kb_root)
    n_procs = procs if procs is not None else min(2, os.cpu_count() or 1)
    problems: list[Problem] = []
    pruned: list[layout.Pruned] = []
    backend_names = (backends.DEFAULT_RECORDS, backends.DEFAULT_SEARCH)
    try:
        with _building(kb_root, problems, pruned) as build_dir:
            try:
                files = discover([Path(s) for s in sources], problems=problems)
            except SourceError as exc:
                raise BuildError(exc.problem) from exc
            if not files:
                raise BuildError(Problem(Severity.ERROR, ", ".join(map(str, sources)), "no source files found"))
            root = _common_root([Path(s) for s in sources])
            t0 = time.perf_counter()
            _stage("parse")
            plan = Reuse.plan(kb_root, build_dir, backend_names, full=full)
            results: list[WorkResult] = []
            for res in _processed(files, root, n_procs, plan):
                if isinstance(res, Problem):
                    problems.append(res)
                else:
                    results.append(res)
                    problems.extend(res.problems)
            unusable = [p for p in problems if p.severity == Severity.ERROR]
            if unusable and not allow_errors:
                more = f" (and {len(unusable) - 1} more problem(s), listed above)" if len(unusable) > 1 else ""
                _stage("failed")
                return BuildReport(False, str(kb_root), None, problems=tuple(problems), pruned=tuple(pruned),
                                   seconds=time.perf_counter() - started, error=f"{unusable[0]}{more}")
            if not results:
                raise BuildError(Problem(Severity.ERROR, ", ".join(map(str, sources)), "no usable source file"))
            processed = time.perf_counter() - t0
            report = _publish(results, kb_root, build_dir, problems, pruned, [str(s) for s in sources], started,
                              n_procs, backend_names, plan)
    except BuildError as exc:
        _stage("failed")
        return BuildReport(False, str(kb_root), None, problems=(*problems, exc.problem), pruned=tuple(pruned),
                           seconds=time.perf_counter() - started, error=str(exc.problem))
    return replace(report, timings={"process": processed, **report.timings})


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


def _processed(files: list[Path], root: Path | None, n_procs: int, plan: Reuse) -> list[WorkResult | Problem]:
    """Each file's result, in order: from the previous build's cache when its key is unchanged, else
    processed (by the pool) and kept in this build's cache."""
    keys = [reuse.source_key(f, root) for f in files]
    out: list[WorkResult | Problem | None] = [None] * len(files)
    todo: list[int] = []
    for i, (f, key) in enumerate(zip(files, keys, strict=True)):
        found = plan.cache.load(key) if plan.cache is not None and key is not None else None
        if found is None:
            todo.append(i)
        else:
            out[i] = WorkResult(*found, path=str(f), key=key)
    plan.counts.update(sources_reused=len(files) - len(todo), sources_processed=len(todo))
    with contextlib.closing(_process_all([files[i] for i in todo], root, n_procs)) as processed_files:
        for i, res in zip(todo, processed_files, strict=True):
            key = keys[i]
            if isinstance(res, WorkResult) and key is not None:
                if plan.cache is not None:
                    plan.cache.store(key, (res.work, res.entries, res.problems))
                res = replace(res, key=key)
            out[i] = res
    return [r for r in out if r is not None]


def publish(results: Sequence[WorkResult], kb_root: Path, *, problems: Sequence[Problem] = (),
            sources: Sequence[str] = (), started: float | None = None, procs: int | None = None,
            records: str = backends.DEFAULT_RECORDS, search: str = backends.DEFAULT_SEARCH) -> BuildReport:
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
                            (records, search), Reuse(reuse.pipeline_version(), None, None, "publish"))
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
             backend_names: tuple[str, str], plan: Reuse) -> BuildReport:
    """Write ``results`` into ``build_dir`` (under the lock), mark it complete, switch to it, prune."""
    try:
        linked = _link(_unique(results))
        if not compounds.available():
            problems.append(Problem(Severity.WARNING, str(compounds.wordlist_path()),
                                    "German word list missing: compound words are indexed whole only "
                                    "(install Debian package wngerman)"))
        timings: dict[str, float] = {}
        n_entries = _write(build_dir, linked, problems, sources, timings, n_procs, backend_names, plan)
        _stage("publish")
        previous = layout.current_target(kb_root)
        layout.switch(kb_root, build_dir)
        pruned.extend(layout.prune(kb_root, building=build_dir, previous=previous))
    except BuildError:
        raise
    except Exception as exc:
        problem = Problem(Severity.ERROR, str(build_dir), f"build failed: {type(exc).__name__}: {exc}")
        raise BuildError(problem) from exc
    _stage("done")
    return BuildReport(
        True, str(kb_root), str(build_dir), works=tuple(r.work for r in linked), entries=n_entries,
        problems=tuple(problems), entries_per_work={r.work.slug: len(r.entries) for r in linked},
        seconds=time.perf_counter() - started, timings=timings, pruned=tuple(pruned), reuse=plan.report(),
    )


def _write(build_dir: Path, results: Sequence[WorkResult], problems: list[Problem], sources: list[str],
           timings: dict[str, float], procs: int | None, backend_names: tuple[str, str], plan: Reuse) -> int:
    """Hand every entry to the records and the search backend, then write build.json (last: it marks the
    build complete, :func:`kb.store.layout.mark_complete`). Works whose fingerprint equals the previous
    build's are carried over by the backends that can (the others write everything)."""
    records_name, search_name = backend_names
    records_backend, search_backend = backends.records_backend(records_name), backends.search_backend(search_name)
    _stage("records")
    t0 = time.perf_counter()
    numbered = numbered_entries([e for r in results for e in r.entries])
    cited = {e.id: filed_keys(e, numbered) for r in results for e in r.entries}
    prints = {r.work.slug: reuse.fingerprint(r.key, r.entries, cited) for r in results if r.key is not None}
    unchanged: set[str] = set()
    if plan.previous is not None and plan.cache is not None:
        before = plan.cache.previous_fingerprints()
        unchanged = {slug for slug, fp in prints.items() if before.get(slug) == fp}
    records = records_backend.writer(build_dir / layout.RECORDS)
    try:
        carried = records.carry(plan.previous / layout.RECORDS, unchanged) if unchanged and plan.previous else set()
        for res in results:
            records.add_work(res.work, res.entries, cited)
        records.add_vocabulary(vocabulary(e.text for r in results for e in r.entries))
        records.close()
    except BaseException:
        records.abort()
        raise
    plan.counts.update(works_carried=len(carried), works_written=len(results) - len(carried),
                       records_carried=sum(len(r.entries) for r in results if r.work.slug in carried))
    t1 = time.perf_counter()
    _stage("index")
    parts: Counter[str] = Counter()
    n = search_backend.write(build_dir / layout.INDEX, [(e, r.work) for r in results for e in r.entries], cited,
                             procs=procs, previous=plan.previous / layout.INDEX if plan.previous else None,
                             unchanged=unchanged, stats=parts)
    plan.counts.update(index_parts_linked=parts["linked"], index_parts_written=parts["written"])
    t2 = time.perf_counter()
    if plan.cache is not None:
        plan.cache.write_fingerprints(prints)
    manifest = {
        "format": layout.FORMAT, "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "sources": sources,
        "records": records_name, "search": search_name,
        "works": len(results), "entries": n, "analyzer": "german",
        "wordlist": str(compounds.wordlist_path()) if compounds.available() else None,
        "pipeline": plan.version if plan.cache is not None else None,  # what a next build may reuse from this one
        "problems": [p.to_dict() for p in problems],
    }
    layout.mark_complete(build_dir, manifest)
    timings.update(records=t1 - t0, index=t2 - t1, complete=time.perf_counter() - t2)
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


__all__ = ["BuildReport", "Reuse", "WorkResult", "build", "process_source", "publish", "reuse_line", "vocabulary"]
