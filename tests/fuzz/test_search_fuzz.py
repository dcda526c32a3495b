"""Search end to end under fuzzing, on a small real knowledge base (the hand-made model corpus, real Whoosh
index): any query is results or a :class:`QueryError`; the citation look-ups never fail; every hit's snippet
is escaped HTML."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from kb.search import QueryError
from kb.store import KnowledgeBase
from tests.fuzz.settings import fuzz
from tests.fuzz.strategies import CITATION_TEXTS, QUERIES


@fuzz(300)
@given(text=QUERIES, page=st.integers(1, 10**30), work=st.one_of(st.none(), st.sampled_from(["sgb-2-48b", "x", ""])))
@example(text="(" * 300 + "a" + ")" * 300, page=1, work=None)
@example(text="a~2 b~2 c~2 d~2 e~2 f~2 g~2 h~2", page=1, work=None)
@example(text="Träger~2 Kommune~2 Landkreis~2 Bund~2", page=1, work=None)
@example(text="Rz. " * 240, page=1, work=None)
@example(text="Rz. 1", page=10**30, work=None)
@example(text="entity:ort/x\ud800", page=1, work=None)  # found by the long run: a UnicodeEncodeError in Whoosh
def test_search_is_results_or_a_query_error(model_kb: KnowledgeBase, text: str, page: int, work: str | None) -> None:
    try:
        results = model_kb.search(text, page=page, work=work)
    except QueryError as err:
        assert str(err)
        return
    assert results.total >= len(results.hits) >= 0
    for hit in results.hits:
        assert "<script" not in hit.snippet_html


@fuzz(150)
@given(st.one_of(CITATION_TEXTS, QUERIES))
@example("§ 1 " * 2500)
@example("§§ 1, " * 1700)
@example("Rz. \ud800 " * 40)  # found by the long run: a lone surrogate reached SQLite (UnicodeEncodeError)
def test_citation_lookups_never_fail(model_kb: KnowledgeBase, text: str) -> None:
    """``kb show`` / ``/cite`` and ``kb cites`` / ``/cites``: a look-up or "not found", nothing else."""
    found = model_kb.lookup(text)
    assert found.entry is None or found.url
    for key in model_kb.target_keys(text):
        model_kb.backlinks(key)
