"""German NLP enrichment: entities with canonical forms, and obligations.

Public API (the contract with the build, CLI and web)::

    load_pipeline() -> spacy.Language          # cached; spacy.blank("de") + registered components
    enrich(entries) -> tuple[Entry, ...]        # one work at a time; fills entities and obligations
    analyze(text, citations=None) -> (entities, obligations)    # any text
    chunks.CHUNK_CHARS                          # the most characters spaCy sees at once (longer texts: pieces)
    absatz_of(entry, obligation) -> str | None  # the statute Absatz holding an obligation
"""

from .enrich import absatz_of, analyze, citation_entities, enrich
from .pipeline import build_pipeline, load_pipeline

__all__ = ["absatz_of", "analyze", "build_pipeline", "citation_entities", "enrich", "load_pipeline"]
