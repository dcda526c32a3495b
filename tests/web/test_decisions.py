"""Court decisions on the site: the list by court, a decision's page, its Randnummern, the kind facet."""

from __future__ import annotations

from bs4 import BeautifulSoup
from flask.testing import FlaskClient

DECISION = "/k/bverwg-11-a-7-23"


def _page(client: FlaskClient, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_decisions_are_listed_by_court_newest_first(client: FlaskClient) -> None:
    data = client.get("/e.json").get_json()
    assert data["total"] == 74 and [c["court"] for c in data["courts"]] == ["BAG", "BGH", "BVerwG"]
    for court in data["courts"]:
        dates = [d["decision"]["date"] for d in court["decisions"]]
        assert dates == sorted(dates, reverse=True)
    page = _page(client, "/e")
    assert DECISION in [a["href"] for a in page.select("table a")]
    assert "Entscheidungen" in page.select_one("header nav").get_text()


def test_a_decision_page_shows_court_date_docket_and_zitiervorschlag(client: FlaskClient) -> None:
    page = _page(client, DECISION)
    meta = page.select_one("dl.decision-meta").get_text(" ", strip=True)
    for part in ("BVerwG", "11. Senat", "Urteil", "14. Februar 2024",  # the date as a date, not "2024-02-14"
                 "11 A 7.23", "ECLI:DE:BVerwG:2024:140224U11A7.23.0"):
        assert part in meta
    assert page.select_one(".cite-suggestion .cite-text").get_text(strip=True) == (
        "BVerwG, Urteil vom 14.02.2024 – 11 A 7.23 – ECLI:DE:BVerwG:2024:140224U11A7.23.0")
    anchors = [a["href"] for a in page.select("nav.toc a")]
    assert anchors[:3] == ["#rubrum", "#tenor", "#rn-1"] and len(anchors) == 46
    data = client.get(DECISION + ".json").get_json()
    assert data["decision"]["docket"] == "11 A 7.23" and data["entries"][2]["id"] == "bverwg-11-a-7-23/rn-1"


def test_a_decision_randnummer_page_and_its_neighbours(client: FlaskClient) -> None:
    data = client.get(DECISION + "/rn-12.json").get_json()
    assert data["label"] == "BVerwG, Urteil vom 14.02.2024 – 11 A 7.23, Rn. 12"
    assert data["headings"] == ["Gründe", "II"]
    assert data["prev"]["id"].endswith("/rn-11") and data["next"]["id"].endswith("/rn-13")
    crumbs = _page(client, DECISION + "/rn-12").select_one(".crumbs").get_text(" ", strip=True)
    assert crumbs.startswith("Entscheidungen") and "Rn. 12" in crumbs
    assert client.get(DECISION + "/rn-99").status_code == 404


def test_a_cited_decision_is_linked_and_lists_who_cites_it(client: FlaskClient) -> None:
    citing = _page(client, "/k/bverwg-20-f-5-22/rn-13")
    assert "/k/bverwg-20-f-2-21/rn-13" in [a.get("href") for a in citing.select(".text a.cite")]
    cited_by = client.get("/k/bverwg-20-f-2-21/rn-13.json").get_json()["cited_by"]
    assert "bverwg-20-f-5-22/rn-13" in [row["entry"]["id"] for row in cited_by]
    assert client.get("/cite", query_string={"q": "BVerwG 11 A 7.23 Rn. 12"}).headers["Location"] == DECISION + "/rn-12"


def test_search_has_a_kind_facet_and_filter(client: FlaskClient) -> None:
    data = client.get("/search.json", query_string={"q": "Grundwasser"}).get_json()
    kinds = {f["value"]: f for f in data["facets"]["kind"]}
    assert kinds["decision"]["label"] == "Entscheidung" and kinds["decision"]["filter"] == "kind:decision"
    narrowed = client.get("/search.json", query_string={"q": "Grundwasser kind:Entscheidung"}).get_json()
    assert narrowed["total"] == kinds["decision"]["count"]
    assert all(h["id"].startswith(("bverwg-", "bag-", "bgh-")) for h in narrowed["hits"])
