"""The query language under fuzzing: any string is a parsed query or a :class:`QueryError` — nothing else, no
RecursionError — and every parsed query stays within the documented limits and compiles for the engine."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from kb import limits
from kb.citations import parse_query, parse_rz_query
from kb.search import QueryError, parse
from kb.search.query import split_work
from kb.search.tree import And, Fuzzy, Node, Not, Or, Prefix
from kb.search.whoosh.compile import compile
from tests.fuzz.settings import fuzz
from tests.fuzz.strategies import QUERIES


def depth(node: Node) -> int:
    if isinstance(node, And | Or):
        return 1 + max(depth(c) for c in node.children)
    if isinstance(node, Not):
        return 1 + depth(node.child)
    return 1


def leaves(node: Node) -> list[Node]:
    if isinstance(node, And | Or):
        return [leaf for c in node.children for leaf in leaves(c)]
    if isinstance(node, Not):
        return leaves(node.child)
    return [node]


@fuzz(400)
@given(QUERIES)
@example("(" * 300 + "a" + ")" * 300)  # the reproducer (a RecursionError, exit 3)
@example("a~2 b~2 c~2 d~2 e~2 f~2 g~2 h~2")  # the slow query
@example("NOT -(" * 200)
@example('"a b"~' + "9" * 990)
@example("rz:" + "1" * 990)
@example("cites:§" + "§ 1 " * 240)
@example("Tr\ud800ger")
def test_parse_is_a_query_or_a_query_error(text: str) -> None:
    try:
        parsed = parse(text)
    except QueryError as err:
        assert str(err)  # a message for the reader
        assert err.position is None or 0 <= err.position < len(text)
        return
    assert len(text) <= limits.MAX_QUERY_CHARS
    # the parser's nesting bound holds for the tree: every engine's walk of it stays shallow
    assert depth(parsed.tree) <= 2 * limits.MAX_QUERY_DEPTH + 2
    found = leaves(parsed.tree)
    assert sum(isinstance(leaf, Fuzzy) for leaf in found) <= limits.MAX_FUZZY_WORDS
    assert sum(isinstance(leaf, Prefix) for leaf in found) <= limits.MAX_PREFIX_WORDS
    assert all(1 <= leaf.distance <= limits.MAX_FUZZY_DISTANCE for leaf in found if isinstance(leaf, Fuzzy))
    compile(parsed.tree)  # the Whoosh backend's query: no error for any tree the parser makes


@fuzz(300)
@given(QUERIES)
def test_split_work_never_fails(text: str) -> None:
    rest, slug = split_work(text)
    assert isinstance(rest, str) and (slug is None or isinstance(slug, str))


@fuzz(300)
@given(st.one_of(QUERIES, st.text(alphabet="Rzn. 0123456789a-–§", max_size=800)))
@example("Rz. " * 250)
@example("§ 1 " * 250)
@example("Rn. 1" * 200)
def test_citation_query_parsers_never_fail(text: str) -> None:
    """The look-up path: kb show / the citation jump parse every query as a citation first."""
    parse_query(text)
    parse_rz_query(text)
