"""Helpers for the sources tests: write a source (plus optional manifest) into tmp_path and parse it."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from indexer.sources import ParsedSource, parse_path

FIXTURES = Path(__file__).parent / "fixtures"

# When a hypothesis test fails, its pytest plugin imports libcst (to suggest an @example patch), whose
# import emits a DeprecationWarning that -W error turns into an INTERNALERROR hiding the real failure.
# Importing it once here, warnings silenced, keeps failure reports readable.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    with contextlib.suppress(ImportError):
        import libcst.metadata.type_inference_provider  # noqa: F401

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
