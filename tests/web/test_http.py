"""The HTTP contract through the test client: link origins, canonical URLs, the page cache, the KB pointer check,
and the server options — the parts the real-server tests (test_production.py) cannot reach cheaply."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask import Flask, Response

from web import create_app
from web.http import PageCache, check_base_url
from web.kbhandle import KBHandle
from web.server import ServeOptions

RZ34A = "/k/sgb-2-48b/rz-34a"


def links(app: Flask, path: str = RZ34A, **headers: str) -> tuple[str, str]:
    """(the permalink text, the canonical href) of a page."""
    response = app.test_client().get(path, headers=headers)
    assert response.status_code == 200
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    permalink = page.select_one("p.permalink a")
    return (permalink.get_text(strip=True) if permalink else ""), page.select_one('link[rel="canonical"]')["href"]


def test_links_start_from_base_url_then_listen_url_then_the_servers_own_name(built_kb: Path) -> None:
    spoof = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    app = create_app(built_kb, BASE_URL="https://rn.example/pfad/")
    assert links(app, **spoof) == ("https://rn.example/pfad" + RZ34A,) * 2
    app = create_app(built_kb, LISTEN_URL="http://10.0.0.5:8000")
    assert links(app, **spoof) == ("http://10.0.0.5:8000" + RZ34A,) * 2
    app = create_app(built_kb)  # another WSGI server: its SERVER_NAME, not the Host header
    assert links(app, **spoof) == ("http://localhost" + RZ34A,) * 2


def test_the_base_url_comes_from_the_environment_too(built_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RANDNUMMER_BASE_URL", "https://aus-der-umgebung.example")
    assert links(create_app(built_kb))[0] == "https://aus-der-umgebung.example" + RZ34A
    assert links(create_app(built_kb, BASE_URL="https://flag.example"))[0] == "https://flag.example" + RZ34A


def test_forwarded_headers_only_with_trust_proxy(built_kb: Path) -> None:
    forwarded = {"X-Forwarded-Host": "oeffentlich.example", "X-Forwarded-Proto": "https"}
    assert links(create_app(built_kb, TRUST_PROXY=1), **forwarded)[0] == "https://oeffentlich.example" + RZ34A
    assert links(create_app(built_kb, TRUST_PROXY=0), **forwarded)[0] == "http://localhost" + RZ34A


@pytest.mark.parametrize(("url", "ok"), [
    ("https://rn.example", "https://rn.example"), ("http://rn.example:8080/", "http://rn.example:8080"),
    ("https://rn.example/unter/", "https://rn.example/unter"),
    ("rn.example", None), ("ftp://rn.example", None), ("https://", None), ("https://rn.example/?a=1", None),
    ("https://rn.example/#x", None),
])
def test_check_base_url(url: str, ok: str | None) -> None:
    if ok is None:
        with pytest.raises(ValueError, match="base URL"):
            check_base_url(url)
    else:
        assert check_base_url(url) == ok


def test_canonical_urls(built_kb: Path) -> None:
    app = create_app(built_kb, BASE_URL="https://rn.example")
    canonical = links(app, "/search?utm_source=feed&q=Zielvereinbarung&page=1")[1]
    assert canonical == "https://rn.example/search?q=Zielvereinbarung"
    assert links(app, "/search?q=Zielvereinbarung&page=2")[1] == "https://rn.example/search?page=2&q=Zielvereinbarung"
    assert links(app, "/entities?label=ORT")[1] == "https://rn.example/entities?label=ORT"
    # an error page has no canonical address
    body = app.test_client().get("/gibt-es-nicht").get_data(as_text=True)
    assert 'rel="canonical"' not in body


def test_head_and_conditional_get_through_the_test_client(built_kb: Path) -> None:
    client = create_app(built_kb).test_client()
    get = client.get(RZ34A)
    head = client.head(RZ34A)
    assert head.status_code == 200 and head.data == b"" and head.headers["ETag"] == get.headers["ETag"]
    assert client.get(RZ34A, headers={"If-None-Match": get.headers["ETag"]}).status_code == 304


def test_cached_and_rendered_pages_are_the_same_bytes(built_kb: Path) -> None:
    cached = create_app(built_kb).test_client()
    rendered = create_app(built_kb, PAGE_CACHE_BYTES=0).test_client()
    for path in (RZ34A, RZ34A + ".json", "/search?q=Zielvereinbarung", "/cite?q=%C2%A7%2048b%20Rz.%2034a%20SGB%20II"):
        first, second, fresh = cached.get(path), cached.get(path), rendered.get(path)
        assert first.data == second.data == fresh.data, path
        assert first.status_code == second.status_code == fresh.status_code
        assert dict(first.headers) == dict(second.headers) == dict(fresh.headers)
    assert "ETag" not in fresh.headers and fresh.status_code == 302  # a redirect: cached, never validated


def test_suffix_and_negotiated_twins_are_cached_apart(built_kb: Path) -> None:
    """A .json twin's redirects and paging links keep the suffix, a negotiated twin's do not."""
    client = create_app(built_kb, SEARCH_PAGELEN=2).test_client()
    json = {"Accept": "application/json"}
    for _ in range(2):  # the second round is answered from the cache
        assert client.get("/k/sgb-2", headers=json).headers["Location"] == "/g/sgb-2"
        assert client.get("/k/sgb-2.json").headers["Location"] == "/g/sgb-2.json"
        assert client.get("/k/sgb-2").headers["Location"] == "/g/sgb-2"
        negotiated = client.get("/search?q=Zielvereinbarung", headers=json).get_json()["next"]
        suffixed = client.get("/search.json?q=Zielvereinbarung").get_json()["next"]
        assert (negotiated, suffixed) == ("/search?q=Zielvereinbarung&page=2", "/search.json?q=Zielvereinbarung&page=2")


def _page(body: bytes) -> Response:
    return Response(body, status=200, mimetype="text/plain")


def test_page_cache_evicts_the_least_recently_used_and_forgets_an_old_build() -> None:
    cache = PageCache(max_bytes=800)
    for key in "abcd":
        cache.put("build-1", key, _page(key.encode() * 100))
    assert cache.get("a") is not None  # a is now the most recently used
    cache.put("build-1", "e", _page(b"e" * 100))
    assert cache.get("b") is not None and cache.get("a") is not None
    for key in "fghij":
        cache.put("build-1", key, _page(key.encode() * 100))
    assert cache.get("c") is None  # evicted: at most 800 bytes are kept
    assert sum(cache.get(k) is not None for k in "abcdefghij") == 8
    cache.put("build-1", "huge", _page(b"x" * 101))  # more than an eighth of the cache: not kept
    assert cache.get("huge") is None
    cache.put("build-2", "k", _page(b"k"))
    assert cache.get("j") is None
    assert cache.get("k") == ("200 OK", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", "1")], b"k")


def test_the_knowledge_base_is_refreshed_only_when_current_moves(built_kb: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from kb.store import KnowledgeBase

    build = (built_kb / "current").resolve()
    (tmp_path / "current").symlink_to(build)  # another root whose pointer names the same build
    calls: list[Path] = []
    original = KnowledgeBase.refresh

    def counting(self: KnowledgeBase) -> bool:
        calls.append(self.path)
        return original(self)

    monkeypatch.setattr(KnowledgeBase, "refresh", counting)
    handle = KBHandle(tmp_path)
    kb = handle.get()
    assert handle.get() is kb and handle.get() is kb and calls == []  # one readlink each, no reopening
    moved = tmp_path / ".current.tmp"
    moved.symlink_to(os.path.relpath(build, tmp_path))  # the same build, spelled differently: the link moved
    moved.replace(tmp_path / "current")
    assert handle.get() is kb and len(calls) == 1
    assert handle.get() is kb and len(calls) == 1
    kb.close()


@pytest.mark.parametrize(("host", "url"), [
    ("127.0.0.1", "http://127.0.0.1:5000"), ("::1", "http://[::1]:5000"), ("rn.example", "http://rn.example:5000"),
])
def test_listen_url(host: str, url: str) -> None:
    assert ServeOptions(host=host).listen_url == url


def test_listening_on_all_interfaces_names_this_machine() -> None:
    import socket

    assert ServeOptions(host="0.0.0.0", port=80).listen_url == f"http://{socket.getfqdn()}:80"


def test_serve_options_configure_the_app_and_gunicorn(built_kb: Path) -> None:
    from web.server import GunicornServer, app_factory

    options = ServeOptions(port=5077, workers=3, threads=4, timeout=20, access_log="-", base_url="https://rn.example",
                           proxy=2, page_cache_mb=0)
    app = app_factory(built_kb, options)()
    assert (app.config["BASE_URL"], app.config["TRUST_PROXY"], app.config["LISTEN_URL"]) == (
        "https://rn.example", 2, "http://127.0.0.1:5077")
    assert "randnummer.pages" not in app.extensions
    settings = GunicornServer(lambda: app, options).settings()
    assert settings["bind"] == ["127.0.0.1:5077"] and settings["workers"] == 3 and settings["threads"] == 4
    assert settings["worker_class"] == "gthread" and settings["timeout"] == 20 and settings["accesslog"] == "-"
    # gunicorn's own X-Forwarded-* handling is off: the app's ProxyFix, with --proxy, is the only one
    assert settings["forwarded_allow_ips"] == "" and settings["secure_scheme_headers"] == {}
