"""Expanding the paths a user names into source files, including manifest ``[[include]]`` entries."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from kb.model import Problem

from .base import SourceError, warning
from .formats import SOURCE_SUFFIXES
from .metadata import MANIFEST_NAME, load_manifest

log = logging.getLogger(__name__)

_NOT_SOURCES = ("readme", "license", "licence", "notice", "changelog")


def discover(paths: Sequence[Path], *, problems: list[Problem] | None = None) -> list[Path]:
    """Source files named by ``paths``, in a stable order, without duplicates.

    Directories are walked recursively (hidden entries, manifests, READMEs and files whose suffix
    no row of ``formats.FORMATS`` claims skipped, the latter reported in ``problems``); a directory's
    ``manifest.toml`` may add ``[[include]]`` paths from elsewhere. Files named explicitly are taken
    whatever their suffix. A missing path raises SourceError; a missing *optional* include is
    reported in ``problems`` (and logged) instead.
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for given in paths:
        path = Path(given)
        if not path.exists():
            raise SourceError.at(str(path), "no such file or directory")
        if path.is_file():
            add(path)
            continue
        for folder, files in _walk(path):
            manifest = folder / MANIFEST_NAME
            for file in files:
                if _is_source(file):
                    add(file)
                elif problems is not None and file.name != MANIFEST_NAME and not _is_doc(file):
                    problems.append(warning(str(file), f"skipped: {file.suffix or 'no suffix'} is not a source "
                                                       f"type ({', '.join(sorted(SOURCE_SUFFIXES))})"))
            if manifest.is_file():
                described = load_manifest(manifest)
                if problems is not None:
                    for name in described.works:
                        if not (folder / name).is_file():
                            problems.append(warning(str(manifest), f"[[work]] file {name!r} does not exist "
                                                                   "(typo? its metadata applies to nothing)"))
                for include in described.includes:
                    if include.path.is_file():
                        add(include.path)
                    elif include.path.is_dir():
                        for sub in discover([include.path], problems=problems):
                            add(sub)
                    elif include.optional:
                        message = f"optional include {include.declared!r} is absent ({include.path}); skipped"
                        log.warning("%s: %s", manifest, message)
                        if problems is not None:
                            problems.append(warning(str(manifest), message))
                    else:
                        raise SourceError.at(str(manifest), f"include {include.declared!r} not found: {include.path}")
    return found


def _walk(root: Path) -> list[tuple[Path, list[Path]]]:
    out: list[tuple[Path, list[Path]]] = []
    stack = [root]
    visited: set[Path] = set()  # symlinked folders must not loop
    while stack:
        folder = stack.pop()
        if folder.resolve() in visited:
            continue
        visited.add(folder.resolve())
        children = sorted(p for p in folder.iterdir() if not p.name.startswith((".", "_")))
        out.append((folder, [p for p in children if p.is_file()]))
        stack.extend(reversed([p for p in children if p.is_dir()]))
    return out


def _is_doc(path: Path) -> bool:
    # "~$Bericht.docx": the lock file Word keeps beside a document while it is open
    return path.stem.lower().startswith(_NOT_SOURCES) or path.name.startswith("~$")


def _is_source(path: Path) -> bool:
    return path.suffix.lower() in SOURCE_SUFFIXES and not _is_doc(path) and path.name != MANIFEST_NAME
