"""The search benchmark's corpus and queries: valid for the knowledge base, also without ../shared/data."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest

from kb.store import KnowledgeBase
from tests.conftest import load_bench


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench("bench_search")


def test_fallback_vocabulary_gives_every_query_kind_and_all_of_them_run(bench: ModuleType, tmp_path: Path) -> None:
    from indexer.build import publish

    sentences = re.split(r"(?<=\.)\s+", bench._FALLBACK)  # what load_sentences() uses without ../shared/data
    entries = bench.make_corpus(400, 7, sentences)
    queries = bench.make_queries(entries, 7, per_kind=6)
    assert {q.kind for q in queries} == set(bench.KINDS) and len(queries) == 6 * len(bench.KINDS)
    assert publish(bench.direct_results(entries), tmp_path / "kb").ok
    with KnowledgeBase.open(tmp_path / "kb") as kb:
        for q in queries:
            result = kb.search(q.text)
            if q.kind == "citation":
                assert result.direct is not None, q.text
            else:
                assert result.total > 0, q.text
