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


def test_the_benchmark_runs_end_to_end_at_tiny_sizes_and_draws_the_growth(bench: ModuleType, tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    plot = tmp_path / "growth.png"
    assert bench.main(["--sizes", "200,300", "--per-kind", "3", "--direct", "--plot", str(plot)]) == 0
    out = capsys.readouterr().out
    assert "| at 300 entries | Randnummer | SQLite FTS5 | goal |" in out
    assert "knowledge base on disk" in out and "median hits" in out
    growth = out[out.index("growth with the corpus"):]
    assert "--direct" in growth.splitlines()[0]
    for kind in bench.KINDS:  # a row per kind and size, the second with its growth factors
        rows = [line.split() for line in growth.splitlines() if line.startswith(f"{kind} ")]
        assert [r[1] for r in rows] == ["200", "300"] and len(rows[1]) == len(rows[0]) + 2
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
