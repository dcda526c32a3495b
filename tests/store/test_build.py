"""indexer.build: the real pipeline on corpus/, the directory layout, atomic switch, failing builds."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from indexer.build import build, publish
from kb.store import KnowledgeBase, KnowledgeBaseMissing, default_root
from kb.store.layout import BUILDS, CURRENT, FORMAT, INDEX, MANIFEST, RECORDS, current_build
from tests.conftest import CORPUS, SAMPLE
from tests.search.model_corpus import works


def test_built_corpus_has_the_sample_entries_in_order(built_kb: Path) -> None:
    kb = KnowledgeBase.open(built_kb)
    try:
        assert [e.rz.label for e in kb.entries("sgb-2-48b") if e.rz] == ["33", "34", "34a"]
        assert kb.entry("sgb-2-48b/rz-34a") is not None
        build_dir = current_build(built_kb)
        assert build_dir is not None and (build_dir / RECORDS).is_file() and (build_dir / INDEX).is_dir()
        assert (build_dir / MANIFEST).is_file()
        assert kb.manifest["entries"] >= 3
    finally:
        kb.close()


def test_current_is_a_relative_symlink_into_builds(built_kb: Path) -> None:
    link = built_kb / CURRENT
    assert link.is_symlink()
    assert os.readlink(link).startswith(BUILDS + "/")


def test_report_summary_table_lists_works_entries_and_warnings(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SAMPLE, src / SAMPLE.name)
    (src / "manifest.toml").write_text((CORPUS / "manifest.toml").read_text("utf-8") + (
        '\n[[include]]\npath = "../../shared/data/laws/sgb_2.xml"\noptional = true\n'), "utf-8")  # absent here
    report = build([src], tmp_path / "kb")
    assert report.ok, report.summary_table()
    table = report.summary_table()
    assert "sgb-2-48b" in table and "commentary" in table and "total" in table
    assert report.entries_per_work["sgb-2-48b"] == 3
    for problem in report.problems:
        assert str(problem) in table
    assert table.splitlines()[-1].startswith("built 3 entries from 1 works")


def test_a_build_failing_halfway_keeps_the_previous_kb_serving(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    first = publish(works(), root)
    assert first.ok
    kb = KnowledgeBase.open(root)
    before = current_build(root)
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SAMPLE, src / SAMPLE.name)
    (src / "zz-broken.txt").write_bytes(b"Rz. 1\n\x00\x01\x02 binary garbage")  # after the good file
    report = build([src], root)
    assert not report.ok
    assert "zz-broken.txt" in (report.error or "")
    assert "zz-broken.txt" in report.summary_table()
    assert current_build(root) == before
    assert sorted(p.name for p in (root / BUILDS).iterdir()) == [before.name]  # no half-written build left
    assert not kb.refresh()
    assert kb.search("Landkreis Göttingen").total == 2  # the previous KB still answers
    assert KnowledgeBase.open(root).entry("sgb-2-48b/rz-40") is not None
    kb.close()


def test_every_unusable_file_is_reported_and_allow_errors_publishes_the_rest(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "aa-empty.txt").write_bytes(b"")
    shutil.copy(SAMPLE, src / SAMPLE.name)
    (src / "manifest.toml").write_text((CORPUS / "manifest.toml").read_text("utf-8") + (
        '\n[[include]]\npath = "../../shared/data/laws/sgb_2.xml"\noptional = true\n'), "utf-8")  # absent here
    (src / "zz-broken.txt").write_bytes(b"Rz. 1\n\x00\x01\x02 binary garbage")
    strict = build([src], tmp_path / "kb")
    assert not strict.ok and current_build(tmp_path / "kb") is None
    failed = {Path(p.path).name for p in strict.errors}
    assert failed == {"aa-empty.txt", "zz-broken.txt"}  # both named, not only the first
    assert "1 more problem" in (strict.error or "")
    assert any("sgb_2.xml" in p.path or "sgb_2.xml" in p.message for p in strict.warnings)  # absent include

    lenient = build([src], tmp_path / "kb", allow_errors=True)
    assert lenient.ok, lenient.summary_table()
    assert {Path(p.path).name for p in lenient.errors} == {"aa-empty.txt", "zz-broken.txt"}
    assert lenient.entries_per_work == {"sgb-2-48b": 3}


def test_missing_source_fails_naming_it(tmp_path: Path) -> None:
    report = build([tmp_path / "nowhere"], tmp_path / "kb")
    assert not report.ok and "nowhere" in (report.error or "")
    assert current_build(tmp_path / "kb") is None


def test_rebuild_switches_and_refresh_follows_and_old_builds_are_pruned(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    assert publish(works(), root).ok
    kb = KnowledgeBase.open(root)
    old = kb.path
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SAMPLE, src / SAMPLE.name)
    shutil.copy(CORPUS / "manifest.toml", src / "manifest.toml")
    assert build([src], root).ok
    assert kb.entry("sgb-2-48b/rz-40") is not None  # still the old build until refreshed
    assert kb.refresh() is True
    assert kb.path != old
    assert kb.entry("sgb-2-48b/rz-40") is None and kb.entry("sgb-2-48b/rz-34a") is not None
    assert kb.refresh() is False
    assert publish(works(), root).ok
    assert len(list((root / BUILDS).iterdir())) == 2  # the current one and the one before
    assert not old.exists()
    kb.close()


def test_duplicate_work_slugs_fail_the_build(tmp_path: Path) -> None:
    results = works()
    report = publish([*results, results[0]], tmp_path / "kb")
    assert not report.ok and "sgb-2-48b" in (report.error or "")


def test_open_without_a_build_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseMissing, match="kb build"):
        KnowledgeBase.open(tmp_path / "empty")


def test_default_root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RANDNUMMER_KB", str(tmp_path / "x"))
    assert default_root() == tmp_path / "x"
    monkeypatch.delenv("RANDNUMMER_KB")
    monkeypatch.chdir(tmp_path)
    assert default_root() == tmp_path / "var" / "kb"


def test_report_to_dict_is_json_ready(tmp_path: Path) -> None:
    import json

    report = publish(works(), tmp_path / "kb")
    data = json.loads(json.dumps(report.to_dict()))
    assert data["ok"] and data["entries"] == 8


def _set_format(build_dir: Path, value: int) -> None:
    manifest = json.loads((build_dir / MANIFEST).read_text("utf-8"))
    manifest["format"] = value
    (build_dir / MANIFEST).write_text(json.dumps(manifest), "utf-8")


def test_a_build_in_another_format_is_refused_with_a_message_to_rebuild(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    assert publish(works(), root).ok
    build_dir = current_build(root)
    assert build_dir is not None
    assert json.loads((build_dir / MANIFEST).read_text("utf-8"))["format"] == FORMAT
    _set_format(build_dir, FORMAT - 1)
    with pytest.raises(KnowledgeBaseMissing, match=rf"format {FORMAT - 1}.*rebuild"):
        KnowledgeBase.open(root)


def test_refresh_keeps_serving_when_the_new_build_cannot_be_read(tmp_path: Path,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    root = tmp_path / "kb"
    assert publish(works(), root).ok
    kb = KnowledgeBase.open(root)
    old = kb.path
    assert publish(works(), root).ok
    new = current_build(root)
    assert new is not None and new.resolve() != old.resolve()
    _set_format(new, FORMAT + 1)
    assert kb.refresh() is False
    assert kb.path == old and kb.entry("sgb-2-48b/rz-34a") is not None
    assert "cannot be read" in caplog.text and str(new) in caplog.text
    assert kb.refresh() is False  # not retried until current moves again
    kb.close()


@pytest.mark.parametrize("victim", ["_entries_*.toc", "*.trm"])
def test_a_damaged_index_is_refused_with_a_message_to_rebuild(tmp_path: Path, victim: str) -> None:
    root = tmp_path / "kb"
    assert publish(works(), root).ok
    build_dir = current_build(root)
    assert build_dir is not None
    for f in (build_dir / INDEX / "part-0").glob(victim):
        f.unlink()
    with pytest.raises(KnowledgeBaseMissing, match=r"cannot be read.*rebuild"):
        KnowledgeBase.open(root)


def test_the_same_source_named_twice_is_built_once_and_a_real_slug_clash_fails(tmp_path: Path) -> None:
    src, other = tmp_path / "src", tmp_path / "elsewhere"
    src.mkdir()
    other.mkdir()
    shutil.copy(SAMPLE, src / SAMPLE.name)
    shutil.copy(CORPUS / "manifest.toml", src / "manifest.toml")
    shutil.copy(SAMPLE, other / SAMPLE.name)  # an identical copy in another folder, same slug
    shutil.copy(CORPUS / "manifest.toml", other / "manifest.toml")
    report = build([src, src / SAMPLE.name, other], tmp_path / "kb")
    assert report.ok, report.summary_table()
    assert report.entries_per_work == {"sgb-2-48b": 3} and report.problems == ()
    (other / SAMPLE.name).write_text(SAMPLE.read_text("utf-8") + "\nRz. 35\nNoch eine Randnummer.\n", "utf-8")
    clash = build([src, other], tmp_path / "kb")
    assert not clash.ok and "sgb-2-48b" in (clash.error or "") and SAMPLE.name in (clash.error or "")
