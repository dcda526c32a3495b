"""The Whoosh schema and the mapping Entry → index document."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from whoosh.fields import ID, KEYWORD, TEXT, Schema

from kb.links import law_slug
from kb.model import Entry, Work
from kb.search.whoosh.analyzer import get_analyzer

# Field boosts for BM25F: a word in a heading or an entity name says more about an entry than one
# in running text.
BOOSTS = {"text": 1.0, "headings": 2.5, "entities": 1.8}
TEXT_FIELDS = tuple(BOOSTS)
__all__ = ["BOOSTS", "TEXT_FIELDS", "build_schema", "document"]


def build_schema(analyzer_name: str = "german") -> Schema:
    ana = get_analyzer(analyzer_name)
    return Schema(
        # Sortable (column) fields double as per-document arrays for facet counting.
        id=ID(stored=True, unique=True, sortable=True),
        work=ID(sortable=True),
        law=ID(sortable=True),
        para=ID(sortable=True),
        labels=ID(sortable=True),  # the entry's entity labels, space-separated, for the label facet
        rz=ID,
        rz_sort=ID,
        kind=ID,
        text=TEXT(analyzer=ana, phrase=True, field_boost=BOOSTS["text"]),
        headings=TEXT(analyzer=ana, phrase=True, field_boost=BOOSTS["headings"]),
        entities=TEXT(analyzer=ana, phrase=True, field_boost=BOOSTS["entities"]),
        entity=KEYWORD(lowercase=True),
        label=KEYWORD(lowercase=True),
        cites=KEYWORD(commas=True, lowercase=True),
    )


def document(entry: Entry, work: Work | None = None, cites: Iterable[str] = ()) -> dict[str, Any]:
    """The index document of ``entry``; ``cites``: the keys it is filed under (:func:`kb.citations.keys.filed_keys`)."""
    headings = list(entry.headings)
    if entry.title:
        headings.append(entry.title)
    names: list[str] = []
    for ent in entry.entities:
        names.append(ent.canonical)
        if ent.abbreviation:
            names.append(ent.abbreviation)
    doc: dict[str, Any] = {
        "id": entry.id,
        "work": entry.work,
        "law": law_slug(entry.law),  # the filter value; the facet shows the law key via kb.laws
        "para": entry.paragraph.lower(),
        "kind": str(work.kind) if work else ("statute" if entry.rz is None else "commentary"),
        "text": entry.text,
        "entity": " ".join(sorted({e.id for e in entry.entities})),
        "label": " ".join(sorted({str(e.label).lower() for e in entry.entities})),
        "labels": " ".join(sorted({str(e.label) for e in entry.entities})),
        "cites": ",".join(sorted(set(cites))),
    }
    if headings:
        doc["headings"] = "\n".join(headings)
    if names:
        doc["entities"] = "\n".join(dict.fromkeys(names))
    if entry.rz is not None:
        doc["rz"] = entry.rz.label
        doc["rz_sort"] = entry.rz.sort_string
    return {k: v for k, v in doc.items() if v != ""}
