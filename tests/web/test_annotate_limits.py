"""Bounded annotate work: the text limit (413, German, naming it), long texts in the worker's helper process
(the same result as in the request thread), and 503 with Retry-After when the worker has no place left."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from kb.annotation import MAX_ANNOTATE_CHARS, annotate, make_context
from tests.conftest import SAMPLE
from web.annotating import RETRY_AFTER, Annotator, Busy


def test_text_over_the_limit_is_413_naming_the_limit(app: Flask) -> None:
    text = "Der Träger muss zahlen. " * (MAX_ANNOTATE_CHARS // 24 + 1)
    assert len(text) > MAX_ANNOTATE_CHARS and len(text.encode()) < app.config["MAX_CONTENT_LENGTH"]
    response = app.test_client().post("/api/annotate", json={"text": text})
    assert response.status_code == 413
    message = response.get_json()["error"]["message"]
    assert "zu lang" in message and f"{MAX_ANNOTATE_CHARS:,}".replace(",", ".") in message
    assert f"{len(text):,}".replace(",", ".") + " Zeichen, höchstens" in message  # German digits, comma kept


def test_a_text_at_the_limit_fits_in_the_body_even_escaped(app: Flask) -> None:
    """ensure_ascii JSON (\\u00fc per umlaut, \\n per line break) of a limit-sized German text is accepted."""
    import json

    body = json.dumps({"text": ("Prüfung des Trägers für Ämter.\n" * 40_000)[:MAX_ANNOTATE_CHARS]})
    assert len(body) < app.config["MAX_CONTENT_LENGTH"]


@pytest.fixture(scope="module")
def helper_app(built_kb: Path) -> Flask:
    from web import create_app

    app = create_app(built_kb, TESTING=True, ANNOTATE_INLINE_CHARS=200)  # the sample goes to the helper
    yield app
    app.extensions["randnummer.annotator"].shutdown()


def test_long_text_in_the_helper_process_gives_the_inline_result(helper_app: Flask) -> None:
    text = SAMPLE.read_text("utf-8")
    assert len(text) > 200
    data = helper_app.test_client().post("/api/annotate", json={"text": text, "law": "SGB 2",
                                                                "paragraph": "48b"}).get_json()
    annotator = helper_app.extensions["randnummer.annotator"]
    assert annotator._pool is not None  # it really went to the helper
    expected = annotate(text, make_context(law="SGB 2", paragraph="48b")).to_dict()
    assert data["citations"] == expected["citations"] and data["entities"] == expected["entities"]
    assert data["obligations"] == expected["obligations"] and data["obligations"]


def test_no_place_left_is_503_with_retry_after(helper_app: Flask) -> None:
    annotator: Annotator = helper_app.extensions.setdefault("randnummer.annotator", Annotator(200))
    taken = 0
    while annotator._places.acquire(blocking=False):  # every place taken, as by long annotations running
        taken += 1
    saved, annotator.wait_seconds = annotator.wait_seconds, 0.0
    try:
        with pytest.raises(Busy):
            annotator.annotate("x" * 201, make_context())
        response = helper_app.test_client().post("/api/annotate", json={"text": "Wort " * 100})
        assert response.status_code == 503 and response.headers["Retry-After"] == str(RETRY_AFTER)
        assert "erneut versuchen" in response.get_json()["error"]["message"]
        short = helper_app.test_client().post("/api/annotate", json={"text": "§ 6a SGB II"})
        assert short.status_code == 200  # short texts never wait
    finally:
        annotator.wait_seconds = saved
        for _ in range(taken):
            annotator._places.release()
