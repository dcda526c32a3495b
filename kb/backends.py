"""Storage and search engines by name: which implementation writes and reads a build.

A build records the names it was written with (``build.json``: ``"records"``, ``"search"``), and the
read API opens it with the same ones. Built-in: records in SQLite (``"sqlite"``), search with Whoosh
(``"whoosh"``), each imported when a build first uses it. Another engine is one
:func:`register_records` / :func:`register_search` call with an object implementing
:class:`kb.store.records.RecordsBackend` / :class:`kb.search.engine.SearchBackend`; no caller changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from kb.search.engine import SearchBackend
    from kb.store.records import RecordsBackend

DEFAULT_RECORDS = "sqlite"
DEFAULT_SEARCH = "whoosh"

B = TypeVar("B")


class UnknownBackend(ValueError):
    """A build names a backend this installation does not have."""


def _sqlite() -> RecordsBackend:
    from kb.store.sqlite import BACKEND

    return BACKEND


def _whoosh() -> SearchBackend:
    from kb.search.whoosh import BACKEND

    return BACKEND


_RECORD_LOADERS: dict[str, Callable[[], RecordsBackend]] = {"sqlite": _sqlite}
_SEARCH_LOADERS: dict[str, Callable[[], SearchBackend]] = {"whoosh": _whoosh}
_RECORDS: dict[str, RecordsBackend] = {}
_SEARCH: dict[str, SearchBackend] = {}


def register_records(backend: RecordsBackend) -> None:
    _RECORDS[backend.name] = backend


def register_search(backend: SearchBackend) -> None:
    _SEARCH[backend.name] = backend


def records_backend(name: str = DEFAULT_RECORDS) -> RecordsBackend:
    return _get(_RECORDS, _RECORD_LOADERS, name, "records")


def search_backend(name: str = DEFAULT_SEARCH) -> SearchBackend:
    return _get(_SEARCH, _SEARCH_LOADERS, name, "search")


def _get(loaded: dict[str, B], loaders: dict[str, Callable[[], B]], name: str, side: str) -> B:
    if name not in loaded and name in loaders:
        loaded[name] = loaders[name]()
    if name not in loaded:
        known = ", ".join(sorted({*loaded, *loaders}))
        raise UnknownBackend(f"unknown {side} backend {name!r} (this installation has: {known})")
    return loaded[name]


__all__ = ["DEFAULT_RECORDS", "DEFAULT_SEARCH", "UnknownBackend", "records_backend", "register_records",
           "register_search", "search_backend"]
