"""The read API of a knowledge base: records, citations, backlinks, entities, obligations and search.

``KnowledgeBase.open(root)`` opens the build ``root/current`` points at — its records and its search
index, each through the backend the build was written with (:mod:`kb.backends`) — and keeps them open
across requests (thread-safe); ``refresh()`` switches to a new build after ``kb build`` has replaced
the pointer. See :mod:`kb.store.layout` for the directory.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sqlite3
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Self

from kb import backends, laws, links
from kb.citations import Context, RzQuery, extract, parse_query, parse_rz_query
from kb.citations.keys import decision_names, decision_probes, user_key
from kb.citations.query import CitationQuery
from kb.limits import SEARCH_TIME_BUDGET
from kb.model import (
    Citation,
    DecisionTarget,
    Entity,
    Entry,
    NormTarget,
    Obligation,
    RzNumber,
    RzTarget,
    Target,
    Work,
    WorkKind,
    slugify,
)
from kb.search import ParsedQuery, SearchResults, parse
from kb.search.query import split_work
from kb.search.tree import Filter
from kb.store.layout import FORMAT, INDEX, MANIFEST, RECORDS, current_build, default_root
from kb.store.records import EntitySummary, Records

log = logging.getLogger(__name__)

CHOICES = 100  # a bare Randnummer in more works than this: the first ones, and the count in the message


class KnowledgeBaseMissing(RuntimeError):
    """No usable knowledge base at the given root; the message says how to build one."""


@dataclass(frozen=True, slots=True)
class Lookup:
    """The answer to a citation look-up ("§ 48b Rz. 34a SGB II"; a bare "Rz. 34a", see :meth:`KnowledgeBase.lookup`)."""

    query: str
    entry: Entry | None  # the Randnummer, or the statute § (see ``anchor``)
    anchor: str | None = None  # "abs-4" for "§ 48b Abs. 4 SGB II" on a statute entry
    suggestions: list[Entry] = field(default_factory=list)  # nearest Randnummern when the asked one is absent
    message: str = ""  # what was found, or what was asked and is missing
    # the work the answer is in: the statute for a § of it, else the commentary on the cited § (also when only
    # "§ 48b SGB II" was asked and its text is not built), the decision
    work: Work | None = None
    url: str | None = None  # where the resolver sends the user: /k/<entry-id>, /g/<law>/<norm>#abs-4, /k/<work>
    # a bare Randnummer ("Rz. 34a") that several works have: the entry in each (corpus order, at most CHOICES)
    choices: list[Entry] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.url is not None


@dataclass(frozen=True, slots=True)
class EntityDetail:
    summary: EntitySummary
    mentions: list[tuple[Entry, Entity]]  # in corpus order


_ANCHOR_CACHE = 4096  # statute §§ whose anchors a served build keeps


class _Build:
    """One opened build: its records, its searcher, and its works indexed by what citations name."""

    def __init__(self, path: Path) -> None:
        self.path = path
        manifest = path / MANIFEST
        self.manifest: dict[str, Any] = json.loads(manifest.read_text("utf-8")) if manifest.exists() else {}
        if self.manifest.get("format", 1) != FORMAT:
            raise ValueError(f"it was built in format {self.manifest.get('format', 1)}, "
                             f"this version reads format {FORMAT}")
        records_backend = backends.records_backend(self.manifest.get("records", backends.DEFAULT_RECORDS))
        search_backend = backends.search_backend(self.manifest.get("search", backends.DEFAULT_SEARCH))
        self.records: Records = records_backend.open(path / RECORDS)
        try:
            self.works: dict[str, Work] = {w.slug: w for w in self.records.works()}
            # Works by what a citation names: a look-up must not scan thousands of works.
            self.commentaries: dict[str, list[Work]] = {}  # paragraph (lower case) → commentaries on it
            self.statutes: dict[str, list[Work]] = {}  # law key → statute works
            self.decisions: dict[str, Work] = {}  # court + Aktenzeichen, ECLI (index keys) → decision
            for w in self.works.values():
                if w.decision is not None:
                    self.decisions.update(dict.fromkeys(decision_names(w.decision), w))
                if w.kind == WorkKind.COMMENTARY:
                    self.commentaries.setdefault((w.paragraph or "").lower(), []).append(w)
                elif w.kind == WorkKind.STATUTE:
                    self.statutes.setdefault(w.law, []).append(w)
            titles = {w.slug: w.title for w in self.works.values()}
            self.searcher = search_backend.open(path / INDEX, work_titles=titles, vocabulary=self.records.vocabulary)
        except BaseException:
            self.records.close()
            raise
        self._closed = False
        self._anchors: dict[str, dict[str, NormTarget]] = {}

    def anchors(self, entry: Entry) -> dict[str, NormTarget]:
        """The units a statute § page anchors (:func:`kb.links.statute_anchors`), kept per § while the build is
        served: every citation of the § in every page asks for them."""
        found = self._anchors.get(entry.id)
        if found is None:
            if len(self._anchors) >= _ANCHOR_CACHE:
                self._anchors.clear()
            found = self._anchors[entry.id] = links.statute_anchors(entry)
        return found

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.searcher.close()
            self.records.close()

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
        """What build.json says: when it was built, from which sources and backends, counts and problems."""
        return self._build.manifest

    @property
    def records(self) -> Records:
        """The records of the build being served (see :class:`kb.store.records.Records`)."""
        return self._build.records

    # ------------------------------------------------------------------------------ records

    def works(self) -> list[Work]:
        return list(self._build.works.values())

    def work(self, slug: str) -> Work | None:
        return self._build.works.get(slug)

    def entry(self, entry_id: str) -> Entry | None:
        return self.records.entry(entry_id)

    def entries(self, work_slug: str) -> list[Entry]:
        return self.records.entries(work_slug)

    def entries_by_id(self, ids: list[str] | tuple[str, ...]) -> dict[str, Entry]:
        return self.records.entries_by_id(ids)

    def neighbours(self, entry_id: str) -> tuple[Entry | None, Entry | None]:
        """The entries before and after, within the same work."""
        return self.records.neighbours(entry_id)

    def commentaries_on(self, law: str, paragraph: str) -> list[Work]:
        return self._commentary_works(law, paragraph.replace("§", "").strip())

    def statute_entry(self, law: str, number: str) -> Entry | None:
        """The § / Art. / Anlage of a statute by its number as cited ("48b", "§ 48b", "Anlage zu § 28") or by its
        URL segment ("anlage-zu-28", :func:`kb.links.norm_segment`); None when the statute or unit is not built."""
        num = _MARKER.sub("", number.strip())
        for work in self._build.statutes.get(_law_key(law), []):
            found = self.records.entry_with_number(work.slug, num)
            if found is None and num:
                found = self.records.entry(f"{work.slug}/{links.norm_segment(num)}")
            if found is not None:
                return found
        return None

    def statute_work(self, law: str) -> Work | None:
        """The built text of a law ("SGB II", "SGB 2", "sgb-2"), if the knowledge base has it."""
        return next(iter(self._build.statutes.get(_law_key(law), [])), None)

    def norm_url(self, target: NormTarget) -> str | None:
        """The page of the cited § with the deepest anchor it has for the target (``#abs-1-nr-4``, else
        ``#abs-1``, else none); None when the § is not built."""
        if not target.law:
            return None
        entry = self.statute_entry(target.law, target.number)
        if entry is None:
            return None
        anchor = links.unit_anchor(target, self._build.anchors(entry))
        return links.norm_path(entry.law, entry.paragraph) + (f"#{anchor}" if anchor else "")

    def nearest(self, work_slug: str, label: str, n: int = 2) -> list[Entry]:
        """Up to ``n`` Randnummern on each side of where ``label`` would sort in the work: what a reader
        most likely meant (the first ones when ``label`` is no Randnummer)."""
        try:
            rz = RzNumber.parse(label)
        except ValueError:
            return [e for e in self.records.entries(work_slug) if e.rz is not None][:2 * n]
        return self.records.nearest(work_slug, rz, n)

    # ------------------------------------------------------------------------------ citations

    def lookup(self, citation_text: str, *, work: str | None = None) -> Lookup:
        """Resolve a citation a user typed to the entry it names (see :class:`Lookup`).

        A bare Randnummer ("Rz. 34a", "Rn. 12", "Rdnr. 5" — no §, work or court) is looked up in ``work``
        (the work the reader is on; also ``work:sgb-2-48b Rz. 34a``); without one, in the only work that has
        it, or the answer lists the works that have it (``choices``).
        """
        text = _readable(citation_text).strip()
        query = parse_query(text) if text else None
        if query is None:
            rest, named = split_work(text)
            bare = parse_rz_query(rest)
            if bare is not None:
                return self._lookup_rz(text, bare, named or work)
            return Lookup(text, None, message=f"„{text}“ ist keine Fundstelle; z. B. „§ 48b Rz. 34a SGB II“")
        return self._lookup(text, query)

    def _lookup_rz(self, text: str, bare: RzQuery, work: str | None) -> Lookup:
        """A bare Randnummer: in ``work`` when given, else in the one work that has it, else a choice."""
        asked = bare.label
        if work is not None:
            found = self._build.works.get(work)
            if found is None:
                return Lookup(text, None, message=f"das Werk „{work}“ ist nicht in der Wissensbasis")
            name = found.decision.citation if found.decision is not None else links.work_label(found)
            marker = "Rn." if found.kind == WorkKind.DECISION else "Rz."  # as the work numbers itself
            asked = f"{marker} {bare.rz.label}"
            entry = self.records.entry_with_rz(found.slug, bare.rz)
            if entry is not None:
                return Lookup(text, entry, work=found, url=links.entry_path(entry), message=f"{name}, {asked}")
            near = self.nearest(found.slug, bare.rz.label)
            near_text = ", ".join(f"{marker} {e.rz}" for e in near if e.rz)
            return Lookup(text, None, suggestions=near, work=found,
                          message=f"{name} hat keine {asked}" + (f"; nächste: {near_text}" if near_text else ""))
        numbered = self._build.searcher.search(_rz_filter(bare), self.entries_by_id, pagelen=CHOICES)
        entries = [h.entry for h in numbered.hits]
        in_works = dict.fromkeys(e.work for e in entries)
        if not entries:
            return Lookup(text, None, message=f"keine {asked} in der Wissensbasis")
        if len(in_works) == 1 and numbered.total == len(entries):
            first = entries[0]
            return Lookup(text, first, work=self.work(first.work), url=links.entry_path(first),
                          message=f"{links.entry_label(first)} (die einzige {asked} der Wissensbasis)")
        choices = [next(e for e in entries if e.work == w) for w in in_works]
        count = len(in_works) if numbered.total == len(entries) else numbered.total
        return Lookup(text, None, choices=choices,
                      message=f"{asked} gibt es in {count} Werken; bitte wählen Sie das Werk")

    def _lookup(self, text: str, cq: CitationQuery) -> Lookup:
        if cq.decision is not None:
            return self._lookup_decision(text, cq.decision)
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
                entry = self.records.entry_with_rz(w.slug, rz)
                if entry is not None:
                    return Lookup(text, entry, message=f"{norm} Rz. {rz.label}", work=w, url=links.entry_path(entry))
            near = self.nearest(works[0].slug, rz.label)
            near_text = ", ".join(f"Rz. {e.rz}" for e in near if e.rz)
            return Lookup(text, None, suggestions=near, work=works[0],
                          message=f"{norm} hat keine Rz. {rz.label}" + (f"; nächste: {near_text}" if near_text else ""))
        target = cq.target
        absatz = target.absatz if target is not None else None
        anchor = links.absatz_anchor(absatz) if absatz else None
        if cq.law:
            statute = self.statute_entry(cq.law, cq.paragraph)
            if statute is not None:  # the § itself, as deep as its page anchors the cited unit
                cited = target if target is not None else NormTarget(cq.law, statute.paragraph)
                anchor = links.unit_anchor(cited, self._build.anchors(statute))
                return Lookup(text, statute, anchor=anchor, message=norm, work=self.work(statute.work),
                              url=links.norm_path(statute.law, statute.paragraph) + (f"#{anchor}" if anchor else ""))
        if works:
            return Lookup(text, None, anchor=anchor, work=works[0], url=links.work_path(works[0].slug),
                          message=f"die Kommentierung zu {norm}")
        return Lookup(text, None, anchor=anchor, message=f"{norm} ist nicht in der Wissensbasis")

    def _lookup_decision(self, text: str, target: DecisionTarget) -> Lookup:
        """"BVerwG 11 A 7.23 Rn. 12": the Randnummer of the decision; without Rn. the decision's page."""
        decision = self.decision(target)
        if decision is None or decision.decision is None:
            return Lookup(text, None, message=f"die Entscheidung {target.decision_key} ist nicht in der Wissensbasis")
        cited = decision.decision.citation
        if not target.rn:  # the decision as a whole: its page; its first part (Leitsatz, Tenor …) as the entry
            first = next(iter(self.records.entries(decision.slug)), None)
            return Lookup(text, first, work=decision, url=links.work_path(decision.slug), message=cited)
        try:
            rn = RzNumber.parse(target.rn)
        except ValueError:
            return Lookup(text, None, work=decision, message=f"„{target.rn}“ ist keine Randnummer")
        entry = self.records.entry_with_rz(decision.slug, rn)
        if entry is not None:
            return Lookup(text, entry, work=decision, url=links.entry_path(entry), message=f"{cited}, Rn. {rn.label}")
        near = self.nearest(decision.slug, rn.label)
        near_text = ", ".join(f"Rn. {e.rz}" for e in near if e.rz)
        return Lookup(text, None, suggestions=near, work=decision,
                      message=f"{cited} hat keine Rn. {rn.label}" + (f"; nächste: {near_text}" if near_text else ""))

    def _commentary_works(self, law: str | None, paragraph: str) -> list[Work]:
        key = _law_key(law) if law is not None else None
        return [w for w in self._build.commentaries.get(paragraph.lower(), []) if key is None or w.law == key]

    def cited_by(self, target_key: str) -> list[tuple[Entry, Citation]]:
        """Every (entry, citation) citing ``target_key`` or anything below it, in corpus order.

        Accepts the canonical key ("SGB 2 § 6a", "sgb-2-48b Rz. 34") and user spellings ("§ 6a SGB II";
        "§ 6a Abs. 2": any law).
        """
        return [(entry, entry.citations[ci]) for entry, ci in self.records.citing(user_key(target_key))]

    def backlinks(self, *keys: str, exclude: str | None = None) -> list[tuple[Entry, list[Citation]]]:
        """"Zitiert in": entries citing any of ``keys`` (or a unit below), one row per entry with its
        citations, in corpus order of first citation. ``exclude`` drops the page's own entry: a § referring
        to its own Absätze is not a backlink. Runs ("Rz. 33 ff.") count for every Randnummer they cover."""
        rows: dict[str, tuple[Entry, list[Citation]]] = {}
        seen: set[tuple[str, int, int]] = set()
        for key in keys:
            for entry, citation in self.cited_by(key):
                if entry.id == exclude or (entry.id, citation.start, citation.end) in seen:
                    continue
                seen.add((entry.id, citation.start, citation.end))
                rows.setdefault(entry.id, (entry, []))[1].append(citation)
        return list(rows.values())

    def target_keys(self, text: str) -> tuple[str, ...]:
        """Every key the target ``text`` names is cited under, for :meth:`backlinks`: its canonical key
        (:meth:`target_key`), and for a Randnummer of a decision in the knowledge base also the key of that
        Randnummer within its decision — how the decision's own "Rn. 14" and "a. a. O., Rn. 14" cite it.
        Empty when ``text`` names nothing citable."""
        text = _readable(text)
        key = self.target_key(text)
        if key is None:
            return ()
        query = parse_query(text.strip())
        if query is not None and query.decision is not None and query.decision.rn:
            found = self.decision(query.decision)
            if found is not None:
                return key, RzTarget(rz=query.decision.rn, work=found.slug).key
        return (key,)

    def target_key(self, text: str) -> str | None:
        """The canonical key of the norm, Randnummer or decision ``text`` names ("§ 6a SGB II" → "SGB 2 § 6a",
        "§ 48b Rz. 34a" → "sgb-2-48b Rz. 34a", "11 A 7.23 Rn. 12" → "BVerwG 11 A 7.23 Rn. 12"), for
        :meth:`cited_by`; None when it names nothing citable.

        A Randnummer needs the knowledge base: which commentary on the § is meant; so does a decision cited
        without its court or by its ECLI.
        """
        text = _readable(text).strip()
        if not text:
            return None
        query = parse_query(text)
        if query is not None:
            if query.decision is not None:  # a decision, or one of its Randnummern: as cited ("BSG B 4 AS 4/16 R")
                found = self.decision(query.decision)
                if found is None or found.decision is None:
                    return query.decision.key
                d = found.decision
                return DecisionTarget(court=d.court, docket=d.docket, rn=query.decision.rn).key
            if query.rz:
                found = self._lookup(text, query).entry
                return RzTarget(rz=found.rz.label, work=found.work).key if found is not None and found.rz else None
            if query.target is not None and query.target.law:
                return query.target.key
            if query.law and query.paragraph:
                return NormTarget(law=query.law, number=query.paragraph).key
        for citation in extract(text, Context(None, None, None)):
            for target in citation.targets:
                if (isinstance(target, NormTarget) and target.law) or (isinstance(target, RzTarget) and target.work):
                    return target.key
        # Already a canonical key ("SGB 2 § 6a Abs. 2", "sgb-2-48b Rz. 34a")?
        head = text.split(" § ", 1)[0].split(" Art. ", 1)[0]
        if laws.lookup(head) is not None or " Rz. " in text:
            return text
        return None

    def url_for_target(self, target: Target) -> str | None:
        """The knowledge base's own URL for a citation target, or None when it is not in it."""
        if isinstance(target, RzTarget):
            works = [self._build.works[target.work]] if target.work in self._build.works else (
                self._commentary_works(target.law, target.paragraph) if target.paragraph else [])
            try:
                rz = RzNumber.parse(target.rz)
            except ValueError:
                return None
            for w in works:
                entry = self.records.entry_with_rz(w.slug, rz)
                if entry is not None:
                    return links.entry_path(entry)
            return None
        if isinstance(target, NormTarget):
            return self.norm_url(target)
        if isinstance(target, DecisionTarget):
            decision = self.decision(target)
            if decision is None:
                return None
            try:
                entry = self.records.entry_with_rz(decision.slug, RzNumber.parse(target.rn)) if target.rn else None
            except ValueError:
                entry = None
            return links.entry_path(entry) if entry is not None else links.work_path(decision.slug)
        return None

    def decision(self, target: DecisionTarget) -> Work | None:
        """The decision a citation names, when it is in the knowledge base (by slug, court and Aktenzeichen, ECLI)."""
        if target.work in self._build.works:
            return self._build.works[target.work]
        return next((self._build.decisions[k] for k in decision_probes(target) if k in self._build.decisions), None)

    # ------------------------------------------------------------------------------ entities, obligations

    def entity_summaries(self, label: str | None = None) -> list[EntitySummary]:
        """One summary per distinct entity (by canonical id), most mentioned first."""
        return self.records.entity_summaries(label)

    def entity(self, entity_id: str) -> EntityDetail | None:
        summaries = self.records.entity_summaries(entity_id=entity_id)
        if not summaries:
            return None
        mentions = [(entry, entry.entities[i]) for entry, i in self.records.entity_mentions(entity_id)]
        return EntityDetail(summaries[0], mentions)

    def has_entity(self, entity_id: str) -> bool:
        """Whether some entry mentions the entity, i.e. whether it has a page (``links.entity_path``) and a
        bearer page (``links.obligations_path``); cheaper than :meth:`entity`, which reads every mention."""
        return bool(self.records.entity_summaries(entity_id=entity_id))

    def bearer_id(self, name: str) -> str | None:
        """The entity id for a bearer NAME: an id as given ("traeger/jobcenter"), or the entity whose canonical
        form or abbreviation matches ("zugelassener kommunaler Träger", "BA")."""
        if "/" in name:
            return name
        wanted = slugify(name)
        for s in self.records.entity_summaries():
            if any(slugify(n) == wanted for n in (s.canonical, s.abbreviation) if n):
                return s.id
        return None

    def obligations(self, bearer_id: str | None = None) -> list[tuple[Entry, Obligation]]:
        return [(entry, entry.obligations[i]) for entry, i in self.records.obligations(bearer_id)]

    # ------------------------------------------------------------------------------ search

    def search(self, query: str, *, page: int = 1, pagelen: int = 10, work: str | None = None,
               budget: float | None = SEARCH_TIME_BUDGET) -> SearchResults:
        """Citation queries jump to their entry (``direct``); everything else is a ranked text search.

        A citation that names no entry is searched as text, and ``citation`` says what it named (a
        :class:`Lookup`: a commentary's § page, or a message and the nearest Randnummern). A bare
        Randnummer ("Rz. 34a") is resolved as :meth:`lookup` does, in ``work`` (the work the reader is on)
        or the only work that has it; when several have it, the hits are its entry in each (corpus order,
        paged) and ``citation.choices`` lists them; when none has it, there are no hits — never a text
        search for "Rz" and "34a". Raises :class:`kb.search.QueryError` for a malformed query, and its
        :class:`kb.search.QueryTooExpensive` when the text search would take longer than ``budget`` seconds
        (None: no limit; see :mod:`kb.limits`).
        """
        text = query.strip()
        if text != _readable(text):
            parse(text)  # raises the QueryError naming where the unreadable character is
        cited = parse_query(text)
        if cited is None and any(ch.isdigit() for ch in text):  # a Randnummer has digits; most searches none
            rest, named = split_work(text)
            bare = parse_rz_query(rest)
            if bare is not None:
                return self._search_rz(text, bare, named or work, page=page, pagelen=pagelen, budget=budget)
        found = self._lookup(text, cited) if cited is not None else None
        if found is not None and found.entry is not None:
            return SearchResults(query=text, direct=found.entry, anchor=found.anchor, total=1, page=1,
                                 pagelen=pagelen, citation=found)
        results = self._build.searcher.search(parse(text), self.entries_by_id, page=page, pagelen=pagelen,
                                              budget=budget)
        return replace(results, citation=found) if found is not None else results

    def _search_rz(self, text: str, bare: RzQuery, work: str | None, *, page: int, pagelen: int,
                   budget: float | None) -> SearchResults:
        found = self._lookup_rz(text, bare, work)
        if found.entry is not None:
            return SearchResults(query=text, direct=found.entry, total=1, page=1, pagelen=pagelen, citation=found)
        if not found.choices:
            return SearchResults(query=text, page=page, pagelen=pagelen, citation=found)
        numbered = self._build.searcher.search(_rz_filter(bare), self.entries_by_id, page=page, pagelen=pagelen,
                                               budget=budget)
        return replace(numbered, query=text, citation=found)


def _rz_filter(bare: RzQuery) -> ParsedQuery:
    """Every entry numbered as ``bare`` asks, whatever its work: ``rz:34a`` (corpus order)."""
    return ParsedQuery(Filter("rz", bare.rz.label), f"rz:{bare.rz.label}", filters_only=True)


_MARKER = re.compile(r"^(?:§|Art\.?|Artikel)\s*")  # "§ 48b", "Art. 3": a cited number's leading marker


def _readable(text: str) -> str:
    """``text`` with each lone surrogate (half a UTF-16 pair: no key, term or SQLite text can hold it) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _law_key(law: str) -> str:
    found = laws.lookup(law)
    return found.key if found else law


__all__ = ["EntityDetail", "EntitySummary", "KnowledgeBase", "KnowledgeBaseMissing", "Lookup"]
