"""Full-text search over a knowledge base, for any search engine: German analysis, a query language,
ranked hits.

Public API: :class:`QueryError`, :func:`parse` (query language → :class:`ParsedQuery`, whose tree is
:mod:`kb.search.tree`), :class:`SearchResults` / :class:`Hit` / :class:`FacetValue`, :func:`snippet` and
:func:`highlight`, and the protocols an engine implements, :class:`SearchBackend` and :class:`Searcher`
(:mod:`kb.search.engine`). The engines live in subpackages (the Whoosh one in ``kb.search.whoosh``)
and are chosen by name through :mod:`kb.backends`; :class:`kb.store.KnowledgeBase` opens a build's
searcher next to its records and adds citation look-up.
"""

from kb.search.engine import SearchBackend, Searcher
from kb.search.query import ParsedQuery, QueryError, QueryTooExpensive, parse
from kb.search.results import FacetValue, Hit, SearchResults
from kb.search.snippets import Highlight, highlight, snippet

__all__ = ["FacetValue", "Highlight", "Hit", "ParsedQuery", "QueryError", "QueryTooExpensive", "SearchBackend",
           "SearchResults", "Searcher", "highlight", "parse", "snippet"]
