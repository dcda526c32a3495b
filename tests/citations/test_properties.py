"""Hypothesis: any string in — no exception, spans inside the text and in order, never overlapping; decisions and
papers never carry a law or a norm."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.citations import Context, annotate, extract, find, parse_query
from kb.model import CitationKind, DecisionTarget, Entity, EntityLabel

# Fragments that make the generator hit the grammar often, mixed with arbitrary text.
_PIECES = st.sampled_from([
    "§", "§§", "Art.", "Artt.", "Abs.", "Absatz", "Satz", "S.", "Hs.", "Nr.", "Buchst.", "lit.", "Alt.", "2.",
    "i.V.m.", "iVm", "in Verbindung mit", "und", "sowie", "oder", "bis", "–", "-", ",", "f.", "ff.", "(", ")",
    "Rz.", "Rn.", "Rdnr.", "N.", "vgl.", "oben", "SGB", "II", "XII", "IV", "BGB", "GG", "SGG", "DSGVO", "EMRK",
    "dieses Gesetzes", "a.a.O.", "ebd.", "Sozialgesetzbuch", "Zweites", "Buch", "des", "der", "Gesetzes",
    "Atomgesetzes", "vom", "1. Januar 2000", "(BGBl I S. 1)", "VO (EG) Nr. 883/2004", "Komm. zu", "6a", "48b",
    "1", "4", "34a", "12.1", "a", "aa", "I", " ", "\n", ".", "SozR 4-4200", "Aufl.", "TzBfG", "<", ">", "&",
    # court decisions and papers
    "BSG", "BVerfG", "LSG Berlin-Brandenburg", "Bundessozialgerichts", "Urteil", "Beschl.", "v.", "des Ersten Senats",
    "12.10.2016", "5. April 2024", "B 4 AS 4/16 R", "1 BvL 7/16", "11 A 7.23", "IX ZB 72/08", "juris", "mwN", "=",
    "BVerfGE 125, 175", "NJW 2019, 1234", "ECLI:DE:BSG:2016:121016UB4AS416R0", "BT-Drs.", "17/1555", "[", "]", ";",
])
TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=40).map(" ".join),
    st.lists(_PIECES, max_size=40).map("".join),
)
CTX = Context("SGB 2", "48b", "sgb-2-48b")


def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    last = 0
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start >= last, "spans overlap or are out of order"
        last = end


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_find_never_fails_and_spans_are_sound(text: str) -> None:
    cits = find(text)
    _check_spans(text, [(c.start, c.end) for c in cits])
    for c in cits:
        assert text[c.start:c.end] == c.text
        if c.kind in (CitationKind.DECISION, CitationKind.PAPER):  # never a norm, never a law
            assert c.law is None and all(isinstance(t, DecisionTarget) for t in c.targets)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_extract_keeps_spans_and_fills_laws(text: str) -> None:
    found = find(text)
    cits = extract(text, CTX)
    assert [(c.start, c.end) for c in cits] == [(c.start, c.end) for c in found]
    for c in cits:
        for t in c.targets:
            assert t.key  # every target has a canonical id


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in ("a", "span")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, "mis-nested markup"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.lists(st.tuples(st.integers(0, 220), st.integers(1, 40)), max_size=6))
def test_annotate_is_well_formed_and_loses_no_text(text: str, raw_entities: list[tuple[int, int]]) -> None:
    entities = [Entity(EntityLabel.ORT, s, min(s + n, len(text)), text[s:s + n], "x")
                for s, n in raw_entities if s < len(text)]
    html = annotate(text, extract(text, CTX), entities=entities)
    parser = _Collector()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    assert "".join(parser.text) == text


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_parse_query_never_fails(text: str) -> None:
    q = parse_query(text)
    if q is not None:
        assert q.paragraph or q.decision is not None  # a § or a court decision
