"""Randnummern of five and six digits ("Rz. 10000", "§ 48b Rn. 12345") are cited, resolved and linked like any
other; the label grammar is kb.model.RZ_LABEL, so a number longer than a label never becomes one."""

from __future__ import annotations

import pytest

from kb.citations import Context, extract, find, parse_query
from kb.citations.query import parse_rz_query
from kb.model import RZ_MAX_DIGITS, CitationKind, RzTarget

CTX = Context("SGB 2", "48b", "sgb-2-48b")


@pytest.mark.parametrize(("text", "rz", "end", "url"), [
    ("Wie in Rz. 10000 ausgeführt.", "10000", None, "/k/sgb-2-48b/rz-10000"),
    ("Vgl. Rn. 66000 zur Übergangszeit.", "66000", None, "/k/sgb-2-48b/rz-66000"),
    ("Siehe Rz. 9999–10002.", "9999", "10002", "/k/sgb-2-48b/rz-9999"),
    ("Siehe Rdnr. 123456a.", "123456a", None, "/k/sgb-2-48b/rz-123456a"),
])
def test_long_randnummern_are_found_and_resolved(text: str, rz: str, end: str | None, url: str) -> None:
    (cit,) = [c for c in extract(text, CTX) if c.kind is CitationKind.RZ]
    target = cit.targets[0]
    assert isinstance(target, RzTarget)
    assert (target.rz, target.end, target.work) == (rz, end, "sgb-2-48b")
    assert cit.url == url


def test_a_number_longer_than_a_label_is_no_randnummer() -> None:
    too_long = "1" * (RZ_MAX_DIGITS + 1)
    assert not [c for c in find(f"Die Rz. {too_long} gibt es nicht.") if c.kind is CitationKind.RZ]


def test_queries_name_long_randnummern() -> None:
    query = parse_query("§ 48b Rz. 12345")
    assert query is not None and (query.paragraph, query.rz) == ("48b", "12345")
    bare = parse_rz_query("Rn. 66000")
    assert bare is not None and bare.rz.label == "66000"
