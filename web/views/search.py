"""``/`` (and ``/search``): full-text search; a query that is a citation jumps to its entry.

``?work=<slug>`` is the work the reader is on (the search form carries it on work, decision and Randnummer
pages): a bare Randnummer ("Rz. 34a") is looked up there; every other query ignores it.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, request

from kb import links
from kb.limits import MAX_WEB_QUERY_CHARS
from kb.links import citation_summary, entry_path, entry_summary, hit_summary, work_summary
from kb.search import QueryError, QueryTooExpensive
from web.kbhandle import current_kb
from web.paging import Page, page_arg
from web.render import WebError, redirect_to, respond, wants_json

bp = Blueprint("search", __name__)

MAX_QUERY = MAX_WEB_QUERY_CHARS


@bp.get("/")
@bp.get(links.SEARCH)
def index() -> Response:
    kb = current_kb()
    query = request.args.get("q", "").strip()
    context = request.args.get("work", "").strip() or None  # the work the reader searched from
    page = page_arg()
    if not query:
        works = [work_summary(w) for w in kb.works()]
        return respond("search.html", {"query": "", "works": works})
    if len(query) > MAX_QUERY:
        raise WebError(400, f"Suchanfrage zu lang ({len(query)} Zeichen, höchstens {MAX_QUERY}).", query=query[:80],
                       field="q")
    pagelen = int(current_app.config["SEARCH_PAGELEN"])
    try:
        results = kb.search(query, page=page, pagelen=pagelen, work=context,
                            budget=current_app.config["SEARCH_TIME_BUDGET"])
    except QueryTooExpensive as err:  # well-formed, but more work than one request may take
        message = str(err)
        raise WebError(400, message[:1].upper() + message[1:], query=query, field="q") from None
    except QueryError as err:
        raise WebError(400, f"Suchanfrage nicht verständlich: {err}", query=query, field="q") from None
    direct = results.direct
    if direct is not None and not wants_json():  # the JSON twin reports the direct hit instead
        found = results.citation  # where the citation points: the entry, a statute's Absatz, a decision's page
        anchor = f"#{results.anchor}" if results.anchor else ""
        target = found.url if found is not None and found.url else entry_path(direct) + anchor
        return redirect_to(target, 302)
    citation = None
    found = results.citation
    if direct is None and found is not None:  # a citation that names no entry: say so, suggest the nearest
        if found.url is not None and not wants_json():  # e.g. "§ 48b SGB II": the § page
            return redirect_to(found.url, 302)
        citation = citation_summary(found)
    total = int(results.total)
    payload: dict[str, Any] = {
        "query": query,
        "work": context,
        **Page(page, pagelen, total).to_dict(),
        "direct": entry_summary(direct) if direct is not None else None,
        "anchor": results.anchor,
        "suggestion": results.suggestion if citation is None else None,  # no spelling advice for citations
        "citation": citation,
        "hits": [hit_summary(hit) for hit in results.hits],
        # each facet value carries the query filter that narrows the search to it (law:"SGB 2")
        "facets": {name: [v.to_dict() for v in values] for name, values in results.facets.items()},
    }
    return respond("search.html", payload)
