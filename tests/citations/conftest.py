"""Fixtures for the citation tests: the sample split into its three Randnummern."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.citations import Context

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "sgb2-48b-rz33-34a.txt"
SAMPLE_CONTEXT = Context(law="SGB 2", paragraph="48b", work="sgb-2-48b")


def split_randnummern(text: str) -> dict[str, str]:
    """The bodies of the "Rz. N" sections of a plain-text commentary (test helper, not the parser)."""
    parts = re.split(r"^Rz\. (\d+[a-z]?)[ \t]*\n", text, flags=re.M)
    return {label: body for label, body in zip(parts[1::2], parts[2::2], strict=True)}


@pytest.fixture(scope="session")
def sample_rz() -> dict[str, str]:
    return split_randnummern(SAMPLE.read_text(encoding="utf-8"))
