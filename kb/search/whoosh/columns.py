"""Per-document columns of an index part, written beside it as arrays and memory-mapped when served.

A searcher needs, for every document: its entry id (to load the hits), its facet values as small
integer codes (a facet count is one ``bincount`` over the hits) and its byte-encoded field lengths
(BM25F). Reading them from Whoosh's stored columns costs ~10 µs per document and value in Python
and keeps them as Python objects: ~1 s and ~100 MB at 100,000 entries. So ``_write_part`` writes
them once as ``.npy`` files plus a small JSON table of the distinct values, and opening a part maps
them: nothing is read until a query touches it, and the pages are shared between processes.

Files (in the part's directory): ``col-ids.npy`` (entry ids, UTF-8, fixed width), ``col-<facet>.npy``
(int32 codes, one per document; ``para`` codes (law, §) pairs), ``len-<field>.npy`` (uint8, Whoosh's
own length bytes), and ``columns.json`` (document count, code tables in first-seen order).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.reading import IndexReader

from kb.search.fields import TEXT_FIELDS

COLUMNS_META = "columns.json"
IDS = "col-ids.npy"
FACETS = ("law", "para", "work", "kind", "labels")  # "para": the (law, §) pair: § 3 SGB II is not § 3 SGB XII
VERSION = 1


def _facet_value(doc: dict[str, Any], name: str) -> Any:
    if name == "para":
        return (doc.get("law", ""), doc.get("para", ""))
    return doc.get(name, "")


def write_columns(target: Path, docs: Sequence[dict[str, Any]], reader: IndexReader) -> None:
    """The columns of ``docs`` (the part's documents, in the order indexed) and the field lengths
    Whoosh recorded for them (``reader``: the committed part)."""
    if reader.doc_count_all() != len(docs):
        raise ValueError(f"{target}: {reader.doc_count_all()} documents indexed, {len(docs)} given")
    ids = [d["id"].encode("utf-8") for d in docs]
    np.save(target / IDS, np.array(ids, dtype=f"S{max((len(i) for i in ids), default=1)}"))
    tables: dict[str, list[Any]] = {}
    for name in FACETS:
        table: dict[Any, int] = {}
        codes = np.fromiter((table.setdefault(_facet_value(d, name), len(table)) for d in docs), dtype=np.int32,
                            count=len(docs))
        np.save(target / f"col-{name}.npy", codes)
        tables[name] = list(table)
    field_lengths = {}
    for field in TEXT_FIELDS:
        np.save(target / f"len-{field}.npy", np.frombuffer(length_bytes(reader, field), dtype=np.uint8))
        field_lengths[field] = reader.field_length(field) if field in reader.schema else 0
    meta = {"version": VERSION, "doc_count": len(docs), "tables": tables, "field_length": field_lengths}
    (target / COLUMNS_META).write_text(json.dumps(meta, ensure_ascii=False), "utf-8")


def length_bytes(leaf: IndexReader, field: str) -> bytes:
    """One segment's byte-encoded field lengths, one byte per document (deleted ones included)."""
    n = leaf.doc_count_all()
    col = leaf._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN) if field in leaf.schema else None
    return bytes(col[d] for d in range(n)) if col is not None else bytes(n)


@dataclass(frozen=True)
class PartColumns:
    """One part's memory-mapped columns."""

    doc_count: int
    ids: np.ndarray  # S<n>
    codes: dict[str, np.ndarray]  # facet → int32 code per document
    tables: dict[str, list[Any]]  # facet → value per code
    lengths: dict[str, np.ndarray]  # text field → uint8 length byte per document
    field_length: dict[str, int]  # text field → total tokens

    @classmethod
    def open(cls, part: Path, doc_count: int) -> PartColumns | None:
        """The part's columns; None when absent (an index written before them), damaged or of another index."""
        try:
            meta = json.loads((part / COLUMNS_META).read_text("utf-8"))
            if meta.get("version") != VERSION or meta["doc_count"] != doc_count:
                return None
            ids = np.load(part / IDS, mmap_mode="r")
            codes = {name: np.load(part / f"col-{name}.npy", mmap_mode="r") for name in FACETS}
            lengths = {f: np.load(part / f"len-{f}.npy", mmap_mode="r") for f in TEXT_FIELDS}
            tables = {name: [tuple(v) if isinstance(v, list) else v for v in meta["tables"][name]] for name in FACETS}
            if any(len(a) != doc_count for a in (ids, *codes.values(), *lengths.values())):
                return None
            return cls(doc_count, ids, codes, tables, lengths, dict(meta["field_length"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    @classmethod
    def read(cls, reader: IndexReader) -> PartColumns:
        """The same columns read from Whoosh's stored ones, segment by segment (an index written without
        the arrays: slow). (Whoosh's MultiReader leaves out a segment where no document has a value.)"""
        leaves = [leaf for leaf, _ in reader.leaf_readers()]
        docs: list[dict[str, Any]] = [{} for _ in range(reader.doc_count_all())]
        for name in ("id", "law", "para", "work", "kind", "labels"):
            values = [v for leaf in leaves for v in leaf.column_reader(name)]
            for d, value in zip(docs, values, strict=True):
                d[name] = value
        ids = np.array([d["id"].encode("utf-8") for d in docs] or [b""][:0], dtype=np.bytes_)
        codes, tables = {}, {}
        for name in FACETS:
            table: dict[Any, int] = {}
            codes[name] = np.fromiter((table.setdefault(_facet_value(d, name), len(table)) for d in docs),
                                      dtype=np.int32, count=len(docs))
            tables[name] = list(table)
        lengths = {f: np.frombuffer(b"".join(length_bytes(leaf, f) for leaf in leaves), dtype=np.uint8)
                   for f in TEXT_FIELDS}
        field_length = {f: reader.field_length(f) if f in reader.schema else 0 for f in TEXT_FIELDS}
        return cls(len(docs), ids, codes, tables, lengths, field_length)


@dataclass(frozen=True)
class Columns:
    """The columns of all parts as one: document numbers run through the parts in order."""

    parts: tuple[PartColumns, ...]
    starts: np.ndarray  # first document number of each part (and the total at the end)
    codes: dict[str, np.ndarray]  # facet → global int32 code per document
    tables: dict[str, list[Any]]  # facet → value per global code (first-seen corpus order)
    lengths: dict[str, np.ndarray]  # text field → uint8 per document

    @classmethod
    def join(cls, parts: Sequence[PartColumns]) -> Columns:
        starts = np.cumsum([0, *(p.doc_count for p in parts)], dtype=np.int64)
        codes: dict[str, np.ndarray] = {}
        tables: dict[str, list[Any]] = {}
        for name in FACETS:
            table: dict[Any, int] = {}
            pieces = []
            for p in parts:  # each part's codes renumbered into one table: a small look-up array per part
                remap = np.array([table.setdefault(v, len(table)) for v in p.tables[name]], dtype=np.int32)
                pieces.append(remap[p.codes[name]] if len(remap) else np.zeros(p.doc_count, dtype=np.int32))
            codes[name] = np.concatenate(pieces) if len(pieces) > 1 else np.asarray(pieces[0])
            tables[name] = list(table)
        lengths = {f: (np.concatenate([p.lengths[f] for p in parts]) if len(parts) > 1 else parts[0].lengths[f])
                   for f in TEXT_FIELDS}
        return cls(tuple(parts), starts, codes, tables, lengths)

    def ids(self, docnums: Sequence[int]) -> list[str]:
        """The entry ids of ``docnums``."""
        out = []
        for d in docnums:
            i = int(np.searchsorted(self.starts, d, side="right")) - 1
            out.append(self.parts[i].ids[d - self.starts[i]].decode("utf-8"))
        return out


__all__ = ["COLUMNS_META", "Columns", "PartColumns", "length_bytes", "write_columns"]
