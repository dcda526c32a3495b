"""Snippets: which words are marked, whatever their spelling."""

from __future__ import annotations

import re

import pytest

from kb.search import snippet
from kb.search.analysis import WORD, word_terms


def _marked_words(html_text: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html_text)


_SNIPPET_TEXT = ("Die Straße in Goettingen: der zugelassene kommunale Träger, die Trägerschaft, "
                 "Zielvereinbarungen, STRASSE, Quelle, Maßnahmen und Massnahmen; QUELLEN über Bürgergeldreform.")


# "İ" lower-cases to two characters: the highlighter must then search the text itself.
_SNIPPET_TEXTS = [_SNIPPET_TEXT, "İZMİR und der Träger; İ Goettingen, Trägerschaft İ Straße."]


@pytest.mark.parametrize(("text", "word"), [(t, w) for t in _SNIPPET_TEXTS for w in sorted(set(WORD.findall(t)))])
def test_snippets_mark_exactly_the_words_that_share_an_index_term(text: str, word: str) -> None:
    terms = set(word_terms(word))
    expected = [w for w in WORD.findall(text) if not word_terms(w).isdisjoint(terms)]
    assert _marked_words(snippet(text, terms, width=10_000)) == expected
