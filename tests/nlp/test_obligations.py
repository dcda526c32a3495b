"""Obligations: each deontic form, its modality, bearer and action; statements that are none."""

from __future__ import annotations

import pytest

from kb.model import Modality
from kb.nlp import analyze


def _only(text: str):
    _, obligations = analyze(text)
    assert len(obligations) == 1, (text, obligations)
    o = obligations[0]
    assert text[o.start:o.end] == o.sentence
    return o


@pytest.mark.parametrize(("text", "modality", "bearer", "cue", "in_action"), [
    ("Das Jobcenter muss den Bescheid begründen.", "pflicht", "Jobcenter", "muss", "den Bescheid begründen"),
    ("Der kommunale Träger hat die Person schriftlich zu unterrichten.", "pflicht", "kommunaler Träger",
     "hat … zu unterrichten", "schriftlich zu unterrichten"),
    ("Die gemeinsame Einrichtung ist verpflichtet, die Daten zu übermitteln.", "pflicht", "gemeinsame Einrichtung",
     "ist … verpflichtet", "die Daten zu übermitteln"),
    ("Die zugelassenen kommunalen Träger verpflichten sich, Zielvereinbarungen abzuschließen.", "pflicht",
     "zugelassener kommunaler Träger", "verpflichten sich", "Zielvereinbarungen abzuschließen"),
    ("Die Aufsicht über die Jobcenter obliegt der Kommunalaufsicht.", "pflicht", "Kommunalaufsicht", "obliegt", ""),
    ("Der Antrag ist unverzüglich zu bescheiden.", "pflicht", "", "ist … zu bescheiden", "unverzüglich"),
    ("Die Bundesagentur soll die Ergebnisse veröffentlichen.", "soll", "Bundesagentur für Arbeit", "soll",
     "die Ergebnisse veröffentlichen"),
    ("Grundsätzlich soll ein Kooperationsplan festgelegt werden.", "soll", "", "soll", "festgelegt werden"),
    ("Der Kooperationsausschuss kann eine Empfehlung abgeben.", "kann", "Kooperationsausschuss", "kann",
     "eine Empfehlung abgeben"),
    ("Die Träger dürfen die Daten verarbeiten.", "kann", "Träger", "dürfen", "die Daten verarbeiten"),
    ("Der Bundesrechnungshof ist berechtigt, die Leistungsgewährung zu prüfen.", "kann", "Bundesrechnungshof",
     "ist … berechtigt", "Leistungsgewährung zu prüfen"),
    ("Das Jobcenter darf die Leistung nicht einstellen.", "verbot", "Jobcenter", "darf nicht",
     "die Leistung nicht einstellen"),
    ("Eine Übertragung auf private Dritte ist unzulässig.", "verbot", "Übertragung auf private Dritte",
     "ist … unzulässig", ""),
    ("Eine Weisung an die gemeinsamen Einrichtungen ist nicht zulässig.", "verbot",
     "Weisung an die gemeinsamen Einrichtungen", "ist … nicht zulässig", ""),
    ("Mit der Prüfung kann die Bundesagentur Dritte beauftragen.", "kann", "Bundesagentur für Arbeit", "kann",
     "Dritte beauftragen"),
    ("Erwerbsfähige Leistungsberechtigte, die Leistungen beziehen, sind verpflichtet, jede Änderung anzuzeigen.",
     "pflicht", "Erwerbsfähige Leistungsberechtigte", "sind … verpflichtet", "jede Änderung anzuzeigen"),
    ("Die Länder bestimmen, dass die Kreise die Aufgaben wahrnehmen müssen.", "pflicht", "Kreise", "müssen",
     "die Aufgaben wahrnehmen"),
    ("In diesem Fall darf der für den Aufenthaltsort örtlich zuständige Träger nur die Reisekosten übernehmen.",
     "kann", "für den Aufenthaltsort örtlich zuständige Träger", "darf", "nur die Reisekosten übernehmen"),
    ("Das Einkommen ist dabei nicht zu berücksichtigen.", "verbot", "", "ist … nicht zu berücksichtigen",
     "Das Einkommen dabei nicht zu berücksichtigen"),
])
def test_forms(text, modality, bearer, cue, in_action):
    o = _only(text)
    assert (str(o.modality), o.bearer, o.cue) == (modality, bearer, cue)
    assert in_action in o.action


@pytest.mark.parametrize("text", [
    "Das Jobcenter muss den Bescheid nicht begründen.",  # no duty
    "Der Träger kann die Kosten nicht tragen.",  # inability, not a permission
    "Die Bewertung ist zu erwarten.",  # a modal passive of expectation
    "Der Träger hat die Kosten zu Lasten des Bundes erbracht.",  # "zu Lasten" is no infinitive
    "Es gilt dies, ohne dass Wettbewerbsgesichtspunkte eine Rolle spielen sollen.",
    "Das Ministerium bestimmt, welchen Anforderungen eine Vereinbarung genügen muss.",  # indirect question
    "Der Landkreis schließt jährlich eine Zielvereinbarung ab.",  # a statement of fact
    "In diesen Fällen ist § 39 Satz 1 nicht anzuwenden.",  # a rule that does not apply binds nobody
])
def test_statements_that_are_no_obligation(text):
    assert analyze(text)[1] == ()


def test_bearer_entity_id_and_pronoun_antecedent():
    text = ("Das Bundesministerium für Arbeit und Soziales kann der Bundesagentur Weisungen erteilen; "
            "es kann organisatorische Maßnahmen treffen.")
    _, obligations = analyze(text)
    assert [(str(o.modality), o.bearer, o.bearer_id) for o in obligations] == [
        ("kann", "Bundesministerium für Arbeit und Soziales", "ministerium/bundesministerium-fuer-arbeit-und-soziales"),
        ("kann", "Bundesministerium für Arbeit und Soziales", "ministerium/bundesministerium-fuer-arbeit-und-soziales"),
    ]
    assert obligations[0].action == "der Bundesagentur Weisungen erteilen"
    assert obligations[1].action == "organisatorische Maßnahmen treffen"


def test_two_clauses_two_obligations_and_modality_enum():
    _, obligations = analyze("Die Agentur für Arbeit soll beraten, und der kommunale Träger muss zahlen.")
    assert [o.modality for o in obligations] == [Modality.SOLL, Modality.PFLICHT]
    assert [o.bearer for o in obligations] == ["Agentur für Arbeit", "kommunaler Träger"]
