"""The SQLite records file: entries stored compressed decode to the same entries, and a carried copy
of the previous build's file with a changed work written again (how an incremental build reuses it)
reads the same as a file written from scratch."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from indexer.build import WorkResult
from kb.citations.keys import filed_keys, numbered_entries
from kb.store.sqlite import ZDICT_KEY, SqliteRecords, SqliteWriter
from tests.search.model_corpus import works


def _write(path: Path, results: Sequence[WorkResult], *, cited_from: Sequence[WorkResult] | None = None) -> None:
    every = [e for r in (cited_from or results) for e in r.entries]
    numbered = numbered_entries(every)
    cited = {e.id: filed_keys(e, numbered) for e in every}
    writer = SqliteWriter(path)
    for r in results:
        writer.add_work(r.work, r.entries, cited)
    writer.add_vocabulary([("träger", "Träger", 3), ("jobcenter", "Jobcenter", 1)])
    writer.close()


def _everything(records: SqliteRecords, results: Sequence[WorkResult]) -> dict[str, object]:
    """What the read API answers, as comparable values."""
    entries = [e for r in results for e in r.entries]
    keys = sorted({key for e in entries for key, _ in filed_keys(e, numbered_entries(entries))})
    return {
        "works": [w.to_dict() for w in records.works()],
        "entries": {r.work.slug: [e.to_dict() for e in records.entries(r.work.slug)] for r in results},
        "citing": {k: [(e.id, i) for e, i in records.citing(k)] for k in keys},
        "entities": [s.to_dict() for s in records.entity_summaries()],
        "mentions": {s.id: [(e.id, i) for e, i in records.entity_mentions(s.id)]
                     for s in records.entity_summaries()},
        "obligations": [(e.id, i) for e, i in records.obligations()],
        "vocabulary": sorted(records.vocabulary()),
    }


def test_entries_are_stored_compressed_and_decode_to_the_same_entries(tmp_path: Path) -> None:
    results = works()
    path = tmp_path / "records.sqlite"
    _write(path, results)
    with sqlite3.connect(path) as conn:
        (zdict,) = conn.execute("SELECT value FROM meta WHERE key = ?", (ZDICT_KEY,)).fetchone()
        stored = dict(conn.execute("SELECT id, length(data) FROM entries").fetchall())
    assert zdict  # made from the build's own entries
    records = SqliteRecords(path)
    try:
        for r in results:
            for e in r.entries:
                assert records.entry(e.id) == e
                plain = len(json.dumps(e.to_dict(), ensure_ascii=False).encode("utf-8"))
                assert stored[e.id] < plain
    finally:
        records.close()


def test_a_carried_copy_with_a_work_changed_reads_like_a_fresh_file(tmp_path: Path) -> None:
    results = works()
    changed = results[1]
    edited = replace(changed, entries=tuple(replace(e, text=e.text + " Geändert.") for e in changed.entries))
    now = [edited if r is changed else r for r in results]
    fresh = tmp_path / "fresh.sqlite"
    _write(fresh, now)
    _write(tmp_path / "old.sqlite", results)

    writer = SqliteWriter(tmp_path / "new.sqlite")
    keep = [r.work.slug for r in now if r is not edited]
    assert set(writer.carry(tmp_path / "old.sqlite", [*keep, "no-such-work"])) == set(keep)
    every = [e for r in now for e in r.entries]
    cited = {e.id: filed_keys(e, numbered_entries(every)) for e in every}
    for r in now:  # every work, in order: a carried one is only placed
        writer.add_work(r.work, r.entries, cited)
    writer.add_vocabulary([("träger", "Träger", 3), ("jobcenter", "Jobcenter", 1)])
    writer.close()

    a, b = SqliteRecords(fresh), SqliteRecords(tmp_path / "new.sqlite")
    try:
        assert _everything(b, now) == _everything(a, now)
        assert all(e.text.endswith(" Geändert.") for e in b.entries(changed.work.slug))
    finally:
        a.close()
        b.close()


def test_a_dropped_work_leaves_none_of_its_rows_and_another_format_is_not_carried(tmp_path: Path) -> None:
    results = works()
    _write(tmp_path / "old.sqlite", results)
    gone = results[0].work.slug
    writer = SqliteWriter(tmp_path / "new.sqlite")
    writer.carry(tmp_path / "old.sqlite", [r.work.slug for r in results[1:]])
    writer.close()
    with sqlite3.connect(tmp_path / "new.sqlite") as conn:
        for table in ("cites", "entities", "obligations"):
            left = conn.execute(f"SELECT count(*) FROM {table} WHERE entry_id LIKE ?", (f"{gone}/%",)).fetchone()
            assert left == (0,), table
        assert conn.execute("SELECT count(*) FROM entries WHERE work = ?", (gone,)).fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] > 0

    with sqlite3.connect(tmp_path / "older.sqlite") as conn:  # format 6: entries as plain JSON, no dictionary
        conn.execute("CREATE TABLE works (slug TEXT PRIMARY KEY, ord INTEGER NOT NULL, json TEXT NOT NULL)")
    writer = SqliteWriter(tmp_path / "again.sqlite")
    assert not writer.carry(tmp_path / "older.sqlite", [r.work.slug for r in results])
    for r in results:
        writer.add_work(r.work, r.entries, {})
    writer.close()
    records = SqliteRecords(tmp_path / "again.sqlite")
    try:
        assert [w.slug for w in records.works()] == [r.work.slug for r in results]
    finally:
        records.close()
