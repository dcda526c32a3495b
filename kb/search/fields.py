"""What the search index holds of an entry: its fields, their boosts, and the mapping Entry → document.

Engine-neutral: every search backend indexes these documents (the Whoosh backend declares them in
its schema). Text fields are analysed (:mod:`kb.search.analysis`); filter fields hold exact values.
"""

from __future__ import annotations

from collections.abc import Iterable

from kb.links import is_statute_text, law_slug
from kb.model import Entry, Work

# Field boosts for BM25F: a word in a heading or an entity name says more about an entry than one
# in running text.
BOOSTS = {"text": 1.0, "headings": 2.5, "entities": 1.8}
TEXT_FIELDS = tuple(BOOSTS)
# Exact-value fields the query language filters on (kind:, law:, para:, rz:, work:, entity:, label:, cites:).
# ``entity`` and ``label`` hold several space-separated values, ``cites`` several comma-separated keys.
FILTER_FIELDS = ("kind", "law", "para", "rz", "work", "entity", "label", "cites")
MULTI_VALUE = {"entity": " ", "label": " ", "cites": ","}
# Per-document values for facets and ranges: ``labels`` (the entity labels, upper case), ``rz_sort``.
FACET_FIELDS = ("kind", "law", "para", "work", "labels")


def document(entry: Entry, work: Work | None = None, cites: Iterable[str] = ()) -> dict[str, str]:
    """The index document of ``entry``; ``cites``: the keys it is filed under (:func:`kb.citations.keys.filed_keys`).

    Empty fields are left out.
    """
    headings = list(entry.headings)
    if entry.title:
        headings.append(entry.title)
    names: list[str] = []
    for ent in entry.entities:
        names.append(ent.canonical)
        if ent.abbreviation:
            names.append(ent.abbreviation)
    doc: dict[str, str] = {
        "id": entry.id,
        "work": entry.work,
        "law": law_slug(entry.law),  # the filter value; the facet shows the law key via kb.laws
        "para": entry.paragraph.lower(),
        "kind": str(work.kind) if work else ("statute" if is_statute_text(entry) else "commentary"),
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


__all__ = ["BOOSTS", "FACET_FIELDS", "FILTER_FIELDS", "MULTI_VALUE", "TEXT_FIELDS", "document"]
