"""Writing the Whoosh index of a knowledge-base build."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from whoosh import index as windex

from kb.model import Entry, Work
from kb.search.postings import HOT_MIN_DF, write_hot
from kb.search.schema import TEXT_FIELDS, build_schema, document

INDEX_NAME = "entries"


def write_index(directory: Path, items: Iterable[tuple[Entry, Work | None]], *, procs: int = 1,
                analyzer: str = "german", limitmb: int = 256, hot_min_df: int = HOT_MIN_DF) -> int:
    """Index every entry into a new Whoosh index in ``directory``; returns the number of documents.

    The index is committed as one merged segment: a fresh build never appends, and one segment
    keeps every query to a single posting list per term. The frequent terms' postings and positions
    are then copied into flat arrays (:mod:`kb.search.postings`).
    """
    directory.mkdir(parents=True, exist_ok=True)
    ix = windex.create_in(str(directory), build_schema(analyzer), indexname=INDEX_NAME)
    kwargs: dict[str, object] = {"limitmb": limitmb}
    if procs > 1:
        kwargs.update(procs=procs, multisegment=False)
    writer = ix.writer(**kwargs)
    n = 0
    try:
        for entry, work in items:
            writer.add_document(**document(entry, work))
            n += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit(optimize=True)
    with ix.reader() as reader:
        write_hot(directory, reader, TEXT_FIELDS, hot_min_df)
    ix.close()
    return n


def open_index(directory: Path) -> windex.Index:
    return windex.open_dir(str(directory), indexname=INDEX_NAME)
