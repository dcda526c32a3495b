"""The HTTP contract around every view: absolute links, security headers, CORS, ETag / 304 and caching.

* **Absolute links** (:func:`absolute_url`) start from the configured public base URL
  (``BASE_URL``, ``kb serve --base-url`` / ``$RANDNUMMER_BASE_URL``); behind a trusted proxy
  (``TRUST_PROXY``, ``kb serve --proxy``) from what the proxy forwarded; otherwise from the address
  the server listens on (``LISTEN_URL``). Never from a client's raw ``Host`` header.
* **Headers** on every answer: a strict Content-Security-Policy, Permissions-Policy, nosniff,
  Referrer-Policy; ``Vary: Accept`` (every view negotiates HTML / JSON); CORS for any origin without
  credentials (the read API and the annotate POST; preflights answered 204).
* **Conditional GET**: a page's ETag is a digest of (app code, build id, link origin, representation,
  path, query). The same key means the same bytes, so a matching ``If-None-Match`` is answered 304
  before the view runs, and rendered pages are kept in a small per-worker cache of the current build.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from flask import Flask, Response, current_app, g, request
from flask.globals import request_ctx

from web.render import JSON_FLAG, wants_json

CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
# Powerful features a reference site never needs; clipboard-write stays allowed for the copy buttons.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
    "microphone", "midi", "payment", "usb", "browsing-topics"))
# Pages change only when a build is published: caches may reuse them for a minute, then revalidate
# with If-None-Match (a cheap 304). A rebuild shows within CACHE_MAX_AGE seconds at the latest.
DEFAULT_CACHE_MAX_AGE = 60
DEFAULT_PAGE_CACHE_BYTES = 32 * 1024 * 1024  # rendered pages per worker, for the current build only
# What the page cache keeps: pages, and the resolver's and search box's redirects (as deterministic per build).
# Only 200s get the ETag: a client revalidates pages, not redirects.
CACHED_STATUSES = (200, 301, 302, 308)
CORS_ALLOW_HEADERS = "Accept, Content-Type, If-None-Match"
CORS_MAX_AGE = "86400"
# Query arguments that do not change what a page shows: left out of its canonical URL.
_VOLATILE_ARGS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def _code_token() -> str:
    """A digest of the code that renders pages (web/ and kb/), so that a deploy changes every ETag."""
    digest = hashlib.sha1()
    root = Path(__file__).resolve().parent.parent
    for package in ("web", "kb"):
        for path in sorted((root / package).rglob("*")):
            if path.suffix in (".py", ".html") and path.is_file():
                st = path.stat()
                digest.update(f"{path.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


CODE_TOKEN = _code_token()


# --------------------------------------------------------------------------- absolute links


def check_base_url(url: str) -> str:
    """``url`` as the public base of every absolute link (``https://example.org`` or with a path
    prefix), without a trailing slash; ``ValueError`` saying what is wrong otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"base URL must start with http:// or https:// and name a host, not {url!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"base URL must not have a query or fragment: {url!r}")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def site_origin() -> str:
    """Where absolute links start: ``scheme://host[:port][/prefix]``, no trailing slash."""
    config = current_app.config
    if config.get("BASE_URL"):
        return str(config["BASE_URL"])
    if config.get("TRUST_PROXY"):  # ProxyFix has put the forwarded scheme, host and prefix in place
        return request.url_root.rstrip("/")
    if config.get("LISTEN_URL"):
        return str(config["LISTEN_URL"])
    # under another WSGI server: the address it says it listens on (SERVER_NAME), not the Host header
    env = request.environ
    scheme, name, port = env.get("wsgi.url_scheme", "http"), env.get("SERVER_NAME", "localhost"), env.get(
        "SERVER_PORT", "")
    default = {"http": "80", "https": "443"}.get(scheme)
    return f"{scheme}://{name}" + (f":{port}" if port and port != default else "")


def absolute_url(path: str) -> str:
    """The absolute URL of a site path (``/k/sgb-2-48b/rz-34a`` → ``https://…/k/sgb-2-48b/rz-34a``)."""
    return site_origin() + path


def canonical_url() -> str:
    """The page's canonical address: its HTML path (never the ``.json`` twin) with the arguments that
    choose what it shows, in a stable order; tracking arguments and ``page=1`` left out."""
    args = sorted((k, v) for k, v in request.args.items(multi=True)
                  if not k.startswith(_VOLATILE_ARGS) and not (k == "page" and v == "1"))
    return absolute_url(request.path + (f"?{urlencode(args)}" if args else ""))


# --------------------------------------------------------------------------- ETag and the page cache


class PageCache:
    """Finished answers (pages, redirects) of one build, by ETag; least recently used go first past
    ``max_bytes``. Thread-safe (gthread workers). Switching to another build empties it: its keys can
    never match again."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, tuple[str, list[tuple[str, str]], bytes]] = OrderedDict()
        self._size = 0
        self._build: str | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> tuple[str, list[tuple[str, str]], bytes] | None:
        """(status line, headers, body) as they were sent, or None."""
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, build: str, key: str, response: Response) -> None:
        body = response.get_data()
        if len(body) > self.max_bytes // 8:  # one huge page must not evict everything else
            return
        with self._lock:
            if build != self._build:
                self._items.clear()
                self._size, self._build = 0, build
            if key in self._items:
                return
            self._items[key] = (response.status, list(response.headers.items()), body)
            self._size += len(body)
            while self._size > self.max_bytes and self._items:
                _, (_, _, old) = self._items.popitem(last=False)
                self._size -= len(old)


class CachedPages:
    """WSGI middleware: a request whose answer is in the :class:`PageCache` (or a 304 for it) is answered
    before Flask dispatches it. The key is :func:`page_etag`'s, computed in a request context exactly as
    the view's own answer was stored under it."""

    def __init__(self, app: Flask, wsgi_app: Any, cache: PageCache) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        self.cache = cache

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD") or not len(self.cache):
            return self.wsgi_app(environ, start_response)
        with self.app.request_context(environ):
            etag = page_etag()
            fresh = etag is not None and _not_modified(etag)
        item = self.cache.get(etag) if etag is not None else None
        if item is None:
            return self.wsgi_app(environ, start_response)
        status, headers, body = item
        if fresh and status.startswith("200"):
            start_response("304 NOT MODIFIED", [(k, v) for k, v in headers if k not in ("Content-Type",
                                                                                         "Content-Length")])
            return []
        start_response(status, headers)
        return [body] if method == "GET" else []


def _build_id() -> str | None:
    """The id of the build being served, or None without a knowledge base (the view then answers 503)."""
    from kb.store import KnowledgeBaseMissing
    from web.kbhandle import current_kb

    try:
        return current_kb().path.name
    except KnowledgeBaseMissing:
        return None


def page_etag() -> str | None:
    """The ETag the current GET/HEAD request's 200 answer has, or None when it is not cacheable."""
    if request.method not in ("GET", "HEAD") or request.endpoint in (None, "static"):
        return None
    if request.routing_exception is not None:
        return None
    build = _build_id()
    if build is None:
        return None
    g.build_id = build
    # a .json twin's links and redirects keep the suffix, a negotiated one's do not: three representations
    representation = ("json-suffix" if request.environ.get(JSON_FLAG) else "json") if wants_json() else "html"
    key = "\0".join((CODE_TOKEN, build, site_origin(), representation, request.path,
                     request.query_string.decode("latin-1")))
    return hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()


# --------------------------------------------------------------------------- hooks


def _preflight() -> Response | None:
    """OPTIONS on an existing route: 204 with Allow and the CORS grant (any origin, no credentials)."""
    if request.routing_exception is not None:
        return None  # unknown path: the 404 handler answers
    methods = sorted(set(request_ctx.url_adapter.allowed_methods()) | {"OPTIONS"})  # type: ignore[union-attr]
    response = Response(status=204)
    response.headers["Allow"] = ", ".join(methods)
    response.headers["Access-Control-Allow-Methods"] = ", ".join(methods)
    response.headers["Access-Control-Allow-Headers"] = CORS_ALLOW_HEADERS
    response.headers["Access-Control-Max-Age"] = CORS_MAX_AGE
    return response


def _not_modified(etag: str) -> bool:
    wanted = request.if_none_match
    return not wanted.star_tag and wanted.contains_weak(etag)  # "*" would match pages that are 404s


def _before() -> Response | None:
    if request.method == "OPTIONS":
        return _preflight()
    etag = page_etag()
    if etag is None:
        return None
    g.etag = etag
    return Response(status=304) if _not_modified(etag) else None


def _after(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)  # a view may only ever set a stricter one
    headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    if request.endpoint == "static":
        return response
    # CORS: the read API, every JSON twin and the annotate POST, for any origin and without credentials
    headers["Access-Control-Allow-Origin"] = "*"
    headers["Access-Control-Expose-Headers"] = "ETag"
    response.vary.add("Accept")  # every view answers HTML or JSON by Accept
    etag = g.get("etag")
    status = response.status_code
    if etag is not None and status in (200, 304):  # redirects are not validated by clients
        response.set_etag(etag)
        headers["Cache-Control"] = f"public, max-age={int(current_app.config['CACHE_MAX_AGE'])}"
    elif status >= 400:
        headers["Cache-Control"] = "no-cache"  # a build may turn a 404 or 503 into a page any time
    cache: PageCache | None = current_app.extensions.get("randnummer.pages")
    if etag is not None and cache is not None and status in CACHED_STATUSES and not response.direct_passthrough:
        cache.put(g.build_id, etag, response)  # finished: CachedPages sends it as it is
    return response


def register_http(app: Flask) -> None:
    """Install the hooks, the page cache and the link helpers the templates use.

    Call it after the blueprints and before other app-wide ``after_request`` hooks: what the page cache
    keeps is the answer as this hook leaves it (Flask runs later-registered hooks first)."""
    app.config.setdefault("CACHE_MAX_AGE", DEFAULT_CACHE_MAX_AGE)
    app.config.setdefault("PAGE_CACHE_BYTES", DEFAULT_PAGE_CACHE_BYTES)
    if app.config.get("BASE_URL") is None and os.environ.get("RANDNUMMER_BASE_URL"):
        app.config["BASE_URL"] = os.environ["RANDNUMMER_BASE_URL"]
    if app.config.get("BASE_URL"):
        app.config["BASE_URL"] = check_base_url(str(app.config["BASE_URL"]))
    size = int(app.config["PAGE_CACHE_BYTES"])
    if size > 0:
        cache = app.extensions["randnummer.pages"] = PageCache(size)
        app.wsgi_app = CachedPages(app, app.wsgi_app, cache)  # type: ignore[method-assign]
    app.before_request(_before)
    app.after_request(_after)
    app.jinja_env.globals.update(absolute_url=absolute_url, canonical_url=canonical_url)


def proxied(app: Any, hops: int) -> Any:
    """The WSGI app honouring ``X-Forwarded-For/-Proto/-Host/-Port/-Prefix`` from ``hops`` proxies."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    return ProxyFix(app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops)


__all__ = ["absolute_url", "canonical_url", "check_base_url", "register_http", "site_origin"]
