"""An index written in parts by several processes answers exactly as one written in one piece."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from kb.search import parse
from kb.search.whoosh.index import PART_PREFIX, plan_parts, write_index
from kb.search.whoosh.searcher import Searcher
from kb.store import KnowledgeBase
from kb.store.layout import INDEX, current_build
from tests.search.whoosh.test_vector import QUERIES

MORE = ["Träger~1", "Zielvereinbarnug~", "Träg*", "label:ORT", "work:sgb-2-48b", "law:\"SGB XII\"",
        '"zugelassenen kommunalen Trägern"', "Vereinbarungen rz:34a", "entity:bmas OR Göttingen", "Lanndkreis"]


@pytest.fixture(scope="module")
def single_and_parts(model_root: Path, model_kb: KnowledgeBase,
                     tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Searcher, Searcher, dict]]:
    build = current_build(model_root)
    assert build is not None
    entries = [e for w in model_kb.works() for e in model_kb.entries(w.slug)]
    works = {w.slug: w for w in model_kb.works()}
    folder = tmp_path_factory.mktemp("parts")
    assert write_index(folder, ((e, works[e.work]) for e in entries), parts=3, hot_min_df=2) == len(entries)
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(PART_PREFIX)) == ["part-0", "part-1", "part-2"]
    single = Searcher(build / INDEX, vocabulary=model_kb.records.vocabulary)
    parts = Searcher(folder, vocabulary=model_kb.records.vocabulary)
    assert len(list(parts.reader.leaf_readers())) == 3
    yield single, parts, {e.id: e for e in entries}
    single.close()
    parts.close()


@pytest.mark.parametrize("query", QUERIES + MORE)
def test_parts_give_the_same_hits_scores_totals_and_facets(single_and_parts: tuple[Searcher, Searcher, dict],
                                                           query: str) -> None:
    single, parts, by_id = single_and_parts

    def load(ids: list[str]) -> dict:
        return {i: by_id[i] for i in ids}

    a, b = single.search(parse(query), load, pagelen=50), parts.search(parse(query), load, pagelen=50)
    assert [h.entry.id for h in a.hits] == [h.entry.id for h in b.hits]
    assert [h.score for h in a.hits] == pytest.approx([h.score for h in b.hits])
    assert [h.snippet_html for h in a.hits] == [h.snippet_html for h in b.hits]
    assert (a.total, a.facets, a.suggestion) == (b.total, b.facets, b.suggestion)


def test_parts_hold_whole_works_with_content_defined_boundaries() -> None:
    works = [(f"w-{i}", 40 + i % 7) for i in range(2000)]
    plan = plan_parts(works, 1000)
    assert plan[0][0] == 0 and plan[-1][1] == len(works)
    assert all(a[1] == b[0] for a, b in pairwise(plan))  # contiguous, every work once
    sizes = [sum(n for _, n in works[a:b]) for a, b in plan]
    assert all(500 <= s <= 1500 + 50 for s in sizes[:-1]) and 60 <= len(plan) <= 120
    # one work grown to 400 entries, one removed, one added: the parts away from them are the same works
    edited = [*works[:500], ("w-500", 400), *works[501:1000], *works[1001:1500], ("new", 45), *works[1500:]]
    before = {tuple(s for s, _ in works[a:b]) for a, b in plan}
    after = {tuple(s for s, _ in edited[a:b]) for a, b in plan_parts(edited, 1000)}
    assert len(before - after) <= 12 and len(after - before) <= 12
