"""Randnummer's ground floor: the model, citations, runtime NLP, annotation, links and the read API.

Nothing here imports the build (``indexer``), the web app (``web``) or the CLI (``cli``). The one-call
API for any text is :func:`kb.annotate` (= :func:`kb.annotation.annotate`, loaded on first use: it
brings spaCy).
"""

from __future__ import annotations

from typing import Any

__all__ = ["Annotation", "annotate"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from kb import annotation

        return getattr(annotation, name)
    raise AttributeError(f"module 'kb' has no attribute {name!r}")
