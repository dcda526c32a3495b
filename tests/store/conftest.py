from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kb.store import KnowledgeBase
from tests.search.model_corpus import publish_model


@pytest.fixture(scope="session")
def model_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("model-kb")
    publish_model(root)
    return root


@pytest.fixture(scope="session")
def model_kb(model_root: Path) -> Iterator[KnowledgeBase]:
    kb = KnowledgeBase.open(model_root)
    yield kb
    kb.close()


@pytest.fixture(scope="session")
def corpus_kb(built_kb: Path) -> Iterator[KnowledgeBase]:
    kb = KnowledgeBase.open(built_kb)
    yield kb
    kb.close()
