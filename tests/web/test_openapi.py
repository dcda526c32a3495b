"""The API contract: /openapi.json validates as OpenAPI 3.1, every real answer matches it, and a running server
keeps it under schemathesis.

schemathesis sends generated requests to every operation of a real ``kb serve`` — valid ones and, in its
negative and coverage phases, invalid ones (wrong types, odd characters in paths, ``page=abc``, unsupported
methods …) — and checks that nothing is a server error and that every answer's status code, content type,
headers and body are the documented ones. Generation is derandomized and bounded: reproducible and short.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import schemathesis
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from kb import links
from kb.model import Entry
from kb.store import KnowledgeBase
from web.openapi import document
from web.paging import Page

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance, unsupported_method]

# The document as the code builds it: known at collection time, so every operation becomes its own test
# (schemathesis' fixture-based lazy loading does not run under pytest 9). That the running server serves this
# very document is tested below through schemathesis' own URL loader.
schema = schemathesis.openapi.from_dict(document())


# --------------------------------------------------------------------------- the document


def test_the_document_is_valid_openapi_3_1() -> None:
    doc = document()
    assert doc["openapi"].startswith("3.1")
    validate(doc)  # openapi-spec-validator: the OpenAPI 3.1 meta-schema and its $refs


def test_the_validator_would_notice_a_broken_document() -> None:
    broken = copy.deepcopy(document())
    broken["paths"][f"{links.SEARCH}.json"]["get"]["parameters"][0]["in"] = "body"  # OpenAPI 2's, gone in 3
    with pytest.raises(OpenAPIValidationError):
        validate(broken)


def test_every_json_endpoint_is_described() -> None:
    """Every GET route of the app has its JSON twin in the document (the form's twin describes the POST)."""
    from web import create_app

    app = create_app("/nonexistent")
    doc_paths = set(document()["paths"])
    routed = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule) for rule in app.url_map.iter_rules()
              if "GET" in rule.methods and rule.endpoint not in ("static", "docs.api_docs")}
    described = {p.removesuffix(".json") for p in doc_paths} | {links.OPENAPI.removesuffix(".json")}
    # routes taking a path with slashes are described by their parts: /k/{work}, /k/{work}/{entry} …
    parts = {"{ref}": ["{work}", "{work}/{entry}"], "{entity_id}": ["{label}/{name}"]}
    missing = []
    for route in routed - {"/"}:  # "/" is /search's alias
        options = [route]
        for name, spelled in parts.items():
            if name in route:
                options = [route.replace(name, s) for s in spelled]
        missing += [o for o in options if o not in described]
    assert missing == []
    assert links.ANNOTATE in doc_paths and "post" in document()["paths"][links.ANNOTATE]


def _properties(name: str) -> set[str]:
    """The keys a component documents, through ``allOf``."""
    components = document()["components"]["schemas"]
    found: set[str] = set()
    stack = [components[name]]
    while stack:
        s = stack.pop()
        found |= set(s.get("properties", {}))
        stack += [components[p["$ref"].rsplit("/", 1)[-1]] if "$ref" in p else p for p in s.get("allOf", [])]
    return found


def test_every_key_of_the_summary_shapes_is_documented(corpus_kb: KnowledgeBase, app: Any) -> None:
    """The shapes spelled once in kb/links.py (and the entry record, the paging keys): a key the code adds must
    be added to web/openapi.py too, or the document silently falls behind."""
    entry = corpus_kb.entry("sgb-2-48b/rz-34a")
    assert isinstance(entry, Entry)
    work = corpus_kb.work("sgb-2-48b")
    assert work is not None
    bearer_entry, obligation = next((e, o) for e, o in corpus_kb.obligations(None))
    cited = next(e for e in corpus_kb.entries("sgb-2-48b") if e.citations)
    with app.test_request_context("/"):
        paging = Page(1, 10, 25).to_dict()
    shapes = {
        "EntrySummary": links.entry_summary(entry),
        "Work": links.work_summary(work),
        "Backlink": links.backlink_summary(cited, cited.citations),
        "ObligationSummary": links.obligation_summary(bearer_entry, obligation),
        "Entry": entry.to_dict(),
        "Paging": paging,
    }
    undocumented = {name: sorted(set(data) - _properties(name)) for name, data in shapes.items()}
    assert undocumented == {name: [] for name in shapes}


# --------------------------------------------------------------------------- real answers match the schemas


@cache
def _validator(operation_id: str, status: int) -> OAS31Validator | None:
    """The JSON schema of an operation's answer with this status (None: no JSON body, a redirect)."""
    operation = next(op for item in document()["paths"].values() for op in item.values()
                     if op["operationId"] == operation_id)
    content = operation["responses"][str(status)].get("content", {}).get("application/json")
    if content is None:
        return None
    return OAS31Validator({**content["schema"], "components": document()["components"]})


def _operation(path: str) -> dict[str, Any]:
    for template, item in document()["paths"].items():
        pattern = "".join("[^/]+" if part.startswith("{") else re.escape(part)
                          for part in re.split(r"(\{\w+\})", template))
        if re.fullmatch(pattern, path) and "get" in item:
            return item["get"]
    raise AssertionError(f"no operation describes {path}")


def _real_urls(kb: KnowledgeBase, client: FlaskClient) -> list[str]:
    """JSON twins of real pages of the bundled corpus: every work, law, entity kind and bearer, entries of every
    work, §§ of every statute, resolver and backlink queries — and a few answers that are errors."""
    urls = [f"{links.SEARCH}.json", f"{links.COMMENTARIES}.json", f"{links.STATUTES}.json",
            f"{links.DECISIONS}.json", f"{links.ENTITIES}.json", f"{links.OBLIGATIONS}.json", links.OPENAPI,
            links.ANNOTATE]
    for query in ["Zielvereinbarung", "Träger OR Kommune", "§ 48b Rz. 34a", "§ 48b Abs. 4 SGB II", "§ 999 SGB II Rz. 3",
                  "Rz. 34a", "kind:Entscheidung", '"Landkreis', "Landkreis Göttingen"]:
        urls += [f"{links.SEARCH}.json?q={quote(query)}", f"{links.SEARCH}.json?q={quote(query)}&page=2"]
    for work in kb.works():
        urls.append(f"{links.work_url(work)}.json")
        entries = list(kb.entries(work.slug))
        urls += [f"{links.entry_path(e)}.json" for e in entries[1:3]]  # a decision's first is its rubrum
        urls.append(f"{links.rz_path(entries[0].id)}.json")  # a statute's § by entry id: redirects to /g
    for text in ["§ 48b Rz. 34a SGB II", "§ 48b Abs. 4 SGB II", "BVerwG 11 A 7.23 Rn. 12", "§ 6a SGB II", "Quatsch"]:
        urls += [f"{links.CITE}.json?q={quote(text)}", f"{links.CITE}/{quote(text, safe='')}.json",
                 f"{links.CITES}.json?target={quote(text)}"]
    entities = client.get(f"{links.ENTITIES}.json").get_json()["entities"]
    seen: dict[str, int] = {}
    for e in entities:
        seen[e["label"]] = seen.get(e["label"], 0) + 1
        if seen[e["label"]] <= 2:
            urls.append(f"{links.entity_path(e['id'])}.json")
    urls += [f"{links.ENTITIES}.json?label={label}" for label in seen]
    bearers = client.get(f"{links.OBLIGATIONS}.json").get_json()["bearers"]
    urls += [f"{links.obligations_path(b['bearer_id'])}.json" for b in bearers if b["bearer_id"]][:12]
    urls += [f"{links.COMMENTARIES}/nicht-da.json", f"{links.rz_path('sgb-2-48b/rz-999')}.json",
             f"{links.STATUTES}/klingonisch.json", f"{links.norm_path('SGB 2', '999z')}.json",
             f"{links.SEARCH}.json?page=abc", f"{links.ENTITIES}.json?label=xyz",
             f"{links.entity_path('ort/nirgendwo')}.json", f"{links.obligations_path('ort/nirgendwo')}.json",
             f"{links.CITE}.json"]
    return urls


def test_real_answers_match_the_document(client: FlaskClient, corpus_kb: KnowledgeBase) -> None:
    """Generated requests mostly miss (random slugs are 404s); these are real pages, so every success shape is
    checked against the corpus, not only against the documented examples."""
    problems: list[str] = []
    urls = _real_urls(corpus_kb, client)
    statuses: set[int] = set()
    for url in urls:
        response = client.get(url)
        statuses.add(response.status_code)
        operation = _operation(urlsplit(url).path)
        if str(response.status_code) not in operation["responses"]:
            problems.append(f"{url}: undocumented status {response.status_code}")
            continue
        validator = _validator(operation["operationId"], response.status_code)
        if validator is None:  # a redirect: only its Location is documented
            assert response.headers["Location"].split("?")[0].endswith(".json"), url
            continue
        assert response.mimetype == "application/json", url
        problems += [f"{url}: {err.message} at {list(err.absolute_path)}"
                     for err in validator.iter_errors(response.get_json())][:3]
    assert problems == []
    assert {200, 301, 400, 404} <= statuses and len(urls) > 250


def test_a_payload_that_lost_a_documented_key_does_not_match(client: FlaskClient) -> None:
    operation = _operation("/k/sgb-2-48b/rz-34a.json")
    payload = client.get("/k/sgb-2-48b/rz-34a.json").get_json()
    validator = _validator(operation["operationId"], 200)
    assert validator is not None and validator.is_valid(payload)
    del payload["label"]
    assert not validator.is_valid(payload)
    payload = client.get("/k/sgb-2-48b/rz-34a.json").get_json()
    payload["prev"] = {"id": "sgb-2-48b/rz-34"}  # an entry summary without its other keys
    assert not validator.is_valid(payload)


# --------------------------------------------------------------------------- served


def test_openapi_json_and_its_docs_page(client: FlaskClient) -> None:
    response = client.get(links.OPENAPI)
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.get_json() == document()
    assert client.get(f"{links.API_DOCS}.json").get_json() == document()

    page = client.get(links.API_DOCS, headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert '<html lang="de">' in html and "<h1>API: JSON für Programme</h1>" in html
    assert f'href="{links.OPENAPI}"' in html
    for path, item in document()["paths"].items():
        assert f"<code>{path}</code>" in html
        for op in item.values():
            assert f'id="op-{op["operationId"]}"' in html
    for name in document()["components"]["schemas"]:
        assert f'id="schema-{name}"' in html
    # local assets only: no script, stylesheet or image from anywhere else
    # (the page's own rel=canonical names this server's absolute address, which is no asset)
    assets = re.sub(r'<link rel="canonical" href="[^"]*">', "", html)
    assert not re.search(r"""(?:src|href)="(?:https?:)?//""", assets)
    # every type link points at a schema on the page
    for target in re.findall(r'href="#schema-(\w+)"', html):
        assert f'id="schema-{target}"' in html
    # the site links the docs page
    assert f'href="{links.API_DOCS}"' in client.get(links.COMMENTARIES, headers={"Accept": "text/html"}).get_data(
        as_text=True)


# --------------------------------------------------------------------------- bugs schemathesis found


@pytest.mark.parametrize("field", ["law", "paragraph", "work", "format"])
@pytest.mark.parametrize(("value", "kind"), [(5, "eine Zahl"), (2.5, "eine Zahl"), ([None, None], "eine Liste"),
                                             ({"a": 1}, "ein Objekt"), (True, "ein Wahrheitswert")])
def test_annotate_context_that_is_no_string_is_a_400_naming_the_field(
        client: FlaskClient, field: str, value: Any, kind: str) -> None:
    """Was a 500: the context was used as a string (``laws.lookup(5)``, a list as dict key …)."""
    response = client.post(links.ANNOTATE, json={"text": "nach Abs. 4", field: value})
    assert response.status_code == 400
    message = response.get_json()["error"]["message"]
    assert f'"{field}"' in message and kind in message


def test_annotate_deeply_nested_json_is_a_400(client: FlaskClient) -> None:
    """Was a 500: the JSON parser's RecursionError is no ValueError, so ``get_json(silent=True)`` let it through."""
    body = '{"text": "x", "law": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = client.post(links.ANNOTATE, data=body, content_type="application/json")
    assert response.status_code == 400
    assert "verschachtelt" in response.get_json()["error"]["message"]


def test_annotate_null_context_is_no_context(client: FlaskClient) -> None:
    response = client.post(links.ANNOTATE, json={"text": "§ 6a SGB II", "law": None, "paragraph": None,
                                                 "work": None, "format": None})
    assert response.status_code == 200 and response.get_json()["context"]["law"] is None


def test_405_names_the_allowed_methods(client: FlaskClient) -> None:
    """Was missing: the JSON error replaced werkzeug's answer and dropped its ``Allow`` header (RFC 9110)."""
    response = client.delete("/k/sgb-2-48b.json")
    assert response.status_code == 405 and {"GET", "HEAD"} <= set(response.headers["Allow"].split(", "))
    response = client.put(links.ANNOTATE)
    assert response.status_code == 405 and {"GET", "POST"} <= set(response.headers["Allow"].split(", "))


# --------------------------------------------------------------------------- schemathesis against a real server


@pytest.mark.server
def test_the_running_server_serves_the_document(live_server: str) -> None:
    loaded = schemathesis.openapi.from_url(f"{live_server}{links.OPENAPI}")
    assert loaded.raw_schema == document()
    labels = {result.ok().label for result in loaded.get_all_operations()}
    # loaded from a URL, schemathesis leaves out the operation that serves the document itself
    assert labels | {f"GET {links.OPENAPI}"} == {result.ok().label for result in schema.get_all_operations()}


@pytest.mark.server
@schema.parametrize()
@settings(max_examples=25, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_the_contract(case: schemathesis.Case, live_server: str) -> None:
    case.call_and_validate(base_url=live_server, checks=CHECKS)
