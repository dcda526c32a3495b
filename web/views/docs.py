"""``/openapi.json`` (the OpenAPI 3.1 description of every JSON endpoint) and ``/api/docs`` (the same, for people)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from kb import links
from web.openapi import document
from web.render import respond

bp = Blueprint("docs", __name__)


# JsonSuffix strips ".json" before routing, so /openapi.json arrives here as /openapi; the route answers
# JSON either way (there is no HTML page under this name: /api/docs is the page).
@bp.get(links.OPENAPI.removesuffix(".json"))
def openapi() -> Response:
    return jsonify(document())


@bp.get(links.API_DOCS)
def api_docs() -> Response:
    """The document rendered server-side (no script, no third-party assets); its JSON twin is the document."""
    return respond("api_docs.html", document(), schema_url=links.OPENAPI)
