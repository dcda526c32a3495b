"""Input validation at the web's boundary: every bad field or parameter is a 400 in the one error shape, naming it
(``{"error": {status, title, message, field}}``); a JSON body nested too deep is refused before it is parsed; a
body too large is a 413; a search past its time budget is a 400 saying how to narrow it. Never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from kb import limits
from web.views.api import JSON_FIELDS, json_depth

NOT_STRINGS: list[Any] = [1, 2.5, True, [], ["SGB II"], {}, {"law": "SGB II"}]


def error_of(response: Any, status: int = 400) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["status"] == status and error["title"] and error["message"]
    return error


@pytest.mark.parametrize("field", ["law", "paragraph", "work", "format"])
@pytest.mark.parametrize("value", NOT_STRINGS)
def test_a_context_field_that_is_not_a_string_is_a_400_naming_it(client: FlaskClient, field: str, value: Any) -> None:
    """The issue's reproducer: a number, list or object as law / paragraph / work was a 500."""
    error = error_of(client.post("/api/annotate", json={"text": "§ 6a SGB II", field: value}))
    assert error["field"] == field and f'"{field}"' in error["message"]


@pytest.mark.parametrize("value", [*NOT_STRINGS, None])
def test_text_must_be_a_string(client: FlaskClient, value: Any) -> None:
    error = error_of(client.post("/api/annotate", json={"text": value}))
    assert error["field"] == "text"


def test_null_context_fields_are_absent_ones(client: FlaskClient) -> None:
    body = {"text": "nach Abs. 4", "law": None, "paragraph": None, "work": None, "format": None}
    assert client.post("/api/annotate", json=body).status_code == 200


def test_an_unknown_field_is_a_400_naming_it(client: FlaskClient) -> None:
    """Strict: a misspelt field ("paragraf") would otherwise be ignored silently and the context lost."""
    error = error_of(client.post("/api/annotate", json={"text": "nach Abs. 4", "paragraf": "48b"}))
    assert error["field"] == "paragraf" and all(name in error["message"] for name in JSON_FIELDS)


@pytest.mark.parametrize("body", [b"[]", b"3", b'"text"', b"null", b"true"])
def test_a_body_that_is_not_an_object_is_a_400(client: FlaskClient, body: bytes) -> None:
    error = error_of(client.post("/api/annotate", data=body, content_type="application/json"))
    assert "Objekt" in error["message"] and "field" not in error


@pytest.mark.parametrize("body", [b'{"text": "x"', b"{text: 1}", b"\xff\xfe{", b"", b'{"text": "x"} x',
                                  b'{"text": "x", "law": ' + b"1" * 5000 + b"}"])
def test_a_body_that_is_not_json_is_a_400(client: FlaskClient, body: bytes) -> None:
    error = error_of(client.post("/api/annotate", data=body, content_type="application/json"))
    assert "kein gültiges JSON" in error["message"]


@pytest.mark.parametrize("depth", [limits.MAX_JSON_DEPTH + 1, 1000, 100_000])
def test_a_body_nested_too_deep_is_refused_before_it_is_parsed(client: FlaskClient, depth: int) -> None:
    """The issue's reproducer: a deeply nested body was a RecursionError (500)."""
    arrays = b"[" * depth + b"]" * depth
    objects = b'{"a": ' * depth + b"1" + b"}" * depth
    for inner in (arrays, objects, b"[" * depth):  # valid JSON, and never closed: the depth is what is refused
        body = b'{"text": "x", "law": ' + inner + b"}"
        error = error_of(client.post("/api/annotate", data=body, content_type="application/json"))
        assert "zu tief verschachtelt" in error["message"] and str(limits.MAX_JSON_DEPTH) in error["message"]


def test_nesting_up_to_the_limit_is_read(client: FlaskClient) -> None:
    deep = b"[" * (limits.MAX_JSON_DEPTH - 1) + b"]" * (limits.MAX_JSON_DEPTH - 1)
    error = error_of(client.post("/api/annotate", data=b'{"text": "x", "law": ' + deep + b"}",
                                 content_type="application/json"))
    assert error["field"] == "law"  # parsed: refused for its type, not its depth


def test_json_depth_ignores_brackets_in_strings() -> None:
    assert json_depth(b'{"text": "[[[[{{{{"}') == 1
    assert json_depth(b'{"text": "say \\"[[[[\\" twice"}') == 1
    assert json_depth(b'[[1, [2]], {"a": [[]]}]') == 4
    assert json_depth(b"") == 0 and json_depth(b'"unclosed [[[[') == 0
    assert json_depth(b"[" * 100_000) == 100_000


def test_a_body_too_large_is_a_413(app: Flask) -> None:
    limit = app.config["MAX_CONTENT_LENGTH"]
    body = b'{"text": "' + b"a" * limit + b'"}'
    error = error_of(app.test_client().post("/api/annotate", data=body, content_type="application/json"), 413)
    assert "zu groß" in error["message"]


# --------------------------------------------------------------------------- query parameters


@pytest.mark.parametrize(("url", "field"), [
    ("/search.json?q=Träger&page=0", "page"),
    ("/search.json?q=Träger&page=abc", "page"),
    ("/search.json?q=Träger&page=" + "9" * 5000, "page"),  # more digits than int() reads: a ValueError, a 400
    ("/search.json?q=" + "a" * (limits.MAX_WEB_QUERY_CHARS + 1), "q"),
    ("/search.json?q=" + "(" * 300 + "a" + ")" * 300, "q"),
    ("/search.json?q=(" * 250, "q"),
    ("/search.json?q=a~2%20b~2%20c~2%20d~2%20e~2%20f~2%20g~2%20h~2", "q"),
    ("/search.json?q=law:", "q"),
    ("/entities.json?label=Klingonen", "label"),
    ("/entities.json?pagelen=0", "pagelen"),
    ("/entities.json?pagelen=" + "1" * 50, "pagelen"),
    ("/entities.json?page=-1", "page"),
    ("/cites.json?target=nichts", "target"),
    ("/cite.json?q=%20", "q"),
])
def test_a_bad_parameter_is_a_400_naming_it(client: FlaskClient, url: str, field: str) -> None:
    error = error_of(client.get(url))
    assert error["field"] == field


def test_a_search_past_its_budget_is_a_400_saying_how_to_narrow_it(built_kb: Any) -> None:
    from web import create_app

    app = create_app(built_kb, TESTING=True, SEARCH_TIME_BUDGET=0)  # 0 s: past before the first step
    client = app.test_client()
    error = error_of(client.get("/search.json?q=Träger~"))
    assert error["field"] == "q" and error["message"].startswith("Die Suchanfrage ist zu aufwendig")
    assert "schränken Sie sie ein" in error["message"]
    assert client.get("/search.json?q=§ 48b Rz. 34a SGB II").status_code == 200  # a citation jump: no text search
    assert create_app(built_kb).config["SEARCH_TIME_BUDGET"] == limits.SEARCH_TIME_BUDGET
