"""A knowledge base on disk: the build layout, the records protocol and backends, and the read API.

``KnowledgeBase.open(root)`` (:mod:`kb.store.knowledge_base`) is what the CLI and the web read
through; :mod:`kb.store.layout` is the directory of builds; :mod:`kb.store.records` the protocol any
records store implements, :mod:`kb.store.sqlite` the default one.
"""

from kb.search import QueryError
from kb.store.knowledge_base import EntityDetail, KnowledgeBase, KnowledgeBaseMissing, Lookup
from kb.store.layout import default_root
from kb.store.records import EntitySummary

__all__ = [
    "EntityDetail", "EntitySummary", "KnowledgeBase", "KnowledgeBaseMissing", "Lookup", "QueryError", "default_root",
]
