"""The Whoosh schema of the index fields (:mod:`kb.search.fields`)."""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, TEXT, Schema

from kb.search.fields import BOOSTS, TEXT_FIELDS
from kb.search.whoosh.analyzer import get_analyzer
from kb.search.whoosh.positions import CompactPositions


def build_schema(analyzer_name: str = "german") -> Schema:
    ana = get_analyzer(analyzer_name)
    schema = Schema(
        # Sortable (column) fields double as per-document arrays for facet counting. Nothing is stored:
        # the searcher maps hits to entries through the id column, the records hold the entries.
        id=ID(unique=True, sortable=True),
        work=ID(sortable=True),
        law=ID(sortable=True),
        para=ID(sortable=True),
        labels=ID(sortable=True),  # the entry's entity labels, space-separated, for the label facet
        rz=ID,
        rz_sort=ID,
        kind=ID(sortable=True),  # commentary / statute / decision / guidance: a filter and a facet
        text=TEXT(analyzer=ana, phrase=True, field_boost=BOOSTS["text"]),
        headings=TEXT(analyzer=ana, phrase=True, field_boost=BOOSTS["headings"]),
        entities=TEXT(analyzer=ana, phrase=True, field_boost=BOOSTS["entities"]),
        entity=KEYWORD(lowercase=True),
        label=KEYWORD(lowercase=True),
        cites=KEYWORD(commas=True, lowercase=True),
    )
    for name in TEXT_FIELDS:  # positions for phrases, in fewer bytes than Whoosh's own format
        schema[name].format = CompactPositions(field_boost=BOOSTS[name])
    return schema


__all__ = ["build_schema"]
