"""The SQLite records backend: one file per build, entries as compressed JSON plus tables for exact look-ups.

The schema and every query that reads it live here, side by side. The file is written once by
:class:`SqliteWriter` (bulk inserts in one transaction, indexes at the end; or a copy of the previous
build's file with the rows of changed works taken out) and then only read, by one connection shared
between threads under a lock.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
import zlib
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from kb.model import Entry, RzNumber, Work
from kb.store.records import Cited, EntitySummary

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE works (
    slug TEXT PRIMARY KEY, ord INTEGER NOT NULL, kind TEXT NOT NULL, law TEXT NOT NULL,
    paragraph TEXT, title TEXT NOT NULL, json TEXT NOT NULL);
-- data: the entry's compact JSON, zlib-compressed with the preset dictionary meta.zdict (see EntryCodec)
CREATE TABLE entries (
    id TEXT PRIMARY KEY, work TEXT NOT NULL, paragraph TEXT NOT NULL, rz_sort TEXT, position INTEGER NOT NULL,
    data BLOB NOT NULL);
-- one row per filed key of every citation (kb.citations.keys): "sgb 2 § 6a" finds § 6a Abs. 2 Satz 1 Nr. 4.
-- Keyed by all its columns (WITHOUT ROWID): the key is the look-up index, stored once. (Entities and
-- obligations have a second index, which would repeat such a key: rowid tables are smaller there.)
CREATE TABLE cites (target_key TEXT NOT NULL, entry_id TEXT NOT NULL, citation_index INTEGER NOT NULL,
    PRIMARY KEY (target_key, entry_id, citation_index)) WITHOUT ROWID;
CREATE TABLE entities (
    entity_id TEXT NOT NULL, label TEXT NOT NULL, canonical TEXT NOT NULL, abbreviation TEXT,
    text TEXT NOT NULL, entry_id TEXT NOT NULL, entity_index INTEGER NOT NULL);
CREATE TABLE obligations (
    entry_id TEXT NOT NULL, obligation_index INTEGER NOT NULL, bearer_id TEXT, modality TEXT NOT NULL);
-- surface words of the corpus for "meinten Sie …": lower-case word, its most frequent spelling, frequency
CREATE TABLE vocab (word TEXT PRIMARY KEY, form TEXT NOT NULL, freq INTEGER NOT NULL) WITHOUT ROWID;
"""

# Made after the bulk load (and kept when a later build appends to a copy of this file).
INDEXES = """
CREATE INDEX IF NOT EXISTS entries_work ON entries (work, position);
CREATE INDEX IF NOT EXISTS entries_para ON entries (work, paragraph);
CREATE INDEX IF NOT EXISTS entries_rz ON entries (work, rz_sort);
CREATE INDEX IF NOT EXISTS entities_id ON entities (entity_id);
CREATE INDEX IF NOT EXISTS entities_label ON entities (label);
CREATE INDEX IF NOT EXISTS obligations_bearer ON obligations (bearer_id);
"""

ZDICT_KEY = "zdict"
ZDICT_BYTES = 16_384  # zlib's window is 32 KB; 16 KB of sample entries gives most of the gain (measured)
ZDICT_SAMPLE_ENTRIES = 64  # entries buffered before the dictionary is made from them
ZLIB_LEVEL = 6  # 9 is no smaller here and takes twice as long to write


class EntryCodec:
    """Entries as stored: compact JSON compressed with a preset dictionary of sample entries.

    An entry's JSON is ~2.5 KB (text, blocks, citations, entities, obligations with their sentences)
    and mostly the same keys and phrases as its neighbours': zlib alone makes it ~2.7x smaller, a
    dictionary of sample entries ~4.5x, for ~5 µs more per decode (the ``Entry`` itself costs ~100 µs).
    """

    def __init__(self, zdict: bytes) -> None:
        self.zdict = zdict

    @classmethod
    def sample(cls, encoded: Sequence[bytes]) -> EntryCodec:
        """A codec whose dictionary is the last :data:`ZDICT_BYTES` of ``encoded`` (entries' JSON)."""
        return cls(b"".join(encoded)[-ZDICT_BYTES:])

    @staticmethod
    def encode_json(entry: Entry) -> bytes:
        return json.dumps(entry.to_dict(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def compress(self, data: bytes) -> bytes:
        c = zlib.compressobj(ZLIB_LEVEL, zdict=self.zdict) if self.zdict else zlib.compressobj(ZLIB_LEVEL)
        return c.compress(data) + c.flush()

    def decode(self, blob: bytes) -> Entry:
        d = zlib.decompressobj(zdict=self.zdict) if self.zdict else zlib.decompressobj()
        return Entry.from_dict(json.loads(d.decompress(blob) + d.flush()))


# Rows come back in corpus order: works in build order, then position, then the index within the entry.
_CORPUS_ORDER = "JOIN entries e ON e.id = x.entry_id JOIN works w ON w.slug = e.work"
_ENTITY_SUMMARY = ("SELECT entity_id, label, canonical, max(abbreviation), count(*), count(DISTINCT entry_id), "
                   "group_concat(DISTINCT text) FROM entities")


class SqliteWriter:
    """Writes one build's records into a new SQLite file (or into a copy of the previous build's, see
    :meth:`carry`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = self._connect()
        self.conn.executescript(SCHEMA)
        self._work_ord = 0
        self._carried: frozenset[str] = frozenset()
        self.codec: EntryCodec | None = None  # made from the first entries (or the carried file's)
        # entry rows (without their data) and their JSON, waiting for the dictionary to be made from them
        self._pending: list[tuple[tuple[Any, ...], bytes]] = []

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path)
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        return conn

    def carry(self, previous: Path, works: Collection[str]) -> Collection[str]:
        """A copy of the previous build's file without the rows of every other work: deleting a few works'
        rows is cheaper than inserting all the others' again. The copy keeps its entry dictionary (the
        carried entries are compressed with it, and so are the new ones). The works table and the
        vocabulary are written again whole (work order, corpus-wide counts). Nothing is carried from a
        file of another format."""
        self.conn.close()
        shutil.copyfile(previous, self.path)
        self.conn = self._connect()
        try:
            found = self.conn.execute("SELECT value FROM meta WHERE key = ?", (ZDICT_KEY,)).fetchone()
        except sqlite3.Error:
            found = None
        if found is None:  # not this format: start afresh
            self.conn.close()
            self.path.unlink()
            self.conn = self._connect()
            self.conn.executescript(SCHEMA)
            return self._carried
        self.codec = EntryCodec(found[0])
        self.conn.execute("CREATE TEMP TABLE keep (slug TEXT PRIMARY KEY)")
        self.conn.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((w,) for w in works))
        gone = "SELECT id FROM entries WHERE work NOT IN (SELECT slug FROM keep)"
        for table in ("cites", "entities", "obligations"):  # (a scan each: no index by entry_id)
            self.conn.execute(f"DELETE FROM {table} WHERE entry_id IN ({gone})")
        self.conn.execute("DELETE FROM entries WHERE work NOT IN (SELECT slug FROM keep)")
        self._carried = frozenset(slug for (slug,) in self.conn.execute(
            "SELECT slug FROM works WHERE slug IN (SELECT slug FROM keep)"))
        self.conn.execute("DELETE FROM works")
        self.conn.execute("DELETE FROM vocab")
        self.conn.execute("DROP TABLE keep")
        return self._carried

    def add_work(self, work: Work, entries: Iterable[Entry], cited: Cited) -> None:
        self.conn.execute(
            "INSERT INTO works VALUES (?,?,?,?,?,?,?)",
            (work.slug, self._work_ord, str(work.kind), work.law, work.paragraph, work.title,
             json.dumps(work.to_dict(), ensure_ascii=False, separators=(",", ":"))),
        )
        self._work_ord += 1
        if work.slug in self._carried:  # its rows came with the previous build's file
            return
        rows, cites, ents, obls = [], [], [], []
        for e in entries:
            rows.append(((e.id, e.work, e.paragraph.lower(), e.rz.sort_string if e.rz else None, e.position),
                         EntryCodec.encode_json(e)))
            cites.extend((key, e.id, ci) for key, ci in cited.get(e.id, ()))
            for ei, ent in enumerate(e.entities):
                ents.append((ent.id, str(ent.label), ent.canonical, ent.abbreviation, ent.text, e.id, ei))
            for oi, ob in enumerate(e.obligations):
                obls.append((e.id, oi, ob.bearer_id, str(ob.modality)))
        self._add_entries(rows)
        self.conn.executemany("INSERT INTO cites VALUES (?,?,?)", cites)
        self.conn.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?)", ents)
        self.conn.executemany("INSERT INTO obligations VALUES (?,?,?,?)", obls)

    def _add_entries(self, rows: list[tuple[tuple[Any, ...], bytes]], *, last: bool = False) -> None:
        """Insert entry rows once the dictionary exists: it is made from the first entries of the build."""
        if self.codec is None:
            self._pending.extend(rows)
            if len(self._pending) < ZDICT_SAMPLE_ENTRIES and not last:
                return
            rows, self._pending = self._pending, []
            sample = [js for _, js in rows[:ZDICT_SAMPLE_ENTRIES]]
            self.codec = EntryCodec.sample(sample[::max(1, len(sample) // 8)])
            self.conn.execute("INSERT INTO meta VALUES (?, ?)", (ZDICT_KEY, self.codec.zdict))
        codec = self.codec
        self.conn.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?)",
                              ((*row, codec.compress(js)) for row, js in rows))

    def add_vocabulary(self, rows: Iterable[tuple[str, str, int]]) -> None:
        self.conn.executemany("INSERT INTO vocab VALUES (?,?,?)", rows)

    def close(self) -> None:
        self._add_entries([], last=True)
        self.conn.executescript(INDEXES)
        self.conn.commit()
        self.conn.execute("ANALYZE")
        self.conn.close()

    def abort(self) -> None:
        self.conn.close()


DECODED_ENTRIES = 512  # per open build


class SqliteRecords:
    """Reads one build's records; one read-only connection, shared by threads under a lock."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise OSError(f"no records at {path}")
        self.conn: sqlite3.Connection | None = sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                                               check_same_thread=False)
        self.lock = threading.RLock()
        # Decoded entries by their stored data: a page reads the same few entries again and again (the entry,
        # its neighbours, its statute §, who cites it). Entries are immutable; this build's records never change.
        try:
            found = self._query("SELECT value FROM meta WHERE key = ?", (ZDICT_KEY,))
            self._decode = lru_cache(maxsize=DECODED_ENTRIES)(EntryCodec(found[0][0] if found else b"").decode)
            rows = self._query("SELECT json FROM works ORDER BY ord")
            self._works = [Work.from_dict(json.loads(js)) for (js,) in rows]
        except BaseException:
            self.close()
            raise

    def _query(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            if self.conn is None:
                raise sqlite3.ProgrammingError("the records are closed")
            return self.conn.execute(sql, tuple(args)).fetchall()

    def _entries(self, sql: str, args: Sequence[Any] = ()) -> list[Entry]:
        return [self._decode(js) for (js,) in self._query(sql, args)]

    def _indexed(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Entry, int]]:
        """(entry, index) rows; an entry citing or mentioning several times is decoded once."""
        out: list[tuple[Entry, int]] = []
        decoded: dict[str, Entry] = {}
        for eid, index, js in self._query(sql, args):
            entry = decoded.get(eid) or decoded.setdefault(eid, self._decode(js))
            out.append((entry, index))
        return out

    def works(self) -> list[Work]:
        return list(self._works)

    def entry(self, entry_id: str) -> Entry | None:
        found = self._entries("SELECT data FROM entries WHERE id = ?", (entry_id,))
        return found[0] if found else None

    def entries(self, work: str) -> list[Entry]:
        return self._entries("SELECT data FROM entries WHERE work = ? ORDER BY position", (work,))

    def entries_by_id(self, ids: Sequence[str]) -> dict[str, Entry]:
        out: dict[str, Entry] = {}
        for chunk in range(0, len(ids), 500):
            part = list(ids[chunk:chunk + 500])
            marks = ",".join("?" * len(part))
            for eid, js in self._query(f"SELECT id, data FROM entries WHERE id IN ({marks})", part):
                out[eid] = self._decode(js)
        return out

    def neighbours(self, entry_id: str) -> tuple[Entry | None, Entry | None]:
        rows = self._query("SELECT work, position FROM entries WHERE id = ?", (entry_id,))
        if not rows:
            return None, None
        work, pos = rows[0]
        prev = self._entries("SELECT data FROM entries WHERE work = ? AND position < ? ORDER BY position DESC LIMIT 1",
                             (work, pos))
        nxt = self._entries("SELECT data FROM entries WHERE work = ? AND position > ? ORDER BY position LIMIT 1",
                            (work, pos))
        return (prev[0] if prev else None), (nxt[0] if nxt else None)

    def entry_with_rz(self, work: str, rz: RzNumber) -> Entry | None:
        found = self._entries("SELECT data FROM entries WHERE work = ? AND rz_sort = ? ORDER BY position LIMIT 1",
                              (work, rz.sort_string))
        return found[0] if found else None

    def entry_with_number(self, work: str, number: str) -> Entry | None:
        found = self._entries("SELECT data FROM entries WHERE work = ? AND paragraph = ? ORDER BY position LIMIT 1",
                              (work, number.lower()))
        return found[0] if found else None

    def nearest(self, work: str, rz: RzNumber, n: int) -> list[Entry]:
        below = self._entries("SELECT data FROM entries WHERE work = ? AND rz_sort < ? ORDER BY rz_sort DESC LIMIT ?",
                              (work, rz.sort_string, n))
        above = self._entries("SELECT data FROM entries WHERE work = ? AND rz_sort > ? ORDER BY rz_sort LIMIT ?",
                              (work, rz.sort_string, n))
        return [*reversed(below), *above]

    def citing(self, key: str) -> list[tuple[Entry, int]]:
        return self._indexed(f"SELECT x.entry_id, x.citation_index, e.data FROM cites x {_CORPUS_ORDER} "
                             "WHERE x.target_key = ? ORDER BY w.ord, e.position, x.citation_index", (key,))

    def entity_summaries(self, label: str | None = None, entity_id: str | None = None) -> list[EntitySummary]:
        where, args = [], []
        if label:
            where.append("label = ?")
            args.append(label.upper())
        if entity_id:
            where.append("entity_id = ?")
            args.append(entity_id)
        sql = _ENTITY_SUMMARY + (f" WHERE {' AND '.join(where)}" if where else "")
        sql += " GROUP BY entity_id ORDER BY count(*) DESC, canonical"
        return [EntitySummary(eid, lb, can, abbr, n, ne, tuple(sorted(set((forms or "").split(",")))))
                for eid, lb, can, abbr, n, ne, forms in self._query(sql, args)]

    def entity_mentions(self, entity_id: str) -> list[tuple[Entry, int]]:
        return self._indexed(f"SELECT x.entry_id, x.entity_index, e.data FROM entities x {_CORPUS_ORDER} "
                             "WHERE x.entity_id = ? ORDER BY w.ord, e.position, x.entity_index", (entity_id,))

    def obligations(self, bearer_id: str | None = None) -> list[tuple[Entry, int]]:
        where, args = ("WHERE x.bearer_id = ? ", (bearer_id,)) if bearer_id else ("", ())
        return self._indexed(f"SELECT x.entry_id, x.obligation_index, e.data FROM obligations x {_CORPUS_ORDER} "
                             f"{where}ORDER BY w.ord, e.position, x.obligation_index", args)

    def vocabulary(self) -> list[tuple[str, str, int]]:
        return [(w, f, n) for w, f, n in self._query("SELECT word, form, freq FROM vocab")]

    def close(self) -> None:
        with self.lock:
            if self.conn is not None:
                self.conn.close()
                self.conn = None


class SqliteBackend:
    """Records in one SQLite file per build (the default records backend)."""

    name = "sqlite"

    def writer(self, location: Path) -> SqliteWriter:
        return SqliteWriter(location)

    def open(self, location: Path) -> SqliteRecords:
        try:
            return SqliteRecords(location)
        except sqlite3.Error as exc:
            raise ValueError(f"{location}: {exc}") from exc


BACKEND = SqliteBackend()

__all__ = ["BACKEND", "SqliteBackend", "SqliteRecords", "SqliteWriter"]
