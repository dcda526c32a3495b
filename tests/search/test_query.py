"""The query language parser: what each form becomes, and a helpful error for each malformed one."""

from __future__ import annotations

import pytest
from whoosh import query as wq

from kb.citations.keys import norm_key as citation_key
from kb.search import QueryError, parse


def test_and_is_the_default() -> None:
    q = parse("Landkreis Göttingen").query
    assert isinstance(q, wq.And) and len(q.subqueries) == 2
    assert repr(parse("Landkreis AND Göttingen").query) == repr(q)


def test_or_not_minus_and_grouping() -> None:
    assert isinstance(parse("Träger OR Kommune").query, wq.Or)
    q = parse("Träger NOT Bund").query
    assert isinstance(q, wq.And) and isinstance(q.subqueries[1], wq.Not)
    assert repr(parse("Träger -Bund").query) == repr(q)
    grouped = parse("(Träger OR Kommune) Ziel").query
    assert isinstance(grouped, wq.And) and isinstance(grouped.subqueries[0], wq.Or)


def test_phrase_prefix_fuzzy() -> None:
    assert any(isinstance(s, wq.Phrase) for s in parse('"Landkreis Göttingen"').query.leaves())
    assert parse('"Landkreis Göttingen"~3').query.leaves().__next__().slop == 3  # type: ignore[attr-defined]
    assert any(isinstance(s, wq.Prefix) and s.text == "zielver" for s in parse("Zielver*").query.leaves())
    fuzzy = [s for s in parse("Zielvereinbarnug~2").query.leaves() if isinstance(s, wq.FuzzyTerm)]
    assert fuzzy and fuzzy[0].maxdist == 2


@pytest.mark.parametrize(("query", "field", "text"), [
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
])
def test_field_filters(query: str, field: str, text: str) -> None:
    q = parse(query).query
    assert (q.fieldname, q.text) == (field, text)  # type: ignore[attr-defined]
    assert parse(query).filters_only


def test_rz_range_includes_inserted_numbers_of_its_end() -> None:
    q = parse("rz:30-35").query
    assert isinstance(q, wq.TermRange)
    from kb.model import RzNumber
    inside = [RzNumber(x).sort_string for x in ("30", "34", "34a", "35", "35a")]
    outside = [RzNumber(x).sort_string for x in ("29", "36", "100", "3")]
    assert all(q.start <= s <= q.end for s in inside)
    assert not any(q.start <= s <= q.end for s in outside)


def test_entity_name_filter_is_a_phrase_over_entity_names() -> None:
    q = parse('entity:"Landkreis Göttingen"').query
    assert isinstance(q, wq.Phrase) and q.fieldname == "entities"


def test_citation_keys_from_user_spellings() -> None:
    assert citation_key("§ 6a Abs. 2 Satz 1 Nr. 4") == "§ 6a abs. 2 satz 1 nr. 4"
    assert citation_key("SGB II § 6a") == citation_key("§ 6a SGB 2") == "sgb 2 § 6a"
    assert citation_key("Art. 3 GG") == "gg art. 3"
    assert citation_key("nonsense") is None


@pytest.mark.parametrize(("query", "message"), [
    ('"Landkreis', "closing quote"),
    ("(Träger", "never closed"),
    ("Träger)", "without a matching"),
    ("OR Träger", "on its left"),
    ("Träger OR", "both sides"),
    ("Träger AND", "both sides"),
    ("NOT", "after it"),
    ("-Träger", "cannot only exclude"),
    ("NOT Träger NOT Bund", "cannot only exclude"),
    ("foo:bar", "unknown filter 'foo:'"),
    ("law:", "needs a value"),
    ("law:XYZ", "unknown law 'XYZ'"),
    ("para:abc", "§ number"),
    ("rz:abc", "Randnummer"),
    ("rz:35-30", "backwards"),
    ("label:Planet", "unknown entity label"),
    ("cites:irgendwas", "cites: takes a norm"),
    ("ab*", "at least 3 letters"),
    ("Zi*el", "only allowed at the end"),
    ("Träger~5", "~1 or ~2"),
    ("", "empty"),
    ("   ", "empty"),
    ("der die das", "only stop words"),
    ('""', "empty phrase"),
])
def test_malformed_queries_get_helpful_messages(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as info:
        parse(query)
    if query.strip():
        assert repr(query) in str(info.value)  # the message names the query


def test_overlong_query_is_refused() -> None:
    with pytest.raises(QueryError, match="longer than"):
        parse("Träger " * 300)
