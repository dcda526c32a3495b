"""Fixtures shared by every test folder: corpus paths, ../shared/data, a real built knowledge base."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from kb.store import KnowledgeBase

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SAMPLE = CORPUS / "sgb2-48b-rz33-34a.txt"
SHARED_DATA = REPO.parent / "shared" / "data"


def load_bench(name: str) -> ModuleType:
    """A benchmark script under bench/ imported as a module, so tests can call its parts."""
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses in the script look their module up here
    spec.loader.exec_module(module)
    return module


def write_commentaries(out: Path, files: int, entries: int, first: int, sentence: Callable[[int, int, int], str],
                       name: str = "k{:02d}.txt") -> Path:
    """``files`` plain-text commentaries on § ``first`` … BGB in ``out``, each with Randnummern 1 … ``entries``
    whose text is ``sentence(paragraph, file, rz)``; the file names from ``name`` (the file's number)."""
    for f in range(files):
        p = first + f
        lines = ["+++", f'title = "Kommentar zu § {p} BGB"', 'law = "BGB"', f'paragraph = "{p}"', "+++", ""]
        for rz in range(1, entries + 1):
            lines += [f"Rz. {rz}", sentence(p, f, rz), ""]
        (out / name.format(f)).write_text("\n".join(lines), "utf-8")
    return out


def shared_file(*parts: str) -> Path:
    """A file under ../shared/data, or skip the test saying what is missing."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available here: {path} is absent")
    return path


@pytest.fixture(scope="session")
def sgb2_xml() -> Path:
    return shared_file("laws", "sgb_2.xml")


@pytest.fixture(scope="session")
def ler_dev() -> Path:
    return shared_file("ler", "ler_dev.conll")


@pytest.fixture(scope="session")
def built_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus built once, for real, into a temporary knowledge-base root."""
    from indexer.build import build

    root = tmp_path_factory.mktemp("kb")
    report = build([CORPUS], root)
    assert report.ok, report
    return root


@pytest.fixture(scope="session")
def corpus_kb(built_kb: Path) -> Iterator[KnowledgeBase]:
    """The read API over ``built_kb``, open for the whole session as the web app keeps it."""
    kb = KnowledgeBase.open(built_kb)
    yield kb
    kb.close()


@pytest.fixture(scope="session")
def model_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base published from hand-made model entries (tests/search/model_corpus.py)."""
    from tests.search.model_corpus import publish_model

    root = tmp_path_factory.mktemp("model-kb")
    publish_model(root)
    return root


@pytest.fixture(scope="session")
def model_kb(model_root: Path) -> Iterator[KnowledgeBase]:
    kb = KnowledgeBase.open(model_root)
    yield kb
    kb.close()
