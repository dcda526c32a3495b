"""Readers, not codes (issue 13, scope 4): what the pages of the bundled corpus show a reader — German names of
entity kinds, norms as lawyers write them, dates as dates, §§ counted as Vorschriften, no server paths — and that
the entity and obligation lists are paged and small. Crawled through the Flask test client, HTML and JSON twins."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from kb.model import EntityLabel

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
SAMPLE = CORPUS / "sgb2-48b-rz33-34a.txt"
MAX_PAGE = 100 * 1024  # bytes: a list page, HTML or JSON, stays readable and quick

CODES = re.compile(r"\b(?:TRAEGER|MINISTERIUM|BEHOERDE|GREMIUM|GERICHT|ORT|NORM|GESETZ|DATUM|ZEITRAUM)\b")
NORM_KEY = re.compile(r"\b(?:SGB \d+|GG|BGB|VwGO|ZPO) (?:§|Art\.) \d")  # "SGB 2 § 48b": a key, not a citation
ISO_DATE = re.compile(r"(?<![\w-])(?:--\d\d-\d\d|\d{4}-\d\d-\d\d)(?![\w-])")  # "--01-01", "2024-01-01"
ENGLISH = re.compile(r"\b(?:the|query|not found|unknown|only|needs?|error|must|cannot|please|page)\b", re.I)


def text_a_reader_sees(html: str, *, chrome_only: bool = False) -> str:
    """The visible text of a page and its tooltips, labels and placeholders; ``chrome_only`` leaves out the texts
    the site quotes (entry bodies, quoted sentences and citations), which may be in any language."""
    page = BeautifulSoup(html, "html.parser")
    for hidden in page(["script", "style", "head"]):
        hidden.decompose()
    if chrome_only:
        for quoted in page.select(".text, blockquote, q, textarea, code, .snippet"):
            quoted.decompose()
    shown = [page.get_text(" ")]
    shown += [el[attr] for attr in ("title", "aria-label", "placeholder", "alt")
              for el in page.find_all(attrs={attr: True})]
    return " ".join(" ".join(shown).split())


BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def _get(client: FlaskClient, url: str):  # type: ignore[no-untyped-def]
    response = client.get(url, headers=BROWSER if ".json" not in url else {})
    assert response.status_code == 200, (url, response.status_code, response.get_data(as_text=True)[:300])
    return response


def _json_twin(url: str) -> str:
    path, sep, query = url.partition("?")
    return f"{path}.json{sep}{query}"


@pytest.fixture(scope="module")
def crawled(app: Flask) -> dict[str, str]:
    """The list pages, a page of every kind of entity, every kind of addressee and a sample of every kind of entry,
    with their JSON twins: url → body."""
    client = app.test_client()
    urls = ["/", "/k", "/g", "/e", "/entities", "/obligations", "/api/annotate", "/search?q=Zielvereinbarung",
            "/search?q=Landkreis+G%C3%B6ttingen", "/cites?target=%C2%A7+48b+Abs.+4+SGB+II",
            "/cites?target=%C2%A7+48b+Rz.+34a+SGB+II", "/obligations/ohne-adressat"]
    overview = _get(client, "/entities.json").get_json()
    for kind in overview["kinds"]:
        urls.append(kind["url"])
        first = _get(client, _json_twin(kind["url"])).get_json()["entities"][0]
        urls.append(f"/entities/{first['id']}")
    addressees = _get(client, "/obligations.json").get_json()["bearers"]
    urls += [next(b["url"] for b in addressees if b["bearer_id"]),
             next(b["url"] for b in addressees if not b["bearer_id"])]
    works = _get(client, "/k.json").get_json()["works"] + _get(client, "/g.json").get_json()["statutes"]
    works += [d for court in _get(client, "/e.json").get_json()["courts"] for d in court["decisions"][:2]]
    for work in works:
        urls.append(work["url"])
        entries = _get(client, _json_twin(work["url"])).get_json()["entries"]
        urls += [e["url"].split("#")[0] for e in entries[:3]]
    urls = list(dict.fromkeys(urls))
    out = {}
    for url in urls:
        out[url] = _get(client, url).get_data(as_text=True)
        twin = _json_twin(url if url != "/" else "/search")
        out[twin] = _get(client, twin).get_data(as_text=True)
    return out


def _html(crawled: dict[str, str]) -> Iterator[tuple[str, str]]:
    return ((url, body) for url, body in crawled.items() if ".json" not in url)


def test_the_crawl_covers_every_kind_of_page(crawled: dict[str, str]) -> None:
    urls = " ".join(crawled)
    for part in ("/k/sgb-2-48b/rz-", "/g/sgb-2/", "/k/bverwg-", "/entities/datum/", "/entities/zeitraum/",
                 "/entities/traeger/", "/obligations/adressat/", "/obligations/traeger/"):
        assert part in urls, part


def test_no_page_shows_an_entity_code(crawled: dict[str, str]) -> None:
    for url, body in _html(crawled):
        assert not CODES.search(text_a_reader_sees(body)), (url, CODES.search(text_a_reader_sees(body)))


def test_no_page_shows_a_norm_key(crawled: dict[str, str]) -> None:
    for url, body in _html(crawled):
        found = NORM_KEY.search(text_a_reader_sees(body, chrome_only=True))
        assert found is None, (url, found)


def test_no_page_shows_a_machine_date(crawled: dict[str, str]) -> None:
    for url, body in _html(crawled):
        found = ISO_DATE.search(text_a_reader_sees(body, chrome_only=True))
        assert found is None, (url, found)


def test_no_page_or_json_twin_names_a_server_folder(crawled: dict[str, str], built_kb: Path) -> None:
    folders = {str(REPO), str(CORPUS), str(built_kb), str(REPO.parent)}
    for url, body in crawled.items():
        assert "corpus/" not in body and "source_path" not in body, url
        assert not [f for f in folders if f in body], url
        # no absolute path in any JSON string value (a URL's path is no file path)
        if ".json" in url:
            assert not re.search(r'"(?:/(?:home|work|tmp|var|usr|srv|opt|root)/)', body), url


def test_pages_are_german(crawled: dict[str, str]) -> None:
    for url, body in _html(crawled):
        found = ENGLISH.search(text_a_reader_sees(body, chrome_only=True))
        assert found is None, (url, found, text_a_reader_sees(body, chrome_only=True)[:300])


def test_an_entry_page_names_entity_kinds_dates_and_its_source_for_readers(client: FlaskClient) -> None:
    page = BeautifulSoup(_get(client, "/k/sgb-2-48b/rz-34a").get_data(as_text=True), "html.parser")
    badges = {b.get_text(strip=True) for b in page.select("#entitaeten .label")}
    assert {"Ministerium", "Ort", "Zeitraum"} <= badges
    source = page.select_one(".source").get_text(" ", strip=True)
    assert source.startswith("Quelle: sgb2-48b-rz33-34a.txt, Zeile") and "/" not in source
    data = _get(client, "/k/sgb-2-48b/rz-34a.json").get_json()
    assert data["location"]["file"] == "sgb2-48b-rz33-34a.txt" and "path" not in data["location"]
    assert data["work_info"]["source_file"] == "sgb2-48b-rz33-34a.txt" and "source_path" not in data["work_info"]
    period = next(e for e in data["entities"] if e["label"] == "ZEITRAUM")
    assert period["label_name"] == "Zeitraum" and period["name"] == period["canonical"] == "2024"


def test_dates_are_shown_as_dates_with_the_machine_value_in_json(client: FlaskClient) -> None:
    days = _get(client, "/entities.json?label=datum").get_json()["entities"]
    assert days and all(not ISO_DATE.search(d["name"]) for d in days)
    undated = _get(client, "/entities/datum/01-01.json").get_json()
    assert (undated["canonical"], undated["name"], undated["label_name"]) == ("--01-01", "1. Januar", "Datum")
    page = text_a_reader_sees(_get(client, "/entities/datum/01-01").get_data(as_text=True))
    assert "1. Januar" in page and "--01-01" not in page


def test_norms_are_spelled_as_lawyers_write_them(client: FlaskClient) -> None:
    cites = _get(client, "/cites.json?target=%C2%A7+48b+Abs.+4+SGB+II").get_json()
    assert (cites["key"], cites["label"]) == ("SGB 2 § 48b Abs. 4", "§ 48b Abs. 4 SGB II")
    page = text_a_reader_sees(_get(client, "/cites?target=%C2%A7+48b+Abs.+4+SGB+II").get_data(as_text=True))
    assert "Ziel: § 48b Abs. 4 SGB II" in page
    rz = _get(client, "/cites.json?target=%C2%A7+48b+Rz.+34a+SGB+II").get_json()
    assert rz["label"] == "§ 48b SGB II Rz. 34a"
    # citation tooltips in statute text: the lawyer's spelling
    norm = BeautifulSoup(_get(client, "/g/sgb-2/48b").get_data(as_text=True), "html.parser")
    titles = [a["title"] for a in norm.select(".text a.cite[title]")]
    assert titles and all(not NORM_KEY.search(t) for t in titles)
    assert "§ 48b Abs. 1 Satz 1 Nr. 4 SGB II" in titles


def test_a_statute_is_counted_in_vorschriften(client: FlaskClient) -> None:
    data = _get(client, "/g/sgb-2.json").get_json()
    assert data["work"]["entries_name"] == "Vorschriften"
    page = text_a_reader_sees(_get(client, "/g/sgb-2").get_data(as_text=True))
    assert f"{len(data['entries'])} Vorschriften" in page and "Randnummern" not in page
    assert _get(client, "/k/sgb-2-48b.json").get_json()["work"]["entries_name"] == "Randnummern"


# --------------------------------------------------------------------------- entities: no norm lists, paged


def test_no_entity_is_a_norm_or_a_list_of_norms(client: FlaskClient) -> None:
    kinds = {k["label"] for k in _get(client, "/entities.json").get_json()["kinds"]}
    assert kinds <= {str(label) for label in EntityLabel} and "NORM" not in kinds
    assert client.get("/entities?label=NORM").status_code == 400
    laws = _get(client, "/entities.json?label=gesetz&pagelen=200").get_json()["entities"]
    assert laws and not [e for e in laws if "§" in e["name"] or ";" in e["name"]]
    assert "SGB II" in {e["name"] for e in laws}  # a law by its display name, not its key "SGB 2"


def _follow(client: FlaskClient, url: str, page_selector: str) -> list[dict]:
    """Every page of a paged list: the JSON's next link and the HTML pager's agree, and both lead on."""
    pages = []
    while url:
        html, twin = _get(client, url), _get(client, _json_twin(url))
        assert len(html.get_data()) < MAX_PAGE and len(twin.get_data()) < MAX_PAGE, url
        data = twin.get_json()
        soup = BeautifulSoup(html.get_data(as_text=True), "html.parser")
        pager_next = soup.select_one(f"{page_selector} a[rel=next]")
        assert (pager_next["href"] if pager_next else None) == (data["next"] and data["next"].replace(".json", ""))
        if pages:
            assert data["prev"] is not None and soup.select_one(f"{page_selector} a[rel=prev]") is not None
        else:
            assert data["prev"] is None
        pages.append(data)
        url = data["next"] and data["next"].replace(".json", "")
    return pages


def test_entities_are_grouped_by_kind_and_paged(client: FlaskClient) -> None:
    pages = _follow(client, "/entities", "nav.pager")
    assert len(pages) > 1 and all(len(p["entities"]) <= p["pagelen"] for p in pages)
    rows = [e for p in pages for e in p["entities"]]
    assert len(rows) == pages[0]["total"] == sum(k["count"] for k in pages[0]["kinds"])
    order = [str(label) for label in EntityLabel]
    assert [order.index(e["label"]) for e in rows] == sorted(order.index(e["label"]) for e in rows)  # kind by kind
    soup = BeautifulSoup(_get(client, "/entities").get_data(as_text=True), "html.parser")
    headings = [h.get_text(strip=True) for h in soup.select("main h2")]
    assert headings and headings[0] == "Träger" and all(h in {"Träger", "Ministerien", "Behörden", "Gremien",
                                                            "Gerichte", "Orte", "Gesetze", "Daten", "Zeiträume"}
                                                       for h in headings)
    overview = {a.get_text(strip=True) for a in soup.select("nav.toc a")}
    assert any(re.fullmatch(r"Daten \(\d+\)", t) for t in overview)


def test_one_kind_is_paged_too(client: FlaskClient) -> None:
    pages = _follow(client, "/entities?label=datum", "nav.pager")
    assert {e["label"] for p in pages for e in p["entities"]} == {"DATUM"}
    assert sum(len(p["entities"]) for p in pages) == pages[0]["total"]


# --------------------------------------------------------------------------- obligations: by addressee, paged


def test_obligations_are_grouped_by_addressee_and_paged(client: FlaskClient) -> None:
    pages = _follow(client, "/obligations", "nav.pager")
    groups = [b for p in pages for b in p["bearers"]]
    assert sum(b["count"] for b in groups) == pages[0]["obligations"]
    assert len({b["url"] for b in groups}) == len(groups)  # one group per addressee
    names = {b["bearer"] for b in groups}
    assert "Leistungsberechtigte" in names and "den Leistungsberechtigten" not in names
    assert groups[-1]["bearer_id"] is None and groups[-1]["key"] is None  # nobody recognisable: last
    assert groups[-1]["url"] == "/obligations/ohne-adressat" == pages[0]["unaddressed"]["url"]
    assert groups[-1]["count"] == pages[0]["unaddressed"]["count"]


@pytest.mark.parametrize("url", ["/obligations/ohne-adressat", "/obligations/adressat/leistungsberechtigte",
                                 "/obligations/traeger/zugelassener-kommunaler-traeger"])
def test_each_addressee_lists_its_obligations_page_by_page(client: FlaskClient, url: str) -> None:
    pages = _follow(client, url, "nav.pager")
    rows = [o for p in pages for rows in p["by_modality"].values() for o in rows]
    assert len(rows) == pages[0]["total"] == sum(pages[0]["modality_counts"].values())
    assert all(o["addressee_url"] == url for o in rows)
    if "adressat/" in url:
        assert {o["addressee"] for o in rows} == {pages[0]["bearer"]} and pages[0]["entity_url"] is None
        # one addressee however the sentences inflect it: "Leistungsberechtigte", "Leistungsberechtigten"
        assert len({o["bearer"] for o in rows}) > 1
    if url.endswith("ohne-adressat"):  # each row still shows what the sentence had as its subject, if anything
        assert all(o["addressee"] is None for o in rows)


# --------------------------------------------------------------------------- messages


@pytest.mark.parametrize(("url", "words"), [
    ("/search?q=der+die+das", "Suchanfrage nicht verständlich: die Suchanfrage enthält nur Füllwörter"),
    ("/search?q=law:XYZ", "unbekanntes Gesetz „XYZ“"),
    ("/search?q=%22Landkreis", "schließende Anführungszeichen"),
    ("/entities?label=Planeten", "Unbekannte Art von Entität „Planeten“"),
    ("/obligations?page=999", "Seite 999 gibt es nicht"),
])
def test_error_messages_are_german(client: FlaskClient, url: str, words: str) -> None:
    response = client.get(url)
    assert response.status_code in (400, 404)
    shown = text_a_reader_sees(response.get_data(as_text=True), chrome_only=True)
    assert words in shown and not ENGLISH.search(shown), shown
    twin = client.get(_json_twin(url)).get_json()["error"]["message"]
    assert words in twin


def test_the_annotate_form_names_laws_it_does_not_know_in_german(client: FlaskClient) -> None:
    response = client.post("/api/annotate", data={"text": "nach § 6a", "law": "XYZ"})
    assert response.status_code == 400
    assert "unbekanntes gesetz „xyz“" in response.get_json()["error"]["message"].casefold()


# --------------------------------------------------------------------------- a corpus built from two places


def test_sources_from_two_folders_show_no_folder(tmp_path: Path) -> None:
    """Built from two folders, source paths are relative to their common parent ("work/…/corpus/…" here,
    "main/corpus/…" on the server that showed the issue): pages and twins show only the file's name."""
    from indexer.build import build
    from web import create_app

    other = tmp_path / "elsewhere" / "kommentar.txt"
    other.parent.mkdir(parents=True)
    shutil.copy(SAMPLE, other)
    (other.parent / "manifest.toml").write_text('[[work]]\nfile = "kommentar.txt"\nslug = "zweit"\n', "utf-8")
    root = tmp_path / "kb"
    assert build([SAMPLE, other], root, procs=1).ok
    client = create_app(root, TESTING=True).test_client()
    for url in ("/k/sgb-2-48b/rz-34a", "/k/sgb-2-48b/rz-34a.json", "/k.json", "/k/sgb-2-48b.json"):
        body = _get(client, url).get_data(as_text=True)
        assert "corpus/" not in body and "elsewhere" not in body and str(tmp_path) not in body, (url, body[:200])
        assert "sgb2-48b-rz33-34a.txt" in body or url == "/k.json"
