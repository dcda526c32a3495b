"""Commentary first (``ParsedQuery.prefer``) ranks alike in the vectorised engine and in Whoosh's own scoring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kb.search import parse
from kb.search.whoosh.searcher import Searcher
from kb.store import KnowledgeBase
from kb.store.layout import INDEX, current_build


@pytest.fixture(scope="module")
def searchers(model_root: Path) -> Iterator[tuple[Searcher, Searcher]]:
    build = current_build(model_root)
    assert build is not None
    vector = Searcher(build / INDEX)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RANDNUMMER_SCORING", "whoosh")
        whoosh = Searcher(build / INDEX)
    assert vector.engine is not None and whoosh.engine is None
    yield vector, whoosh
    vector.close()
    whoosh.close()


@pytest.mark.parametrize("query", ["Zielvereinbarung", "Vereinbarungen", "Träger", "Träger OR Zielvereinbarung"])
def test_both_engines_put_the_commentary_first_on_every_page(
        searchers: tuple[Searcher, Searcher], model_kb: KnowledgeBase, query: str) -> None:
    parsed = parse(query)
    assert parsed.prefer is not None
    kinds = {w.slug: str(w.kind) for w in model_kb.works()}
    orders = []
    for searcher in searchers:
        ids = [h.entry.id for p in (1, 2, 3, 4) for h in searcher.search(parsed, model_kb.entries_by_id, page=p,
                                                                          pagelen=2).hits]
        ranked = [kinds[i.split("/")[0]] for i in ids]
        assert "statute" in ranked and ranked == sorted(ranked, key=lambda k: k != "commentary"), (query, ids)
        orders.append(ids)
    assert sorted(orders[0]) == sorted(orders[1])
    statute = [i for i in orders[0] if kinds[i.split("/")[0]] == "statute"]
    assert orders[0].index(statute[0]) == orders[1].index(statute[0])  # the same split point
