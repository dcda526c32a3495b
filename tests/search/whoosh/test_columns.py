"""The per-document columns written beside each index part (:mod:`kb.search.whoosh.columns`): the same values
Whoosh stores, memory-mapped at open, joined across parts, ignored when they belong to another index."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from whoosh.reading import IndexReader

from indexer.build import WorkResult, publish
from kb.model import Entry, RzNumber, Work, WorkKind, entry_id
from kb.search import parse
from kb.search.fields import TEXT_FIELDS
from kb.search.whoosh.columns import COLUMNS_META, FACETS, PartColumns, length_bytes
from kb.search.whoosh.index import PART_PREFIX, open_index, write_index
from kb.search.whoosh.postings import TERMS, term_hash
from kb.search.whoosh.searcher import Searcher
from kb.store import KnowledgeBase
from kb.store.layout import INDEX, current_build

REPO = Path(__file__).resolve().parents[3]
LAWS = ("SGB 2", "SGB 12", "SGB 10")
WORDS = ("Träger", "Zielvereinbarung", "Landkreis", "Leistungen", "Bescheid", "Widerspruch", "Heizung", "Bürgergeld")


def _works(n_works: int, per_work: int, salt: str = "") -> list[WorkResult]:
    out = []
    for w in range(n_works):
        law = LAWS[w % len(LAWS)]
        work = Work(f"kommentar-{w}", f"Kommentar {w}", WorkKind.COMMENTARY if w % 4 else WorkKind.GUIDANCE, law,
                    str(w + 1))
        entries = tuple(
            Entry(entry_id(work.slug, RzNumber(str(i + 1))), work.slug, law, str(w + 1), i,
                  f"{WORDS[(w + i) % len(WORDS)]} und {WORDS[(w * i) % len(WORDS)]} {salt} Nummer {w}-{i}",
                  rz=RzNumber(str(i + 1)))
            for i in range(per_work))
        out.append(WorkResult(work, entries, (), work.slug))
    return out


def _items(works: list[WorkResult]) -> list[tuple[Entry, Work]]:
    return [(e, r.work) for r in works for e in r.entries]


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("columns")
    write_index(folder, _items(_works(7, 9)), parts=3, hot_min_df=3)
    yield folder


def _whoosh_values(reader: IndexReader, name: str) -> list[Any]:
    return [v for leaf, _ in reader.leaf_readers() for v in leaf.column_reader(name)]


def test_columns_hold_whooshs_values_in_document_order(parts: Path) -> None:
    index = open_index(parts)
    try:
        assert len(index.part_dirs) == 3 and all((d / COLUMNS_META).is_file() for d in index.part_dirs)
        opened = [PartColumns.open(d, r.doc_count_all()) for d, r in zip(index.part_dirs, index.part_readers,
                                                                         strict=True)]
        assert all(p is not None and isinstance(p.ids, np.memmap) for p in opened)  # mapped, not read
        columns = index.columns()
        n = index.reader.doc_count_all()
        assert columns.ids(range(n)) == _whoosh_values(index.reader, "id")
        for name in ("law", "work", "kind"):
            codes, table = columns.codes[name], columns.tables[name]
            assert [table[c] for c in codes] == _whoosh_values(index.reader, name)
        laws, paras = _whoosh_values(index.reader, "law"), _whoosh_values(index.reader, "para")
        assert [columns.tables["para"][c] for c in columns.codes["para"]] == list(zip(laws, paras, strict=True))
        for field in TEXT_FIELDS:
            whoosh = b"".join(length_bytes(leaf, field) for leaf, _ in index.reader.leaf_readers())
            assert columns.lengths[field].tobytes() == whoosh
        # one table across the parts, in first-seen corpus order: the law of the first document has code 0
        assert columns.codes["law"][0] == 0 and len(set(columns.tables["law"])) == len(columns.tables["law"])
    finally:
        index.close()


def test_an_index_without_columns_reads_the_same_from_whoosh(parts: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare"
    write_index(bare, _items(_works(7, 9)), parts=3, hot_min_df=3)
    for part in bare.glob(f"{PART_PREFIX}*"):
        (part / COLUMNS_META).unlink()  # an index written before the columns
    with_columns, without = Searcher(parts), Searcher(bare)
    try:
        assert without.columns.ids(range(63)) == with_columns.columns.ids(range(63))
        for name in FACETS:
            assert without.columns.tables[name] == with_columns.columns.tables[name]
            np.testing.assert_array_equal(without.columns.codes[name], with_columns.columns.codes[name])
        for query in ("Träger", "Landkreis Bescheid", 'law:"SGB XII"', "kind:guidance Leistungen"):
            a = with_columns.search(parse(query), _loader(), pagelen=50)
            b = without.search(parse(query), _loader(), pagelen=50)
            assert [h.entry.id for h in a.hits] == [h.entry.id for h in b.hits] and a.total == b.total
            assert a.facets == b.facets
    finally:
        with_columns.close()
        without.close()


def _loader() -> Callable[[list[str]], dict[str, Entry]]:
    by_id = {e.id: e for e, _ in _items(_works(7, 9))}
    return lambda ids: {i: by_id[i] for i in ids}


def test_columns_of_another_index_are_ignored(parts: Path, tmp_path: Path) -> None:
    part = parts / f"{PART_PREFIX}0"
    index = open_index(parts)
    n = index.part_readers[0].doc_count_all()
    index.close()
    assert PartColumns.open(part, n) is not None
    assert PartColumns.open(part, n + 1) is None  # the index beside them has another document count
    broken = tmp_path / "broken"
    broken.mkdir()
    for f in part.iterdir():
        (broken / f.name).write_bytes(f.read_bytes())
    (broken / "col-law.npy").write_bytes(b"not an array")
    assert PartColumns.open(broken, n) is None


def test_facets_and_hits_follow_a_rebuild_with_several_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RANDNUMMER_PART_ENTRIES", "20")
    first = publish(_works(6, 10), tmp_path)
    assert first.ok
    kb = KnowledgeBase.open(tmp_path)
    try:
        assert len(list((kb.path / INDEX).glob(f"{PART_PREFIX}*"))) >= 2
        before = kb.search('law:"SGB II" Bürgergeld')
        assert before.total and {h.entry.law for h in before.hits} == {"SGB 2"}
        # the next build: other works, other laws and texts
        works = [dataclasses.replace(r, work=dataclasses.replace(r.work, law="SGB 12"),
                                     entries=tuple(dataclasses.replace(e, law="SGB 12") for e in r.entries))
                 for r in _works(9, 10, salt="Mehrbedarf")]
        assert publish(works, tmp_path).ok
        assert kb.refresh()
        after = kb.search("Mehrbedarf")
        assert after.total == 90
        assert [(v.value, v.count) for v in after.facets["law"]] == [("SGB 12", 90)]
        assert {h.entry.id for h in after.hits} <= {e.id for r in works for e in r.entries}
        assert kb.search('law:"SGB II" Bürgergeld').total == 0
        assert current_build(tmp_path) == kb.path
    finally:
        kb.close()


def test_opening_a_knowledge_base_and_searching_loads_no_nlp(model_root: Path) -> None:
    """Serving search needs neither spaCy nor the document readers; the citation grammar is compiled only
    when a query is parsed as a citation."""
    script = textwrap.dedent(f"""
        import sys
        from kb.store import KnowledgeBase
        from kb.citations import grammar
        kb = KnowledgeBase.open({str(model_root)!r})
        assert not any("_found" in p.__dict__ for p in grammar._ALL), "grammar compiled at open"
        assert kb.search("Zielvereinbarung").total
        kb.lookup("§ 48b Rz. 34a SGB II")
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc", "bs4", "docx", "pdfminer",
                                                                      "pypdf", "indexer", "web", "torch"))
        assert not heavy, heavy
    """)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_each_part_knows_exactly_its_terms(parts: Path, tmp_path: Path) -> None:
    index = open_index(parts)
    try:
        filters = index.term_filters()
        terms = [{(f, t.decode() if isinstance(t, bytes) else t) for f, t in r.all_terms()} for r in index.part_readers]
        assert all(len(t) > 50 for t in terms) and len(set.union(*terms)) > max(len(t) for t in terms)
        for own, found in zip(terms, filters, strict=True):
            assert found is not None
            assert all(term_hash(f, t) in found for f, t in own)
            assert not any(term_hash(f, t) in found for f, t in set.union(*terms) - own)
    finally:
        index.close()
    # without the hashes (an index written before them) every part is asked, with the same answers
    bare = tmp_path / "bare"
    write_index(bare, _items(_works(7, 9)), parts=3, hot_min_df=3)
    for part in bare.glob(f"{PART_PREFIX}*"):
        (part / TERMS).unlink()
    words = [("träger", "Träger", 9), ("landkreis", "Landkreis", 9), ("bescheid", "Bescheid", 9)]
    with_terms, without = Searcher(parts, vocabulary=lambda: words), Searcher(bare, vocabulary=lambda: words)
    try:
        assert without.engine is not None and without.engine.terms == [None] * 3
        for query in ("Träger", "Landkreis Bescheid", '"Träger und"', "Nummer 3-4", "Tröger", "Landkreis Bescheit",
                      "rz:7"):
            a = with_terms.search(parse(query), _loader(), pagelen=50)
            b = without.search(parse(query), _loader(), pagelen=50)
            assert [(h.entry.id, h.score) for h in a.hits] == [(h.entry.id, h.score) for h in b.hits]
            assert (a.total, a.suggestion) == (b.total, b.suggestion)
        assert with_terms.search(parse("Tröger"), _loader()).suggestion == "Träger"
    finally:
        with_terms.close()
        without.close()
