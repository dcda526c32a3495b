"""Search over real Whoosh indexes on disk: the built corpus (acceptance) and the model corpus."""

from __future__ import annotations

import re

import pytest

from kb.search import QueryError, compounds
from kb.store import KnowledgeBase

needs_wordlist = pytest.mark.skipif(not compounds.available(),
                                    reason=f"German word list absent: {compounds.wordlist_path()} (Debian wngerman)")


def ids(kb: KnowledgeBase, query: str, **kw: int) -> list[str]:
    return [h.entry.id for h in kb.search(query, **kw).hits]


# ----------------------------------------------------------------------------- acceptance on corpus/


def test_landkreis_goettingen_ranks_rz_34a_first(corpus_kb: KnowledgeBase) -> None:
    res = corpus_kb.search("Landkreis Göttingen")
    assert res.direct is None
    assert res.hits[0].entry.id == "sgb-2-48b/rz-34a"
    assert "<mark>Landkreis</mark> <mark>Göttingen</mark>" in res.hits[0].snippet_html


def test_zielvereinbarung_finds_rz_34_by_stemming(corpus_kb: KnowledgeBase) -> None:
    found = ids(corpus_kb, "Zielvereinbarung", pagelen=50)
    assert "sgb-2-48b/rz-34" in found
    rz34 = next(h for h in corpus_kb.search("Zielvereinbarung", pagelen=50).hits if h.entry.id == "sgb-2-48b/rz-34")
    assert re.search(r"<mark>Zielvereinbarung(en)?</mark>", rz34.snippet_html)


@pytest.mark.parametrize("query", ["§ 48b Rz. 34a", "48b Rn. 34a", "SGB 2 § 48b Rz 34a", "§ 48b SGB II Rz. 34a"])
def test_citation_query_is_a_direct_hit(corpus_kb: KnowledgeBase, query: str) -> None:
    res = corpus_kb.search(query)
    assert res.direct is not None and res.direct.id == "sgb-2-48b/rz-34a"


@needs_wordlist
@pytest.mark.parametrize(("query", "must_find"), [
    ("Vereinbarung", "sgb-2-48b/rz-34"),  # only "Zielvereinbarungen" / "Zielvereinbarung" there… and more
    ("Bürgergeld", "sgb-2-48b/rz-34a"),  # "Bürgergeldreform"
    ("Träger", "sgb-2-48b/rz-34"),
    ("Zielvereinbarungspartner", "sgb-2-48b/rz-34a"),  # the whole compound stays searchable
])
def test_compounds_on_the_sample(corpus_kb: KnowledgeBase, query: str, must_find: str) -> None:
    query += " work:sgb-2-48b"  # the sample among the bundled statutes and decisions
    assert must_find in ids(corpus_kb, query, pagelen=100)


# ----------------------------------------------------------------------------- model corpus: compounds


@needs_wordlist
def test_trägerschaft_is_found_by_träger_alone(model_kb: KnowledgeBase) -> None:
    assert "sgb-2-48b/rz-40" in ids(model_kb, "Träger", pagelen=50)  # says only "Trägerschaft"
    assert set(ids(model_kb, "Trägerschaft")) == {"sgb-2-48b/rz-34", "sgb-2-48b/rz-40"}


@needs_wordlist
def test_bürgergeld_finds_bürgergeldreform_and_snippet_marks_the_compound(model_kb: KnowledgeBase) -> None:
    res = model_kb.search("Bürgergeld")
    found = [h.entry.id for h in res.hits]
    assert "sgb-2-48b/rz-34a" in found  # Bürgergeldreform
    assert "sgb-2-48b/rz-40" in found  # Bürgergeldes
    hit = next(h for h in res.hits if h.entry.id == "sgb-2-48b/rz-34a")
    assert "<mark>Bürgergeldreform</mark>" in hit.snippet_html


@needs_wordlist
def test_vereinbarung_finds_zielvereinbarungen_but_not_the_reverse(model_kb: KnowledgeBase) -> None:
    assert "sgb-2-6a/rz-1" in ids(model_kb, "Vereinbarung")  # only "Zielvereinbarung" there
    assert "sgb-2-48b/rz-34a" not in ids(model_kb, "Zielvereinbarung")  # only "Vereinbarung(en)" there


# ----------------------------------------------------------------------------- operators


def test_and_or_not(model_kb: KnowledgeBase) -> None:
    assert set(ids(model_kb, "Göttingen Bürgergeldreform")) == {"sgb-2-48b/rz-34a"}
    assert set(ids(model_kb, "Bundesagentur OR Sozialhilfe")) == {"sgb-2-48b/rz-35", "sgb-12-3/rz-1"}
    assert set(ids(model_kb, "Göttingen NOT Bundesagentur")) == {"sgb-2-48b/rz-34a"}
    assert set(ids(model_kb, "Göttingen -Bundesagentur")) == {"sgb-2-48b/rz-34a"}
    assert set(ids(model_kb, "(Bundesagentur OR Sozialhilfe) -Sozialhilfe")) == {"sgb-2-48b/rz-35"}


def test_phrase(model_kb: KnowledgeBase) -> None:
    assert set(ids(model_kb, '"Landkreis Göttingen"')) == {"sgb-2-48b/rz-34a", "sgb-2-48b/rz-35"}
    assert ids(model_kb, '"Göttingen Landkreis"') == []
    assert ids(model_kb, '"Daten übermitteln"') == ["sgb-2-48b/rz-35"]
    assert ids(model_kb, '"Bundesagentur Daten"') == []
    assert ids(model_kb, '"Bundesagentur Daten"~2') == ["sgb-2-48b/rz-35"]


def test_prefix_and_highlighting_of_expanded_terms(model_kb: KnowledgeBase) -> None:
    res = model_kb.search("Kennzah*")
    assert [h.entry.id for h in res.hits] == ["sgb-2-48b/rz-40"]
    assert "<mark>Kennzahl</mark>" in res.hits[0].snippet_html


def test_fuzzy_counts_a_swap_as_one_edit(model_kb: KnowledgeBase) -> None:
    assert "sgb-2-48b/rz-35" in ids(model_kb, "Bundesagnetur~")
    assert ids(model_kb, "Bundesagnetur") == []


# ----------------------------------------------------------------------------- filters


@pytest.mark.parametrize(("query", "expected"), [
    ('law:"SGB XII"', {"sgb-12-3/rz-1"}),
    ("law:SGB-12 Träger", {"sgb-12-3/rz-1"}),
    ("para:6a", {"sgb-2-6a/rz-1"}),
    ("rz:34a", {"sgb-2-48b/rz-34a"}),
    ("rz:34-35 work:sgb-2-48b", {"sgb-2-48b/rz-34", "sgb-2-48b/rz-34a", "sgb-2-48b/rz-35"}),
    ("rz:1 law:SGB-2", {"sgb-2-6a/rz-1"}),
    ("work:sgb-2-48b Göttingen", {"sgb-2-48b/rz-34a", "sgb-2-48b/rz-35"}),
    ('entity:"Landkreis Göttingen"', {"sgb-2-48b/rz-34a", "sgb-2-48b/rz-35"}),
    ("entity:ministerium/bundesministerium-fuer-arbeit-und-soziales", {"sgb-2-48b/rz-34"}),
    ("label:MINISTERIUM", {"sgb-2-48b/rz-34", "sgb-2-48b/rz-34a"}),
    ("label:ort -Bundesagentur", {"sgb-2-48b/rz-34a"}),
])
def test_filters(model_kb: KnowledgeBase, query: str, expected: set[str]) -> None:
    assert set(ids(model_kb, query, pagelen=50)) == expected


def test_cites_is_hierarchical_and_law_optional(model_kb: KnowledgeBase) -> None:
    everyone = {"sgb-2-48b/rz-34", "sgb-2-6a/rz-1", "sgb-12-3/rz-1"}
    assert set(ids(model_kb, 'cites:"§ 6a Abs. 2"')) == everyone
    assert set(ids(model_kb, 'cites:"§ 6a SGB II"')) == everyone | {"sgb-2-48b/rz-40"}
    assert set(ids(model_kb, 'cites:"§ 6a Abs. 2 Satz 1 Nr. 4"')) == {"sgb-2-48b/rz-34"}
    assert ids(model_kb, 'cites:"§ 6a Abs. 2 SGB XII"') == []


def test_cites_combines_with_text(model_kb: KnowledgeBase) -> None:
    assert set(ids(model_kb, 'cites:"§ 6a Abs. 2" Sozialhilfe')) == {"sgb-12-3/rz-1"}
    assert set(ids(model_kb, 'cites:"§ 6a Abs. 2" -Sozialhilfe')) == {"sgb-2-48b/rz-34", "sgb-2-6a/rz-1"}


def test_filter_only_results_keep_corpus_order(model_kb: KnowledgeBase) -> None:
    assert ids(model_kb, "work:sgb-2-48b") == [
        "sgb-2-48b/rz-33", "sgb-2-48b/rz-34", "sgb-2-48b/rz-34a", "sgb-2-48b/rz-35", "sgb-2-48b/rz-40"]


# ----------------------------------------------------------------------------- ranking, snippets, facets, pages


def test_headings_are_boosted_over_running_text(model_kb: KnowledgeBase) -> None:
    # "Praxis" is the heading of Rz. 34a and 35 and a word in the (shorter) text of § 3 SGB XII Rz. 1.
    found = ids(model_kb, "Praxis")
    assert set(found[:2]) == {"sgb-2-48b/rz-34a", "sgb-2-48b/rz-35"}
    assert found[2:] == ["sgb-12-3/rz-1"]


def test_entity_names_and_abbreviations_are_searchable(model_kb: KnowledgeBase) -> None:
    # "Bundesministerium für Arbeit und Soziales" is only the canonical name of "BMAS" in Rz. 34.
    assert ids(model_kb, "Bundesministerium") == ["sgb-2-48b/rz-34"]


def test_snippets_escape_markup(model_kb: KnowledgeBase) -> None:
    hit = next(h for h in model_kb.search("Göttingen").hits if h.entry.id == "sgb-2-48b/rz-35")
    assert "<script>" not in hit.snippet_html
    assert "&lt;script&gt;" in hit.snippet_html
    assert "<mark>Göttingen</mark>" in hit.snippet_html


def test_facets_count_all_matches(model_kb: KnowledgeBase) -> None:
    res = model_kb.search("Träger", pagelen=1)
    assert res.total == len(ids(model_kb, "Träger", pagelen=100))
    law = {f.value: f.count for f in res.facets["law"]}
    assert law == {"SGB 2": res.total - 1, "SGB 12": 1}
    para = {f.label: f.count for f in res.facets["para"]}
    assert para["§ 3 SGB XII"] == 1
    work = {f.value: f.count for f in res.facets["work"]}
    assert sum(work.values()) == res.total
    label = {f.value: f.count for f in res.facets["label"]}
    assert label["TRAEGER"] == 2
    # a facet's filter narrows to exactly its count
    for facet in (*res.facets["law"], *res.facets["work"], *res.facets["label"]):
        assert model_kb.search(f"Träger {facet.filter}").total == facet.count


def test_pagination(model_kb: KnowledgeBase) -> None:
    everything = ids(model_kb, "work:sgb-2-48b", pagelen=100)
    pages = [ids(model_kb, "work:sgb-2-48b", page=p, pagelen=2) for p in (1, 2, 3)]
    assert [i for page in pages for i in page] == everything
    res = model_kb.search("work:sgb-2-48b", page=3, pagelen=2)
    assert (res.total, res.pages, len(res.hits)) == (5, 3, 1)
    assert model_kb.search("work:sgb-2-48b", page=9, pagelen=2).hits == ()


def test_meinten_sie_suggests_from_the_index_vocabulary(model_kb: KnowledgeBase) -> None:
    res = model_kb.search("Landkreis Götingen")
    assert res.total == 0
    assert res.suggestion == "Landkreis Göttingen"
    assert model_kb.search(res.suggestion).total == 2
    assert model_kb.search("Landkreis Göttingen").suggestion is None


def test_malformed_query_raises_query_error(model_kb: KnowledgeBase) -> None:
    with pytest.raises(QueryError, match="schließende Anführungszeichen"):
        model_kb.search('"Landkreis')


def test_results_are_json_ready(model_kb: KnowledgeBase) -> None:
    import json

    data = model_kb.search("Göttingen").to_dict()
    json.dumps(data)
    assert data["total"] == 2 and data["hits"][0]["snippet_html"]
    assert set(data["facets"]) == {"kind", "law", "para", "work", "label"}


def test_kind_filter_and_facet(model_kb: KnowledgeBase) -> None:
    statutes = {h.entry.id for h in model_kb.search("kind:Gesetz", pagelen=50).hits}
    assert statutes == {e.id for e in model_kb.entries("sgb-2")} and statutes
    assert {h.entry.id for h in model_kb.search("Träger kind:statute").hits} == {"sgb-2/48b"}
    assert model_kb.search("Träger art:Kommentar").total == model_kb.search("Träger -kind:Gesetz").total
    res = model_kb.search("Träger")
    kinds = {f.value: (f.label, f.count) for f in res.facets["kind"]}
    assert kinds == {"commentary": ("Kommentar", res.total - 1), "statute": ("Gesetz", 1)}
    for facet in res.facets["kind"]:
        assert model_kb.search(f"Träger {facet.filter}").total == facet.count
    with pytest.raises(QueryError, match="unbekannte Art „Roman“"):
        model_kb.search("kind:Roman")
