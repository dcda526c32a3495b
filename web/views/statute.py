"""``/g/<law>`` and ``/g/<law>/<norm>``: statute §§ with Absatz anchors, their commentaries and backlinks."""

from __future__ import annotations

from flask import Blueprint, Response

from kb import laws, links
from kb.links import backlink_summary, entry_detail, entry_label, entry_summary, norm_marker, work_summary
from kb.model import NormTarget, WorkKind
from web.kbhandle import current_kb
from web.render import WebError, link_resolver, render_entry_text, respond

bp = Blueprint("statute", __name__)


def _law(slug: str) -> laws.Law:
    law = laws.by_slug(slug) or laws.lookup(slug)
    if law is None:
        raise WebError(404, f"Unbekanntes Gesetz „{slug}“.", query=slug,
                       known=[{"slug": x.slug, "display": x.display, "title": x.title} for x in laws.LAWS])
    return law


@bp.get(links.STATUTES)
def index() -> Response:
    kb = current_kb()
    statutes = [work_summary(w) for w in kb.works() if w.kind == WorkKind.STATUTE]
    return respond("statutes.html", {"statutes": statutes})


@bp.get(f"{links.STATUTES}/<law>")
def law(law: str) -> Response:
    kb = current_kb()
    info = _law(law)
    work = kb.work(info.slug)
    if work is None or work.kind != WorkKind.STATUTE:
        raise WebError(404, f"Der Text des {info.display} ist nicht in der Wissensbasis.", query=law,
                       external_url=info.index_url)
    entries = [{**entry_summary(e), "anchor": links.entry_anchor(e.id)} for e in kb.entries(work.slug)]
    return respond("statute_law.html", {"work": work_summary(work), "law_display": info.display,
                                        "entries": entries})


@bp.get(f"{links.STATUTES}/<law>/<norm>")
def norm(law: str, norm: str) -> Response:
    """The § itself when the statute is in the knowledge base; in any case its commentaries and backlinks."""
    kb = current_kb()
    info = _law(law)
    number = norm.removeprefix("§").removeprefix("art-").strip()
    entry = kb.statute_entry(info.key, number)
    commentaries = list(kb.commentaries_on(info.key, number))
    key = NormTarget(law=info.key, number=number, marker=norm_marker(info.key)).key
    cited_by = [backlink_summary(e, cs) for e, cs in kb.backlinks(key, exclude=entry.id if entry else None)]
    label = entry_label(entry) if entry else f"{norm_marker(info.key)} {number} {info.display}"
    if entry is None and not commentaries and not cited_by:
        raise WebError(404, f"{label} ist nicht in der Wissensbasis: weder Gesetzestext noch Kommentierung "
                            "noch Zitate.", query=f"{law}/{norm}", external_url=info.norm_url(number))
    payload = {
        "law": info.key,
        "law_display": info.display,
        "number": number,
        "label": label,
        "entry": ({**entry_detail(entry), "html": str(render_entry_text(entry, link_resolver(kb)))}
                  if entry else None),
        "external_url": info.norm_url(number),
        "commentaries": [work_summary(w) for w in commentaries],
        "cited_by": cited_by,
    }
    return respond("norm.html", payload)
