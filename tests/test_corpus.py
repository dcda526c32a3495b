"""The bundled corpus on its own (no ../shared): what a fresh clone builds and serves."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from indexer.sources import parse_path
from kb.model import WorkKind
from kb.store import KnowledgeBase
from kb.store.layout import MANIFEST
from tests.conftest import CORPUS, REPO


def test_the_corpus_stands_on_its_own() -> None:
    manifest = (CORPUS / "manifest.toml").read_text("utf-8")
    assert "[[include]]" not in manifest and "shared" not in manifest


def test_the_bundled_corpus_builds_without_warnings_into_a_knowledge_base_worth_searching(
        corpus_kb: KnowledgeBase) -> None:
    build = json.loads((corpus_kb.path / MANIFEST).read_text("utf-8"))
    assert build["problems"] == []
    assert build["entries"] >= 2_500
    works = corpus_kb.works()
    decisions = [w for w in works if w.kind == WorkKind.DECISION]
    decision_rn = sum(1 for w in decisions for e in corpus_kb.entries(w.slug) if e.rz is not None)
    assert len(decisions) == 74 and decision_rn >= 1_500
    statutes = {w.law for w in works if w.kind == WorkKind.STATUTE}
    assert statutes == {"SGB 2", "SGB 10", "SGB 12"}
    every_paragraph = [e.id for e in parse_path(CORPUS / "gesetze" / "sgb_2.xml").entries]
    assert [e.id for e in corpus_kb.entries("sgb-2")] == every_paragraph and len(every_paragraph) == 150


def _kb(built_kb: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", *args, "--kb", str(built_kb)], capture_output=True,
                          text=True, cwd=REPO, timeout=120)


def test_show_a_paragraph_of_sgb_ii_and_a_decision_randnummer_by_citation(built_kb: Path) -> None:
    statute = _kb(built_kb, "show", "§ 48b SGB II", "--json")
    assert statute.returncode == 0, statute.stderr
    assert json.loads(statute.stdout)["entry"]["id"] == "sgb-2/48b"
    for citation in ("BVerwG, Urteil vom 14.02.2024 – 11 A 7.23, Rn. 12", "BVerwG 11 A 7.23 Rn. 12",
                     "11 A 7.23 Rn. 12"):
        decision = _kb(built_kb, "show", citation, "--json")
        assert decision.returncode == 0, (citation, decision.stderr)
        data = json.loads(decision.stdout)
        assert data["entry"]["id"] == "bverwg-11-a-7-23/rn-12" and data["url"] == "/k/bverwg-11-a-7-23/rn-12"
        assert data["label"] == "BVerwG, Urteil vom 14.02.2024 – 11 A 7.23, Rn. 12"


def test_a_decision_cited_by_another_is_linked_and_has_backlinks(corpus_kb: KnowledgeBase) -> None:
    citing = corpus_kb.entry("bverwg-20-f-5-22/rn-13")
    assert citing is not None
    cited = next(c for c in citing.citations if "20 F 2.21" in c.text)
    assert cited.url == "/k/bverwg-20-f-2-21/rn-13"
    assert corpus_kb.target_key("BVerwG 20 F 2.21") == "BVerwG 20 F 2.21"
    assert "bverwg-20-f-5-22/rn-13" in [e.id for e, _ in corpus_kb.cited_by("BVerwG 20 F 2.21")]
    assert "bverwg-20-f-5-22/rn-13" in [h.entry.id for h in corpus_kb.search('cites:"BVerwG 20 F 2.21"',
                                                                            pagelen=50).hits]
