"""``parse_path``: read one file, pick the parser for its format, attach metadata."""

from __future__ import annotations

import os
from pathlib import Path

from .base import ParsedSource, SourceError
from .metadata import manifest_meta
from .plaintext import parse_text

TEXT, HTML, XML = "text", "html", "xml"


def parse_path(path: Path, *, root: Path | None = None) -> ParsedSource:
    """Parse one source file into its work and entries; raises SourceError if it cannot be used at all."""
    path = Path(path)
    rel = _relative(path, root)
    if not path.exists():
        raise SourceError.at(rel, "no such file")
    if not path.is_file():
        raise SourceError.at(rel, "not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError.at(rel, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise SourceError.at(rel, "empty file")
    meta = manifest_meta(path, root)
    fmt = detect_format(path, data)
    if fmt == XML:
        from .statute import parse_statute

        return parse_statute(data, path=path, rel_path=rel, meta=meta)
    if fmt == HTML:
        from .htmlpage import parse_html

        return parse_html(data, path=path, rel_path=rel, meta=meta)
    return parse_text(data, path=path, rel_path=rel, meta=meta)


def detect_format(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return HTML
    if suffix == ".xml":
        return XML
    if suffix in (".txt", ".text", ".md"):
        return TEXT
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (head.startswith(b"<?xml") and b"<dokumente" in head) or head.startswith(b"<dokumente"):
        return XML
    if head.startswith((b"<!doctype html", b"<html")):
        return HTML
    return TEXT


def _relative(path: Path, root: Path | None) -> str:
    if root is None:
        return path.as_posix()
    try:
        return Path(os.path.relpath(path.resolve(), Path(root).resolve())).as_posix()
    except ValueError:  # different drive (Windows)
        return path.as_posix()
