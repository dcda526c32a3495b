"""The README's sources examples do what the README says."""

from __future__ import annotations

import re
from pathlib import Path

from indexer.sources import parse_path
from kb.model import BlockKind
from tests.conftest import REPO


def section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return text[text.index("<!-- section: sources -->"):text.index("<!-- /section: sources -->")]


def test_plain_text_example(tmp_path: Path) -> None:
    example = re.search(r"### Plain text\n\n```text\n(.*?)```", section(), re.S).group(1)  # type: ignore[union-attr]
    path = tmp_path / "beispiel.txt"
    path.write_text('+++\nlaw = "SGB II"\nparagraph = "48b"\n+++\n' + example, encoding="utf-8")
    parsed = parse_path(path)
    assert [e.rz.label for e in parsed.entries] == ["33", "34", "34a"]
    assert parsed.entries[0].headings == ("A. Allgemeines", "I. Normzweck")
    assert [b.label for b in parsed.entries[0].blocks if b.kind is BlockKind.FOOTNOTE] == ["1"]
    assert "(vgl. Rz. 12)" in parsed.entries[1].text
    assert [b.kind for b in parsed.entries[2].blocks].count(BlockKind.LIST_ITEM) == 2


def test_manifest_example_is_valid(tmp_path: Path) -> None:
    example = re.search(r"```toml\n(.*?)```", section(), re.S).group(1)  # type: ignore[union-attr]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "manifest.toml").write_text(example.replace("https://…", "https://example.org/k"), encoding="utf-8")
    (corpus / "sgb2-48b-rz33-34a.txt").write_text("Rz. 1\nText.\n", encoding="utf-8")
    work = parse_path(corpus / "sgb2-48b-rz33-34a.txt", root=corpus).work
    assert (work.slug, work.law, work.paragraph, work.edition) == ("sgb-2-48b", "SGB 2", "48b", "Stand 01/2024")
