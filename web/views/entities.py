"""``/entities`` (all entities, filter ``?label=``) and ``/entities/<label>/<name>`` (one entity and its entries)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from kb import links
from kb.links import entry_summary
from kb.model import Entity, EntityLabel, Entry, json_ready
from web.kbhandle import current_kb
from web.render import LABEL_NAMES, WebError, respond

bp = Blueprint("entities", __name__)


def as_data(obj: Any) -> Any:
    """A read-API object as JSON-ready data; entries as the short summary with their URL."""
    return json_ready(obj, {Entry: entry_summary})


def parse_label(raw: str | None) -> EntityLabel | None:
    if not raw:
        return None
    try:
        return EntityLabel(raw.upper())
    except ValueError:
        raise WebError(400, f"Unbekanntes Label „{raw}“; bekannt sind: {', '.join(EntityLabel)}.",
                       labels=[str(x) for x in EntityLabel]) from None


@bp.get(links.ENTITIES)
def index() -> Response:
    label = parse_label(request.args.get("label"))
    summaries = [as_data(s) for s in current_kb().entity_summaries(label)]
    groups: dict[str, list[dict[str, Any]]] = {}
    for s in summaries:
        groups.setdefault(s.get("label", ""), []).append(s)
    return respond("entities.html", {"label": str(label) if label else None, "entities": summaries},
                   groups=groups, label_names=LABEL_NAMES)


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
    data["mentioned_in"] = _mentions(detail.mentions)
    data["obligations_url"] = links.obligations_path(entity_id)
    return respond("entity.html", data, label_names=LABEL_NAMES)


def _mentions(mentions: list[tuple[Entry, Entity]]) -> list[dict[str, Any]]:
    """Entries mentioning the entity, in corpus order, each with the distinct forms found there."""
    out: dict[str, dict[str, Any]] = {}
    for entry, entity in mentions:
        row = out.setdefault(entry.id, {"entry": entry_summary(entry), "texts": [], "offsets": []})
        if entity.text not in row["texts"]:
            row["texts"].append(entity.text)
        row["offsets"].append([entity.start, entity.end])
    return list(out.values())
