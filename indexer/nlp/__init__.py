"""German NLP enrichment: entities with canonical forms, and obligations.

Public API (the contract with the build, CLI and web)::

    load_pipeline() -> spacy.Language          # cached; spacy.blank("de") + registered components
    enrich(entries) -> tuple[Entry, ...]        # one work at a time; fills entities and obligations
    analyze(text) -> (entities, obligations)    # any text
"""

from .enrich import analyze, citation_entities, enrich
from .pipeline import build_pipeline, load_pipeline

__all__ = ["analyze", "build_pipeline", "citation_entities", "enrich", "load_pipeline"]
