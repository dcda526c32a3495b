"""The annotate page (``/api/annotate`` in a browser): labelled form, result with linked citations, entities and
obligations, the JSON of that very result, and errors that keep the pasted text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import browser_page
from web.render import link_entities

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
TEXT = ("Das Bundesministerium für Arbeit und Soziales soll mit dem Landkreis Musterhausen und dem Landkreis "
        "Göttingen eine Zielvereinbarung abschließen. Die Agentur für Arbeit muss die Leistung erbringen. "
        "Nach Abs. 4 gilt <b>das</b> & mehr; siehe § 6a SGB II und § 823 BGB.")


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def submit(client: FlaskClient, status: int = 200, **fields: str) -> BeautifulSoup:
    """The form as a browser sends it (multipart, Accept: text/html); the page it gets back."""
    response = client.post("/api/annotate", data=fields, headers=BROWSER, content_type="multipart/form-data")
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    assert response.mimetype == "text/html"
    return soup(response)


def labelled(page: BeautifulSoup) -> None:
    """Every visible field of the page's content has a <label for> with text (the header's: test_accessibility)."""
    for field in page.select("main input:not([type=hidden]), main textarea, main select"):
        label = page.find("label", attrs={"for": field.get("id")}) if field.get("id") else None
        assert label is not None and label.get_text(strip=True), field


# --------------------------------------------------------------------------- the form


def test_the_form_has_a_visible_label_on_every_field_and_links_the_endpoint_description(client: FlaskClient) -> None:
    page = soup(client.get("/api/annotate", headers=BROWSER))
    labelled(page)
    assert page.find("textarea", attrs={"name": "text"})["id"] == "annotate-text"
    form = page.find("form", class_="annotate")
    assert form["enctype"] == "multipart/form-data" and int(form["data-max-bytes"]) > 0
    # no result yet: "Diese Seite als JSON" is the endpoint description, this page's JSON twin
    assert page.select_one("footer a.json")["href"] == "/api/annotate.json"
    assert page.find("form", class_="json-twin") is None


# --------------------------------------------------------------------------- the result


def test_the_result_links_citations_entities_and_obligations(client: FlaskClient) -> None:
    page = submit(client, text=TEXT, law="SGB II", paragraph="48b")
    result = page.find("section", class_="annotation")
    # citations: into the knowledge base where it has the §, else the official text
    cites = {li.q.get_text(): li for li in result.select("ul.annotation-citations > li")}
    assert cites["§ 6a SGB II"].find("a", string="§ 6a SGB II")["href"] == "/g/sgb-2/6a"
    bgb = cites["§ 823 BGB"]
    assert [a["href"] for a in bgb.find_all("a")] == ["https://www.gesetze-im-internet.de/bgb/__823.html"]
    assert cites["Abs. 4"].find("a", string="§ 48b Abs. 4 SGB II")["href"] == "/g/sgb-2/48b#abs-4"
    # entities: by German kind name, linked to their page only where the knowledge base has one
    kinds = [dt.get_text() for dt in result.select("dl.annotation-entities dt")]
    assert {"Ministerien", "Orte", "Träger"} <= set(kinds)
    assert not {"MINISTERIUM", "ORT", "TRAEGER"} & set(kinds)
    goettingen = result.select_one("dl.annotation-entities a[href='/entities/ort/landkreis-goettingen']")
    assert goettingen is not None and goettingen.get_text() == "Landkreis Göttingen"
    musterhausen = [dd for dd in result.select("dl.annotation-entities dd") if "Musterhausen" in dd.get_text()]
    assert musterhausen and musterhausen[0].find("a") is None
    assert "nicht in der Wissensbasis" in musterhausen[0].get_text()
    # the annotated text: entities linked the same way, text escaped
    text = result.select_one(".text.annotated")
    hrefs = [a.get("href") for a in text.find_all("a")]
    assert "/entities/ort/landkreis-goettingen" in hrefs
    assert not any(h and "musterhausen" in h for h in hrefs)
    assert text.find("b") is None and "<b>das</b> & mehr" in text.get_text()
    # obligations: who must / shall do what, the bearer linked to its obligations
    rows = result.select("ul.obligation-items > li")
    summary = [" ".join(li.get_text(" ", strip=True).split()) for li in rows]
    assert any(s.startswith("Soll-Vorgabe Bundesministerium für Arbeit und Soziales : mit dem Landkreis")
               for s in summary), summary
    assert any(s.startswith("Pflicht Agentur für Arbeit : die Leistung erbringen") for s in summary), summary
    bearer = rows[0].find("a")
    assert bearer["href"] == "/obligations/ministerium/bundesministerium-fuer-arbeit-und-soziales"
    # every link into the knowledge base works
    for href in {a["href"] for a in result.find_all("a") if a["href"].startswith("/")}:
        assert client.get(href.split("#")[0], headers=BROWSER).status_code == 200, href


def test_the_result_page_keeps_the_text_in_the_labelled_form(client: FlaskClient) -> None:
    page = submit(client, text=TEXT)
    labelled(page)
    assert page.find("textarea", attrs={"name": "text"}).get_text() == TEXT  # the text stays in the form


def test_the_json_button_posts_the_same_request_and_gets_this_result_as_json(client: FlaskClient) -> None:
    text = TEXT + "\r\nZweite Zeile: Rz. 34a."  # line breaks as a browser's form sends them
    page = submit(client, text=text, law="SGB II", paragraph="48b")
    assert page.find("link", rel="alternate") is None  # no GET URL is the JSON of a POSTed result
    twin = page.find("form", class_="json-twin")
    assert twin["method"] == "post" and twin["action"] == "/api/annotate"
    # (a browser's HTML parser reads the attribute's CRLF as LF; html.parser keeps it: compare without CR)
    fields = {i["name"]: i["value"].replace("\r\n", "\n") for i in twin.find_all("input")}
    assert fields == {"text": text.replace("\r\n", "\n"), "law": "SGB II", "paragraph": "48b", "format": "json"}
    assert twin.find("button").get_text() == "Dieses Ergebnis als JSON"
    # the browser sends the hidden text with CRLF line breaks again, as it sent the textarea
    sent = {**fields, "text": fields["text"].replace("\n", "\r\n")}
    response = client.post("/api/annotate", data=sent, headers=BROWSER, content_type="multipart/form-data")
    assert response.status_code == 200 and response.mimetype == "application/json"
    direct = client.post("/api/annotate", json={"text": text, "law": "SGB II", "paragraph": "48b"}).get_json()
    assert response.get_json() == direct
    shown = [li.q.get_text() for li in page.select("ul.annotation-citations > li")]
    assert shown == [c["text"] for c in direct["citations"]]


# --------------------------------------------------------------------------- errors keep the text


def test_an_unknown_law_comes_back_as_the_form_with_the_text_and_a_german_message(client: FlaskClient) -> None:
    nasty = "</textarea><script>alert(1)</script> nach Abs. 4"
    page = submit(client, 400, text=nasty, law="Klingonisch", paragraph="48b")
    error = page.find(id="annotate-error")
    assert error["role"] == "alert" and "Unbekanntes Gesetz „Klingonisch“" in error.get_text()
    assert page.find("textarea", attrs={"name": "text"}).get_text() == nasty
    assert page.find("script", src=None) is None  # the pasted markup stays text
    law = page.find("input", attrs={"name": "law"})
    assert law["value"] == "Klingonisch" and law["aria-invalid"] == "true"
    assert law["aria-describedby"] == "annotate-error"
    assert page.find("input", attrs={"name": "paragraph"})["value"] == "48b"
    assert page.title.get_text().startswith("Fehler")
    labelled(page)


def test_an_unknown_work_and_an_empty_text_name_their_field(client: FlaskClient) -> None:
    page = submit(client, 400, text="nach Rz. 12", work="bgb-823")
    assert "Unbekanntes Werk „bgb-823“" in page.find(id="annotate-error").get_text()
    assert page.find("input", attrs={"name": "work"})["aria-invalid"] == "true"
    assert page.find("textarea").get_text() == "nach Rz. 12"
    page = submit(client, 400, text="   ")
    assert "Kein Text" in page.find(id="annotate-error").get_text()
    assert page.find("textarea")["aria-invalid"] == "true"


def test_a_text_over_the_limit_comes_back_as_the_form_with_a_german_message(app: Flask) -> None:
    from web.views.api import form_limit

    with app.app_context():
        limit = form_limit()
    page = submit(app.test_client(), 413, text="a" * (limit + 10))
    error = page.find(id="annotate-error").get_text()
    assert "zu groß" in error and f"{limit:,}".replace(",", ".") in error
    assert page.find("textarea")["aria-invalid"] == "true"


def test_json_clients_keep_getting_json_errors(client: FlaskClient) -> None:
    for headers, data in (({"Accept": "application/json"}, {"text": "x", "law": "Klingonisch"}),
                          (BROWSER, {"text": "x", "law": "Klingonisch", "format": "json"}),
                          ({}, {"text": " "})):  # curl -F: Accept */*
        response = client.post("/api/annotate", data=data, headers=headers, content_type="multipart/form-data")
        assert response.status_code == 400 and response.mimetype == "application/json", data
        assert response.get_json()["error"]["status"] == 400
    bad = client.post("/api/annotate", json={"text": "§ 1", "law": "Klingonisches Recht"})
    assert bad.get_json()["error"]["message"].startswith("Unbekanntes Gesetz „Klingonisches Recht“")


# --------------------------------------------------------------------------- link_entities(known=…)


def test_link_entities_links_only_known_entities() -> None:
    html = ('<span class="ent" data-entity="ort/a">A</span> und <span class="ent" data-entity="ort/b">B</span>')
    linked = link_entities(html, known=lambda eid: eid == "ort/a")
    assert linked == ('<a href="/entities/ort/a" class="ent" data-entity="ort/a">A</a> und '
                      '<span class="ent" data-entity="ort/b">B</span>')
    assert link_entities(html).count("<a ") == 2


# --------------------------------------------------------------------------- in the browser


@pytest.fixture()
def page(chromium: Any, live_server: str) -> Iterator[Any]:
    with browser_page(chromium, live_server, 60_000) as page:
        yield page


@pytest.mark.browser
@pytest.mark.server
def test_in_the_browser_the_json_button_returns_this_result(page: Any) -> None:
    page.goto("/api/annotate")
    page.fill("#annotate-text", "Erste Zeile: § 6a SGB II.\nZweite Zeile: nach Abs. 4 der Landkreis Göttingen.")
    page.fill("#annotate-law", "SGB II")
    page.fill("#annotate-paragraph", "48b")
    page.click("form.annotate button[type=submit]")
    page.wait_for_selector("section.annotation")
    shown = page.locator("ul.annotation-citations > li q").all_inner_texts()
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click("form.json-twin button")
    data = answer.value.json()
    assert [c["text"] for c in data["citations"]] == shown == ["§ 6a SGB II", "Abs. 4"]
    assert data["context"] == {"law": "SGB 2", "paragraph": "48b", "work": None}
    assert data["length"] == len("Erste Zeile: § 6a SGB II.\r\nZweite Zeile: nach Abs. 4 der Landkreis Göttingen.")


@pytest.mark.browser
@pytest.mark.server
def test_in_the_browser_a_text_over_the_limit_is_stopped_before_sending_and_stays(page: Any) -> None:
    page.goto("/api/annotate")
    page.evaluate("document.querySelector('form.annotate').dataset.maxBytes = '100'")  # a small limit to reach
    text = "Träger " * 20  # 160 bytes as UTF-8, 140 characters
    page.fill("#annotate-text", text)
    page.click("form.annotate button[type=submit]")
    error = page.locator("#annotate-error")
    error.wait_for()
    assert "zu groß: 160 Bytes, höchstens 100 Bytes" in error.inner_text()
    assert page.url.endswith("/api/annotate") and page.locator("section.annotation").count() == 0
    assert page.input_value("#annotate-text") == text
    assert page.evaluate("document.activeElement.id") == "annotate-text"
    assert page.get_attribute("#annotate-text", "aria-invalid") == "true"
