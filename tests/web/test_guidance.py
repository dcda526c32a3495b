"""Guidance (the BA's Fachliche Weisungen and the like): a kind of its own, listed, shown and filtered."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from indexer.build import build

GUIDANCE = """---
title: Fachliche Weisungen zu § 16 SGB II
kind: guidance
law: SGB II
slug: fw-sgb-2-16
---
Rz. 16.1 Die Agentur für Arbeit prüft die Eingliederung in Arbeit.

Rz. 16.2 Der Träger soll die leistungsberechtigte Person beraten.
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    from web import create_app

    folder = tmp_path_factory.mktemp("weisungen")
    (folder / "fw-16.md").write_text(GUIDANCE, "utf-8")
    report = build([folder], folder / "kb")
    assert report.ok and report.problems == (), report.summary_table()
    return create_app(folder / "kb", TESTING=True).test_client()


def test_guidance_is_listed_shown_and_has_its_kind(client: FlaskClient) -> None:
    works = client.get("/k.json").get_json()["works"]
    assert [(w["slug"], w["kind"], w["kind_name"]) for w in works] == [("fw-sgb-2-16", "guidance", "Weisung")]
    page = client.get("/k/fw-sgb-2-16")
    assert page.status_code == 200 and "Weisung" in page.get_data(as_text=True)
    entry = client.get("/k/fw-sgb-2-16/rz-16.1.json").get_json()
    assert entry["text"].startswith("Die Agentur für Arbeit")


def test_guidance_has_its_facet_and_filter(client: FlaskClient) -> None:
    data = client.get("/search.json", query_string={"q": "Eingliederung"}).get_json()
    assert [(f["label"], f["count"], f["filter"]) for f in data["facets"]["kind"]] == [("Weisung", 1, "kind:guidance")]
    assert client.get("/search.json", query_string={"q": "Träger kind:Weisung"}).get_json()["total"] == 1
    assert client.get("/search.json", query_string={"q": "Träger kind:Kommentar"}).get_json()["total"] == 0
