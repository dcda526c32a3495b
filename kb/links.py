"""How things are named, where they live, and the short form every list shows: spelled once.

* **Labels** — how a lawyer cites an entry: ``§ 48b SGB II Rz. 34a``.
* **The URL scheme** — the web app's permanent paths (``/k/sgb-2-48b/rz-34a``, ``/g/sgb-2/48b#abs-4``,
  ``/entities/ort/landkreis-goettingen`` …). The prefixes below are the only spelling: the blueprints
  in ``web/views/`` route them, and everything that hands out a link (build, read API, CLI, web)
  calls the path functions. Path segments are percent-encoded as the web's router expects.
* **Summaries** — the JSON shapes of an entry, a work, a search hit, a backlink and an obligation in
  lists, used alike by the CLI's ``--json`` and the web's JSON twins (see README, "Web").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from kb import laws
from kb.citations.label import label
from kb.model import KIND_NAMES, Citation, Entry, NormTarget, Obligation, Work, WorkKind, slugify

if TYPE_CHECKING:
    from kb.search.results import Hit

SEARCH = "/search"
COMMENTARIES = "/k"  # works: /k/<work-slug>; Randnummern: /k/<entry-id> (of commentaries, guidance and decisions)
DECISIONS = "/e"  # the court decisions, by court and date
STATUTES = "/g"  # laws: /g/<law-slug>; §§: /g/<law-slug>/<number>
CITE = "/cite"  # resolver: /cite?q=… and /cite/<citation>
CITES = "/cites"  # backlinks: /cites?target=…
ENTITIES = "/entities"  # /entities/<label>/<name>
OBLIGATIONS = "/obligations"  # /obligations/<entity-id>
API = "/api"  # for programs: JSON unless HTML is asked for
ANNOTATE = f"{API}/annotate"
API_DOCS = f"{API}/docs"  # the API described for people, rendered from the OpenAPI document
OPENAPI = "/openapi.json"  # the OpenAPI 3.1 description of every JSON endpoint

# What the web's router leaves unencoded in a path (werkzeug's converters; RFC 3986 sub-delims, ":", "@", "/").
_SAFE = "!$&'()*+,/:;=@"


def _segment(text: str) -> str:
    return quote(text, safe=_SAFE)


# --------------------------------------------------------------------------- labels


def law_slug(key: str) -> str:
    """URL segment of a law: "SGB 2" → "sgb-2"."""
    law = laws.lookup(key)
    return law.slug if law else slugify(key)


def norm_marker(law_key: str) -> str:
    """Constitutions and EU / international law are divided into Artikel, the rest into §§."""
    law = laws.lookup(law_key)
    return "Art." if law is not None and (law.eu or law.key == "GG") else "§"


def is_statute_text(entry: Entry) -> bool:
    """A § / Artikel of a statute (served under ``/g/``), not a numbered entry, a decision's part or a preamble."""
    return entry.rz is None and entry.cite_as is None and "preamble" not in entry.flags


def entry_label(entry: Entry) -> str:
    """How a lawyer cites it: ``§ 48b SGB II Rz. 34a`` (commentary), ``§ 48b SGB II`` (statute),
    ``BVerwG, Urteil vom 14.02.2024 – 11 A 7.23, Rn. 12`` or ``…, Leitsatz`` (decision)."""
    if entry.cite_as:
        return f"{entry.cite_as}, " + (f"Rn. {entry.rz.label}" if entry.rz else entry.title or entry_anchor(entry.id))
    base = f"{norm_marker(entry.law)} {entry.paragraph} {laws.display(entry.law)}"
    return f"{base} Rz. {entry.rz.label}" if entry.rz else base


def work_label(work: Work) -> str:
    """How a commentary on a § is cited (``§ 48b SGB II``); other works by their title."""
    if not work.paragraph:
        return work.title
    return f"{norm_marker(work.law)} {work.paragraph} {laws.display(work.law)}"


# --------------------------------------------------------------------------- anchors and paths


def absatz_anchor(absatz: str, nummer: str | None = None) -> str:
    """Anchor of an Absatz (and Nummer) on a statute page: ``abs-4``, ``abs-1-nr-4``."""
    return f"abs-{absatz}" + (f"-nr-{nummer}" if nummer else "")


def entry_anchor(entry_id: str) -> str:
    """Anchor of an entry on its work's page, the tail of its id: ``rz-34a``."""
    return entry_id.rsplit("/", 1)[-1]


def statute_path(law: str) -> str:
    """A statute's list of §§: ``/g/sgb-2``."""
    return f"{STATUTES}/{_segment(law_slug(law))}"


def norm_path(law: str, number: str, absatz: str | None = None) -> str:
    """A statute § (and Absatz anchor): ``/g/sgb-2/48b#abs-4``."""
    return f"{statute_path(law)}/{_segment(number)}" + (f"#{absatz_anchor(absatz)}" if absatz else "")


def work_path(slug: str) -> str:
    """A commentary's § page with all its Randnummern: ``/k/sgb-2-48b``."""
    return f"{COMMENTARIES}/{_segment(slug)}"


def rz_path(entry_id: str) -> str:
    """The permanent path of a Randnummer by its id: ``/k/sgb-2-48b/rz-34a``."""
    return f"{COMMENTARIES}/{_segment(entry_id)}"


def entry_path(entry: Entry) -> str:
    """The permanent path of an entry: ``/k/sgb-2-48b/rz-34a``, ``/k/bverwg-11-a-7-23/rn-12``, or its § for
    statute text."""
    return norm_path(entry.law, entry.paragraph) if is_statute_text(entry) else rz_path(entry.id)


def work_url(work: Work) -> str:
    """Where a work is shown: a statute's §§ under ``/g/<slug>``, a commentary's § page under ``/k/<slug>``."""
    return f"{STATUTES}/{_segment(work.slug)}" if work.kind == WorkKind.STATUTE else work_path(work.slug)


def entity_path(entity_id: str) -> str:
    """An entity and the Randnummern mentioning it: ``/entities/ort/landkreis-goettingen``."""
    return f"{ENTITIES}/{_segment(entity_id)}"


def obligations_path(bearer_id: str | None = None) -> str:
    """Everyone's obligations, or one bearer's: ``/obligations/traeger/jobcenter``."""
    return f"{OBLIGATIONS}/{_segment(bearer_id)}" if bearer_id else OBLIGATIONS


# --------------------------------------------------------------------------- summaries


def entry_summary(entry: Entry) -> dict[str, Any]:
    """The short form of an entry in lists, links, suggestions and backlinks."""
    return {
        "id": entry.id, "label": entry_label(entry), "url": entry_path(entry), "work": entry.work,
        "law": entry.law, "paragraph": entry.paragraph, "rz": entry.rz.label if entry.rz else None,
        "title": entry.title, "headings": list(entry.headings),
    }


def work_summary(work: Work) -> dict[str, Any]:
    """A work with its URL, the law as a lawyer writes it, its kind in German, and (decisions) its citation."""
    return {**work.to_dict(), "url": work_url(work), "law_display": laws.display(work.law) if work.law else "?",
            "kind_name": KIND_NAMES[work.kind], "cite_as": work.decision.citation if work.decision else None}


def hit_summary(hit: Hit) -> dict[str, Any]:
    """One search hit: the entry summary, its score and the escaped snippet with ``<mark>``s."""
    return {**entry_summary(hit.entry), "score": round(float(hit.score), 4), "snippet_html": hit.snippet_html}


def backlink_summary(entry: Entry, citations: Iterable[Citation]) -> dict[str, Any]:
    """One row of "zitiert in": the citing entry and its citations of the target."""
    return {"entry": entry_summary(entry), "citations": [c.to_dict() for c in citations]}


def obligation_summary(entry: Entry, obligation: Obligation) -> dict[str, Any]:
    """An obligation with where it stands; in statute text the source is its Absatz (§ 48b Abs. 4 SGB II)."""
    source = entry_summary(entry)
    if obligation.absatz:
        target = NormTarget(entry.law, entry.paragraph, marker=norm_marker(entry.law), absatz=obligation.absatz)
        source = {**source, "label": label(target), "url": f"{source['url']}#{absatz_anchor(obligation.absatz)}"}
    return {**obligation.to_dict(), "entry": source}


__all__ = [
    "ANNOTATE", "API", "API_DOCS", "CITE", "CITES", "COMMENTARIES", "DECISIONS", "ENTITIES", "OBLIGATIONS", "OPENAPI",
    "SEARCH", "STATUTES",
    "absatz_anchor", "backlink_summary", "entity_path", "entry_anchor", "entry_label", "entry_path",
    "entry_summary", "hit_summary", "is_statute_text", "law_slug", "norm_marker", "norm_path", "obligation_summary",
    "obligations_path", "rz_path", "statute_path", "work_label", "work_path", "work_summary", "work_url",
]
