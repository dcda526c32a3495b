"""Facets as every search engine reports them: counts per value over all hits, each with its filter.

An engine counts; this module names. Values come from the index fields (:mod:`kb.search.fields`):
kinds of work, law slugs, (law slug, §) pairs, work slugs, entity labels; an empty value (a decision
has no law) is no facet value. Each facet value carries the
query-language filter that narrows a search to it (``law:"SGB II" para:48b``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kb import laws
from kb.model import ENTITY_LABEL_NAMES, KIND_NAMES, WorkKind
from kb.search.results import FacetValue

LIMIT = 20  # values per facet: the most frequent

_LAWS_BY_SLUG = {law.slug: law for law in laws.LAWS}
_KINDS = frozenset(k.value for k in WorkKind)
_KIND_ORDER = {k.value: i for i, k in enumerate(KIND_NAMES)}


def _law_key(slug: str) -> str:
    found = _LAWS_BY_SLUG.get(slug)
    return found.key if found else slug


def _law_name(slug: str) -> str:
    found = _LAWS_BY_SLUG.get(slug)
    return found.display if found else slug


def _label_name(value: str) -> str:
    """An entity kind as the index stores it ("ort") by its German name, plural as facets list them ("Orte")."""
    found = next((names for label, names in ENTITY_LABEL_NAMES.items() if label.value.lower() == value.lower()), None)
    return found[1] if found else value


def facet_values(*, kind: Iterable[tuple[str, int]], law: Iterable[tuple[str, int]],
                 para: Iterable[tuple[tuple[str, str], int]], work: Iterable[tuple[str, int]],
                 label: Iterable[tuple[str, int]], work_titles: Mapping[str, str]) -> dict[str, tuple[FacetValue, ...]]:
    """The five facets from (value, count) pairs, each already most frequent first (ties in corpus order);
    ``kind`` is then put in the order of :data:`kb.model.KIND_NAMES` (Kommentar, Gesetz, Entscheidung, …)."""
    return {
        # few values, always in one order (commentary first, as the ranking): the reader finds them in place
        "kind": tuple(FacetValue(v, KIND_NAMES.get(WorkKind(v), v), n, f"kind:{v}")
                      for v, n in sorted(kind, key=lambda vn: _KIND_ORDER.get(vn[0], len(_KIND_ORDER)))
                      if v in _KINDS),
        "law": tuple(FacetValue(_law_key(v), _law_name(v), n, f'law:"{_law_name(v)}"') for v, n in law if v),
        "para": tuple(FacetValue(p, f"§ {p} {_law_name(lw)}", n, f'law:"{_law_name(lw)}" para:{p}')
                      for (lw, p), n in para if lw and p),
        "work": tuple(FacetValue(v, work_titles.get(v, v), n, f"work:{v}") for v, n in work if v),
        "label": tuple(FacetValue(v, _label_name(v), n, f"label:{v}") for v, n in label if v),
    }


__all__ = ["LIMIT", "facet_values"]
