"""Vectorised query evaluation over Whoosh's postings: every match counted, BM25F scored with numpy.

Whoosh scores match by match in Python (~5 µs each), so a frequent term in 100k entries costs
hundreds of milliseconds, and the totals and facets need every match anyway. This module reads a
term's postings as arrays (:mod:`kb.search.whoosh.postings`: memory-mapped for frequent terms,
decoded from Whoosh's blocks for the rest), scores them with the same BM25F formula as
``whoosh.scoring.BM25F`` (idf = log(N / (df + 1)) + 1, B = 0.75, K1 = 1.2, field boosts already in
the weights, Whoosh's own byte-encoded field lengths), and combines queries with sorted-array set
operations. Phrases are chains of look-ups in sorted position keys (``docnum << SHIFT | position``):
the second word at the first word's key + 1, and so on; phrases with slop are narrowed to the
entries with every word and then checked by Whoosh's own phrase matcher. Query nodes it does not
know fall back to Whoosh's matcher (unscored).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from math import log

import numpy as np
from whoosh import query as wq
from whoosh.reading import IndexReader
from whoosh.searching import Searcher as WhooshSearcher
from whoosh.util.numeric import byte_to_length

from kb.limits import MAX_EXPANSIONS
from kb.search.budget import NO_DEADLINE, Deadline
from kb.search.fields import TEXT_FIELDS
from kb.search.query import QueryTooExpensive
from kb.search.whoosh.columns import length_bytes
from kb.search.whoosh.postings import (
    SHIFT,
    HotPostings,
    Postings,
    TermFilter,
    decode,
    decode_positions,
    term_hash,
)

K1 = 1.2
B = 0.75

Result = tuple[np.ndarray, np.ndarray | None]  # sorted unique docnums, scores (None: unscored match)
_EMPTY = np.zeros(0, dtype=np.int64)
_EXPANSIONS = 64  # prefix / fuzzy expansions kept (each at most kb.limits.MAX_EXPANSIONS terms)


class VectorEngine:
    def __init__(self, searcher: WhooshSearcher, hot: Sequence[HotPostings | None] = (),
                 lengths: Mapping[str, np.ndarray] | None = None, terms: Sequence[TermFilter | None] = ()) -> None:
        """``hot``: the memory-mapped postings of each segment (see ``Index.hot_postings``), if any;
        ``lengths``: each text field's length bytes for every document (``Index.columns``; default: read
        from Whoosh); ``terms``: each segment's set of terms (``Index.term_filters``), so that a segment without
        a term is skipped without asking Whoosh."""
        self.searcher = searcher
        self.reader: IndexReader = searcher.reader()
        self.doc_count = self.reader.doc_count_all()
        lut = np.array([byte_to_length(i) for i in range(256)], dtype=np.float64)
        # Per text field and document, BM25's length part K1 * ((1 - B) + B * length / average): a term's scores
        # are then two operations over its postings.
        self.norm: dict[str, np.ndarray] = {}
        self.avg: dict[str, float] = {}
        self.leaves = list(self.reader.leaf_readers())  # (segment reader, its first docnum)
        for field in TEXT_FIELDS:
            raw = (lengths[field] if lengths is not None else
                   np.frombuffer(b"".join(length_bytes(leaf, field) for leaf, _ in self.leaves), dtype=np.uint8))
            self.avg[field] = (self.reader.field_length(field) / self.doc_count) if self.doc_count else 1.0
            self.norm[field] = K1 * ((1 - B) + B * lut[raw] / (self.avg[field] or 1.0))
        # Per segment, the text fields without a single token (no headings in a part, say): skipped at once.
        self.empty = [{f for f in TEXT_FIELDS if f not in leaf.schema or not leaf.field_length(f)}
                      for leaf, _ in self.leaves]
        # prefix / fuzzy query → the Or of its index terms: a search expands each twice (matching, marking)
        self.expansions: OrderedDict[wq.Query, wq.Query] = OrderedDict()
        self.hot = list(hot) or [None] * len(self.leaves)
        if len(self.hot) != len(self.leaves):
            raise ValueError(f"{len(self.hot)} sets of hot postings for {len(self.leaves)} segments")
        self.terms = list(terms) or [None] * len(self.leaves)
        if len(self.terms) != len(self.leaves):
            raise ValueError(f"{len(self.terms)} term sets for {len(self.leaves)} segments")

    @staticmethod
    def usable(searcher: WhooshSearcher) -> bool:
        """Every segment is one of Whoosh's on-disk segments (whose length columns this reads)."""
        return all(hasattr(leaf, "_perdoc") for leaf, _ in searcher.reader().leaf_readers())

    # ------------------------------------------------------------------------------ postings

    def postings(self, field: str, text: str) -> Postings:
        """(docnums, weights) of one term: memory-mapped where the segment has it, else decoded."""
        docs: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        key = term_hash(field, text)
        for (leaf, base), hot, empty, terms in zip(self.leaves, self.hot, self.empty, self.terms, strict=True):
            if field in empty or (terms is not None and key not in terms):
                continue
            found = hot.get(field, text) if hot is not None else None
            d, w = found if found is not None else decode(leaf, field, text)
            if len(d):
                docs.append(d + base if base else d)
                weights.append(w)
        if len(docs) == 1:
            return docs[0], weights[0]
        return (np.concatenate(docs), np.concatenate(weights)) if docs else (_EMPTY, np.zeros(0))

    def known(self, field: str, text: str) -> bool:
        """Is ``text`` a term of ``field`` in any segment?"""
        if all(t is not None for t in self.terms):
            key = term_hash(field, text)
            return any(key in t for t in self.terms if t is not None)
        return self.reader.doc_frequency(field, text) > 0

    def positions(self, field: str, text: str) -> np.ndarray:
        """Sorted ``docnum << SHIFT | position`` keys of one term."""
        keys: list[np.ndarray] = []
        key = term_hash(field, text)
        for (leaf, base), hot, empty, terms in zip(self.leaves, self.hot, self.empty, self.terms, strict=True):
            if field in empty or (terms is not None and key not in terms):
                continue
            found = hot.positions(field, text) if hot is not None else None
            k = found if found is not None else decode_positions(leaf, field, text)
            if len(k):
                keys.append(k + (base << SHIFT) if base else k)
        if len(keys) == 1:
            return keys[0]
        return np.concatenate(keys) if keys else _EMPTY

    def term(self, field: str, text: str, *, boost: float = 1.0) -> Result:
        docs, weights = self.postings(field, text)
        if field not in self.norm:
            return docs, None
        idf = log(self.doc_count / (len(docs) + 1)) + 1
        scores = idf * (weights * (K1 + 1)) / (weights + self.norm[field][docs])
        return docs, scores * boost

    # ------------------------------------------------------------------------------ evaluation

    def evaluate(self, q: wq.Query, deadline: Deadline = NO_DEADLINE) -> Result:
        """Every document ``q`` matches, with its score; checks ``deadline`` at every subquery."""
        deadline.check()
        if isinstance(q, wq.Term):
            text = q.text.decode("utf-8") if isinstance(q.text, bytes) else q.text
            return self.term(q.fieldname, text, boost=q.boost)
        if isinstance(q, wq.And):
            return self._and(q.subqueries, deadline)
        if isinstance(q, wq.Or):
            return _union([self.evaluate(s, deadline) for s in q.subqueries], self.doc_count)
        if isinstance(q, wq.Not):
            raise ValueError("a NOT must stand inside an AND")  # the parser guarantees this
        if isinstance(q, wq.Phrase):
            return self._phrase(q, deadline)
        if isinstance(q, wq.Prefix | wq.FuzzyTerm | wq.Wildcard | wq.TermRange):
            expanded = self.expand(q, deadline)  # an Or of the terms that exist in the index
            return (_EMPTY, None) if expanded is wq.NullQuery else self.evaluate(expanded, deadline)
        if q is wq.NullQuery:
            return _EMPTY, None
        return self._whoosh(q)

    def expand(self, q: wq.Query, deadline: Deadline = NO_DEADLINE) -> wq.Query:
        """:func:`expand`, the last :data:`_EXPANSIONS` kept."""
        found = self.expansions.get(q)
        if found is None:
            found = self.expansions[q] = expand(self.reader, q, deadline)
            if len(self.expansions) > _EXPANSIONS:
                self.expansions.popitem(last=False)
        return found

    def _whoosh(self, q: wq.Query) -> Result:
        docs = np.fromiter(q.docs(self.searcher), dtype=np.int64)
        docs.sort()
        return docs, None

    def _and(self, subs: list[wq.Query], deadline: Deadline = NO_DEADLINE) -> Result:
        positives = [s for s in subs if not isinstance(s, wq.Not)]
        negatives = [s.query for s in subs if isinstance(s, wq.Not)]
        results = sorted((self.evaluate(s, deadline) for s in positives), key=lambda r: len(r[0]))
        if not results:
            return _EMPTY, None
        docs, scores = results[0]
        for other_docs, other_scores in results[1:]:
            if not len(docs):
                break
            docs, scores = _intersect(docs, scores, other_docs, other_scores, self.doc_count)
        for neg in negatives:
            if not len(docs):
                break
            neg_docs, _ = self.evaluate(neg, deadline)
            keep = ~np.isin(docs, neg_docs, assume_unique=True)
            docs = docs[keep]
            scores = scores[keep] if scores is not None else None
        return docs, scores

    def _phrase(self, q: wq.Phrase, deadline: Deadline = NO_DEADLINE) -> Result:
        words = [w.decode("utf-8") if isinstance(w, bytes) else w for w in q.words]
        if len(words) < 2:
            return self._whoosh(q)
        if q.slop <= 1:  # each word right after the one before: follow the position keys
            keys = self.positions(q.fieldname, words[0])
            for w in words[1:]:
                if not len(keys):
                    break
                keys = _follow(keys, self.positions(q.fieldname, w))
            docs = _sorted_unique(keys >> SHIFT)
        else:  # words within a distance: Whoosh's matcher on the entries that have every word
            docs, _ = self._and([wq.Term(q.fieldname, w) for w in words], deadline)
            if len(docs):
                docs = self._confirm(q, docs, deadline)
        if not len(docs):
            return _EMPTY, np.zeros(0)
        # Score as the sum of the words' BM25F scores in the matching entries.
        total = np.zeros(len(docs))
        for w in words:
            t_docs, t_scores = self.term(q.fieldname, w, boost=q.boost)
            if t_scores is not None:
                i_docs, i_term = _locate(docs, t_docs, self.doc_count)
                total[i_docs] += t_scores[i_term]
        return docs, total


    def _confirm(self, q: wq.Query, candidates: np.ndarray, deadline: Deadline = NO_DEADLINE) -> np.ndarray:
        """The candidates Whoosh's own matcher accepts, visiting only them (skip_to jumps blocks)."""
        m = q.matcher(self.searcher)
        keep: list[int] = []
        for n, d in enumerate(candidates.tolist()):
            if not n & 1023:
                deadline.check()
            if not m.is_active():
                break
            if m.id() < d:
                m.skip_to(d)
                if not m.is_active():
                    break
            if m.id() == d:
                keep.append(d)
        return np.array(keep, dtype=np.int64)


def expand(reader: IndexReader, q: wq.Query, deadline: Deadline = NO_DEADLINE) -> wq.Query:
    """A prefix, fuzzy, wildcard or range query as the Or of the index terms it stands for, segment
    by segment. (Whoosh's own ``simplify`` fails on fuzzy matches: its reader hands them back as
    str where bytes are expected.) More than :data:`kb.limits.MAX_EXPANSIONS` terms, or the deadline
    passing while they are listed: :class:`QueryTooExpensive`."""
    if not isinstance(q, wq.MultiTerm):
        return q
    found: dict[str, wq.Query] = {}
    for leaf, _ in reader.leaf_readers():
        for n, text in enumerate(q._btexts(leaf)):
            if not n & 63:
                deadline.check()
            word = text.decode("utf-8") if isinstance(text, bytes) else text
            found[word] = wq.Term(q.fieldname, word, boost=q.boost)
            if len(found) > MAX_EXPANSIONS and not isinstance(q, wq.TermRange):  # a range is one filter, not words
                raise QueryTooExpensive(deadline.query, f": „{_typed(q)}“ steht für mehr als "
                                        f"{MAX_EXPANSIONS:,} Wörter im Index".replace(",", "."))
    if not found:
        return wq.NullQuery
    terms = [found[k] for k in sorted(found)]
    return terms[0] if len(terms) == 1 else wq.Or(terms)


def _typed(q: wq.Query) -> str:
    """A prefix or fuzzy query as the user wrote it (near enough: the analysed stem)."""
    text = getattr(q, "text", "")
    text = text.decode("utf-8") if isinstance(text, bytes) else str(text)
    return f"{text}*" if isinstance(q, wq.Prefix) else f"{text}~" if isinstance(q, wq.FuzzyTerm) else text


def _follow(keys: np.ndarray, following: np.ndarray) -> np.ndarray:
    """The keys of ``following`` that come right after one of ``keys`` (both sorted)."""
    if not len(following) or not len(keys):
        return following[:0]
    wanted = keys + 1
    small, big = (wanted, following) if len(wanted) <= len(following) else (following, wanted)
    if len(small) * 16 < len(big):  # few: binary search in the long list
        idx = np.searchsorted(big, small)
        idx[idx >= len(big)] = len(big) - 1
        return small[big[idx] == small]
    # Two long lists: one merge (a stable sort of two sorted runs is a single merge pass), equal neighbours.
    both = np.concatenate((wanted, following))
    both.sort(kind="stable")
    return both[:-1][both[1:] == both[:-1]]


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """The distinct values of a sorted array (``np.unique`` sorts or hashes again: 20× slower)."""
    if len(values) < 2:
        return values
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def _locate(a: np.ndarray, b: np.ndarray, doc_count: int) -> tuple[np.ndarray, np.ndarray]:
    """Where the documents of sorted ``a`` that are in sorted ``b`` stand in each: (indexes into a, into b).
    Few in ``a``: binary search in ``b``; else a table over all documents (no sorting)."""
    if len(a) * 16 < len(b):
        ib = np.searchsorted(b, a)
        ib[ib >= len(b)] = 0
        found = b[ib] == a if len(b) else np.zeros(len(a), dtype=bool)
        ia = np.flatnonzero(found)
        return ia, ib[ia]
    where = np.full(doc_count, -1, dtype=np.int32)
    where[b] = np.arange(len(b), dtype=np.int32)
    ib = where[a]
    ia = np.flatnonzero(ib >= 0)
    return ia, ib[ia]


def _intersect(a: np.ndarray, sa: np.ndarray | None, b: np.ndarray, sb: np.ndarray | None,
               doc_count: int) -> Result:
    """The documents in both sorted lists, their scores added. A short list is looked up in the long one
    (binary search); two long ones meet in a table over all documents (no sorting)."""
    if len(a) > len(b):
        a, sa, b, sb = b, sb, a, sa
    if not len(a):
        return _EMPTY, (np.zeros(0) if sa is not None or sb is not None else None)
    ia, ib = _locate(a, b, doc_count)
    docs = a[ia]
    if sa is None and sb is None:
        return docs, None
    scores = np.zeros(len(docs))
    if sa is not None:
        scores += sa[ia]
    if sb is not None:
        scores += sb[ib]
    return docs, scores


def _union(results: list[Result], doc_count: int) -> Result:
    results = [r for r in results if len(r[0])]
    if not results:
        return _EMPTY, None
    if len(results) == 1:
        return results[0]
    scored = any(s is not None for _, s in results)
    if sum(len(d) for d, _ in results) * 16 > doc_count:
        # Many matches: a flag and a score per document beat sorting them (each list has unique docnums).
        seen = np.zeros(doc_count, dtype=bool)
        total = np.zeros(doc_count) if scored else None
        for d, sc in results:
            seen[d] = True
            if total is not None and sc is not None:
                total[d] += sc
        docs = np.flatnonzero(seen)
        return docs, (total[docs] if total is not None else None)
    all_docs = np.concatenate([d for d, _ in results])
    order = np.argsort(all_docs, kind="stable")  # (np.unique hashes instead of sorting: many times slower)
    ordered = all_docs[order]
    first = np.empty(len(ordered), dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    docs = ordered[first]
    inverse = np.empty(len(all_docs), dtype=np.int64)
    inverse[order] = np.cumsum(first) - 1
    if not scored:
        return docs, None
    all_scores = np.concatenate([s if s is not None else np.zeros(len(d)) for d, s in results])
    return docs, np.bincount(inverse, weights=all_scores, minlength=len(docs))
