"""The pipeline itself: registered components, tokenizer exceptions, sentences, lemmas."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kb.nlp.tokenizer import LEGAL_ABBREVIATIONS

REQUIRED = ["Rz.", "Rn.", "Abs.", "Nr.", "Art.", "Buchst.", "Hs.", "ff.", "i.V.m.", "§§", "vgl.", "bzw.", "ggf.",
            "z.B.", "insb.", "allg.", "d.h.", "u.a.", "Nds."]


def test_pipeline_is_cached_blank_german_with_named_components(nlp):
    from kb.nlp import load_pipeline

    assert load_pipeline() is nlp
    assert nlp.lang == "de"
    assert nlp.pipe_names == ["legal_sentencizer", "lemmatizer", "gazetteer", "legal_entities", "obligations"]
    for factory in ("legal_sentencizer", "lookup_lemmatizer", "legal_entities", "obligations"):
        assert Language.has_factory(factory)
    assert nlp.get_pipe_meta("gazetteer").factory == "entity_ruler"
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "randnummer.LegalTokenizer.v1"


def test_unknown_finder_in_config_is_a_clear_error():
    import spacy

    nlp = spacy.blank("de")
    with pytest.raises(ValueError, match="unknown entity finders"):
        nlp.add_pipe("legal_entities", config={"finders": ["ministries", "horoscopes"]})


@pytest.mark.parametrize("abbr", REQUIRED)
def test_legal_abbreviations_are_single_tokens(nlp, abbr):
    assert abbr in LEGAL_ABBREVIATIONS
    doc = nlp.make_doc(f"siehe {abbr} 12 und weiter")
    assert abbr in [t.text for t in doc]


def test_no_sentence_break_at_abbreviations(nlp):
    text = ("Vgl. Rz. 12 ff. zu § 6a Abs. 2 Nr. 4 Buchst. b Hs. 2 i.V.m. §§ 44b, 48b Rn. 3, z.B. allg. Grundsätze, "
            "insb. Nds. Regelungen, d.h. u.a. Art. 3 GG bzw. ggf. weitere. Das ist der zweite Satz.")
    sents = [s.text for s in nlp(text).sents]
    assert len(sents) == 2
    assert sents[1] == "Das ist der zweite Satz."


def test_bullets_start_sentences_but_numbered_statute_items_continue(nlp):
    commentary = "Die Schritte:\n- Der Plan wird umgesetzt\n- Die Beratung wird fortgeführt."
    assert [s.text.strip() for s in nlp(commentary).sents] == [
        "Die Schritte:", "- Der Plan wird umgesetzt", "- Die Beratung wird fortgeführt."]
    statute = "(6) Die Vereinbarungen können\n1. Genehmigungen ersetzen,\n2. Mittel zulassen."
    assert len(list(nlp(statute).sents)) == 1


def test_lookup_lemmas_from_spacy_lookups_data(nlp):
    doc = nlp("den zugelassenen kommunalen Trägern des Ministeriums")
    assert [t.lemma_ for t in doc] == ["der", "zugelassen", "kommunal", "Träger", "der", "Ministerium"]
    assert nlp.get_pipe("lemmatizer").mode == "lookup"


def test_empty_and_whitespace_texts(nlp):
    from kb.nlp import analyze

    assert analyze("") == ((), ())
    assert analyze("  \n ") == ((), ())
    assert len(list(nlp.pipe(["", "Text.", " "]))) == 3
