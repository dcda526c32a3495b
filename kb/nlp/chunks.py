"""Long texts in bounded pieces: spaCy never sees more than :data:`CHUNK_CHARS` characters at once.

A piece ends at a paragraph break (a blank line) in its second half where there is one, else at a line
break, a sentence end, a space, or — in a text with none of these — at the size itself. Paragraph breaks
also end sentences in the pipeline (:class:`~kb.nlp.components.LegalSentencizer`), so where every cut falls at
one, the pieces give the same entities and obligations as the whole text would; memory per doc is bounded by
the piece size, not the text's.
"""

from __future__ import annotations

CHUNK_CHARS = 100_000  # characters per spaCy doc; the one definition, used by enrich and analyze

_SEPARATORS = ("\n\n", "\n", ". ", " ")  # preferred cut points, best first


def chunks(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """``(offset, piece)`` pairs covering ``text`` in order, each piece at most ``size`` characters
    (default :data:`CHUNK_CHARS`); ``text[offset:offset + len(piece)] == piece``."""
    size = size or CHUNK_CHARS
    out: list[tuple[int, str]] = []
    start, n = 0, len(text)
    while n - start > size:
        cut = _cut(text, start, start + size)
        out.append((start, text[start:cut]))
        start = cut
    out.append((start, text[start:]))
    return out


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece starting at ``start`` ends (``start < cut <= limit``): after the last preferred
    separator in the piece's second half, the whitespace after it going with the piece."""
    half = start + (limit - start) // 2
    for sep in _SEPARATORS:
        at = text.rfind(sep, half, limit)
        if at >= 0:
            cut = at + len(sep)
            while cut < limit and text[cut].isspace():
                cut += 1
            return cut
    return limit


__all__ = ["CHUNK_CHARS", "chunks"]
