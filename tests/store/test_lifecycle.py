"""The build lifecycle in one process: pruning, the build lock, worker pools that die, signals as exceptions.

Killed ``kb build`` subprocesses are in tests/store/test_killed_builds.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.build import publish
from kb import procs
from kb.store.layout import (
    BUILDS,
    CURRENT,
    LOCK,
    MANIFEST,
    BuildLock,
    BuildLocked,
    current_build,
    is_complete,
    prune,
    read_owner,
)
from tests.search.model_corpus import works


def dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


ME, MY_START = os.getpid(), procs.start_time(os.getpid())


def make_build(root: Path, second: int, pid: int, start: int | None, *, complete: bool) -> Path:
    name = f"20260101T0000{second:02d}.000000000-{pid}" + ("" if start is None else f"-{start}")
    path = root / BUILDS / name
    path.mkdir(parents=True)
    (path / "records.sqlite").write_bytes(b"x" * 1000)
    if complete:
        (path / MANIFEST).write_text("{}", "utf-8")
    return path


def point_current(root: Path, build: Path) -> None:
    os.symlink(os.path.relpath(build, root), root / CURRENT)


# --------------------------------------------------------------------------- prune


def test_prune_keeps_current_newest_complete_and_live_builds_and_removes_dead_leftovers(tmp_path: Path) -> None:
    gone = dead_pid()
    oldest = make_build(tmp_path, 1, gone, None, complete=True)
    current = make_build(tmp_path, 2, gone, None, complete=True)
    newer = make_build(tmp_path, 3, gone, None, complete=True)  # complete, never switched to
    newest = make_build(tmp_path, 4, gone, None, complete=True)
    dead = make_build(tmp_path, 5, gone, 12345, complete=False)  # the leftovers of killed builds, newest of all
    reused = make_build(tmp_path, 6, ME, (MY_START or 0) + 1, complete=False)  # our pid, another start: not us
    live = make_build(tmp_path, 7, ME, MY_START, complete=False)  # a build running now
    live_old_name = make_build(tmp_path, 8, ME, None, complete=False)  # a name without start time, pid alive
    point_current(tmp_path, current)
    (tmp_path / f".{CURRENT}.{gone}.tmp").symlink_to("builds/x")  # switch() of a killed build

    removed = prune(tmp_path, keep=1)

    assert {p.path for p in removed} == {oldest, newer, dead, reused}
    assert {p.path for p in removed if not p.complete} == {dead, reused}
    assert all(p.bytes >= 1000 for p in removed)
    left = {p for p in (tmp_path / BUILDS).iterdir()}
    assert left == {current, newest, live, live_old_name}
    assert current_build(tmp_path) == current
    assert not (tmp_path / f".{CURRENT}.{gone}.tmp").is_symlink()


def test_half_written_builds_never_push_out_the_last_complete_one(tmp_path: Path) -> None:
    """The reported failure: three killed builds, then pruning kept a directory without build.json as
    "the previous build" and deleted the last complete one."""
    gone = dead_pid()
    complete = make_build(tmp_path, 1, gone, None, complete=True)
    point_current(tmp_path, complete)
    for second in (2, 3, 4):
        make_build(tmp_path, second, gone, None, complete=False)
    removed = prune(tmp_path, keep=2)
    assert len(removed) == 3 and not any(p.complete for p in removed)
    assert list((tmp_path / BUILDS).iterdir()) == [complete]
    (tmp_path / CURRENT).unlink()  # even with no current link: the newest complete build stays
    assert prune(tmp_path, keep=0) == []
    assert complete.is_dir()


def test_prune_keeps_the_build_being_written_and_the_previous_current(tmp_path: Path) -> None:
    gone = dead_pid()
    previous = make_build(tmp_path, 1, gone, None, complete=True)
    other = make_build(tmp_path, 2, gone, None, complete=True)
    building = make_build(tmp_path, 3, gone, None, complete=False)
    removed = prune(tmp_path, keep=1, building=building, previous=previous)
    assert [p.path for p in removed] == []  # other is the newest complete one
    newer = make_build(tmp_path, 4, gone, None, complete=True)
    point_current(tmp_path, newer)
    assert [p.path for p in prune(tmp_path, keep=1, previous=previous)] == [building, other]


def test_a_published_build_is_complete_and_a_rebuild_reports_what_it_pruned(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    first = publish(works(), root)
    assert first.ok and first.pruned == ()
    build_dir = Path(first.build_dir or "")
    assert is_complete(build_dir) and json.loads((build_dir / MANIFEST).read_text("utf-8"))["entries"] == 8
    assert not list(build_dir.glob(".*.tmp"))  # build.json went through a temporary file
    leftover = make_build(root, 0, dead_pid(), None, complete=False)  # 2026-01-01: older than the others
    second = publish(works(), root)
    third = publish(works(), root)
    assert [p.path for p in second.pruned] == [leftover]  # removed at the start of the next build
    assert [p.path for p in third.pruned] == [build_dir]  # the oldest of three complete builds
    assert "pruned 1 build directory: " in third.summary_table() and build_dir.name in third.summary_table()
    assert third.to_dict()["pruned"][0]["build"] == build_dir.name


# --------------------------------------------------------------------------- the build lock


def test_a_second_build_is_refused_at_once_naming_the_first(tmp_path: Path) -> None:
    from indexer.build import build

    root = tmp_path / "kb"
    assert publish(works(), root).ok
    stages = tmp_path / "stages"
    with BuildLock(root):
        owner = read_owner(root)
        assert owner is not None and owner.pid == ME and owner.start == MY_START
        os.environ["RANDNUMMER_BUILD_STAGE_FILE"] = str(stages)
        try:
            report = build([tmp_path / "nowhere"], root)
        finally:
            del os.environ["RANDNUMMER_BUILD_STAGE_FILE"]
        assert not report.ok
        assert "another build of this knowledge base is running" in (report.error or "")
        assert f"pid {ME}" in (report.error or "") and f"since {owner.since}" in (report.error or "")
        assert stages.read_text("utf-8").split() == ["lock", "failed"]  # refused before looking at sources
        refused = publish(works(), root)
        assert not refused.ok and f"pid {ME}" in (refused.error or "")
    assert len(list((root / BUILDS).iterdir())) == 1  # the refused builds left nothing behind
    assert read_owner(root) is None  # released cleanly: nothing stale to report
    assert publish(works(), root).ok


@pytest.mark.parametrize("reused", [False, True])
def test_a_stale_lock_is_recovered_with_a_warning(tmp_path: Path, reused: bool) -> None:
    root = tmp_path / "kb"
    root.mkdir()
    # the record of a build that died: its pid gone, or our pid (handed on) with another start time
    pid, start = (ME, (MY_START or 0) + 1) if reused else (dead_pid(), 4242)
    (root / LOCK).write_text(json.dumps({"pid": pid, "start": start, "host": os.uname().nodename,
                                         "since": "2026-01-01T00:00:00Z"}), "utf-8")
    report = publish(works(), root)
    assert report.ok, report.summary_table()
    warning = next(p for p in report.warnings if p.path == str(root / LOCK))
    assert "stale build lock recovered" in warning.message and f"pid {pid}" in warning.message
    assert ("now names another process" if reused else "is gone") in warning.message
    assert str(warning) in report.summary_table()
    assert read_owner(root) is None


def test_a_lock_held_by_a_leftover_process_of_a_dead_build_names_that_process(tmp_path: Path) -> None:
    """Builds before this one leaked their lock to orphaned workers: such a holder is named."""
    import fcntl

    root = tmp_path / "kb"
    root.mkdir()
    (root / LOCK).write_text(json.dumps({"pid": dead_pid(), "start": 1, "host": os.uname().nodename,
                                         "since": "2026-01-01T00:00:00Z"}), "utf-8")
    fd = os.open(root / LOCK, os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(BuildLocked, match=rf"leftover process\(es\) {ME}\b"):
            BuildLock(root).__enter__()
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- worker pools and signals


def _fds() -> list[str]:
    found = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            found.append(os.readlink(f"/proc/self/fd/{fd}"))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_pool_workers_do_not_keep_the_build_lock(tmp_path: Path) -> None:
    with BuildLock(tmp_path) as lock:
        assert str(lock.path) in _fds()
        with procs.owned_pool(1) as pool:
            assert str(lock.path) not in pool.submit(_fds).result()
    with procs.owned_pool(1) as pool:  # the lock released: later pools close nothing of ours
        pool.submit(os.getpid).result()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_leaving_a_pool_by_an_exception_kills_its_busy_workers() -> None:
    with pytest.raises(RuntimeError, match="stop"), procs.owned_pool(2) as pool:
        workers = {pool.submit(os.getpid).result() for _ in range(4)}
        pool.submit(time.sleep, 60)
        pool.submit(time.sleep, 60)
        raise RuntimeError("stop")
    assert workers and not any(procs.alive(pid) for pid in workers)


def test_signals_raise_interrupted_with_the_shell_exit_code() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(procs.Interrupted) as caught, procs.signals_raise():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises in the main thread before this ends
    assert caught.value.signum == signal.SIGTERM and caught.value.exit_code == 143
    assert str(caught.value) == "interrupted by SIGTERM"
    assert signal.getsignal(signal.SIGTERM) == before


def test_start_time_tells_a_reused_pid_from_its_first_owner() -> None:
    assert procs.alive(ME) and procs.alive(ME, MY_START)
    if MY_START is not None:
        assert not procs.alive(ME, MY_START + 1)
    assert not procs.alive(dead_pid())
    assert not procs.alive(0) and not procs.alive(-1)

