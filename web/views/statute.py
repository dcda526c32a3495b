"""``/g/<law>`` and ``/g/<law>/<norm>``: statute §§ with Absatz anchors, their commentaries and backlinks."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response

from kb import laws, links
from kb.citations import label as label_of
from kb.links import (
    citation_suggestion,
    entry_detail,
    entry_label,
    entry_summary,
    norm_marker,
    norm_name,
    outline_anchor,
    work_summary,
)
from kb.model import Entry, NormTarget, WorkKind
from web.kbhandle import current_kb
from web.paging import embedded_backlinks
from web.render import WebError, link_resolver, redirect_to, render_entry_text, respond

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


def outline(entries: list[Entry]) -> list[dict[str, Any]]:
    """The law's outline (Buch, Kapitel, Abschnitt …) as nested units, each with its heading, its anchor on the
    law's page, the ids of the §§ directly in it and its sub-units, in the law's order. §§ outside every unit
    (Anlagen, a law without outline) stand in units whose heading is null."""
    root: list[dict[str, Any]] = []
    open_path: list[dict[str, Any]] = []  # the units the previous § stood in, outermost first
    for e in entries:
        path = list(e.headings)
        depth = 0
        while depth < min(len(path), len(open_path)) and open_path[depth]["heading"] == path[depth]:
            depth += 1
        del open_path[depth:]
        if not path:  # outside the outline: its own unit at the top, unless the previous § was there too
            if not root or root[-1]["heading"] is not None:
                root.append({"heading": None, "anchor": None, "entries": [], "children": []})
            root[-1]["entries"].append(e.id)
            continue
        for level in range(depth, len(path)):
            unit = {"heading": path[level], "anchor": outline_anchor(path[:level + 1]), "entries": [],
                    "children": []}
            (open_path[-1]["children"] if open_path else root).append(unit)
            open_path.append(unit)
        open_path[-1]["entries"].append(e.id)
    return root


@bp.get(f"{links.STATUTES}/<law>")
def law(law: str) -> Response:
    kb = current_kb()
    info = _law(law)
    work = kb.work(info.slug)
    if work is None or work.kind != WorkKind.STATUTE:
        raise WebError(404, f"Der Text des {info.display} ist nicht in der Wissensbasis.", query=law,
                       external_url=info.index_url)
    all_entries = kb.entries(work.slug)
    entries = [{**entry_summary(e), "anchor": links.entry_anchor(e.id)} for e in all_entries]
    return respond("statute_law.html", {
        "work": work_summary(work), "law_display": info.display, "stand": work.edition,
        "external_url": info.index_url, "citation_suggestion": citation_suggestion(work),
        "entries": entries, "outline": outline(all_entries),
    })


def _breadcrumb(law_key: str, headings: tuple[str, ...]) -> list[dict[str, str]]:
    """The outline units a § stands in, each linked to its place on the law's page."""
    base = links.statute_path(law_key)
    return [{"heading": h, "url": f"{base}#{outline_anchor(headings[:i + 1])}"} for i, h in enumerate(headings)]


@bp.get(f"{links.STATUTES}/<law>/<norm>")
def norm(law: str, norm: str) -> Response:
    """The § itself when the statute is in the knowledge base; in any case its commentaries and backlinks."""
    kb = current_kb()
    info = _law(law)
    number = norm.removeprefix("§").removeprefix("art-").strip()
    entry = kb.statute_entry(info.key, number)
    if entry is not None and (law != info.slug or norm != links.norm_segment(entry.paragraph)):
        # /g/sgb-12/Anlage zu § 28, /g/SGB 2/§48b …: one permanent URL per unit
        return redirect_to(links.norm_path(info.key, entry.paragraph), 301)
    if entry is not None:
        number = entry.paragraph
    commentaries = list(kb.commentaries_on(info.key, number))
    key = NormTarget(law=info.key, number=number, marker=norm_marker(info.key)).key
    cited_by = kb.backlinks(key, exclude=entry.id if entry else None)
    label = entry_label(entry) if entry else norm_name(info.key, number)
    if entry is None and not commentaries and not cited_by:
        raise WebError(404, f"{label} ist nicht in der Wissensbasis: weder Gesetzestext noch Kommentierung "
                            "noch Zitate.", query=f"{law}/{norm}", external_url=info.norm_url(number))
    work = kb.work(entry.work) if entry is not None else None
    statute = kb.statute_work(info.key)
    prev, nxt = kb.neighbours(entry.id) if entry is not None else (None, None)
    # citable Absätze and Nummern of a numbered § (an Anlage's notes are cited through the Anlage)
    units = links.statute_anchors(entry) if entry is not None and entry.paragraph[:1].isdigit() else {}
    payload = {
        "law": info.key,
        "law_display": info.display,
        "number": number,
        "label": label,
        "entry": ({**entry_detail(entry), "html": str(render_entry_text(entry, link_resolver(kb)))}
                  if entry else None),
        "external_url": info.norm_url(number) if number[:1].isdigit() else info.index_url,
        "statute_url": links.statute_path(info.key) if statute is not None else None,
        "stand": work.edition if work is not None else None,
        "outline": _breadcrumb(info.key, entry.headings) if entry is not None else [],
        "prev": entry_summary(prev) if prev else None,
        "next": entry_summary(nxt) if nxt else None,
        "citation_suggestion": citation_suggestion(work, entry) if entry is not None else None,
        "units": [{"anchor": anchor, "label": label_of(unit), "citation_suggestion": citation_suggestion(
            work, entry, unit)} for anchor, unit in units.items()],
        "commentaries": [work_summary(w) for w in commentaries],
        **embedded_backlinks(cited_by, label),
    }
    return respond("norm.html", payload)
