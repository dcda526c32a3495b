"""``/obligations`` (the addressees with their counts, page by page) and one addressee's obligations by modality,
page by page: a bearer entity's (``/obligations/<entity-id>``), an addressee the text names
(``/obligations/adressat/<key>``), or those naming nobody recognisable (``/obligations/ohne-adressat``).

The groups are :func:`kb.addressees.addressee_of`'s: a recognised bearer entity keeps its entity id; a subject
that is no entity is grouped by its normalised wording ("der Leistungsberechtigte" and "Leistungsberechtigten"
are one addressee, "Leistungsberechtigte").
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response

from kb import links
from kb.addressees import NO_ADDRESSEE, Addressee, addressee_of
from kb.links import obligation_summary
from kb.model import Entry, Modality, Obligation
from web.kbhandle import current_kb
from web.paging import current_page
from web.render import WebError, respond

bp = Blueprint("obligations", __name__)

MODALITY_ORDER = [str(m) for m in (Modality.PFLICHT, Modality.SOLL, Modality.KANN, Modality.VERBOT)]
ADDRESSEES_PAGELEN = 50  # addressees per page of the overview
OBLIGATIONS_PAGELEN = 50  # obligations per page of one addressee


def by_modality(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Rows grouped by modality, always in the order Pflicht, Soll, Kann, Verbot (empty groups kept)."""
    groups: dict[str, list[dict[str, Any]]] = {m: [] for m in MODALITY_ORDER}
    for row in rows:
        groups.setdefault(row["modality"], []).append(row)
    return groups


def _counts(obligations: list[Obligation]) -> dict[str, int]:
    counts = dict.fromkeys(MODALITY_ORDER, 0)
    for o in obligations:
        counts[str(o.modality)] = counts.get(str(o.modality), 0) + 1
    return counts


@bp.get(links.OBLIGATIONS)
def index() -> Response:
    found = current_kb().obligations(None)
    groups: dict[str, tuple[Addressee, list[Obligation]]] = {}
    for _, obligation in found:
        who = addressee_of(obligation)
        groups.setdefault(who.key, (who, []))[1].append(obligation)
    # most obligations first; the obligations naming nobody last, whatever their number
    order = sorted(groups.values(), key=lambda g: (not g[0].recognised, -len(g[1]), g[0].name.casefold()))
    page = current_page(len(order), ADDRESSEES_PAGELEN)
    unaddressed = groups.get("", (None, []))[1]
    return respond("obligations.html", {
        "obligations": len(found),
        "unaddressed": {"count": len(unaddressed), "url": links.addressee_path("")},
        "bearers": [{"bearer": who.name, "bearer_id": who.entity_id, "key": who.key or None,
                     "url": links.addressee_path(who.key, who.entity_id), "count": len(obligations),
                     "modality_counts": _counts(obligations)} for who, obligations in page.slice(order)],
        **page.to_dict(),
    })


@bp.get(f"{links.OBLIGATIONS}/<path:entity_id>")
def bearer(entity_id: str) -> Response:
    kb = current_kb()
    found = kb.obligations(entity_id)
    entity = kb.entity(entity_id)
    if not found and entity is None:
        raise WebError(404, f"Keine Entität „{entity_id}“ mit Pflichten in der Wissensbasis.", query=entity_id)
    name = entity.summary.name if entity is not None else found[0][1].bearer
    return _addressee_page(Addressee(entity_id, name, entity_id), found, links.entity_path(entity_id))


@bp.get(f"{links.ADDRESSEES}/<key>")
def addressee(key: str) -> Response:
    found = [(e, o) for e, o in current_kb().obligations(None) if not o.bearer_id and addressee_of(o).key == key]
    if not found:
        raise WebError(404, f"Keine Pflichten mit dem Adressaten „{key}“ in der Wissensbasis.", query=key,
                       first=links.obligations_path())
    return _addressee_page(addressee_of(found[0][1]), found, None)


@bp.get(links.NO_ADDRESSEE)
def nobody() -> Response:
    found = [(e, o) for e, o in current_kb().obligations(None) if not addressee_of(o).recognised]
    return _addressee_page(Addressee("", NO_ADDRESSEE), found, None)


def _addressee_page(who: Addressee, found: list[tuple[Entry, Obligation]], entity_url: str | None) -> Response:
    """One addressee's obligations, Pflicht before Soll, Kann, Verbot (corpus order within each), page by page."""
    ordered = sorted(found, key=lambda pair: MODALITY_ORDER.index(str(pair[1].modality)))
    page = current_page(len(ordered), OBLIGATIONS_PAGELEN)
    return respond("obligations_bearer.html", {
        "bearer": who.name, "bearer_id": who.entity_id, "key": who.key or None, "entity_url": entity_url,
        "url": links.addressee_path(who.key, who.entity_id),
        "modality_counts": _counts([o for _, o in found]),
        "by_modality": by_modality([obligation_summary(e, o) for e, o in page.slice(ordered)]),
        **page.to_dict(),
    })
