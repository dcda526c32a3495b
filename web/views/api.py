"""``POST /api/annotate``: any text in, its citations, entities and obligations out — as JSON or linked HTML."""

from __future__ import annotations

import json
import os
import re
from itertools import accumulate
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from markupsafe import Markup
from werkzeug.exceptions import RequestEntityTooLarge

from kb import links
from kb.annotation import MAX_ANNOTATE_CHARS, Annotation, make_context
from kb.citations import label
from kb.citations.label import entity_name
from kb.limits import MAX_JSON_DEPTH
from kb.model import EntityLabel
from web.annotating import RETRY_AFTER, Annotator, Busy
from web.http import absolute_url
from web.kbhandle import current_kb
from web.render import JSON_FLAG, LABEL_NAMES, WebError, error_response, link_entities, respond, wants_json

bp = Blueprint("api", __name__)


def _kb_or_none() -> Any:
    from kb.store import KnowledgeBaseMissing

    try:
        return current_kb()
    except KnowledgeBaseMissing:  # annotating works without a built knowledge base (external links only)
        return None


JSON_FIELDS = ("text", "law", "paragraph", "work", "format")  # a JSON body's fields; any other is a 400
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)  # a JSON string (or its unclosed rest)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_DEPTH = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # as signed bytes: +1 opens, -1 closes


def json_depth(raw: bytes) -> int:
    """How deep the arrays and objects of a JSON text nest, counted without parsing it (and without recursion):
    brackets inside strings do not count. Linear in the size; a body that is not JSON gets some number."""
    brackets = _STRING.sub(b"", raw).translate(_DEPTH, _NOT_BRACKETS)
    return max(accumulate(memoryview(brackets).cast("b")), default=0)


def _json_body() -> dict[str, Any]:
    """The JSON body as an object of known fields with values of the right type; a 400 naming the field (or the
    body) otherwise. Its nesting is checked before it is parsed (:data:`kb.limits.MAX_JSON_DEPTH`)."""
    raw = request.get_data(cache=True)
    if json_depth(raw) > MAX_JSON_DEPTH:
        raise WebError(400, f"Der JSON-Körper ist zu tief verschachtelt (höchstens {MAX_JSON_DEPTH} Ebenen).")
    try:
        body = json.loads(raw)
    except ValueError as err:  # also not UTF-8, or a number of more than 4300 digits
        where = f" (Zeile {err.lineno}, Spalte {err.colno})" if isinstance(err, json.JSONDecodeError) else ""
        raise WebError(400, f"Der Körper ist kein gültiges JSON{where}.") from None
    if not isinstance(body, dict):
        raise WebError(400, f'Der JSON-Körper muss ein Objekt mit dem Feld "text" sein, nicht {_kind(body)}.')
    for name in body:
        if name not in JSON_FIELDS:
            raise FieldError(400, f"Unbekanntes Feld „{name}“; erlaubt sind {', '.join(JSON_FIELDS)}.", name)
    if not isinstance(body.get("text"), str):
        raise FieldError(400, f'Das Feld "text" muss ein String sein, nicht {_kind(body.get("text"))}.', "text")
    for name in JSON_FIELDS[1:]:  # the context is looked up as text: anything else is a 400
        value = body.get(name)
        if value is not None and not isinstance(value, str):
            raise FieldError(400, f'Das Feld "{name}" muss ein String sein (oder fehlen), nicht {_kind(value)}.', name)
    return body


def _kind(value: Any) -> str:
    """What a JSON value is, in German."""
    return {bool: "ein Wahrheitswert", int: "eine Zahl", float: "eine Zahl", list: "eine Liste", dict: "ein Objekt",
            str: "ein String", type(None): "null (oder fehlend)"}.get(type(value), "kein String")


def _read_request() -> tuple[str, dict[str, str | None], str]:
    """(text, context, wanted format) from a JSON body, a form, or a plain-text body."""
    fmt = request.args.get("format")
    context: dict[str, str | None] = {k: request.args.get(k) for k in ("law", "paragraph", "work")}
    if request.is_json:
        body = _json_body()
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
        raise FieldError(400, f"format muss json oder html sein, nicht {fmt!r}.", "format")
    return text, context, fmt or ""


class FieldError(WebError):
    """A :class:`WebError` caused by one field of the request: the form marks that field, a JSON error names it
    (``"field"``)."""

    def __init__(self, status: int, message: str, field: str) -> None:
        super().__init__(status, message, field=field)
        self.field = field


def form_limit() -> int:
    """The most UTF-8 bytes the form's text may have: a form field is capped by ``MAX_FORM_MEMORY_SIZE``
    as well as the whole request by ``MAX_CONTENT_LENGTH`` (the form is sent as multipart/form-data, so the
    text travels as its own bytes, not percent-encoded; 4 KB are left for the other fields and the framing)."""
    body = current_app.config.get("MAX_CONTENT_LENGTH")
    caps = [current_app.config.get("MAX_FORM_MEMORY_SIZE"), body - 4096 if body else None]
    return min((c for c in caps if c), default=10**9)


_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _asks_for_json() -> bool:
    """``format=json`` in the query or the form (the "als JSON" button): JSON, errors too, whatever Accept says."""
    if request.args.get("format") == "json":
        return True
    try:
        return request.mimetype in _FORM_TYPES and request.form.get("format") == "json"
    except RequestEntityTooLarge:  # a refused body: it asked for nothing we could read
        return False


def _from_the_form() -> bool:
    """A browser submitting the HTML form (not a program posting a form body, nor the "als JSON" button):
    errors come back as the form with the text kept."""
    return request.mimetype in _FORM_TYPES and not wants_json() and not _asks_for_json()


def _form_page(status: int = 200, *, text: str = "", context: dict[str, str | None] | None = None,
               error: str | None = None, field: str | None = None, result: dict[str, Any] | None = None) -> Response:
    """The annotate page: the form (holding ``text`` and ``context``), an error naming a ``field``, a result."""
    html = render_template("annotate.html", data={}, text=text, context=context or {}, error=error, field=field,
                           result=result, max_bytes=form_limit(), label_names=LABEL_NAMES)
    return Response(html, status=status, mimetype="text/html")


@bp.get(links.ANNOTATE)
def annotate_form() -> Response:
    """A form for people; the JSON twin describes the endpoint for software."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    return respond("annotate.html", {
        "endpoint": links.ANNOTATE, "method": "POST", "max_bytes": limit, "max_chars": MAX_ANNOTATE_CHARS,
        "accepts": ["application/json {text, law?, paragraph?, work?, format?}",
                    "application/x-www-form-urlencoded (same fields)", "text/plain (context as query args)"],
        "returns": "JSON {context, length, citations, entities, obligations, html}; "
                   "format=html or Accept: text/html → the linked HTML fragment",
    }, text="", context={}, result=None, max_bytes=form_limit())


@bp.post(links.ANNOTATE)
def annotate_post() -> Response:
    """Annotate; a browser's form submission that fails (no text, unknown law, too large …) gets the form back
    with its text and a German message, every other client the JSON (or HTML) error as before."""
    try:
        return _annotate_post()
    except (WebError, RequestEntityTooLarge) as err:
        if not _from_the_form():
            if _asks_for_json():
                request.environ[JSON_FLAG] = True  # the error handler answers as for the .json twin
            raise
        if isinstance(err, RequestEntityTooLarge):  # the body was refused unread: there is no text to keep
            limit = f"{form_limit():,}".replace(",", ".")
            return _form_page(413, field="text", error=(
                f"Der Text ist zu groß: höchstens {limit} Bytes (etwa so viele Zeichen). Er wurde nicht "
                "angenommen; mit „Zurück“ im Browser haben Sie ihn wieder, um ihn zu kürzen."))
        context = {k: request.form.get(k) or None for k in ("law", "paragraph", "work")}
        return _form_page(err.status, text=request.form.get("text", ""), context=context, error=err.message,
                          field=getattr(err, "field", None))


def _annotator() -> Annotator:
    """This app's :class:`web.annotating.Annotator`: texts longer than ``ANNOTATE_INLINE_CHARS`` (app config, else
    ``$RANDNUMMER_ANNOTATE_INLINE_CHARS``, else :data:`web.annotating.INLINE_CHARS`) go to the helper process."""
    found = current_app.extensions.get("randnummer.annotator")
    if found is None:
        inline = current_app.config.get("ANNOTATE_INLINE_CHARS") or os.environ.get("RANDNUMMER_ANNOTATE_INLINE_CHARS")
        found = current_app.extensions.setdefault("randnummer.annotator",
                                                  Annotator() if inline is None else Annotator(int(inline)))
    return found


def _annotate_post() -> Response:
    text, context, fmt = _read_request()
    if not text.strip():
        raise FieldError(400, "Kein Text übergeben: Bitte fügen Sie einen Text ein.", "text")
    if len(text) > MAX_ANNOTATE_CHARS:
        length, limit = (f"{n:,}".replace(",", ".") for n in (len(text), MAX_ANNOTATE_CHARS))  # German digits
        raise FieldError(413, f"Der Text ist zu lang: {length} Zeichen, höchstens {limit} Zeichen werden annotiert. "
                              "Bitte kürzen oder in Teilen senden.", "text")
    kb = _kb_or_none()
    try:
        ctx = make_context(law=context["law"], paragraph=context["paragraph"], work=context["work"],
                           find_work=kb.work if kb is not None else None)
    except ValueError:
        # make_context's message is the CLI's (English); say in German which field is wrong
        work = context["work"]
        if work and kb is not None and kb.work(work) is None:
            raise FieldError(400, f"Unbekanntes Werk „{work}“; die Werke stehen unter {links.COMMENTARIES}.",
                             "work") from None
        raise FieldError(400, f"Unbekanntes Gesetz „{context['law']}“; bekannt sind z. B. „SGB II“, „SGB 2“, "
                              "„BGB“.", "law") from None
    try:
        annotation = _annotator().annotate(text, ctx)
    except Busy:  # this worker already annotates long texts: come back shortly rather than slow everyone down
        response = error_response(503, "Der Server annotiert gerade andere lange Texte; bitte in einigen Sekunden "
                                       "erneut versuchen.", title="Ausgelastet")
        response.headers["Retry-After"] = str(RETRY_AFTER)
        return response
    base_url = absolute_url("")  # the configured public origin, never the request's Host header

    def link(target: Any) -> str | None:  # citations of the knowledge base link here, absolutely
        path = kb.url_for_target(target) if kb is not None else None
        return base_url + path if path else None

    result = {**annotation.to_dict(), "html": annotation.html(link)}
    if request.form and fmt != "json":  # the form on /api/annotate: show the result on the page
        return _form_page(text=text, context=context, result=_result_view(annotation, result, kb))
    if fmt == "html" or (not fmt and not wants_json()):
        return Response(result["html"], mimetype="text/html")
    return jsonify(result)


def _result_view(annotation: Annotation, result: dict[str, Any], kb: Any) -> dict[str, Any]:
    """What the page shows of a result: the linked text, and citations, entities and obligations each linked
    into the knowledge base where it has the target (the JSON twin is ``result`` itself, unchanged)."""
    pages: dict[str, bool] = {}

    def has_page(entity_id: str) -> bool:  # an entity page (and bearer page) exists only for what the KB holds
        if entity_id not in pages:
            pages[entity_id] = kb is not None and kb.has_entity(entity_id)
        return pages[entity_id]

    citations = [{
        "text": c.text, "start": c.start, "end": c.end, "url": c.url,
        "targets": [{"key": t.key, "label": label(t), "url": kb.url_for_target(t) if kb is not None else None}
                    for t in c.targets],
    } for c in annotation.citations]
    entities: dict[str, dict[str, Any]] = {}
    for e in annotation.entities:
        row = entities.setdefault(e.id, {"id": e.id, "label": str(e.label), "canonical": e.canonical,
                                         "name": entity_name(e.label, e.canonical),
                                         "abbreviation": e.abbreviation, "forms": [], "count": 0,
                                         "url": links.entity_path(e.id) if has_page(e.id) else None})
        row["count"] += 1
        if e.text not in row["forms"]:
            row["forms"].append(e.text)
    order = list(EntityLabel)  # the kinds in the order the model declares them
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(entities.values(), key=lambda r: (order.index(r["label"]), r["canonical"].casefold())):
        groups.setdefault(row["label"], []).append(row)
    obligations = [{**o.to_dict(), "bearer_url": links.obligations_path(o.bearer_id)
                    if o.bearer_id and has_page(o.bearer_id) else None} for o in annotation.obligations]
    return {
        "length": result["length"], "context": result["context"],
        "html": Markup(link_entities(result["html"], known=has_page)),  # annotate() escaped every piece
        "citations": citations, "entity_groups": groups, "entity_count": len(entities),
        "obligations": obligations,
    }
