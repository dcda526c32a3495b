"""A real ``kb build`` killed (-9), terminated or interrupted at its stages: what it leaves behind.

The build announces each stage in ``$RANDNUMMER_BUILD_STAGE_FILE``. Here that file is a named pipe: the
build's announcement blocks until this test reads it, so a build is held at the next stage boundary
while the test kills it — no race decides which stage is hit. A small corpus uses the worker pools
through ``--procs 2``, eight files (the parse pool's threshold) and ``RANDNUMMER_PART_ENTRIES``
(several index parts, some written by a worker process).
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from indexer.build import PARALLEL_MIN_FILES, build, publish
from kb import procs
from kb.search.whoosh.index import PART_ENTRIES_ENV
from kb.store import KnowledgeBase
from kb.store.layout import BUILDS, BuildLock, current_build, is_complete, read_owner
from tests.conftest import REPO, SAMPLE, write_commentaries
from tests.indexer.test_incremental import snapshot
from tests.search.model_corpus import works

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups read from /proc")

ENTRIES_PER_FILE = 100


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight commentaries of 100 Randnummern each."""
    return write_commentaries(
        tmp_path_factory.mktemp("corpus"), PARALLEL_MIN_FILES, ENTRIES_PER_FILE, 100,
        lambda p, f, rz: f"Nach § {p} Abs. 1 BGB hat der Schuldner die Leistung zu bewirken; vgl. Rz. "
                         f"{max(1, rz - 1)}. Der Landkreis Göttingen soll die Vereinbarung mit dem Ministerium "
                         f"prüfen (Fall {f}-{rz}).")


def group(pgid: int) -> set[int]:
    """The live (not zombie) processes of a process group."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            data = stat.read_bytes()
        except OSError:
            continue
        fields = data[data.rfind(b")") + 2:].split()
        if len(fields) > 2 and int(fields[2]) == pgid and fields[0] != b"Z":
            found.add(int(stat.parent.name))
    return found


class Build:
    """``kb build`` in a session of its own; its stages read from a named pipe, up to ``hold_after``."""

    def __init__(self, corpus: Path, root: Path, tmp: Path, hold_after: str | None = None) -> None:
        self.fifo = tmp / "stages"
        os.mkfifo(self.fifo)
        self.tmp = tmp
        self.hold_after = hold_after
        self.stages: queue.Queue[str] = queue.Queue()
        self.seen: set[int] = set()  # every process of the build this test has seen
        self.stop = False
        env = {**os.environ, "PYTHONPATH": str(REPO), "RANDNUMMER_BUILD_STAGE_FILE": str(self.fifo),
               "RANDNUMMER_PART_ENTRIES": str(ENTRIES_PER_FILE * 2)}
        env.pop("RANDNUMMER_DEBUG", None)
        with open(tmp / "out", "wb") as out, open(tmp / "err", "wb") as err:
            self.proc = subprocess.Popen([sys.executable, "-m", "cli", "build", str(corpus), "--kb", str(root),
                                          "--procs", "2"], cwd=REPO, env=env, stdout=out, stderr=err,
                                         start_new_session=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while not self.stop:
            with open(self.fifo, encoding="utf-8") as f:  # blocks until the build announces a stage
                text = f.read()
            for line in text.split():
                self.stages.put(line)
                if line == self.hold_after:
                    return  # the next announcement blocks: the build is held there

    def wait_stage(self, name: str) -> None:
        while True:
            try:
                stage = self.stages.get(timeout=1)
            except queue.Empty:
                assert self.proc.poll() is None, f"the build ended before {name}: {self.stderr}"
                continue
            if stage == name:
                return

    def wait_processes(self, n: int, *, unless: Path | None = None) -> None:
        """Until the build has ``n`` processes (itself and its workers) — failing if ``unless`` appears."""
        while len(members := group(self.proc.pid)) < n:
            assert self.proc.poll() is None, self.stderr
            assert unless is None or not unless.exists(), f"{unless} appeared before {n} processes ran"
            time.sleep(0.002)
        self.seen |= members

    def kill(self, sig: int, *, whole_group: bool = False) -> int:
        self.seen |= group(self.proc.pid)
        (os.killpg if whole_group else os.kill)(self.proc.pid, sig)
        return self.proc.wait(timeout=120)

    def survivors(self) -> set[int]:
        """The build's processes still running 10 s after it ended (polled; usually none at once)."""
        deadline = time.monotonic() + 10
        while (left := group(self.proc.pid) | {p for p in self.seen if procs.alive(p)}) and \
                time.monotonic() < deadline:
            time.sleep(0.05)
        return left

    @property
    def stderr(self) -> str:
        return (self.tmp / "err").read_text("utf-8", "replace")

    def close(self) -> None:
        self.stop = True
        with contextlib.suppress(OSError):  # a reader blocked in open(): let it see the end
            os.close(os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK))
        self.reader.join(5)
        running = {self.proc.pid} if self.proc.poll() is None else set()
        for pid in group(self.proc.pid) | running:  # what a failing test leaves: never an orphan
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        self.proc.wait()


@pytest.fixture
def previous_kb(tmp_path: Path) -> tuple[Path, Path]:
    """A knowledge base that serves before the killed build: (root, its build directory)."""
    root = tmp_path / "kb"
    assert publish(works(), root).ok
    build_dir = current_build(root)
    assert build_dir is not None
    return root, build_dir


def assert_previous_kb_answers(root: Path, build_dir: Path) -> None:
    assert current_build(root) == build_dir
    kb = KnowledgeBase.open(root)
    try:
        hit = kb.lookup("§ 48b Rz. 40 SGB II")
        assert hit.entry is not None and hit.entry.id == "sgb-2-48b/rz-40"
    finally:
        kb.close()


def build_dirs(root: Path) -> list[Path]:
    return sorted((root / BUILDS).iterdir())


@pytest.mark.parametrize("stage", ["parse", "records", "index"])
def test_a_build_killed_with_9_leaves_no_process_no_lock_and_no_lasting_leftover(
        corpus: Path, previous_kb: tuple[Path, Path], tmp_path: Path, stage: str) -> None:
    root, previous = previous_kb
    run = Build(corpus, root, tmp_path, hold_after=stage)
    try:
        run.wait_stage(stage)
        if stage == "parse":
            run.wait_processes(3)  # the build and its two parse workers, loading spaCy or parsing
        elif stage == "index":
            # the part writer, before the index is complete (the build is held before "publish")
            leftover = next(p for p in build_dirs(root) if p != previous)
            run.wait_processes(2, unless=leftover / "build.json")
        assert run.kill(signal.SIGKILL) == -signal.SIGKILL
        assert run.survivors() == set()
    finally:
        run.close()
    assert_previous_kb_answers(root, previous)
    leftover = next(p for p in build_dirs(root) if p != previous)
    assert not is_complete(leftover)
    if stage == "index":
        assert (leftover / "records.sqlite").is_file()
    owner = read_owner(root)
    assert owner is not None and owner.pid == run.proc.pid  # killed: the record stays, the flock went with it

    report = build([SAMPLE], root)  # the next build: the lock is free at once, the leftover goes
    assert report.ok, report.summary_table()
    assert any("stale build lock recovered" in p.message and f"pid {run.proc.pid}" in p.message
               for p in report.warnings)
    assert leftover in [p.path for p in report.pruned if not p.complete]
    assert all(is_complete(p) for p in build_dirs(root))
    assert previous in build_dirs(root)  # the newest complete build before it is kept
    assert current_build(root) == Path(report.build_dir or "")


@pytest.mark.parametrize(("sig", "code", "whole_group"), [
    (signal.SIGTERM, 143, False),  # kill <pid>, as a service manager stops it
    (signal.SIGINT, 130, True),  # Ctrl-C: the terminal signals the whole foreground process group
    (signal.SIGHUP, 129, True),  # the terminal closed
])
def test_a_terminated_build_removes_its_directory_releases_the_lock_and_exits_non_zero(
        corpus: Path, previous_kb: tuple[Path, Path], tmp_path: Path, sig: int, code: int,
        whole_group: bool) -> None:
    root, previous = previous_kb
    run = Build(corpus, root, tmp_path)
    try:
        run.wait_stage("parse")
        run.wait_processes(3)
        assert next(p for p in build_dirs(root) if p != previous).is_dir()
        assert run.kill(sig, whole_group=whole_group) == code
        assert run.survivors() == set()
        run.wait_stage("interrupted")
    finally:
        run.close()
    lines = [line for line in run.stderr.splitlines() if line.startswith("kb: ")]
    assert lines == [f"kb: build interrupted by {signal.Signals(sig).name}: its directory removed, "
                     "previous knowledge base kept"], run.stderr
    assert "Traceback" not in run.stderr
    assert build_dirs(root) == [previous]
    assert_previous_kb_answers(root, previous)
    assert read_owner(root) is None  # released cleanly
    with BuildLock(root) as lock:
        assert lock.stale is None


@pytest.mark.parametrize(("flags", "env", "says"), [
    (["--procs", "0"], {}, "--procs must be 1 or more"),
    ([], {"RANDNUMMER_PARALLEL_MIN_FILES": "viele"}, "RANDNUMMER_PARALLEL_MIN_FILES must be a positive integer"),
])
def test_bad_pool_settings_are_one_clear_line(corpus: Path, tmp_path: Path, flags: list[str],
                                              env: dict[str, str], says: str) -> None:
    result = subprocess.run([sys.executable, "-m", "cli", "build", str(corpus), "--kb", str(tmp_path / "kb"),
                             *flags], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO), **env},
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("kb: ")]
    assert len(lines) == 1 and says in lines[0] and "Traceback" not in result.stderr
    assert not (tmp_path / "kb" / BUILDS).exists() or not list((tmp_path / "kb" / BUILDS).iterdir())


@pytest.mark.parametrize("stage", ["parse", "records", "index"])
def test_an_incremental_build_killed_with_9_keeps_the_previous_kb_and_the_next_build_is_right(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    """Killed in a stage of the incremental path — while it links and writes the processing cache, carries
    records over (a copy of the previous file being trimmed), links and writes index parts (at the latest
    held before "publish": complete, not switched to): the previous build serves unchanged, and the next
    incremental build equals a full one."""
    monkeypatch.setenv(PART_ENTRIES_ENV, str(ENTRIES_PER_FILE * 2))
    src, root = tmp_path / "src", tmp_path / "kb"
    shutil.copytree(corpus, src)
    assert build([src], root).ok
    previous = current_build(root)
    assert previous is not None
    before = snapshot(root)
    edited = src / "k03.txt"
    edited.write_text(edited.read_text("utf-8").replace("Rz. 50\n", "Rz. 50\nGeänderter Satz. ", 1), "utf-8")
    run = Build(src, root, tmp_path, hold_after=stage)
    try:
        run.wait_stage(stage)
        assert run.kill(signal.SIGKILL) == -signal.SIGKILL
    finally:
        run.close()
    assert current_build(root) == previous and snapshot(root) == before
    report = build([src], root)
    assert report.ok and report.reuse["incremental"], report.summary_table()
    assert report.reuse["sources_processed"] == 1 and report.reuse["works_carried"] == PARALLEL_MIN_FILES - 1
    assert build([src], tmp_path / "full", full=True).ok
    assert snapshot(root) == snapshot(tmp_path / "full")
