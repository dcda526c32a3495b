"""The Whoosh schema and the mapping Entry → index document."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from whoosh.fields import ID, KEYWORD, TEXT, Schema

from kb import laws
from kb.citations.runs import rz_run
from kb.model import Entry, NormTarget, RzTarget, Work
from kb.search.analysis import get_analyzer

# Field boosts for BM25F: a word in a heading or an entity name says more about an entry than one
# in running text.
BOOSTS = {"text": 1.0, "headings": 2.5, "entities": 1.8}
TEXT_FIELDS = tuple(BOOSTS)
__all__ = ["BOOSTS", "TEXT_FIELDS", "build_schema", "cite_key", "cite_keys", "document", "law_slug", "rz_key"]


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


def law_slug(key: str) -> str:
    law = laws.lookup(key)
    return law.slug if law else key.lower().replace(" ", "-")


def cite_key(key: str) -> str:
    """Index form of a citation key: lower case, single spaces, no commas."""
    return " ".join(key.replace(",", " ").split()).lower()


def cite_keys(entry: Entry, numbered: Mapping[str, Sequence[Entry]] | None = None) -> set[str]:
    """Every ancestor key of every target, with and without the law, so that "cites:§ 6a Abs. 2"
    (no law given) and "cites:§ 6a SGB II" both match "§ 6a Abs. 2 Satz 1 Nr. 4 SGB II".

    ``numbered``: each work's numbered entries in order. With it, a cited Randnummer is also filed
    under the law and § of its commentary (:func:`rz_key`), and a run ("Rz. 33 ff.", "Rz. 10–12")
    under every Randnummer it covers, as the record store files it for backlinks.
    """
    keys: set[str] = set()
    for cit in entry.citations:
        for target in cit.targets:
            for key in target.ancestor_keys:
                keys.add(cite_key(key))
            if isinstance(target, NormTarget):
                bookless = NormTarget(None, target.number, target.marker, target.absatz, target.satz,
                                      target.halbsatz, target.nummer, target.buchstabe, target.alternative)
                for key in bookless.ancestor_keys:
                    keys.add(cite_key(key.removeprefix("? ")))
            elif isinstance(target, RzTarget) and target.work and numbered is not None:
                in_work = numbered.get(target.work, ())
                run = rz_run(target, in_work) if (target.end or target.following) else (target.rz,)
                for label in run:
                    keys.add(cite_key(RzTarget(rz=label, work=target.work).key))
                    if in_work:  # as a user writes it: "§ 48b Rz. 34 SGB II", "§ 48b Rz. 34"
                        keys.add(rz_key(in_work[0].law, in_work[0].paragraph, label))
                        keys.add(rz_key(None, in_work[0].paragraph, label))
    return keys


def rz_key(law: str | None, paragraph: str, rz: str) -> str:
    """Index key of a cited Randnummer named by law and § ("sgb 2 § 48b rz. 34"), for cites:."""
    return cite_key(f"{law + ' ' if law else ''}§ {paragraph} Rz. {rz}")


def document(entry: Entry, work: Work | None = None,
             numbered: Mapping[str, Sequence[Entry]] | None = None) -> dict[str, Any]:
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
        "cites": ",".join(sorted(cite_keys(entry, numbered))),
    }
    if headings:
        doc["headings"] = "\n".join(headings)
    if names:
        doc["entities"] = "\n".join(dict.fromkeys(names))
    if entry.rz is not None:
        doc["rz"] = entry.rz.label
        doc["rz_sort"] = entry.rz.sort_string
    return {k: v for k, v in doc.items() if v != ""}
