"""Long texts in pieces (kb.nlp.chunks): bounded pieces, cut at paragraph breaks, the same results as whole."""

from __future__ import annotations

import itertools

import pytest

from kb.model import Entry
from kb.nlp import analyze, enrich, load_pipeline
from kb.nlp.chunks import CHUNK_CHARS, chunks
from tests.conftest import CORPUS, SAMPLE


@pytest.fixture(scope="module")
def statute_text() -> str:
    """~60,000 characters of SGB X statute text, its §§ separated by blank lines (no Randnummern)."""
    from indexer.sources import parse_path

    texts = [e.text.strip() for e in parse_path(CORPUS / "gesetze" / "sgb_10.xml").entries if e.text.strip()]
    sample = "\n".join(line for line in SAMPLE.read_text("utf-8").splitlines() if not line.startswith("Rz."))
    out, size = [sample], len(sample)  # the sample defines short forms ("(MS)") that later pieces must link
    for t in texts:
        out.append(t)
        size += len(t)
        if size > 60_000:
            break
    return "\n\n".join([*out, sample])


def test_pieces_cover_the_text_bounded_and_cut_at_paragraph_breaks(statute_text: str) -> None:
    pieces = chunks(statute_text, 5_000)
    assert len(pieces) > 10
    assert "".join(p for _, p in pieces) == statute_text
    for offset, piece in pieces:
        assert len(piece) <= 5_000
        assert statute_text[offset:offset + len(piece)] == piece
    for (_, piece), (offset, _) in itertools.pairwise(pieces):
        assert statute_text[offset - 2:offset].endswith("\n") and piece.rstrip(" ").endswith("\n\n")


def test_a_text_without_breaks_is_cut_at_spaces_or_hard() -> None:
    assert [len(p) for _, p in chunks("x" * 25, 10)] == [10, 10, 5]
    pieces = chunks("wort " * 100, 64)
    assert all(p.endswith(" ") for _, p in pieces[:-1]) and "".join(p for _, p in pieces) == "wort " * 100


def test_spacy_never_gets_more_than_one_piece() -> None:
    assert load_pipeline().max_length > CHUNK_CHARS


def test_analyze_in_pieces_equals_whole(statute_text: str) -> None:
    whole = analyze(statute_text)
    pieces = analyze(statute_text, chunk_size=4_000)
    assert len(whole[0]) > 50 and len(whole[1]) > 50  # real work: entities and obligations across the text
    assert pieces == whole
    assert any(e.text == "MS" and e.start > 50_000 for e in pieces[0])  # short form linked across pieces


def test_enrich_of_one_long_entry_in_pieces_equals_whole(statute_text: str) -> None:
    entry = Entry(id="lang/1", work="lang", law="SGB 10", paragraph="1", position=0, text=statute_text)
    whole = enrich([entry])[0]
    pieces = enrich([entry], chunk_size=4_000)[0]
    assert whole.entities and whole.obligations
    assert (pieces.entities, pieces.obligations) == (whole.entities, whole.obligations)
