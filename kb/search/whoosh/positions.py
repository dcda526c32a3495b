"""Word positions in a posting as raw bytes instead of Whoosh's pickled lists.

Whoosh's ``Positions`` format stores each posting's positions as a 4-byte count plus a pickled list
of deltas (~12 bytes for one position), and positions are most of an index: every occurrence of
every word. Here a posting is one tag byte and its deltas as bytes (``0``: each delta below 256,
nearly all of them), as 2-byte (``2``) or as 4-byte (``1``) little-endian integers; the count
follows from the length. The
index is smaller and decoding is a C-level running sum instead of an unpickle. Whoosh's matchers,
its phrase query and :mod:`kb.search.whoosh.postings` read positions through the field's format,
so they read these as they read their own.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from itertools import accumulate

from whoosh.formats import Positions

_SMALL, _WIDE, _MEDIUM = 0, 1, 2
_FORMS = {_WIDE: ("I", 4), _MEDIUM: ("H", 2)}  # tag: struct code, bytes per delta


class CompactPositions(Positions):
    """Whoosh's ``Positions`` (frequency, weight = frequency × field boost, positions) in fewer bytes."""

    def encode(self, poslist: Sequence[int]) -> bytes:
        deltas = [b - a for a, b in zip((0, *poslist), poslist, strict=False)]
        top = max(deltas)
        if top < 256:
            return bytes((_SMALL, *deltas))
        tag = _MEDIUM if top < 65536 else _WIDE
        return bytes((tag,)) + struct.pack(f"<{len(deltas)}{_FORMS[tag][0]}", *deltas)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        tag = valuestring[0]
        if tag == _SMALL:
            return list(accumulate(valuestring[1:]))
        code, size = _FORMS[tag]
        return list(accumulate(struct.unpack(f"<{(len(valuestring) - 1) // size}{code}", valuestring[1:])))

    def decode_frequency(self, valuestring: bytes) -> int:
        tag = valuestring[0]
        return len(valuestring) - 1 if tag == _SMALL else (len(valuestring) - 1) // _FORMS[tag][1]

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost

    def combine(self, vs: Iterable[bytes]) -> bytes:
        s: set[int] = set()
        for v in vs:
            s.update(self.decode_positions(v))
        return self.encode(sorted(s))


__all__ = ["CompactPositions"]
