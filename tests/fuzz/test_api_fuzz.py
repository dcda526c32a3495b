"""The web's JSON API under fuzzing (Flask's test client on a small real knowledge base): random JSON bodies for
``POST /api/annotate`` and random query strings for the GET endpoints are answered — a 4xx in the one error
shape at worst — never a 5xx."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from flask import Flask
from hypothesis import example, given
from hypothesis import strategies as st

from tests.fuzz.settings import fuzz
from tests.fuzz.strategies import CITATION_TEXTS, QUERIES
from web.views.api import JSON_FIELDS

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)
# mostly the real fields (to get past the first check), each with any JSON value, sometimes one more
BODIES = st.one_of(
    JSON,
    st.fixed_dictionaries({"text": st.one_of(CITATION_TEXTS, JSON)},
                          optional={name: st.one_of(JSON, st.sampled_from(["SGB II", "48b", "sgb-2-48b", "html",
                                                                           "json", "", "SGB 2", "Klingonisch"]))
                                    for name in JSON_FIELDS[1:]}),
    st.dictionaries(st.sampled_from([*JSON_FIELDS, "extra", ""]), JSON, max_size=6),
)
VALUES = st.one_of(st.text(max_size=30), st.integers(-5, 10**25).map(str), QUERIES,
                   st.sampled_from(["", "0", "-1", "1", "2", "201", "abc", "1e3", "ORT", "Orte", "§ 6a SGB II"]))
ENDPOINTS = ["/search.json", "/entities.json", "/cites.json", "/cite.json", "/obligations.json", "/k/sgb-2-48b.json",
             "/api/annotate.json", "/openapi.json"]
PARAMS = ["q", "page", "pagelen", "work", "label", "target", "format", "bearer"]


@pytest.fixture(scope="module")
def fuzz_app(model_root: Path) -> Flask:
    from web import create_app

    return create_app(model_root, TESTING=True)


def assert_answered(response: Any) -> None:
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    if response.status_code >= 400 and response.mimetype == "application/json":
        error = response.get_json()["error"]
        assert error["status"] == response.status_code and error["message"]
        assert "field" not in error or isinstance(error["field"], str)


@fuzz(200)
@given(BODIES)
@example({"text": "§ 6a", "law": 1})  # the reproducers: a 500 each
@example({"text": "§ 6a", "paragraph": [1]})
@example({"text": "§ 6a", "work": {"a": 1}})
@example({"text": "§§ 1, " * 1700})  # the citation finder's recursion, found by this suite
def test_annotate_answers_any_json_body(fuzz_app: Flask, body: Any) -> None:
    assert_answered(fuzz_app.test_client().post("/api/annotate", data=json.dumps(body),
                                                content_type="application/json"))


@fuzz(60)
@given(st.binary(max_size=300), st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded",
                                                  "multipart/form-data", "application/octet-stream"]))
@example(b"[" * 100_000, "application/json")
@example(b'{"text": "x", "law": ' + b"{" * 50_000, "application/json")
def test_annotate_answers_any_bytes(fuzz_app: Flask, body: bytes, content_type: str) -> None:
    assert_answered(fuzz_app.test_client().post("/api/annotate", data=body, content_type=content_type))


@fuzz(300)
@given(st.sampled_from(ENDPOINTS), st.dictionaries(st.sampled_from(PARAMS), VALUES, max_size=4))
@example("/search.json", {"q": "(" * 250 + "a" + ")" * 250})
@example("/search.json", {"q": "Träger", "page": "9" * 5000})
@example("/entities.json", {"pagelen": "9" * 30})
def test_get_endpoints_answer_any_query_string(fuzz_app: Flask, endpoint: str, params: dict[str, str]) -> None:
    query = urlencode(params, errors="surrogatepass")
    assert_answered(fuzz_app.test_client().get(f"{endpoint}?{query}"))
