"""One knowledge base per app: opened on first use, refreshed on every request."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app, g

if TYPE_CHECKING:
    from kb.store import KnowledgeBase


class KBHandle:
    """Holds the app's :class:`kb.store.KnowledgeBase`.

    Opening is lazy so that the app starts (and explains how to build) when no knowledge
    base exists yet, and picks it up once ``kb build`` has run — under gunicorn that is after the
    fork, in each worker, so no worker shares another's file handles.
    """

    def __init__(self, root: Path) -> None:
        from kb.store.layout import CURRENT

        self.root = root
        self._pointer_path = root / CURRENT
        self._kb: KnowledgeBase | None = None
        self._seen: str | None = None  # where ``current`` pointed when the knowledge base was last (re)opened
        self._lock = threading.Lock()

    def _pointer(self) -> str | None:
        try:
            return os.readlink(self._pointer_path)
        except OSError:
            return None

    def get(self) -> KnowledgeBase:
        """The open knowledge base, refreshed; raises ``kb.store.KnowledgeBaseMissing``.

        Per request this costs one ``readlink`` of ``current``: ``kb build`` names every build
        directory uniquely and switches the pointer atomically, so an unchanged link text means the
        same build, and only a changed one is worth :meth:`KnowledgeBase.refresh`.
        """
        from kb.store import KnowledgeBase

        pointer = self._pointer()
        kb = self._kb
        if kb is not None and pointer == self._seen:
            return kb
        with self._lock:
            if self._kb is None:
                self._kb = KnowledgeBase.open(self.root)
            elif pointer != self._seen:
                self._kb.refresh()
            self._seen = pointer
            return self._kb


def current_kb() -> KnowledgeBase:
    """The knowledge base for this request (refreshed once per request)."""
    if "kb" not in g:
        handle: KBHandle = current_app.extensions["randnummer"]
        g.kb = handle.get()
    return g.kb
