"""The vectorised evaluator agrees with Whoosh: same matches, same BM25F scores, same order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from kb.search import parse
from kb.search.whoosh.compile import compile
from kb.search.whoosh.searcher import Searcher
from kb.store.layout import INDEX, current_build

QUERIES = [
    "Göttingen", "Träger", "Landkreis Göttingen", "Träger OR Sozialhilfe", "Träger -Sozialhilfe",
    '"Landkreis Göttingen"', '"Umsetzung der Bürgergeldreform getroffen"', '"Bundesagentur Daten"~2', "Kennzah*",
    "law:SGB-2 Träger", "rz:30-35 Göttingen", 'cites:"§ 6a Abs. 2" Träger', "(Träger OR Göttingen) -Praxis",
    "Vereinbarung", "Praxis", 'entity:"Landkreis Göttingen"', '"Bundesministerium für Arbeit"',
]


@pytest.fixture(scope="module")
def searchers(model_root: Path, monkeypatch_module: pytest.MonkeyPatch) -> Iterator[tuple[Searcher, Searcher]]:
    build = current_build(model_root)
    assert build is not None
    vector = Searcher(build / INDEX)
    monkeypatch_module.setenv("RANDNUMMER_SCORING", "whoosh")
    whoosh = Searcher(build / INDEX)
    assert vector.engine is not None and whoosh.engine is None
    yield vector, whoosh
    vector.close()
    whoosh.close()


@pytest.fixture(scope="module")
def monkeypatch_module() -> pytest.MonkeyPatch:
    mp = pytest.MonkeyPatch()
    yield mp  # type: ignore[misc]
    mp.undo()


@pytest.mark.parametrize("query", QUERIES)
def test_same_matches_and_scores_as_whoosh(searchers: tuple[Searcher, Searcher], query: str) -> None:
    vector, whoosh = searchers
    parsed = compile(parse(query).tree)
    docs, scores = vector.engine.evaluate(parsed)  # type: ignore[union-attr]
    expected = whoosh.searcher.search(parsed, limit=None)
    assert sorted(docs.tolist()) == sorted(expected.docs())
    if scores is not None and '"' not in query:  # phrases: scored as their words, Whoosh differs on purpose
        by_doc = dict(expected.items())
        # Whoosh adds 1.0 per matching filter term (law:, rz: …) to every match: a constant shift.
        diff = scores - np.array([by_doc[d] for d in docs.tolist()])
        assert np.ptp(diff) < 1e-6 and abs(diff[0] - round(diff[0])) < 1e-6


def test_phrase_of_three_words_needs_all_three_in_a_row(searchers: tuple[Searcher, Searcher]) -> None:
    vector, _ = searchers
    evaluate = vector.engine.evaluate  # type: ignore[union-attr]
    docs, _ = evaluate(compile(parse('"Umsetzung der Bürgergeldreform getroffen"').tree))
    assert len(docs) == 1
    docs, _ = evaluate(compile(parse('"Umsetzung getroffen Bürgergeldreform"').tree))
    assert len(docs) == 0


def test_union_is_the_same_counted_densely_or_by_sorting() -> None:
    from kb.search.whoosh.vector import _union

    rng = np.random.default_rng(3)
    results = [(np.unique(rng.integers(0, 500, size=n)), None) for n in (40, 5, 120)]
    results = [(d, rng.random(len(d)) if i != 1 else None) for i, (d, _) in enumerate(results)]
    sorted_docs, sorted_scores = _union(results, doc_count=10**6)  # few matches: by sorting
    dense_docs, dense_scores = _union(results, doc_count=500)  # many matches: flags per document
    np.testing.assert_array_equal(sorted_docs, dense_docs)
    np.testing.assert_allclose(sorted_scores, dense_scores)
    expected = sorted(set().union(*(d.tolist() for d, _ in results)))
    assert sorted_docs.tolist() == expected
    unscored = [(d, None) for d, _ in results]
    assert _union(unscored, 10**6)[1] is None and _union(unscored, 500)[1] is None
