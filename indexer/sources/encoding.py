"""Byte decoding with explicit detection: UTF-8 (± BOM), UTF-16 (BOM), cp1252, latin-1.

Nothing is guessed silently: every fallback away from UTF-8 yields a warning, and the
encoding actually used is recorded on the work (``Work.encoding``).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from kb.model import Problem

from .base import SourceError, warning

# Bytes that cp1252 leaves undefined; if present, the text is not cp1252.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_C1 = frozenset(range(0x80, 0xA0))


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # name recorded on the work: "utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"
    problems: tuple[Problem, ...] = ()


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB (and no UTF-16 BOM)."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def decode(data: bytes, path: str, declared: str | None = None) -> Decoded:
    """Decode ``data``; ``declared`` (manifest, HTML meta, XML declaration) is tried first and must work."""
    if looks_binary(data):
        raise SourceError.at(path, "binary file (contains NUL or control bytes), not a text source")
    if declared:
        name = _canonical(declared, path)
        try:
            text = data.decode(name)
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise SourceError.at(path, f"declared encoding {declared!r} does not fit byte 0x{data[exc.start]:02x}",
                                 line) from None
        if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig")
        return Decoded(text.lstrip("\ufeff"), name)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise SourceError.at(path, "starts with a UTF-8 byte-order mark but is not valid UTF-8", line) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise SourceError.at(path, "starts with a UTF-16 byte-order mark but is not valid UTF-16") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1
    else:
        return Decoded(text, "utf-8", _mojibake(text, path))
    high = {b for b in data if b >= 0x80}
    if high & _C1 and not high & _CP1252_UNDEFINED:
        name = "cp1252"
        why = "bytes 0x80–0x9F present, read as Windows-1252 characters („ “ – € …)"
    else:
        name = "latin-1"
        why = "no Windows-1252-specific bytes" if not high & _C1 else "bytes undefined in Windows-1252 present"
    problem = warning(path, f"not valid UTF-8 (first bad byte on line {bad_line}); decoded as {name}: {why}. "
                            "Declare `encoding` in the manifest to silence this.", bad_line)
    return Decoded(data.decode(name), name, (problem,))


# "Ã¤" / "â€ž": UTF-8 that was once read as Windows-1252 and saved again. Reported, never "repaired".
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|â€[\u0080-\u00bf\u2018-\u201e\u2020-\u2122]")


def _mojibake(text: str, path: str) -> tuple[Problem, ...]:
    m = _MOJIBAKE.search(text)
    if m is None:
        return ()
    line = text.count("\n", 0, m.start()) + 1
    return (warning(path, f"text looks double-encoded ({m.group()!r}: UTF-8 once read as Windows-1252); "
                          "kept as it is — re-export the source", line),)


def _canonical(name: str, path: str) -> str:
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise SourceError.at(path, f"unknown encoding {name!r} declared") from None
    return {"utf-8": "utf-8", "cp1252": "cp1252", "iso8859-1": "latin-1", "latin-1": "latin-1"}.get(
        info.name, info.name)
