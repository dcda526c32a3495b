"""The source formats, as one table: which files are sources, and which parser reads each.

:data:`FORMATS` lists one :class:`SourceFormat` per format, in priority order. A file belongs to
the row that claims its suffix; a file whose suffix no row claims (named explicitly rather than
found by a folder walk, which only takes known suffixes) belongs to the first row whose ``sniff``
accepts its head. :func:`~.discovery.discover` and :func:`~.dispatch.parse_path` ask nothing else,
so adding a format (DOCX …) means one row here and its parser module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .base import ParsedSource
from .metadata import WorkMeta
from .plaintext import parse_text

_HEAD = 2048  # bytes a sniff sees: room for an XML declaration, a DOCTYPE and a comment before the root
_LEADING = b"\xef\xbb\xbf \t\r\n"  # UTF-8 BOM and whitespace, stripped before sniffing


class Parser(Protocol):
    """A format's parser: one file's bytes → its work and entries; raises SourceError if the file is unusable."""

    def __call__(self, data: bytes, *, path: Path, rel_path: str, meta: WorkMeta) -> ParsedSource: ...


@dataclass(frozen=True, slots=True)
class SourceFormat:
    """One row of the table.

    ``suffixes`` are lower case with their dot (``".xml"``); ``sniff`` gets the head of a file of
    unknown suffix (its first bytes, BOM and leading whitespace stripped, lower-cased) and says
    whether the file is of this format; ``parse`` reads the file. Where rows share a suffix (court
    decision XML and statute XML are both ``.xml``), ``claims`` tells them apart by the whole file:
    the first row that claims it wins, a row without ``claims`` takes any file of its suffixes.
    """

    name: str
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    parse: Parser
    claims: Callable[[bytes], bool] | None = None


# The parsers other than plain text are imported on their first file: a run without such files never loads them.


def _parse_statute(data: bytes, *, path: Path, rel_path: str, meta: WorkMeta) -> ParsedSource:
    from .statute import parse_statute

    return parse_statute(data, path=path, rel_path=rel_path, meta=meta)


def _parse_html(data: bytes, *, path: Path, rel_path: str, meta: WorkMeta) -> ParsedSource:
    from .htmlpage import parse_html

    return parse_html(data, path=path, rel_path=rel_path, meta=meta)


def _parse_docx(data: bytes, *, path: Path, rel_path: str, meta: WorkMeta) -> ParsedSource:
    from .word import parse_docx

    return parse_docx(data, path=path, rel_path=rel_path, meta=meta)


def _parse_rii(data: bytes, *, path: Path, rel_path: str, meta: WorkMeta) -> ParsedSource:
    from .riixml import parse_rii

    return parse_rii(data, path=path, rel_path=rel_path, meta=meta)


def _parse_decision_page(data: bytes, *, path: Path, rel_path: str, meta: WorkMeta) -> ParsedSource:
    from .decisionpage import parse_decision_page

    return parse_decision_page(data, path=path, rel_path=rel_path, meta=meta)


def _is_rii_xml(data: bytes) -> bool:
    head = data[:_HEAD].lower()
    return b"rii-dok" in head or re.search(rb"<dokument[\s>]", head) is not None


def _is_decision_page(data: bytes) -> bool:
    from .decisionpage import looks_like_decision_page

    return looks_like_decision_page(data)


def _parse_pdf(data: bytes, *, path: Path, rel_path: str, meta: WorkMeta) -> ParsedSource:
    from .pdf import parse_pdf

    return parse_pdf(data, path=path, rel_path=rel_path, meta=meta)


def _is_gii_xml(head: bytes) -> bool:
    return (head.startswith(b"<?xml") and b"<dokumente" in head) or head.startswith(b"<dokumente")


def _is_html(head: bytes) -> bool:
    return head.startswith((b"<!doctype html", b"<html"))


def _is_docx(head: bytes) -> bool:
    return head.startswith(b"pk\x03\x04") and b"word/" in head  # a ZIP whose first entries are Word's


def _is_pdf(head: bytes) -> bool:
    return head.startswith(b"%pdf-")


def _any(head: bytes) -> bool:
    return True  # plain text takes whatever no row before it claims (binary files fail in its decoder)


FORMATS: tuple[SourceFormat, ...] = (
    SourceFormat("rii-xml", (".xml",), _is_rii_xml, _parse_rii, claims=_is_rii_xml),  # court decisions
    SourceFormat("gii-xml", (".xml",), _is_gii_xml, _parse_statute),
    SourceFormat("decision-html", (".html", ".htm", ".xhtml"), _is_html, _parse_decision_page,
                 claims=_is_decision_page),
    SourceFormat("html", (".html", ".htm", ".xhtml"), _is_html, _parse_html),
    SourceFormat("docx", (".docx", ".doc"), _is_docx, _parse_docx),  # .doc: to say "save as .docx"


    SourceFormat("pdf", (".pdf",), _is_pdf, _parse_pdf),
    SourceFormat("text", (".txt", ".text", ".md"), _any, parse_text),  # last: its sniff accepts anything
)

SOURCE_SUFFIXES = frozenset(suffix for fmt in FORMATS for suffix in fmt.suffixes)


def format_for(path: Path, data: bytes, *, formats: Sequence[SourceFormat] = FORMATS) -> SourceFormat:
    """The row of ``formats`` for the file at ``path`` holding ``data``.

    The candidates are the rows claiming the (case-insensitive) suffix, or, when none does, the rows
    whose sniff accepts the head; of those, in table order, the first whose ``claims`` takes the file
    (a row without ``claims`` takes any), else the last. Raises LookupError if there is no candidate,
    which cannot happen for a table ending in a catch-all row such as :data:`FORMATS`'s plain text.
    """
    suffix = path.suffix.lower()
    candidates = [fmt for fmt in formats if suffix in fmt.suffixes]
    if not candidates:
        head = data[:_HEAD].lstrip(_LEADING).lower()
        candidates = [fmt for fmt in formats if fmt.sniff(head)]
    for fmt in candidates:
        if fmt.claims is None or fmt.claims(data):
            return fmt
    if candidates:
        return candidates[-1]
    raise LookupError(f"{path}: no source format claims suffix {suffix!r} or accepts the content")
