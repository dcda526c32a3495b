"""One contract, every backend: the read API answers the same over SQLite + Whoosh and over plain dicts.

The model corpus (tests/search/model_corpus.py) is published once per backend pair through
``indexer.build.publish(records=…, search=…)`` and opened with ``KnowledgeBase.open`` as any build;
the in-memory pair (tests/backends/memory.py) knows nothing of SQLite or Whoosh. Citation jumps,
backlinks, entities, obligations and simple searches must agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.build import publish
from kb import backends
from kb.model import NormTarget, RzTarget
from kb.store import KnowledgeBase
from kb.store.layout import MANIFEST, RECORDS, current_build
from tests.backends import memory
from tests.search.model_corpus import works
from tests.test_architecture import imports_of

PAIRS = {"sqlite+whoosh": ("sqlite", "whoosh"), "memory": ("memory", "memory")}


@pytest.fixture(scope="module", autouse=True)
def _memory_backends_registered() -> None:
    backends.register_records(memory.RECORDS)
    backends.register_search(memory.SEARCH)


@pytest.fixture(scope="module", params=list(PAIRS))
def kb(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    records, search = PAIRS[request.param]
    root = tmp_path_factory.mktemp(f"conformance-{records}")
    report = publish(works(), root, sources=["model_corpus"], records=records, search=search)
    assert report.ok, report.summary_table()
    opened = KnowledgeBase.open(root)
    yield opened
    opened.close()


def ids(kb: KnowledgeBase, query: str, **kw: int) -> list[str]:
    return [h.entry.id for h in kb.search(query, **kw).hits]


def test_the_build_names_its_backends_and_the_memory_pair_writes_no_files(kb: KnowledgeBase) -> None:
    manifest = json.loads((kb.path / MANIFEST).read_text("utf-8"))
    assert (manifest["records"], manifest["search"]) in PAIRS.values()
    assert current_build(kb.root) == kb.path
    if manifest["records"] == "memory":
        assert not (kb.path / RECORDS).exists()


# ----------------------------------------------------------------------------- records


def test_works_entries_and_neighbours(kb: KnowledgeBase) -> None:
    assert [w.slug for w in kb.works()] == ["sgb-2-48b", "sgb-2-6a", "sgb-12-3", "sgb-2"]
    assert [e.rz.label for e in kb.entries("sgb-2-48b") if e.rz] == ["33", "34", "34a", "35", "40"]
    assert kb.entries("nope") == [] and kb.entry("sgb-2-48b/rz-99") is None
    e = kb.entry("sgb-2-48b/rz-34")
    assert e is not None and [c.text for c in e.citations] == ["§ 6a Abs. 2 Satz 1 Nr. 4"]
    prev, nxt = kb.neighbours("sgb-2-48b/rz-34a")
    assert (prev.id, nxt.id) == ("sgb-2-48b/rz-34", "sgb-2-48b/rz-35")  # type: ignore[union-attr]
    assert kb.neighbours("sgb-2-48b/rz-33")[0] is None and kb.neighbours("missing") == (None, None)
    assert [w.slug for w in kb.commentaries_on("SGB II", "§ 48b")] == ["sgb-2-48b"]
    assert kb.statute_entry("SGB II", "48b").id == "sgb-2/48b"  # type: ignore[union-attr]
    assert kb.statute_entry("sgb-2", "6a") is None


# ----------------------------------------------------------------------------- citation jump


def test_citation_jump(kb: KnowledgeBase) -> None:
    hit = kb.lookup("§ 48b Rz. 34a SGB II")
    assert hit.entry is not None and hit.url == "/k/sgb-2-48b/rz-34a"
    assert kb.search("48b Rn. 34a").direct.id == "sgb-2-48b/rz-34a"  # type: ignore[union-attr]
    absatz = kb.lookup("§ 48b Abs. 4 SGB II")
    assert absatz.url == "/g/sgb-2/48b#abs-4" and absatz.anchor == "abs-4"
    assert kb.lookup("§ 6a SGB II").url == "/k/sgb-2-6a"
    miss = kb.lookup("§ 48b Rz. 36 SGB II")
    assert miss.entry is None and [e.rz.label for e in miss.suggestions if e.rz] == ["34a", "35", "40"]
    assert kb.lookup("Landkreis Göttingen").url is None


def test_url_for_target(kb: KnowledgeBase) -> None:
    assert kb.url_for_target(RzTarget("34A", None, "SGB 2", "48b")) == "/k/sgb-2-48b/rz-34a"
    assert kb.url_for_target(RzTarget("99", "sgb-2-48b")) is None
    assert kb.url_for_target(NormTarget("SGB 2", "48b", absatz="4")) == "/g/sgb-2/48b#abs-4"
    assert kb.url_for_target(NormTarget("SGB 2", "6a", absatz="2")) is None


# ----------------------------------------------------------------------------- backlinks


def test_backlinks(kb: KnowledgeBase) -> None:
    assert [(e.id, c.text) for e, c in kb.cited_by("SGB 2 § 6a")] == [
        ("sgb-2-48b/rz-34", "§ 6a Abs. 2 Satz 1 Nr. 4"), ("sgb-2-48b/rz-40", "§ 6a Abs. 7 SGB II"),
        ("sgb-2-6a/rz-1", "§ 6a Abs. 2 Satz 1"), ("sgb-12-3/rz-1", "§ 6a Abs. 2 SGB II")]
    assert [e.id for e, _ in kb.cited_by("§ 6a Abs. 7 SGB II")] == ["sgb-2-48b/rz-40"]
    assert len(kb.cited_by("§ 6a Abs. 2")) == 3  # no law: any law
    assert kb.cited_by("SGB 2 § 7") == []
    assert [e.id for e, _ in kb.cited_by("sgb-2-48b Rz. 34")] == ["sgb-2-48b/rz-40"]
    rows = kb.backlinks("SGB 2 § 6a", exclude="sgb-2-6a/rz-1")
    assert [e.id for e, _ in rows] == ["sgb-2-48b/rz-34", "sgb-2-48b/rz-40", "sgb-12-3/rz-1"]
    assert kb.target_key("§ 6a SGB II") == "SGB 2 § 6a"
    assert kb.target_key("§ 48b Rz. 34") == "sgb-2-48b Rz. 34"


# ----------------------------------------------------------------------------- entities, obligations


def test_entities(kb: KnowledgeBase) -> None:
    by_id = {s.id: s for s in kb.entity_summaries()}
    assert (by_id["ort/landkreis-goettingen"].mentions, by_id["ort/landkreis-goettingen"].entries) == (2, 2)
    assert by_id["traeger/zugelassener-kommunaler-traeger"].forms == (
        "zugelassenen kommunalen Träger", "zugelassenen kommunalen Trägern")
    assert by_id["ministerium/bundesministerium-fuer-arbeit-und-soziales"].abbreviation == "BMAS"
    assert [s.id for s in kb.entity_summaries("ORT")] == ["ort/landkreis-goettingen"]
    detail = kb.entity("ort/landkreis-goettingen")
    assert detail is not None and [e.id for e, _ in detail.mentions] == ["sgb-2-48b/rz-34a", "sgb-2-48b/rz-35"]
    assert kb.entity("ort/atlantis") is None
    assert kb.bearer_id("BMAS") == "ministerium/bundesministerium-fuer-arbeit-und-soziales"


def test_obligations(kb: KnowledgeBase) -> None:
    assert [(e.id, o.modality.value) for e, o in kb.obligations()] == [
        ("sgb-2-48b/rz-34", "pflicht"), ("sgb-2-48b/rz-34a", "soll"), ("sgb-2-48b/rz-35", "pflicht")]
    assert [e.id for e, _ in kb.obligations("traeger/zugelassener-kommunaler-traeger")] == ["sgb-2-48b/rz-34"]
    assert kb.obligations("nobody/none") == []


# ----------------------------------------------------------------------------- simple searches


@pytest.mark.parametrize(("query", "expected"), [
    ("Göttingen Bürgergeldreform", {"sgb-2-48b/rz-34a"}),
    ("Bundesagentur OR Sozialhilfe", {"sgb-2-48b/rz-35", "sgb-12-3/rz-1"}),
    ("Göttingen -Bundesagentur", {"sgb-2-48b/rz-34a"}),
    ("(Bundesagentur OR Sozialhilfe) -Sozialhilfe", {"sgb-2-48b/rz-35"}),
    ('"Landkreis Göttingen"', {"sgb-2-48b/rz-34a", "sgb-2-48b/rz-35"}),
    ('"Göttingen Landkreis"', set()),
    ('"Bundesagentur Daten"', set()),
    ('"Bundesagentur Daten"~2', {"sgb-2-48b/rz-35"}),
    ("Kennzah*", {"sgb-2-48b/rz-40"}),
    ("Träger", {"sgb-2-48b/rz-33", "sgb-2-48b/rz-34", "sgb-2-48b/rz-40", "sgb-2-6a/rz-1", "sgb-12-3/rz-1",
                "sgb-2/48b"}),  # also "Trägern", and "Trägerschaft" by its compound part
    ("Bundesministerium", {"sgb-2-48b/rz-34"}),  # an entity's canonical name
    ('law:"SGB XII"', {"sgb-12-3/rz-1"}),
    ("rz:34-35 work:sgb-2-48b", {"sgb-2-48b/rz-34", "sgb-2-48b/rz-34a", "sgb-2-48b/rz-35"}),
    ('entity:"Landkreis Göttingen"', {"sgb-2-48b/rz-34a", "sgb-2-48b/rz-35"}),
    ("label:ort -Bundesagentur", {"sgb-2-48b/rz-34a"}),
    ('cites:"§ 6a Abs. 2"', {"sgb-2-48b/rz-34", "sgb-2-6a/rz-1", "sgb-12-3/rz-1"}),
    ('cites:"§ 6a Abs. 2" Sozialhilfe', {"sgb-12-3/rz-1"}),
    ("Träger kind:Gesetz", {"sgb-2/48b"}),
])
def test_simple_searches(kb: KnowledgeBase, query: str, expected: set[str]) -> None:
    found = kb.search(query, pagelen=50)
    assert {h.entry.id for h in found.hits} == expected
    assert found.total == len(expected)


def test_fuzzy_search_finds_a_misspelt_word(kb: KnowledgeBase) -> None:
    assert "sgb-2-48b/rz-35" in ids(kb, "Bundesagnetur~")
    assert ids(kb, "Bundesagnetur") == []


def test_filter_only_results_keep_corpus_order_and_page(kb: KnowledgeBase) -> None:
    everything = ids(kb, "work:sgb-2-48b", pagelen=100)
    assert everything == ["sgb-2-48b/rz-33", "sgb-2-48b/rz-34", "sgb-2-48b/rz-34a", "sgb-2-48b/rz-35",
                          "sgb-2-48b/rz-40"]
    assert [i for p in (1, 2, 3) for i in ids(kb, "work:sgb-2-48b", page=p, pagelen=2)] == everything


def test_headings_rank_first_and_snippets_mark_matches(kb: KnowledgeBase) -> None:
    found = ids(kb, "Praxis")
    assert set(found[:2]) == {"sgb-2-48b/rz-34a", "sgb-2-48b/rz-35"} and found[2:] == ["sgb-12-3/rz-1"]
    hit = next(h for h in kb.search("Göttingen").hits if h.entry.id == "sgb-2-48b/rz-35")
    assert "<mark>Göttingen</mark>" in hit.snippet_html and "<script>" not in hit.snippet_html


def test_facets_count_every_match_and_narrow_to_their_count(kb: KnowledgeBase) -> None:
    res = kb.search("Träger", pagelen=1)
    assert {f.value: f.count for f in res.facets["law"]} == {"SGB 2": res.total - 1, "SGB 12": 1}
    assert {f.value: f.count for f in res.facets["label"]}["TRAEGER"] == 2
    assert {f.value: f.count for f in res.facets["kind"]} == {"commentary": res.total - 1, "statute": 1}
    for facet in (*res.facets["kind"], *res.facets["law"], *res.facets["work"], *res.facets["label"]):
        assert kb.search(f"Träger {facet.filter}").total == facet.count


# ----------------------------------------------------------------------------- legal queries (issue 13)


def test_a_bare_randnummer_jumps_to_the_only_work_that_has_it_or_offers_the_works(kb: KnowledgeBase) -> None:
    only = kb.search("Rz. 34a")
    assert only.direct is not None and only.direct.id == "sgb-2-48b/rz-34a" and only.suggestion is None
    both = kb.search("Rz. 1")  # the commentaries on § 6a SGB II and on § 3 SGB XII both have one
    assert both.direct is None and both.suggestion is None and both.citation is not None
    assert [e.id for e in both.citation.choices] == ["sgb-2-6a/rz-1", "sgb-12-3/rz-1"]
    assert [h.entry.id for h in both.hits] == ["sgb-2-6a/rz-1", "sgb-12-3/rz-1"] and both.total == 2
    in_work = kb.search("Rz. 1", work="sgb-12-3")
    assert in_work.direct is not None and in_work.direct.id == "sgb-12-3/rz-1"
    assert kb.search("work:sgb-2-6a Rn. 1").direct.id == "sgb-2-6a/rz-1"  # type: ignore[union-attr]
    missing = kb.search("Rz. 36", work="sgb-2-48b")
    assert missing.direct is None and missing.total == 0 and not missing.hits and missing.suggestion is None
    assert missing.citation is not None and "Rz. 35" in [f"Rz. {e.rz}" for e in missing.citation.suggestions]
    assert kb.search("Rz. 99").total == 0 and kb.search("Rz. 99").citation.message  # type: ignore[union-attr]


def test_commentary_ranks_before_statute_text_unless_the_query_names_a_norm(kb: KnowledgeBase) -> None:
    kinds = {w.slug: str(w.kind) for w in kb.works()}
    for query in ("Zielvereinbarung", "Vereinbarungen", "Träger"):
        found = [kinds[h.entry.work] for h in kb.search(query, pagelen=50).hits]
        assert "statute" in found and found == sorted(found, key=lambda k: k != "commentary"), (query, found)
        paged = [h.entry.id for p in (1, 2, 3) for h in kb.search(query, page=p, pagelen=2).hits]
        assert paged == ids(kb, query, pagelen=6)[:len(paged)]
    facets = kb.search("Träger").facets["kind"]
    assert [(f.value, f.label) for f in facets] == [("commentary", "Kommentar"), ("statute", "Gesetz")]


def test_every_hit_is_highlighted_and_statute_hits_name_their_absatz(kb: KnowledgeBase) -> None:
    for query in ("Zielvereinbarung", "Vereinbarungen", "Praxis", "Bundesministerium", "Träger", "Zielver*"):
        for hit in kb.search(query, pagelen=50).hits:
            assert "<mark>" in hit.snippet_html, (query, hit.entry.id, hit.snippet_html)
    by_id = {h.entry.id: h for h in kb.search("Zielvereinbarung").hits}
    assert by_id["sgb-2/48b"].anchor == "abs-4"  # "umfassen Zielvereinbarungen" stands in Absatz 4
    assert {h.entry.id: h.anchor for h in kb.search("Vereinbarungen").hits}["sgb-2/48b"] == "abs-1"
    assert all(h.anchor is None for h in kb.search("Zielvereinbarung").hits if h.entry.id != "sgb-2/48b")
    # found by the entity's canonical name: its mention "BMAS" is marked
    assert "<mark>BMAS</mark>" in kb.search("Bundesministerium").hits[0].snippet_html
    # found by the outline heading "B. Praxis" alone: the heading leads the snippet, marked
    rz35 = next(h for h in kb.search("Praxis").hits if h.entry.id == "sgb-2-48b/rz-35")
    assert rz35.snippet_html.startswith('<span class="snippet-heading">B. <mark>Praxis</mark></span>')


def test_the_memory_pair_is_a_second_implementation_not_the_default_one_renamed() -> None:
    assert backends.records_backend("memory") is memory.RECORDS
    assert backends.search_backend("memory") is memory.SEARCH
    imported = {i.target for i in imports_of(Path(memory.__file__))}
    engines = ("whoosh", "sqlite3", "kb.search.whoosh", "kb.store.sqlite")
    assert not [m for m in imported if any(m == e or m.startswith(e + ".") for e in engines)]


def test_an_unknown_backend_is_refused_with_its_name(tmp_path: Path) -> None:
    report = publish(works(), tmp_path, records="cassandra")
    assert not report.ok and "cassandra" in (report.error or "")
