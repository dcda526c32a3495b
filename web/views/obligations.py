"""``/obligations`` (everyone's, grouped by bearer) and ``/obligations/<entity-id>`` (one bearer, by modality)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response

from kb import links
from kb.links import obligation_summary
from kb.model import Modality
from web.kbhandle import current_kb
from web.render import WebError, respond

bp = Blueprint("obligations", __name__)

OTHERS = "weitere Adressaten (nicht als Entität erkannt)"
MODALITY_ORDER = [str(m) for m in (Modality.PFLICHT, Modality.SOLL, Modality.KANN, Modality.VERBOT)]


def by_modality(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Rows grouped by modality, always in the order Pflicht, Soll, Kann, Verbot (empty groups kept)."""
    groups: dict[str, list[dict[str, Any]]] = {m: [] for m in MODALITY_ORDER}
    for row in rows:
        groups.setdefault(row["modality"], []).append(row)
    return groups


@bp.get(links.OBLIGATIONS)
def index() -> Response:
    rows = [obligation_summary(e, o) for e, o in current_kb().obligations(None)]
    bearers: dict[str | None, dict[str, Any]] = {}
    for row in rows:
        # one group per recognised bearer entity; subjects that are no entity ("Arbeitgeber", "sie") share
        # one group, where each row still names its subject
        name = row["bearer"] if row["bearer_id"] else OTHERS
        group = bearers.setdefault(row["bearer_id"], {"bearer": name, "bearer_id": row["bearer_id"], "obligations": []})
        group["obligations"].append(row)
    groups = [{**g, "by_modality": by_modality(g["obligations"])} for g in bearers.values()]
    groups.sort(key=lambda g: (g["bearer_id"] is None, -len(g["obligations"]), g["bearer"].casefold()))
    return respond("obligations.html", {
        "total": len(rows),
        "bearers": [{"bearer": g["bearer"], "bearer_id": g["bearer_id"], "count": len(g["obligations"]),
                     "by_modality": g["by_modality"]} for g in groups],
    })


@bp.get(f"{links.OBLIGATIONS}/<path:entity_id>")
def bearer(entity_id: str) -> Response:
    kb = current_kb()
    rows = [obligation_summary(e, o) for e, o in kb.obligations(entity_id)]
    entity = kb.entity(entity_id)
    if not rows and entity is None:
        raise WebError(404, f"Keine Entität „{entity_id}“ mit Pflichten in der Wissensbasis.", query=entity_id)
    name = entity.summary.canonical if entity is not None else rows[0]["bearer"]
    return respond("obligations_bearer.html", {
        "bearer": name, "bearer_id": entity_id, "entity_url": links.entity_path(entity_id), "total": len(rows),
        "by_modality": by_modality(rows),
    })
