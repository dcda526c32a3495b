"""The query language parser: what each form becomes (as a query tree), and a helpful error for each
malformed one. (What the Whoosh backend makes of the trees: ``tests/search/whoosh/test_compile.py``.)"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from kb.citations.keys import norm_key as citation_key
from kb.search import QueryError, parse
from kb.search.analysis import query_terms
from kb.search.fields import TEXT_FIELDS
from kb.search.tree import And, Filter, Fuzzy, Node, Not, Or, Prefix, Range, Words


def _leaves(node: Node) -> Iterator[Node]:
    if isinstance(node, And | Or):
        for child in node.children:
            yield from _leaves(child)
    elif isinstance(node, Not):
        yield from _leaves(node.child)
    else:
        yield node


def test_and_is_the_default() -> None:
    q = parse("Landkreis Göttingen").tree
    assert isinstance(q, And) and len(q.children) == 2
    assert parse("Landkreis AND Göttingen").tree == q


def test_or_not_minus_and_grouping() -> None:
    assert isinstance(parse("Träger OR Kommune").tree, Or)
    q = parse("Träger NOT Bund").tree
    assert isinstance(q, And) and isinstance(q.children[1], Not)
    assert parse("Träger -Bund").tree == q
    grouped = parse("(Träger OR Kommune) Ziel").tree
    assert isinstance(grouped, And) and isinstance(grouped.children[0], Or)


def test_phrase_prefix_fuzzy() -> None:
    assert any(isinstance(s, Words) and len(s.terms) == 2 for s in _leaves(parse('"Landkreis Göttingen"').tree))
    assert next(_leaves(parse('"Landkreis Göttingen"~3').tree)).slop == 3  # type: ignore[union-attr]
    assert any(isinstance(s, Prefix) and s.stem == "zielver" for s in _leaves(parse("Zielver*").tree))
    fuzzy = [s for s in _leaves(parse("Zielvereinbarnug~2").tree) if isinstance(s, Fuzzy)]
    assert fuzzy and fuzzy[0].distance == 2


@pytest.mark.parametrize(("query", "tree"), [
    ("Göttingen", Words(tuple(query_terms("Göttingen")))),
    ("SGB-II", Words(tuple(query_terms("SGB II")))),  # the pieces of one word: a phrase
    ('"Landkreis Göttingen"~2', Words(tuple(query_terms("Landkreis Göttingen")), slop=2)),
    ('"Göttingen"~2', Words(tuple(query_terms("Göttingen")))),  # one word: no phrase, no slop
    ("Zielver*", Prefix("zielver")),
    ("Träger~", Fuzzy(query_terms("Träger")[0], "Träger", 1)),
    ("Göttingen -Bund", And((Words(tuple(query_terms("Göttingen"))), Not(Words(tuple(query_terms("Bund"))))))),
])
def test_forms_become_tree_nodes_over_the_text_fields(query: str, tree: Node) -> None:
    assert parse(query).tree == tree
    assert all(leaf.fields == TEXT_FIELDS for leaf in _leaves(tree))  # type: ignore[union-attr]


def test_parsed_query_carries_what_highlighting_and_suggestions_need() -> None:
    parsed = parse("Landkreis Zielver* Träger~ -Bund -Kommun* law:SGB-2")
    assert parsed.highlight_terms == set(query_terms("Landkreis"))  # prefix and fuzzy: expanded by the engine
    assert parsed.expand == (Prefix("zielver"), Fuzzy(query_terms("Träger")[0], "Träger", 1))  # positive only
    assert parsed.fuzzy == {query_terms("Träger")[0]: ("Träger", 1)}
    assert parsed.words == ("Landkreis",)  # plain positive words
    assert not parsed.filters_only and parse("law:SGB-2 -rz:3").filters_only


# (query, filter field, value): the same table checks the tree and its Whoosh compilation
FILTER_CASES = [
    ('law:"SGB II"', "law", "sgb-2"),
    ("law:SGB-2", "law", "sgb-2"),
    ("para:48b", "para", "48b"),
    ("para:§48B", "para", "48b"),
    ("rz:34a", "rz", "34a"),
    ("rz:34A", "rz", "34a"),
    ("work:sgb-2-48b", "work", "sgb-2-48b"),
    ("entity:ort/landkreis-goettingen", "entity", "ort/landkreis-goettingen"),
    ("label:ort", "label", "ort"),
    ("label:Träger", "label", "traeger"),
    ('cites:"§ 6a Abs. 2"', "cites", "§ 6a abs. 2"),
    ('cites:"§ 6a SGB II"', "cites", "sgb 2 § 6a"),
]


@pytest.mark.parametrize(("query", "field", "text"), FILTER_CASES)
def test_field_filters(query: str, field: str, text: str) -> None:
    q = parse(query).tree
    assert q == Filter(field, text)
    assert parse(query).filters_only


def test_rz_range_includes_inserted_numbers_of_its_end() -> None:
    q = parse("rz:30-35").tree
    assert isinstance(q, Range) and q.field == "rz_sort"
    from kb.model import RzNumber
    inside = [RzNumber(x).sort_string for x in ("30", "34", "34a", "35", "35a")]
    outside = [RzNumber(x).sort_string for x in ("29", "36", "100", "3")]
    assert all(q.low <= s <= q.high for s in inside)
    assert not any(q.low <= s <= q.high for s in outside)


def test_rz_range_ending_in_a_dotted_number_stops_at_its_last_part() -> None:
    from kb.model import RzNumber
    q = parse("rz:30-35.2").tree
    assert isinstance(q, Range)
    assert all(q.low <= RzNumber(x).sort_string <= q.high for x in ("35", "35.1", "35.2", "35.2a"))
    assert not any(q.low <= RzNumber(x).sort_string <= q.high for x in ("35.3", "36", "100000"))


def test_entity_name_filter_is_a_phrase_over_entity_names() -> None:
    q = parse('entity:"Landkreis Göttingen"').tree
    assert isinstance(q, Words) and q.fields == ("entities",)
    assert q == Words(tuple(query_terms("Landkreis Göttingen")), fields=("entities",))


def test_citation_keys_from_user_spellings() -> None:
    assert citation_key("§ 6a Abs. 2 Satz 1 Nr. 4") == "§ 6a abs. 2 satz 1 nr. 4"
    assert citation_key("SGB II § 6a") == citation_key("§ 6a SGB 2") == "sgb 2 § 6a"
    assert citation_key("Art. 3 GG") == "gg art. 3"
    assert citation_key("nonsense") is None


@pytest.mark.parametrize(("query", "message"), [
    ('"Landkreis', "schließende Anführungszeichen"),
    ("(Träger", "nie mit „\\)“ geschlossen"),
    ("Träger)", "ohne passende"),
    ("OR Träger", "braucht links ein Wort"),
    ("Träger OR", "beiden Seiten"),
    ("Träger AND", "beiden Seiten"),
    ("NOT", "nach NOT muss ein Wort"),
    ("-Träger", "nicht nur ausschließen"),
    ("NOT Träger NOT Bund", "nicht nur ausschließen"),
    ("foo:bar", "unbekannter Filter „foo:“"),
    ("law:", "braucht direkt nach dem Doppelpunkt einen Wert"),
    ("law:XYZ", "unbekanntes Gesetz „XYZ“"),
    ("para:abc", "§-Nummer"),
    ("rz:abc", "Randnummer"),
    ("rz:35-30", "rückwärts"),
    ("label:Planet", "unbekannte Art von Entität „Planet“; bekannt sind Träger, Ministerium"),
    ("cites:irgendwas", "cites: erwartet eine Norm"),
    ("ab*", "mindestens 3 Buchstaben"),
    ("Zi*el", "nur am Wortende"),
    ("Träger~5", "~1 oder ~2"),
    ("", "leer"),
    ("   ", "leer"),
    ("der die das", "nur Füllwörter"),
    ('""', "leere Wortgruppe"),
])
def test_malformed_queries_get_helpful_messages(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as info:
        parse(query)
    if query.strip():
        assert f"„{query}“" in str(info.value)  # the message names the query
    assert not re.search(r"\b(?:the|needs|query|unknown|only|must)\b", str(info.value))  # German, for web readers


def test_entity_labels_are_read_by_code_and_by_german_name() -> None:
    for written in ("label:GERICHT", "label:Gericht", "label:Gerichte", "label:gerichte"):
        assert "Filter(field='label', value='gericht')" in repr(parse(f"Träger {written}").tree)
    assert "value='ministerium'" in repr(parse("Träger label:Ministerien").tree)


def test_overlong_query_is_refused() -> None:
    with pytest.raises(QueryError, match="länger als"):
        parse("Träger " * 300)
