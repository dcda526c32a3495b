"""Pages a lawyer can cite: the Zitiervorschlag on every page kind, the Stand, statute outlines, previous/next §,
the official text, deep links, Anlagen under clean URLs (the Flask test client on the bundled corpus)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from kb import links
from kb.store import KnowledgeBase

SGB2_STAND = "Stand: zuletzt geändert durch Art. 6 G v. 16.8.2023 I Nr. 217"
COMMENTARY = "Kommentar zu § 48b SGB II – Zielvereinbarungen (Auszug Rz. 33–34a)"


def page(client: FlaskClient, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def suggestion(soup: BeautifulSoup) -> str:
    """The page's Zitiervorschlag as shown (its copy button is hidden until app.js shows it)."""
    box = soup.select_one(".cite-suggestion:not(.unit)")
    assert box is not None and box.select_one("button.copy").get_text(strip=True) == "Kopieren"
    assert box.select_one(".cite-label").get_text(strip=True) == "Zitiervorschlag:"
    return box.select_one(".cite-text").get_text(strip=True)


@pytest.mark.parametrize(("url", "expected"), [
    ("/k/sgb-2-48b/rz-34a", f"{COMMENTARY}, Stand 2024, § 48b SGB II Rz. 34a"),
    ("/k/sgb-2-48b", f"{COMMENTARY}, Stand 2024, § 48b SGB II"),
    ("/g/sgb-2/48b", f"§ 48b SGB II ({SGB2_STAND})"),
    ("/g/sgb-2", f"SGB II ({SGB2_STAND})"),
    ("/k/bverwg-11-a-7-23/rn-12", "BVerwG, Urteil vom 14.02.2024 – 11 A 7.23, Rn. 12"),
    ("/k/bverwg-11-a-7-23/tenor", "BVerwG, Urteil vom 14.02.2024 – 11 A 7.23, Tenor"),
    ("/k/bverwg-11-a-7-23", "BVerwG, Urteil vom 14.02.2024 – 11 A 7.23 – ECLI:DE:BVerwG:2024:140224U11A7.23.0"),
    ("/g/sgb-12/anlage-zu-28",
     "Anlage zu § 28 SGB XII (Stand: Zuletzt geändert durch Art. 2 G v. 22.12.2023 I Nr. 408)"),
])
def test_every_page_kind_has_its_zitiervorschlag_in_html_and_json(client: FlaskClient, url: str,
                                                                  expected: str) -> None:
    assert suggestion(page(client, url)) == expected
    assert client.get(url + ".json").get_json()["citation_suggestion"] == expected


def test_every_randnummer_page_has_one(client: FlaskClient, corpus_kb: KnowledgeBase) -> None:
    for work in corpus_kb.works():
        for entry in corpus_kb.entries(work.slug)[:3]:
            soup = page(client, links.entry_path(entry))
            assert suggestion(soup) == links.citation_suggestion(work, entry), entry.id


def test_the_randnummer_page_names_its_work_and_stand(client: FlaskClient) -> None:
    meta = page(client, "/k/sgb-2-48b/rz-34a").select_one(".work-meta")
    assert meta.select_one("a")["href"] == "/k/sgb-2-48b" and COMMENTARY in meta.get_text()
    assert "Stand 2024" in meta.get_text()
    decision = page(client, "/k/bverwg-11-a-7-23/rn-12").select_one(".work-meta").get_text(" ", strip=True)
    assert "14.02.2024" in decision


def test_statute_pages_show_stand_and_official_text(client: FlaskClient) -> None:
    for url, official in (("/g/sgb-2", "https://www.gesetze-im-internet.de/sgb_2/"),
                          ("/g/sgb-2/48b", "https://www.gesetze-im-internet.de/sgb_2/__48b.html"),
                          ("/g/sgb-12/anlage-zu-28", "https://www.gesetze-im-internet.de/sgb_12/")):
        meta = page(client, url).select_one("p.meta")
        assert SGB2_STAND in meta.get_text() or "Stand: Zuletzt geändert" in meta.get_text(), url
        assert meta.select_one("a")["href"] == official
    data = client.get("/g/sgb-10/1.json").get_json()
    assert data["stand"].startswith("Stand: Zuletzt geändert durch Art. 13 G v. 20.7.2022")  # SGB X is of 2022
    assert client.get("/g/sgb-10.json").get_json()["stand"] == data["stand"]


def _units(outline: list[dict]) -> list[tuple[int, dict]]:
    out = []
    for unit in outline:
        out.append((0, unit))
        out += [(depth + 1, u) for depth, u in _units(unit["children"])]
    return out


def test_the_law_page_is_the_nested_outline(client: FlaskClient) -> None:
    data = client.get("/g/sgb-2.json").get_json()
    units = {u["heading"]: (depth, u) for depth, u in _units(data["outline"])}
    depth, kapitel3 = units["Kapitel 3 Leistungen"]
    assert depth == 0 and kapitel3["entries"] == []  # the §§ of Kapitel 3 are in its Abschnitte
    abschnitt2 = next(u for u in kapitel3["children"] if u["heading"].startswith("Abschnitt 2"))
    buergergeld = next(u for u in abschnitt2["children"] if u["heading"] == "Unterabschnitt 2 Bürgergeld")
    assert "sgb-2/20" in buergergeld["entries"] and units["Unterabschnitt 2 Bürgergeld"][0] == 2
    # every § once, in the law's order
    listed = [i for _, u in _units(data["outline"]) for i in u["entries"]]
    assert listed == [e["id"] for e in data["entries"]]
    soup = page(client, "/g/sgb-2")
    unit = soup.select_one(f"#{buergergeld['anchor']}")
    assert unit.select_one(".outline-heading").get_text(strip=True) == "Unterabschnitt 2 Bürgergeld"
    assert unit.select_one('a[href="/g/sgb-2/20"]') is not None
    # the Kapitel holds the Abschnitt holds the Unterabschnitt
    assert unit.find_parent("li", class_="outline-unit").find_parent("li", class_="outline-unit")["id"] == (
        links.outline_anchor(("Kapitel 3 Leistungen",)))


def test_anlagen_stand_outside_the_outline(client: FlaskClient) -> None:
    outline = client.get("/g/sgb-12.json").get_json()["outline"]
    assert outline[-1]["heading"] is None
    assert outline[-1]["entries"] == ["sgb-12/anlage-zu-28", "sgb-12/anlage-zu-34"]


def test_the_norm_page_has_its_place_and_neighbours(client: FlaskClient) -> None:
    data = client.get("/g/sgb-2/20.json").get_json()
    assert [u["heading"] for u in data["outline"]] == [
        "Kapitel 3 Leistungen", "Abschnitt 2 Leistungen zur Sicherung des Lebensunterhalts",
        "Unterabschnitt 2 Bürgergeld"]
    assert data["prev"]["id"] == "sgb-2/19" and data["next"]["id"] == "sgb-2/21"
    assert data["statute_url"] == "/g/sgb-2"
    soup = page(client, "/g/sgb-2/20")
    crumbs = soup.select_one(".crumbs")
    hrefs = [a["href"] for a in crumbs.select("a")]
    assert hrefs[:2] == ["/g", "/g/sgb-2"] and hrefs[-1] == data["outline"][-1]["url"]
    law_page = page(client, "/g/sgb-2")
    assert law_page.select_one("#" + hrefs[-1].split("#", 1)[1]) is not None  # the breadcrumb lands in the outline
    assert soup.select_one('nav.prevnext a[rel="prev"]')["href"] == "/g/sgb-2/19"
    assert soup.select_one('nav.prevnext a[rel="next"]')["href"] == "/g/sgb-2/21"


def test_a_law_that_is_not_built_is_not_linked(client: FlaskClient) -> None:
    assert client.get("/g/sgb-3").status_code == 404  # no SGB III text in the bundled corpus …
    data = client.get("/g/sgb-3/48b.json").get_json()  # … but a norm page: § 48b SGB III is cited
    assert data["entry"] is None and data["statute_url"] is None
    crumbs = page(client, "/g/sgb-3/48b").select_one(".crumbs")
    assert [a["href"] for a in crumbs.select("a")] == ["/g"] and "SGB III" in crumbs.get_text()


def test_units_of_a_paragraph_can_be_cited(client: FlaskClient) -> None:
    data = client.get("/g/sgb-2/48b.json").get_json()
    units = {u["anchor"]: u for u in data["units"]}
    assert units["abs-1-nr-4"]["citation_suggestion"] == f"§ 48b Abs. 1 Satz 1 Nr. 4 SGB II ({SGB2_STAND})"
    assert units["abs-4"]["label"] == "§ 48b Abs. 4 SGB II"
    soup = page(client, "/g/sgb-2/48b")
    for anchor, unit in units.items():
        assert soup.select_one(f".text #{anchor}") is not None, anchor  # each names an element of the text
        box = soup.select_one(f'.unit-cites .cite-suggestion[data-anchor="{anchor}"]')
        assert box.select_one(".cite-text").get_text(strip=True) == unit["citation_suggestion"]
    # § 7 Abs. 1 has a list in Satz 1 and one in Satz 2: their Nummern are told apart
    seven = {u["anchor"]: u["label"] for u in client.get("/g/sgb-2/7.json").get_json()["units"]}
    assert seven["abs-1-satz-1-nr-1"] == "§ 7 Abs. 1 Satz 1 Nr. 1 SGB II"
    assert seven["abs-1-satz-2-nr-1"] == "§ 7 Abs. 1 Satz 2 Nr. 1 SGB II"


# --------------------------------------------------------------------------- Anlagen and other units


def test_every_statute_unit_answers_under_its_url(client: FlaskClient, corpus_kb: KnowledgeBase) -> None:
    statutes = [w for w in corpus_kb.works() if w.kind == "statute"]
    assert {w.slug for w in statutes} == {"sgb-2", "sgb-10", "sgb-12"}
    for work in statutes:
        for entry in corpus_kb.entries(work.slug):
            url = links.entry_path(entry)
            assert client.get(url).status_code == 200, url
            assert client.get(links.rz_path(entry.id)).headers["Location"] == url  # its entry id redirects there


@pytest.mark.parametrize("old", [
    "/g/sgb-12/" + quote("Anlage zu § 28"), "/k/sgb-12/anlage-zu-28", "/g/sgb-12/ANLAGE-ZU-28",
    "/g/SGB%20XII/anlage-zu-28",
])
def test_old_forms_of_an_anlage_redirect_permanently(client: FlaskClient, old: str) -> None:
    response = client.get(old)
    assert response.status_code == 301 and response.headers["Location"] == "/g/sgb-12/anlage-zu-28"
    twin = client.get(old + ".json")
    assert twin.status_code == 301 and twin.headers["Location"] == "/g/sgb-12/anlage-zu-28.json"


def test_a_plain_paragraph_url_is_unchanged_and_a_marked_one_redirects(client: FlaskClient) -> None:
    assert client.get("/g/sgb-2/48b").status_code == 200
    response = client.get("/g/sgb-2/" + quote("§48b"))
    assert response.status_code == 301 and response.headers["Location"] == "/g/sgb-2/48b"


# --------------------------------------------------------------------------- deep links and statute context


def test_the_resolver_goes_as_deep_as_the_page_and_names_the_statute(client: FlaskClient) -> None:
    response = client.get("/cite", query_string={"q": "§ 48b Abs. 1 Satz 1 Nr. 4 SGB II"})
    assert response.headers["Location"] == "/g/sgb-2/48b#abs-1-nr-4"
    data = client.get("/cite.json", query_string={"q": "§ 48b Abs. 4 SGB II"}).get_json()
    assert data["url"] == "/g/sgb-2/48b#abs-4" and data["work"]["slug"] == "sgb-2"  # the statute, not the commentary
    assert data["work"]["kind"] == "statute"
    # an Absatz the § does not have: the § itself, no anchor that leads nowhere
    assert client.get("/cite", query_string={"q": "§ 48b Abs. 9 SGB II"}).headers["Location"] == "/g/sgb-2/48b"


def test_relative_citations_in_statute_text_keep_their_absatz(client: FlaskClient) -> None:
    """§ 48b Abs. 1 Satz 2 SGB II: "Die Vereinbarungen nach Satz 1 Nummer 2 bis 4 umfassen …"."""
    entry = client.get("/g/sgb-2/48b.json").get_json()["entry"]
    cited = {c["text"]: c for c in entry["citations"]}
    keys = [t["key"] for t in cited["Satz 1 Nummer 2 bis 4"]["targets"]]
    assert keys == [f"SGB 2 § 48b Abs. 1 Satz 1 Nr. {n}" for n in (2, 3, 4)]
    assert cited["Satz 1 Nummer 2 bis 4"]["url"] == "/g/sgb-2/48b#abs-1-nr-2"
    soup = page(client, "/g/sgb-2/48b")
    link = soup.select_one("#abs-1 a.cite[data-target='SGB 2 § 48b Abs. 1 Satz 1 Nr. 3']")
    assert link["href"] == "/g/sgb-2/48b#abs-1-nr-3"
    assert soup.select_one("#abs-4 a.cite")["href"] == "/g/sgb-2/48b#abs-1-nr-4"  # "Absatz 1 Satz 1 Nummer 4"
    # § 7 Abs. 4 Satz 4 SGB II: "Die Sätze 1 und 3 Nummer 2 gelten …" – its own Absatz, Satz 3's list
    seven = client.get("/g/sgb-2/7.json").get_json()["entry"]["citations"]
    both = next(c for c in seven if c["text"] == "Sätze 1 und 3 Nummer 2")
    assert [t["key"] for t in both["targets"]] == ["SGB 2 § 7 Abs. 4 Satz 1", "SGB 2 § 7 Abs. 4 Satz 3 Nr. 2"]
    second_list = next(c for c in seven if c["text"] == "Satz 2 Nummer 1")  # in § 7 Abs. 1, after its two lists
    assert second_list["url"] == "/g/sgb-2/7#abs-1-satz-2-nr-1"


def test_the_commentary_links_down_to_the_nummer(client: FlaskClient) -> None:
    rz33 = page(client, "/k/sgb-2-48b/rz-33")
    hrefs = {a.get_text(" ", strip=True): a["href"] for a in rz33.select(".text a.cite")}
    assert hrefs["Abs. 1 Satz 1 Nr. 4"] == "/g/sgb-2/48b#abs-1-nr-4"
    assert hrefs["Abs. 4"] == "/g/sgb-2/48b#abs-4"


def test_a_citation_without_an_address_is_no_link(client: FlaskClient) -> None:
    soup = page(client, "/g/sgb-2/48b")
    marked = soup.select_one("span.cite[data-kind='law']")  # "Haushaltsgesetz": a law without a known address
    assert marked is not None and "Haushaltsgesetz" in marked.get_text()
    assert soup.select("a:not([href])") == []
