"""Every page of the bundled corpus, crawled: every link is a link (no ``<a>`` without href), every internal link
answers (following redirects), and every anchor it names is on the page it leads to."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from kb import links
from kb.model import WorkKind
from kb.store import KnowledgeBase


def corpus_pages(kb: KnowledgeBase) -> Iterator[str]:
    """The site's own pages: lists, every work (statute, commentary, decision) and every entry (§, Rz., Rn.)."""
    yield from ("/", links.SEARCH + "?q=Zielvereinbarung", links.COMMENTARIES, links.STATUTES, links.DECISIONS,
                links.CITES + "?target=" + "§ 6a SGB II", links.ENTITIES, links.OBLIGATIONS, links.ANNOTATE)
    for work in kb.works():
        yield links.work_url(work)
        for entry in kb.entries(work.slug):
            yield links.entry_path(entry)


class Crawler:
    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.status: dict[str, int] = {}  # path (+ query) → final status after redirects
        self.ids: dict[str, set[str]] = {}  # path → the ids on the page it ends at

    def final(self, url: str) -> tuple[str, int]:
        """Follow redirects (at most 5) to where ``url`` ends; its path and status."""
        for _ in range(5):
            response = self.client.get(url)
            if response.status_code not in (301, 302, 308):
                return url, response.status_code
            url = urljoin(url, response.headers["Location"]).split("#", 1)[0]
        return url, 310

    def check(self, url: str) -> int:
        if url not in self.status:
            end, status = self.final(url)
            self.status[url] = status
            if status == 200 and end not in self.ids and not urlsplit(end).path.endswith(".json"):
                self.ids[end] = self.page_ids(end)
            self.ids.setdefault(url, self.ids.get(end, set()))
        return self.status[url]

    def page_ids(self, url: str) -> set[str]:
        soup = BeautifulSoup(self.client.get(url).get_data(as_text=True), "lxml")
        return {tag["id"] for tag in soup.find_all(id=True)}


def test_no_hrefless_link_and_no_internal_link_to_nothing(client: FlaskClient, corpus_kb: KnowledgeBase) -> None:
    crawler = Crawler(client)
    pages = list(dict.fromkeys(corpus_pages(corpus_kb)))
    assert sum(1 for w in corpus_kb.works() if w.kind == WorkKind.STATUTE) == 3 and len(pages) > 2600
    hrefless: list[str] = []
    broken: list[str] = []
    anchors = 0
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        soup = BeautifulSoup(response.get_data(as_text=True), "lxml")
        crawler.ids[url] = {tag["id"] for tag in soup.find_all(id=True)}
        crawler.status[url] = 200
        for a in soup.find_all("a"):
            href = a.get("href")
            if not href or not href.strip():
                hrefless.append(f"{url}: {str(a)[:120]}")
                continue
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.scheme in ("http", "https") and parts.netloc != "localhost":
                continue  # the official text, outside this site
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            where = path if parts.path else url
            if crawler.check(where) != 200:
                broken.append(f"{url}: {href} → {crawler.status[where]}")
            elif parts.fragment:
                anchors += 1
                if unquote(parts.fragment) not in crawler.ids.get(where, set()):
                    broken.append(f"{url}: {href} → no #{parts.fragment} there")
    assert hrefless == [], hrefless[:20]
    assert broken == [], broken[:20]
    assert anchors > 4000  # deep links (#abs-1-nr-4, outline units, Randnummern) were checked, not skipped
