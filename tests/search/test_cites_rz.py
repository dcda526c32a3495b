"""cites: with a Randnummer: direct citations and runs ("Rz. 33 ff.", "Rz. 33–35") of another commentary."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from indexer.build import WorkResult, publish
from kb.model import Citation, CitationKind, Entry, RzNumber, RzTarget, Work, WorkKind, entry_id
from kb.search import QueryError
from kb.store import KnowledgeBase

C48B = Work("sgb-2-48b", "Kommentar zu § 48b SGB II", WorkKind.COMMENTARY, "SGB 2", "48b")
C6A = Work("sgb-2-6a", "Kommentar zu § 6a SGB II", WorkKind.COMMENTARY, "SGB 2", "6a")


def _entry(work: Work, pos: int, rz: str, text: str, heading: str, *targets: tuple[str, RzTarget]) -> Entry:
    cits = tuple(Citation(CitationKind.RZ, text.index(t), text.index(t) + len(t), t, (target,))
                 for t, target in targets)
    return Entry(entry_id(work.slug, RzNumber(rz)), work.slug, work.law, work.paragraph or "", pos, text,
                 rz=RzNumber(rz), headings=(heading,), citations=cits)


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    c48b = tuple(_entry(C48B, i, rz, f"Text zu Randnummer {rz}.", heading)
                 for i, (rz, heading) in enumerate([("33", "A"), ("34", "A"), ("34a", "A"), ("35", "B"), ("36", "B")]))
    c6a = (
        _entry(C6A, 0, "1", "Dazu § 48b Rz. 33 ff. SGB II.", "I",
               ("§ 48b Rz. 33 ff.", RzTarget("33", "sgb-2-48b", "SGB 2", "48b", following="ff."))),
        _entry(C6A, 1, "2", "Siehe § 48b Rz. 34a–35 SGB II.", "I",
               ("§ 48b Rz. 34a–35", RzTarget("34a", "sgb-2-48b", "SGB 2", "48b", end="35"))),
        _entry(C6A, 2, "3", "Vgl. § 48b Rz. 36 SGB II.", "I",
               ("§ 48b Rz. 36", RzTarget("36", "sgb-2-48b", "SGB 2", "48b"))),
    )
    root = tmp_path_factory.mktemp("cites-rz")
    assert publish([WorkResult(C48B, c48b, (), "a.txt"), WorkResult(C6A, c6a, (), "b.txt")], root).ok
    opened = KnowledgeBase.open(root)
    yield opened
    opened.close()


def _ids(kb: KnowledgeBase, query: str) -> set[str]:
    return {h.entry.id for h in kb.search(query, pagelen=50).hits}


@pytest.mark.parametrize(("rz", "expected"), [
    ("33", {"sgb-2-6a/rz-1"}),                    # the start of "Rz. 33 ff."
    ("34", {"sgb-2-6a/rz-1"}),                    # inside the run (same outline section)
    ("34a", {"sgb-2-6a/rz-1", "sgb-2-6a/rz-2"}),  # in "33 ff." and at the start of "34a–35"
    ("35", {"sgb-2-6a/rz-2"}),                    # "33 ff." ends with section A; "34a–35" ends here
    ("36", {"sgb-2-6a/rz-3"}),
])
def test_cites_finds_direct_citations_and_runs(kb: KnowledgeBase, rz: str, expected: set[str]) -> None:
    assert _ids(kb, f'cites:"§ 48b Rz. {rz} SGB II"') == expected
    assert _ids(kb, f'cites:"§ 48b Rz. {rz}"') == expected  # the law is optional
    assert {e.id for e, _ in kb.cited_by(f"sgb-2-48b Rz. {rz}")} == expected  # the same as the backlinks


def test_cites_of_another_law_or_a_missing_rz_finds_nothing(kb: KnowledgeBase) -> None:
    assert _ids(kb, 'cites:"§ 48b Rz. 34 SGB XII"') == set()
    assert _ids(kb, 'cites:"§ 48b Rz. 99"') == set()


def test_cites_with_a_randnummer_but_no_paragraph_is_a_query_error(kb: KnowledgeBase) -> None:
    with pytest.raises(QueryError, match="cites:"):
        kb.search('cites:"Rz. 34"')
