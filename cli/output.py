"""What the commands print and read: JSON on stdout, terminal snippets, UTF-8 input files."""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path
from typing import Any

FOUND, NOT_FOUND, BAD_INPUT, INTERNAL = 0, 1, 2, 3  # the documented exit codes (README, "Command line")


class CliError(Exception):
    """A failure to report on one stderr line, with its exit code."""

    def __init__(self, message: str, code: int = BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


def emit(data: Any) -> None:
    """JSON on stdout: UTF-8, indented, keys in their documented order."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def read_text(name: str) -> str:
    """The text of FILE (or stdin for "-"), strictly UTF-8 so a wrong encoding is reported, not garbled."""
    if name == "-":
        data = sys.stdin.buffer.read()
        where = "<stdin>"
    else:
        path = Path(name)
        if not path.is_file():
            raise CliError(f"{name}: no such file")
        data = path.read_bytes()
        where = name
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CliError(f"{where}:{line}: not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
                       "convert it, e.g. iconv -f latin1 -t utf-8") from None


_POSITIONAL = frozenset({"query", "citation", "target", "file", "sources"})
_PATHS = frozenset({"kb", "file", "sources", "access_log"})  # a file name need not be UTF-8 on Linux


def check_text_arguments(args: Any) -> None:
    """Every text argument (a query, a citation, ``--law`` …) is valid UTF-8: the shell hands bytes over, and
    Python keeps undecodable ones as lone surrogates (``kb search $'\\xff'``), which no search can mean. A
    :class:`CliError` names the argument and the byte; file names are left alone."""
    for dest, value in vars(args).items():
        if dest in _PATHS:
            continue
        for text in value if isinstance(value, list) else [value]:
            if not isinstance(text, str):
                continue
            bad = next((i for i, ch in enumerate(text) if "\udc80" <= ch <= "\udcff"), None)
            if bad is not None:
                name = dest.upper() if dest in _POSITIONAL else "--" + dest.replace("_", "-")
                raise CliError(f"{name}: not UTF-8 (byte 0x{ord(text[bad]) - 0xDC00:02x} at character {bad + 1})")


def plain_snippet(snippet_html: str) -> str:
    """Snippet HTML for a terminal: <mark> shown as [[…]], other tags dropped, entities unescaped."""
    text = snippet_html.replace("<mark>", "[[").replace("</mark>", "]]")
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(html.unescape(text).split())


__all__ = ["BAD_INPUT", "FOUND", "INTERNAL", "NOT_FOUND", "CliError", "check_text_arguments", "emit", "plain_snippet",
           "read_text"]
