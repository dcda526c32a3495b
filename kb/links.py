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

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from kb import laws
from kb.addressees import addressee_of
from kb.citations.label import entity_name, label
from kb.model import (
    ENTITY_LABEL_NAMES,
    ENTRY_NAMES,
    KIND_NAMES,
    BlockKind,
    Citation,
    Entity,
    Entry,
    NormTarget,
    Obligation,
    SourceLocation,
    Unit,
    Work,
    WorkKind,
    slugify,
    statute_units,
)

if TYPE_CHECKING:
    from kb.search.results import Hit
    from kb.store import Lookup

SEARCH = "/search"
COMMENTARIES = "/k"  # works: /k/<work-slug>; Randnummern: /k/<entry-id> (of commentaries, guidance and decisions)
DECISIONS = "/e"  # the court decisions, by court and date
STATUTES = "/g"  # laws: /g/<law-slug>; §§: /g/<law-slug>/<number>
CITE = "/cite"  # resolver: /cite?q=… and /cite/<citation>
CITES = "/cites"  # backlinks: /cites?target=…
ENTITIES = "/entities"  # /entities/<label>/<name>
OBLIGATIONS = "/obligations"  # /obligations/<entity-id>
ADDRESSEES = f"{OBLIGATIONS}/adressat"  # /obligations/adressat/<key>: an addressee named in the text, no entity
NO_ADDRESSEE = f"{OBLIGATIONS}/ohne-adressat"  # the obligations whose text names nobody recognisable
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


def norm_name(law_key: str, number: str) -> str:
    """A statute unit as lawyers name it: ``§ 48b SGB II``, ``Art. 3 GG``; a unit that is no numbered § / Art.
    carries its own designation: ``Anlage zu § 28 SGB XII``."""
    marker = f"{norm_marker(law_key)} " if number[:1].isdigit() else ""
    return f"{marker}{number} {laws.display(law_key)}"


def is_statute_text(entry: Entry) -> bool:
    """A § / Artikel of a statute (served under ``/g/``), not a numbered entry, a decision's part or a preamble."""
    return entry.rz is None and entry.cite_as is None and "preamble" not in entry.flags


def entry_label(entry: Entry) -> str:
    """How a lawyer cites it: ``§ 48b SGB II Rz. 34a`` (commentary), ``§ 48b SGB II`` (statute),
    ``BVerwG, Urteil vom 14.02.2024 – 11 A 7.23, Rn. 12`` or ``…, Leitsatz`` (decision)."""
    if entry.cite_as:
        return f"{entry.cite_as}, " + (f"Rn. {entry.rz.label}" if entry.rz else entry.title or entry_anchor(entry.id))
    if not entry.paragraph:  # guidance numbered on its own ("Rz. 16.1"), not by §
        return f"Rz. {entry.rz.label}" if entry.rz else entry.title or entry_anchor(entry.id)
    base = norm_name(entry.law, entry.paragraph)
    return f"{base} Rz. {entry.rz.label}" if entry.rz else base


def work_label(work: Work) -> str:
    """How a commentary on a § is cited (``§ 48b SGB II``); other works by their title."""
    if not work.paragraph:
        return work.title
    return norm_name(work.law, work.paragraph)


_STAND = re.compile(r"^Stand\b:?\s*", re.IGNORECASE)


def _stand(edition: str | None) -> str | None:
    """A statute's Stand for a citation: "Stand: zuletzt geändert durch Art. 6 G v. 16.8.2023 I Nr. 217" out of
    the edition the build recorded ("Stand: …; Abruf 10.01.2024"); the retrieval date only when that is all."""
    if not edition:
        return None
    parts = [p.strip() for p in edition.split(";") if p.strip()]
    stand = next((p for p in parts if _STAND.match(p)), None)
    if stand is not None:
        return f"Stand: {_STAND.sub('', stand)}"
    if parts and all(p.startswith("Abruf") for p in parts):
        return f"abgerufen am {parts[0].removeprefix('Abruf').strip()}"
    return f"Stand: {edition.strip()}"


def citation_suggestion(work: Work | None, entry: Entry | None = None, unit: NormTarget | None = None) -> str:
    """The Zitiervorschlag of a page, in the form its work's kind is cited in:

    * commentary and guidance — ``Autor/Autor, in: Titel, Auflage/Stand, § 48b SGB II Rz. 34a`` (the work as a
      whole without the Randnummer); missing authors ("Titel, Stand 2024, …") or edition are left out;
    * statute — ``§ 48b Abs. 1 Nr. 4 SGB II (Stand: …)``: the § of ``entry``, or ``unit`` within it;
    * decision — ``BVerwG, Urteil vom 14.02.2024 – 11 A 7.23, Rn. 12`` (``Leitsatz``, ``Tenor`` …), the whole
      decision with its ECLI.
    """
    if work is not None and work.decision is not None:
        if entry is not None:
            return entry_label(entry)
        return work.decision.citation + (f" – {work.decision.ecli}" if work.decision.ecli else "")
    statute = work.kind == WorkKind.STATUTE if work is not None else entry is not None and is_statute_text(entry)
    if statute:
        law = entry.law if entry is not None else work.law  # type: ignore[union-attr]
        if unit is not None and unit.number[:1].isdigit():
            cited = label(replace(unit, law=law, marker=norm_marker(law)))
        else:
            cited = entry_label(entry) if entry is not None else laws.display(law)
        stand = _stand(work.edition) if work is not None else None
        return f"{cited} ({stand})" if stand else cited
    cited = entry_label(entry) if entry is not None else (work_label(work) if work is not None and work.paragraph
                                                          else "")
    if work is None:
        return cited
    authors = "/".join(work.authors)
    source = f"{authors}, in: {work.title}" if authors else work.title
    return ", ".join(part for part in (source, work.edition, cited) if part)


# --------------------------------------------------------------------------- anchors and paths


def absatz_anchor(absatz: str | None, nummer: str | None = None, satz: str | None = None) -> str:
    """Anchor of an Absatz (and Nummer) on a statute page: ``abs-4``, ``abs-1-nr-4``; ``nr-4`` for a Nummer
    of a § that has no numbered Absätze; ``abs-1-satz-2-nr-1`` where one Absatz has lists in two Sätze."""
    tail = (f"-satz-{satz}" if satz and nummer else "") + (f"-nr-{nummer}" if nummer else "")
    return f"abs-{absatz}{tail}" if absatz is not None else tail.lstrip("-")


def _anchored_units(entry: Entry) -> list[tuple[Unit, str, NormTarget]]:
    """Every unit of a statute § (:func:`kb.model.statute_units`) with its anchor and what it is."""
    from kb.citations.resolve import sentence_starts  # kb.citations imports this module: resolve it at call time

    marker = norm_marker(entry.law)
    units = statute_units(entry.blocks)
    absaetze = {u.absatz: (u.start, u.end) for u in reversed(units) if u.nummer is None}  # the first of a number
    paragraphs = [(b.start, b.end) for b in entry.blocks if b.kind is BlockKind.PARAGRAPH]

    def container(u: Unit) -> tuple[int, int]:
        """The Absatz a Nummer stands in, or the paragraph of a § without Absätze."""
        if u.absatz is not None:
            return absaetze.get(u.absatz, (u.start, u.end))
        return next(((s, e) for s, e in paragraphs if s <= u.start and u.end <= e), (0, len(entry.text)))

    # Two lists in one Absatz ("Satz 1 Nr. 1–4", "Satz 2 Nr. 1–3"): their Nummern's anchors name the Satz.
    labels = Counter((container(u), u.nummer) for u in units if u.nummer)
    repeated = {where for (where, _), n in labels.items() if n > 1}
    sentences: dict[tuple[int, int], list[int]] = {}
    out: list[tuple[Unit, str, NormTarget]] = []
    for u in units:
        satz = None
        if u.nummer is not None:
            where = container(u)
            if where not in sentences:
                sentences[where] = sentence_starts(entry.text[where[0]:where[1]])
            if len(sentences[where]) > 1:  # cited with its Satz: § 48b Abs. 1 Satz 1 Nr. 4
                satz = str(bisect.bisect_right(sentences[where], u.start - where[0]))
            if where in repeated and satz is None:
                continue  # two lists whose Sätze cannot be told apart: no anchor rather than the wrong one
            anchor = absatz_anchor(u.absatz, u.nummer, satz if where in repeated else None)
        else:
            anchor = absatz_anchor(u.absatz)
        out.append((u, anchor, NormTarget(entry.law, entry.paragraph, marker, u.absatz, satz, nummer=u.nummer)))
    return out


def statute_anchors(entry: Entry) -> dict[str, NormTarget]:
    """The Absätze and Nummern a statute § page anchors, in text order, each with the unit it is:
    ``{"abs-1": § 48b Abs. 1, "abs-1-nr-4": § 48b Abs. 1 Satz 1 Nr. 4, …}`` (the Satz when the Absatz has
    several); ``nr-2`` for a Nummer of a § without Absätze. The page renderer gives exactly these elements their
    ids (:func:`block_anchors`); a repeated Absatz number keeps its first."""
    units: dict[str, NormTarget] = {}
    for _, anchor, target in _anchored_units(entry):
        units.setdefault(anchor, target)
    return units


def block_anchors(entry: Entry) -> dict[tuple[int, int], str]:
    """The id of each anchored Absatz / Nummer block of a statute §, by its span (start, end)."""
    out: dict[tuple[int, int], str] = {}
    taken: set[str] = set()
    for unit, anchor, _ in _anchored_units(entry):
        if anchor not in taken:
            taken.add(anchor)
            out[(unit.start, unit.end)] = anchor
    return out


def unit_anchor(target: NormTarget, units: Mapping[str, NormTarget]) -> str | None:
    """The deepest anchor of ``target`` among a § page's ``units`` (:func:`statute_anchors`): ``abs-1-nr-4``
    for § 48b Abs. 1 Satz 1 Nr. 4 when the page has that Nummer, else ``abs-1``; None when the page has neither.
    A Nummer cited without its Satz where the Absatz has two lists of Nummern is ambiguous: its Absatz."""
    if target.nummer:
        found = [a for a, u in units.items() if u.nummer == target.nummer and u.absatz == target.absatz
                 and (not target.satz or not u.satz or u.satz == target.satz)]
        if len(found) == 1:
            return found[0]
    if target.absatz and absatz_anchor(target.absatz) in units:
        return absatz_anchor(target.absatz)
    return None


def outline_anchor(headings: Sequence[str]) -> str:
    """Anchor of an outline unit (Kapitel, Abschnitt …) on its statute's page, from its heading path:
    ``gl-kapitel-3-leistungen-abschnitt-1-leistungen-zur-eingliederung-in-arbeit``."""
    return "gl-" + slugify(" ".join(headings))


def entry_anchor(entry_id: str) -> str:
    """Anchor of an entry on its work's page, the tail of its id: ``rz-34a``."""
    return entry_id.rsplit("/", 1)[-1]


def statute_path(law: str) -> str:
    """A statute's list of §§: ``/g/sgb-2``."""
    return f"{STATUTES}/{_segment(law_slug(law))}"


def norm_segment(number: str) -> str:
    """The URL segment of a statute unit, the tail of its entry id: ``48b``; ``anlage-zu-28`` for "Anlage zu
    § 28" (a unit that is no numbered § gets its slug)."""
    return slugify(number)


def norm_path(law: str, number: str, absatz: str | None = None, nummer: str | None = None) -> str:
    """A statute § (and Absatz / Nummer anchor): ``/g/sgb-2/48b#abs-4``, ``/g/sgb-2/48b#abs-1-nr-4``,
    ``/g/sgb-12/anlage-zu-28``."""
    anchor = absatz_anchor(absatz, nummer) if absatz or nummer else None
    return f"{statute_path(law)}/{_segment(norm_segment(number))}" + (f"#{anchor}" if anchor else "")


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


def cites_path(target: str) -> str:
    """Everything citing a norm, Randnummer or decision, paged: ``/cites?target=%C2%A7+6a+SGB+II``."""
    return f"{CITES}?{urlencode({'target': target})}"


def obligations_path(bearer_id: str | None = None) -> str:
    """Everyone's obligations, or one bearer's: ``/obligations/traeger/jobcenter``."""
    return f"{OBLIGATIONS}/{_segment(bearer_id)}" if bearer_id else OBLIGATIONS


def addressee_path(key: str, entity_id: str | None = None) -> str:
    """One addressee's obligations: a bearer entity's (``/obligations/traeger/jobcenter``), an addressee the text
    names (``/obligations/adressat/leistungsberechtigte``), or — ``key`` empty — those naming nobody
    (``/obligations/ohne-adressat``). Entity ids always hold a "/" and no label is "adressat": no clash."""
    if entity_id:
        return obligations_path(entity_id)
    return f"{ADDRESSEES}/{_segment(key)}" if key else NO_ADDRESSEE


# --------------------------------------------------------------------------- summaries


def entry_summary(entry: Entry) -> dict[str, Any]:
    """The short form of an entry in lists, links, suggestions and backlinks."""
    return {
        "id": entry.id, "label": entry_label(entry), "url": entry_path(entry), "work": entry.work,
        "law": entry.law, "paragraph": entry.paragraph, "rz": entry.rz.label if entry.rz else None,
        "title": entry.title, "headings": list(entry.headings),
    }


def work_summary(work: Work) -> dict[str, Any]:
    """A work with its URL, the law as a lawyer writes it, its kind in German, what its entries are called
    (``entries_name``: "Randnummern", a statute's "Vorschriften"), and (decisions) its citation.

    Of its source only what a reader needs: the file's name (``source_file``), its URL and licence — never
    ``source_path``, which names folders of the server that built it."""
    data = {k: v for k, v in work.to_dict().items() if k != "source_path"}
    return {**data, "source_file": source_file(work.source_path), "url": work_url(work),
            "law_display": laws.display(work.law) if work.law else "?",
            "kind_name": KIND_NAMES[work.kind], "entries_name": ENTRY_NAMES[work.kind][1],
            "cite_as": work.decision.citation if work.decision else None}


def source_file(path: str | None) -> str | None:
    """The name of a source file without its folders: ``entscheidungen/bag/1-azr-62-23.html`` → ``1-azr-62-23.html``."""
    return path.replace("\\", "/").rsplit("/", 1)[-1] if path else None


def location_summary(location: SourceLocation | None) -> dict[str, Any] | None:
    """Where an entry stands in its source, for readers: the file's name (``file``), line and element."""
    if location is None:
        return None
    return {"file": source_file(location.path), "line": location.line, "end_line": location.end_line,
            "element": location.element}


def entity_mention(entity: Entity) -> dict[str, Any]:
    """An entity found in a text: the model's fields (``canonical``: the normalised value, e.g. the ISO date
    ``2024-01-01``), plus ``name`` — what a reader is shown ("1. Januar 2024") — and ``label_name``, its kind in
    German."""
    return {**entity.to_dict(), "name": entity_name(entity.label, entity.canonical),
            "label_name": ENTITY_LABEL_NAMES[entity.label][0]}


def entry_detail(entry: Entry) -> dict[str, Any]:
    """The full entry, as an entry's page shows it: the model's fields with the source reduced to what a reader
    needs (``location.file``), entities named for readers, obligations as everywhere (with their addressee)."""
    return {**entry.to_dict(), "location": location_summary(entry.location),
            "entities": [entity_mention(e) for e in entry.entities],
            "obligations": [obligation_summary(entry, o) for o in entry.obligations]}


def hit_summary(hit: Hit) -> dict[str, Any]:
    """One search hit: the entry summary, its score and the escaped snippet with ``<mark>``s; for statute text
    ``anchor`` names the Absatz of the first match shown ("abs-4") and ``url`` points into it."""
    summary = entry_summary(hit.entry)
    if hit.anchor:
        summary["url"] = f"{summary['url']}#{hit.anchor}"
    return {**summary, "score": round(float(hit.score), 4), "snippet_html": hit.snippet_html, "anchor": hit.anchor}


def citation_summary(found: Lookup) -> dict[str, Any]:
    """What a citation typed into the search names when it is no single entry: ``message``, ``url`` (a § page,
    or null), ``suggestions`` (the nearest Randnummern of a missing one) and ``choices`` (a bare "Rz. 34a" in
    several works: its entry in each), both lists of entry summaries."""
    return {"message": found.message, "url": found.url,
            "suggestions": [entry_summary(e) for e in found.suggestions],
            "choices": [entry_summary(e) for e in found.choices]}


def backlink_summary(entry: Entry, citations: Iterable[Citation]) -> dict[str, Any]:
    """One row of "zitiert in": the citing entry and its citations of the target."""
    return {"entry": entry_summary(entry), "citations": [c.to_dict() for c in citations]}


def obligation_summary(entry: Entry, obligation: Obligation) -> dict[str, Any]:
    """An obligation with where it stands; in statute text the source is its Absatz (§ 48b Abs. 4 SGB II); and
    its addressee as the obligation pages group it (``addressee``, ``addressee_key``, ``addressee_url``)."""
    source = entry_summary(entry)
    if obligation.absatz:
        target = NormTarget(entry.law, entry.paragraph, marker=norm_marker(entry.law), absatz=obligation.absatz)
        source = {**source, "label": label(target), "url": f"{source['url']}#{absatz_anchor(obligation.absatz)}"}
    return {**obligation.to_dict(), **_addressee(obligation), "entry": source}


def _addressee(obligation: Obligation) -> dict[str, Any]:
    """The addressee keys of an obligation: its group's name (null: nobody recognisable), key and page."""
    who = addressee_of(obligation)
    return {"addressee": who.name if who.recognised else None, "addressee_key": who.key or None,
            "addressee_url": addressee_path(who.key, who.entity_id)}


__all__ = [
    "ADDRESSEES", "ANNOTATE", "API", "API_DOCS", "CITE", "CITES", "COMMENTARIES", "DECISIONS", "ENTITIES",
    "NO_ADDRESSEE", "OBLIGATIONS", "OPENAPI", "SEARCH", "STATUTES", "absatz_anchor", "addressee_path",
    "backlink_summary", "block_anchors", "citation_suggestion", "citation_summary", "cites_path", "entity_mention",
    "entity_path", "entry_anchor", "entry_detail", "entry_label", "entry_path", "entry_summary", "hit_summary",
    "is_statute_text", "law_slug", "location_summary", "norm_marker", "norm_name", "norm_path", "norm_segment",
    "obligation_summary", "obligations_path", "outline_anchor", "rz_path", "source_file", "statute_anchors",
    "statute_path", "unit_anchor", "work_label", "work_path", "work_summary", "work_url",
]
