"""``/k``: commentary works (the § page, all Randnummern with anchors) and the permanent page of each Randnummer."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Blueprint, Response, url_for

from kb import links
from kb.links import (
    citation_suggestion,
    entry_detail,
    entry_label,
    entry_path,
    entry_summary,
    is_statute_text,
    work_label,
    work_summary,
    work_url,
)
from kb.model import DecisionTarget, Entry, NormTarget, RzTarget, Work, WorkKind
from kb.store import KnowledgeBase
from web.kbhandle import current_kb
from web.paging import embedded_backlinks
from web.render import WebError, link_resolver, redirect_to, render_entry_text, respond

bp = Blueprint("entries", __name__)


@bp.get(links.COMMENTARIES)
def works() -> Response:
    """Commentaries and guidance; statutes are listed under /g, decisions under /e."""
    kb = current_kb()
    items = [work_summary(w) for w in kb.works() if w.kind in (WorkKind.COMMENTARY, WorkKind.GUIDANCE)]
    return respond("works.html", {"works": items})


@bp.get(f"{links.COMMENTARIES}/<path:ref>")
def show(ref: str) -> Response:
    kb = current_kb()
    if ref.endswith("/"):  # /k/sgb-2-48b/ → /k/sgb-2-48b
        return redirect_to(url_for("entries.show", ref=ref.rstrip("/")), 301)
    if "/" not in ref:
        return _work_page(kb, ref)
    entry = kb.entry(ref)
    if entry is None:
        return _unknown_entry(kb, ref)
    if is_statute_text(entry):  # a statute § asked for by entry id: its page is under /g/
        return redirect_to(entry_path(entry), 301)
    return _entry_page(kb, entry)


def _work_page(kb: KnowledgeBase, slug: str) -> Response:
    work: Work | None = kb.work(slug)
    if work is None:
        known = [w for w in kb.works() if w.kind == WorkKind.COMMENTARY]
        close = [w for w in known if slug.split("-")[:2] == w.slug.split("-")[:2]] or known
        raise WebError(404, f"Kein Werk „{slug}“ in der Wissensbasis.", query=slug,
                       suggestions=[work_summary(w) for w in close[:8]])
    if work.kind == WorkKind.STATUTE:
        return redirect_to(work_url(work), 301)
    if work.decision is not None:
        return _decision_page(kb, work)
    link = link_resolver(kb)
    entries = list(kb.entries(work.slug))
    statute = kb.statute_entry(work.law, work.paragraph) if work.paragraph else None
    norm_key = NormTarget(law=work.law, number=work.paragraph).key if work.paragraph else None
    payload = {
        "work": work_summary(work),
        "label": work_label(work),
        "citation_suggestion": citation_suggestion(work),
        "statute": entry_summary(statute) if statute else None,
        "entries": _rows(entries, link),
        **embedded_backlinks(kb.backlinks(norm_key, exclude=statute.id if statute else None) if norm_key else [],
                             work_label(work)),
    }
    return respond("work.html", payload)


def _rows(entries: Iterable[Entry], link: Callable[[Any], str | None]) -> list[dict[str, Any]]:
    """A work page's entries: each summary with its anchor on the page, its text and its linked HTML."""
    return [{**entry_summary(e), "anchor": links.entry_anchor(e.id), "text": e.text,
             "html": str(render_entry_text(e, link))} for e in entries]


def _decision_page(kb: KnowledgeBase, work: Work) -> Response:
    """A decision with its court, date, Aktenzeichen, ECLI and Zitiervorschlag, then its parts and Randnummern."""
    assert work.decision is not None
    link = link_resolver(kb)
    key = DecisionTarget(court=work.decision.court, docket=work.decision.docket).decision_key
    payload = {
        "work": work_summary(work),
        "label": work.decision.citation,
        "decision": work.decision.to_dict(),
        "citation_suggestion": citation_suggestion(work),
        "entries": _rows(kb.entries(work.slug), link),
        **embedded_backlinks(kb.backlinks(key), work.decision.citation),
    }
    return respond("decision.html", payload)


def _unknown_entry(kb: KnowledgeBase, ref: str) -> Response:
    slug, _, tail = ref.partition("/")
    work = kb.work(slug)
    if work is None:
        raise WebError(404, f"Keine Randnummer „{ref}“: das Werk „{slug}“ gibt es nicht.", query=ref,
                       suggestions=[work_summary(w) for w in kb.works()][:8])
    label = tail.removeprefix("rz-").removeprefix("rn-").split("~", 1)[0]
    asked = f"{work_label(work)} Rz. {label}" if work.paragraph else (
        f"{work.decision.citation}, Rn. {label}" if work.decision else ref)
    close = kb.nearest(slug, label)
    raise WebError(404, f"{asked} gibt es nicht in der Wissensbasis.", query=ref,
                   suggestions=[entry_summary(e) for e in close])


def _cited_as(entry: Entry, work: Work | None) -> tuple[str, ...]:
    """The keys an entry is cited under. A Randnummer: its work's key ("sgb-2-48b Rz. 34a": the build points
    "§ 48b Rz. 34a" in other commentaries there, and files runs under each Randnummer they cover); of a
    decision also "BVerwG 11 A 7.23 Rn. 12". A statute §: its norm key. A decision's Leitsatz or Tenor: none."""
    if entry.rz is None:
        return () if entry.cite_as else (NormTarget(entry.law, entry.paragraph).key,)
    own = RzTarget(rz=entry.rz.label, work=entry.work).key
    if work is not None and work.decision is not None:
        return own, DecisionTarget(court=work.decision.court, docket=work.decision.docket, rn=entry.rz.label).key
    return (own,)


def _entry_page(kb: KnowledgeBase, entry: Entry) -> Response:
    link = link_resolver(kb)
    work = kb.work(entry.work)
    prev, nxt = kb.neighbours(entry.id)
    statute = kb.statute_entry(entry.law, entry.paragraph) if entry.law else None
    entity_ids = list(dict.fromkeys(e.id for e in entry.entities))
    payload = {
        **entry_detail(entry),
        "url": entry_path(entry),
        "label": entry_label(entry),
        "citation_suggestion": citation_suggestion(work, entry),
        "work_info": work_summary(work) if work else None,
        "html": str(render_entry_text(entry, link)),
        "prev": entry_summary(prev) if prev else None,
        "next": entry_summary(nxt) if nxt else None,
        "statute": entry_summary(statute) if statute else None,
        **embedded_backlinks(kb.backlinks(*_cited_as(entry, work), exclude=entry.id), entry_label(entry)),
        "entity_ids": entity_ids,
    }
    return respond("entry.html", payload)
