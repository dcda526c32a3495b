"""One paging shape for every list that can grow long (search hits, entities, obligations, backlinks).

Every paged JSON payload carries the same keys — ``page``, ``pagelen``, ``pages``, ``total``, ``next``,
``prev`` — where ``next`` / ``prev`` are ready-to-follow URLs of the same representation (a JSON twin's
links keep ``.json``) or ``null`` at either end. HTML pages render the same two links as the pager.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

from flask import request

from kb import links
from kb.links import backlink_summary
from kb.model import Citation, Entry
from web.render import JSON_FLAG, WebError

T = TypeVar("T")

MAX_PAGELEN = 200
EMBEDDED_BACKLINKS = 50  # "Zitiert in" on a page about something else; /cites pages through the rest


def page_arg(name: str = "page") -> int:
    """The 1-based page number asked for (default 1); anything else is a 400 naming the value."""
    raw = request.args.get(name, "1")
    try:
        page = int(raw)
    except ValueError:
        raise WebError(400, f"Seite muss eine Zahl ab 1 sein, nicht „{raw[:40]}“.", field=name) from None
    if page < 1:
        raise WebError(400, f"Seite muss eine Zahl ab 1 sein, nicht „{raw}“.", field=name)
    return page


def pagelen_arg(default: int) -> int:
    """``?pagelen=`` (1…200), else ``default``."""
    raw = request.args.get("pagelen")
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_PAGELEN:
        raise WebError(400, f"pagelen muss eine Zahl von 1 bis {MAX_PAGELEN} sein, nicht „{raw[:40]}“.",
                       field="pagelen")
    return value


def page_url(page: int) -> str:
    """The current request's URL (path, its ``.json`` suffix if any, other arguments) at ``page``."""
    path = request.path + (".json" if request.environ.get(JSON_FLAG) else "")
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]
    if page > 1:
        args.append(("page", str(page)))
    return path + (f"?{urlencode(args)}" if args else "")


@dataclass(frozen=True, slots=True)
class Page:
    """Where one page sits in a list of ``total`` items."""

    page: int
    pagelen: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.pagelen))

    @property
    def start(self) -> int:
        return (self.page - 1) * self.pagelen

    def slice(self, items: Sequence[T]) -> Sequence[T]:
        return items[self.start:self.start + self.pagelen]

    def to_dict(self) -> dict[str, Any]:
        """The paging keys of a payload, with ``next`` / ``prev`` URLs (``None`` at either end)."""
        return {
            "page": self.page, "pagelen": self.pagelen, "pages": self.pages, "total": self.total,
            "next": page_url(self.page + 1) if self.page < self.pages else None,
            "prev": page_url(self.page - 1) if 1 < self.page <= self.pages + 1 else None,
        }


def current_page(total: int, default_pagelen: int) -> Page:
    """The page the request asks for over ``total`` items; a page past the end is a 404 naming it."""
    page = Page(page_arg(), pagelen_arg(default_pagelen), total)
    if page.page > page.pages:
        raise WebError(404, f"Seite {page.page} gibt es nicht: es sind {page.pages} Seite(n).",
                       pages=page.pages, first=page_url(1))
    return page


def embedded_backlinks(rows: Sequence[tuple[Entry, list[Citation]]], target: str | None) -> dict[str, Any]:
    """The "Zitiert in" keys of a page about something else (a Randnummer, a §, a decision): its first
    :data:`EMBEDDED_BACKLINKS` rows as ``cited_by``, their number as ``cited_by_total``, and where there are more,
    ``cited_by_all``: the paged ``/cites`` list for ``target`` (else null) — a much-cited § stays a small page."""
    shown = rows[:EMBEDDED_BACKLINKS]
    more = target is not None and len(rows) > len(shown)
    return {"cited_by": [backlink_summary(e, cs) for e, cs in shown], "cited_by_total": len(rows),
            "cited_by_all": links.cites_path(target) if more and target else None}
