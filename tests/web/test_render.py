"""The entry-text renderer: escaped, nothing lost, links never nested (property tests with hypothesis)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import pairwise

from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.model import Block, BlockKind, Citation, CitationKind, Entity, EntityLabel, Entry, NormTarget
from web.render import link_entities, render_entry_text


class Checker(HTMLParser):
    """Collects text and fails on a link inside a link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.a_depth = 0
        self.nested = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.nested |= self.a_depth > 0
            self.a_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.a_depth -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check(html: str) -> Checker:
    checker = Checker()
    checker.feed(html)
    checker.close()
    return checker


APP = Flask(__name__)
from web.views import entities as _entities  # noqa: E402  (the renderer links entity pages by endpoint)

APP.register_blueprint(_entities.bp)

spans = st.tuples(st.integers(0, 60), st.integers(1, 20))
texts = st.text(alphabet=st.sampled_from(list("ab <>&\"'§ Abs.4\n-")), min_size=1, max_size=60)


@settings(max_examples=150, deadline=None)
@given(text=texts, cites=st.lists(spans, max_size=4), ents=st.lists(spans, max_size=4),
       cuts=st.lists(st.integers(0, 60), max_size=4))
def test_rendering_keeps_every_character_escaped_and_never_nests_links(
        text: str, cites: list[tuple[int, int]], ents: list[tuple[int, int]], cuts: list[int]) -> None:
    n = len(text)
    citations: list[Citation] = []
    for s, w in sorted(cites):  # citations never overlap each other (the citation engine guarantees it)
        start, end = s % n, min(n, s % n + w)
        if start < end and all(end <= c.start or start >= c.end for c in citations):
            citations.append(Citation(CitationKind.NORM, start, end, text[start:end], (NormTarget("SGB 2", "6a"),)))
    entities = tuple(Entity(EntityLabel.ORT, s % n, min(n, s % n + w), text[s % n:min(n, s % n + w)], "Ort X")
                     for s, w in ents if s % n < min(n, s % n + w))
    bounds = sorted({0, n, *(c % (n + 1) for c in cuts)})
    kinds = [BlockKind.PARAGRAPH, BlockKind.LIST_ITEM]
    blocks = tuple(Block(kinds[i % 2], a, b) for i, (a, b) in enumerate(pairwise(bounds)) if a < b)
    entry = Entry("w/rz-1", "w", "SGB 2", "48b", 0, text, blocks=blocks, citations=tuple(citations),
                  entities=entities)
    with APP.test_request_context():
        html = str(render_entry_text(entry, lambda target: "/g/sgb-2/6a"))
    parsed = check(html)
    assert not parsed.nested
    assert "<script" not in html
    # the blocks tile the text, so every character comes back (whitespace aside: blocks are joined by newlines)
    assert re.sub(r"\s+", "", "".join(parsed.text)) == re.sub(r"\s+", "", text)


def test_entity_spans_become_links_outside_citations() -> None:
    html = ('<a href="/g" class="cite">§ 6a <span class="ent ent-NORM" data-entity="norm/x">x</span></a> '
            '<span class="ent ent-ORT" data-entity="ort/landkreis-goettingen">Landkreis</span>')
    with APP.test_request_context():
        out = link_entities(html)
    assert '<a href="/entities/ort/landkreis-goettingen" class="ent ent-ORT"' in out
    assert '<span class="ent ent-NORM" data-entity="norm/x">x</span></a>' in out
    assert not check(out).nested
