"""What the Whoosh backend makes of parsed queries: each query tree compiled into Whoosh's queries."""

from __future__ import annotations

from dataclasses import replace

import pytest
from whoosh import query as wq

from kb.search import parse
from kb.search.analysis import query_terms
from kb.search.fields import TEXT_FIELDS
from kb.search.tree import And, Fuzzy
from kb.search.whoosh.compile import compile
from tests.search.test_query import FILTER_CASES


def compiled(text: str) -> wq.Query:
    return compile(parse(text).tree)


def test_and_is_the_default() -> None:
    q = compiled("Landkreis Göttingen")
    assert isinstance(q, wq.And) and len(q.subqueries) == 2
    assert repr(compiled("Landkreis AND Göttingen")) == repr(q)


def test_or_not_minus_and_grouping() -> None:
    assert isinstance(compiled("Träger OR Kommune"), wq.Or)
    q = compiled("Träger NOT Bund")
    assert isinstance(q, wq.And) and isinstance(q.subqueries[1], wq.Not)
    assert repr(compiled("Träger -Bund")) == repr(q)
    grouped = compiled("(Träger OR Kommune) Ziel")
    assert isinstance(grouped, wq.And) and isinstance(grouped.subqueries[0], wq.Or)


def test_phrase_prefix_fuzzy() -> None:
    assert any(isinstance(s, wq.Phrase) for s in compiled('"Landkreis Göttingen"').leaves())
    assert compiled('"Landkreis Göttingen"~3').leaves().__next__().slop == 3  # type: ignore[attr-defined]
    assert any(isinstance(s, wq.Prefix) and s.text == "zielver" for s in compiled("Zielver*").leaves())
    fuzzy = [s for s in compiled("Zielvereinbarnug~2").leaves() if isinstance(s, wq.FuzzyTerm)]
    assert fuzzy and fuzzy[0].maxdist == 2


@pytest.mark.parametrize(("query", "field", "text"), FILTER_CASES)
def test_field_filters(query: str, field: str, text: str) -> None:
    q = compiled(query)
    assert (q.fieldname, q.text) == (field, text)  # type: ignore[attr-defined]
    assert parse(query).filters_only


def test_rz_range_includes_inserted_numbers_of_its_end() -> None:
    q = compiled("rz:30-35")
    assert isinstance(q, wq.TermRange)
    from kb.model import RzNumber
    inside = [RzNumber(x).sort_string for x in ("30", "34", "34a", "35", "35a")]
    outside = [RzNumber(x).sort_string for x in ("29", "36", "100", "3")]
    assert all(q.start <= s <= q.end for s in inside)
    assert not any(q.start <= s <= q.end for s in outside)
    assert (q.startexcl, q.endexcl) == (False, False)


def test_entity_name_filter_is_a_phrase_over_entity_names() -> None:
    q = compiled('entity:"Landkreis Göttingen"')
    assert isinstance(q, wq.Phrase) and q.fieldname == "entities"
    assert compiled("entity:Göttingen") == wq.Term("entities", query_terms("Göttingen")[0])


def test_words_are_searched_in_every_text_field() -> None:
    (term,) = query_terms("Göttingen")
    assert compiled("Göttingen") == wq.Or([wq.Term(f, term) for f in TEXT_FIELDS])
    terms = query_terms("SGB II")
    assert compiled("SGB-II") == wq.Or([wq.Phrase(f, terms) for f in TEXT_FIELDS])
    terms = query_terms("Landkreis Göttingen")
    assert compiled('"Landkreis Göttingen"~2') == wq.Or([wq.Phrase(f, terms, slop=2) for f in TEXT_FIELDS])
    assert compiled("Zielver*") == wq.Or([wq.Prefix(f, "zielver") for f in TEXT_FIELDS])


def test_fuzzy_words_also_match_the_stems_the_searcher_found() -> None:
    (term,) = query_terms("Träger")
    assert compiled("Träger~2") == wq.Or([wq.FuzzyTerm(f, term, maxdist=2, prefixlength=1) for f in TEXT_FIELDS])
    tree = parse("Träger~ Bund").tree
    assert isinstance(tree, And) and isinstance(tree.children[0], Fuzzy)
    expanded = replace(tree, children=(replace(tree.children[0], also=("trager", "tragern")), tree.children[1]))
    assert compile(expanded).subqueries[0] == wq.Or([  # type: ignore[attr-defined]
        wq.Or([wq.FuzzyTerm(f, term, maxdist=1, prefixlength=1), wq.Term(f, "trager"), wq.Term(f, "tragern")])
        for f in TEXT_FIELDS])
