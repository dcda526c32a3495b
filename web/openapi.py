"""The OpenAPI 3.1 description of every JSON endpoint, built from the route constants of :mod:`kb.links`.

Served as ``/openapi.json`` and rendered for people as ``/api/docs`` (``web/views/docs.py``). Paths are put
together from the prefixes in ``kb.links`` (never retyped), enumerations from the model's enums, so a
renamed prefix or a new work kind changes the document with it. The schemas describe the shapes the
README documents ("Web: URL scheme and JSON"): they *require* the keys every response has today and allow
additional ones, so a payload may grow (paging, Zitiervorschlag …) without breaking a client or the
contract test (``tests/web/test_openapi.py``: schemathesis against a running server).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from kb import links
from kb.model import KIND_NAMES, BlockKind, CitationKind, EntityLabel, Modality, WorkKind
from web.paging import MAX_PAGELEN
from web.views.search import MAX_QUERY

OPENAPI_VERSION = "3.1.0"
API_VERSION = "1"  # bumped when a documented key changes meaning or disappears

Schema = dict[str, Any]

# --------------------------------------------------------------------------- schema helpers


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: Schema) -> Schema:
    """``schema`` or JSON ``null``."""
    if set(schema) == {"type"} and isinstance(schema["type"], str):
        return {"type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


STRING: Schema = {"type": "string"}
INTEGER: Schema = {"type": "integer"}
OPT_STRING = nullable(STRING)
STRINGS = array(STRING)


def obj(required: dict[str, Schema], optional: dict[str, Schema] | None = None, description: str = "") -> Schema:
    """An object with these required and optional properties; other properties are allowed (payloads grow)."""
    schema: Schema = {"type": "object", "required": list(required), "properties": {**required, **(optional or {})}}
    if description:
        schema["description"] = description
    return schema


def extend(base: str, required: dict[str, Schema], optional: dict[str, Schema] | None = None,
           description: str = "") -> Schema:
    """A component ``base`` with more properties (e.g. an entry summary plus its ``anchor``)."""
    schema: Schema = {"allOf": [ref(base), obj(required, optional)]}
    if description:
        schema["description"] = description
    return schema


def json_twin(path: str) -> str:
    """The JSON twin of a page (``web.render.JsonSuffix`` strips the suffix before routing)."""
    return f"{path}.json"


# --------------------------------------------------------------------------- components


# the keys of web.paging.Page.to_dict()
PAGING_KEYS: dict[str, Schema] = {
    "page": {"type": "integer", "minimum": 1}, "pagelen": {"type": "integer", "minimum": 1},
    "pages": {"type": "integer", "minimum": 1}, "total": {"type": "integer", "minimum": 0},
    "next": OPT_STRING, "prev": OPT_STRING,
}


# web.paging.embedded_backlinks: "Zitiert in" on a page about something else is its first rows only
EMBEDDED_BACKLINK_KEYS: dict[str, Schema] = {
    "cited_by_total": {"type": "integer", "minimum": 0, "description": "alle zitierenden Stellen"},
    "cited_by_all": {**OPT_STRING, "description": "die geblätterte Liste unter /cites, wenn `cited_by` nicht alle "
                                                  "zeigt; sonst null"},
}


def _schemas() -> dict[str, Schema]:
    entry_summary = {
        "id": {"type": "string", "description": "Stabile Kennung, zugleich Ende der Adresse: `sgb-2-48b/rz-34a`"},
        "label": {"type": "string", "description": "Wie zitiert wird: `§ 48b SGB II Rz. 34a`"},
        "url": {"type": "string", "description": "Dauerhafte Adresse (Pfad) der Seite"},
        "work": {"type": "string", "description": "Kennung (slug) des Werks"},
        "law": {"type": "string", "description": "Gesetz (Schlüssel), z. B. `SGB 2`"},
        "paragraph": {"type": "string", "description": "§ / Artikel, z. B. `48b`"},
        "rz": {**OPT_STRING, "description": "Randnummer (`34a`); null bei Gesetzestext"},
        "title": {**OPT_STRING, "description": "Überschrift des § (Gesetz) oder des Teils (Entscheidung)"},
        "headings": {**STRINGS, "description": "Gliederung, äußerste zuerst"},
    }
    decision = obj(
        {"court": STRING, "docket": {"type": "string", "description": "Aktenzeichen"}},
        {"date": {**OPT_STRING, "description": "ISO-Datum `2024-02-14`"}, "doctype": OPT_STRING,
         "ecli": OPT_STRING, "chamber": {**OPT_STRING, "description": "Spruchkörper"}, "norms": STRINGS,
         "lower_courts": {**STRINGS, "description": "Vorinstanzen"}},
        "Gericht, Datum, Aktenzeichen … einer Entscheidung",
    )
    work = obj(
        {"slug": STRING, "title": STRING, "kind": {"type": "string", "enum": [str(k) for k in WorkKind]},
         "law": STRING, "url": {"type": "string", "description": "Seite des Werks"},
         "kind_name": {"type": "string", "enum": list(KIND_NAMES.values()), "description": "Art auf Deutsch"}},
        {"paragraph": OPT_STRING, "authors": STRINGS, "edition": {**OPT_STRING, "description": "Auflage / Stand"},
         "source_url": OPT_STRING, "license": OPT_STRING, "encoding": OPT_STRING,
         "source_file": {**OPT_STRING, "description": "Name der Quelldatei, ohne Ordner"},
         "entries_name": {"type": "string", "description": "wie die Einträge heißen: `Randnummern`, `Vorschriften`"},
         "decision": nullable(ref("Decision")), "law_display": {"type": "string", "description": "`SGB II`"},
         "cite_as": {**OPT_STRING, "description": "Zitierweise einer Entscheidung, sonst null"}},
        "Ein Werk: Kommentierung eines §, Gesetz, Entscheidung oder Weisung (work summary)",
    )
    target = obj(
        {"type": {"type": "string", "enum": ["norm", "rz", "decision"]},
         "key": {"type": "string", "description": "Kanonischer Schlüssel: `SGB 2 § 6a Abs. 2`"}},
        description="Worauf ein Zitat zeigt; weitere Felder je nach `type` (absatz, satz, rz, court, docket …)",
    )
    citation = obj(
        {"kind": {"type": "string", "enum": [str(k) for k in CitationKind]}, "start": INTEGER, "end": INTEGER,
         "text": STRING, "law": OPT_STRING, "url": OPT_STRING, "targets": array(ref("Target"))},
        description="Ein gefundenes Zitat; `start`/`end` sind Zeichenpositionen im Text",
    )
    entity = obj(
        {"label": {"type": "string", "enum": [str(x) for x in EntityLabel]}, "start": INTEGER, "end": INTEGER,
         "text": STRING, "canonical": STRING, "abbreviation": OPT_STRING, "id": STRING},
        {"name": {"type": "string", "description": "wie Leser sie sehen: `1. Januar 2024` statt `2024-01-01`"},
         "label_name": {"type": "string", "description": "Art auf Deutsch: `Träger`"}},
        description="Eine Entität im Text (Träger, Behörde, Ort …)",
    )
    obligation = obj(
        {"modality": {"type": "string", "enum": [str(m) for m in Modality]}, "bearer": STRING, "action": STRING,
         "sentence": STRING, "start": INTEGER, "end": INTEGER, "bearer_id": OPT_STRING, "cue": STRING,
         "absatz": OPT_STRING},
        description="Wer was muss, soll, kann oder nicht darf — aus einem Satz",
    )
    block = obj({"kind": {"type": "string", "enum": [str(k) for k in BlockKind]}, "start": INTEGER, "end": INTEGER,
                 "label": OPT_STRING, "parent": OPT_STRING})
    entry = obj(
        {"id": STRING, "work": STRING, "law": STRING, "paragraph": STRING, "cite_as": OPT_STRING,
         "position": INTEGER, "rz": OPT_STRING, "rz_sort": OPT_STRING, "headings": STRINGS, "title": OPT_STRING,
         "text": STRING, "blocks": array(ref("Block")), "flags": STRINGS, "citations": array(ref("Citation")),
         "entities": array(ref("Entity")), "obligations": array(ref("Obligation"))},
        {"location": nullable(obj({}, {"file": OPT_STRING, "line": nullable(INTEGER), "end_line": nullable(INTEGER),
                                       "element": OPT_STRING}, "Fundort in der Quelle: Dateiname ohne Ordner"))},
        "Der vollständige Eintrag (Randnummer, § oder Teil einer Entscheidung)",
    )
    entry_row = extend("EntrySummary", {"anchor": STRING, "text": STRING,
                                        "html": {"type": "string", "description": "verlinkter Text"}})
    facet_value = obj({"value": STRING, "label": STRING, "count": INTEGER,
                       "filter": {"type": "string", "description": "Filter der Suchsprache: `law:\"SGB 2\"`"}})
    paging = {
        "type": "object",
        "description": "Blättern: dieselben Schlüssel in jeder langen Liste; `next`/`prev` sind fertige Adressen "
                       "(JSON bleibt JSON) oder null an den Enden",
        "properties": PAGING_KEYS,
    }
    by_modality = obj({str(m): array(ref("ObligationSummary")) for m in Modality},
                      description="Pflichten nach Modalität, immer in der Reihenfolge Pflicht, Soll, Kann, Verbot")
    entity_summary = obj({"id": STRING, "label": STRING, "canonical": STRING, "abbreviation": OPT_STRING,
                          "mentions": INTEGER, "entries": INTEGER, "forms": STRINGS},
                         {"name": STRING, "label_name": STRING},
                         description="Eine Entität über die ganze Wissensbasis")
    annotation_context = obj({"law": OPT_STRING, "paragraph": OPT_STRING, "work": OPT_STRING})
    error = obj(
        {"error": obj(
            {"status": INTEGER, "title": STRING, "message": {"type": "string", "description": "auf Deutsch"}},
            {"query": STRING, "suggestions": {"type": "array", "description": "die nächsten Treffer"},
             "hint": STRING, "external_url": STRING,
             "field": {"type": "string", "description": "bei 400: das Feld oder der Parameter, der nicht passt"}})},
        description="Jeder Fehler, mit seinem HTTP-Status",
    )
    return {
        "EntrySummary": obj(entry_summary, description="Kurzform eines Eintrags in Listen, Links und Zitaten"),
        "Work": work,
        "Decision": decision,
        "Hit": extend("EntrySummary", {"score": {"type": "number"},
                                       "snippet_html": {"type": "string", "description": "mit `<mark>`, escaped"}},
                      {"anchor": {**OPT_STRING, "description": "Absatz des Treffers im Gesetzestext: `abs-4`"}},
                      description="Ein Suchtreffer"),
        "Target": target,
        "Citation": citation,
        "Backlink": obj({"entry": ref("EntrySummary"), "citations": array(ref("Citation"))},
                        description="Eine Zeile von „Zitiert in“: der zitierende Eintrag und seine Zitate"),
        "Entity": entity,
        "Obligation": obligation,
        "ObligationSummary": extend("Obligation", {"entry": ref("EntrySummary")}, {
            "addressee": {**OPT_STRING, "description": "der Adressat, wie Leser ihn erkennen"},
            "addressee_key": OPT_STRING,
            "addressee_url": {"type": "string", "description": "Seite aller Pflichten dieses Adressaten"}},
                                    description="Eine Pflicht mit ihrer Fundstelle (bei Gesetzen: dem Absatz)"),
        "Block": block,
        "Entry": entry,
        "EntryRow": entry_row,
        "FacetValue": facet_value,
        "Facets": {"type": "object", "additionalProperties": array(ref("FacetValue")),
                   "description": "Facetten über alle Treffer: kind, law, para, work, label"},
        "Paging": paging,
        "ByModality": by_modality,
        "EntitySummary": entity_summary,
        "Error": error,
        # ------------------------------------------------------------- pages
        "SearchStart": obj({"query": {"const": ""}, "works": array(ref("Work"))},
                           description="Die Suchseite ohne Anfrage: alle Werke"),
        "SearchResults": {"allOf": [ref("Paging"), obj(
            {"query": STRING, "page": INTEGER, "pagelen": INTEGER, "pages": INTEGER, "total": INTEGER,
             "direct": nullable(ref("EntrySummary")), "anchor": OPT_STRING, "suggestion": OPT_STRING,
             "citation": nullable(obj({"message": STRING, "url": OPT_STRING,
                                       "suggestions": array(ref("EntrySummary"))},
                                      {"choices": {**array(ref("EntrySummary")),
                                                   "description": "eine Randnummer ohne Werk: ihr Eintrag je Werk"}})),
             "work": {**OPT_STRING, "description": "das Werk, in dem eine bloße Randnummer gilt (`?work=`)"},
             "hits": array(ref("Hit")), "facets": ref("Facets")})],
            "description": "Treffer einer Seite; eine Fundstelle als Anfrage steht in `direct`"},
        "Works": obj({"works": array(ref("Work"))}),
        "Statutes": obj({"statutes": array(ref("Work"))}),
        "Decisions": obj({"total": INTEGER, "courts": array(obj({"court": STRING, "count": INTEGER,
                                                                  "decisions": array(ref("Work"))}))}),
        "WorkPage": obj({"work": ref("Work"), "label": STRING, "entries": array(ref("EntryRow")),
                         "cited_by": array(ref("Backlink"))},
                        {"statute": nullable(ref("EntrySummary")), "decision": ref("Decision"),
                         "citation_suggestion": {"type": "string", "description": "Zitiervorschlag"},
                         **EMBEDDED_BACKLINK_KEYS},
                        "Ein Werk mit allen Einträgen; eine Entscheidung zusätzlich mit `decision`"),
        "EntryPage": extend("Entry", {
            "url": STRING, "label": STRING, "work_info": nullable(ref("Work")), "html": STRING,
            "prev": nullable(ref("EntrySummary")), "next": nullable(ref("EntrySummary")),
            "statute": nullable(ref("EntrySummary")), "cited_by": array(ref("Backlink")), "entity_ids": STRINGS,
            "citation_suggestion": {"type": "string", "description": "Zitiervorschlag, wie die Art des Werks "
                                                                     "zitiert wird"}}, EMBEDDED_BACKLINK_KEYS,
            description="Eine Randnummer: der volle Eintrag, verlinkt, mit Nachbarn und „Zitiert in“"),
        "OutlineUnit": obj({"heading": OPT_STRING, "entries": {**STRINGS, "description": "Kennungen der §§"},
                            "children": array(ref("OutlineUnit"))}, {"anchor": OPT_STRING},
                           "Eine Gliederungseinheit (Buch, Kapitel, Abschnitt …) mit ihren §§"),
        "StatuteLaw": obj({"work": ref("Work"), "law_display": STRING,
                           "entries": array(extend("EntrySummary", {"anchor": STRING})),
                           "outline": array(ref("OutlineUnit"))},
                          {"stand": OPT_STRING, "external_url": OPT_STRING, "citation_suggestion": OPT_STRING}),
        "Norm": obj({"law": STRING, "law_display": STRING, "number": STRING, "label": STRING,
                     "entry": nullable(extend("Entry", {"html": STRING})), "external_url": STRING,
                     "commentaries": array(ref("Work")), "cited_by": array(ref("Backlink"))},
                    {"statute_url": OPT_STRING, "stand": OPT_STRING,
                     "outline": array(obj({"heading": STRING, "url": OPT_STRING})),
                     "prev": nullable(ref("EntrySummary")), "next": nullable(ref("EntrySummary")),
                     "citation_suggestion": OPT_STRING,
                     "units": array(obj({"anchor": STRING, "label": STRING, "citation_suggestion": STRING})),
                     **EMBEDDED_BACKLINK_KEYS},
                    description="Ein § mit Text (falls in der Wissensbasis), Kommentierungen und Zitaten"),
        "CiteResult": obj({"query": STRING, "url": STRING, "anchor": OPT_STRING, "message": STRING,
                           "entry": nullable(ref("EntrySummary")), "work": nullable(ref("Work"))},
                          description="Wohin eine Fundstelle zeigt"),
        "Cites": obj({"target": STRING, "key": OPT_STRING, "cited_by": array(ref("Backlink"))},
                      {"label": {**OPT_STRING, "description": "das Ziel, wie Leser es schreiben"},
                       **PAGING_KEYS}, "Die zitierenden Stellen, geblättert (50 je Seite)"),
        "Entities": {"allOf": [ref("Paging"), obj(
            {"label": OPT_STRING, "entities": array(ref("EntitySummary"))},
            {"label_name": OPT_STRING,
             "kinds": array(obj({"label": STRING, "name": STRING, "count": INTEGER, "url": STRING}))})]},
        "EntityPage": extend("EntitySummary", {
            "mentioned_in": array(obj({"entry": ref("EntrySummary"), "texts": STRINGS,
                                       "offsets": array({**array(INTEGER), "minItems": 2, "maxItems": 2})})),
            "obligations_url": STRING}),
        "EntityPageP": {"allOf": [ref("EntityPage"), ref("Paging")]},
        "ModalityCounts": obj({str(m): INTEGER for m in Modality}, description="Aussagen je Modalität"),
        "Obligations": {"allOf": [ref("Paging"), obj(
            {"total": {"type": "integer", "description": "Zahl der Adressaten"},
             "obligations": {"type": "integer", "description": "Zahl der Aussagen"},
             "unaddressed": obj({"count": INTEGER, "url": STRING}),
             "bearers": array(obj({"bearer": STRING, "bearer_id": OPT_STRING, "key": STRING, "url": STRING,
                                   "count": INTEGER, "modality_counts": ref("ModalityCounts")}))})],
            "description": "Die Adressaten mit ihren Zahlen, geblättert; die Pflichten stehen unter `url`"},
        "ObligationsOfBearer": {"allOf": [ref("Paging"), obj(
            {"bearer": STRING, "bearer_id": OPT_STRING, "key": OPT_STRING, "entity_url": OPT_STRING,
             "url": STRING, "total": INTEGER, "modality_counts": ref("ModalityCounts"),
             "by_modality": ref("ByModality")})],
            "description": "Die Pflichten eines Adressaten (einer Entität, eines im Text genannten Adressaten "
                           "oder ohne Adressat), nach Modalität, geblättert"},
        "AnnotateRequest": {**obj(
            {"text": {"type": "string", "description": "der Text (UTF-8)"}},
            {"law": {**OPT_STRING, "description": "Gesetz als Kontext, jede Schreibweise: `SGB II`, `SGB 2`"},
             "paragraph": {**OPT_STRING, "description": "§ als Kontext: `48b`"},
             "work": {**OPT_STRING, "description": "Werk als Kontext (slug): `sgb-2-48b`"},
             "format": {"type": ["string", "null"], "enum": ["json", "html", "", None]}},
            description="Andere Felder und eine Verschachtelung tiefer als 20 Ebenen sind ein Fehler 400",
        ), "additionalProperties": False},
        "AnnotateForm": obj({"text": STRING}, {"law": STRING, "paragraph": STRING, "work": STRING,
                                               "format": {"type": "string", "enum": ["json", "html", ""]}}),
        "Annotation": obj({"context": annotation_context, "length": INTEGER, "citations": array(ref("Citation")),
                           "entities": array(ref("Entity")), "obligations": array(ref("Obligation")),
                           "html": {"type": "string", "description": "der Text, escaped und verlinkt"}},
                          description="Zitate, Entitäten und Pflichten eines Textes"),
        "AnnotateDescription": obj({"endpoint": STRING, "method": STRING},
                                   {"max_bytes": INTEGER, "max_chars": INTEGER, "accepts": STRINGS,
                                    "returns": STRING}),
        "OpenAPI": obj({"openapi": STRING, "info": {"type": "object"}, "paths": {"type": "object"}}),
    }


# --------------------------------------------------------------------------- operations

_ERRORS = {
    "400": "Ungültige Anfrage (z. B. Seite keine Zahl, Anfrage nicht verständlich)",
    "404": "Nicht gefunden; `suggestions` nennt, was es in der Nähe gibt",
    "413": "Text zu groß",
    "503": "Keine Wissensbasis gebaut",
}


def _json(schema: Schema) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _responses(ok: str | None, *errors: str, description: str = "Erfolg", redirect: str | None = None,
               html: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if ok is not None:
        content = _json(ref(ok))
        if html:
            content["text/html"] = {"schema": STRING}
        out["200"] = {"description": description, "content": content}
    if redirect:  # a JSON twin's redirect keeps .json (web.render.redirect_to)
        out["301"] = {
            "description": redirect,
            "headers": {"Location": {"description": "das Ziel (bei `.json` wieder dessen JSON)",
                                     "schema": STRING}},
        }
    for code in errors:
        out[code] = {"description": _ERRORS[code], "content": _json(ref("Error"))}
    return out


def _param(name: str, where: str, description: str, schema: Schema | None = None, *, required: bool = False,
           example: str | None = None, **more: str) -> dict[str, Any]:
    """A parameter; ``example`` and ``more`` (summary=value) are real values of the bundled corpus, shown on the
    docs page and sent by schemathesis' examples phase (random slugs would only ever reach the 404s)."""
    param: dict[str, Any] = {"name": name, "in": where, "description": description, "schema": schema or STRING}
    if required or where == "path":
        param["required"] = True
    if example is not None:
        param["examples"] = {"Beispiel": {"value": example}} | {k: {"value": v} for k, v in more.items()}
    return param


def _get(op_id: str, tag: str, summary: str, responses: dict[str, Any], *params: dict[str, Any],
         description: str = "") -> dict[str, Any]:
    op: dict[str, Any] = {"operationId": op_id, "tags": [tag], "summary": summary, "responses": responses}
    if description:
        op["description"] = description
    if params:
        op["parameters"] = list(params)
    return {"get": op}


PAGE = _param("page", "query", "Seite, ab 1", {"type": "integer", "minimum": 1})
PAGELEN = _param("pagelen", "query", "Einträge je Seite (Listen von Entitäten und Pflichten)",
                 {"type": "integer", "minimum": 1, "maximum": MAX_PAGELEN})
WORK = _param("work", "path", "Werk (slug)", example="sgb-2-48b", Entscheidung="bverwg-11-a-7-23",
              Gesetz="sgb-2")
LAW = _param("law", "path", "Gesetz (slug oder Abkürzung)", example="sgb-2")
LABEL = _param("label", "path", "Art der Entität, klein geschrieben", example="ort")
NAME = _param("name", "path", "Name der Entität (slug)", example="landkreis-goettingen")

TAGS = [
    {"name": "Suche", "description": "Volltextsuche; eine Fundstelle als Anfrage springt zum Eintrag"},
    {"name": "Werke", "description": "Kommentierungen, Entscheidungen und ihre Randnummern"},
    {"name": "Gesetze", "description": "Gesetze und ihre §§"},
    {"name": "Zitate", "description": "Fundstellen auflösen, Rückverweise („Zitiert in“)"},
    {"name": "Entitäten und Pflichten", "description": "Träger, Behörden, Orte … und wer was muss"},
    {"name": "Verlinken", "description": "Beliebigen Text verlinken lassen"},
    {"name": "Beschreibung", "description": "Dieses Dokument"},
]


def _paths() -> dict[str, Any]:
    twin = json_twin
    return {
        twin(links.SEARCH): _get(
            "search", "Suche", "Suchen",
            {"200": {"description": "Treffer (`SearchResults`); ohne `q` alle Werke (`SearchStart`)",
                     "content": _json({"anyOf": [ref("SearchResults"), ref("SearchStart")]})}}
            | _responses(None, "400", "503"),
            _param("q", "query", "Suchanfrage (Suchsprache siehe README) oder Fundstelle", {
                "type": "string", "maxLength": MAX_QUERY}, example="Zielvereinbarung", Fundstelle="§ 48b Rz. 34a"),
            PAGE,
            _param("work", "query", "Werk (slug), in dem eine bloße Randnummer („Rz. 34a“) gilt",
                   example="sgb-2-48b"),
            description="Eine Fundstelle als Anfrage (`§ 48b Rz. 34a`) meldet ihren Eintrag in `direct`, statt "
                        "weiterzuleiten wie die HTML-Seite."),
        twin(links.COMMENTARIES): _get("works", "Werke", "Kommentierungen und Weisungen",
                                       _responses("Works", "503")),
        twin(f"{links.COMMENTARIES}/{{work}}"): _get(
            "work", "Werke", "Ein Werk mit allen Randnummern",
            _responses("WorkPage", "404", "503", redirect="Ein Gesetz: weiter zu seiner Seite unter /g"), WORK),
        twin(f"{links.COMMENTARIES}/{{work}}/{{entry}}"): _get(
            "entry", "Werke", "Eine Randnummer (dauerhafte Adresse)",
            _responses("EntryPage", "404", "503", redirect="Gesetzestext: weiter zum § unter /g"),
            WORK, _param("entry", "path", "Randnummer: `rz-34a`, `rn-12`, `leitsatz` …", example="rz-34a",
                         Entscheidung="rn-12")),
        twin(links.DECISIONS): _get("decisions", "Werke", "Entscheidungen nach Gericht",
                                    _responses("Decisions", "503")),
        twin(links.STATUTES): _get("statutes", "Gesetze", "Gesetze in der Wissensbasis",
                                   _responses("Statutes", "503")),
        twin(f"{links.STATUTES}/{{law}}"): _get("statute", "Gesetze", "Die §§ eines Gesetzes",
                                                _responses("StatuteLaw", "404", "503"), LAW),
        twin(f"{links.STATUTES}/{{law}}/{{norm}}"): _get(
            "norm", "Gesetze", "Ein § mit Text, Kommentierungen und Zitaten",
            _responses("Norm", "404", "503"), LAW, _param("norm", "path", "§ / Artikel", example="48b")),
        twin(links.CITE): _get(
            "cite", "Zitate", "Eine Fundstelle auflösen",
            _responses("CiteResult", "400", "404", "503"),
            _param("q", "query", "Fundstelle", required=True, example="§ 48b Rz. 34a SGB II"),
            description="Die HTML-Adresse leitet weiter (302); das JSON nennt `url` stattdessen."),
        twin(f"{links.CITE}/{{citation}}"): _get(
            "citeByPath", "Zitate", "Eine Fundstelle im Pfad auflösen",
            _responses("CiteResult", "400", "404", "503"),
            _param("citation", "path", "Fundstelle", example="§ 48b Abs. 4 SGB II",
                   Entscheidung="BVerwG 11 A 7.23 Rn. 12")),
        twin(links.CITES): _get(
            "cites", "Zitate", "Wer zitiert eine Norm, Randnummer oder Entscheidung",
            _responses("Cites", "400", "404", "503"),
            _param("target", "query", "Norm, Randnummer oder Entscheidung", example="§ 6a SGB II"), PAGE, PAGELEN),
        twin(links.ENTITIES): _get(
            "entities", "Entitäten und Pflichten", "Alle Entitäten", _responses("Entities", "400", "404", "503"),
            PAGE, PAGELEN,
            _param("label", "query", "nur diese Art (Groß-/Kleinschreibung egal)",
                   {"type": "string", "enum": [str(x) for x in EntityLabel]})),
        twin(f"{links.ENTITIES}/{{label}}/{{name}}"): _get(
            "entity", "Entitäten und Pflichten", "Eine Entität und wo sie vorkommt",
            _responses("EntityPageP", "400", "404", "503"), LABEL, NAME, PAGE),
        twin(links.OBLIGATIONS): _get("obligations", "Entitäten und Pflichten", "Pflichten nach Adressat",
                                      _responses("Obligations", "400", "404", "503"), PAGE, PAGELEN),
        twin(f"{links.ADDRESSEES}/{{key}}"): _get(
            "obligationsOfAddressee", "Entitäten und Pflichten", "Die Pflichten eines im Text genannten Adressaten",
            _responses("ObligationsOfBearer", "400", "404", "503"),
            _param("key", "path", "Adressat (normalisiert)", example="behoerde"), PAGE, PAGELEN),
        twin(links.NO_ADDRESSEE): _get(
            "obligationsWithoutAddressee", "Entitäten und Pflichten", "Aussagen ohne erkennbaren Adressaten",
            _responses("ObligationsOfBearer", "400", "404", "503"), PAGE, PAGELEN),
        twin(f"{links.OBLIGATIONS}/{{label}}/{{name}}"): _get(
            "obligationsOf", "Entitäten und Pflichten", "Die Pflichten eines Adressaten",
            _responses("ObligationsOfBearer", "400", "404", "503"), PAGE, PAGELEN,
            _param("label", "path", "Art der Entität, klein geschrieben", example="traeger"),
            _param("name", "path", "Name der Entität (slug)", example="jobcenter")),
        # one path for both methods (the form's twin and the POST): ``.json`` would name the same resource
        links.ANNOTATE: _get("annotateDescription", "Verlinken", "Beschreibung des Verlinkens für Programme",
                             _responses("AnnotateDescription", html=True,
                                        description="JSON; mit `Accept: text/html` das Formular"))
        | {"post": {
            "operationId": "annotate", "tags": ["Verlinken"], "summary": "Einen Text verlinken",
            "description": "Zitate, Entitäten und Pflichten eines Textes. Zitate auf Einträge der Wissensbasis "
                           "verlinken auf diesen Server, andere Normen auf gesetze-im-internet.de. Ohne "
                           "Wissensbasis werden nur externe Links gesetzt. `format=html` (oder `Accept: "
                           "text/html`) liefert nur das verlinkte HTML-Fragment; ein Formular ohne `format=json` "
                           "die HTML-Seite mit dem Ergebnis.",
            "parameters": [
                _param("law", "query", "Gesetz als Kontext (für text/plain)"),
                _param("paragraph", "query", "§ als Kontext (für text/plain)"),
                _param("work", "query", "Werk als Kontext (für text/plain)"),
                _param("format", "query", "Antwortformat", {"type": "string", "enum": ["json", "html"]}),
            ],
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": ref("AnnotateRequest"),
                                     "example": {"text": "nach Abs. 4", "law": "SGB II", "paragraph": "48b"}},
                "application/x-www-form-urlencoded": {"schema": ref("AnnotateForm")},
                "text/plain": {"schema": {"type": "string", "description": "der Text, UTF-8"}},
            }},
            "responses": _responses("Annotation", "400", "413", html=True,
                                    description="Das Ergebnis als JSON, oder als HTML (`format=html`)")
            | {"413": {"description": "Text zu groß: der Body über `max_bytes` oder der Text über `max_chars` "
                                      "Zeichen (beide in der Beschreibung unter GET)",
                       "content": _json(ref("Error"))},
               "503": {"description": "Dieser Server annotiert gerade andere lange Texte; nach `Retry-After` "
                                      "Sekunden erneut versuchen",
                       "headers": {"Retry-After": {"description": "Sekunden", "schema": INTEGER}},
                       "content": _json(ref("Error"))}},
        }},
        links.OPENAPI: _get("openapi", "Beschreibung", "Dieses Dokument (OpenAPI 3.1)", _responses("OpenAPI")),
    }


@cache
def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document (built once per process: it depends on code only, not on the build). Shared:
    callers must not change it."""
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Randnummer",
            "version": API_VERSION,
            "summary": "Kommentare, Gesetze und Entscheidungen, adressierbar nach Randnummer",
            "description": (
                "Jede Seite hat ein JSON-Gegenstück: `.json` an den Pfad hängen (oder `Accept: application/json`). "
                "Die Schemas verlangen die Schlüssel, die jede Antwort heute hat; weitere können hinzukommen. "
                "Fehler haben immer die Form `{\"error\": {status, title, message, …}}` mit deutscher Meldung. "
                "Lange Listen blättern mit `page` (ab 1); `next` und `prev` sind die fertigen Adressen."),
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "tags": TAGS,
        "paths": _paths(),
        "components": {"schemas": _schemas()},
    }


__all__ = ["OPENAPI_VERSION", "document", "json_twin", "nullable", "ref"]
