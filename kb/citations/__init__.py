"""The citation engine: find, resolve, link and annotate German legal citations.

Each stage is a pure function over the immutable objects of :mod:`kb.model`::

    >>> from kb.citations import Context, extract
    >>> [t.key for c in extract("nach Abs. 4", Context("SGB 2", "48b", "sgb-2-48b")) for t in c.targets]
    ['SGB 2 § 48b Abs. 4']
"""

from kb.citations.annotate import annotate
from kb.citations.find import find
from kb.citations.label import label
from kb.citations.query import CitationQuery, RzQuery, citation_kinds, parse_query, parse_rz_query
from kb.citations.resolve import Context, external_url, extract, link, resolve, sentence_starts
from kb.citations.runs import rz_run

__all__ = [
    "CitationQuery", "Context", "RzQuery", "annotate", "citation_kinds", "external_url", "extract", "find", "label",
    "link", "parse_query", "parse_rz_query", "resolve", "rz_run", "sentence_starts",
]
