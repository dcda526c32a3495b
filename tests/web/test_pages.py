"""Every route through the Flask test client, on the real built corpus, HTML and its JSON twin."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from tests.web.conftest import sample_commentary_kb

RZ34A = "/k/sgb-2-48b/rz-34a"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def twin(href: str) -> str:
    """The JSON twin of a link found on a page."""
    path, _, query = href.partition("?")
    return (path if path != "/" else "/search") + ".json" + (f"?{query}" if query else "")


def get_json(client: FlaskClient, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/json"
    return response.get_json()


# --------------------------------------------------------------------------- JSON twins


PAGES = [
    "/search?q=Zielvereinbarung", "/k", "/k/sgb-2-48b", RZ34A, "/g", "/g/sgb-2/48b", "/g/sgb-2/6a",
    "/cites?target=%C2%A7%206a%20SGB%20II", "/entities", "/entities?label=ORT", "/entities/ort/landkreis-goettingen",
    "/obligations", "/api/annotate",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_html_and_an_identical_json_twin(client: FlaskClient, url: str) -> None:
    html = client.get(url, headers=BROWSER)
    assert html.status_code == 200, html.get_data(as_text=True)[:500]
    assert html.mimetype == "text/html"
    path, _, query = url.partition("?")
    twin_url = f"{path}.json" + (f"?{query}" if query else "")
    twin = get_json(client, twin_url)
    accepted = client.get(url, headers={"Accept": "application/json"})
    assert accepted.mimetype == "application/json"
    # the same payload; only a paged list's next / prev differ: each keeps its own representation (.json or not)
    paging = {k: _unjson(twin[k]) for k in ("next", "prev")} if "pages" in twin else {}
    assert accepted.get_json() == {**twin, **paging}
    # the page advertises its twin
    link = soup(html).find("link", rel="alternate", type="application/json")
    assert link is not None and link["href"].split("?")[0] == (path if path != "/" else "/search") + ".json"


def _unjson(url: str | None) -> str | None:
    return url.replace(".json?", "?", 1) if url else url


def test_browser_accept_header_gets_html(client: FlaskClient) -> None:
    response = client.get(RZ34A, headers=BROWSER)
    assert response.mimetype == "text/html"
    assert "Accept" in response.headers.get("Vary", "")


# --------------------------------------------------------------------------- search


def test_search_start_page_lists_the_works(client: FlaskClient) -> None:
    page = soup(client.get("/"))
    assert page.find("input", id="q") is not None
    assert page.find("a", href="/k/sgb-2-48b") is not None
    assert "sgb-2-48b" in [w["slug"] for w in get_json(client, "/search.json")["works"]]


def test_citation_query_redirects_to_the_entry(client: FlaskClient) -> None:
    for query in ("§ 48b Rz. 34a", "48b Rn. 34a", "SGB 2 § 48b Rz 34a", "§ 48b SGB II Rz. 34a"):
        response = client.get("/", query_string={"q": query})
        assert response.status_code == 302, query
        assert response.headers["Location"] == RZ34A, query


def test_citation_query_json_twin_reports_the_direct_hit(client: FlaskClient) -> None:
    data = get_json(client, "/search.json?q=%C2%A7%2048b%20Rz.%2034a")
    assert data["direct"]["id"] == "sgb-2-48b/rz-34a"
    assert data["direct"]["url"] == RZ34A


def test_text_search_ranks_and_highlights(client: FlaskClient) -> None:
    response = client.get("/search", query_string={"q": "Landkreis Göttingen"})
    assert response.status_code == 200
    hits = soup(response).select("li.hit")
    assert hits, "no hits"
    assert hits[0].select_one(".hit-title a")["href"] == RZ34A
    marks = [m.get_text() for m in hits[0].select(".snippet mark")]
    assert any("Göttingen" in m for m in marks), marks
    data = get_json(client, "/search.json?q=Landkreis%20G%C3%B6ttingen")
    assert data["hits"][0]["id"] == "sgb-2-48b/rz-34a"
    assert set(data) >= {"query", "page", "pagelen", "pages", "total", "direct", "suggestion", "hits", "facets"}
    assert data["total"] >= 1 and data["direct"] is None


def test_stemmed_search_finds_rz_34(client: FlaskClient) -> None:
    ids = [h["id"] for h in get_json(client, "/search.json?q=Zielvereinbarung")["hits"]]
    assert "sgb-2-48b/rz-34" in ids


def test_no_hits_is_a_normal_page(client: FlaskClient) -> None:
    response = client.get("/search", query_string={"q": "Quantenchromodynamik"})
    assert response.status_code == 200
    assert "Keine Treffer" in response.get_data(as_text=True)
    assert get_json(client, "/search.json?q=Quantenchromodynamik")["hits"] == []


@pytest.mark.parametrize("page", ["abc", "0", "-1"])
def test_bad_page_number_is_400(client: FlaskClient, page: str) -> None:
    response = client.get("/search", query_string={"q": "Träger", "page": page})
    assert response.status_code == 400
    assert "Seite" in response.get_data(as_text=True)
    assert get_json(client, f"/search.json?q=Tr%C3%A4ger&page={page}", 400)["error"]["status"] == 400


def test_user_text_is_escaped(client: FlaskClient) -> None:
    evil = '<script>alert("x")</script>'
    body = client.get("/search", query_string={"q": evil}).get_data(as_text=True)
    assert "<script>alert" not in body
    assert "&lt;script&gt;" in body
    body = client.get("/cite", query_string={"q": evil}).get_data(as_text=True)
    assert "<script>alert" not in body


def test_overlong_query_is_400(client: FlaskClient) -> None:
    response = client.get("/search", query_string={"q": "Träger " * 200})
    assert response.status_code == 400
    assert "zu lang" in response.get_data(as_text=True)


# --------------------------------------------------------------------------- commentary § page and Randnummern


def test_work_page_lists_every_randnummer_with_its_anchor(client: FlaskClient) -> None:
    page = soup(client.get("/k/sgb-2-48b"))
    anchors = [a["id"] for a in page.select("article.rz")]
    assert anchors == ["rz-33", "rz-34", "rz-34a"]
    toc = [a["href"] for a in page.select("nav.toc a")]
    assert toc == ["#rz-33", "#rz-34", "#rz-34a"]
    assert page.select_one("#rz-34a a.permalink")["href"] == RZ34A
    data = get_json(client, "/k/sgb-2-48b.json")
    assert [e["rz"] for e in data["entries"]] == ["33", "34", "34a"]
    assert data["work"]["slug"] == "sgb-2-48b"


def test_randnummer_page(client: FlaskClient) -> None:
    response = client.get(RZ34A)
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == "§ 48b SGB II Rz. 34a"
    items = page.select(".text ul.items li")
    assert len(items) == 2
    assert items[0].get_text().startswith("Der Kooperationsplan")
    assert items[1].get_text().startswith("Vor dem Hintergrund des Wegfalls")
    assert page.select_one('a[rel="prev"]')["href"] == "/k/sgb-2-48b/rz-34"
    assert page.select_one('a[rel="next"]') is None
    entity_links = {a["href"] for a in page.select(".text a[href^='/entities/']")}
    assert "/entities/ort/landkreis-goettingen" in entity_links
    # the whole text is there: the rendered body, stripped of markup, equals the entry text
    # (modulo whitespace and the "- " bullets, which the <ul> draws)
    data = get_json(client, RZ34A + ".json")
    rendered = "".join(page.select_one("article.entry .text").stripped_strings)
    source = re.sub(r"(?m)^\s*[-–•*]\s+", "", data["text"])
    assert re.sub(r"\s+", "", rendered) == re.sub(r"\s+", "", source)
    assert "<p>-</p>" not in response.get_data(as_text=True)


def test_randnummer_json_twin_keys(client: FlaskClient) -> None:
    data = get_json(client, RZ34A + ".json")
    assert data["id"] == "sgb-2-48b/rz-34a"
    assert data["rz"] == "34a" and data["paragraph"] == "48b" and data["law"] == "SGB 2"
    assert data["url"] == RZ34A and data["label"] == "§ 48b SGB II Rz. 34a"
    assert data["prev"]["id"] == "sgb-2-48b/rz-34" and data["next"] is None
    for key in ("text", "blocks", "headings", "citations", "entities", "obligations", "html", "cited_by",
                "location", "work_info", "statute", "entity_ids", "flags", "position", "rz_sort"):
        assert key in data, key
    labels = {(e["label"], e["canonical"]) for e in data["entities"]}
    assert ("ORT", "Landkreis Göttingen") in labels


def test_citations_in_entry_text_are_linked(client: FlaskClient) -> None:
    page = soup(client.get("/k/sgb-2-48b/rz-34"))
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select(".text a") if "/entities/" not in a["href"]}
    assert any("§ 6a" in text for text in links), links
    page33 = soup(client.get("/k/sgb-2-48b/rz-33"))
    texts = [a.get_text(" ", strip=True) for a in page33.select(".text a") if "/entities/" not in a["href"]]
    assert any("Abs. 4" in t for t in texts), texts


def test_unknown_randnummer_is_404_with_nearest_suggestions(client: FlaskClient) -> None:
    response = client.get("/k/sgb-2-48b/rz-35")
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "Rz. 35" in body
    page = soup(response)
    suggested = [a["href"] for a in page.select("ul.suggestions a")]
    assert RZ34A in suggested
    data = get_json(client, "/k/sgb-2-48b/rz-35.json", 404)
    assert data["error"]["status"] == 404
    assert data["error"]["query"] == "sgb-2-48b/rz-35"
    assert "sgb-2-48b/rz-34a" in [s["id"] for s in data["error"]["suggestions"]]


def test_trailing_slash_redirects(client: FlaskClient) -> None:
    response = client.get("/k/sgb-2-48b/")
    assert response.status_code == 301 and response.headers["Location"] == "/k/sgb-2-48b"


def test_unknown_work_and_unknown_route_are_404(client: FlaskClient) -> None:
    assert client.get("/k/bgb-823").status_code == 404
    assert client.get("/k/bgb-823/rz-1").status_code == 404
    assert get_json(client, "/nirgendwo.json", 404)["error"]["message"].startswith("Keine Seite")


# --------------------------------------------------------------------------- resolver


@pytest.mark.parametrize("citation", ["§ 48b Rz. 34a SGB II", "§ 48b Rz. 34a", "SGB 2 § 48b Rz 34a", "48b Rn. 34a"])
def test_resolver_redirects_to_the_permanent_url(client: FlaskClient, citation: str) -> None:
    response = client.get("/cite", query_string={"q": citation})
    assert response.status_code == 302
    assert response.headers["Location"] == RZ34A
    response = client.get("/cite/" + citation)
    assert response.status_code == 302
    assert response.headers["Location"] == RZ34A


def test_resolver_json_twin_names_the_target(client: FlaskClient) -> None:
    data = get_json(client, "/cite.json?q=%C2%A7%2048b%20Rz.%2034a%20SGB%20II")
    assert data["url"] == RZ34A and data["entry"]["id"] == "sgb-2-48b/rz-34a"


def test_resolver_unknown_is_404_naming_the_query(client: FlaskClient) -> None:
    response = client.get("/cite", query_string={"q": "§ 48b Rz. 99 SGB II"})
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "99" in body
    data = get_json(client, "/cite.json?q=%C2%A7%2048b%20Rz.%2099%20SGB%20II", 404)
    assert data["error"]["query"] == "§ 48b Rz. 99 SGB II"
    assert data["error"]["suggestions"], "a suggestion is expected"


def test_resolver_without_citation_is_400(client: FlaskClient) -> None:
    assert client.get("/cite").status_code == 400
    assert get_json(client, "/cite.json?q=", 400)["error"]["message"].startswith("Bitte")


# --------------------------------------------------------------------------- statute and backlinks


def test_norm_page_shows_commentary_and_backlinks(client: FlaskClient) -> None:
    data = get_json(client, "/g/sgb-2/48b.json")
    assert data["law"] == "SGB 2" and data["number"] == "48b"
    assert [w["slug"] for w in data["commentaries"]] == ["sgb-2-48b"]
    assert data["external_url"] == "https://www.gesetze-im-internet.de/sgb_2/__48b.html"
    cited = {b["entry"]["id"]: [c["text"] for c in b["citations"]] for b in data["cited_by"]}
    # Rz. 33's "Abs. 1 Satz 1 Nr. 4" and "Abs. 4" resolve to § 48b SGB II: one row, both citations
    assert cited["sgb-2-48b/rz-33"] == ["Abs. 1 Satz 1 Nr. 4", "Abs. 4"]
    assert "sgb-2/48b" not in cited  # the § referring to its own Absätze is no backlink
    page = soup(client.get("/g/sgb-2/48b"))
    assert page.select_one("#zitiert-in") is not None


def test_hierarchical_backlinks_on_norm_page(client: FlaskClient) -> None:
    # "§ 6a Abs. 2 Satz 1 Nr. 4 und Abs. 7 Satz 2" in Rz. 34 is a citation of § 6a
    rows = get_json(client, "/g/sgb-2/6a.json")["cited_by"]
    assert "sgb-2-48b/rz-34" in {b["entry"]["id"] for b in rows}
    mine = [b for b in rows if b["entry"]["id"] == "sgb-2-48b/rz-34"]
    assert mine[0]["citations"][0]["text"].startswith("§ 6a Abs. 2 Satz 1 Nr. 4")
    assert mine[0]["entry"]["url"] == "/k/sgb-2-48b/rz-34"


def test_norm_without_anything_is_404_and_unknown_law_too(client: FlaskClient) -> None:
    assert client.get("/g/sgb-2/999").status_code == 404
    data = get_json(client, "/g/kein-gesetz/1.json", 404)
    assert "kein-gesetz" in data["error"]["message"]


def test_cites_page(client: FlaskClient) -> None:
    data = get_json(client, "/cites.json?target=%C2%A7%206a%20Abs.%207%20SGB%20II")
    assert data["key"] == "SGB 2 § 6a Abs. 7"
    assert "sgb-2-48b/rz-34" in [b["entry"]["id"] for b in data["cited_by"]]
    # Rz. 34 cites § 6a Abs. 2 and Abs. 7, not Abs. 3
    data = get_json(client, "/cites.json?target=%C2%A7%206a%20Abs.%203%20SGB%20II")
    assert "sgb-2-48b/rz-34" not in [b["entry"]["id"] for b in data["cited_by"]]
    rz = get_json(client, "/cites.json?target=%C2%A7%2048b%20Abs.%204%20SGB%20II")
    assert "sgb-2-48b/rz-33" in [b["entry"]["id"] for b in rz["cited_by"]]
    assert client.get("/cites", query_string={"target": "Blumenkohl"}).status_code == 400
    assert client.get("/cites").status_code == 200


# --------------------------------------------------------------------------- entities and obligations


def pages_of(client: FlaskClient, url: str) -> list[dict]:
    """Every page of a paged JSON list, following its ``next`` links."""
    out = [get_json(client, url)]
    while out[-1]["next"]:
        assert ".json" in out[-1]["next"]  # a twin's links stay twins
        out.append(get_json(client, out[-1]["next"]))
    assert [p["page"] for p in out] == list(range(1, out[0]["pages"] + 1))
    return out


def test_entities_pages(client: FlaskClient) -> None:
    data = get_json(client, "/entities.json")
    kinds = {k["label"]: k for k in data["kinds"]}  # the overview: every kind with its German name and count
    assert kinds["ORT"]["name"] == "Orte" and kinds["ORT"]["count"] >= 1
    assert sum(k["count"] for k in kinds.values()) == data["total"]
    everything = [e for page in pages_of(client, "/entities.json") for e in page["entities"]]
    assert len(everything) == data["total"] and "ort/landkreis-goettingen" in {e["id"] for e in everything}
    only_orte = get_json(client, kinds["ORT"]["url"].replace("/entities?", "/entities.json?"))
    assert only_orte["label_name"] == "Orte" and only_orte["total"] == kinds["ORT"]["count"]
    assert only_orte["entities"] and {e["label"] for e in only_orte["entities"]} == {"ORT"}
    assert get_json(client, "/entities.json?label=Orte")["entities"] == only_orte["entities"]  # the German name
    assert client.get("/entities", query_string={"label": "KEIN"}).status_code == 400
    one = get_json(client, "/entities/ort/landkreis-goettingen.json")
    assert [m["entry"]["id"] for m in one["mentioned_in"]] == ["sgb-2-48b/rz-34a"]
    assert one["mentions"] == 2 and one["label"] == "ORT" and one["label_name"] == "Ort"
    assert one["name"] == one["canonical"] == "Landkreis Göttingen"
    assert client.get("/entities/ort/atlantis").status_code == 404
    page = soup(client.get("/entities/ort/landkreis-goettingen"))
    search = page.find("a", string=re.compile("durchsuchen"))["href"]
    hits = get_json(client, twin(search))["hits"]
    assert [h["id"] for h in hits] == ["sgb-2-48b/rz-34a"]


def test_statute_obligations_point_at_their_absatz(client: FlaskClient) -> None:
    if not get_json(client, "/g.json")["statutes"]:
        pytest.skip("the SGB II statute text (../shared/data) is not in this knowledge base")
    one = get_json(client, "/obligations/traeger/kommunaler-traeger.json")
    rows = [o for rows in one["by_modality"].values() for o in rows if o["entry"]["id"] == "sgb-2/22"]
    assert any(o["absatz"] == "7" and o["entry"]["label"] == "§ 22 Abs. 7 SGB II"
               and o["entry"]["url"] == "/g/sgb-2/22#abs-7" for o in rows), rows


def test_obligations_pages(client: FlaskClient) -> None:
    data = get_json(client, "/obligations.json")
    assert data["obligations"] >= data["total"] >= 1  # obligations, and the addressees they are grouped under
    groups = [b for page in pages_of(client, "/obligations.json") for b in page["bearers"]]
    assert len(groups) == data["total"] and sum(b["count"] for b in groups) == data["obligations"]
    bearers = {b["bearer_id"]: b for b in groups if b["bearer_id"]}
    traeger = bearers["traeger/zugelassener-kommunaler-traeger"]
    assert list(traeger["modality_counts"]) == ["pflicht", "soll", "kann", "verbot"]
    assert traeger["url"] == "/obligations/traeger/zugelassener-kommunaler-traeger"
    one = get_json(client, "/obligations/traeger/zugelassener-kommunaler-traeger.json")
    assert one["bearer"] == "zugelassener kommunaler Träger" and one["total"] == traeger["count"]
    assert list(one["by_modality"]) == ["pflicht", "soll", "kann", "verbot"]
    duties = [o for o in one["by_modality"]["pflicht"] if o["entry"]["id"] == "sgb-2-48b/rz-34"]
    assert duties and "Zielvereinbarungen" in duties[0]["action"]
    assert duties[0]["addressee_url"] == traeger["url"] and duties[0]["addressee"] == one["bearer"]
    page = soup(client.get("/obligations/traeger/zugelassener-kommunaler-traeger"))
    assert page.select_one("#pflicht a[href='/k/sgb-2-48b/rz-34']") is not None
    # Rz. 34a's Soll-statements are each listed under their addressee, even those without a recognised bearer
    soll = [o for o in get_json(client, "/k/sgb-2-48b/rz-34a.json")["obligations"] if o["modality"] == "soll"]
    assert len(soll) >= 2
    for o in soll:
        listed = [row for p in pages_of(client, twin(o["addressee_url"])) for row in p["by_modality"]["soll"]]
        assert any(row["entry"]["id"] == "sgb-2-48b/rz-34a" and row["sentence"] == o["sentence"] for row in listed)
    assert client.get("/obligations/ort/atlantis").status_code == 404
    assert client.get("/obligations/adressat/niemand-hier").status_code == 404


# --------------------------------------------------------------------------- missing / rebuilt knowledge base


def test_missing_knowledge_base_says_how_to_build(tmp_path: Path) -> None:
    from web import create_app

    client = create_app(tmp_path / "nothing-here", TESTING=True).test_client()
    response = client.get("/")
    assert response.status_code == 503
    assert "kb build" in response.get_data(as_text=True)
    assert "kb build" in get_json(client, "/k/sgb-2-48b.json", 503)["error"]["hint"]


def test_malformed_query_is_400_with_a_helpful_message(client: FlaskClient) -> None:
    response = client.get("/search", query_string={"q": "Träger AND ("})
    assert response.status_code == 400
    assert "(" in soup(response).select_one("p.message").get_text()
    error = get_json(client, "/search.json?q=Tr%C3%A4ger%20AND%20(", 400)["error"]
    assert error["query"] == "Träger AND (" and "nicht verständlich" in error["message"]


def test_statute_absatz_anchors_and_resolver(client: FlaskClient, built_kb: Path) -> None:
    from kb.store import KnowledgeBase

    with KnowledgeBase.open(built_kb) as kb:
        has_statute = kb.statute_entry("SGB 2", "48b") is not None
    response = client.get("/cite", query_string={"q": "§ 48b Abs. 4 SGB II"})
    assert response.status_code == 302
    if not has_statute:  # ../shared/data absent: only the commentary on § 48b is in the knowledge base
        assert response.headers["Location"] == "/k/sgb-2-48b"
        return
    assert response.headers["Location"] == "/g/sgb-2/48b#abs-4"
    page = soup(client.get("/g/sgb-2/48b"))
    assert [d["id"] for d in page.select("div.absatz")] == [f"abs-{n}" for n in range(1, 7)]
    assert page.select_one("#abs-1-nr-4") is not None
    assert "orientieren" in page.select_one("#abs-4").get_text()
    data = get_json(client, "/g/sgb-2/48b.json")
    assert data["entry"]["title"] == "Zielvereinbarungen"
    assert [w["slug"] for w in data["commentaries"]] == ["sgb-2-48b"]
    # the commentary links to the law text, and its "Abs. 4" lands on the Absatz
    rz33 = soup(client.get("/k/sgb-2-48b/rz-33"))
    assert rz33.select_one('.text a.cite[href="/g/sgb-2/48b#abs-4"]') is not None


def test_a_rebuild_is_picked_up_without_restart(tmp_path: Path) -> None:
    from indexer.build import build
    from tests.conftest import SAMPLE
    from web import create_app

    root = sample_commentary_kb(tmp_path)
    corpus = tmp_path / "corpus"  # where sample_commentary_kb put the source: changed and rebuilt below
    client = create_app(root, TESTING=True).test_client()
    assert client.get("/k/sgb-2-48b/rz-35").status_code == 404
    (corpus / "k.txt").write_text(SAMPLE.read_text(encoding="utf-8") + "\nRz. 35\nNeu kommentiert.\n",
                                  encoding="utf-8")
    assert build([corpus], root).ok
    response = client.get("/k/sgb-2-48b/rz-35")
    assert response.status_code == 200 and "Neu kommentiert." in response.get_data(as_text=True)


@pytest.fixture(scope="module")
def two_commentaries(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    """A second commentary (on § 6a) that cites Randnummern of its own and of the one on § 48b."""
    from indexer.build import build
    from tests.conftest import SAMPLE
    from web import create_app

    corpus = tmp_path_factory.mktemp("corpus2")
    (corpus / "k48b.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    text = ("Rz. 1\nZur Zielvereinbarung siehe § 48b Rz. 34a SGB II.\nRz. 2\nVgl. oben Rz. 1.\n"
            "Rz. 3\nZu den Vereinbarungen ausführlich § 48b Rz. 33 ff.\n")
    (corpus / "k6a.txt").write_text(text, encoding="utf-8")
    (corpus / "manifest.toml").write_text(
        '[[work]]\nfile = "k48b.txt"\nslug = "sgb-2-48b"\ntitle = "Kommentar zu § 48b SGB II"\nlaw = "SGB 2"\n'
        'paragraph = "48b"\n\n[[work]]\nfile = "k6a.txt"\nslug = "sgb-2-6a"\ntitle = "Kommentar zu § 6a SGB II"\n'
        'law = "SGB 2"\nparagraph = "6a"\n', encoding="utf-8")
    root = tmp_path_factory.mktemp("kb2")
    assert build([corpus], root).ok
    return create_app(root, TESTING=True).test_client()


def test_randnummer_backlinks(two_commentaries: FlaskClient) -> None:
    rz1 = get_json(two_commentaries, "/k/sgb-2-6a/rz-1.json")
    assert [(b["entry"]["id"], [c["text"] for c in b["citations"]]) for b in rz1["cited_by"]] == [
        ("sgb-2-6a/rz-2", ["Rz. 1"])]
    page = soup(two_commentaries.get("/k/sgb-2-6a/rz-1"))
    assert page.select_one("#zitiert-in a[href='/k/sgb-2-6a/rz-2']") is not None
    # the link in the text goes to the other commentary's Randnummer
    assert page.select_one(".text a.cite[href='/k/sgb-2-48b/rz-34a']") is not None
    # Rz. 33 cites § 48b Abs. 4 — a norm, not Rz. 34a: it must not show up as a backlink of Rz. 34a
    rz34a = get_json(two_commentaries, "/k/sgb-2-48b/rz-34a.json")
    assert "sgb-2-48b/rz-33" not in [b["entry"]["id"] for b in rz34a["cited_by"]]
    # another commentary's "§ 48b Rz. 34a SGB II" is a backlink of Rz. 34a …
    assert "sgb-2-6a/rz-1" in [b["entry"]["id"] for b in rz34a["cited_by"]]
    # … and its "§ 48b Rz. 33 ff." one of every Randnummer the run covers, not of the ones before
    for label in ("33", "34", "34a"):
        cited = get_json(two_commentaries, f"/k/sgb-2-48b/rz-{label}.json")["cited_by"]
        assert "sgb-2-6a/rz-3" in [b["entry"]["id"] for b in cited], label
    assert "sgb-2-6a/rz-3" not in [b["entry"]["id"] for b in rz1["cited_by"]]


def test_misspelt_query_offers_meinten_sie(client: FlaskClient) -> None:
    data = get_json(client, "/search.json?q=Landkreis%20G%C3%B6tingen")
    assert data["suggestion"] == "Landkreis Göttingen"
    page = soup(client.get("/search", query_string={"q": "Landkreis Götingen"}))
    link = page.select_one(".didyoumean a")
    assert link.get_text() == "Landkreis Göttingen"
    assert get_json(client, twin(link["href"]))["hits"][0]["id"] == "sgb-2-48b/rz-34a"


def test_facets_narrow_the_search(client: FlaskClient) -> None:
    data = get_json(client, "/search.json?q=Zielvereinbarung")
    work_facet = {f["value"]: f for f in data["facets"]["work"]}
    assert "sgb-2-48b" in work_facet
    page = soup(client.get("/search", query_string={"q": "Zielvereinbarung"}))
    link = next(a for a in page.select("aside.facets a") if "sgb-2-48b" in a["href"])
    narrowed = get_json(client, twin(link["href"]))
    assert narrowed["hits"] and {h["work"] for h in narrowed["hits"]} == {"sgb-2-48b"}
    assert narrowed["total"] == work_facet["sgb-2-48b"]["count"]


def test_pagination(built_kb: Path) -> None:
    from web import create_app

    client = create_app(built_kb, TESTING=True, SEARCH_PAGELEN=1).test_client()
    first = get_json(client, "/search.json?q=Zielvereinbarung")
    assert first["pagelen"] == 1 and first["pages"] == first["total"] >= 2 and len(first["hits"]) == 1
    page = soup(client.get("/search", query_string={"q": "Zielvereinbarung"}))
    assert page.select_one('.pager a[rel="prev"]') is None
    second = get_json(client, twin(page.select_one('.pager a[rel="next"]')["href"]))
    assert second["page"] == 2 and second["hits"][0]["id"] != first["hits"][0]["id"]
    last = soup(client.get("/search", query_string={"q": "Zielvereinbarung", "page": first["pages"]}))
    assert last.select_one('.pager a[rel="next"]') is None and last.select_one('.pager a[rel="prev"]') is not None


def test_unknown_citation_in_the_search_box_suggests_the_nearest(client: FlaskClient) -> None:
    response = client.get("/", query_string={"q": "§ 48b Rz. 99"})
    assert response.status_code == 200
    page = soup(response)
    assert "§ 48b Rz. 99" in page.select_one(".citation-miss").get_text()
    assert RZ34A in [a["href"] for a in page.select(".citation-miss ul.suggestions a")]
    data = get_json(client, "/search.json?q=%C2%A7%2048b%20Rz.%2099")
    assert data["direct"] is None and data["suggestion"] is None
    assert "sgb-2-48b/rz-34a" in [s["id"] for s in data["citation"]["suggestions"]]


def test_security_headers(client: FlaskClient) -> None:
    response = client.get(RZ34A)
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_json_twin_redirect_keeps_json(client) -> None:  # type: ignore[no-untyped-def]
    """/k/sgb-2.json (a statute asked for under /k) redirects to /g/sgb-2.json, not to the HTML page."""
    response = client.get("/k/sgb-2-48b/rz-34a/.json")
    assert response.status_code == 301 and response.headers["Location"].endswith("/k/sgb-2-48b/rz-34a.json")
    assert "Accept" in response.headers.get("Vary", "")
    followed = client.get("/k/sgb-2-48b/rz-34a/.json", follow_redirects=True)
    assert followed.status_code == 200 and followed.is_json and followed.get_json()["id"] == "sgb-2-48b/rz-34a"


def test_cites_is_paged(client) -> None:  # type: ignore[no-untyped-def]
    """/cites pages its backlinks (50 a page, ?pagelen= to choose) with next/prev URLs that keep the twin."""
    whole = client.get("/cites.json?target=§ 6a SGB II").get_json()
    assert whole["total"] == len(whole["cited_by"]) >= 2 and whole["next"] is None and whole["prev"] is None
    first = client.get("/cites.json?target=§ 6a SGB II&pagelen=1").get_json()
    assert first["pages"] == whole["total"] and first["cited_by"] == whole["cited_by"][:1]
    assert first["next"].startswith("/cites.json?") and "page=2" in first["next"]
    second = client.get(first["next"]).get_json()
    assert second["cited_by"] == whole["cited_by"][1:2] and second["prev"].startswith("/cites.json?")
    assert client.get("/cites.json?target=§ 6a SGB II&page=999").status_code == 404
    html = client.get("/cites?target=§ 6a SGB II&pagelen=1").get_data(as_text=True)
    assert 'rel="next"' in html


@pytest.mark.parametrize("path", ["/g/sgb-2/48b", "/k/sgb-2-48b", "/k/bag-4-azr-286-22/rn-14"])
def test_an_embedded_backlink_list_is_bounded_and_links_to_all(built_kb: Path, monkeypatch, path: str) -> None:  # type: ignore[no-untyped-def]
    """A page about a §, a commentary or a decision's Randnummer shows only the first rows of "Zitiert in" (a
    much-cited § stays a small page) and links to the paged /cites list, which has them all."""
    from web import create_app, paging

    client = create_app(built_kb, TESTING=True, PAGE_CACHE_BYTES=0).test_client()
    whole = client.get(f"{path}.json").get_json()
    assert whole["cited_by_total"] == len(whole["cited_by"]) and whole["cited_by_all"] is None
    if whole["cited_by_total"] < 2:
        pytest.skip(f"{path} is cited fewer than twice in this corpus")
    monkeypatch.setattr(paging, "EMBEDDED_BACKLINKS", 1)
    cut = client.get(f"{path}.json").get_json()
    assert cut["cited_by"] == whole["cited_by"][:1] and cut["cited_by_total"] == whole["cited_by_total"]
    everything = client.get(cut["cited_by_all"].replace("/cites?", "/cites.json?", 1) + "&pagelen=200").get_json()
    citing = {row["entry"]["id"] for row in everything["cited_by"]}
    assert {row["entry"]["id"] for row in whole["cited_by"]} <= citing
    html = client.get(path).get_data(as_text=True)
    assert f"Alle {whole['cited_by_total']} zitierenden Stellen" in html
