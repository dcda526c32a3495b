"""A long-lived searcher over one knowledge-base build's Whoosh index: ranked hits, snippets, facets,
suggestions (the Whoosh backend's :class:`kb.search.engine.Searcher`)."""

from __future__ import annotations

import os
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import scoring
from whoosh.spelling import ListCorrector

from kb.limits import FUZZY_SAME_START, MAX_SEARCH_PAGELEN, SEARCH_TIME_BUDGET
from kb.model import Entry
from kb.search.analysis import edit_distance, normalize, query_terms
from kb.search.budget import Deadline
from kb.search.engine import EntryLoader, Vocabulary
from kb.search.facets import LIMIT as FACET_LIMIT
from kb.search.facets import facet_values
from kb.search.query import ParsedQuery
from kb.search.results import FacetValue, Hit, SearchResults
from kb.search.snippets import highlight
from kb.search.tree import And, Filter, Fuzzy, Node, Not, Or
from kb.search.whoosh.compile import compile
from kb.search.whoosh.index import open_index
from kb.search.whoosh.vector import VectorEngine, expand

_CACHE_SIZE = 32  # recent queries: matches + scores (~16 bytes per match)


class Searcher:
    """Holds the Whoosh index, one open searcher and per-document facet columns.

    Thread-safe: a lock serialises access to the Whoosh searcher (its readers keep file positions).
    """

    def __init__(self, index_dir: Path, *, work_titles: Mapping[str, str] | None = None,
                 vocabulary: Vocabulary | None = None) -> None:
        self.index = open_index(index_dir)
        self.searcher = self.index.searcher(weighting=scoring.BM25F())
        self.reader = self.searcher.reader()
        self.lock = threading.RLock()
        self.work_titles = work_titles or {}
        self._vocabulary_source = vocabulary
        self._corrector: ListCorrector | None = None
        self._forms: dict[str, tuple[str, int]] = {}
        # Per-document columns, memory-mapped: entry ids, and facet values as integer codes (counting a facet
        # is one bincount over the hits).
        self.columns = self.index.columns()
        self._facet_codes: dict[str, tuple[np.ndarray, list[Any]]] = {
            name: (self.columns.codes[name], self.columns.tables[name]) for name in ("law", "para", "work", "kind")}
        # An entry has several labels: count the few distinct label sets, then add up per label.
        self._label_sets = (self.columns.codes["labels"], self.columns.tables["labels"])
        self._label_values = sorted({lb for v in self._label_sets[1] for lb in v.split()})
        # label set × label: 1 where the set has the label (a facet count is then one matrix product)
        self._label_matrix = np.array([[lb in v.split() for lb in self._label_values] for v in self._label_sets[1]],
                                      dtype=np.int64).reshape(len(self._label_sets[1]), len(self._label_values))
        self._docsets: OrderedDict[Node, tuple[np.ndarray, np.ndarray | None]] = OrderedDict()
        self._masks: dict[Filter, np.ndarray | None] = {}  # ParsedQuery.prefer → a flag per document (few ones)
        # RANDNUMMER_SCORING=whoosh scores match by match in Whoosh (the benchmark's comparison).
        self.engine = (VectorEngine(self.searcher, self.index.hot_postings(), self.columns.lengths,
                                    self.index.term_filters())
                       if VectorEngine.usable(self.searcher) and os.environ.get("RANDNUMMER_SCORING") != "whoosh"
                       else None)

    def close(self) -> None:
        with self.lock:
            self.searcher.close()
            self.index.close()

    @property
    def doc_count(self) -> int:
        return self.reader.doc_count()

    # ------------------------------------------------------------------------------ search

    def search(self, query: ParsedQuery, load: EntryLoader, *, page: int = 1, pagelen: int = 10,
               budget: float | None = SEARCH_TIME_BUDGET) -> SearchResults:
        """One page of hits, the total, facets over all hits, and a "meinten Sie" suggestion when a word is
        unknown (see :class:`kb.search.engine.Searcher`)."""
        page = max(1, page)
        pagelen = max(1, min(pagelen, MAX_SEARCH_PAGELEN))
        with self.lock:
            deadline = Deadline(budget, query.text)  # from here: the wait for the lock is not this query's cost
            deadline.check()
            parsed = self._expand_fuzzy(query, deadline) if query.fuzzy else query
            docs, ranked = self._run(parsed, page, pagelen, deadline)
            total = len(docs)
            ids = self.columns.ids([d for d, _ in ranked])
            facets = self._facets(docs)
            terms = self._highlight_terms(parsed, deadline)
            suggestion = (self._suggest(parsed, deadline) if total == 0 or self._has_unknown_word(parsed)
                          else None)
        entries = load(ids)
        hits = tuple(_hit(entries[i], s, terms) for i, (_, s) in zip(ids, ranked, strict=True) if i in entries)
        return SearchResults(query=parsed.text, hits=hits, total=total, page=page, pagelen=pagelen,
                             facets=facets, suggestion=suggestion)

    def _expand_fuzzy(self, parsed: ParsedQuery, deadline: Deadline) -> ParsedQuery:
        """Fuzzy words are matched against the corpus's surface words, not the stems: "Zielvereinbarnug~"
        is one edit from "Zielvereinbarung", whose stem is then searched (the stem itself is three edits away)."""
        self._load_vocabulary()
        assert self._corrector is not None
        extra: dict[str, list[str]] = {}
        for stem, (word, dist) in parsed.fuzzy.items():
            deadline.check()
            low = word.lower()
            # Whoosh's automaton counts a swap of two letters as two edits; users count one.
            candidates = self._corrector.suggest(low, limit=40, maxdist=dist + 1, prefix=FUZZY_SAME_START)
            near = [w for w in candidates if edit_distance(low, w) <= dist]
            extra[stem] = sorted({normalize(w) for w in near} - {stem})

        def rewrite(node: Node) -> Node:
            if isinstance(node, Fuzzy) and extra.get(node.term):
                return replace(node, also=tuple(extra[node.term]))
            if isinstance(node, And | Or):
                return replace(node, children=tuple(rewrite(c) for c in node.children))
            if isinstance(node, Not):
                return replace(node, child=rewrite(node.child))
            return node

        highlight = parsed.highlight_terms.union(*extra.values())
        return replace(parsed, tree=rewrite(parsed.tree), highlight_terms=highlight)

    def _evaluate(self, key: Node, deadline: Deadline) -> tuple[np.ndarray, np.ndarray | None]:
        """The matching document numbers (sorted) and, with the vector engine, their BM25F scores; cached."""
        cached = self._docsets.get(key)
        if cached is not None:
            self._docsets.move_to_end(key)
            return cached
        query = compile(key)
        if self.engine is not None:
            docs, scores = self.engine.evaluate(query, deadline)
        else:  # Whoosh alone: match-by-match (kept as the measured baseline, see bench/)
            docs = np.fromiter(_checked(query.docs(self.searcher), deadline), dtype=np.int64)
            docs.sort()
            scores = None
        self._docsets[key] = (docs, scores)
        if len(self._docsets) > _CACHE_SIZE:
            self._docsets.popitem(last=False)
        return docs, scores

    def _run(self, parsed: ParsedQuery, page: int, pagelen: int,
             deadline: Deadline) -> tuple[np.ndarray, list[tuple[int, float]]]:
        """All matching document numbers (sorted; for the total and facets) and the requested page,
        ranked by BM25F, the hits matching ``parsed.prefer`` first; filter-only queries keep corpus order
        (work, then position)."""
        key = parsed.tree  # frozen dataclasses of tuples: hashable
        docs, scores = self._evaluate(key, deadline)
        lo, hi = (page - 1) * pagelen, page * pagelen
        if not len(docs) or lo >= len(docs):
            return docs, []
        if parsed.filters_only or (self.engine is not None and (scores is None or not scores.any())):
            return docs, [(int(d), 1.0) for d in docs[lo:hi]]
        preferred = self._preferred(parsed.prefer, docs, deadline)
        if self.engine is None:
            deadline.check()
            return docs, self._whoosh_page(compile(key), parsed.prefer, preferred, lo, hi)
        assert scores is not None
        # The preferred hits outrank every other: lift them above the highest score (the order is all it changes).
        rank = scores + preferred * (float(scores.max()) + 1.0) if preferred is not None else scores
        k = min(hi, len(docs))
        top = np.argpartition(-rank, k - 1)[:k] if k < len(docs) else np.arange(len(docs))
        top = top[np.lexsort((docs[top], -rank[top]))]  # by rank, ties in corpus order
        return docs, [(int(docs[i]), float(scores[i])) for i in top[lo:hi]]

    def _preferred(self, prefer: Filter | None, docs: np.ndarray, deadline: Deadline) -> np.ndarray | None:
        """For each of ``docs``: does it match ``prefer``? None when that splits nothing (all or none do)."""
        if prefer is None:
            return None
        if prefer not in self._masks:  # one flag per document, kept: a look-up per hit, not a set operation per query
            flags = np.zeros(self.doc_count, dtype=bool)
            flags[self._evaluate(prefer, deadline)[0]] = True
            self._masks[prefer] = flags if 0 < int(flags.sum()) < len(flags) else None  # None: splits no result
        every = self._masks[prefer]
        if every is None:
            return None
        mask = every[docs]
        return mask if mask.any() and not mask.all() else None

    def _whoosh_page(self, query: Any, prefer: Filter | None, preferred: np.ndarray | None,
                     lo: int, hi: int) -> list[tuple[int, float]]:
        """Whoosh's own ranking of hits ``lo:hi``: the preferred group (``filter=``) before the rest (``mask=``)."""
        if prefer is None or preferred is None:
            return list(self.searcher.search(query, limit=hi, terms=False).items())[lo:hi]
        first, n_first = compile(prefer), int(preferred.sum())
        ranked: list[tuple[int, float]] = []
        if lo < n_first:
            ranked += list(self.searcher.search(query, limit=min(hi, n_first), filter=first, terms=False).items())[lo:]
        if hi > n_first:
            rest = self.searcher.search(query, limit=hi - n_first, mask=first, terms=False).items()
            ranked += list(rest)[max(0, lo - n_first):]
        return ranked

    def _facets(self, docs: np.ndarray) -> dict[str, tuple[FacetValue, ...]]:
        top = FACET_LIMIT  # the most frequent values of each facet

        def count(name: str) -> list[tuple[Any, int]]:
            """The ``top`` most frequent values among the hits, ties in first-seen order."""
            codes, values = self._facet_codes[name]
            counts = np.bincount(codes[docs], minlength=len(values))
            found = np.flatnonzero(counts)
            best = found[np.argsort(-counts[found], kind="stable")[:top]]
            return [(values[i], int(counts[i])) for i in best]

        set_codes, sets = self._label_sets
        per_label = np.bincount(set_codes[docs], minlength=len(sets)) @ self._label_matrix
        label = Counter({lb: int(n) for lb, n in zip(self._label_values, per_label, strict=True) if n})
        return facet_values(kind=count("kind"), law=count("law"), para=count("para"), work=count("work"),
                            label=label.most_common(top), work_titles=self.work_titles)

    def _highlight_terms(self, parsed: ParsedQuery, deadline: Deadline) -> set[str]:
        """The query's terms, with each prefix and fuzzy word expanded to the index terms it matched in
        any field it searched (a § title matched by "Zielver*" is marked too)."""
        terms = set(parsed.highlight_terms)
        for leaf in parsed.expand:
            for name in leaf.fields:
                one = compile(replace(leaf, fields=(name,)))
                simplified = self.engine.expand(one, deadline) if self.engine else expand(self.reader, one, deadline)
                for fieldname, text in simplified.iter_all_terms():
                    if fieldname == name:
                        terms.add(text.decode("utf-8") if isinstance(text, bytes) else text)
        return terms

    # ------------------------------------------------------------------------------ suggestions

    def _load_vocabulary(self) -> None:
        if self._corrector is not None:
            return
        rows = self._vocabulary_source() if self._vocabulary_source else []
        self._forms = {w: (form, n) for w, form, n in rows}
        self._corrector = ListCorrector(sorted(self._forms))

    def _known(self, term: str) -> bool:
        """Is ``term`` in the index's text?"""
        if self.engine is not None:
            return self.engine.known("text", term)
        return self.reader.doc_frequency("text", term) > 0

    def _has_unknown_word(self, parsed: ParsedQuery) -> bool:
        for word in parsed.words:
            terms = query_terms(word)
            if len(terms) == 1 and not self._known(terms[0]):
                return True
        return False

    def _suggest(self, parsed: ParsedQuery, deadline: Deadline) -> str | None:
        """The query with each word that is absent from the index replaced by its nearest
        frequent neighbour in the index vocabulary, or None when nothing better is known. Only while the
        budget lasts: the hits are found, a suggestion is a bonus."""
        self._load_vocabulary()
        assert self._corrector is not None
        text = parsed.text
        changed = False
        for word in parsed.words:
            if deadline.passed:
                break
            bare = word.rstrip("~0123456789").strip()
            terms = query_terms(bare)
            if len(terms) != 1 or self._known(terms[0]):
                continue
            lower = bare.lower()
            cands = [c for c in self._corrector.suggest(lower, limit=12, maxdist=2) if c != lower]
            if not cands:
                continue
            best = max(cands, key=lambda c: (-edit_distance(lower, c), self._forms[c][1]))
            form = self._forms[best][0]
            text = text.replace(word, form, 1)
            changed = True
        return text if changed else None


def _hit(entry: Entry, score: float, terms: set[str]) -> Hit:
    found = highlight(entry, terms)
    return Hit(entry, score, found.html, found.anchor)


def _checked(docs: Iterable[int], deadline: Deadline) -> Iterator[int]:
    """``docs``, checking the budget every 4096 documents (Whoosh's matcher cannot be interrupted otherwise)."""
    for n, doc in enumerate(docs):
        if not n & 4095:
            deadline.check()
        yield doc


__all__ = ["Searcher"]
