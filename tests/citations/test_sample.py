"""Acceptance on the user's sample: the citations of Rz. 33, 34 and 34a resolve in § 48b SGB II."""

from __future__ import annotations

from kb.citations import annotate, extract, find
from kb.model import CitationKind, NormTarget
from tests.citations.conftest import SAMPLE_CONTEXT


def test_sample_has_three_randnummern(sample_rz: dict[str, str]) -> None:
    assert list(sample_rz) == ["33", "34", "34a"]


def test_rz33_relative_references_resolve_to_48b(sample_rz: dict[str, str]) -> None:
    cits = extract(sample_rz["33"], SAMPLE_CONTEXT)
    assert [c.text for c in cits] == ["Abs. 1 Satz 1 Nr. 4", "Abs. 4"]
    assert [t.key for c in cits for t in c.targets] == ["SGB 2 § 48b Abs. 1 Satz 1 Nr. 4", "SGB 2 § 48b Abs. 4"]
    assert all(c.url == "https://www.gesetze-im-internet.de/sgb_2/__48b.html" for c in cits)
    for c in cits:
        assert sample_rz["33"][c.start:c.end] == c.text


def test_rz34_one_citation_two_targets_in_6a(sample_rz: dict[str, str]) -> None:
    cits = extract(sample_rz["34"], SAMPLE_CONTEXT)
    assert len(cits) == 1
    (c,) = cits
    assert c.kind is CitationKind.NORM
    assert c.text == "§ 6a Abs. 2 Satz 1 Nr. 4 und Abs. 7 Satz 2"
    assert c.targets == (
        NormTarget("SGB 2", "6a", absatz="2", satz="1", nummer="4"),
        NormTarget("SGB 2", "6a", absatz="7", satz="2"),
    )
    assert c.url == "https://www.gesetze-im-internet.de/sgb_2/__6a.html"


def test_rz34a_has_no_citations(sample_rz: dict[str, str]) -> None:
    # "für 2024", "(MV)", "(MS)" are not citations
    assert find(sample_rz["34a"]) == ()


def test_find_leaves_bookless_references_open(sample_rz: dict[str, str]) -> None:
    (c,) = find(sample_rz["34"])
    assert all(isinstance(t, NormTarget) and t.law is None for t in c.targets)
    rel = find(sample_rz["33"])
    assert all(isinstance(t, NormTarget) and t.number == "" for c in rel for t in c.targets)


def test_annotate_sample_links_and_escapes(sample_rz: dict[str, str]) -> None:
    text = sample_rz["34"]
    html = annotate(text, extract(text, SAMPLE_CONTEXT))
    assert html.count('<a href="https://www.gesetze-im-internet.de/sgb_2/__6a.html" class="cite"') == 1
    assert 'data-targets="SGB 2 § 6a Abs. 2 Satz 1 Nr. 4 | SGB 2 § 6a Abs. 7 Satz 2"' in html
