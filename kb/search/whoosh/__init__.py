"""The Whoosh search backend; everything in Randnummer that imports ``whoosh`` lives in this package.

    backend.py    BACKEND: the :class:`kb.search.engine.SearchBackend` (write an index, open a searcher)
    analyzer.py   the German analysis (:mod:`kb.search.analysis`) as a Whoosh analyzer, by name
    schema.py     the Whoosh schema of the index fields (:mod:`kb.search.fields`)
    index.py      writing an index in parts in parallel, opening the parts as one
    postings.py   posting lists as numpy arrays; frequent terms' copies read by slice; each part's term hashes
    columns.py    per-document columns beside each part (entry ids, facet codes, field lengths), memory-mapped
    vector.py     vectorised BM25F evaluation of Whoosh queries over those arrays
    compile.py    the query tree (:mod:`kb.search.tree`) as Whoosh queries
    searcher.py   the searcher: hits, facets, fuzzy expansion, "meinten Sie"
"""

from kb.search.whoosh.backend import BACKEND, WhooshBackend

__all__ = ["BACKEND", "WhooshBackend"]
