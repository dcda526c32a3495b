"""``parse_path``: read one file and hand it, with its manifest metadata, to its format's parser (formats.py)."""

from __future__ import annotations

import os
from pathlib import Path

from kb.limits import MAX_SOURCE_BYTES

from .base import ParsedSource, SourceError
from .formats import format_for
from .metadata import manifest_meta


def parse_path(path: Path, *, root: Path | None = None) -> ParsedSource:
    """Parse one source file into its work and entries; raises SourceError if it cannot be used at all."""
    path = Path(path)
    rel = _relative(path, root)
    if not path.exists():
        raise SourceError.at(rel, "no such file")
    if not path.is_file():
        raise SourceError.at(rel, "not a file")
    limit = max_source_bytes()
    size = path.stat().st_size
    if size > limit:  # refused before reading: one file must not take the build's memory and hours of NLP
        raise SourceError.at(rel, f"file too large: {size:,} bytes, at most {limit:,} bytes per source "
                                  f"(set {MAX_SOURCE_ENV} to raise the limit)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError.at(rel, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise SourceError.at(rel, "empty file")
    meta = manifest_meta(path, root)
    return format_for(path, data).parse(data, path=path, rel_path=rel, meta=meta)


MAX_SOURCE_ENV = "RANDNUMMER_MAX_SOURCE_MB"


def max_source_bytes() -> int:
    """:data:`MAX_SOURCE_BYTES`, or ``$RANDNUMMER_MAX_SOURCE_MB`` megabytes when that is a positive number."""
    value = os.environ.get(MAX_SOURCE_ENV, "").strip()
    try:
        mb = float(value)
    except ValueError:
        return MAX_SOURCE_BYTES
    return int(mb * 1_000_000) if mb > 0 else MAX_SOURCE_BYTES


def _relative(path: Path, root: Path | None) -> str:
    if root is None:
        return path.as_posix()
    try:
        return Path(os.path.relpath(path.resolve(), Path(root).resolve())).as_posix()
    except ValueError:  # different drive (Windows)
        return path.as_posix()
