"""The query tree (:mod:`kb.search.tree`) as Whoosh queries.

A leaf over one field is that field's plain query (``entity:"…"`` is a bare ``Phrase``); over several
text fields it is an ``Or`` of one query per field, which BM25F scores with each field's boost.
"""

from __future__ import annotations

from collections.abc import Callable

from whoosh import query as wq

from kb.limits import FUZZY_SAME_START
from kb.search.tree import And, Filter, Fuzzy, Node, Not, Or, Prefix, Range, Words


def compile(node: Node) -> wq.Query:
    """The Whoosh query that matches what ``node`` means."""
    if isinstance(node, Words):
        terms = list(node.terms)
        if len(terms) == 1:
            return _per_field(node.fields, lambda f: wq.Term(f, terms[0]))
        return _per_field(node.fields, lambda f: wq.Phrase(f, terms, slop=node.slop))
    if isinstance(node, Prefix):
        return _per_field(node.fields, lambda f: wq.Prefix(f, node.stem))
    if isinstance(node, Fuzzy):
        return _per_field(node.fields, lambda f: _fuzzy(f, node))
    if isinstance(node, Filter):
        return wq.Term(node.field, node.value)
    if isinstance(node, Range):
        return wq.TermRange(node.field, node.low, node.high, startexcl=False, endexcl=False)
    if isinstance(node, And):
        return wq.And([compile(c) for c in node.children])
    if isinstance(node, Or):
        return wq.Or([compile(c) for c in node.children])
    if isinstance(node, Not):
        return wq.Not(compile(node.child))
    raise TypeError(f"not a query tree node: {node!r}")


def _per_field(fields: tuple[str, ...], make: Callable[[str], wq.Query]) -> wq.Query:
    return make(fields[0]) if len(fields) == 1 else wq.Or([make(f) for f in fields])


def _fuzzy(field: str, node: Fuzzy) -> wq.Query:
    """Index terms near the stem, or (``also``) the stems of the corpus words near the typed word."""
    near = wq.FuzzyTerm(field, node.term, maxdist=node.distance, prefixlength=FUZZY_SAME_START)
    return wq.Or([near, *(wq.Term(field, t) for t in node.also)]) if node.also else near


__all__ = ["compile"]
