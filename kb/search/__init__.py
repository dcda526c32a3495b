"""Full-text search over a knowledge base: German analysis, a query language, ranked hits.

Public API: :class:`QueryError`, :func:`parse` (query language → Whoosh query),
:class:`Searcher` (long-lived, over one build), :class:`SearchResults` / :class:`Hit` /
:class:`FacetValue`, :func:`write_index`. :class:`kb.store.KnowledgeBase` wires them to the record
store and adds citation look-up.
"""

from kb.search.index import write_index
from kb.search.query import QueryError, parse
from kb.search.results import FacetValue, Hit, SearchResults
from kb.search.searcher import Searcher, snippet

__all__ = ["FacetValue", "Hit", "QueryError", "SearchResults", "Searcher", "parse", "snippet", "write_index"]
