"""The search page and its JSON twin for legal queries (issue 13): a bare Randnummer, the kind facet and
commentary first, a mark on every hit, statute hits into their Absatz, a German sentence for no hits."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from flask.testing import FlaskClient

from tests.web.test_pages import get_json, soup, twin

RZ34A = "/k/sgb-2-48b/rz-34a"


def _form_url(page_html: str) -> str:
    """What the header's search form submits with the query "Rn. 12", hidden fields included."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(page_html, "html.parser").select_one("form.search")
    assert form is not None
    fields = [(i["name"], i.get("value", "")) for i in form.select("input[name]")]
    fields = [(name, "Rn. 12" if name == "q" else value) for name, value in fields]
    return f"{form['action']}?{urlencode(fields)}"


def test_a_bare_randnummer_jumps_to_the_only_work_that_has_it(client: FlaskClient) -> None:
    for q in ("Rz. 34a", "rz 34a", "Rdnr. 34a"):
        response = client.get("/", query_string={"q": q})
        assert response.status_code == 302 and response.headers["Location"] == RZ34A, q
    data = get_json(client, "/search.json?q=Rz.%2034a")
    assert data["direct"]["id"] == "sgb-2-48b/rz-34a" and data["suggestion"] is None


def test_a_bare_randnummer_several_works_have_offers_them_in_html_and_json(client: FlaskClient) -> None:
    data = get_json(client, "/search.json?q=Rn.%2012")
    assert data["direct"] is None and data["suggestion"] is None and data["work"] is None
    choices = data["citation"]["choices"]
    assert len(choices) >= 2 and all(c["rz"] == "12" and c["url"].endswith("/rn-12") for c in choices)
    assert data["total"] == len(choices) and [h["id"] for h in data["hits"]] == [c["id"] for c in choices[:10]]
    assert data["next"] is not None  # paged like every result
    page = soup(client.get("/", query_string={"q": "Rn. 12"}))
    assert "Meinten Sie" not in page.get_text() and page.select_one(".didyoumean") is None
    choice = page.select_one(".citation-choice")
    assert choice is not None and f"{len(choices)} Werken" in choice.get_text()
    assert [a["href"] for a in page.select("ol.hits .hit-title a")] == [c["url"] for c in choices[:10]]


def test_the_search_form_carries_the_work_the_reader_is_on(client: FlaskClient) -> None:
    decision = next(c["work"] for c in get_json(client, "/search.json?q=Rn.%2012&pagelen=100")["citation"]["choices"]
                    if c["work"].startswith("bverwg-11"))
    for page in (f"/k/{decision}", f"/k/{decision}/rn-3"):
        html = client.get(page).get_data(as_text=True)
        response = client.get(_form_url(html))
        assert response.status_code == 302 and response.headers["Location"] == f"/k/{decision}/rn-12", page
    # on the commentary's pages, "Rn. 12" is the commentary's, which has none: its nearest, no spelling advice
    html = client.get("/k/sgb-2-48b").get_data(as_text=True)
    missing = client.get(_form_url(html))
    assert missing.status_code == 200
    page = soup(missing)
    assert "§ 48b SGB II hat keine Rz. 12" in page.select_one(".citation-miss").get_text()
    assert "/k/sgb-2-48b/rz-33" in [a["href"] for a in page.select(".citation-miss ul.suggestions a")]
    assert page.select_one(".didyoumean") is None
    assert page.select_one('form.search input[name="work"]')["value"] == "sgb-2-48b"  # kept for the next query
    data = get_json(client, "/search.json?q=Rz.%2012&work=sgb-2-48b")
    assert data["work"] == "sgb-2-48b" and data["total"] == 0 and data["citation"]["choices"] == []
    # a text query ignores the work it was typed on
    everywhere = get_json(client, "/search.json?q=Zielvereinbarung")["total"]
    assert get_json(client, "/search.json?q=Zielvereinbarung&work=sgb-2-48b")["total"] == everywhere


def test_commentary_first_and_the_kind_facet_first(client: FlaskClient) -> None:
    data = get_json(client, "/search.json?q=B%C3%BCrgergeld")
    assert data["hits"][0]["work"] == "sgb-2-48b"
    assert next(iter(data["facets"])) == "kind"
    first = data["facets"]["kind"][0]
    assert (first["value"], first["label"]) == ("commentary", "Kommentar")
    page = soup(client.get("/", query_string={"q": "Bürgergeld"}))
    assert page.select_one("ol.hits .hit-title a")["href"].startswith("/k/sgb-2-48b/")
    heading = page.select_one("aside.facets h2")
    assert heading.get_text() == "Art der Quelle"
    labels = [a.get_text() for a in heading.find_next_sibling("ul").select("a")]
    assert labels[0] == "Kommentar" and "Gesetz" in labels
    narrowed = get_json(client, twin(heading.find_next_sibling("ul").select_one("a")["href"]))
    assert {h["work"] for h in narrowed["hits"]} == {"sgb-2-48b"}


@pytest.mark.parametrize("q", ["Zielvereinbarung", "Bürgergeld", "Vereinbarung", "Grundsicherung", "Zielver*"])
def test_every_hit_on_the_page_has_a_mark(client: FlaskClient, q: str) -> None:
    page = soup(client.get("/", query_string={"q": q}))
    hits = page.select("ol.hits li.hit")
    assert hits and all(h.select_one(".snippet mark") is not None for h in hits)


def test_statute_hits_link_into_the_absatz_of_their_match(client: FlaskClient) -> None:
    data = get_json(client, "/search.json?q=orientieren")
    hit = next(h for h in data["hits"] if h["id"] == "sgb-2/48b")
    assert hit["url"] == "/g/sgb-2/48b#abs-4" and hit["anchor"] == "abs-4"
    page = soup(client.get("/", query_string={"q": "orientieren"}))
    assert "/g/sgb-2/48b#abs-4" in [a["href"] for a in page.select("ol.hits .hit-title a")]
    target = soup(client.get("/g/sgb-2/48b"))
    assert target.select_one("#abs-4") is not None and "orientieren" in target.select_one("#abs-4").get_text()
    commentary = next(h for h in get_json(client, "/search.json?q=Zielvereinbarung")["hits"]
                      if h["work"] == "sgb-2-48b")
    assert commentary["anchor"] is None and "#" not in commentary["url"]


def test_no_hits_is_a_german_sentence_with_hints(client: FlaskClient) -> None:
    page = soup(client.get("/", query_string={"q": "Quantenchromodynamik"}))
    assert page.select_one("ol.hits") is None  # no "1. Keine Treffer."
    no_hits = page.select_one(".no-hits")
    assert no_hits.select_one("p").get_text() == "Keine Treffer für „Quantenchromodynamik“."
    assert len(no_hits.select("ul.hints li")) >= 3
    data = get_json(client, "/search.json?q=Quantenchromodynamik")
    assert data["hits"] == [] and data["total"] == 0 and {"page", "pagelen", "pages", "next", "prev"} <= set(data)


def test_the_resolver_knows_a_bare_randnummer_too(client: FlaskClient) -> None:
    response = client.get("/cite", query_string={"q": "Rz. 34a"})
    assert response.status_code == 302 and response.headers["Location"] == RZ34A
    choices = get_json(client, "/search.json?q=Rn.%2012&pagelen=100")["citation"]["choices"]
    error = get_json(client, "/cite.json?q=Rn.%2012", status=404)["error"]
    assert [s["id"] for s in error["suggestions"]] == [c["id"] for c in choices]
