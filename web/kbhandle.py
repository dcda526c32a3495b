"""One knowledge base per app: opened on first use, refreshed on every request."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app, g

if TYPE_CHECKING:
    from kb.store import KnowledgeBase


class KBHandle:
    """Holds the app's :class:`kb.store.KnowledgeBase`.

    Opening is lazy so that the app starts (and explains how to build) when no knowledge
    base exists yet, and picks it up once ``kb build`` has run.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._kb: KnowledgeBase | None = None
        self._lock = threading.Lock()

    def get(self) -> KnowledgeBase:
        """The open knowledge base, refreshed; raises ``kb.store.KnowledgeBaseMissing``."""
        from kb.store import KnowledgeBase

        with self._lock:
            if self._kb is None:
                self._kb = KnowledgeBase.open(self.root)
            else:
                self._kb.refresh()
            return self._kb


def current_kb() -> KnowledgeBase:
    """The knowledge base for this request (refreshed once per request)."""
    if "kb" not in g:
        handle: KBHandle = current_app.extensions["randnummer"]
        g.kb = handle.get()
    return g.kb
