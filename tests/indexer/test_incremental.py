"""Incremental builds: what ``kb build`` reuses of the current build gives exactly what a full build gives.

A small corpus of commentaries that cite each other's Randnummern (``vgl. § 103 BGB Rz. 7``), name
entities and lay down obligations is built, then edited, extended, pruned and renamed; the incremental
build of the result must equal a full build of the same sources in every entry's JSON, the works, the
backlinks, entities, obligations, the vocabulary and the results of a query set (ids, order, scores,
totals, facets). ``RANDNUMMER_PART_ENTRIES`` keeps index parts small so that several exist: some are
linked, some written.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from indexer.build import BuildReport, build
from indexer.reuse import PROCESSED
from kb.search.whoosh.index import PART_ENTRIES_ENV
from kb.store import KnowledgeBase
from kb.store.layout import MANIFEST, current_build
from tests.conftest import REPO

RZ = 24
QUERIES = ["Schuldner", "Leistung bewirken", '"Landkreis Göttingen"', "Vereinbarung law:BGB", "Ministerium prüfen",
           "label:ORT", "Fall", "Rz. 7", "§ 103 BGB Rz. 7", "Geänderter Satz", "Bürgschaft", "kind:commentary Fall"]


def commentary(p: int, *, cites: int, rz_prefix: str = "", extra: str = "") -> str:
    """A commentary on § ``p`` BGB whose Randnummern cite the commentary on § ``cites`` BGB."""
    lines = ["+++", f'title = "Kommentar zu § {p} BGB"', 'law = "BGB"', f'paragraph = "{p}"', "+++", ""]
    for rz in range(1, RZ + 1):
        label = f"{rz}{rz_prefix if rz == 7 else ''}"
        lines += [f"Rz. {label}", f"Nach § {p} Abs. 1 BGB hat der Schuldner die Leistung zu bewirken; vgl. "
                  f"§ {cites} BGB Rz. {rz}. Der Landkreis Göttingen soll die Vereinbarung mit dem Ministerium "
                  f"prüfen (Fall {p}-{rz}).{extra}", ""]
    return "\n".join(lines)


def write_corpus(folder: Path, files: dict[str, str]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")


def snapshot(root: Path) -> dict[str, Any]:
    """Everything a reader can see of the current build, as JSON-ready values."""
    kb = KnowledgeBase.open(root)
    try:
        works = [w.to_dict() for w in kb.works()]
        entries = {w["slug"]: [e.to_dict() for e in kb.entries(w["slug"])] for w in works}
        keys = {k for w in works for e in kb.entries(w["slug"]) for c in e.citations
                for k in kb.target_keys(c.text)}
        results = {}
        for q in QUERIES:
            res = kb.search(q, pagelen=50)
            results[q] = {"ids": [h.entry.id for h in res.hits], "scores": [round(h.score, 4) for h in res.hits],
                          "total": res.total, "facets": res.to_dict()["facets"]}
        return {
            "works": works, "entries": entries, "results": results,
            "cited_by": {k: [(e.id, c.text) for e, c in kb.cited_by(k)] for k in sorted(keys)},
            "entities": [s.to_dict() for s in kb.entity_summaries()],
            "obligations": [(e.id, o.to_dict()) for e, o in kb.obligations()],
            "vocabulary": sorted(kb.records.vocabulary()),
        }
    finally:
        kb.close()


def rz_link(snap: dict[str, Any], work: str, rz: int) -> str | None:
    """The link of the Randnummer citation in Rz. ``rz`` of ``work`` (to the commentary it cites)."""
    entry = snap["entries"][work][rz - 1]
    return next(c["url"] for c in entry["citations"] if c["kind"] == "rz")


def built(src: Path, root: Path, **kw: Any) -> BuildReport:
    report = build([src], root, procs=1, **kw)
    assert report.ok, report.summary_table()
    return report


@pytest.fixture(autouse=True)
def _small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PART_ENTRIES_ENV, str(RZ * 3 // 2))  # about two works a part


def test_incremental_builds_equal_full_builds_after_edits_additions_removals_and_renames(tmp_path: Path) -> None:
    src, inc = tmp_path / "src", tmp_path / "inc"
    files = {f"k{p}.txt": commentary(p, cites=p + 1 if p < 109 else 100) for p in range(100, 110)}
    write_corpus(src, files)
    first = built(src, inc)
    assert first.reuse["incremental"] is False and first.reuse["why_full"] == "no previous build"
    assert first.reuse["index_parts_written"] >= 3

    same = built(src, inc)  # nothing changed: everything carried, nothing processed or indexed
    assert (same.reuse["sources_processed"], same.reuse["works_written"], same.reuse["index_parts_written"]) == \
        (0, 0, 0)
    assert same.reuse["records_carried"] == 10 * RZ

    files["k101.txt"] = commentary(101, cites=102, extra=" Geänderter Satz über die Bürgschaft.")  # edited
    files["k103.txt"] = commentary(103, cites=104, rz_prefix="a")  # Rz. 7 → 7a: k102's citation of it breaks
    del files["k105.txt"]  # removed (k104 cites it)
    files["k110.txt"] = commentary(110, cites=100)  # added
    files["renamed-k107.txt"] = files.pop("k107.txt")  # renamed, same work
    write_corpus(src, files)
    report = built(src, inc)
    assert report.reuse["incremental"] and (report.reuse["sources_reused"], report.reuse["sources_processed"]) == (6, 4)
    assert 0 < report.reuse["works_carried"] < 10 and report.reuse["index_parts_linked"] > 0

    full = built(src, tmp_path / "full", full=True)
    assert full.reuse["incremental"] is False and full.reuse["why_full"] == "--full"
    expected = snapshot(tmp_path / "full")
    assert snapshot(inc) == expected
    # the unchanged work k102 still cites Rz. 7 of § 103, which is gone: its link follows; k104's to k105 too
    assert rz_link(expected, "bgb-102", 7) is None and rz_link(expected, "bgb-104", 7) is None
    assert rz_link(expected, "bgb-102", 6) == "/k/bgb-103/rz-6"

    again = built(src, inc, full=True)  # --full over an existing build: the same again
    assert again.reuse["sources_processed"] == 10 and snapshot(inc) == expected


def test_a_cited_randnummer_restored_relinks_the_unchanged_citing_work(tmp_path: Path) -> None:
    src, root = tmp_path / "src", tmp_path / "kb"
    files = {f"k{p}.txt": commentary(p, cites=p + 1) for p in range(200, 204)}
    files["k203.txt"] = commentary(203, cites=200, rz_prefix="a")
    write_corpus(src, files)
    built(src, root)
    before = rz_link(snapshot(root), "bgb-202", 7)
    files["k203.txt"] = commentary(203, cites=200)  # Rz. 7a → Rz. 7: k202's "vgl. § 203 BGB Rz. 7" now resolves
    write_corpus(src, files)
    report = built(src, root)
    assert report.reuse["sources_processed"] == 1 and report.reuse["works_written"] == 2  # k203 and the citing k202
    after = snapshot(root)
    assert before is None and rz_link(after, "bgb-202", 7) == "/k/bgb-203/rz-7"
    built(src, tmp_path / "full", full=True)
    assert after == snapshot(tmp_path / "full")


def test_two_sources_swapping_slugs_and_a_changed_pipeline_build_like_a_full_build(tmp_path: Path) -> None:
    src, root = tmp_path / "src", tmp_path / "kb"
    files = {f"k{p}.txt": commentary(p, cites=p + 1) for p in range(300, 305)}
    write_corpus(src, files)
    built(src, root)
    files["k300.txt"], files["k301.txt"] = files["k301.txt"], files["k300.txt"]  # the files swap their works
    write_corpus(src, files)
    report = built(src, root)
    assert report.reuse["sources_processed"] == 2
    built(src, tmp_path / "full", full=True)
    assert snapshot(root) == snapshot(tmp_path / "full")

    build_dir = current_build(root)
    assert build_dir is not None and any((build_dir / PROCESSED).glob("*.pickle"))
    manifest = json.loads((build_dir / MANIFEST).read_text("utf-8"))
    manifest["pipeline"] = "another version"  # as if the code or a library changed since
    (build_dir / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    report = built(src, root)
    assert report.reuse["incremental"] is False and "pipeline changed" in report.reuse["why_full"]
    assert report.reuse["sources_processed"] == 5 and "full build (pipeline changed" in report.summary_table()


def test_kb_build_reports_its_reuse_in_json_and_full_forces_everything(tmp_path: Path) -> None:
    src, root = tmp_path / "src", tmp_path / "kb"
    write_corpus(src, {f"k{p}.txt": commentary(p, cites=p + 1) for p in range(400, 402)})
    built(src, root)

    def cli(*flags: str) -> dict[str, Any]:
        done = subprocess.run([sys.executable, "-m", "cli", "build", str(src), "--kb", str(root), "--json", *flags],
                              cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
                              timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        return dict(json.loads(done.stdout)["reuse"])

    again = cli()
    assert again["incremental"] and (again["sources_reused"], again["works_carried"]) == (2, 2)
    full = cli("--full")
    assert not full["incremental"] and full["why_full"] == "--full"
    assert (full["sources_processed"], full["works_written"], full["index_parts_linked"]) == (2, 2, 0)
