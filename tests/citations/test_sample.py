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


COMMENTARY = (
    "Die Vorschrift wurde durch Art. 1 Nr. 15 des Gesetzes zur Weiterentwicklung der Organisation der "
    "Grundsicherung für Arbeitsuchende vom 3. 8. 2010 (BGBl. I S. 1112) eingefügt (vgl. BT-Drs. 17/1555 S. 27). "
    "Abs. 1 Satz 1 regelt die Zielvereinbarungen zwischen dem BMAS und der BA; nach Satz 2 sind die Ziele zu "
    "überprüfen. Abs. 2 bis 4 gelten entsprechend. Zu den Kennzahlen vgl. § 48a Abs. 2 sowie die Rechtsverordnung "
    "nach § 48a Abs. 3 i.V.m. § 13 Abs. 1 Nr. 1 SGB II; ferner oben Rz. 12 ff. und Luik in Eicher/Luik, SGB II, "
    "5. Aufl. 2021, § 48b Rn. 20. Vgl. auch BSG, Urteil vom 16. 5. 2019 – B 4 AS 10/18 R – Rn. 14; § 18 Abs. 1 "
    "SGB III und Art. 91e GG."
)


def test_a_commentary_paragraph_end_to_end() -> None:
    """Relative, bookless, chained, dated and foreign references, a paper and a decision in one realistic paragraph."""
    got = [(c.text, [t.key for t in c.targets]) for c in extract(COMMENTARY, SAMPLE_CONTEXT)]
    assert got == [
        ("Art. 1 Nr. 15 des Gesetzes zur Weiterentwicklung der Organisation der Grundsicherung für Arbeitsuchende "
         "vom 3. 8. 2010 (BGBl. I S. 1112)",
         ["Gesetz zur Weiterentwicklung der Organisation der Grundsicherung für Arbeitsuchende Art. 1 Nr. 15"]),
        ("BT-Drs. 17/1555 S. 27", []),  # a parliamentary paper: recognised, nothing to link
        ("Abs. 1 Satz 1", ["SGB 2 § 48b Abs. 1 Satz 1"]),
        ("Satz 2", ["SGB 2 § 48b Abs. 1 Satz 2"]),
        ("Abs. 2 bis 4", ["SGB 2 § 48b Abs. 2", "SGB 2 § 48b Abs. 3", "SGB 2 § 48b Abs. 4"]),
        ("§ 48a Abs. 2", ["SGB 2 § 48a Abs. 2"]),
        ("§ 48a Abs. 3 i.V.m. § 13 Abs. 1 Nr. 1 SGB II", ["SGB 2 § 48a Abs. 3", "SGB 2 § 13 Abs. 1 Nr. 1"]),
        ("Rz. 12 ff.", ["sgb-2-48b Rz. 12 ff."]),
        # "Luik in Eicher/Luik, SGB II, … § 48b Rn. 20" is another commentary's margin number; "BSG … Rn. 14" a
        # citation of the decision — neither is a Randnummer here
        ("BSG, Urteil vom 16. 5. 2019 – B 4 AS 10/18 R – Rn. 14", ["BSG B 4 AS 10/18 R Rn. 14"]),
        ("§ 18 Abs. 1 SGB III", ["SGB 3 § 18 Abs. 1"]),
        ("Art. 91e GG", ["GG Art. 91e"]),
    ]
