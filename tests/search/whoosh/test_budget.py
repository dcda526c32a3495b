"""The Whoosh backend's bounds: a prefix or fuzzy word may stand for at most MAX_EXPANSIONS index terms, and
the budget is checked while terms are listed and subqueries evaluated (vector engine and Whoosh's own alike)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import query as wq

from kb import limits
from kb.search import QueryTooExpensive, parse
from kb.search.budget import Deadline
from kb.search.whoosh.compile import compile
from kb.search.whoosh.searcher import Searcher
from kb.search.whoosh.vector import expand
from kb.store.layout import INDEX, current_build


@pytest.fixture(scope="module")
def searcher(built_kb: Path) -> Iterator[Searcher]:
    build = current_build(built_kb)
    assert build is not None
    opened = Searcher(build / INDEX)
    yield opened
    opened.close()


def test_an_expansion_past_the_limit_is_too_expensive(searcher: Searcher) -> None:
    every = wq.Prefix("text", "")  # every term of the corpus: more than the limit (the parser never asks this)
    assert sum(1 for _ in searcher.reader.lexicon("text")) > limits.MAX_EXPANSIONS
    with pytest.raises(QueryTooExpensive, match=r"„\*“ steht für mehr als 5\.000 Wörter"):
        expand(searcher.reader, every)
    assert isinstance(expand(searcher.reader, wq.Prefix("text", "ver")), wq.Or)  # a common prefix: within it


def test_the_deadline_is_checked_while_terms_are_listed_and_queries_evaluated(searcher: Searcher) -> None:
    with pytest.raises(QueryTooExpensive):
        expand(searcher.reader, wq.Prefix("text", "ver"), Deadline(0, "ver*"))
    assert searcher.engine is not None
    with pytest.raises(QueryTooExpensive):
        searcher.engine.evaluate(compile(parse("Träger Kommune").tree), Deadline(0, "Träger Kommune"))


def test_whoosh_scoring_is_bounded_too(built_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RANDNUMMER_SCORING", "whoosh")
    build = current_build(built_kb)
    assert build is not None
    whoosh = Searcher(build / INDEX)
    try:
        assert whoosh.engine is None
        with pytest.raises(QueryTooExpensive):
            whoosh.search(parse("Träger"), lambda ids: {}, budget=0)
        assert whoosh.search(parse("Träger"), lambda ids: {}, budget=None).total > 0
    finally:
        whoosh.close()
