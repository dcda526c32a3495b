"""The documented limits of one query (kb/limits.py): each a QueryError naming the position, never a crash, and
the search's time budget: past it QueryTooExpensive, on the real Whoosh index and on the test backend alike."""

from __future__ import annotations

import pytest

from kb import limits
from kb.search import QueryError, QueryTooExpensive, parse
from kb.search.budget import Deadline
from kb.store import KnowledgeBase


def nested(depth: int, inner: str = "Träger") -> str:
    return "(" * depth + inner + ")" * depth


def test_nesting_up_to_the_limit_parses() -> None:
    assert parse(nested(limits.MAX_QUERY_DEPTH)).tree == parse("Träger").tree
    assert parse("Bund " + "NOT (" * (limits.MAX_QUERY_DEPTH // 2) + "Land" + ")" * (limits.MAX_QUERY_DEPTH // 2))


@pytest.mark.parametrize("text", [
    nested(limits.MAX_QUERY_DEPTH + 1),
    nested(300),  # the reproducer: 250+ parentheses were a RecursionError (exit 3)
    nested(490, "a"),  # as deep as 1,000 characters go
    "Bund " + "NOT (" * 40 + "Land" + ")" * 40,
    "Bund " + "-(" * 40 + "Land" + ")" * 40,
    "(" * 900,  # never closed: the depth is refused before the missing ")"
])
def test_too_deep_is_a_query_error_naming_the_position(text: str) -> None:
    with pytest.raises(QueryError, match="zu tief verschachtelt") as info:
        parse(text)
    assert info.value.position is not None and text[info.value.position] in "(N-"
    assert f"höchstens {limits.MAX_QUERY_DEPTH}" in str(info.value)


def test_fuzzy_words_are_counted_and_need_letters() -> None:
    four = " ".join(f"{w}~" for w in ("Träger", "Kommune", "Landkreis", "Bund"))
    assert len(parse(four).fuzzy) == 4
    with pytest.raises(QueryError, match="höchstens 4 Wörter mit ~") as info:
        parse(four + " Gemeinde~")
    assert info.value.position == len(four) + 1
    # the slow query: 1.66 s before; now refused at once, naming the first word
    with pytest.raises(QueryError, match="~2 braucht ein Wort aus mindestens 5 Buchstaben") as info:
        parse("a~2 b~2 c~2 d~2 e~2 f~2 g~2 h~2")
    assert info.value.position == 0
    with pytest.raises(QueryError, match="~1 braucht ein Wort aus mindestens 3"):
        parse("ab~")
    assert parse("Amt~").fuzzy and parse("Markt~2").fuzzy
    with pytest.raises(QueryError, match="~1 oder ~2"):
        parse("Träger~3")


def test_prefix_words_are_counted() -> None:
    eight = " ".join(f"{w}*" for w in ("Zielver", "Träg", "Kommun", "Landk", "Bund", "Gemein", "Verein", "Leist"))
    assert len(parse(eight).expand) == 8
    with pytest.raises(QueryError, match="höchstens 8 Wörter mit \\*"):
        parse(eight + " Jobc*")


def test_query_length_limit() -> None:
    assert parse("a" * 10 + " Träger" * 140)  # under 1,000 characters
    with pytest.raises(QueryError, match="länger als 1000 Zeichen"):
        parse("Träger " * 200)


def test_the_budget_refuses_a_search_that_takes_longer(corpus_kb: KnowledgeBase) -> None:
    """A budget of 0 s has passed before the first step: every text search is refused with the German advice,
    while a citation jump (no text search) still answers; no budget at all searches as before."""
    with pytest.raises(QueryTooExpensive, match=r"zu aufwendig.*schränken Sie sie ein") as info:
        corpus_kb.search("Träger~ Kommune", budget=0)
    assert isinstance(info.value, QueryError) and info.value.query == "Träger~ Kommune"
    assert corpus_kb.search("§ 48b Rz. 34a SGB II", budget=0).direct is not None
    assert corpus_kb.search("Träger~ Kommune", budget=None).total > 0
    assert corpus_kb.search("Träger~ Kommune").total == corpus_kb.search("Träger~ Kommune", budget=None).total


def test_a_deadline_passes_after_its_seconds() -> None:
    Deadline(None, "x").check()  # no limit
    Deadline(3600, "x").check()
    assert not Deadline(3600).passed and Deadline(0).passed
    late = Deadline(0.5, "x")
    assert late.at is not None
    late.at -= 0.5  # as if half a second had gone by
    with pytest.raises(QueryTooExpensive, match=r"mehr als 0,5 s"):
        late.check()


def test_every_limit_is_reachable_only_as_a_query_error(corpus_kb: KnowledgeBase) -> None:
    """The issue's reproducers end to end on the real knowledge base (the searcher's tree walks are bounded too)."""
    for text in (nested(300), "a~2 b~2 c~2 d~2 e~2 f~2 g~2 h~2", "(" * 999, "NOT " * 250 + "a"):
        with pytest.raises(QueryError):
            corpus_kb.search(text)
    deep = nested(limits.MAX_QUERY_DEPTH - 2, "Träger OR (Kommune -Bund)")  # its own "(" and "-" count too
    assert corpus_kb.search(deep).total == corpus_kb.search("Träger OR (Kommune -Bund)").total


def test_a_lone_surrogate_is_a_query_error_not_an_encoding_error(model_kb: KnowledgeBase) -> None:
    """Found by the long fuzz run: a filter value holding half a UTF-16 pair reached Whoosh (UnicodeEncodeError)."""
    with pytest.raises(QueryError, match="nicht lesbar") as info:
        model_kb.search("entity:ort/x\ud800")
    assert info.value.position == 12
