"""POST /api/annotate: text in, citations / entities / obligations with offsets, or linked HTML, out."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import SAMPLE

RZ33 = ("Auf die Vereinbarungen nach Abs. 1 Satz 1 Nr. 4 mit den zugelassenen kommunalen Trägern ist "
        "insbesondere Abs. 4 anzuwenden.")


def test_annotate_json_resolves_relative_citations_in_context(client: FlaskClient) -> None:
    response = client.post("/api/annotate", json={"text": RZ33, "law": "SGB II", "paragraph": "48b"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    assert set(data) == {"context", "length", "citations", "entities", "obligations", "html"}
    assert data["context"] == {"law": "SGB 2", "paragraph": "48b", "work": None}
    keys = [t["key"] for c in data["citations"] for t in c["targets"]]
    assert "SGB 2 § 48b Abs. 1 Satz 1 Nr. 4" in keys and "SGB 2 § 48b Abs. 4" in keys
    for c in data["citations"]:
        assert RZ33[c["start"]:c["end"]] == c["text"]
    for e in data["entities"]:
        assert RZ33[e["start"]:e["end"]] == e["text"]
    assert any(e["label"] == "TRAEGER" for e in data["entities"])


def test_annotate_html_is_escaped_and_linked(client: FlaskClient) -> None:
    text = "<b>Siehe</b> § 6a Abs. 2 SGB II & mehr"
    response = client.post("/api/annotate?format=html", data=text.encode(), content_type="text/plain")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp; mehr" in html
    assert "<a " in html and "§ 6a" in html


def test_annotate_plain_text_defaults_to_json(client: FlaskClient) -> None:
    response = client.post("/api/annotate", data="§ 6a SGB II".encode(), content_type="text/plain")
    assert response.mimetype == "application/json"
    assert response.get_json()["citations"][0]["targets"][0]["key"] == "SGB 2 § 6a"


def test_annotate_accepts_the_form_and_shows_the_result(client: FlaskClient) -> None:
    response = client.post("/api/annotate", data={"text": RZ33, "law": "SGB II", "paragraph": "48b"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "SGB 2 § 48b Abs. 4" in response.get_data(as_text=True)


def test_annotate_whole_sample(client: FlaskClient) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    data = client.post("/api/annotate", json={"text": text, "law": "SGB 2", "paragraph": "48b"}).get_json()
    assert data["length"] == len(text)
    assert {"BMAS", "Landkreis Göttingen"} <= {e["text"] for e in data["entities"]}


def test_annotate_bad_input(client: FlaskClient) -> None:
    assert client.post("/api/annotate", json={"txt": "x"}).status_code == 400
    assert client.post("/api/annotate", json=["x"]).status_code == 400
    assert client.post("/api/annotate", json={"text": "  "}).status_code == 400
    bad = client.post("/api/annotate", json={"text": "§ 1", "law": "Klingonisches Recht"})
    assert bad.status_code == 400 and "Klingonisches" in bad.get_json()["error"]["message"]
    latin1 = client.post("/api/annotate", data="Träger".encode("latin-1"), content_type="text/plain")
    assert latin1.status_code == 400 and "UTF-8" in latin1.get_json()["error"]["message"]
    assert client.post("/api/annotate", json={"text": "x", "format": "pdf"}).status_code == 400


def test_annotate_too_large_is_413_with_a_clear_message(app: Flask) -> None:
    client = app.test_client()
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = client.post("/api/annotate", data=b"a" * (limit + 1), content_type="text/plain")
    assert response.status_code == 413
    error = response.get_json()["error"]
    assert error["status"] == 413 and "zu groß" in error["message"]


def test_annotate_get_describes_the_endpoint(client: FlaskClient) -> None:
    data = client.get("/api/annotate.json").get_json()
    assert data["method"] == "POST" and data["max_bytes"] > 0
    assert client.get("/api/annotate", headers={"Accept": "text/html"}).mimetype == "text/html"
