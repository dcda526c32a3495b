"""Build the spaCy pipeline once: spacy.blank("de") + registered components, all offline."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

# importing registers the tokenizer, the components and the gazetteer patterns by name
from . import components as _components  # noqa: F401
from . import obligations as _obligations  # noqa: F401
from . import tokenizer as _tokenizer  # noqa: F401


def build_pipeline(*, lemmatizer: bool = True, obligations: bool = True) -> Language:
    """A fresh pipeline (uncached): tokenizer with legal abbreviations, sentences, lookup lemmas,
    gazetteer (EntityRuler, LOWER phrase patterns + ORTH short forms), open-class entities with
    canonical forms and abbreviation links, obligations.

    The lemmatizer's table comes from the installed ``spacy-lookups-data`` package; nothing is
    downloaded.
    """
    nlp = spacy.blank("de", config={"nlp": {"tokenizer": {"@tokenizers": "randnummer.LegalTokenizer.v1"}}})
    nlp.add_pipe("legal_sentencizer")
    if lemmatizer:
        nlp.add_pipe("lookup_lemmatizer", name="lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("entity_ruler", name="gazetteer", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    nlp.add_pipe("legal_entities")
    if obligations:
        nlp.add_pipe("obligations")
    nlp.max_length = 20_000_000  # no parser or NER model: long statutes cost time, not memory
    nlp.config["initialize"]["components"]["gazetteer"] = {"patterns": {"@misc": "randnummer.gazetteer_patterns.v1"}}
    nlp.initialize()
    return nlp


@cache
def load_pipeline() -> Language:
    """The shared pipeline, built on first use."""
    return build_pipeline()
