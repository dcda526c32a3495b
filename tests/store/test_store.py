"""KnowledgeBase read API over a real build of the model corpus (and of corpus/ for look-ups)."""

from __future__ import annotations

import threading

from kb.model import NormTarget, RzTarget
from kb.store import KnowledgeBase


def test_works_and_entries_in_order(model_kb: KnowledgeBase) -> None:
    assert [w.slug for w in model_kb.works()] == ["sgb-2-48b", "sgb-2-6a", "sgb-12-3", "sgb-2"]
    assert model_kb.work("sgb-2-6a").paragraph == "6a"  # type: ignore[union-attr]
    assert model_kb.work("nope") is None
    assert [e.rz.label for e in model_kb.entries("sgb-2-48b") if e.rz] == ["33", "34", "34a", "35", "40"]
    assert model_kb.entries("nope") == []


def test_entry_round_trips_everything(model_kb: KnowledgeBase) -> None:
    e = model_kb.entry("sgb-2-48b/rz-34")
    assert e is not None
    assert e.headings == ("A. Zielvereinbarungen",)
    assert [c.text for c in e.citations] == ["§ 6a Abs. 2 Satz 1 Nr. 4"]
    assert {x.canonical for x in e.entities} == {"zugelassener kommunaler Träger",
                                                 "Bundesministerium für Arbeit und Soziales"}
    assert e.obligations[0].bearer_id == "traeger/zugelassener-kommunaler-traeger"
    assert model_kb.entry("sgb-2-48b/rz-99") is None


def test_neighbours_stay_within_the_work(model_kb: KnowledgeBase) -> None:
    prev, nxt = model_kb.neighbours("sgb-2-48b/rz-34a")
    assert (prev.id, nxt.id) == ("sgb-2-48b/rz-34", "sgb-2-48b/rz-35")  # type: ignore[union-attr]
    assert model_kb.neighbours("sgb-2-48b/rz-33")[0] is None
    assert model_kb.neighbours("sgb-2-48b/rz-40")[1] is None
    assert model_kb.neighbours("missing") == (None, None)


def test_commentaries_and_statute_entries(model_kb: KnowledgeBase) -> None:
    assert [w.slug for w in model_kb.commentaries_on("SGB II", "§ 48b")] == ["sgb-2-48b"]
    assert model_kb.commentaries_on("SGB 12", "48b") == []
    assert model_kb.statute_entry("SGB II", "48b").id == "sgb-2/48b"  # type: ignore[union-attr]
    assert model_kb.statute_entry("sgb-2", "6a") is None


def test_lookup_rz_and_unknown_rz_with_nearest_suggestions(corpus_kb: KnowledgeBase) -> None:
    hit = corpus_kb.lookup("§ 48b Rz. 34a SGB II")
    assert hit.entry is not None and hit.entry.id == "sgb-2-48b/rz-34a"
    assert hit.url == "/k/sgb-2-48b/rz-34a"
    miss = corpus_kb.lookup("§ 48b Rz. 99 SGB II")
    assert miss.entry is None and miss.url is None
    assert "Rz. 99" in miss.message and "48b" in miss.message
    assert [e.rz.label for e in miss.suggestions if e.rz] == ["34", "34a"]
    middle = corpus_kb.lookup("§ 48b Rz. 33a SGB II")
    assert [e.rz.label for e in middle.suggestions if e.rz] == ["33", "34", "34a"]


def test_lookup_statute_absatz_gets_an_anchor(model_kb: KnowledgeBase) -> None:
    found = model_kb.lookup("§ 48b Abs. 4 SGB II")
    assert found.entry is not None and found.entry.id == "sgb-2/48b"
    assert found.anchor == "abs-4"
    assert found.url == "/g/sgb-2/48b#abs-4"


def test_lookup_of_a_commented_paragraph_without_statute_points_at_the_commentary(model_kb: KnowledgeBase) -> None:
    found = model_kb.lookup("§ 6a SGB II")
    assert found.entry is None and found.work is not None and found.url == "/k/sgb-2-6a"


def test_lookup_of_non_citations_and_unknown_paragraphs(model_kb: KnowledgeBase) -> None:
    assert model_kb.lookup("Landkreis Göttingen").url is None
    assert "keine Fundstelle" in model_kb.lookup("Landkreis Göttingen").message
    gone = model_kb.lookup("§ 999 SGB II Rz. 1")
    assert gone.entry is None and "999" in gone.message


def test_cited_by_is_hierarchical(model_kb: KnowledgeBase) -> None:
    by_para = [(e.id, c.text) for e, c in model_kb.cited_by("SGB 2 § 6a")]
    assert by_para == [("sgb-2-48b/rz-34", "§ 6a Abs. 2 Satz 1 Nr. 4"), ("sgb-2-48b/rz-40", "§ 6a Abs. 7 SGB II"),
                       ("sgb-2-6a/rz-1", "§ 6a Abs. 2 Satz 1"), ("sgb-12-3/rz-1", "§ 6a Abs. 2 SGB II")]
    assert [e.id for e, _ in model_kb.cited_by("SGB 2 § 6a Abs. 2 Satz 1")] == ["sgb-2-48b/rz-34", "sgb-2-6a/rz-1"]
    assert [e.id for e, _ in model_kb.cited_by("§ 6a Abs. 7 SGB II")] == ["sgb-2-48b/rz-40"]
    assert len(model_kb.cited_by("§ 6a Abs. 2")) == 3  # no law: any law
    assert model_kb.cited_by("SGB 2 § 7") == []


def test_cited_by_rz_targets(model_kb: KnowledgeBase) -> None:
    assert [e.id for e, _ in model_kb.cited_by("sgb-2-48b Rz. 34")] == ["sgb-2-48b/rz-40"]


def test_url_for_target(model_kb: KnowledgeBase) -> None:
    assert model_kb.url_for_target(RzTarget("34a", "sgb-2-48b")) == "/k/sgb-2-48b/rz-34a"
    assert model_kb.url_for_target(RzTarget("34A", None, "SGB 2", "48b")) == "/k/sgb-2-48b/rz-34a"
    assert model_kb.url_for_target(RzTarget("99", "sgb-2-48b")) is None
    assert model_kb.url_for_target(NormTarget("SGB 2", "48b", absatz="4")) == "/g/sgb-2/48b#abs-4"
    assert model_kb.url_for_target(NormTarget("SGB 2", "48b")) == "/g/sgb-2/48b"
    assert model_kb.url_for_target(NormTarget("SGB 2", "6a", absatz="2")) is None  # statute § not indexed
    assert model_kb.url_for_target(NormTarget(None, "48b")) is None


def test_citations_in_the_build_link_to_kb_urls(model_kb: KnowledgeBase) -> None:
    e = model_kb.entry("sgb-2-48b/rz-33")
    assert e is not None
    assert [c.url for c in e.citations] == ["/g/sgb-2/48b#abs-1", "/g/sgb-2/48b#abs-4"]
    rz40 = model_kb.entry("sgb-2-48b/rz-40")
    assert rz40 is not None and rz40.citations[0].url == "/k/sgb-2-48b/rz-34"


def test_entity_summaries_and_detail(model_kb: KnowledgeBase) -> None:
    summaries = model_kb.entity_summaries()
    by_id = {s.id: s for s in summaries}
    assert by_id["ort/landkreis-goettingen"].mentions == 2 and by_id["ort/landkreis-goettingen"].entries == 2
    assert by_id["traeger/zugelassener-kommunaler-traeger"].forms == (
        "zugelassenen kommunalen Träger", "zugelassenen kommunalen Trägern")
    assert by_id["ministerium/bundesministerium-fuer-arbeit-und-soziales"].abbreviation == "BMAS"
    assert [s.id for s in model_kb.entity_summaries("ORT")] == ["ort/landkreis-goettingen"]
    assert {s.label for s in model_kb.entity_summaries("ministerium")} == {"MINISTERIUM"}
    detail = model_kb.entity("ort/landkreis-goettingen")
    assert detail is not None
    assert [(e.id, m.text) for e, m in detail.mentions] == [("sgb-2-48b/rz-34a", "Landkreis Göttingen"),
                                                            ("sgb-2-48b/rz-35", "Landkreis Göttingen")]
    assert model_kb.entity("ort/atlantis") is None
    assert model_kb.has_entity("ort/landkreis-goettingen") and not model_kb.has_entity("ort/atlantis")


def test_obligations_all_and_by_bearer(model_kb: KnowledgeBase) -> None:
    everything = model_kb.obligations()
    assert [(e.id, o.modality.value) for e, o in everything] == [
        ("sgb-2-48b/rz-34", "pflicht"), ("sgb-2-48b/rz-34a", "soll"), ("sgb-2-48b/rz-35", "pflicht")]
    mine = model_kb.obligations("traeger/zugelassener-kommunaler-traeger")
    assert [(e.id, o.action) for e, o in mine] == [
        ("sgb-2-48b/rz-34", "zum Abschluss von Zielvereinbarungen verpflichtet")]
    assert model_kb.obligations("nobody/none") == []


def test_search_from_many_threads(model_kb: KnowledgeBase) -> None:
    queries = ("Göttingen", "Träger", 'cites:"§ 6a"', "§ 48b Rz. 34a SGB II", "label:ORT")
    expected = tuple(model_kb.search(q).total for q in queries)
    errors: list[BaseException] = []
    runs: list[tuple[int, ...]] = []

    def work() -> None:
        try:
            for _ in range(5):
                runs.append(tuple(model_kb.search(q).total for q in queries))
                assert model_kb.entry("sgb-2-48b/rz-34") is not None
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert runs == [expected] * 40
