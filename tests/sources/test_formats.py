"""The format table: suffixes, sniffing, what discovery skips, and that one new row is all a format needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.sources import ParsedSource, discover, parse_path
from indexer.sources.formats import FORMATS, SOURCE_SUFFIXES, SourceFormat, format_for
from indexer.sources.metadata import WorkMeta
from kb.model import WorkKind

from .conftest import FIXTURES

SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
            ".xml": "gii-xml", ".docx": "docx", ".doc": "docx", ".pdf": "pdf"}
LAW = ("<dokumente><norm><metadaten><jurabk>SGB 2</jurabk><enbez>§ 1</enbez><titel>Erste</titel></metadaten>"
       "<textdaten><text><Content><P>(1) Die Träger prüfen.</P></Content></text></textdaten></norm></dokumente>")


# ------------------------------------------------------------------------------------------------ the table

def test_the_table_knows_exactly_these_suffixes_and_one_general_row_each() -> None:
    claimed = [suffix for fmt in FORMATS for suffix in fmt.suffixes]
    assert set(claimed) == set(SUFFIXES) == SOURCE_SUFFIXES
    assert all(s.startswith(".") and s == s.lower() for s in claimed)
    general = [suffix for fmt in FORMATS if fmt.claims is None for suffix in fmt.suffixes]
    assert sorted(general) == sorted(SUFFIXES)  # a row that must claim a file never takes a suffix alone


def test_rows_are_in_priority_order() -> None:
    # the specific rows (court decisions) before the general ones of the same suffix; plain text last
    assert [fmt.name for fmt in FORMATS] == ["rii-xml", "gii-xml", "decision-html", "html", "docx", "pdf", "text"]


@pytest.mark.parametrize(("suffix", "name"), SUFFIXES.items())
def test_every_suffix_maps_to_its_format_whatever_the_content(suffix: str, name: str) -> None:
    for data in (b"Rz. 1\nText.\n", b"<!DOCTYPE html><html>", b"<dokumente>"):  # the suffix decides, not a sniff
        assert format_for(Path(f"k{suffix}"), data).name == name
        assert format_for(Path(f"K{suffix.upper()}"), data).name == name


# ------------------------------------------------------------------------------------------------ sniffing

@pytest.mark.parametrize(("name", "data", "expected"), [
    ("gesetz", b'<?xml version="1.0"?>\n<!DOCTYPE dokumente SYSTEM "gii-norm.dtd">\n<dokumente>', "gii-xml"),
    ("gesetz.dat", b"<dokumente builddate='1'>", "gii-xml"),
    ("gesetz", b"\xef\xbb\xbf \r\n\t<DOKUMENTE>", "gii-xml"),  # BOM, whitespace and case do not matter
    ("feed", b'<?xml version="1.0"?><rss>', "text"),  # XML, but not a gesetze-im-internet law
    ("gesetz", b'<?xml version="1.0"?><!--' + b"x" * 2100 + b"--><dokumente>", "text"),  # beyond the sniffed head
    ("seite", b"<!DOCTYPE html><html lang='de'>", "html"),
    ("seite.php", b"\n  <HTML>", "html"),
    ("kommentar", b"Rz. 1\nText.\n", "text"),
    ("entwurf", b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml\x00\x00PK\x03\x04word/document.xml", "docx"),
    ("archiv", b"PK\x03\x04\x14\x00\x08\x00bilder/seite1.png", "text"),  # a ZIP, but not Word's
    ("scan", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdf"),
    ("kommentar.bin", b"\n%pdf-1.4", "pdf"),
    ("kommentar.rtf", b"{\\rtf1 Rz. 1}", "text"),
    ("blob", b"\x00\x01\x02", "text"),  # plain text takes the rest; its decoder rejects binary
])
def test_unknown_or_missing_suffix_is_sniffed(name: str, data: bytes, expected: str) -> None:
    assert format_for(Path(name), data).name == expected


@pytest.mark.parametrize(("source", "copy", "data", "kind"), [
    ("page.html", "seite", (FIXTURES / "publisher_spans.html").read_bytes(), WorkKind.COMMENTARY),
    ("law.xml", "gesetz.dat", LAW.encode("utf-8"), WorkKind.STATUTE),
    ("k.txt", "kommentar", b'+++\nslug = "k-1"\n+++\nRz. 1\nText.\n', WorkKind.COMMENTARY),
])
def test_sniffed_files_parse_as_their_suffixed_twins(tmp_path: Path, source: str, copy: str, data: bytes,
                                                     kind: WorkKind) -> None:
    (tmp_path / source).write_bytes(data)
    (tmp_path / copy).write_bytes(data)
    expected, parsed = parse_path(tmp_path / source), parse_path(tmp_path / copy)
    assert parsed.entries and [e.id for e in parsed.entries] == [e.id for e in expected.entries]
    assert parsed.work.kind is expected.work.kind is kind


# ------------------------------------------------------------------------------------------------ discovery

def test_discover_skips_exactly_what_the_table_does_not_know(tmp_path: Path) -> None:
    known = sorted([f"k{suffix}" for suffix in SUFFIXES] + ["UPPER.HTML"])
    unknown = ["Makefile", "k.txt.bak", "notes.odt", "scan.tiff", "seite.php"]
    for name in known + unknown:
        (tmp_path / name).write_text("x", encoding="utf-8")
    problems: list = []
    found = discover([tmp_path], problems=problems)
    assert sorted(p.name for p in found) == known
    assert sorted(Path(p.path).name for p in problems) == unknown
    listing = "(" + ", ".join(sorted(SUFFIXES)) + ")"
    assert all(p.message.endswith(f"is not a source type {listing}") for p in problems)
    assert {p.message.split(" is ")[0] for p in problems} == {"skipped: no suffix", "skipped: .bak", "skipped: .odt",
                                                               "skipped: .tiff", "skipped: .php"}


def test_a_file_named_explicitly_is_taken_whatever_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "seite.php"
    path.write_text("x", encoding="utf-8")
    assert discover([path]) == [path]


# ------------------------------------------------------------------------------------------------ extension

def test_one_new_row_is_all_a_new_format_needs() -> None:
    def parse_odt(data: bytes, *, path: Path, rel_path: str, meta: WorkMeta) -> ParsedSource:
        raise NotImplementedError

    odt = SourceFormat("odt", (".odt",), lambda head: head.startswith(b"pk\x03\x04") and b"opendocument" in head,
                       parse_odt)
    table = (*FORMATS[:-1], odt, FORMATS[-1])  # before plain text, whose sniff takes anything
    assert format_for(Path("k.odt"), b"", formats=table) is odt
    assert format_for(Path("brief"), b"PK\x03\x04mimetypeapplication/vnd.oasis.opendocument.text", formats=table) is odt
    assert format_for(Path("k.txt"), b"PK\x03\x04", formats=table).name == "text"  # a suffix still decides
    assert [format_for(Path(f"k{s}"), b"", formats=table).name for s in SUFFIXES] == list(SUFFIXES.values())
    assert format_for(Path("k.odt"), b"PK\x03\x04opendocument").name == "text"  # the registered table is untouched


def test_a_table_without_a_catch_all_row_may_find_no_format() -> None:
    with pytest.raises(LookupError, match="no source format"):
        format_for(Path("kommentar"), b"Rz. 1\n", formats=FORMATS[:-1])
