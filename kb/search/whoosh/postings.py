"""Posting lists as numpy arrays: decoded from Whoosh's blocks, or read as slices of flat copies for frequent terms.

Whoosh stores a posting list as pickled blocks of 128 postings, and decoding a block costs tens of
microseconds in Python: a term in half of 100,000 entries takes ~20 ms to read, and its positions
several times that. So after the index is committed, the build copies the postings of every term
found in at least ``HOT_MIN_DF`` entries into flat arrays beside the index: document numbers
(uint16 while a part has fewer than 65,536 documents, else int32), weights (the narrowest dtype that
holds every weight exactly: uint8 for term counts, float16 for small boosted counts, else float32,
which is how Whoosh stores them) and positions. The searcher reads a frequent term as one slice of
each (one ``pread``), and the pages are shared by every process
serving the same build.

A position is kept as one sortable integer, ``docnum << SHIFT | position``, so that a phrase is a
chain of sorted-array look-ups: word 2 at key + 1 of word 1, and so on.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from whoosh.reading import IndexReader

HOT_MIN_DF = 256  # two Whoosh blocks: below that, decoding is cheaper than a table entry
HOT_TABLE = "hot-postings.json"
HOT_DOCS = "hot-docs.npy"
HOT_WEIGHTS = "hot-weights.npy"
HOT_KEYS = "hot-positions.npy"
TERMS = "term-hashes.npy"  # every term of the part, as sorted stable 64-bit hashes
SHIFT = 32  # document numbers and positions below 2**31 each: a key fits an int64

Postings = tuple[np.ndarray, np.ndarray]  # sorted document numbers (int64), weights (float64)
_NO_DOCS = np.zeros(0, dtype=np.int64)


def decode(reader: IndexReader, field: str, text: str) -> Postings:
    """(docnums, weights) of one term, read block by block from Whoosh's posting files (one per segment)."""
    docs, weights, _ = _read(reader, field, text, positions=False)
    return docs, weights


def decode_positions(reader: IndexReader, field: str, text: str) -> np.ndarray:
    """Sorted ``docnum << SHIFT | position`` keys of every occurrence of one term."""
    return _read(reader, field, text, positions=True)[2]


def _read(reader: IndexReader, field: str, text: str, *, positions: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Docnums, weights and (when asked) position keys of one term, each block unpickled once."""
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    keys: list[int] = []
    decode_pos = reader.schema[field].format.decode_positions if positions else None
    for leaf, base in reader.leaf_readers():
        if (field, text) not in leaf:
            continue
        m = leaf.postings(field, text)
        while m.is_active():
            m._read_ids()
            m._read_weights()
            ids.append(np.asarray(m._ids, dtype=np.int64) + base)
            weights.append(np.asarray(m._weights, dtype=np.float64))
            if decode_pos is not None:
                m._read_values()
                for doc, value in zip(m._ids, m._values, strict=True):
                    start = (base + doc) << SHIFT
                    keys.extend(start + p for p in sorted(set(decode_pos(value))))
            m._next_block()
    if not ids:
        return _NO_DOCS, np.zeros(0), _NO_DOCS
    return np.concatenate(ids), np.concatenate(weights), np.array(keys, dtype=np.int64)


def write_hot(index_dir: Path, reader: IndexReader, fields: tuple[str, ...], min_df: int = HOT_MIN_DF) -> int:
    """Copy the postings (and positions, where the field has them) of every term in ``fields`` with
    ``min_df`` or more entries; returns the number of terms copied. The table records the document
    count it belongs to."""
    table: dict[str, list[int]] = {}
    docs: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    keys: list[np.ndarray] = []
    n_docs = n_keys = 0
    for field in fields:
        if field not in reader.schema:
            continue
        has_positions = reader.schema[field].format.supports("positions")
        for text, info in reader.iter_field(field):
            if info.doc_frequency() < min_df:
                continue
            term = text.decode("utf-8") if isinstance(text, bytes) else text
            d, w, k = _read(reader, field, term, positions=has_positions)
            docs.append(d)
            weights.append(w.astype(np.float32))
            keys.append(k)
            table[f"{field}\t{term}"] = [n_docs, n_docs + len(d), n_keys, n_keys + len(k)]
            n_docs += len(d)
            n_keys += len(k)
    doc_type = np.uint16 if reader.doc_count_all() <= np.iinfo(np.uint16).max + 1 else np.int32
    np.save(index_dir / HOT_DOCS, np.concatenate(docs).astype(doc_type) if docs else np.zeros(0, dtype=doc_type))
    np.save(index_dir / HOT_WEIGHTS, _narrowest(np.concatenate(weights)) if weights else np.zeros(0, dtype=np.uint8))
    np.save(index_dir / HOT_KEYS, np.concatenate(keys) if keys else _NO_DOCS)
    meta = {"doc_count": reader.doc_count_all(), "min_df": min_df, "terms": table}
    (index_dir / HOT_TABLE).write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    return len(table)


def _narrowest(weights: np.ndarray) -> np.ndarray:
    """``weights`` (float32) in the smallest dtype that gives every value back exactly."""
    for dtype, lo, hi in ((np.uint8, 0, 255), (np.float16, -65504, 65504)):
        if len(weights) and (weights.min() < lo or weights.max() > hi):
            continue  # out of range: the cast would overflow
        narrow = weights.astype(dtype)
        if np.array_equal(narrow.astype(np.float32), weights):
            return narrow
    return weights


class FlatArray:
    """A one-dimensional ``.npy`` file read slice by slice (``pread``), not memory-mapped: the pages a query
    reads stay in the operating system's cache, shared by every process, and do not pile up in the
    resident memory of a long-running server (a mapped page, once touched, counts there for good)."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as f:
            version = np.lib.format.read_magic(f)
            read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else \
                np.lib.format.read_array_header_2_0
            shape, _fortran, dtype = read_header(f)
            if len(shape) != 1:
                raise ValueError(f"{path}: not a flat array")
            self.offset = f.tell()
        self.dtype = np.dtype(dtype)
        self.length = shape[0]
        if self.offset + self.length * self.dtype.itemsize > path.stat().st_size:
            raise ValueError(f"{path}: shorter than its header says")
        self._fd: int | None = os.open(path, os.O_RDONLY)

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, span: slice) -> np.ndarray:
        lo, hi, _ = span.indices(self.length)
        size = self.dtype.itemsize
        if hi <= lo:
            return np.zeros(0, dtype=self.dtype)
        if self._fd is None:
            raise ValueError("the array file is closed")
        data = os.pread(self._fd, (hi - lo) * size, self.offset + lo * size)
        if len(data) != (hi - lo) * size:
            raise OSError(f"short read: {len(data)} of {(hi - lo) * size} bytes")
        return np.frombuffer(data, dtype=self.dtype)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()


@lru_cache(maxsize=8192)
def term_hash(field: str, text: str) -> int:
    """A stable 64-bit hash of one index term (the same in every process: Python's own hash is salted)."""
    digest = hashlib.blake2b(f"{field}\t{text}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def write_terms(index_dir: Path, reader: IndexReader) -> int:
    """The hashes of every term of the index, sorted: a query asks them which parts have a term at all
    before it asks Whoosh (~25 µs a look-up, per part and field) for its postings."""
    hashes = [term_hash(field, text.decode("utf-8") if isinstance(text, bytes) else text)
              for field, text in reader.all_terms()]
    array = np.sort(np.array(hashes, dtype=np.int64))
    if len(array) > 1:  # (distinct terms may share a hash: kept once)
        array = array[np.concatenate(([True], array[1:] != array[:-1]))]
    np.save(index_dir / TERMS, array)
    return len(array)


class TermFilter:
    """Which terms one part has (by hash; a different term with the same hash costs one needless look-up)."""

    def __init__(self, hashes: np.ndarray) -> None:
        self.hashes = hashes

    @classmethod
    def open(cls, index_dir: Path) -> TermFilter | None:
        try:
            hashes = np.load(index_dir / TERMS)
        except (OSError, ValueError):
            return None
        return cls(hashes) if hashes.ndim == 1 and hashes.dtype == np.int64 else None

    def __contains__(self, key: int) -> bool:
        h = self.hashes
        i = int(h.searchsorted(key))
        return i < len(h) and int(h[i]) == key


@dataclass(frozen=True)
class HotPostings:
    """The copies of the frequent terms' postings of one index, read slice by slice."""

    table: dict[str, list[int]]
    docs: FlatArray
    weights: FlatArray
    keys: FlatArray

    @classmethod
    def open(cls, index_dir: Path, doc_count: int) -> HotPostings | None:
        """The copies, or None when there are none or they belong to another index."""
        try:
            meta = json.loads((index_dir / HOT_TABLE).read_text("utf-8"))
            if meta["doc_count"] != doc_count:
                return None
            docs = FlatArray(index_dir / HOT_DOCS)
            weights = FlatArray(index_dir / HOT_WEIGHTS)
            keys = FlatArray(index_dir / HOT_KEYS)
            if len(docs) != len(weights):
                return None
            return cls(dict(meta["terms"]), docs, weights, keys)
        except (OSError, ValueError, KeyError, TypeError):  # absent or damaged: decode from Whoosh instead
            return None

    def get(self, field: str, text: str) -> Postings | None:
        span = self.table.get(f"{field}\t{text}")
        if span is None:
            return None
        lo, hi = span[0], span[1]
        return self.docs[lo:hi].astype(np.int64), self.weights[lo:hi].astype(np.float64)

    def positions(self, field: str, text: str) -> np.ndarray | None:
        span = self.table.get(f"{field}\t{text}")
        return None if span is None else self.keys[span[2]:span[3]]

    def close(self) -> None:
        for flat in (self.docs, self.weights, self.keys):
            flat.close()
