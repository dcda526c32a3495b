"""Sources → entries: plain text, HTML, PDF and gesetze-im-internet XML, with metadata and checks.

Public API (the contract other stages code against)::

    discover(paths) -> list[Path]
    parse_path(path, *, root=None) -> ParsedSource(work, entries, problems)
    SourceError  (.problem: kb.model.Problem)
"""

from .base import ParsedSource, SourceError
from .discovery import discover
from .dispatch import parse_path

__all__ = ["ParsedSource", "SourceError", "discover", "parse_path"]
