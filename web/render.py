"""Content negotiation, JSON twins, error pages and the entry-text renderer shared by the blueprints."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from html import unescape as html_unescape
from typing import TYPE_CHECKING, Any

from flask import Flask, Response, jsonify, redirect, render_template, request
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from kb import laws, links
from kb.citations.label import date_label, norm_label
from kb.citations.label import label as target_label
from kb.model import (
    ENTITY_LABEL_NAMES,
    Block,
    BlockKind,
    DecisionTarget,
    Entity,
    Entry,
    NormTarget,
    RzTarget,
    target_from_dict,
)

if TYPE_CHECKING:
    from kb.store import KnowledgeBase

JSON_FLAG = "randnummer.json"


# --------------------------------------------------------------------------- JSON twins


class JsonSuffix:
    """WSGI middleware: ``/k/sgb-2-48b/rz-34a.json`` is served by the ``/k/sgb-2-48b/rz-34a`` view as JSON.

    Stripping the suffix before routing gives every page its twin without a second route.
    """

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        path: str = environ.get("PATH_INFO", "")
        if path.endswith(".json") and len(path) > len(".json"):
            environ["PATH_INFO"] = path[: -len(".json")] or "/"
            environ[JSON_FLAG] = True
        return self.app(environ, start_response)


def wants_json() -> bool:
    if request.environ.get(JSON_FLAG):
        return True
    accept = request.accept_mimetypes
    if request.path.startswith(links.API + "/"):  # the API answers JSON unless HTML is asked for explicitly
        return accept.best_match(["application/json", "text/html"]) != "text/html"
    return accept.best_match(["text/html", "application/json"]) == "application/json" and (
        accept["application/json"] > accept["text/html"]
    )


def json_url() -> str:
    """The JSON twin of the current page."""
    path = request.path if request.path != "/" else links.SEARCH
    query = request.query_string.decode("latin-1")
    return f"{path}.json" + (f"?{query}" if query else "")


def redirect_to(location: str, code: int = 302) -> Response:
    """A redirect that keeps the representation: from a ``.json`` twin it points at the target's ``.json``
    twin (before ``?`` and ``#``), so a JSON client that follows it gets JSON, not the HTML page."""
    if request.environ.get(JSON_FLAG):
        path, sep, rest = location.partition("#")
        path, qsep, query = path.partition("?")
        if not path.endswith(".json") and path.startswith("/"):
            path = (path if path != "/" else links.SEARCH) + ".json"
        location = path + qsep + query + sep + rest
    response = redirect(location, code=code)
    target = escape(location)  # werkzeug's body is English ("Redirecting..."); a browser rarely shows it
    response.set_data(f'<!doctype html>\n<html lang="de"><title>Weiterleitung</title>\n'
                      f'<p>Weiter zu <a href="{target}">{target}</a>.</p></html>\n')
    response.vary.add("Accept")
    return response  # type: ignore[return-value]


def respond(template: str, payload: Mapping[str, Any], status: int = 200, **context: Any) -> Response:
    """Render ``template`` with ``data=payload`` — or the payload itself as JSON for the twin."""
    if wants_json():
        response = jsonify(payload)
    else:
        response = Response(render_template(template, data=payload, **context), mimetype="text/html")
    response.status_code = status
    response.vary.add("Accept")
    return response


# --------------------------------------------------------------------------- errors


class WebError(Exception):
    """An expected failure with a message for the user (404 unknown citation, 400 bad query …)."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.extra = extra


# The German names of the entity kinds (spelled once, kb.model.ENTITY_LABEL_NAMES) by code: plural for lists,
# facets and headings ("Orte"), singular for one entity's badge ("Ort").
LABEL_NAMES = {str(code): plural for code, (_, plural) in ENTITY_LABEL_NAMES.items()}
LABEL_NAME = {str(code): singular for code, (singular, _) in ENTITY_LABEL_NAMES.items()}

_TITLES = {400: "Ungültige Anfrage", 404: "Nicht gefunden", 405: "Methode nicht erlaubt", 406: "Nicht darstellbar",
           408: "Zeitüberschreitung", 413: "Text zu groß", 414: "Adresse zu lang", 415: "Format nicht unterstützt",
           429: "Zu viele Anfragen", 431: "Kopfzeilen zu groß", 500: "Interner Fehler",
           501: "Nicht unterstützt", 503: "Wissensbasis fehlt"}

# What the reader is told for werkzeug's (English) HTTP errors; {path}, {method}, {allowed} filled in.
_HTTP_MESSAGES = {
    400: "Die Anfrage ist fehlerhaft und konnte nicht gelesen werden.",
    404: "Keine Seite unter {path}.",
    405: "{path} nimmt keine {method}-Anfragen an; erlaubt: {allowed}.",
    406: "Diese Seite gibt es nur als HTML oder JSON.",
    408: "Die Anfrage kam nicht rechtzeitig vollständig an.",
    414: "Die Adresse ist zu lang.",
    415: "Dieses Format des Anfragekörpers wird nicht angenommen.",
    429: "Zu viele Anfragen; bitte etwas später erneut versuchen.",
    431: "Die Kopfzeilen der Anfrage sind zu groß.",
    501: "Die Methode {method} wird nicht unterstützt.",
}


def error_response(status: int, message: str, **extra: Any) -> Response:
    payload = {"error": {"status": status, "title": _TITLES.get(status, "Fehler"), "message": message, **extra}}
    return respond("error.html", payload, status)


def register_error_handlers(app: Flask) -> None:
    from kb.store import KnowledgeBaseMissing

    @app.errorhandler(WebError)
    def _web_error(err: WebError) -> Response:
        return error_response(err.status, err.message, **err.extra)

    @app.errorhandler(KnowledgeBaseMissing)
    def _missing(err: KnowledgeBaseMissing) -> Response:
        # the reader never sees the server's folders; the log (and the CLI) keep the path
        app.logger.warning("503: %s", err)
        if err.__cause__ is not None:  # a build is there but cannot be read
            return error_response(503, "Die Wissensbasis dieses Servers kann nicht gelesen werden.",
                                  hint="Neu bauen: kb build corpus/ (danach ohne Neustart verfügbar)")
        return error_response(503, "Auf diesem Server ist noch keine Wissensbasis gebaut.",
                              hint="Erst bauen: kb build corpus/ (danach ohne Neustart verfügbar)")

    @app.errorhandler(HTTPException)
    def _http(err: HTTPException) -> Response:
        status = err.code or 500
        if status == 413:
            message = f"Der Text ist zu groß: höchstens {app.config['MAX_CONTENT_LENGTH']:,} Bytes.".replace(",", ".")
        elif err.description and err.description != type(err).description:  # abort(…, description=…) of ours
            message = err.description
        else:  # werkzeug's own English description
            allowed = ", ".join(sorted(getattr(err, "valid_methods", None) or ()))
            message = _HTTP_MESSAGES.get(status, "Die Anfrage konnte nicht bearbeitet werden (HTTP {status}).").format(
                path=request.path, method=request.method, allowed=allowed, status=status)
        response = error_response(status, message)
        if status == 405 and getattr(err, "valid_methods", None):
            response.headers["Allow"] = ", ".join(sorted(err.valid_methods))  # type: ignore[attr-defined]
        return response

    @app.errorhandler(Exception)
    def _unexpected(err: Exception) -> Response:
        app.logger.exception("unhandled error on %s", request.path)
        return error_response(500, "Ein interner Fehler ist aufgetreten; er wurde protokolliert.")


# --------------------------------------------------------------------------- labels


def law_display(key: str | None) -> str:
    return laws.display(key) if key else "?"


# --------------------------------------------------------------------------- entry text


def link_resolver(kb: KnowledgeBase) -> Callable[[Any], str | None]:
    """``url_for`` for :func:`kb.citations.annotate`: targets → KB URL (or None), entities → entity page."""

    def link(obj: Any) -> str | None:
        if isinstance(obj, Entity):
            return links.entity_path(obj.id)
        if isinstance(obj, NormTarget | RzTarget | DecisionTarget):
            return kb.url_for_target(obj)
        targets = getattr(obj, "targets", None)  # a Citation
        if targets:
            return kb.url_for_target(targets[0]) or getattr(obj, "url", None)
        return getattr(obj, "url", None)

    return link


_TAG = re.compile(r"<(/?)(a|span)\b([^>]*)>")
_ENTITY_ATTR = re.compile(r'data-entity="([^"]*)"')


def link_entities(html: str, known: Callable[[str], bool] | None = None) -> str:
    """Turn the entity ``<span>``s of :func:`kb.citations.annotate` into links to the entity pages.

    An entity inside a citation link, or containing one, stays a span (links must not nest). The
    annotate output holds only ``<a>`` and ``<span>`` tags and escaped text, so a tag scan is exact.
    ``known(entity_id)``, when given, says which entities have a page (any text can be annotated, and an
    entity the knowledge base never saw would link to a 404); the others stay spans.
    """
    tags = list(_TAG.finditer(html))
    # pair every <span> with its </span>; note which ones have an <a> inside or around them
    convert: dict[int, bool] = {}
    close_of: dict[int, int] = {}
    stack: list[int] = []
    a_depth = 0
    a_inside: set[int] = set()
    ancestors: dict[int, list[int]] = {}
    for i, m in enumerate(tags):
        closing, tag = m.group(1), m.group(2)
        if tag == "a":
            a_depth += -1 if closing else 1
            if not closing:
                a_inside.update(stack)
        elif not closing:
            ancestors[i] = list(stack)
            stack.append(i)
            ent = _ENTITY_ATTR.search(m.group(3))
            convert[i] = a_depth == 0 and ent is not None and (known is None or known(html_unescape(ent.group(1))))
        elif stack:
            close_of[i] = stack.pop()
    final: set[int] = set()
    for i in sorted(convert):  # outer spans first: an entity inside a linked entity stays a span
        if convert[i] and i not in a_inside and not final.intersection(ancestors[i]):
            final.add(i)
    out: list[str] = []
    pos = 0
    for i, m in enumerate(tags):
        out.append(html[pos:m.start()])
        pos = m.end()
        opened = close_of.get(i, i)
        if m.group(2) == "span" and opened in final:
            if m.group(1):
                out.append("</a>")
            else:
                ent = _ENTITY_ATTR.search(m.group(3))
                href = escape(links.entity_path(html_unescape(ent.group(1)))) if ent else ""
                out.append(f'<a href="{href}"{m.group(3)}>')
        else:
            out.append(m.group(0))
    out.append(html[pos:])
    return "".join(out)


def annotate_span(entry: Entry, start: int, end: int, link: Callable[[Any], str | None]) -> str:
    """Escaped HTML of ``entry.text[start:end]`` with its citations and entities linked."""
    from kb.citations import annotate

    citations = tuple(replace(c, start=c.start - start, end=c.end - start)
                      for c in entry.citations if start <= c.start and c.end <= end)
    entities = tuple(replace(e, start=e.start - start, end=e.end - start)
                     for e in entry.entities if start <= e.start and e.end <= end)
    return link_entities(annotate(entry.text[start:end], citations, entities=entities, url_for=link))


_BULLET = re.compile(r"\s*[-–—•*]\s*")
_MARKER = re.compile(r"\s*(\(?[0-9a-zA-Z]{1,3}[.)]|[ivx]{1,4}\.)\s*")


def _top_blocks(entry: Entry) -> list[Block]:
    """Blocks not nested in another, with the gaps between them (if not blank) as paragraphs.

    A gap that is just a list marker before a list item ("- ", "a) ") becomes a MARKER pseudo-block:
    bullets are drawn by the list, enumerators are shown in the item.
    """
    top = sorted((b for b in entry.blocks if b.kind != BlockKind.NUMMER or b.parent is None),
                 key=lambda b: (b.start, -b.end))
    out: list[Block] = []
    pos = 0
    for block in top:
        if block.start < pos:  # overlaps the previous block: nested, rendered inside it
            continue
        gap = entry.text[pos:block.start]
        if gap.strip():
            if block.kind == BlockKind.LIST_ITEM and _BULLET.fullmatch(gap):
                pass  # the bullet of the <li>
            elif block.kind == BlockKind.LIST_ITEM and _MARKER.fullmatch(gap):
                out.append(Block(BlockKind.LIST_ITEM, pos, block.start, label="marker"))
            else:
                out.append(Block(BlockKind.PARAGRAPH, pos, block.start))
        out.append(block)
        pos = block.end
    if entry.text[pos:].strip() or not out:
        out.append(Block(BlockKind.PARAGRAPH, pos, len(entry.text)))
    return out


def _nummern(entry: Entry, block: Block) -> list[Block]:
    """The Nummern directly in an Absatz, or in an unnumbered paragraph of a § without Absätze."""
    parent = block.label if block.kind == BlockKind.ABSATZ else None
    return sorted((b for b in entry.blocks if b.kind == BlockKind.NUMMER and b.parent == parent
                   and block.start <= b.start and b.end <= block.end), key=lambda b: b.start)


def _id(block: Block, anchors: Mapping[tuple[int, int], str]) -> str:
    """The id of an Absatz / Nummer, as links.statute_anchors names it (``abs-1-nr-4``), if it has one."""
    anchor = anchors.get((block.start, block.end))
    return f' id="{escape(anchor)}"' if anchor else ""


def _absatz_html(entry: Entry, block: Block, link: Callable[[Any], str | None],
                 anchors: Mapping[tuple[int, int], str]) -> str:
    """An Absatz (``id="abs-4"``), or a paragraph holding Nummern, with each Nummer in its own element."""
    parts, pos = [], block.start
    for child in _nummern(entry, block):
        if entry.text[pos:child.start].strip():
            parts.append(f'<span class="seg">{annotate_span(entry, pos, child.start, link)}</span>')
        parts.append(f'<div class="nummer"{_id(child, anchors)}>'
                     f'{annotate_span(entry, child.start, child.end, link)}</div>')
        pos = child.end
    if entry.text[pos:block.end].strip():
        parts.append(f'<span class="seg">{annotate_span(entry, pos, block.end, link)}</span>')
    css = "absatz" if block.kind == BlockKind.ABSATZ else "para"
    return f'<div class="{css}"{_id(block, anchors)}>{"".join(parts)}</div>'


def render_entry_text(entry: Entry, link: Callable[[Any], str | None]) -> Markup:
    """The entry body as HTML: paragraphs, list items, Absätze (``id="abs-4"``), Nummern (``id="abs-1-nr-4"``,
    ``id="nr-2"`` in a § without Absätze), footnotes."""
    html: list[str] = []
    anchors = links.block_anchors(entry)
    in_list = False
    marker = ""
    for block in _top_blocks(entry):
        if block.kind == BlockKind.LIST_ITEM and not in_list:
            html.append('<ul class="items">')
            in_list = True
        elif block.kind != BlockKind.LIST_ITEM and in_list:
            html.append("</ul>")
            in_list = False
        if block.kind == BlockKind.LIST_ITEM and block.label == "marker":
            marker = f'<span class="marker">{escape(entry.text[block.start:block.end].strip())}</span> '
        elif block.kind == BlockKind.LIST_ITEM:
            css = ' class="marked"' if marker else ""
            html.append(f"<li{css}>{marker}{annotate_span(entry, block.start, block.end, link)}</li>")
            marker = ""
        elif block.kind == BlockKind.ABSATZ:
            html.append(_absatz_html(entry, block, link, anchors))
        elif block.kind == BlockKind.NUMMER and block.label:  # a Nummer of a § without Absätze
            html.append(f'<div class="nummer"{_id(block, anchors)}>'
                        f'{annotate_span(entry, block.start, block.end, link)}</div>')
        elif block.kind == BlockKind.PARAGRAPH and _nummern(entry, block):  # … or in a paragraph of one
            html.append(_absatz_html(entry, block, link, anchors))
        elif block.kind == BlockKind.FOOTNOTE:
            fid = f' id="fn-{escape(block.label)}"' if block.label else ""
            html.append(f'<p class="footnote"{fid}>{annotate_span(entry, block.start, block.end, link)}</p>')
        else:
            html.append(f"<p>{annotate_span(entry, block.start, block.end, link)}</p>")
    if in_list:
        html.append("</ul>")
    return Markup("\n".join(html))  # every piece was escaped by annotate()


def register_template_helpers(app: Flask) -> None:
    # machine values a template must show a reader: a norm key or a norm as a court lists it ("VwGO § 144 Abs. 6"
    # → "§ 144 Abs. 6 VwGO"), an ISO date ("2024-04-10" → "10. April 2024")
    app.jinja_env.filters.update(norm_label=norm_label, date_label=date_label)
    app.jinja_env.globals.update(
        json_url=json_url, law_display=law_display, label_names=LABEL_NAMES, label_name=LABEL_NAME,
        target_label=lambda target: target_label(target_from_dict(target)),  # a citation target of a JSON payload
        entity_url=links.entity_path, obligations_url=links.obligations_path, norm_url=links.norm_path,
        statute_url=links.statute_path, anchor_of=links.entry_anchor,
    )
