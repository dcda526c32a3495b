"""Fixtures for the NLP tests: the real pipeline and the enriched sample, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.model import Entry
from tests.conftest import SAMPLE


@pytest.fixture(scope="session")
def nlp():
    from kb.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def sample_entries() -> dict[str, Entry]:
    """The sample commentary split by the sources parser and enriched as one work, keyed by Rz. label."""
    from indexer.sources import parse_path
    from kb.nlp import enrich

    parsed = parse_path(SAMPLE)
    return {e.rz.label: e for e in enrich(parsed.entries) if e.rz}


@pytest.fixture(scope="session")
def sgb2_enriched(sgb2_xml: Path) -> dict[str, Entry]:
    """SGB II, one entry per §, enriched; keyed by § number ("48b")."""
    from indexer.sources import parse_path
    from kb.nlp import enrich

    parsed = parse_path(sgb2_xml)
    return {e.paragraph: e for e in enrich(parsed.entries)}
