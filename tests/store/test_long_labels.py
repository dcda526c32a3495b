"""A real build of a commentary numbered past 9999: every Randnummer is an entry, found by its citation, and a
citation of a five-digit Randnummer in another work points to it (cited_by)."""

from __future__ import annotations

from pathlib import Path

from indexer.build import build
from kb.store import KnowledgeBase

MANIFEST = """\
[[work]]
file = "lang.txt"
slug = "sgb-2-48b"
title = "Langer Kommentar"
law = "SGB II"
paragraph = "48b"

[[work]]
file = "verweis.txt"
slug = "sgb-2-6a"
title = "Kommentar zu § 6a"
law = "SGB II"
paragraph = "6a"
"""


def test_five_digit_randnummern_are_built_found_and_cited(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "manifest.toml").write_text(MANIFEST, encoding="utf-8")
    (src / "lang.txt").write_text("".join(f"Rz. {n}\nDie Erläuterung {n} betrifft die Vereinbarung.\n"
                                          for n in range(9995, 10006)), encoding="utf-8")
    (src / "verweis.txt").write_text("Rz. 1\nZum Verfahren siehe § 48b Rz. 10003 SGB II.\n", encoding="utf-8")
    report = build([src], tmp_path / "kb")
    assert report.ok, report.summary_table()
    assert report.entries_per_work["sgb-2-48b"] == 11
    assert report.problems == ()
    with KnowledgeBase.open(tmp_path / "kb") as kb:
        labels = [e.rz.label for e in kb.entries("sgb-2-48b") if e.rz]
        assert labels == [str(n) for n in range(9995, 10006)]
        found = kb.lookup("§ 48b Rz. 10003 SGB II")
        assert found.entry is not None and found.entry.id == "sgb-2-48b/rz-10003"
        assert found.url == "/k/sgb-2-48b/rz-10003"
        assert kb.lookup("Rz. 10000", work="sgb-2-48b").entry.id == "sgb-2-48b/rz-10000"  # type: ignore[union-attr]
        assert [e.rz.label for e in kb.nearest("sgb-2-48b", "10010") if e.rz] == ["10004", "10005"]
        citing = kb.cited_by(kb.target_key("§ 48b Rz. 10003 SGB II") or "")
        assert [entry.id for entry, _ in citing] == ["sgb-2-6a/rz-1"]
