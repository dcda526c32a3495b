"""A search's time budget, for any engine: the searcher starts the clock once it runs the query and checks it
between steps (each term expanded, each subquery evaluated); past the budget the search stops with
:class:`kb.search.QueryTooExpensive` instead of keeping a worker busy (:data:`kb.limits.SEARCH_TIME_BUDGET`)."""

from __future__ import annotations

import time

from kb.search.query import QueryTooExpensive


class Deadline:
    """``seconds`` from now (None: no limit). :meth:`check` raises once it has passed; ``Deadline(0, …)``
    has passed at once, so every search that reaches a check is refused (how tests exercise the refusal)."""

    __slots__ = ("at", "query", "seconds")

    def __init__(self, seconds: float | None, query: str = "") -> None:
        self.seconds = seconds
        self.query = query
        self.at = None if seconds is None else time.monotonic() + seconds

    @property
    def passed(self) -> bool:
        return self.at is not None and time.monotonic() >= self.at

    def check(self) -> None:
        if self.passed:
            raise QueryTooExpensive(self.query, f" (mehr als {self.seconds:g} s)".replace(".", ","))


NO_DEADLINE = Deadline(None)

__all__ = ["NO_DEADLINE", "Deadline"]
