"""``/k``: commentary works (the § page, all Randnummern with anchors) and the permanent page of each Randnummer."""

from __future__ import annotations

import bisect
from typing import Any

from flask import Blueprint, Response, redirect, url_for

from kb.links import entry_label
from kb.model import Entry, NormTarget, RzNumber, RzTarget, Work, WorkKind
from kb.store import KnowledgeBase
from web.kbhandle import current_kb
from web.render import (
    WebError,
    entry_summary,
    entry_url,
    law_display,
    link_resolver,
    render_entry_text,
    respond,
    work_summary,
    work_url,
)

bp = Blueprint("entries", __name__)


def backlinks(kb: KnowledgeBase, *keys: str, exclude: str | None = None) -> list[dict[str, Any]]:
    """``zitiert in``: entries citing any of ``keys`` (or a unit below), one row per entry with its citations.

    ``exclude`` drops the page's own entry: a § referring to its own Absätze is not a backlink.
    Runs ("Rz. 33 ff.") are filed by the store under every Randnummer they cover.
    """
    rows: dict[str, dict[str, Any]] = {}
    seen: set[tuple[str, int, int]] = set()
    for key in keys:
        for entry, citation in kb.cited_by(key):
            if entry.id == exclude or (entry.id, citation.start, citation.end) in seen:
                continue
            seen.add((entry.id, citation.start, citation.end))
            row = rows.setdefault(entry.id, {"entry": entry_summary(entry), "citations": []})
            row["citations"].append(citation.to_dict())
    return list(rows.values())


def rz_keys(entry: Entry) -> tuple[str, ...]:
    """The key a Randnummer is cited under: "sgb-2-48b Rz. 34a". The build resolves "§ 48b Rz. 34a" in
    other commentaries to this work, and files runs ("Rz. 33 ff.", "Rz. 30–35") under each Randnummer
    they cover."""
    assert entry.rz is not None
    return (RzTarget(rz=entry.rz.label, work=entry.work).key,)


def nearest(entries: list[Entry], label: str, n: int = 4) -> list[Entry]:
    """The Randnummern around where ``label`` would sort: what a reader most likely meant."""
    numbered = [e for e in entries if e.rz is not None]
    try:
        wanted = RzNumber.parse(label)
    except ValueError:
        return numbered[:n]
    keys = [e.rz.sort_key for e in numbered]  # type: ignore[union-attr]
    at = bisect.bisect_left(keys, wanted.sort_key)
    window = numbered[max(0, at - n // 2): at + n // 2]
    return window or numbered[-n:]


@bp.get("/k")
def works() -> Response:
    kb = current_kb()
    items = [work_summary(w) for w in kb.works()]
    return respond("works.html", {"works": items})


@bp.get("/k/<path:ref>")
def show(ref: str) -> Response:
    kb = current_kb()
    if ref.endswith("/"):  # /k/sgb-2-48b/ → /k/sgb-2-48b
        return redirect(url_for("entries.show", ref=ref.rstrip("/")), code=301)  # type: ignore[return-value]
    if "/" not in ref:
        return _work_page(kb, ref)
    entry = kb.entry(ref)
    if entry is None:
        return _unknown_entry(kb, ref)
    if entry.rz is None:  # a statute § asked for by entry id: its page is under /g/
        return redirect(entry_url(entry), code=301)  # type: ignore[return-value]
    return _entry_page(kb, entry)


def _work_page(kb: KnowledgeBase, slug: str) -> Response:
    work: Work | None = kb.work(slug)
    if work is None:
        known = [w for w in kb.works() if w.kind == WorkKind.COMMENTARY]
        close = [w for w in known if slug.split("-")[:2] == w.slug.split("-")[:2]] or known
        raise WebError(404, f"Kein Werk „{slug}“ in der Wissensbasis.", query=slug,
                       suggestions=[work_summary(w) for w in close[:8]])
    if work.kind == WorkKind.STATUTE:
        return redirect(work_url(work), code=301)  # type: ignore[return-value]
    link = link_resolver(kb)
    entries = list(kb.entries(work.slug))
    statute = kb.statute_entry(work.law, work.paragraph) if work.paragraph else None
    norm_key = NormTarget(law=work.law, number=work.paragraph).key if work.paragraph else None
    payload = {
        "work": work_summary(work),
        "label": f"§ {work.paragraph} {law_display(work.law)}" if work.paragraph else work.title,
        "statute": entry_summary(statute) if statute else None,
        "entries": [{**entry_summary(e), "anchor": e.id.rsplit("/", 1)[-1], "text": e.text,
                     "html": str(render_entry_text(e, link))} for e in entries],
        "cited_by": backlinks(kb, norm_key, exclude=statute.id if statute else None) if norm_key else [],
    }
    return respond("work.html", payload)


def _unknown_entry(kb: KnowledgeBase, ref: str) -> Response:
    slug, _, tail = ref.partition("/")
    work = kb.work(slug)
    if work is None:
        raise WebError(404, f"Keine Randnummer „{ref}“: das Werk „{slug}“ gibt es nicht.", query=ref,
                       suggestions=[work_summary(w) for w in kb.works()][:8])
    label = tail.removeprefix("rz-").split("~", 1)[0]
    asked = f"§ {work.paragraph} {law_display(work.law)} Rz. {label}" if work.paragraph else ref
    close = nearest(list(kb.entries(slug)), label)
    raise WebError(404, f"{asked} gibt es nicht in der Wissensbasis.", query=ref,
                   suggestions=[entry_summary(e) for e in close])


def _entry_page(kb: KnowledgeBase, entry: Entry) -> Response:
    link = link_resolver(kb)
    work = kb.work(entry.work)
    prev, nxt = kb.neighbours(entry.id)
    statute = kb.statute_entry(entry.law, entry.paragraph)
    keys = rz_keys(entry) if entry.rz else (NormTarget(entry.law, entry.paragraph).key,)
    entity_ids = list(dict.fromkeys(e.id for e in entry.entities))
    payload = {
        **entry.to_dict(),
        "url": entry_url(entry),
        "label": entry_label(entry),
        "work_info": work_summary(work) if work else None,
        "html": str(render_entry_text(entry, link)),
        "prev": entry_summary(prev) if prev else None,
        "next": entry_summary(nxt) if nxt else None,
        "statute": entry_summary(statute) if statute else None,
        "cited_by": backlinks(kb, *keys, exclude=entry.id),
        "entity_ids": entity_ids,
    }
    return respond("entry.html", payload)
