"""Size limits at the CLI: a text over the annotate limit and a 50 MB source are one clear line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.sources import SourceError, parse_path
from indexer.sources.dispatch import MAX_SOURCE_BYTES, MAX_SOURCE_ENV
from kb.annotation import MAX_ANNOTATE_CHARS
from tests.cli.test_cli import assert_one_line_error, kb
from tests.conftest import CORPUS, SAMPLE


def test_annotate_over_the_limit_exits_2_naming_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "lang.txt"
    path.write_text("ä" * (MAX_ANNOTATE_CHARS + 1), "utf-8")
    line = assert_one_line_error(kb("annotate", str(path)), 2)
    assert "lang.txt" in line and f"{MAX_ANNOTATE_CHARS:,}" in line


def test_a_50_mb_source_is_refused_in_one_line_and_the_previous_kb_kept(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    assert kb("build", str(CORPUS / SAMPLE.name), "--kb", str(root)).returncode == 0
    corpus = tmp_path / "gross"
    corpus.mkdir()
    with (corpus / "gross.txt").open("wb") as fh:  # 50 MB of text (sparse: the size is what is checked first)
        fh.write("Rz. 1\nDer Träger muss zahlen.\n".encode())
        fh.truncate(50_000_000)
    assert MAX_SOURCE_BYTES < 50_000_000
    line = assert_one_line_error(kb("build", str(corpus), "--kb", str(root)), 2)
    assert "gross.txt" in line and "too large" in line and MAX_SOURCE_ENV in line
    still = kb("show", "§ 48b Rz. 34a SGB II", "--kb", str(root), "--json")
    assert still.returncode == 0 and json.loads(still.stdout)["entry"]["id"] == "sgb-2-48b/rz-34a"


def test_the_source_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MAX_SOURCE_ENV, "0.001")  # 1,000 bytes
    with pytest.raises(SourceError, match=r"sgb2-48b-rz33-34a\.txt.*too large.*at most 1,000 bytes"):
        parse_path(SAMPLE)
    monkeypatch.setenv(MAX_SOURCE_ENV, "1")
    assert parse_path(SAMPLE).entries
