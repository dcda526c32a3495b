"""``/cite?q=…`` and ``/cite/<citation>``: any citation string → 302 to its permanent URL."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from kb import links
from kb.citations.label import norm_label
from kb.links import backlink_summary, entry_label, entry_summary, work_summary
from web.kbhandle import current_kb
from web.paging import current_page
from web.render import WebError, redirect_to, respond, wants_json

bp = Blueprint("resolver", __name__)

CITES_PAGELEN = 50  # backlinks per page of /cites: a much-cited § has hundreds

EXAMPLE = "z. B. „§ 48b Rz. 34a SGB II“ oder „§ 48b Abs. 4 SGB II“"


@bp.get(links.CITE)
def by_query() -> Response:
    return _resolve(request.args.get("q", ""))


@bp.get(f"{links.CITE}/<path:citation>")
def by_path(citation: str) -> Response:
    return _resolve(citation)


def _resolve(text: str) -> Response:
    text = text.strip()
    if not text:
        raise WebError(400, f"Bitte eine Fundstelle angeben, {EXAMPLE}.", field="q")
    found = current_kb().lookup(text)
    if found.url is None:
        # the nearest Randnummern of a missing one, or a bare "Rn. 12"'s entry in each work that has it
        raise WebError(404, f"„{text}“: {found.message}.", query=text,
                       suggestions=[entry_summary(e) for e in found.suggestions or found.choices])
    if wants_json():  # the JSON twin says where the citation points instead of redirecting
        return jsonify({"query": text, "url": found.url, "anchor": found.anchor, "message": found.message,
                        "entry": entry_summary(found.entry) if found.entry else None,
                        "work": work_summary(found.work) if found.work else None})
    return redirect_to(found.url, 302)


@bp.get(links.CITES)
def cites() -> Response:
    """``zitiert in`` for any norm or Randnummer: ``/cites?target=§ 6a SGB II``."""
    kb = current_kb()
    text = request.args.get("target", request.args.get("q", "")).strip()
    if not text:
        return respond("cites.html", {"target": "", "key": None, "cited_by": []})
    keys = kb.target_keys(text)
    key = keys[0] if keys else None
    if key is None:
        raise WebError(400, f"„{text}“ ist keine Norm oder Randnummer, {EXAMPLE}.", query=text,
                       field="target" if "target" in request.args else "q")
    cited = kb.backlinks(*keys)
    page = current_page(len(cited), CITES_PAGELEN)
    return respond("cites.html", {"target": text, "key": key, "label": _key_label(text, key), **page.to_dict(),
                                  "cited_by": [backlink_summary(e, cs) for e, cs in page.slice(cited)]})


def _key_label(text: str, key: str) -> str:
    """A target key as a reader writes it: a norm as lawyers do ("§ 48b Abs. 4 SGB II", not "SGB 2 § 48b Abs. 4"), a
    Randnummer by its entry's label ("§ 48b SGB II Rz. 34a", not the work's slug); a decision's key is its
    citation already ("BVerwG 11 A 7.23 Rn. 12")."""
    spelled = norm_label(key)
    if spelled == key and " Rz. " in key:
        found = current_kb().lookup(text).entry
        return entry_label(found) if found is not None else text
    return spelled
