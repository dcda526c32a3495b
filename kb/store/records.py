"""The SQLite record store of one build: entries as JSON plus tables for exact look-ups."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from kb.model import Entry, Work

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE works (
    slug TEXT PRIMARY KEY, ord INTEGER NOT NULL, kind TEXT NOT NULL, law TEXT NOT NULL,
    paragraph TEXT, title TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE entries (
    id TEXT PRIMARY KEY, work TEXT NOT NULL, law TEXT NOT NULL, paragraph TEXT NOT NULL,
    rz TEXT, rz_sort TEXT, position INTEGER NOT NULL, json TEXT NOT NULL);
-- one row per filed key of every citation (kb.citations.keys): "sgb 2 § 6a" finds § 6a Abs. 2 Satz 1 Nr. 4
CREATE TABLE cites (target_key TEXT NOT NULL, entry_id TEXT NOT NULL, citation_index INTEGER NOT NULL);
CREATE TABLE entities (
    entity_id TEXT NOT NULL, label TEXT NOT NULL, canonical TEXT NOT NULL, abbreviation TEXT,
    text TEXT NOT NULL, entry_id TEXT NOT NULL, entity_index INTEGER NOT NULL);
CREATE TABLE obligations (
    entry_id TEXT NOT NULL, obligation_index INTEGER NOT NULL, bearer_id TEXT, modality TEXT NOT NULL);
-- surface words of the corpus for "meinten Sie …": lower-case word, its most frequent spelling, frequency
CREATE TABLE vocab (word TEXT PRIMARY KEY, form TEXT NOT NULL, freq INTEGER NOT NULL);
"""

INDEXES = """
CREATE INDEX entries_work ON entries (work, position);
CREATE INDEX entries_para ON entries (law, paragraph);
CREATE INDEX entries_rz ON entries (work, rz_sort);
CREATE INDEX cites_key ON cites (target_key);
CREATE INDEX entities_id ON entities (entity_id);
CREATE INDEX entities_label ON entities (label);
CREATE INDEX obligations_bearer ON obligations (bearer_id);
"""


class RecordWriter:
    """Writes one build's records; bulk inserts in one transaction, indexes created at the end."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        self.conn.executescript(SCHEMA)
        self._work_ord = 0

    def add_work(self, work: Work, entries: Iterable[Entry], cited: Mapping[str, Sequence[tuple[str, int]]]) -> None:
        """``cited``: each entry's filed citation keys by id (:func:`kb.citations.keys.filed_keys`)."""
        entries = list(entries)
        self.conn.execute(
            "INSERT INTO works VALUES (?,?,?,?,?,?,?)",
            (work.slug, self._work_ord, str(work.kind), work.law, work.paragraph, work.title,
             json.dumps(work.to_dict(), ensure_ascii=False)),
        )
        self._work_ord += 1
        rows, cites, ents, obls = [], [], [], []
        for e in entries:
            rows.append((e.id, e.work, e.law, e.paragraph, e.rz.label if e.rz else None,
                         e.rz.sort_string if e.rz else None, e.position, json.dumps(e.to_dict(), ensure_ascii=False)))
            cites.extend((key, e.id, ci) for key, ci in cited.get(e.id, ()))
            for ei, ent in enumerate(e.entities):
                ents.append((ent.id, str(ent.label), ent.canonical, ent.abbreviation, ent.text, e.id, ei))
            for oi, ob in enumerate(e.obligations):
                obls.append((e.id, oi, ob.bearer_id, str(ob.modality)))
        self.conn.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?)", rows)
        self.conn.executemany("INSERT INTO cites VALUES (?,?,?)", cites)
        self.conn.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?)", ents)
        self.conn.executemany("INSERT INTO obligations VALUES (?,?,?,?)", obls)

    def add_vocabulary(self, rows: Iterable[tuple[str, str, int]]) -> None:
        self.conn.executemany("INSERT INTO vocab VALUES (?,?,?)", rows)

    def set_meta(self, key: str, value: object) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (key, json.dumps(value, ensure_ascii=False)))

    def close(self) -> None:
        self.conn.executescript(INDEXES)
        self.conn.commit()
        self.conn.execute("ANALYZE")
        self.conn.close()

    def abort(self) -> None:
        self.conn.close()
