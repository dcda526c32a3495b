"""The citation finder under fuzzing, long inputs included (tests/citations/test_properties.py covers short ones):
it never raises, every citation lies inside the text, ``text[start:end]`` is its text, and citations never
overlap — also for a fragment repeated hundreds of times."""

from __future__ import annotations

from hypothesis import example, given

from kb.citations import Context, annotate, extract, find
from tests.fuzz.settings import fuzz
from tests.fuzz.strategies import CITATION_TEXTS

CTX = Context("SGB 2", "48b", "sgb-2-48b")


def assert_sound(text: str, citations: tuple | list) -> None:  # type: ignore[type-arg]
    last = 0
    for c in citations:
        assert 0 <= c.start < c.end <= len(text), (c.start, c.end, len(text))
        assert text[c.start:c.end] == c.text
        assert c.start >= last, "citations overlap or are out of order"
        last = c.end


@fuzz(300)
@given(CITATION_TEXTS)
@example("§§ 1, " * 1700)  # was a RecursionError: one recursion per § of a list
@example("§ 1, § 2, " * 900)
@example("§ 1 Abs. 2 und " * 600)
@example("i.V.m. § 1 " * 800)
@example("Rz. " * 2500)
@example("(" * 3000 + "§ 1")
def test_find_and_extract_are_sound(text: str) -> None:
    assert_sound(text, find(text))
    assert_sound(text, extract(text, CTX))


@fuzz(60)
@given(CITATION_TEXTS)
@example("§§ 1, " * 1700)
def test_annotate_keeps_the_text(text: str) -> None:
    html = annotate(text, extract(text, CTX))
    assert isinstance(html, str) and (not text.strip() or html)


def test_a_list_of_thousands_of_paragraphs_is_one_citation() -> None:
    """The regression of the fuzzing's find: "§ 1, § 2, … § 2000" is parsed in a loop, every § a target."""
    text = "nach " + ", ".join(f"§ {n}" for n in range(1, 2001)) + " SGB II"
    found = find(text)
    assert len(found) == 1 and len(found[0].targets) == 2000
    assert found[0].targets[-1].number == "2000" and found[0].law == "SGB 2"
