"""Text normalisation applied to every decoded source before parsing.

Line structure is preserved (one output line per input line) so that line numbers in
warnings and source locations still point into the original file.
"""

from __future__ import annotations

import re
import unicodedata

# Typographic ligatures (PDF exports) spelled out; NFKC would also do this but would turn
# footnote superscripts (¹) into digits, so the table is explicit.
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
# Spaces that should behave like a plain space (NBSP, narrow NBSP, thin/figure spaces, tab, form feed).
_SPACES = {"\x0b": " ", "\x0c": " ", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ",
           "\u2003": " ", "\t": " "}
# Invisible characters with no textual content: soft hyphen, zero-width space/joiners, stray BOMs.
_DROP = {"\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\u2060": None}
_REPLACE = {**_LIGATURES, **_SPACES, **{k: "" for k in _DROP}}
# One regex over all special characters: much faster than str.translate on large, mostly clean text.
_SPECIAL = re.compile("[" + "".join(_REPLACE) + "]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")  # form feeds (PDF page breaks) become spaces instead


def normalize_text(text: str) -> str:
    """CRLF/CR → LF, tabs and exotic spaces → space, soft hyphens dropped, ligatures spelled out, NFC."""
    text = _NEWLINES.sub("\n", text)
    text = _SPECIAL.sub(lambda m: _REPLACE[m.group()], text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)

