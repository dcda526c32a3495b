"""The Whoosh backend through the engine protocol: what it writes and opens answers as the knowledge base does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kb.citations.keys import filed_keys, numbered_entries
from kb.search import Searcher, parse
from kb.search.whoosh import BACKEND
from kb.store import KnowledgeBase
from tests.search.whoosh.test_parts import MORE
from tests.search.whoosh.test_vector import QUERIES


@pytest.fixture(scope="module")
def searcher(model_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Searcher]:
    works = {w.slug: w for w in model_kb.works()}
    items = [(e, works[e.work]) for w in works.values() for e in model_kb.entries(w.slug)]
    numbered = numbered_entries([e for e, _ in items])
    cited = {e.id: filed_keys(e, numbered) for e, _ in items}
    folder = tmp_path_factory.mktemp("backend")
    assert BACKEND.name == "whoosh"
    assert BACKEND.write(folder, items, cited) == len(items)
    opened = BACKEND.open(folder, work_titles={w.slug: w.title for w in works.values()},
                          vocabulary=model_kb.records.vocabulary)
    yield opened
    opened.close()


@pytest.mark.parametrize("query", [*QUERIES, *MORE])
def test_written_and_opened_through_the_protocol(searcher: Searcher, model_kb: KnowledgeBase, query: str) -> None:
    got = searcher.search(parse(query), model_kb.entries_by_id, pagelen=50)
    expected = model_kb.search(query, pagelen=50)
    assert [(h.entry.id, h.snippet_html) for h in got.hits] == [(h.entry.id, h.snippet_html) for h in expected.hits]
    assert [h.score for h in got.hits] == pytest.approx([h.score for h in expected.hits])
    assert (got.total, got.facets, got.suggestion) == (expected.total, expected.facets, expected.suggestion)
