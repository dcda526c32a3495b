"""The production server for real: ``kb serve`` = gunicorn with 2 worker processes, spoken to over loopback.

Links never follow a client's Host header; ``--base-url`` and ``--proxy`` do what they say; the HTTP
contract (ETag / 304, CORS, security headers, no server banner, ``Vary: Accept``) holds on the wire;
every error page is German, in the site's look, without a server path; a rebuild reaches every worker.
"""

from __future__ import annotations

import http.client
import json
import re
import signal
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from email.message import Message
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.web.conftest import PUBLIC_BASE, running, sample_commentary_kb

pytestmark = pytest.mark.server

RZ34A = "/k/sgb-2-48b/rz-34a"
PUBLIC = PUBLIC_BASE.rstrip("/")
SPOOFED = {"Host": "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https",
           "X-Forwarded-Prefix": "/evil", "X-Forwarded-For": "203.0.113.9"}
ENGLISH = ("Not Found", "Method Not Allowed", "Internal Server Error", "Service Unavailable", "Bad Request",
           "The method is not allowed", "Traceback", "no knowledge base", "build one with")


def call(base: str, path: str, *, method: str = "GET", headers: Mapping[str, str] | None = None,
         body: bytes | None = None) -> tuple[int, Message, bytes]:
    """One request on a fresh connection, headers exactly as given (a ``Host`` of our choosing too)."""
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=dict(headers or {}))
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def quoted(text: str) -> str:
    return urllib.parse.quote(text, safe="/?=&")


def page_links(body: bytes) -> tuple[str, str]:
    """(the "Dauerhafter Link" text, the canonical URL) of an entry page."""
    page = BeautifulSoup(body.decode(), "html.parser")
    return page.select_one("p.permalink a").get_text(strip=True), page.select_one('link[rel="canonical"]')["href"]


def annotate(base: str, headers: Mapping[str, str] | None = None) -> dict[str, object]:
    status, _, body = call(base, "/api/annotate", method="POST", body=json.dumps(
        {"text": "Siehe § 48b Rz. 34a SGB II und § 48b Abs. 4 SGB II."}).encode(),
        headers={"Content-Type": "application/json", **(headers or {})})
    assert status == 200
    return json.loads(body)


def kb_links(html: str) -> list[str]:
    """The hrefs that point into the knowledge base (not to gesetze-im-internet.de)."""
    return [h for h in re.findall(r'href="([^"]+)"', html) if "gesetze-im-internet" not in h]


# --------------------------------------------------------------------------- links


@pytest.mark.parametrize("headers", [{}, {"Host": "evil.example"}, SPOOFED], ids=["plain", "host", "forwarded"])
def test_a_spoofed_host_changes_no_link(live_server: str, headers: dict[str, str]) -> None:
    status, _, body = call(live_server, RZ34A, headers=headers)
    assert status == 200 and b"evil" not in body
    assert page_links(body) == (live_server + RZ34A, live_server + RZ34A)
    html = str(annotate(live_server, headers)["html"])
    assert "evil" not in html
    assert kb_links(html) and all(h.startswith(live_server + "/") for h in kb_links(html))
    assert f'href="{live_server}{RZ34A}"' in html


def test_base_url_is_in_permalinks_canonical_links_and_json(base_url_server: str) -> None:
    status, _, body = call(base_url_server, RZ34A, headers={"Host": "evil.example"})
    assert status == 200 and b"evil" not in body and b"127.0.0.1" not in body
    assert page_links(body) == (PUBLIC + RZ34A, PUBLIC + RZ34A)
    html = str(annotate(base_url_server, SPOOFED)["html"])
    assert f'href="{PUBLIC}{RZ34A}"' in html
    assert kb_links(html) and all(h.startswith(PUBLIC + "/") for h in kb_links(html))
    # canonical: the HTML page with the arguments that choose what it shows, never the twin or tracking
    _, _, body = call(base_url_server, "/search?q=Zielvereinbarung&page=1&utm_source=x")
    canonical = BeautifulSoup(body.decode(), "html.parser").select_one('link[rel="canonical"]')["href"]
    assert canonical == PUBLIC + "/search?q=Zielvereinbarung"


@pytest.fixture(scope="module")
def proxy_server(built_kb: Path) -> Iterator[str]:
    with running(["--kb", str(built_kb), "--workers", "2", "--proxy"]) as server:
        yield server.base


def test_forwarded_headers_count_only_with_proxy(proxy_server: str, live_server: str) -> None:
    forwarded = {"X-Forwarded-Host": "public.example", "X-Forwarded-Proto": "https", "X-Forwarded-Prefix": "/rn"}
    _, _, body = call(proxy_server, RZ34A, headers=forwarded)
    assert page_links(body) == ("https://public.example/rn" + RZ34A,) * 2
    html = str(annotate(proxy_server, forwarded)["html"])
    assert f'href="https://public.example/rn{RZ34A}"' in html
    # what the proxy passes as Host counts behind a proxy; the same headers without --proxy count for nothing
    _, _, body = call(proxy_server, RZ34A)
    assert page_links(body) == (proxy_server + RZ34A,) * 2
    _, _, body = call(live_server, RZ34A, headers=forwarded)
    assert page_links(body) == (live_server + RZ34A,) * 2


# --------------------------------------------------------------------------- redirects keep JSON


@pytest.mark.parametrize(("path", "final"), [
    ("/k/sgb-2.json", "/g/sgb-2.json"),  # a statute asked for under /k
    ("/k/sgb-2-48b/rz-34a/.json", "/k/sgb-2-48b/rz-34a.json"),  # a trailing slash
])
def test_json_survives_redirects(live_server: str, path: str, final: str) -> None:
    status, headers, _ = call(live_server, path)
    assert status == 301 and headers["Location"].endswith(final) and "Accept" in headers["Vary"]
    with urllib.request.urlopen(live_server + path, timeout=30) as response:  # followed, as a client would
        assert urllib.parse.urlsplit(response.url).path == final
        assert response.headers["Content-Type"].startswith("application/json")
        json.loads(response.read())


# --------------------------------------------------------------------------- caching


def test_etag_and_304_for_pages_and_twins(live_server: str) -> None:
    tags = set()
    for _ in range(6):  # fresh connections: both workers answer, with the same ETag
        status, headers, body = call(live_server, RZ34A)
        assert status == 200 and body
        assert headers["Cache-Control"] == "public, max-age=60"
        tags.add(headers["ETag"])
    assert len(tags) == 1
    etag = tags.pop()
    status, headers, body = call(live_server, RZ34A, headers={"If-None-Match": etag})
    assert (status, body, headers["ETag"]) == (304, b"", etag)
    assert headers["Cache-Control"] == "public, max-age=60" and "Accept" in headers["Vary"]
    assert call(live_server, RZ34A, headers={"If-None-Match": f"W/{etag}"})[0] == 304  # weak comparison
    assert call(live_server, RZ34A, headers={"If-None-Match": '"anders"'})[0] == 200
    assert call(live_server, RZ34A, headers={"If-None-Match": "*"})[0] == 200  # "*" is not a page's ETag
    # the twin is another representation with its own ETag (by suffix and by Accept: their links differ)
    _, twin, _ = call(live_server, RZ34A + ".json")
    _, negotiated, _ = call(live_server, RZ34A, headers={"Accept": "application/json"})
    assert len({twin["ETag"], negotiated["ETag"], etag}) == 3
    assert call(live_server, RZ34A, headers={"Accept": "application/json",
                                             "If-None-Match": negotiated["ETag"]})[0] == 304
    assert call(live_server, RZ34A + ".json", headers={"If-None-Match": twin["ETag"]})[0] == 304
    assert call(live_server, RZ34A + ".json", headers={"If-None-Match": etag})[0] == 200
    status, headers, _ = call(live_server, quoted("/search?q=Zielvereinbarung"))
    assert status == 200 and headers["ETag"] not in (etag, twin["ETag"])
    # errors and POST answers are never validated
    status, headers, _ = call(live_server, "/k/sgb-2-48b/rz-35")
    assert status == 404 and headers["ETag"] is None and headers["Cache-Control"] == "no-cache"
    status, headers, _ = call(live_server, "/api/annotate", method="POST", body=b'{"text": "x"}',
                              headers={"Content-Type": "application/json", "If-None-Match": etag})
    assert status == 200 and headers["ETag"] is None


# --------------------------------------------------------------------------- CORS


def test_cors_preflight_and_grants(live_server: str) -> None:
    origin = {"Origin": "https://andere-seite.example"}
    status, headers, body = call(live_server, "/api/annotate", method="OPTIONS", headers={
        **origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert (status, body) == (204, b"")
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert {"GET", "HEAD", "OPTIONS", "POST"} <= set(headers["Access-Control-Allow-Methods"].split(", "))
    assert "content-type" in headers["Access-Control-Allow-Headers"].lower()
    assert int(headers["Access-Control-Max-Age"]) > 0
    assert headers["Access-Control-Allow-Credentials"] is None  # no cookies, no credentials, ever
    # a read-only page: preflight grants GET / HEAD / OPTIONS, no POST
    status, headers, _ = call(live_server, RZ34A + ".json", method="OPTIONS", headers={
        **origin, "Access-Control-Request-Method": "GET"})
    assert status == 204 and set(headers["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert call(live_server, "/gibt-es-nicht", method="OPTIONS", headers=origin)[0] == 404
    # the actual answers: the twin, the resolver's JSON, the annotate POST, an error
    for method, path, body in [("GET", RZ34A + ".json", None), ("GET", quoted("/cite.json?q=§ 48b Rz. 34a SGB II"),
                                                                      None),
                               ("POST", "/api/annotate", b'{"text": "\\u00a7 6a SGB II"}'),
                               ("GET", "/k/sgb-2-48b/rz-35.json", None)]:
        status, headers, _ = call(live_server, path, method=method, body=body,
                                  headers={**origin, "Content-Type": "application/json"})
        assert status in (200, 404) and headers["Access-Control-Allow-Origin"] == "*", path
        assert "ETag" in headers["Access-Control-Expose-Headers"]


# --------------------------------------------------------------------------- headers


@pytest.mark.parametrize(("method", "path", "accept", "status"), [
    ("GET", RZ34A, None, 200),
    ("GET", RZ34A + ".json", None, 200),
    ("GET", quoted("/cite?q=§ 48b Rz. 34a SGB II"), None, 302),  # the resolver's redirect
    ("GET", quoted("/cite?q=§ 48b Rz. 34a SGB II"), "application/json", 200),  # its JSON answer
    ("GET", quoted("/search?q=§ 48b Rz. 34a SGB II"), None, 302),  # a citation in the search box
    ("GET", "/gibt-es-nicht", None, 404),
    ("DELETE", RZ34A, None, 405),
    ("GET", "/static/style.css", None, 200),
])
def test_security_headers_vary_and_no_server_banner(live_server: str, method: str, path: str, accept: str | None,
                                                    status: int) -> None:
    got, headers, _ = call(live_server, path, method=method, headers={"Accept": accept} if accept else {})
    assert got == status
    csp = [d.strip() for d in headers["Content-Security-Policy"].split(";")]
    assert csp == ["default-src 'self'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
                   "object-src 'none'"]
    policy = headers["Permissions-Policy"]
    assert all(f"{feature}=()" in policy for feature in ("camera", "microphone", "geolocation", "payment", "usb"))
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "same-origin"
    assert headers["Server"] == "Randnummer"
    banner = " ".join(f"{k}: {v}" for k, v in headers.items()).lower()
    assert "gunicorn" not in banner and "werkzeug" not in banner and "python" not in banner
    if not path.startswith("/static/"):
        assert "Accept" in headers["Vary"]


# --------------------------------------------------------------------------- German error pages


@pytest.fixture(scope="module")
def empty_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("noch-nicht-gebaut")


@pytest.fixture(scope="module")
def no_kb_server(empty_root: Path) -> Iterator[str]:
    """A server whose knowledge-base folder has no build yet: every page is a 503."""
    with running(["--kb", str(empty_root), "--workers", "2"]) as server:
        yield server.base


@pytest.fixture(scope="module")
def faulty_server(built_kb: Path) -> Iterator[str]:
    """The real server whose app has one failing test-only route (tests/web/faulty_app.py)."""
    with running(["--kb", str(built_kb), "--workers", "2"], module="tests.web.faulty_app") as server:
        yield server.base


ERRORS = [  # server fixture, method, path, status, German title
    ("live_server", "GET", "/gibt-es-nicht", 404, "Nicht gefunden"),
    ("live_server", "DELETE", RZ34A, 405, "Methode nicht erlaubt"),
    ("faulty_server", "GET", "/_test/fehler", 500, "Interner Fehler"),
    ("no_kb_server", "GET", RZ34A, 503, "Wissensbasis fehlt"),
]


@pytest.mark.parametrize(("server", "method", "path", "status", "title"), ERRORS, ids=[str(e[3]) for e in ERRORS])
def test_error_pages_are_german_and_show_no_server_path(request: pytest.FixtureRequest, empty_root: Path,
                                                        built_kb: Path, server: str, method: str, path: str,
                                                        status: int, title: str) -> None:
    from tests.web.faulty_app import SECRET

    base = request.getfixturevalue(server)
    secrets = (str(empty_root), str(built_kb), SECRET, "RuntimeError", "/tmp/")
    # HTML: the site's page with its header, stylesheet and search box, in German
    got, headers, body = call(base, path, method=method, headers={"Accept": "text/html"})
    assert got == status and headers["Content-Type"].startswith("text/html")
    text = body.decode()
    page = BeautifulSoup(text, "html.parser")
    assert page.html["lang"] == "de"
    assert page.select_one("header.site a.brand") is not None and page.select_one('link[rel="stylesheet"]')
    assert page.select_one("h1").get_text(" ", strip=True) == f"{title} ({status})"
    message = page.select_one("p.message").get_text(strip=True)
    assert message and not any(e.lower() in text.lower() for e in ENGLISH)
    assert not any(s in text for s in secrets)
    # JSON: the same error in the documented shape
    got, headers, body = call(base, path, method=method, headers={"Accept": "application/json"})
    assert got == status and headers["Content-Type"].startswith("application/json")
    error = json.loads(body)["error"]
    assert (error["status"], error["title"], error["message"]) == (status, title, message)
    assert not any(s in body.decode() for s in secrets)
    if status == 405:
        assert set(headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
        assert "DELETE" in message and "GET" in message
    if status == 503:
        assert "kb build" in error["hint"]


# --------------------------------------------------------------------------- a rebuild reaches every worker


ACCESS_LINE = re.compile(r'"GET (?P<path>\S+) HTTP/1\.[01]" (?P<status>\d{3}) .* <(?P<pid>\d+)>$')


def served_by(log: Path, path: str) -> dict[str, set[str]]:
    """From the access log: status → the worker pids that answered ``path`` with it."""
    out: dict[str, set[str]] = {}
    for line in log.read_text("utf-8").splitlines():
        m = ACCESS_LINE.search(line)
        if m and m["path"] == path:
            out.setdefault(m["status"], set()).add(m["pid"])
    return out


def test_a_rebuild_reaches_both_workers_without_restart(tmp_path: Path) -> None:
    from indexer.build import build
    from tests.conftest import SAMPLE

    root = sample_commentary_kb(tmp_path)
    corpus = tmp_path / "corpus"  # where sample_commentary_kb put the source: changed and rebuilt below
    log = tmp_path / "access.log"
    rz35 = "/k/sgb-2-48b/rz-35"

    def until_both_workers(status: int) -> set[str]:
        """Ask for Rz. 35 on fresh connections until two worker pids have answered; every answer is ``status``."""
        for _ in range(400):  # bounded: two sync workers share the connections
            assert call(server.base, rz35)[0] == status
            pids = served_by(log, rz35).get(str(status), set())
            if len(pids) >= 2:
                return pids
        return served_by(log, rz35).get(str(status), set())

    with running(["--kb", str(root), "--workers", "2"], access_log=log) as server:
        old_pids = until_both_workers(404)
        assert len(old_pids) == 2
        _, before, _ = call(server.base, RZ34A)
        (corpus / "k.txt").write_text(SAMPLE.read_text(encoding="utf-8") + "\nRz. 35\nNeu kommentiert.\n",
                                      encoding="utf-8")
        assert build([corpus], root).ok
        status, after, body = call(server.base, rz35)
        assert status == 200 and "Neu kommentiert." in body.decode()
        assert until_both_workers(200) == old_pids  # the same two workers, not restarted ones
        # the ETag is keyed by the build: the old one no longer validates
        assert after["ETag"] is not None
        _, now, _ = call(server.base, RZ34A)
        assert now["ETag"] != before["ETag"]
        assert call(server.base, RZ34A, headers={"If-None-Match": before["ETag"]})[0] == 200


def test_hup_reloads_gracefully(built_kb: Path, tmp_path: Path) -> None:
    """``kill -HUP`` replaces both workers; every request meanwhile is answered."""
    log = tmp_path / "access.log"
    with running(["--kb", str(built_kb), "--workers", "2"], access_log=log) as server:
        def pids_until(count: int, exclude: set[str]) -> set[str]:
            for _ in range(400):  # bounded: workers share the connections
                assert call(server.base, RZ34A)[0] == 200
                pids = served_by(log, RZ34A).get("200", set()) - exclude
                if len(pids) >= count:
                    return pids
            return served_by(log, RZ34A).get("200", set()) - exclude

        old = pids_until(2, set())
        assert len(old) == 2
        server.proc.send_signal(signal.SIGHUP)
        new = pids_until(2, old)
        assert len(new) == 2 and server.proc.poll() is None


# --------------------------------------------------------------------------- werkzeug, only behind --dev


def test_dev_server_has_the_same_contract_without_a_banner(built_kb: Path) -> None:
    with running(["--kb", str(built_kb), "--dev"]) as server:
        status, headers, body = call(server.base, RZ34A, headers={"Host": "evil.example"})
        assert status == 200 and headers["Server"] == "Randnummer"
        assert page_links(body) == (server.base + RZ34A,) * 2
        assert headers["ETag"] and call(server.base, RZ34A, headers={"If-None-Match": headers["ETag"]})[0] == 304
        status, headers, _ = call(server.base, RZ34A, method="DELETE")
        assert status == 405 and headers["Server"] == "Randnummer" and "Werkzeug" not in str(headers)
