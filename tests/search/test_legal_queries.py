"""Search that knows legal queries (issue 13), through the read API on the bundled corpus: a bare Randnummer is a
citation, commentary ranks first, every hit is highlighted, statute hits name the Absatz of their match."""

from __future__ import annotations

import html
import re

import pytest

from kb.citations import citation_kinds, parse_rz_query
from kb.links import hit_summary
from kb.model import BlockKind, CitationKind, Entry
from kb.search import highlight, parse
from kb.search.query import COMMENTARY_FIRST, split_work
from kb.store import KnowledgeBase

# ----------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(("text", "label", "keyword"), [
    ("Rz. 34a", "34a", "Rz."), ("rz 34a", "34a", "Rz."), ("RZ. 34A", "34a", "Rz."), ("Rz.34a", "34a", "Rz."),
    ("Rn. 12", "12", "Rn."), ("Rn 12", "12", "Rn."), ("Rdnr. 5", "5", "Rz."), ("rdnr 5", "5", "Rz."),
    ("Randnummer 7", "7", "Rz."),
])
def test_a_bare_randnummer_parses(text: str, label: str, keyword: str) -> None:
    found = parse_rz_query(text)
    assert found is not None and (found.rz.label, found.keyword) == (label, keyword)


@pytest.mark.parametrize("text", ["§ 48b Rz. 34a", "48b Rn. 34a", "Rz. 33 ff.", "Rz. 30-35", "Arzt 34a",
                                  "Rz. 34a Zielvereinbarung", "34a", "Zielvereinbarung"])
def test_no_bare_randnummer(text: str) -> None:
    assert parse_rz_query(text) is None


def test_citation_tokens_anywhere_in_a_query() -> None:
    assert citation_kinds("Zielvereinbarung Rz. 34a") == {CitationKind.RZ}
    assert citation_kinds("rz 34a") == {CitationKind.RZ}
    assert CitationKind.NORM in citation_kinds("Bürgergeld § 19")
    assert citation_kinds("Bürgergeld SGB II") == {CitationKind.LAW}
    assert CitationKind.DECISION in citation_kinds("B 4 AS 4/16 R")
    assert citation_kinds("Arzt 34a") == citation_kinds("Bürgergeld") == frozenset()


def test_a_query_with_a_citation_token_offers_no_spelling_and_one_naming_a_norm_ranks_by_score() -> None:
    assert parse("Arzt Zielvereinbarnug").words == ("Arzt", "Zielvereinbarnug")
    assert parse("Rz. 34a Zielvereinbarnug").words == ()
    assert parse("Bürgergeld").prefer == COMMENTARY_FIRST
    for query in ("Bürgergeld § 19", "Bürgergeld SGB II", 'Bürgergeld law:"SGB II"', "Bürgergeld kind:Gesetz",
                  'Träger cites:"§ 6a Abs. 2"', "work:sgb-2-48b"):
        assert parse(query).prefer is None, query
    # a law inside a filter is no spelling question: the words beside it still get one
    assert parse('law:"SGB II" Zielvereinbarnug').words == ("Zielvereinbarnug",)


def test_split_work() -> None:
    assert split_work("work:sgb-2-48b Rz. 34a") == ("Rz. 34a", "sgb-2-48b")
    assert split_work('Rz. 34a werk:"sgb-2-48b"') == ("Rz. 34a", "sgb-2-48b")
    assert split_work("-work:sgb-2-48b Rz. 34a") == ("-work:sgb-2-48b Rz. 34a", None)
    assert split_work("Rz. 34a") == ("Rz. 34a", None)


# ----------------------------------------------------------------------------- bare Randnummern


def test_a_bare_randnummer_only_one_work_has_jumps_there(corpus_kb: KnowledgeBase) -> None:
    for text in ("Rz. 34a", "rz 34a", "Rdnr. 34a"):
        found = corpus_kb.search(text)
        assert found.direct is not None and found.direct.id == "sgb-2-48b/rz-34a", text
        assert found.suggestion is None and found.citation is not None
        assert found.citation.url == "/k/sgb-2-48b/rz-34a"
    assert corpus_kb.lookup("Rz. 34a").url == "/k/sgb-2-48b/rz-34a"


def test_a_bare_randnummer_several_works_have_is_a_choice(corpus_kb: KnowledgeBase) -> None:
    found = corpus_kb.search("Rn. 12", pagelen=5)
    assert found.direct is None and found.suggestion is None and found.citation is not None
    choices = found.citation.choices
    assert len(choices) >= 2 and len({e.work for e in choices}) == len(choices)
    assert all(e.rz is not None and e.rz.label == "12" for e in choices)
    assert f"in {len(choices)} Werken" in found.citation.message
    # the hits are the same entries, paged in corpus order
    paged = [h.entry.id for p in range(1, found.pages + 1) for h in corpus_kb.search("Rn. 12", page=p, pagelen=5).hits]
    assert paged == [e.id for e in choices] and found.total == len(choices)
    assert corpus_kb.lookup("Rn. 12").choices == choices


def test_a_bare_randnummer_in_the_readers_work(corpus_kb: KnowledgeBase) -> None:
    decision = next(e.work for e in corpus_kb.search("Rn. 12", pagelen=100).citation.choices  # type: ignore[union-attr]
                    if e.work.startswith("bverwg-11"))
    for found in (corpus_kb.search("Rn. 12", work=decision), corpus_kb.search(f"work:{decision} Rn. 12")):
        assert found.direct is not None and found.direct.id == f"{decision}/rn-12"
    missing = corpus_kb.search("Rz. 12", work="sgb-2-48b")
    assert missing.direct is None and missing.total == 0 and not missing.hits and missing.suggestion is None
    assert missing.citation is not None and missing.citation.message.startswith("§ 48b SGB II hat keine Rz. 12")
    assert [e.id for e in missing.citation.suggestions] == ["sgb-2-48b/rz-33", "sgb-2-48b/rz-34"]


def test_a_bare_randnummer_no_work_has_is_no_text_search(corpus_kb: KnowledgeBase) -> None:
    found = corpus_kb.search("Rz. 9999")
    assert found.total == 0 and not found.hits and found.suggestion is None
    assert found.citation is not None and "keine Rz. 9999" in found.citation.message
    # "Rz. 34a" once answered "Meinten Sie: Arzt 34a?": no citation-bearing query gets a spelling suggestion
    assert corpus_kb.search("Rz. 34a Quantenchromodynamik").suggestion is None


# ----------------------------------------------------------------------------- ranking and facets

TOPICAL = ["Bürgergeld", "Zielvereinbarung", "Kooperationsplan", "Leistungsberechtigte", "Landesbehörde",
           "kommunale Träger", "Qualifizierung", "Beratung", "Grundsicherung", "Kennzahlenvergleich",
           "erwerbsfähige Leistungsberechtigte", "Vereinbarung", "Landkreis", "Ziele", "Integration"]


@pytest.mark.parametrize("query", TOPICAL)
def test_commentary_ranks_first_when_the_query_names_no_norm(corpus_kb: KnowledgeBase, query: str) -> None:
    kinds = {w.slug: str(w.kind) for w in corpus_kb.works()}
    found = corpus_kb.search(query, pagelen=100)
    ranked = [kinds[h.entry.work] for h in found.hits]
    assert ranked[0] == "commentary" and "commentary" not in ranked[ranked.count("commentary"):], ranked
    kind_facet = found.facets["kind"]
    assert kind_facet[0].value == "commentary" and kind_facet[0].label == "Kommentar"
    assert kind_facet[0].count == ranked.count("commentary")


def test_a_query_naming_a_norm_ranks_by_score_alone(corpus_kb: KnowledgeBase) -> None:
    plain = corpus_kb.search("Bürgergeld", pagelen=100).hits
    named = corpus_kb.search("Bürgergeld SGB II", pagelen=100).hits
    assert plain[0].entry.work == "sgb-2-48b" and named[0].entry.work != "sgb-2-48b"
    assert [h.score for h in named] == sorted((h.score for h in named), reverse=True)


# ----------------------------------------------------------------------------- highlights and Absatz anchors


@pytest.mark.parametrize("query", [*TOPICAL, "Zielver*", "Bürgergeld~", '"kommunalen Träger"', "Haushaltsgesetz",
                                   "Bundesministerium", "Mehrbedarfe", "Schadenersatz"])
def test_every_hit_has_a_mark(corpus_kb: KnowledgeBase, query: str) -> None:
    first = corpus_kb.search(query, pagelen=100)
    hits = [h for p in range(1, first.pages + 1) for h in corpus_kb.search(query, page=p, pagelen=100).hits]
    assert hits and len(hits) == first.total
    unmarked = [h.entry.id for h in hits if "<mark>" not in h.snippet_html]
    assert not unmarked, unmarked


def test_the_causes_of_unmarked_hits(corpus_kb: KnowledgeBase) -> None:
    by_id = {h.entry.id: h for h in corpus_kb.search("Zielvereinbarung").hits}
    # § 48b is found by its title "Zielvereinbarungen" (its text says "Vereinbarungen"): the title leads, marked
    assert by_id["sgb-2/48b"].snippet_html.startswith('<span class="snippet-heading"><mark>Zielvereinbarungen</mark>')
    # the only match of § 117 SGB X is the text's last word: the window must not cut it off
    e117 = next(h for h in corpus_kb.search("Vereinbarung", pagelen=100).hits if h.entry.id == "sgb-10/117")
    assert e117.snippet_html.endswith("<mark>vereinbaren</mark>.")


def test_a_window_never_cuts_off_the_last_match() -> None:
    text = "Wort " * 60 + "am Ende steht die Zielvereinbarung."
    entry = Entry("w/1", "w", "SGB 2", "1", 0, text)
    assert "<mark>Zielvereinbarung</mark>" in highlight(entry, {"zielvereinbar"}).html


def _absatz_of_first_mark(entry: Entry, snippet_html: str) -> str | None:
    """Where the snippet's first <mark> stands in the entry text, as the Absatz anchor around it."""
    def plain(fragment: str) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "", fragment))

    window = plain(snippet_html).removeprefix("…").removesuffix(" …")
    start = entry.text.find(window)
    assert start >= 0, snippet_html
    at = start + len(plain(snippet_html[:snippet_html.index("<mark>")]).removeprefix("…"))
    return next((f"abs-{b.label}" for b in entry.blocks if b.kind == BlockKind.ABSATZ and b.start <= at < b.end), None)


@pytest.mark.parametrize(("query", "anchor"), [("orientieren", "abs-4"), ("Haushaltsgesetz", "abs-2"),
                                               ("Zielerreichung", "abs-5")])
def test_statute_hits_link_to_the_absatz_of_their_match(corpus_kb: KnowledgeBase, query: str, anchor: str) -> None:
    hit = next(h for h in corpus_kb.search(query, pagelen=100).hits if h.entry.id == "sgb-2/48b")
    assert hit.anchor == anchor
    summary = hit_summary(hit)
    assert summary["url"] == f"/g/sgb-2/48b#{anchor}" and summary["anchor"] == anchor


def test_every_statute_anchor_is_the_absatz_of_the_first_match_shown(corpus_kb: KnowledgeBase) -> None:
    seen = 0
    for query in ("Bürgergeld", "Vereinbarung", "Beratung", "Leistungsberechtigte"):
        for hit in corpus_kb.search(query, pagelen=100).hits:
            if hit.entry.id.startswith(("sgb-2/", "sgb-10/", "sgb-12/")) and hit.anchor is not None:
                assert _absatz_of_first_mark(hit.entry, hit.snippet_html) == hit.anchor, (query, hit.entry.id)
                seen += 1
            elif not hit.entry.id.startswith(("sgb-2/", "sgb-10/", "sgb-12/")):
                assert hit.anchor is None and "#" not in hit_summary(hit)["url"]
    assert seen >= 10
