"""The knowledge-base directory: builds side by side, one ``current`` pointer switched atomically.

    <root>/
      current -> builds/20261125T162700.123456789-1234   (relative symlink, replaced with os.replace)
      builds/20261125T162700.123456789-1234/
        records.sqlite                           (the records backend's; default SQLite: entries + look-up tables)
        index/                                   (the search backend's; default Whoosh)
        build.json                               (format, backends, when, from what, counts, problems; written last)
      .build.lock                                (one build at a time)
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

CURRENT = "current"
BUILDS = "builds"
RECORDS = "records.sqlite"
INDEX = "index"
MANIFEST = "build.json"
# The layout's version, recorded in build.json: a build in another format is refused with a message
# to rebuild (2: frequent terms' postings and positions kept as arrays; 3: the index written in parts;
# 4: PyStemmer's Snowball German stemmer, the Whoosh analyzer in kb.search.whoosh.analyzer, every
# filed citation key in the records, build.json naming its records and search backends; 5: the kind of
# work as a facet column; 6: no NORM entities — cited norms are citations only).
FORMAT = 6
KEEP_BUILDS = 2  # the current build and the one before: a server that has not refreshed yet keeps reading


def default_root() -> Path:
    """``$RANDNUMMER_KB``, else ``./var/kb`` relative to the working directory."""
    env = os.environ.get("RANDNUMMER_KB")
    return Path(env) if env else Path.cwd() / "var" / "kb"


def current_build(root: Path) -> Path | None:
    """The build directory ``current`` points at, or None when there is none (yet) or it is incomplete
    (``build.json``, written last, is missing)."""
    link = root / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    path = (root / target) if not os.path.isabs(target) else Path(target)
    return path if (path / MANIFEST).exists() else None


def new_build_dir(root: Path) -> Path:
    # Names sort in creation order (prune relies on it): UTC second, then nanoseconds, then the pid.
    ns = time.time_ns()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(ns // 1_000_000_000))
    path = root / BUILDS / f"{stamp}.{ns % 1_000_000_000:09d}-{os.getpid()}"
    path.mkdir(parents=True)
    return path


def switch(root: Path, build: Path) -> None:
    """Point ``current`` at ``build`` atomically: readers see the old build or the new, never neither."""
    tmp = root / f".{CURRENT}.{os.getpid()}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(build, root), tmp)
    os.replace(tmp, root / CURRENT)


def prune(root: Path, keep: int = KEEP_BUILDS) -> list[Path]:
    """Remove all but the newest ``keep`` complete builds (never the current one); returns what went."""
    builds_dir = root / BUILDS
    if not builds_dir.is_dir():
        return []
    current = current_build(root)
    builds = sorted((p for p in builds_dir.iterdir() if p.is_dir()), key=lambda p: p.name, reverse=True)
    removed = []
    for path in builds[keep:]:
        if current is not None and path.resolve() == current.resolve():
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed
