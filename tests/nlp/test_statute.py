"""Obligations in SGB II (../shared/data/laws/sgb_2.xml), each checked by hand against the statute,
with § and Absatz (the ABSATZ block holding the sentence)."""

from __future__ import annotations

import pytest

from kb.nlp import absatz_of

pytestmark = pytest.mark.shared_data

# (§, Absatz, modality, bearer, a phrase of the action) — read off the statute text
HAND_CHECKED = [
    ("48b", "4", "soll", "Vereinbarungen nach Absatz 1 Satz 1 Nummer 4", "sich an den Vereinbarungen"),
    ("48", "1", "pflicht", "zuständige Landesbehörde", "Aufsicht über die zugelassenen kommunalen Träger"),
    ("44b", "1", "kann", "gemeinsame Einrichtung", "Verwaltungsakte und Widerspruchsbescheide zu erlassen"),
    ("44b", "3", "kann", "Kooperationsausschuss", "eine Empfehlung abgeben"),
    ("44b", "4", "kann", "gemeinsame Einrichtung", "einzelne Aufgaben auch durch die Träger wahrnehmen lassen"),
    ("15", "1", "soll", "Agentur für Arbeit", "die Eignung feststellen"),
    ("15", "2", "soll", "Agentur für Arbeit", "gemeinsam einen Plan zur Verbesserung der Teilhabe"),
    ("18", "4", "soll", "Agentur für Arbeit", "Vereinbarungen über das Erbringen von Leistungen"),
    ("22", "7", "pflicht", "kommunaler Träger", "schriftlich zu unterrichten"),
    ("6c", "1", "pflicht", "Bundesagentur für Arbeit", "zur Wiedereinstellung"),
    ("44f", "3", "pflicht", "Bundesagentur für Arbeit", "die Übertragung der Bewirtschaftung zu widerrufen"),
    ("53", "6", "kann", "Bundesagentur für Arbeit", "für ausschließlich statistische Zwecke"),
    ("6b", "3", "kann", "Bundesrechnungshof", "die Leistungsgewährung zu prüfen"),
    ("47", "1", "kann", "Bundesministerium für Arbeit und Soziales", "der Bundesagentur Weisungen erteilen"),
    ("6", "1", "soll", "Träger der Leistungen nach diesem Buch", "einen Außendienst"),
]


@pytest.mark.parametrize(("paragraph", "absatz", "modality", "bearer", "phrase"), HAND_CHECKED)
def test_hand_checked_obligations(sgb2_enriched, paragraph, absatz, modality, bearer, phrase):
    entry = sgb2_enriched[paragraph]
    hits = [o for o in entry.obligations if phrase in o.action]
    assert len(hits) == 1, [(o.modality, o.bearer, o.action) for o in entry.obligations]
    o = hits[0]
    assert (str(o.modality), o.bearer, absatz_of(entry, o)) == (modality, bearer, absatz)
    assert o.absatz == absatz  # enrich records the Absatz on the obligation itself
    assert entry.text[o.start:o.end] == o.sentence
    assert not o.sentence.startswith("(")  # the Absatz number is not part of the sentence


def test_obligations_of_the_kommunale_traeger_and_the_bundesagentur(sgb2_enriched):
    def by_bearer(entity_id: str) -> set[tuple[str, str | None]]:
        return {(e.paragraph, absatz_of(e, o)) for e in sgb2_enriched.values() for o in e.obligations
                if o.bearer_id == entity_id}

    kommunal = by_bearer("traeger/kommunaler-traeger")
    bundesagentur = by_bearer("traeger/bundesagentur-fuer-arbeit")
    assert {("22", "7"), ("22", "4")} <= kommunal
    assert {("6c", "1"), ("44f", "3"), ("53", "6")} <= bundesagentur
    assert len(kommunal) >= 8 and len(bundesagentur) >= 4


def test_statute_entities(sgb2_enriched):
    entry = sgb2_enriched["48b"]
    canon = {(str(e.label), e.canonical) for e in entry.entities}
    assert ("MINISTERIUM", "Bundesministerium für Arbeit und Soziales") in canon
    assert ("MINISTERIUM", "Bundesministerium der Finanzen") in canon
    assert ("BEHOERDE", "zuständige Landesbehörde") in canon
    assert ("TRAEGER", "zugelassener kommunaler Träger") in canon
    assert ("GREMIUM", "Bund-Länder-Ausschuss") in canon
