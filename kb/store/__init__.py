"""The read API of a knowledge base: records, citations, entities, obligations and search.

``KnowledgeBase.open(root)`` opens the build ``root/current`` points at and keeps its SQLite
connection and Whoosh searcher open across requests (thread-safe); ``refresh()`` switches to a new
build after ``kb build`` has replaced the pointer. See :mod:`kb.store.layout` for the directory.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from kb import laws
from kb.citations.keys import user_key
from kb.links import entry_path, norm_path, work_path
from kb.model import Citation, Entity, Entry, NormTarget, Obligation, RzNumber, RzTarget, Target, Work, WorkKind
from kb.search import QueryError, SearchResults, parse
from kb.search.whoosh.searcher import Searcher
from kb.store.layout import FORMAT, INDEX, MANIFEST, RECORDS, current_build, default_root

log = logging.getLogger(__name__)

__all__ = [
    "EntityDetail", "EntitySummary", "KnowledgeBase", "KnowledgeBaseMissing", "Lookup", "QueryError", "default_root",
]


class KnowledgeBaseMissing(RuntimeError):
    """No usable knowledge base at the given root; the message says how to build one."""


@dataclass(frozen=True, slots=True)
class Lookup:
    """The answer to a citation look-up ("§ 48b Rz. 34a SGB II")."""

    query: str
    entry: Entry | None  # the Randnummer, or the statute § (see ``anchor``)
    anchor: str | None = None  # "abs-4" for "§ 48b Abs. 4 SGB II" on a statute entry
    suggestions: list[Entry] = field(default_factory=list)  # nearest Randnummern when the asked one is absent
    message: str = ""  # what was found, or what was asked and is missing
    work: Work | None = None  # the commentary on the cited § (also when only "§ 48b SGB II" was asked)
    url: str | None = None  # where the resolver sends the user: /k/<entry-id>, /g/<law>/<norm>#abs-4, /k/<work>

    @property
    def found(self) -> bool:
        return self.url is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query, "found": self.found, "url": self.url, "anchor": self.anchor,
            "message": self.message, "entry": self.entry.to_dict() if self.entry else None,
            "work": self.work.to_dict() if self.work else None,
            "suggestions": [{"id": e.id, "rz": e.rz.label if e.rz else None, "url": entry_path(e)}
                            for e in self.suggestions],
        }


@dataclass(frozen=True, slots=True)
class EntitySummary:
    id: str  # "ort/landkreis-goettingen"
    label: str
    canonical: str
    abbreviation: str | None
    mentions: int  # occurrences in all entries
    entries: int  # entries mentioning it
    forms: tuple[str, ...] = ()  # surface forms seen

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "canonical": self.canonical, "abbreviation": self.abbreviation,
                "mentions": self.mentions, "entries": self.entries, "forms": list(self.forms)}


@dataclass(frozen=True, slots=True)
class EntityDetail:
    summary: EntitySummary
    mentions: list[tuple[Entry, Entity]]  # in corpus order

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary.to_dict(),
                "mentioned_in": [{"entry": e.id, **m.to_dict()} for e, m in self.mentions]}


class _Build:
    """One opened build: its SQLite connection and its searcher."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(f"file:{path / RECORDS}?mode=ro", uri=True, check_same_thread=False)
        self.lock = threading.RLock()
        manifest = path / MANIFEST
        self.manifest: dict[str, Any] = json.loads(manifest.read_text("utf-8")) if manifest.exists() else {}
        if self.manifest.get("format", 1) != FORMAT:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]
            raise ValueError(f"it was built in format {self.manifest.get('format', 1)}, "
                             f"this version reads format {FORMAT}")
        self.works: dict[str, Work] = {
            slug: Work.from_dict(json.loads(js))
            for slug, js in self.conn.execute("SELECT slug, json FROM works ORDER BY ord")
        }
        # Works by what a citation names: a look-up must not scan thousands of works.
        self.commentaries: dict[str, list[Work]] = {}  # paragraph (lower case) → commentaries on it
        self.statutes: dict[str, list[Work]] = {}  # law key → statute works
        for w in self.works.values():
            if w.kind == WorkKind.COMMENTARY:
                self.commentaries.setdefault((w.paragraph or "").lower(), []).append(w)
            elif w.kind == WorkKind.STATUTE:
                self.statutes.setdefault(w.law, []).append(w)
        try:
            self.searcher = Searcher(path / INDEX, work_titles={w.slug: w.title for w in self.works.values()},
                                     vocabulary=self._vocabulary)
        except BaseException:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]
            raise

    def _vocabulary(self) -> list[tuple[str, str, int]]:
        with self.lock:
            return list(self.conn.execute("SELECT word, form, freq FROM vocab"))

    def query(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            return self.conn.execute(sql, args).fetchall()

    def close(self) -> None:
        if self.conn is None:
            return
        with self.lock:
            self.searcher.close()
            self.conn.close()
            self.conn = None  # type: ignore[assignment]

    def __del__(self) -> None:  # a build replaced by refresh() closes when its last reader is done
        with contextlib.suppress(Exception):
            self.close()


class KnowledgeBase:
    """Read access to the current build under ``root``."""

    def __init__(self, root: Path, build: _Build) -> None:
        self.root = root
        self._build = build
        self._lock = threading.Lock()
        self._refused: Path | None = None  # a newer build that could not be opened

    @classmethod
    def open(cls, root: Path | str | None = None) -> Self:
        root = Path(root) if root is not None else default_root()
        path = current_build(root)
        if path is None:
            raise KnowledgeBaseMissing(
                f"no knowledge base at {root}: build one with `kb build corpus/ --kb {root}` "
                "(the default location is $RANDNUMMER_KB, else ./var/kb)")
        try:
            return cls(root, _Build(path))
        except (sqlite3.Error, OSError, ValueError) as exc:
            raise KnowledgeBaseMissing(f"the knowledge base at {path} cannot be read ({exc}); rebuild it") from exc

    def refresh(self) -> bool:
        """Reopen if ``current`` now points at another build; True when it switched."""
        path = current_build(self.root)
        if path is None or path.resolve() == self._build.path.resolve():
            return False
        with self._lock:
            if path.resolve() in (self._build.path.resolve(), self._refused):
                return False
            try:
                self._build = _Build(path)
            except (sqlite3.Error, OSError, ValueError) as exc:
                # Keep answering from the build that works; try the new one again when current moves.
                self._refused = path.resolve()
                log.warning("still serving %s: the new build %s cannot be read (%s)", self._build.path, path, exc)
                return False
        # The old build is not closed here: a request on another thread may still be reading it.
        # It closes when the last reference goes (its files stay readable even after pruning).
        return True

    def close(self) -> None:
        self._build.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        """The build directory being served."""
        return self._build.path

    @property
    def manifest(self) -> dict[str, Any]:
        """What build.json says: when it was built, from which sources, counts and problems."""
        return self._build.manifest

    # ------------------------------------------------------------------------------ records

    def works(self) -> list[Work]:
        return list(self._build.works.values())

    def work(self, slug: str) -> Work | None:
        return self._build.works.get(slug)

    def entry(self, entry_id: str) -> Entry | None:
        rows = self._build.query("SELECT json FROM entries WHERE id = ?", (entry_id,))
        return Entry.from_dict(json.loads(rows[0][0])) if rows else None

    def entries(self, work_slug: str) -> list[Entry]:
        rows = self._build.query("SELECT json FROM entries WHERE work = ? ORDER BY position", (work_slug,))
        return [Entry.from_dict(json.loads(r[0])) for r in rows]

    def entries_by_id(self, ids: list[str] | tuple[str, ...]) -> dict[str, Entry]:
        out: dict[str, Entry] = {}
        for chunk in range(0, len(ids), 500):
            part = list(ids[chunk:chunk + 500])
            marks = ",".join("?" * len(part))
            for eid, js in self._build.query(f"SELECT id, json FROM entries WHERE id IN ({marks})", tuple(part)):
                out[eid] = Entry.from_dict(json.loads(js))
        return out

    def neighbours(self, entry_id: str) -> tuple[Entry | None, Entry | None]:
        """The entries before and after, within the same work."""
        rows = self._build.query("SELECT work, position FROM entries WHERE id = ?", (entry_id,))
        if not rows:
            return None, None
        work, pos = rows[0]
        prev = self._build.query("SELECT json FROM entries WHERE work = ? AND position < ? "
                                 "ORDER BY position DESC LIMIT 1", (work, pos))
        nxt = self._build.query("SELECT json FROM entries WHERE work = ? AND position > ? "
                                "ORDER BY position LIMIT 1", (work, pos))
        return (Entry.from_dict(json.loads(prev[0][0])) if prev else None,
                Entry.from_dict(json.loads(nxt[0][0])) if nxt else None)

    def commentaries_on(self, law: str, paragraph: str) -> list[Work]:
        return self._commentary_works(law, paragraph.replace("§", "").strip())

    def statute_entry(self, law: str, number: str) -> Entry | None:
        key = _law_key(law)
        num = number.replace("§", "").replace("Art.", "").strip().lower()
        slugs = [w.slug for w in self._build.statutes.get(key, [])]
        for slug in slugs:
            rows = self._build.query("SELECT json FROM entries WHERE work = ? AND lower(paragraph) = ? "
                                     "ORDER BY position LIMIT 1", (slug, num))
            if rows:
                return Entry.from_dict(json.loads(rows[0][0]))
        return None

    # ------------------------------------------------------------------------------ citations

    def lookup(self, citation_text: str) -> Lookup:
        """Resolve a citation a user typed to the entry it names (see :class:`Lookup`)."""
        from kb.citations import parse_query

        text = citation_text.strip()
        cq = parse_query(text) if text else None
        if cq is None:
            return Lookup(text, None, message=f"„{text}“ ist keine Fundstelle; z. B. „§ 48b Rz. 34a SGB II“")
        works = self._commentary_works(cq.law, cq.paragraph)
        law_name = laws.display(cq.law) if cq.law else ""
        norm = f"§ {cq.paragraph}" + (f" {law_name}" if law_name else "")
        if cq.rz:
            try:
                rz = RzNumber.parse(cq.rz)
            except ValueError:
                return Lookup(text, None, message=f"„{cq.rz}“ ist keine Randnummer")
            if not works:
                return Lookup(text, None, message=f"keine Kommentierung zu {norm} in der Wissensbasis")
            for w in works:
                rows = self._build.query("SELECT json FROM entries WHERE work = ? AND rz = ? ORDER BY position LIMIT 1",
                                         (w.slug, rz.label))
                if rows:
                    entry = Entry.from_dict(json.loads(rows[0][0]))
                    return Lookup(text, entry, message=f"{norm} Rz. {rz.label}", work=w, url=entry_path(entry))
            near = self._nearest(works[0].slug, rz)
            near_text = ", ".join(f"Rz. {e.rz}" for e in near if e.rz)
            return Lookup(text, None, suggestions=near, work=works[0],
                          message=f"{norm} hat keine Rz. {rz.label}" + (f"; nächste: {near_text}" if near_text else ""))
        target = cq.target
        anchor = f"abs-{target.absatz}" if target is not None and target.absatz else None
        if cq.law:
            statute = self.statute_entry(cq.law, cq.paragraph)
            if statute is not None:
                return Lookup(text, statute, anchor=anchor, message=norm, work=works[0] if works else None,
                              url=norm_path(cq.law, statute.paragraph, target.absatz if target else None))
        if works:
            return Lookup(text, None, anchor=anchor, work=works[0], url=work_path(works[0].slug),
                          message=f"die Kommentierung zu {norm}")
        return Lookup(text, None, anchor=anchor, message=f"{norm} ist nicht in der Wissensbasis")

    def _commentary_works(self, law: str | None, paragraph: str) -> list[Work]:
        key = _law_key(law) if law is not None else None
        return [w for w in self._build.commentaries.get(paragraph.lower(), []) if key is None or w.law == key]

    def _nearest(self, work_slug: str, rz: RzNumber, n: int = 2) -> list[Entry]:
        """Up to ``n`` Randnummern on each side of where ``rz`` would be, in order."""
        below = self._build.query("SELECT json FROM entries WHERE work = ? AND rz_sort < ? "
                                  "ORDER BY rz_sort DESC LIMIT ?", (work_slug, rz.sort_string, n))
        above = self._build.query("SELECT json FROM entries WHERE work = ? AND rz_sort > ? "
                                  "ORDER BY rz_sort LIMIT ?", (work_slug, rz.sort_string, n))
        return [Entry.from_dict(json.loads(r[0])) for r in [*reversed(below), *above]]

    def cited_by(self, target_key: str) -> list[tuple[Entry, Citation]]:
        """Every (entry, citation) citing ``target_key`` or anything below it, in corpus order.

        Accepts the canonical key ("SGB 2 § 6a") and user spellings ("§ 6a SGB II"; "§ 6a Abs. 2": any law).
        """
        key = user_key(target_key)
        rows = self._build.query(
            "SELECT c.entry_id, c.citation_index, e.json FROM cites c JOIN entries e ON e.id = c.entry_id "
            "JOIN works w ON w.slug = e.work WHERE c.target_key = ? ORDER BY w.ord, e.position, c.citation_index",
            (key,))
        out: list[tuple[Entry, Citation]] = []
        cache: dict[str, Entry] = {}
        for eid, ci, js in rows:
            entry = cache.get(eid) or cache.setdefault(eid, Entry.from_dict(json.loads(js)))
            out.append((entry, entry.citations[ci]))
        return out

    def url_for_target(self, target: Target) -> str | None:
        """The knowledge base's own URL for a citation target, or None when it is not in it."""
        if isinstance(target, RzTarget):
            works = [self._build.works[target.work]] if target.work in self._build.works else (
                self._commentary_works(target.law, target.paragraph) if target.paragraph else [])
            try:
                label = RzNumber.parse(target.rz).label
            except ValueError:
                return None
            for w in works:
                rows = self._build.query("SELECT id FROM entries WHERE work = ? AND rz = ? ORDER BY position LIMIT 1",
                                         (w.slug, label))
                if rows:
                    return f"/k/{rows[0][0]}"  # an entry id: entry_path without loading the entry
            return None
        if isinstance(target, NormTarget) and target.law:
            entry = self.statute_entry(target.law, target.number)
            if entry is None:
                return None
            return norm_path(target.law, entry.paragraph, target.absatz)
        return None

    # ------------------------------------------------------------------------------ entities, obligations

    def entity_summaries(self, label: str | None = None) -> list[EntitySummary]:
        """One summary per distinct entity (by canonical id), most mentioned first."""
        sql = ("SELECT entity_id, label, canonical, max(abbreviation), count(*), count(DISTINCT entry_id), "
               "group_concat(DISTINCT text) FROM entities")
        args: tuple[Any, ...] = ()
        if label:
            sql += " WHERE label = ?"
            args = (label.upper(),)
        sql += " GROUP BY entity_id ORDER BY count(*) DESC, canonical"
        return [EntitySummary(eid, lb, can, abbr, n, ne, tuple(sorted(set((forms or "").split(",")))))
                for eid, lb, can, abbr, n, ne, forms in self._build.query(sql, args)]

    def entity(self, entity_id: str) -> EntityDetail | None:
        summaries = self._entity_summary(entity_id)
        if not summaries:
            return None
        rows = self._build.query(
            "SELECT x.entity_index, e.json FROM entities x JOIN entries e ON e.id = x.entry_id "
            "JOIN works w ON w.slug = e.work WHERE x.entity_id = ? ORDER BY w.ord, e.position, x.entity_index",
            (entity_id,))
        mentions = []
        for idx, js in rows:
            entry = Entry.from_dict(json.loads(js))
            mentions.append((entry, entry.entities[idx]))
        return EntityDetail(summaries[0], mentions)

    def _entity_summary(self, entity_id: str) -> list[EntitySummary]:
        rows = self._build.query(
            "SELECT entity_id, label, canonical, max(abbreviation), count(*), count(DISTINCT entry_id), "
            "group_concat(DISTINCT text) FROM entities WHERE entity_id = ? GROUP BY entity_id", (entity_id,))
        return [EntitySummary(eid, lb, can, abbr, n, ne, tuple(sorted(set((forms or "").split(",")))))
                for eid, lb, can, abbr, n, ne, forms in rows]

    def obligations(self, bearer_id: str | None = None) -> list[tuple[Entry, Obligation]]:
        sql = ("SELECT o.obligation_index, e.json FROM obligations o JOIN entries e ON e.id = o.entry_id "
               "JOIN works w ON w.slug = e.work")
        args: tuple[Any, ...] = ()
        if bearer_id:
            sql += " WHERE o.bearer_id = ?"
            args = (bearer_id,)
        sql += " ORDER BY w.ord, e.position, o.obligation_index"
        out = []
        for idx, js in self._build.query(sql, args):
            entry = Entry.from_dict(json.loads(js))
            out.append((entry, entry.obligations[idx]))
        return out

    # ------------------------------------------------------------------------------ search

    def search(self, query: str, *, page: int = 1, pagelen: int = 10) -> SearchResults:
        """Citation queries jump to their entry (``direct``); everything else is a ranked text search.

        Raises :class:`kb.search.QueryError` for a malformed query.
        """
        text = query.strip()
        if _looks_like_citation(text):
            found = self.lookup(text)
            if found.entry is not None:
                return SearchResults(query=text, direct=found.entry, anchor=found.anchor, total=1,
                                     page=1, pagelen=pagelen)
        return self._build.searcher.search(parse(text), self.entries_by_id, page=page, pagelen=pagelen)


def _law_key(law: str) -> str:
    found = laws.lookup(law)
    return found.key if found else law


_CITATION_HINT = re.compile(r"§|\b(?:rz|rn|rdnr|abs|art)\b\.?|\bN\.\s*\d", re.IGNORECASE)


def _looks_like_citation(text: str) -> bool:
    """Cheap pre-check before the citation parser: a query with "§", "Rz.", "Abs." … or "48b Rn 34"."""
    return bool(_CITATION_HINT.search(text)) or bool(re.match(r"^\d+[a-z]?\s", text))
