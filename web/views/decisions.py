"""``/e``: the court decisions in the knowledge base, by court and date (newest first)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response

from kb import links
from kb.links import work_summary
from kb.model import WorkKind
from web.kbhandle import current_kb
from web.render import respond

bp = Blueprint("decisions", __name__)


@bp.get(links.DECISIONS)
def index() -> Response:
    decisions = [w for w in current_kb().works() if w.kind == WorkKind.DECISION and w.decision is not None]
    by_court: dict[str, list[dict[str, Any]]] = {}
    for work in sorted(decisions, key=lambda w: (w.decision.date or "", w.decision.docket),  # type: ignore[union-attr]
                       reverse=True):
        by_court.setdefault(work.decision.court, []).append(work_summary(work))  # type: ignore[union-attr]
    courts = [{"court": court, "count": len(items), "decisions": items} for court, items in sorted(by_court.items())]
    return respond("decisions.html", {"total": len(decisions), "courts": courts})
