"""What a search returns: typed, immutable, JSON-ready."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kb.model import Entry

if TYPE_CHECKING:
    from kb.store import Lookup


@dataclass(frozen=True, slots=True)
class Hit:
    entry: Entry
    score: float
    snippet_html: str  # escaped entry text around the matches, matches wrapped in <mark>
    anchor: str | None = None  # statute text: the Absatz of the first match shown ("abs-4")

    def to_dict(self) -> dict[str, Any]:
        e = self.entry
        return {"id": e.id, "work": e.work, "law": e.law, "paragraph": e.paragraph,
                "rz": e.rz.label if e.rz else None, "title": e.title, "headings": list(e.headings),
                "score": round(self.score, 4), "snippet_html": self.snippet_html, "anchor": self.anchor}


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str  # the indexed value: "SGB 2", "48b", "sgb-2-48b", "ORT"
    label: str  # what to show: "SGB II", "§ 48b", the work title, "ORT"
    count: int
    filter: str  # the query-language filter that narrows to it: law:"SGB 2"

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label, "count": self.count, "filter": self.filter}


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    direct: Entry | None = None  # the entry a citation query names ("§ 48b Rz. 34a")
    hits: tuple[Hit, ...] = ()
    total: int = 0
    page: int = 1
    pagelen: int = 10
    facets: dict[str, tuple[FacetValue, ...]] = field(default_factory=dict)  # law, para, work, label
    suggestion: str | None = None  # "meinten Sie …": the query with misspelt words corrected
    anchor: str | None = None  # for a direct hit on a statute: "abs-4"
    citation: Lookup | None = None  # the query was a citation: what it names (see KnowledgeBase.search)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.pagelen))

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query, "direct": self.direct.to_dict() if self.direct else None,
            "anchor": self.anchor, "total": self.total, "page": self.page, "pagelen": self.pagelen,
            "pages": self.pages, "hits": [h.to_dict() for h in self.hits],
            "facets": {k: [v.to_dict() for v in vals] for k, vals in self.facets.items()},
            "suggestion": self.suggestion,
        }
