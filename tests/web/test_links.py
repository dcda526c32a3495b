"""Every path kb.links hands out is one the web app routes, to the view meant for it."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from flask import Flask

from kb import links
from kb.model import Entry, RzNumber, Work, WorkKind

ENTRY = Entry("sgb-2-48b/rz-34a", "sgb-2-48b", "SGB 2", "48b", 0, "…", rz=RzNumber("34a"))
STATUTE_ENTRY = Entry("sgb-12/anlage-zu-28", "sgb-12", "SGB 12", "Anlage zu § 28", 0, "…")
COMMENTARY = Work("sgb-2-48b", "Kommentar", WorkKind.COMMENTARY, "SGB 2", "48b")
STATUTE = Work("sgb-2", "SGB II", WorkKind.STATUTE, "SGB 2")


@pytest.mark.parametrize(("path", "endpoint"), [
    (links.SEARCH, "search.index"),
    (links.COMMENTARIES, "entries.works"),
    (links.work_path("sgb-2-48b"), "entries.show"),
    (links.work_url(COMMENTARY), "entries.show"),
    (links.entry_path(ENTRY), "entries.show"),
    (links.rz_path("sgb-2-48b/rz-34~2"), "entries.show"),
    (links.STATUTES, "statute.index"),
    (links.statute_path("SGB II"), "statute.law"),
    (links.work_url(STATUTE), "statute.law"),
    (links.norm_path("SGB 2", "48b", "4"), "statute.norm"),
    (links.entry_path(STATUTE_ENTRY), "statute.norm"),
    (links.norm_path("GG", "3"), "statute.norm"),
    (links.CITE, "resolver.by_query"),
    (links.CITE + "/§ 48b Rz. 34a", "resolver.by_path"),
    (links.CITES, "resolver.cites"),
    (links.ENTITIES, "entities.index"),
    (links.entity_path("ort/landkreis-goettingen"), "entities.show"),
    (links.obligations_path(), "obligations.index"),
    (links.obligations_path("traeger/zugelassener-kommunaler-traeger"), "obligations.bearer"),
    (links.addressee_path("traeger/jobcenter", "traeger/jobcenter"), "obligations.bearer"),
    (links.addressee_path("leistungsberechtigte"), "obligations.addressee"),
    (links.addressee_path(""), "obligations.nobody"),
    (links.ANNOTATE, "api.annotate_form"),
])
def test_every_link_is_routed_to_its_view(app: Flask, path: str, endpoint: str) -> None:
    adapter = app.url_map.bind("localhost")
    matched, _ = adapter.match(unquote(path.split("#", 1)[0]))  # a WSGI server hands the view the decoded path
    assert matched == endpoint


def test_paths_are_encoded_as_the_router_decodes_them(app: Flask) -> None:
    adapter = app.url_map.bind("localhost")
    path = links.entry_path(STATUTE_ENTRY)  # a unit that is no numbered §: its slug, the tail of its entry id
    assert path == "/g/sgb-12/anlage-zu-28"
    _, args = adapter.match(unquote(path))
    assert args == {"law": "sgb-12", "norm": "anlage-zu-28"}
    assert adapter.build("statute.norm", args) == path  # the router spells it the same way
    odd = links.rz_path("sgb-2-48b/rz-34~2")
    _, args = adapter.match(unquote(odd))
    assert adapter.build("entries.show", args) == odd
    assert links.norm_path("SGB 2", "48b", "4").endswith("#abs-4")
    assert links.absatz_anchor("1", "4") == "abs-1-nr-4"
