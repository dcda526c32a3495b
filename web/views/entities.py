"""``/entities`` (an overview of the kinds with their counts, then the entities page by page, grouped by kind;
filter ``?label=``) and ``/entities/<label>/<name>`` (one entity and the places mentioning it, page by page)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from flask import Blueprint, Response, request, url_for

from kb import links
from kb.links import entry_summary
from kb.model import ENTITY_LABEL_NAMES, Entity, EntityLabel, Entry, json_ready, slugify
from web.kbhandle import current_kb
from web.paging import current_page
from web.render import WebError, respond

bp = Blueprint("entities", __name__)

PAGELEN = 100  # entities per page, and places per page on an entity's page
_ORDER = {label: i for i, label in enumerate(EntityLabel)}  # kinds in the enum's order: actors, places, laws, dates


def as_data(obj: Any) -> Any:
    """A read-API object as JSON-ready data; entries as the short summary with their URL."""
    return json_ready(obj, {Entry: entry_summary})


def parse_label(raw: str | None) -> EntityLabel | None:
    """``?label=``: the code ("ORT", "ort") or the German name, singular or plural ("Orte", "Gericht")."""
    if not raw:
        return None
    wanted = slugify(raw)
    for label, names in ENTITY_LABEL_NAMES.items():
        if wanted in {label.value.lower(), *(slugify(n) for n in names)}:
            return label
    known = ", ".join(plural for _, plural in ENTITY_LABEL_NAMES.values())
    raise WebError(400, f"Unbekannte Art von Entität „{raw}“; bekannt sind: {known}.",
                   labels=[str(x) for x in EntityLabel], field="label")


@bp.get(links.ENTITIES)
def index() -> Response:
    label = parse_label(request.args.get("label"))
    everything = current_kb().entity_summaries()
    counts = Counter(s.label for s in everything)
    kinds = [{"label": str(k), "name": ENTITY_LABEL_NAMES[k][1], "count": counts[k],
              "url": url_for("entities.index", label=k.value.lower())} for k in EntityLabel if counts[k]]
    # one kind after the other, each most mentioned first (the read API's order, kept by the stable sort)
    chosen = sorted((s for s in everything if label is None or s.label == label), key=lambda s: _ORDER[s.label])
    page = current_page(len(chosen), PAGELEN)
    return respond("entities.html", {
        "label": str(label) if label else None, "label_name": ENTITY_LABEL_NAMES[label][1] if label else None,
        "kinds": kinds, "entities": [s.to_dict() for s in page.slice(chosen)], **page.to_dict(),
    })


@bp.get(f"{links.ENTITIES}/<path:entity_id>")
def show(entity_id: str) -> Response:
    kb = current_kb()
    detail = kb.entity(entity_id)
    if detail is None:
        label = entity_id.split("/", 1)[0].upper()
        near = [as_data(s) for s in kb.entity_summaries(label)] if label in list(EntityLabel) else []
        raise WebError(404, f"Keine Entität „{entity_id}“ in der Wissensbasis.", query=entity_id,
                       entities=near[:10])
    data = detail.summary.to_dict()
    places = _mentions(detail.mentions)
    page = current_page(len(places), PAGELEN)
    data["mentioned_in"] = list(page.slice(places))
    data["obligations_url"] = links.obligations_path(entity_id)
    return respond("entity.html", {**data, **page.to_dict()})


def _mentions(mentions: list[tuple[Entry, Entity]]) -> list[dict[str, Any]]:
    """Entries mentioning the entity, in corpus order, each with the distinct forms found there."""
    out: dict[str, dict[str, Any]] = {}
    for entry, entity in mentions:
        row = out.setdefault(entry.id, {"entry": entry_summary(entry), "texts": [], "offsets": []})
        if entity.text not in row["texts"]:
            row["texts"].append(entity.text)
        row["offsets"].append([entity.start, entity.end])
    return list(out.values())
