"""The knowledge-base directory: builds side by side, one ``current`` pointer switched atomically.

    <root>/
      current -> builds/20261125T162700.123456789-1234-98765   (relative symlink, replaced with os.replace)
      builds/20261125T162700.123456789-1234-98765/   (UTC time . ns - builder's pid - its start time)
        records.sqlite                           (the records backend's; default SQLite: entries + look-up tables)
        index/                                   (the search backend's; default Whoosh)
        build.json                               (format, backends, when, from what, counts, problems; written last)
      .build.lock                                (one build at a time: flock, and the owner as JSON)

A build directory is *complete* once it has ``build.json``: :func:`mark_complete` writes it last,
after every other file of the build is on disk (fsync), through a temporary file and ``os.replace``,
so it is there whole or not at all. A directory without it is a build in progress (its builder,
named in the directory name, is alive) or the leftover of a build that died (:func:`prune` removes it).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb import procs

CURRENT = "current"
BUILDS = "builds"
RECORDS = "records.sqlite"
INDEX = "index"
MANIFEST = "build.json"
LOCK = ".build.lock"
# The layout's version, recorded in build.json: a build in another format is refused with a message
# to rebuild (2: frequent terms' postings and positions kept as arrays; 3: the index written in parts;
# 4: PyStemmer's Snowball German stemmer, the Whoosh analyzer in kb.search.whoosh.analyzer, every
# filed citation key in the records, build.json naming its records and search backends; 5: the kind of
# work as a facet column; 6: no NORM entities — cited norms are citations only; 7: entries as zlib-compressed
# compact JSON with a preset dictionary, look-up tables WITHOUT ROWID, smaller frequent-term arrays).
FORMAT = 7
# Complete builds kept: the current build and the one before (a server that has not refreshed yet keeps
# reading it). Incomplete directories are kept only while their builder lives.
KEEP_BUILDS = 2


def default_root() -> Path:
    """``$RANDNUMMER_KB``, else ``./var/kb`` relative to the working directory."""
    env = os.environ.get("RANDNUMMER_KB")
    return Path(env) if env else Path.cwd() / "var" / "kb"


def current_target(root: Path) -> Path | None:
    """The directory ``current`` points at, complete or not (None when there is no link)."""
    try:
        target = os.readlink(root / CURRENT)
    except OSError:
        return None
    return (root / target) if not os.path.isabs(target) else Path(target)


def current_build(root: Path) -> Path | None:
    """The build directory ``current`` points at, or None when there is none (yet) or it is incomplete
    (``build.json``, written last, is missing)."""
    path = current_target(root)
    return path if path is not None and (path / MANIFEST).exists() else None


_BUILD_NAME = re.compile(r"^\d{8}T\d{6}\.\d{9}-(?P<pid>\d+)(?:-(?P<start>\d+))?$")


def new_build_dir(root: Path) -> Path:
    """A fresh directory for a build by this process: names sort in creation order (UTC second, then
    nanoseconds) and carry the builder's pid and start time, so :func:`prune` can tell a live build's
    directory from a dead one's."""
    ns = time.time_ns()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(ns // 1_000_000_000))
    start = procs.start_time(os.getpid())
    name = f"{stamp}.{ns % 1_000_000_000:09d}-{os.getpid()}" + ("" if start is None else f"-{start}")
    path = root / BUILDS / name
    path.mkdir(parents=True)
    return path


def is_complete(build: Path) -> bool:
    return (build / MANIFEST).is_file()


def builder_alive(build: Path) -> bool:
    """Whether the process that makes ``build`` still runs (a name in no known form: assumed so)."""
    m = _BUILD_NAME.match(build.name)
    if m is None:
        return True
    return procs.alive(int(m["pid"]), int(m["start"]) if m["start"] else None)


def mark_complete(build: Path, manifest: dict[str, Any]) -> None:
    """Write ``build.json`` last: first every file of the build to disk, then the manifest through a
    temporary file, fsync and ``os.replace`` — after a crash or power loss it is there whole, over a
    whole build, or not at all."""
    sync_tree(build)
    tmp = build / f".{MANIFEST}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, build / MANIFEST)
    _sync_dir(build)


def sync_tree(top: Path) -> None:
    """fsync every file and directory under ``top`` (the records and index backends write without it) —
    but files with several links: an incremental build links them from a complete build, synced then."""
    for dirpath, _dirs, files in os.walk(top):
        for name in files:
            if os.lstat(os.path.join(dirpath, name)).st_nlink > 1:
                continue
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _sync_dir(Path(dirpath))


def _sync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # some file systems cannot fsync a directory
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def switch(root: Path, build: Path) -> None:
    """Point ``current`` at ``build`` atomically: readers see the old build or the new, never neither."""
    tmp = root / f".{CURRENT}.{os.getpid()}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(build, root), tmp)
    os.replace(tmp, root / CURRENT)
    _sync_dir(root)


@dataclass(frozen=True, slots=True)
class Pruned:
    """A build directory :func:`prune` removed."""

    path: Path
    complete: bool
    bytes: int

    def __str__(self) -> str:
        return f"{self.path.name} ({'old build' if self.complete else 'incomplete leftover'}, " \
               f"{self.bytes / 1e6:.1f} MB)"


def prune(root: Path, keep: int = KEEP_BUILDS, *, building: Path | None = None,
          previous: Path | None = None) -> list[Pruned]:
    """Remove what is not needed under ``root``; returns what went.

    Kept: the build ``current`` points at (complete or not), the newest complete build, the ``keep``
    newest complete builds, ``building`` (the caller's own build in progress), ``previous`` (the build
    that was current before the caller switched: servers not refreshed yet still read it) and every
    incomplete directory whose builder still runs. Removed: older complete builds, incomplete directories of builds
    that died (their pid is gone or now names another process), and ``current``'s temporary links
    left by them. Call it holding the build lock, so no build starts or ends meanwhile.
    """
    builds_dir = root / BUILDS
    if not builds_dir.is_dir():
        return []
    dirs = sorted((p for p in builds_dir.iterdir() if p.is_dir() and not p.is_symlink()),
                  key=lambda p: p.name, reverse=True)
    complete = [p for p in dirs if is_complete(p)]
    kept = {p.name for p in complete[:max(1, keep)]}
    kept.update(p.name for p in (building, previous) if p is not None)
    current = current_target(root)
    if current is not None:
        kept.add(current.name)
    removed = []
    for path in dirs:
        if path.name in kept:
            continue
        done = path in complete
        if not done and builder_alive(path):
            continue  # a build running now (a concurrent one, or one that does not hold the lock)
        size = _size(path)
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            removed.append(Pruned(path, done, size))
    for tmp in root.glob(f".{CURRENT}.*.tmp"):  # switch()'s link of a build killed in the middle of it
        pid = tmp.name.removeprefix(f".{CURRENT}.").removesuffix(".tmp")
        if pid.isdigit() and not procs.alive(int(pid)):
            with contextlib.suppress(OSError):
                tmp.unlink()
    return removed


def _size(path: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(dirpath, name)).st_size
    return total


@dataclass(frozen=True, slots=True)
class Owner:
    """Who holds the build lock, as recorded in the lock file."""

    pid: int
    start: int | None  # the process's start time (clock ticks since boot), where the system tells it
    host: str
    since: str  # ISO time (UTC) the lock was taken

    @classmethod
    def me(cls) -> Owner:
        return cls(os.getpid(), procs.start_time(os.getpid()), socket.gethostname(),
                   time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))

    @classmethod
    def parse(cls, text: str) -> Owner | None:
        try:
            data = json.loads(text)
            return cls(int(data["pid"]), None if data.get("start") is None else int(data["start"]),
                       str(data.get("host", "")), str(data.get("since", "")))
        except (ValueError, TypeError, KeyError):
            return None

    def to_json(self) -> str:
        return json.dumps({"pid": self.pid, "start": self.start, "host": self.host, "since": self.since})

    def alive(self) -> bool:
        """Whether the owner still runs (on another host: cannot tell, so assumed)."""
        return self.host != socket.gethostname() or procs.alive(self.pid, self.start)

    def __str__(self) -> str:
        return f"pid {self.pid} on {self.host}, since {self.since}"


class BuildLocked(Exception):
    """Another build of this knowledge base holds the lock."""


class BuildLock:
    """One build at a time per knowledge-base root.

    ``flock`` on ``<root>/.build.lock`` is the lock: the kernel drops it when its holder dies, however it
    dies. The file also names the owner (pid, start time, host, since when) so that a second build is
    refused at once naming it, and so that a lock left behind by a build that died is recognised
    (``stale`` says whose it was; the caller reports it as a warning). The descriptor is close-on-exec
    and is closed by pool workers first thing (:func:`kb.procs.private_fd`): no child keeps the lock.
    """

    def __init__(self, root: Path) -> None:
        self.path = root / LOCK
        self.fd: int | None = None
        self.stale: str | None = None  # the previous owner's record, found behind a free lock
        self._private = contextlib.ExitStack()

    def __enter__(self) -> BuildLock:
        import fcntl

        fd = os.open(self.path, os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            text = _read_fd(fd)
            os.close(fd)
            raise BuildLocked(self._busy(Owner.parse(text))) from None
        except BaseException:
            os.close(fd)
            raise
        try:
            previous = _read_fd(fd)
            if previous.strip():
                owner = Owner.parse(previous)
                if owner is None:
                    self.stale = f"stale build lock recovered (unreadable record {previous[:80]!r})"
                else:
                    why = "now names another process" if procs.alive(owner.pid) else "is gone"
                    self.stale = f"stale build lock recovered: the build of {owner} ended without releasing it " \
                                 f"(pid {owner.pid} {why})"
            os.ftruncate(fd, 0)
            os.pwrite(fd, Owner.me().to_json().encode("utf-8") + b"\n", 0)
            os.fsync(fd)
        except BaseException:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
            raise
        self.fd = fd
        self._private.enter_context(procs.private_fd(fd))
        return self

    def _busy(self, owner: Owner | None) -> str:
        msg = "another build of this knowledge base is running"
        if owner is None:
            return f"{msg} (lock {self.path} held, owner not recorded)"
        if owner.alive():
            return f"{msg}: {owner}"
        holders = ", ".join(map(str, _holders(self.path))) or "unknown"
        return (f"{msg}: the lock {self.path} is held by leftover process(es) {holders} of a build that died "
                f"({owner}); end them and build again")

    def __exit__(self, *exc: object) -> None:
        import fcntl

        self._private.close()
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, 0)  # released cleanly: no owner to report as stale
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def read_owner(root: Path) -> Owner | None:
    """The owner recorded in ``root``'s lock file (None when free and released cleanly, or unreadable)."""
    try:
        return Owner.parse((root / LOCK).read_text("utf-8"))
    except OSError:
        return None


def _read_fd(fd: int) -> str:
    return os.pread(fd, 4096, 0).decode("utf-8", "replace")


def _holders(path: Path) -> list[int]:
    """Pids of processes with ``path`` open (Linux, processes this user may inspect)."""
    target = str(path.resolve())
    found = []
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        with contextlib.suppress(OSError):
            if any(os.readlink(fd) == target for fd in fd_dir.iterdir()):
                found.append(int(fd_dir.parent.name))
    return sorted(found)
