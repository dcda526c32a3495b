"""kb.addressees: the subject of an obligation named as a reader recognises it, and grouped by that name."""

from __future__ import annotations

import pytest

from kb.addressees import NO_ADDRESSEE, addressee_name, addressee_of
from kb.model import Modality, Obligation


@pytest.mark.parametrize(("subject", "name"), [
    ("Leistungsberechtigte", "Leistungsberechtigte"),
    ("der Leistungsberechtigte", "Leistungsberechtigte"),  # the article goes
    ("den Leistungsberechtigten", "Leistungsberechtigte"),  # so does the case
    ("Leistungsberechtigter", "Leistungsberechtigte"),
    ("Erwerbsfähige Leistungsberechtigte", "erwerbsfähige Leistungsberechtigte"),  # capitalised by the sentence
    ("erwerbsfähigen Leistungsberechtigten", "erwerbsfähige Leistungsberechtigte"),
    ("Beteiligter", "Beteiligte"),
    ("von der Beigeladenen", "Beigeladene"),  # the agent of a passive
    ("sich die Beigeladene", "Beigeladene"),  # "hat sich die Beigeladene verpflichtet"
    ("IV. Der Kläger", "Kläger"),  # an outline number before the sentence
    ("den zuständigen Behörden", "zuständige Behörden"),
    ("bisher zuständige Behörde", None),  # an adverb is no adjective: no name, rather than a wrong one
    ("Mitglieder des Kooperationsausschusses", "Mitglieder des Kooperationsausschusses"),
    ("Agentur für Arbeit", "Agentur für Arbeit"),
    # nouns that merely end like adjectives stay as written
    ("Kläger", "Kläger"), ("Arbeitgeber", "Arbeitgeber"), ("Vertreter", "Vertreter"), ("Daten", "Daten"),
    ("Kosten", "Kosten"), ("Personen", "Personen"),
])
def test_the_subject_is_named_as_in_a_heading(subject: str, name: str | None) -> None:
    assert addressee_name(subject) == name


@pytest.mark.parametrize("subject", [
    "", "sie", "Sie", "Er", "es", "Sie oder er", "Zwar", "Vielmehr", "Dies",  # pronouns, sentence adverbs
    "Beklagte wird zu prüfen",  # a clause the finder took for a subject
    "Klage ist begründet, was der Senat selbst entscheiden",
    "in § 86 genannten Stellen",
    "anrechnen lassen",  # no noun at all
    "PV Kabine hätte sich aus Kostengründen für ein Webinar entscheiden",
    "Kündigungsdatum \n Rückzahlung \n Innerhalb eines Jahres",
])
def test_what_names_nobody_is_no_addressee(subject: str) -> None:
    assert addressee_name(subject) is None


def _obligation(bearer: str, bearer_id: str | None = None) -> Obligation:
    return Obligation(Modality.PFLICHT, bearer, "tun", "Satz.", 0, 5, bearer_id=bearer_id)


def test_spellings_of_one_addressee_share_one_group_and_entities_keep_their_id() -> None:
    forms = ["der Leistungsberechtigte", "Leistungsberechtigte", "den Leistungsberechtigten", "Leistungsberechtigter"]
    groups = {addressee_of(_obligation(f)) for f in forms}
    assert len(groups) == 1
    (group,) = groups
    assert (group.key, group.name, group.entity_id, group.recognised) == (
        "leistungsberechtigte", "Leistungsberechtigte", None, True)
    entity = addressee_of(_obligation("zugelassener kommunaler Träger", "traeger/zugelassener-kommunaler-traeger"))
    assert (entity.key, entity.entity_id) == ("traeger/zugelassener-kommunaler-traeger",) * 2
    nobody = {addressee_of(_obligation(b)) for b in ("", "sie", "Zwar")}
    assert len(nobody) == 1 and next(iter(nobody)).name == NO_ADDRESSEE and not next(iter(nobody)).recognised
