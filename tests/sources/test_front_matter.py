"""Shapes users hold beyond the plain files: YAML front matter (Markdown, static-site HTML), in-place
<footnote> elements, Word's lock files beside their documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.sources import SourceError, discover, parse_path
from kb.model import BlockKind

MARKDOWN = """---
title: Kommentar zu § 31 SGB II
law: SGB II
paragraph: 31
authors:
  - A. Autorin
  - B. Autor
edition: 2024-01-01
---
# A. Pflichtverletzungen

Rz. 1 Eine Pflichtverletzung setzt eine Belehrung voraus.

Rz. 2 Die Belehrung muss konkret sein.
"""


def test_markdown_with_yaml_front_matter(tmp_path: Path) -> None:
    src = tmp_path / "kommentar.md"
    src.write_text(MARKDOWN, "utf-8")
    parsed = parse_path(src)
    w = parsed.work
    assert (w.slug, w.law, w.paragraph, w.title) == ("sgb-2-31", "SGB 2", "31", "Kommentar zu § 31 SGB II")
    assert w.authors == ("A. Autorin", "B. Autor") and w.edition == "2024-01-01"  # a YAML date stays text
    assert [e.rz.label for e in parsed.entries if e.rz] == ["1", "2"]
    assert parsed.entries[0].headings == ("A. Pflichtverletzungen",)
    assert parsed.entries[0].location is not None and parsed.entries[0].location.line == 12  # file lines kept
    assert parsed.problems == ()


def test_a_rule_at_the_top_is_text_not_front_matter(tmp_path: Path) -> None:
    src = tmp_path / "k.md"
    src.write_text("---\nEin Vorspann ohne Schlüssel.\n---\nRz. 1 Text.\n", "utf-8")
    parsed = parse_path(src)
    assert "Ein Vorspann ohne Schlüssel." in parsed.entries[0].text


def test_broken_yaml_front_matter_names_its_line(tmp_path: Path) -> None:
    src = tmp_path / "k.md"
    src.write_text("---\nlaw: SGB II\ntitle: [unclosed\n---\nRz. 1 Text.\n", "utf-8")
    with pytest.raises(SourceError, match="not valid YAML") as info:
        parse_path(src)
    assert info.value.problem.line is not None and info.value.problem.line >= 3


def test_unknown_front_matter_keys_are_refused_as_in_toml(tmp_path: Path) -> None:
    src = tmp_path / "k.md"
    src.write_text("---\nlaw: SGB II\nparagrph: 31\n---\nRz. 1 Text.\n", "utf-8")
    with pytest.raises(SourceError, match=r"unknown metadata key.*paragrph"):
        parse_path(src)


def test_html_with_yaml_front_matter_and_in_place_footnotes(tmp_path: Path) -> None:
    src = tmp_path / "seite.html"
    src.write_text("---\nlaw: SGB II\nparagraph: 48b\nslug: sgb-2-48b-hugo\n---\n<html><body>\n"
                   '<p>Rz. 1 Die Zielvereinbarung<footnote data-content="BT-Drs. 17/1555, S. 20.">1</footnote> '
                   "ist zu schließen.</p>\n"
                   '<p>Rz. 2 Der Träger prüft.<footnote data-content="Vgl. Rz. 1."></footnote></p>\n'
                   "</body></html>\n", "utf-8")
    parsed = parse_path(src)
    assert parsed.work.slug == "sgb-2-48b-hugo" and parsed.work.law == "SGB 2"
    first, second = parsed.entries
    assert first.text == "Die Zielvereinbarung[1] ist zu schließen.\nBT-Drs. 17/1555, S. 20."
    assert [(b.kind, b.label) for b in first.blocks] == [(BlockKind.PARAGRAPH, None), (BlockKind.FOOTNOTE, "1")]
    assert second.text.endswith("[2]\nVgl. Rz. 1.") and second.blocks[-1].kind is BlockKind.FOOTNOTE
    assert first.location is not None and first.location.line == 7  # the page's own lines, front matter counted


def test_word_lock_files_are_not_sources(tmp_path: Path) -> None:
    (tmp_path / "Bericht.txt").write_text("Rz. 1 Text.\n", "utf-8")
    (tmp_path / "~$Bericht.docx").write_bytes(b"\x00lock")
    problems: list = []
    assert discover([tmp_path], problems=problems) == [tmp_path / "Bericht.txt"] and problems == []
