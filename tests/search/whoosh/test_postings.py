"""The memory-mapped postings and positions of frequent terms give the same answers as Whoosh's
own posting lists and phrase matcher."""

from __future__ import annotations

import random
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from whoosh import query as wq

from kb.model import Entry, RzNumber, Work, WorkKind, entry_id
from kb.search.analysis import WORD, query_terms
from kb.search.whoosh.index import PART_PREFIX, open_index, write_index
from kb.search.whoosh.postings import HOT_TABLE, HotPostings, decode, decode_positions
from kb.search.whoosh.vector import VectorEngine

SENTENCES = [
    "Der zugelassene kommunale Träger schließt mit der Landesbehörde eine Zielvereinbarung.",
    "Die Zielvereinbarung mit dem Landkreis Göttingen betrifft die Leistungen zur Eingliederung in Arbeit.",
    "Die Vereinbarung über die Leistungen wird jährlich geschlossen.",
    "Der Landkreis Göttingen ist zugelassener kommunaler Träger.",
    "Die Bundesagentur für Arbeit erbringt Leistungen nach diesem Buch.",
    "Erwerbsfähige Leistungsberechtigte erhalten Bürgergeld, soweit sie hilfebedürftig sind.",
    "Die Kosten der Unterkunft und Heizung werden in Höhe der tatsächlichen Aufwendungen anerkannt.",
    "Der Träger prüft die Vereinbarung und die Trägerschaft des Landkreises.",
]
WORK = Work("bench-1", "Kommentar", WorkKind.COMMENTARY, "SGB 2", "1")


def _entries(n: int, seed: int = 7) -> list[tuple[Entry, Work]]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        text = " ".join(rnd.choice(SENTENCES) for _ in range(rnd.randint(1, 4)))
        rz = RzNumber(str(i + 1))
        out.append((Entry(entry_id(WORK.slug, rz), WORK.slug, WORK.law, "1", i, text, rz=rz), WORK))
    return out


def _phrases(entries: list[tuple[Entry, Work]]) -> list[list[str]]:
    """Every neighbouring pair and triple of words in the texts, reversed pairs, and compound parts."""
    words = [w for s in SENTENCES for w in WORD.findall(s)]
    out = [[a, b] for a, b in pairwise(words)] + [[b, a] for a, b in pairwise(words)]
    out += [list(t) for t in zip(words, words[1:], words[2:], strict=False)]
    out += [["Vereinbarung", "mit"], ["Vereinbarung", "Landkreis"], ["Schaft", "Landkreises"]]
    terms = [[t for w in p for t in query_terms(w)] for p in out]
    return [t for t in terms if len(t) >= 2]


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, VectorEngine]]:
    entries = _entries(120)
    engines = {}
    opened = []
    for name, min_df in (("hot", 5), ("cold", 10**9)):
        folder = tmp_path_factory.mktemp(name)
        write_index(folder, entries, hot_min_df=min_df)
        index = open_index(folder)
        opened.append(index)
        engines[name] = VectorEngine(index.searcher(), index.hot_postings())
    yield engines
    for index in opened:
        index.close()


@pytest.mark.parametrize("name", ["hot", "cold"])
def test_phrases_match_what_whooshs_phrase_matcher_matches(indexes: dict[str, VectorEngine], name: str) -> None:
    engine = indexes[name]
    assert (engine.hot[0] is not None and len(engine.hot[0].table) > 20) == (name == "hot")
    checked = 0
    for terms in _phrases(_entries(120)):
        q = wq.Phrase("text", terms)
        expected = sorted(q.docs(engine.searcher))
        docs, _ = engine.evaluate(q)
        assert docs.tolist() == expected, terms
        checked += bool(expected)
    assert checked > 50


def test_hot_postings_equal_whoosh_postings(indexes: dict[str, VectorEngine]) -> None:
    engine = indexes["hot"]
    table = engine.hot[0]
    assert table is not None and len(table.table) > 20
    for key in table.table:
        field, text = key.split("\t")
        hot = table.get(field, text)
        assert hot is not None
        whoosh_docs, whoosh_weights = decode(engine.reader, field, text)
        assert len(hot[0]) >= 5
        np.testing.assert_array_equal(hot[0], whoosh_docs)
        np.testing.assert_array_equal(hot[1], whoosh_weights)
        keys = table.positions(field, text)
        assert keys is not None
        if engine.reader.schema[field].format.supports("positions"):
            np.testing.assert_array_equal(keys, decode_positions(engine.reader, field, text))
            assert len(keys) >= len(hot[0]) and np.all(np.diff(keys) > 0)
        else:  # filter fields (law:, work: …) have postings only
            assert len(keys) == 0
    assert {key.split("\t")[0] for key in table.table} >= {"text", "law", "work", "para"}


def test_hot_postings_of_another_index_are_ignored(tmp_path: Path) -> None:
    write_index(tmp_path, _entries(30), hot_min_df=2)
    tmp_path = tmp_path / f"{PART_PREFIX}0"
    assert HotPostings.open(tmp_path, 30) is not None
    assert HotPostings.open(tmp_path, 31) is None
    (tmp_path / HOT_TABLE).write_text("{not json", "utf-8")
    assert HotPostings.open(tmp_path, 30) is None
    (tmp_path / HOT_TABLE).unlink()
    assert HotPostings.open(tmp_path, 30) is None


def test_the_arrays_are_stored_in_the_narrowest_exact_dtype(tmp_path: Path) -> None:
    from kb.search.whoosh.postings import HOT_DOCS, _narrowest

    counts = np.array([1, 2, 7, 255], dtype=np.float32)
    assert _narrowest(counts).dtype == np.uint8
    halves = np.array([2.5, 5.0, 7.5, 300.0], dtype=np.float32)  # the headings' boost times a count
    assert _narrowest(halves).dtype == np.float16
    for odd in (np.array([1.8, 3.6], dtype=np.float32), np.array([256.0, 1.0], dtype=np.float32) * 300):
        assert _narrowest(odd).dtype == np.float32
        np.testing.assert_array_equal(_narrowest(odd), odd)
    write_index(tmp_path, _entries(30), hot_min_df=2)
    assert np.load(tmp_path / f"{PART_PREFIX}0" / HOT_DOCS).dtype == np.uint16  # 30 documents


def test_compact_positions_read_back_as_whooshs_own_format() -> None:
    from whoosh.formats import Positions

    from kb.search.whoosh.positions import CompactPositions

    ours, theirs = CompactPositions(field_boost=2.5), Positions(field_boost=2.5)
    rnd = random.Random(3)
    cases = [[0], [5], [0, 1, 2], [3, 3], [255, 600], [70_000], sorted(rnd.sample(range(5000), 40))]
    for poslist in cases:
        value = ours.encode(poslist)
        assert ours.decode_positions(value) == theirs.decode_positions(theirs.encode(poslist)) == poslist
        assert ours.decode_frequency(value) == len(poslist)
        assert ours.decode_weight(value) == 2.5 * len(poslist)
        assert len(value) < len(theirs.encode(poslist))
    assert ours.decode_positions(ours.combine([ours.encode([1, 4]), ours.encode([2, 4])])) == [1, 2, 4]
