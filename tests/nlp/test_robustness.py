"""Any text goes in; offsets always slice the text; nothing raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.nlp import analyze

WORDS = ["Der", "die", "zugelassenen", "kommunalen", "Trägern", "BMAS", "(MS)", "MS", "Landkreis", "Göttingen",
         "muss", "soll", "darf", "nicht", "kann", "hat", "zu", "prüfen", "ist", "verpflichtet", ",", ".", ";", "\n",
         "- ", "(4)", "Rz.", "§", "6a", "Abs.", "2", "1.", "Januar", "2024", "für", "Stadt", "LSG", "Bremen",
         "Niedersächsischen", "Ministerium", "Soziales", "und", "anzuwenden", "Bundesagentur", "obliegt", "ää", "ß"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=40))
def test_offsets_slice_the_text(words):
    text = " ".join(words)
    entities, obligations = analyze(text)
    for e in entities:
        assert text[e.start:e.end] == e.text
        assert e.canonical
    for o in obligations:
        assert text[o.start:o.end] == o.sentence
        assert o.sentence.strip() == o.sentence


def test_text_beyond_spacys_default_length_limit_is_accepted():
    text = "Der kommunale Träger muss zahlen." + " " * 1_000_000 + "Das Jobcenter soll beraten."
    entities, obligations = analyze(text)
    assert [e.canonical for e in entities] == ["kommunaler Träger", "Jobcenter"]
    assert [(o.bearer, text[o.start:o.end]) for o in obligations] == [
        ("kommunaler Träger", "Der kommunale Träger muss zahlen."), ("Jobcenter", "Das Jobcenter soll beraten.")]
