"""``POST /api/annotate``: any text in, its citations, entities and obligations out — as JSON or linked HTML."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from markupsafe import Markup

from kb import links
from kb.annotation import annotate, make_context
from web.http import absolute_url
from web.kbhandle import current_kb
from web.render import WebError, respond, wants_json

bp = Blueprint("api", __name__)


def _kb_or_none() -> Any:
    from kb.store import KnowledgeBaseMissing

    try:
        return current_kb()
    except KnowledgeBaseMissing:  # annotating works without a built knowledge base (external links only)
        return None


def _read_request() -> tuple[str, dict[str, str | None], str]:
    """(text, context, wanted format) from a JSON body, a form, or a plain-text body."""
    fmt = request.args.get("format")
    context: dict[str, str | None] = {k: request.args.get(k) for k in ("law", "paragraph", "work")}
    if request.is_json:
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            raise WebError(400, 'JSON-Körper muss ein Objekt mit dem Feld "text" (String) sein.')
        text = body["text"]
        context = {k: body.get(k) or context[k] for k in context}
        fmt = body.get("format") or fmt
    elif request.form:
        text = request.form.get("text", "")
        context = {k: request.form.get(k) or context[k] for k in context}
        fmt = request.form.get("format") or fmt
    else:
        raw = request.get_data(cache=False)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise WebError(400, f"Text ist kein gültiges UTF-8 (Byte {err.start}).") from None
    if fmt not in (None, "", "json", "html"):
        raise WebError(400, f"format muss json oder html sein, nicht {fmt!r}.")
    return text, context, fmt or ""


@bp.get(links.ANNOTATE)
def annotate_form() -> Response:
    """A form for people; the JSON twin describes the endpoint for software."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    return respond("annotate.html", {
        "endpoint": links.ANNOTATE, "method": "POST", "max_bytes": limit,
        "accepts": ["application/json {text, law?, paragraph?, work?, format?}",
                    "application/x-www-form-urlencoded (same fields)", "text/plain (context as query args)"],
        "returns": "JSON {context, length, citations, entities, obligations, html}; "
                   "format=html or Accept: text/html → the linked HTML fragment",
    }, text="", result=None)


@bp.post(links.ANNOTATE)
def annotate_post() -> Response:
    text, context, fmt = _read_request()
    if not text.strip():
        raise WebError(400, "Kein Text übergeben.")
    kb = _kb_or_none()
    try:
        ctx = make_context(law=context["law"], paragraph=context["paragraph"], work=context["work"],
                           find_work=kb.work if kb is not None else None)
    except ValueError as err:
        raise WebError(400, str(err)) from None
    annotation = annotate(text, ctx)
    base_url = absolute_url("")  # the configured public origin, never the request's Host header

    def link(target: Any) -> str | None:  # citations of the knowledge base link here, absolutely
        path = kb.url_for_target(target) if kb is not None else None
        return base_url + path if path else None

    result = {**annotation.to_dict(), "html": annotation.html(link)}
    if request.form and fmt != "json":  # the form on /api/annotate: show the result on the page
        return Response(render_template("annotate.html", data={}, text=text, result=result,
                                        html=Markup(result["html"]), context=context), mimetype="text/html")
    if fmt == "html" or (not fmt and not wants_json()):
        return Response(result["html"], mimetype="text/html")
    return jsonify(result)
