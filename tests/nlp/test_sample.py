"""Acceptance on the user's sample: § 48b SGB II Rz. 33, 34, 34a."""

from __future__ import annotations

from kb.model import EntityLabel, Entry, Modality


def _ents(entry: Entry, label: EntityLabel):
    return [e for e in entry.entities if e.label is label]


def test_rz34a_landkreis_goettingen_is_a_place(sample_entries):
    places = _ents(sample_entries["34a"], EntityLabel.ORT)
    assert {e.canonical for e in places} == {"Landkreis Göttingen"}
    assert all(e.id == "ort/landkreis-goettingen" for e in places)
    assert len(places) == 2


def test_rz34a_both_ministries_linked_to_their_abbreviations(sample_entries):
    entry = sample_entries["34a"]
    ministries = _ents(entry, EntityLabel.MINISTERIUM)
    by_abbr = {e.abbreviation: e for e in ministries if e.text != e.abbreviation}
    # the short form in the definition "(MS)" is a mention of the same entity
    short = {e.text: e for e in ministries if e.text == e.abbreviation}
    assert set(short) == {"MV", "MS"}
    assert short["MS"].id == by_abbr["MS"].id and short["MV"].id == by_abbr["MV"].id
    assert entry.text[short["MS"].start - 1:short["MS"].end + 1] == "(MS)"
    assert by_abbr["MV"].canonical == ("Niedersächsisches Ministerium für Wirtschaft, Arbeit, Verkehr und "
                                       "Digitalisierung")
    assert by_abbr["MS"].canonical == "Niedersächsisches Ministerium für Soziales, Gesundheit und Gleichstellung"
    # the genitive / dative surface forms are kept as written, with offsets into the entry text
    for e in by_abbr.values():
        assert entry.text[e.start:e.end] == e.text
    assert by_abbr["MV"].text.startswith("Niedersächsischen Ministeriums")


def test_zugelassene_kommunale_traeger_one_canonical_form_in_rz33_and_rz34(sample_entries):
    forms = set()
    for rz in ("33", "34"):
        traeger = [e for e in _ents(sample_entries[rz], EntityLabel.TRAEGER) if "zugelassen" in e.text]
        assert traeger, rz
        forms |= {e.canonical for e in traeger}
    assert forms == {"zugelassener kommunaler Träger"}
    surface = {e.text for rz in ("33", "34") for e in _ents(sample_entries[rz], EntityLabel.TRAEGER)}
    assert {"zugelassenen kommunalen Trägern", "zugelassenen kommunalen Träger"} <= surface


def test_rz34_has_bmas(sample_entries):
    bmas = [e for e in _ents(sample_entries["34"], EntityLabel.MINISTERIUM) if e.text == "BMAS"]
    assert len(bmas) == 1
    assert bmas[0].canonical == "Bundesministerium für Arbeit und Soziales"
    assert bmas[0].abbreviation == "BMAS"


def test_rz34_obligation_zielvereinbarungen(sample_entries):
    entry = sample_entries["34"]
    duties = [o for o in entry.obligations if o.modality is Modality.PFLICHT]
    assert len(duties) == 1
    duty = duties[0]
    assert duty.bearer == "zugelassener kommunaler Träger"
    assert duty.bearer_id == "traeger/zugelassener-kommunaler-traeger"
    assert "Abschluss von Zielvereinbarungen verpflichtet" in duty.action
    assert duty.cue == "haben … verpflichtet"
    assert entry.text[duty.start:duty.end] == duty.sentence
    assert duty.sentence.startswith("Im Rahmen der Antragstellung")


def test_rz34_legislative_intent_is_no_obligation(sample_entries):
    # "ohne dass Wettbewerbsgesichtspunkte eine Rolle spielen sollen" states no one's duty or target
    assert not [o for o in sample_entries["34"].obligations if o.modality is Modality.SOLL]


def test_rz34a_soll_statements(sample_entries):
    entry = sample_entries["34a"]
    soll = [o for o in entry.obligations if o.modality is Modality.SOLL]
    assert len(soll) == 3
    texts = [o.sentence for o in soll]
    assert texts[0].startswith("Grundsätzlich soll mit allen erwerbsfähigen Leistungsberechtigten ein Kooperationsplan")
    assert "festgelegt werden" in soll[0].action
    assert soll[0].bearer == ""  # passive without an agent: no bearer is named
    assert "Wiedervorlage notiert" in soll[1].action
    assert soll[2].bearer == "Integrationsfachkräfte"
    assert "Qualifizierung" in soll[2].action
    for o in soll:
        assert entry.text[o.start:o.end] == o.sentence


def test_rz33_anzuwenden_is_a_duty_without_bearer(sample_entries):
    duties = [o for o in sample_entries["33"].obligations if o.modality is Modality.PFLICHT]
    assert len(duties) == 1
    assert duties[0].cue == "ist … anzuwenden"
    assert duties[0].bearer == ""


def test_enrich_keeps_order_and_everything_else(sample_entries):
    from indexer.sources import parse_path
    from kb.nlp import enrich
    from tests.conftest import SAMPLE

    parsed = parse_path(SAMPLE)
    out = enrich(parsed.entries)
    assert [e.id for e in out] == [e.id for e in parsed.entries]
    for before, after in zip(parsed.entries, out, strict=True):
        assert after.text == before.text and after.blocks == before.blocks and after.citations == before.citations
    assert enrich(()) == ()
