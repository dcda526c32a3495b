"""Entities: labels, canonical forms across inflections, abbreviations, laws named alone as GESETZ; cited norms are
citations, never entities."""

from __future__ import annotations

import itertools

import pytest

from kb.model import Citation, CitationKind, EntityLabel, Entry, NormTarget
from kb.nlp import analyze, enrich


def _one(text: str, label: EntityLabel):
    found = [e for e in analyze(text)[0] if e.label is label]
    assert len(found) == 1, (text, found)
    e = found[0]
    assert text[e.start:e.end] == e.text
    return e


@pytest.mark.parametrize(("text", "label", "surface", "canonical"), [
    ("mit den zugelassenen kommunalen Trägern", "TRAEGER", "zugelassenen kommunalen Trägern",
     "zugelassener kommunaler Träger"),
    ("Der zugelassene kommunale Träger prüft.", "TRAEGER", "zugelassene kommunale Träger",
     "zugelassener kommunaler Träger"),
    ("Aufgaben der gemeinsamen Einrichtungen", "TRAEGER", "gemeinsamen Einrichtungen", "gemeinsame Einrichtung"),
    ("Weisungen der Bundesagentur", "TRAEGER", "Bundesagentur", "Bundesagentur für Arbeit"),
    ("die Agenturen für Arbeit", "TRAEGER", "Agenturen für Arbeit", "Agentur für Arbeit"),
    ("vom Träger der Sozialhilfe", "TRAEGER", "Träger der Sozialhilfe", "Träger der Sozialhilfe"),
    ("Erlass des Niedersächsischen Ministeriums für Soziales, Gesundheit und Gleichstellung vom Mai",
     "MINISTERIUM", "Niedersächsischen Ministeriums für Soziales, Gesundheit und Gleichstellung",
     "Niedersächsisches Ministerium für Soziales, Gesundheit und Gleichstellung"),
    ("beim Bayerischen Staatsministerium für Familie, Arbeit und Soziales", "MINISTERIUM",
     "Bayerischen Staatsministerium für Familie, Arbeit und Soziales",
     "Bayerisches Staatsministerium für Familie, Arbeit und Soziales"),
    ("Einvernehmen mit dem Bundesministerium der Finanzen", "MINISTERIUM", "Bundesministerium der Finanzen",
     "Bundesministerium der Finanzen"),
    ("Aufsicht der zuständigen obersten Landesbehörde", "BEHOERDE", "zuständigen obersten Landesbehörde",
     "oberste Landesbehörde"),
    ("Die Kommunalaufsicht prüft.", "BEHOERDE", "Kommunalaufsicht", "Kommunalaufsicht"),
    ("in den Kooperationsausschüssen", "GREMIUM", "Kooperationsausschüssen", "Kooperationsausschuss"),
    ("im Bund-Länder-Ausschuss", "GREMIUM", "Bund-Länder-Ausschuss", "Bund-Länder-Ausschuss"),
    ("Rechtsprechung des Bundessozialgerichts", "GERICHT", "Bundessozialgerichts", "Bundessozialgericht"),
    ("so das LSG Niedersachsen-Bremen im Urteil", "GERICHT", "LSG Niedersachsen-Bremen",
     "Landessozialgericht Niedersachsen-Bremen"),
    ("Urteil des Bayerischen Landessozialgerichts", "GERICHT", "Bayerischen Landessozialgerichts",
     "Bayerisches Landessozialgericht"),
    ("für den Haushalt des Landkreises Hameln-Pyrmont", "ORT", "Landkreises Hameln-Pyrmont",
     "Landkreis Hameln-Pyrmont"),
    ("Die Region Hannover ist Träger.", "ORT", "Region Hannover", "Region Hannover"),
    ("Das SG Frankfurt am Main entschied", "GERICHT", "SG Frankfurt am Main", "Sozialgericht Frankfurt am Main"),
    ("in Niedersachsen gilt", "ORT", "Niedersachsen", "Niedersachsen"),
    ("am 1. Januar 2024 in Kraft", "DATUM", "1. Januar 2024", "2024-01-01"),
    ("Bescheid vom 15.03.2024 aufgehoben", "DATUM", "15.03.2024", "2024-03-15"),
    ("für das Haushaltsjahr 2023 geplant", "ZEITRAUM", "2023", "2023"),
    ("innerhalb von drei Monaten nach Zugang", "ZEITRAUM", "drei Monaten", "3 Monate"),
    ("innerhalb eines Monats nach Zugang", "ZEITRAUM", "eines Monats", "1 Monat"),
])
def test_label_and_canonical_form(text, label, surface, canonical):
    e = _one(text, EntityLabel(label))
    assert (e.text, e.canonical) == (surface, canonical)


def test_known_short_forms_carry_their_long_form():
    e = _one("Das BSG und das BMAS", EntityLabel.GERICHT)
    assert (e.canonical, e.abbreviation, e.id) == ("Bundessozialgericht", "BSG", "gericht/bundessozialgericht")
    m = _one("Das BSG und das BMAS", EntityLabel.MINISTERIUM)
    assert (m.canonical, m.abbreviation) == ("Bundesministerium für Arbeit und Soziales", "BMAS")


def test_no_entity_for_generic_words():
    ents, _ = analyze("Der Träger und das Land haben die Stadt Verwaltung nicht beteiligt; das Ministerium schweigt.")
    assert [(e.label, e.text) for e in ents] == []


def _entry(i: int, text: str, work: str = "w") -> Entry:
    return Entry(id=f"{work}/rz-{i}", work=work, law="SGB 2", paragraph="48b", position=i, text=text)


def test_abbreviation_defined_in_one_entry_links_later_entries_of_the_work():
    first = _entry(0, "Das Hessische Ministerium für Soziales und Integration (HMSI) schließt Verträge.")
    before = _entry(1, "Der Landkreis verhandelt mit dem HMSI.")
    entries = [before, first, _entry(2, "Das HMSI hat zugestimmt.")]
    out = enrich(entries)
    long_form = "Hessisches Ministerium für Soziales und Integration"
    assert [e.text for e in out[0].entities if e.label is EntityLabel.MINISTERIUM] == []  # before the definition
    defined = [e for e in out[1].entities if e.label is EntityLabel.MINISTERIUM]
    assert [(e.text, e.canonical, e.abbreviation) for e in defined] == [
        ("Hessische Ministerium für Soziales und Integration", long_form, "HMSI"), ("HMSI", long_form, "HMSI")]
    later = [e for e in out[2].entities if e.label is EntityLabel.MINISTERIUM]
    assert [(e.text, e.canonical, e.abbreviation) for e in later] == [("HMSI", long_form, "HMSI")]
    # another work does not know the short form
    assert not enrich([_entry(0, "Das HMSI hat zugestimmt.", work="other")])[0].entities


def test_a_law_named_alone_is_a_gesetz_entity_and_a_cited_norm_is_none():
    ents, _ = analyze("Nach § 6a Abs. 2 SGB II und dem Sozialgerichtsgesetz")
    assert [(e.label, e.text, e.canonical) for e in ents] == [(EntityLabel.GESETZ, "Sozialgerichtsgesetz", "SGG")]
    assert "NORM" not in {label.value for label in EntityLabel}


def test_a_list_of_norms_is_no_entity_and_nothing_is_found_inside_it():
    """"Absatz 1 Satz 1 Nummer 2 bis 4" names three norms: once one NORM entity named by three keys joined with
    ";". It is one citation with three targets; no entity of any kind comes out of its stretch (no date, no
    period from "1 … 2 bis 4")."""
    text = ("Die Vereinbarungen nach Absatz 1 Satz 1 Nummer 2 bis 4 umfassen alle Leistungen; "
            "§ 35 Abs. 1 Satz 2 bis 6 SGB XII und Art. 1 Abs. 1, Art. 2 Abs. 1 GG gelten seit dem 1. Januar 2020.")
    ents, _ = analyze(text)
    assert [(e.label, e.canonical) for e in ents] == [(EntityLabel.DATUM, "2020-01-01")]
    assert not any(";" in e.canonical for e in ents)


def test_resolved_citations_of_the_entry_are_used():
    text = "Nach Abs. 4 gilt das SGB II."
    norm = Citation(CitationKind.NORM, 5, 11, "Abs. 4", (NormTarget("SGB 2", "48b", absatz="4"),))
    law = Citation(CitationKind.LAW, 21, 27, "SGB II", law="SGB 2")
    entry = Entry(id="w/rz-1", work="w", law="SGB 2", paragraph="48b", position=0, text=text,
                  citations=(norm, law))
    (out,) = enrich([entry])
    assert [(e.label, e.text, e.canonical) for e in out.entities] == [(EntityLabel.GESETZ, "SGB II", "SGB 2")]
    assert out.citations == (norm, law)


def test_offsets_always_slice_the_text(sample_entries):
    for entry in sample_entries.values():
        assert entry.entities
        for e in entry.entities:
            assert entry.text[e.start:e.end] == e.text
        spans = sorted((e.start, e.end) for e in entry.entities)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), "entities overlap"


def test_place_names_that_are_also_words_need_a_capital():
    ents, _ = analyze("Sie wollen erneut einen Anfängerstatus erlangen und essen. In Erlangen und Essen nicht.")
    assert [(e.label, e.text) for e in ents] == [(EntityLabel.ORT, "Erlangen"), (EntityLabel.ORT, "Essen")]


def test_court_short_form_needs_a_court_article():
    assert not [e for e in analyze("die gesamte BAG wird berücksichtigt")[0] if e.label is EntityLabel.GERICHT]
    assert [e.canonical for e in analyze("Das BAG hat entschieden.")[0]] == ["Bundesarbeitsgericht"]
