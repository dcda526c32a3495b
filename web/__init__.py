"""Randnummer's web app: Flask app factory and blueprints.

Every page has a JSON twin, reachable with a ``.json`` suffix on the path or with
``Accept: application/json``. Usable as ``flask --app web run``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from kb.limits import MAX_BODY_BYTES, SEARCH_TIME_BUDGET
from web.http import proxied, register_http
from web.kbhandle import KBHandle
from web.render import JsonSuffix, register_error_handlers, register_template_helpers

DEFAULT_MAX_CONTENT_LENGTH = MAX_BODY_BYTES  # any larger request body gets 413 (kb.limits)


def create_app(kb_root: Path | str | None = None, **config: Any) -> Flask:
    """Build the app reading the knowledge base at ``kb_root`` (default: ``kb.store.default_root()``).

    The knowledge base is opened lazily, once per app, and refreshed per request so that a
    rebuild (an atomic switch of its ``current`` pointer) is picked up without a restart.

    Serving settings (see :mod:`web.http`): ``BASE_URL`` (public base of absolute links; default
    ``$RANDNUMMER_BASE_URL``), ``TRUST_PROXY`` (number of proxies whose ``X-Forwarded-*`` headers count;
    0: none), ``LISTEN_URL`` (``http://host:port`` the server listens on), ``CACHE_MAX_AGE`` (seconds),
    ``PAGE_CACHE_BYTES`` (rendered pages kept per process; 0: none). ``SEARCH_TIME_BUDGET``: seconds one search
    may take (:mod:`kb.limits`; None: no limit).
    """
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=DEFAULT_MAX_CONTENT_LENGTH,
        SEARCH_PAGELEN=10,
        SEARCH_TIME_BUDGET=SEARCH_TIME_BUDGET,  # seconds per search, then "zu aufwendig" (None: no limit)
    )
    app.config.update(config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # German text stays readable
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keys keep their documented order

    if kb_root is None:
        from kb.store import default_root

        kb_root = default_root()
    app.extensions["randnummer"] = KBHandle(Path(kb_root))

    from web.views import api, decisions, docs, entities, entries, obligations, resolver, search, statute

    for module in (search, entries, decisions, statute, resolver, entities, obligations, api, docs):
        app.register_blueprint(module.bp)

    register_http(app)  # security headers, CORS, ETag / 304, absolute links (web/http.py)
    register_error_handlers(app)
    register_template_helpers(app)
    app.wsgi_app = JsonSuffix(app.wsgi_app)  # type: ignore[method-assign]
    if app.config.get("TRUST_PROXY"):  # X-Forwarded-* only from a proxy the operator vouches for
        app.wsgi_app = proxied(app.wsgi_app, int(app.config["TRUST_PROXY"]))  # type: ignore[method-assign]
    return app


__all__ = ["create_app"]
