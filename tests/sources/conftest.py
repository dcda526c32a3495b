"""Helpers for the sources tests: write a source (plus optional manifest) into tmp_path and parse it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from indexer.sources import ParsedSource, parse_path

FIXTURES = Path(__file__).parent / "fixtures"

MANIFEST = """\
[[work]]
file = "{name}"
slug = "test-1"
title = "Testkommentar"
law = "SGB II"
paragraph = "1"
{extra}
"""


@pytest.fixture
def parse_text(tmp_path: Path) -> Callable[..., ParsedSource]:
    """parse_text(body, name="k.txt", manifest=True, extra="", encoding="utf-8") → ParsedSource."""

    def parse(body: str | bytes, *, name: str = "k.txt", manifest: bool = True, extra: str = "",
              encoding: str = "utf-8") -> ParsedSource:
        path = tmp_path / name
        path.write_bytes(body if isinstance(body, bytes) else body.encode(encoding))
        if manifest:
            (tmp_path / "manifest.toml").write_text(MANIFEST.format(name=name, extra=extra), encoding="utf-8")
        return parse_path(path, root=tmp_path)

    return parse
