"""An in-memory backend for both seams — records and search — in plain Python dicts: no SQLite, no Whoosh.

Written only for the tests: it is the proof that :class:`kb.store.records.RecordsBackend` and
:class:`kb.search.engine.SearchBackend` are the whole contract. A build written with it lives in
this process (keyed by its location in the build directory); ``KnowledgeBase.open`` finds it through
the names in ``build.json``, like any other backend.

Search evaluates the engine-neutral query tree (:mod:`kb.search.tree`) over the documents of
:func:`kb.search.fields.document`, with the shared German analysis (:mod:`kb.search.analysis`);
scoring is plain tf·idf with the field boosts — the conformance tests compare what matches, not scores.
"""

from __future__ import annotations

import math
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kb.limits import MAX_SEARCH_PAGELEN, SEARCH_TIME_BUDGET
from kb.model import Entry, RzNumber, Work
from kb.search.analysis import analyze, edit_distance
from kb.search.budget import Deadline
from kb.search.engine import Cited, EntryLoader, Vocabulary
from kb.search.facets import LIMIT, facet_values
from kb.search.fields import BOOSTS, MULTI_VALUE, TEXT_FIELDS, document
from kb.search.query import ParsedQuery
from kb.search.results import Hit, SearchResults
from kb.search.snippets import highlight
from kb.search.tree import And, Filter, Fuzzy, Node, Not, Or, Prefix, Range, Words
from kb.store.records import EntitySummary

_BUILDS: dict[Path, object] = {}  # location → what a writer stored there (this process only)
_LOCK = threading.Lock()


def _store(location: Path, value: object) -> None:
    with _LOCK:
        _BUILDS[location.resolve()] = value


def _load(location: Path) -> object:
    with _LOCK:
        found = _BUILDS.get(location.resolve())
    if found is None:
        raise OSError(f"no in-memory build at {location} (written by another process?)")
    return found


# --------------------------------------------------------------------------- records


@dataclass
class _Records:
    works: list[Work] = field(default_factory=list)
    entries: dict[str, Entry] = field(default_factory=dict)
    by_work: dict[str, list[Entry]] = field(default_factory=dict)
    order: dict[str, tuple[int, int]] = field(default_factory=dict)  # entry id → (work order, position)
    cites: dict[str, list[tuple[str, int]]] = field(default_factory=lambda: defaultdict(list))
    vocabulary: list[tuple[str, str, int]] = field(default_factory=list)


class MemoryRecordWriter:
    def __init__(self, location: Path) -> None:
        self.location = location
        self.records = _Records()

    def carry(self, previous: Path, works: Collection[str]) -> Collection[str]:
        return ()  # every work written again: the simplest correct answer

    def add_work(self, work: Work, entries: Iterable[Entry], cited: Cited) -> None:
        ordinal = len(self.records.works)
        self.records.works.append(work)
        listed = self.records.by_work.setdefault(work.slug, [])
        for entry in entries:
            self.records.entries[entry.id] = entry
            self.records.order[entry.id] = (ordinal, entry.position)
            listed.append(entry)
            for key, ci in cited.get(entry.id, ()):
                self.records.cites[key].append((entry.id, ci))
        listed.sort(key=lambda e: e.position)

    def add_vocabulary(self, rows: Iterable[tuple[str, str, int]]) -> None:
        self.records.vocabulary.extend(rows)

    def close(self) -> None:
        _store(self.location, self.records)

    def abort(self) -> None:
        self.records = _Records()


class MemoryRecords:
    def __init__(self, records: _Records) -> None:
        self.r = records

    def _corpus_order(self, rows: Iterable[tuple[str, int]]) -> list[tuple[Entry, int]]:
        ordered = sorted(set(rows), key=lambda row: (*self.r.order[row[0]], row[1]))
        return [(self.r.entries[eid], index) for eid, index in ordered]

    def works(self) -> list[Work]:
        return list(self.r.works)

    def entry(self, entry_id: str) -> Entry | None:
        return self.r.entries.get(entry_id)

    def entries(self, work: str) -> list[Entry]:
        return list(self.r.by_work.get(work, []))

    def entries_by_id(self, ids: Sequence[str]) -> dict[str, Entry]:
        return {i: self.r.entries[i] for i in ids if i in self.r.entries}

    def neighbours(self, entry_id: str) -> tuple[Entry | None, Entry | None]:
        entry = self.r.entries.get(entry_id)
        if entry is None:
            return None, None
        listed = self.r.by_work[entry.work]
        at = listed.index(entry)
        return (listed[at - 1] if at > 0 else None), (listed[at + 1] if at + 1 < len(listed) else None)

    def entry_with_rz(self, work: str, rz: RzNumber) -> Entry | None:
        return next((e for e in self.r.by_work.get(work, []) if e.rz == rz), None)

    def entry_with_number(self, work: str, number: str) -> Entry | None:
        return next((e for e in self.r.by_work.get(work, []) if e.paragraph.lower() == number.lower()), None)

    def nearest(self, work: str, rz: RzNumber, n: int) -> list[Entry]:
        numbered = sorted((e for e in self.r.by_work.get(work, []) if e.rz is not None),
                          key=lambda e: e.rz.sort_string)  # type: ignore[union-attr]
        below = [e for e in numbered if e.rz.sort_string < rz.sort_string][-n:]  # type: ignore[union-attr]
        above = [e for e in numbered if e.rz.sort_string > rz.sort_string][:n]  # type: ignore[union-attr]
        return [*below, *above]

    def citing(self, key: str) -> list[tuple[Entry, int]]:
        return self._corpus_order(self.r.cites.get(key, []))

    def _mentions(self) -> Iterable[tuple[Entry, int]]:
        for entry in self.r.entries.values():
            yield from ((entry, i) for i in range(len(entry.entities)))

    def entity_summaries(self, label: str | None = None, entity_id: str | None = None) -> list[EntitySummary]:
        grouped: dict[str, list[tuple[Entry, int]]] = defaultdict(list)
        for entry, i in self._mentions():
            ent = entry.entities[i]
            if (label is None or str(ent.label) == label.upper()) and (entity_id is None or ent.id == entity_id):
                grouped[ent.id].append((entry, i))
        out = []
        for eid, rows in grouped.items():
            ents = [e.entities[i] for e, i in rows]
            abbreviations = [x.abbreviation for x in ents if x.abbreviation]
            out.append(EntitySummary(eid, str(ents[0].label), ents[0].canonical, max(abbreviations, default=None),
                                     len(rows), len({e.id for e, _ in rows}), tuple(sorted({x.text for x in ents}))))
        return sorted(out, key=lambda s: (-s.mentions, s.canonical))

    def entity_mentions(self, entity_id: str) -> list[tuple[Entry, int]]:
        return self._corpus_order((e.id, i) for e, i in self._mentions() if e.entities[i].id == entity_id)

    def obligations(self, bearer_id: str | None = None) -> list[tuple[Entry, int]]:
        return self._corpus_order((e.id, i) for e in self.r.entries.values() for i, o in enumerate(e.obligations)
                                  if bearer_id is None or o.bearer_id == bearer_id)

    def vocabulary(self) -> list[tuple[str, str, int]]:
        return list(self.r.vocabulary)

    def close(self) -> None:
        pass


class MemoryRecordsBackend:
    name = "memory"

    def writer(self, location: Path) -> MemoryRecordWriter:
        return MemoryRecordWriter(location)

    def open(self, location: Path) -> MemoryRecords:
        found = _load(location)
        assert isinstance(found, _Records)
        return MemoryRecords(found)


# --------------------------------------------------------------------------- search


@dataclass
class _Index:
    docs: list[dict[str, str]] = field(default_factory=list)  # in corpus order: the document number is the index
    # per text field: document → term → positions
    postings: dict[str, list[dict[str, list[int]]]] = field(default_factory=dict)
    lengths: dict[str, list[int]] = field(default_factory=dict)


class MemorySearcher:
    def __init__(self, index: _Index, work_titles: Mapping[str, str]) -> None:
        self.ix = index
        self.work_titles = dict(work_titles)
        self.n = len(index.docs)

    def search(self, query: ParsedQuery, load: EntryLoader, *, page: int = 1, pagelen: int = 10,
               budget: float | None = SEARCH_TIME_BUDGET) -> SearchResults:
        page, pagelen = max(1, page), max(1, min(pagelen, MAX_SEARCH_PAGELEN))
        Deadline(budget, query.text).check()  # evaluation here is one pass: the budget is checked once, up front
        scores = self._eval(query.tree)
        # filter-only queries keep corpus order; otherwise the preferred first, then by score, ties in corpus order
        preferred = self._eval(query.prefer) if query.prefer is not None else {}
        ranked = sorted(scores) if query.filters_only else sorted(
            scores, key=lambda d: (d not in preferred, -scores[d], d))
        shown = ranked[(page - 1) * pagelen:page * pagelen]
        ids = [self.ix.docs[d]["id"] for d in shown]
        entries = load(ids)
        terms = set(query.highlight_terms) | self._expanded(query)
        hits = tuple(_hit(entries[i], 1.0 if query.filters_only else scores[d], terms)
                     for d, i in zip(shown, ids, strict=True) if i in entries)
        return SearchResults(query=query.text, hits=hits, total=len(scores), page=page, pagelen=pagelen,
                             facets=self._facets(sorted(scores)))

    def close(self) -> None:
        pass

    def _expanded(self, query: ParsedQuery) -> set[str]:
        """The index terms the query's prefix and fuzzy words matched, in any field they searched (to mark)."""
        found: set[str] = set()
        for leaf in query.expand:
            accept = _accepts(leaf)
            for f in leaf.fields:
                for positions in self.ix.postings.get(f, []):
                    found.update(t for t in positions if accept(t))
        return found

    # -- evaluation: document number → score ----------------------------------------------------

    def _eval(self, node: Node) -> dict[int, float]:
        if isinstance(node, And):
            positive = [self._eval(c) for c in node.children if not isinstance(c, Not)]
            result = positive[0]
            for other in positive[1:]:
                result = {d: s + other[d] for d, s in result.items() if d in other}
            for neg in (c for c in node.children if isinstance(c, Not)):
                excluded = self._eval(neg.child)
                result = {d: s for d, s in result.items() if d not in excluded}
            return result
        if isinstance(node, Or):
            total: Counter[int] = Counter()
            for child in node.children:
                total.update(self._eval(child))
            return dict(total)
        if isinstance(node, Words):
            return self._words(node.terms, node.fields, node.slop)
        if isinstance(node, Prefix | Fuzzy):
            return self._any_term(node.fields, _accepts(node))
        if isinstance(node, Filter):
            sep = MULTI_VALUE.get(node.field)
            return {d: 1.0 for d, doc in enumerate(self.ix.docs)
                    if node.value in (doc.get(node.field, "").split(sep) if sep else (doc.get(node.field),))}
        if isinstance(node, Range):
            return {d: 1.0 for d, doc in enumerate(self.ix.docs)
                    if node.field in doc and node.low <= doc[node.field] <= node.high}
        raise TypeError(f"a {type(node).__name__} cannot stand alone")

    def _score(self, field_name: str, d: int, tf: int, df: int) -> float:
        return BOOSTS.get(field_name, 1.0) * tf * (math.log(self.n / (df + 1)) + 1)

    def _words(self, terms: tuple[str, ...], fields: tuple[str, ...], slop: int) -> dict[int, float]:
        out: Counter[int] = Counter()
        for f in fields:
            per_doc = self.ix.postings.get(f, [])
            df = {t: sum(1 for p in per_doc if t in p) for t in terms}
            for d, positions in enumerate(per_doc):
                if not all(t in positions for t in terms) or not _in_a_row(positions, terms, slop):
                    continue
                out[d] += sum(self._score(f, d, len(positions[t]), df[t]) for t in terms)
        return dict(out)

    def _any_term(self, fields: tuple[str, ...], accept) -> dict[int, float]:  # type: ignore[no-untyped-def]
        out: Counter[int] = Counter()
        for f in fields:
            for d, positions in enumerate(self.ix.postings.get(f, [])):
                found = [t for t in positions if accept(t)]
                out.update({d: sum(len(positions[t]) for t in found)} if found else {})
        return dict(out)

    def _facets(self, docs: list[int]) -> dict:  # type: ignore[type-arg]
        def top(counter: Counter) -> list:  # type: ignore[type-arg]
            first_seen = {v: i for i, v in reversed(list(enumerate(counter)))}
            return sorted(counter.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))[:LIMIT]

        kind, law, para, work, label = Counter(), Counter(), Counter(), Counter(), Counter()  # type: ignore[var-annotated]
        for d in docs:
            doc = self.ix.docs[d]
            kind[doc.get("kind", "")] += 1
            law[doc.get("law", "")] += 1
            para[(doc.get("law", ""), doc.get("para", ""))] += 1
            work[doc["work"]] += 1
            label.update(doc.get("labels", "").split())
        return facet_values(kind=top(kind), law=top(law), para=top(para), work=top(work), label=top(label),
                            work_titles=self.work_titles)


def _accepts(leaf: Prefix | Fuzzy) -> Callable[[str], bool]:
    """Which index terms a prefix or fuzzy word matches."""
    if isinstance(leaf, Prefix):
        return lambda t: t.startswith(leaf.stem)
    also = set(leaf.also)
    return lambda t: t in also or (t[:1] == leaf.term[:1] and edit_distance(t, leaf.term) <= leaf.distance)


def _hit(entry: Entry, score: float, terms: set[str]) -> Hit:
    found = highlight(entry, terms)
    return Hit(entry, score, found.html, found.anchor)


def _in_a_row(positions: dict[str, list[int]], terms: tuple[str, ...], slop: int) -> bool:
    """Each term 1 to ``slop`` positions after the one before (a single term always matches)."""
    starts = set(positions[terms[0]])
    for term in terms[1:]:
        starts = {p for p in positions[term] if any(1 <= p - s <= max(slop, 1) for s in starts)}
        if not starts:
            return False
    return True


class MemorySearchBackend:
    name = "memory"

    def write(self, location: Path, items: Sequence[tuple[Entry, Work]], cited: Cited, *,
              procs: int | None = None, previous: Path | None = None, unchanged: Collection[str] = (),
              stats: Counter[str] | None = None, progress: Callable[[int], None] | None = None,
              meanwhile: Callable[[], None] | None = None) -> int:  # carries nothing over: writes the whole index
        if meanwhile is not None:
            meanwhile()
        index = _Index(postings={f: [] for f in TEXT_FIELDS}, lengths={f: [] for f in TEXT_FIELDS})
        for entry, work in items:
            doc = document(entry, work, (key for key, _ in cited.get(entry.id, ())))
            index.docs.append(doc)
            for f in TEXT_FIELDS:
                positions: dict[str, list[int]] = defaultdict(list)
                for token in analyze(doc.get(f, ""), "index"):
                    positions[token.text].append(token.pos)
                index.postings[f].append(dict(positions))
                index.lengths[f].append(sum(len(p) for p in positions.values()))
        _store(location, index)
        if stats is not None:
            stats["written"] += 1
        if progress is not None:
            progress(len(index.docs))
        return len(index.docs)

    def open(self, location: Path, *, work_titles: Mapping[str, str], vocabulary: Vocabulary) -> MemorySearcher:
        found = _load(location)
        assert isinstance(found, _Index)
        return MemorySearcher(found, work_titles)


RECORDS = MemoryRecordsBackend()
SEARCH = MemorySearchBackend()

__all__ = ["RECORDS", "SEARCH", "MemoryRecordsBackend", "MemorySearchBackend"]
