"""The part writer's fast paths give Whoosh exactly what its own code paths give."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from whoosh import index as windex

from kb.search.whoosh.index import INDEX_NAME, _FastTerms, _Lengths, write_index
from kb.search.whoosh.schema import build_schema
from tests.search.model_corpus import works

TEXTS = [
    "Der Leistungsberechtigte muss die Eingliederungsvereinbarung unterschreiben; die Eingliederung scheitert.",
    "und oder der die das",  # stop words only
    "Sozialgericht Sozialgerichtsbarkeit Sozialgericht — Goettingen, Göttingen, Straße, Strasse 12 § 6a",
    "",
]


def test_fast_terms_equal_whoosh_positions_items() -> None:
    for name in ("german", "german-plain"):
        schema = build_schema(name)
        fields = [f for _, f in schema.items() if _FastTerms.fits(f)]
        assert {n for n, f in schema.items() if _FastTerms.fits(f)} == {"text", "headings", "entities"}
        for field in fields:
            for text in TEXTS:
                assert _FastTerms(field)(text) == list(field.index(text))


def test_lengths_equal_the_segment_reader(tmp_path: Path) -> None:
    entries = [e for r in works() for e in r.entries]
    write_index(tmp_path / "ix", [(e, None) for e in entries], parts=1)
    ix = windex.open_dir(str(tmp_path / "ix" / "part-0"), indexname=INDEX_NAME)
    with ix.reader() as reader:
        segment_reader = reader.segment().codec().per_document_reader(ix.storage, reader.segment())
        fast = _Lengths(segment_reader)
        try:
            for field in ("text", "headings", "entities", "id", "kind", "cites"):
                for doc in range(reader.doc_count_all()):
                    assert fast.doc_field_length(doc, field) == segment_reader.doc_field_length(doc, field)
            assert any(fast.doc_field_length(d, "text") for d in range(reader.doc_count_all()))
        finally:
            segment_reader.close()
    ix.close()


def _contents(directory: Path) -> list[tuple[str, list[bytes]]]:
    """Each part's file contents (segment names are random, the TOC names them)."""
    return [(p.name, sorted(f.read_bytes() for f in p.iterdir() if f.is_file() and not f.name.endswith(".toc")))
            for p in sorted(directory.glob("part-*"))]


def test_meanwhile_runs_here_while_workers_write_the_same_parts(tmp_path: Path) -> None:
    items = [(e, r.work) for r in works() for e in r.entries]
    calls: list[int] = []
    seen: list[int] = []
    n = write_index(tmp_path / "with", items, parts=2, meanwhile=lambda: calls.append(os.getpid()),
                    progress=seen.append)
    write_index(tmp_path / "without", items, parts=2)
    assert calls == [os.getpid()] and sorted(seen) == sorted([-(-n // 2), n - -(-n // 2)])
    assert _contents(tmp_path / "with") == _contents(tmp_path / "without")


def test_a_failing_meanwhile_fails_the_write(tmp_path: Path) -> None:
    def fail() -> None:
        raise RuntimeError("records failed")

    items = [(e, r.work) for r in works() for e in r.entries]
    with pytest.raises(RuntimeError, match="records failed"):
        write_index(tmp_path / "ix", items, parts=2, meanwhile=fail)
