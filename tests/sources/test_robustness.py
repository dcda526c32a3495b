"""Encodings, normalisation, empty / binary / unreadable files, metadata and discovery."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from indexer.sources import SourceError, discover, parse_path
from indexer.sources.encoding import decode
from indexer.sources.normalize import normalize_text
from kb.model import Severity

BODY = "Rz. 1\nDie Trägerin prüft die Zuständigkeit – „vorrangig“ nach § 6a.\nRz. 2\nÜbrigens: 5 €.\n"


# ------------------------------------------------------------------------------------------------ encodings

@pytest.mark.parametrize(("data", "encoding", "warned"), [
    (BODY.encode("utf-8"), "utf-8", False),
    (codecs.BOM_UTF8 + BODY.encode("utf-8"), "utf-8-sig", False),
    (BODY.encode("cp1252"), "cp1252", True),
    (BODY.replace("–", "-").replace("„", '"').replace("“", '"').replace("€", "EUR").encode("latin-1"),
     "latin-1", True),
    (codecs.BOM_UTF16_LE + BODY.encode("utf-16-le"), "utf-16", False),
])
def test_encodings_are_detected_and_recorded(parse_text, data: bytes, encoding: str, warned: bool) -> None:
    parsed = parse_text(data)
    assert parsed.work.encoding == encoding
    assert parsed.entries[0].text.startswith("Die Trägerin prüft")
    warnings = [p for p in parsed.problems if "not valid UTF-8" in p.message]
    assert bool(warnings) == warned
    if warned:
        assert encoding in warnings[0].message and warnings[0].line == 2 and warnings[0].path == "k.txt"


def test_declared_encoding_is_used_without_warning(parse_text) -> None:
    parsed = parse_text(BODY.encode("cp1252"), extra='encoding = "cp1252"')
    assert parsed.work.encoding == "cp1252" and parsed.problems == ()


def test_declared_encoding_that_does_not_fit_is_an_error(parse_text) -> None:
    with pytest.raises(SourceError, match="declared encoding 'utf-8'") as info:
        parse_text(BODY.encode("cp1252"), extra='encoding = "utf-8"')
    assert info.value.problem.line == 2


def test_unknown_declared_encoding(parse_text) -> None:
    with pytest.raises(SourceError, match="unknown encoding"):
        parse_text(BODY, extra='encoding = "klingonisch"')


def test_decode_prefers_utf8_for_valid_utf8() -> None:
    assert decode("Grundsätze".encode(), "x").encoding == "utf-8"


# ------------------------------------------------------------------------------------------------ normalisation

@pytest.mark.parametrize(("raw", "clean"), [
    ("a\r\nb\rc\n", "a\nb\nc\n"),
    ("Abs.\u00a04\tSatz\u202f2", "Abs. 4 Satz 2"),
    ("Zielverein\u00adbarung", "Zielvereinbarung"),
    ("\ufb01nanziell \ufb02exibel \ufb00\ufb03\ufb04", "finanziell flexibel ffffiffl"),
    ("Tra\u0308ger", "Träger"),
    ("Fn.¹", "Fn.¹"),  # superscripts (footnote markers) survive
    ("x\u200by", "xy"),
    ("Seite 1\x0cSeite 2\n", "Seite 1 Seite 2\n"),  # a PDF page break keeps line numbers
])
def test_normalisation(raw: str, clean: str) -> None:
    assert normalize_text(raw) == clean


def test_crlf_tabs_nbsp_soft_hyphens_in_a_source(parse_text) -> None:
    raw = "Rz.\u00a01\r\nDie\tZiel\u00advereinbarung nach Abs.\u00a04 gilt \ufb01nal.\r\nRz. 2\r\nEnde.\r\n"
    parsed = parse_text(raw)
    assert [e.rz.label for e in parsed.entries] == ["1", "2"]
    assert parsed.entries[0].text == "Die Zielvereinbarung nach Abs. 4 gilt final."
    assert parsed.entries[1].location.line == 3


# ------------------------------------------------------------------------------------------------ unusable files

@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty file"),
    (b"  \n\n\t \n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary file"),
    (b'+++\nslug = "x"\n', "front matter opened with '+++' is never closed"),
    (b"+++\nslug = \n+++\nRz. 1\nText\n", "front matter is not valid TOML"),
    (b'+++\nslug = "x"\nfarbe = "blau"\n+++\nRz. 1\nText\n', "unknown metadata key"),
    (b'+++\nslug = "x"\n+++\n\n', "no text after the front matter"),
])
def test_unusable_text_files_raise_source_error_naming_the_file(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "kaputt.txt"
    path.write_bytes(data)
    with pytest.raises(SourceError, match=re.escape(message)) as info:
        parse_path(path, root=tmp_path)
    assert info.value.problem.path == "kaputt.txt"
    assert info.value.problem.severity is Severity.ERROR
    assert "kaputt.txt" in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        parse_path(tmp_path / "fehlt.txt")


# ------------------------------------------------------------------------------------------------ metadata

def test_manifest_fields(parse_text) -> None:
    parsed = parse_text(BODY, extra='authors = ["A. Autorin", "B. Autor"]\nedition = "3. Aufl. 2024"\n'
                                      'source_url = "https://example.org/k"\nlicense = "CC BY-SA 4.0"')
    work = parsed.work
    assert (work.slug, work.title, work.law, work.paragraph) == ("test-1", "Testkommentar", "SGB 2", "1")
    assert work.authors == ("A. Autorin", "B. Autor") and work.edition == "3. Aufl. 2024"
    assert (work.source_url, work.license) == ("https://example.org/k", "CC BY-SA 4.0")


def test_manifest_overrides_front_matter_field_by_field(tmp_path: Path) -> None:
    (tmp_path / "k.txt").write_text('+++\ntitle = "Aus der Datei"\nedition = "1. Aufl."\n+++\n' + BODY,
                                    encoding="utf-8")
    (tmp_path / "manifest.toml").write_text('[[work]]\nfile = "k.txt"\nlaw = "SGB X"\nparagraph = "§ 44"\n'
                                            'edition = "2. Aufl."\n', encoding="utf-8")
    work = parse_path(tmp_path / "k.txt", root=tmp_path).work
    assert (work.title, work.edition, work.law, work.paragraph, work.slug) == (
        "Aus der Datei", "2. Aufl.", "SGB 10", "44", "sgb-10-44")


def test_manifest_in_parent_folder_applies_to_nested_files(tmp_path: Path) -> None:
    (tmp_path / "sgb2").mkdir()
    (tmp_path / "sgb2" / "k.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.toml").write_text('[[work]]\nfile = "sgb2/k.txt"\nslug = "tief"\nlaw = "SGB 2"\n'
                                            'paragraph = "7"\n', encoding="utf-8")
    assert parse_path(tmp_path / "sgb2" / "k.txt", root=tmp_path).work.slug == "tief"


def test_no_metadata_is_a_warning_and_the_slug_comes_from_the_file_name(parse_text) -> None:
    parsed = parse_text(BODY, name="Mein Kommentar.txt", manifest=False)
    assert parsed.work.slug == "mein-kommentar" and parsed.work.law == ""
    assert any("no metadata" in p.message for p in parsed.problems)


@pytest.mark.parametrize(("manifest", "message"), [
    ("[[work]]\nfile = \n", "not valid TOML"),
    ('[[work]]\nslug = "x"\n', "needs a 'file'"),
    ('[[work]]\nfile = "k.txt"\nautor = "X"\n', "unknown metadata key"),
    ('[[work]]\nfile = "k.txt"\nmarker_style = "roman"\n', "marker_style must be"),
    ('[[work]]\nfile = "k.txt"\n[[work]]\nfile = "k.txt"\n', "described twice"),
    ('[werke]\n', "unknown manifest table"),
    ('[[include]]\noptional = true\n', "needs a 'path'"),
    ('[[include]]\npath = "x.txt"\nfarbe = "rot"\n', "unknown metadata key"),
])
def test_bad_manifest_is_a_source_error_naming_the_manifest(tmp_path: Path, manifest: str, message: str) -> None:
    (tmp_path / "k.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.toml").write_text(manifest, encoding="utf-8")
    with pytest.raises(SourceError, match=message) as info:
        parse_path(tmp_path / "k.txt", root=tmp_path)
    assert "manifest.toml" in info.value.problem.path


def test_unknown_law_is_kept_with_a_warning(parse_text) -> None:
    parsed = parse_text('+++\nlaw = "LandesG XY"\nparagraph = "3"\n+++\n' + BODY, manifest=False)
    assert parsed.work.law == "LandesG XY"
    assert any("not in the law table" in p.message for p in parsed.problems)


# ------------------------------------------------------------------------------------------------ discovery

def test_discover_walks_folders_skipping_manifests_hidden_and_docs(tmp_path: Path) -> None:
    for name in ("b.txt", "a.html", "sub/c.xml", ".hidden.txt", "README.md", "manifest.toml", "notes.odt",
                 ".git/x.txt", "sub/_draft/d.txt"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("" if name == "manifest.toml" else "x", encoding="utf-8")
    problems: list = []
    found = discover([tmp_path], problems=problems)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.html", "b.txt", "sub/c.xml"]
    assert [Path(p.path).name for p in problems] == ["notes.odt"]


def test_discover_keeps_explicit_files_and_order_without_duplicates(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("x", encoding="utf-8")
    b.write_text("x", encoding="utf-8")
    assert discover([b, tmp_path, a]) == [b, a]


def test_discover_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file or directory"):
        discover([tmp_path / "fehlt"])


def test_discover_includes(tmp_path: Path) -> None:
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "shared"
    corpus.mkdir()
    elsewhere.mkdir()
    (corpus / "k.txt").write_text(BODY, encoding="utf-8")
    (elsewhere / "law.xml").write_text("<dokumente/>", encoding="utf-8")
    (corpus / "manifest.toml").write_text(
        '[[include]]\npath = "../shared/law.xml"\n\n[[include]]\npath = "../shared/absent.xml"\noptional = true\n',
        encoding="utf-8")
    problems: list = []
    found = discover([corpus], problems=problems)
    assert found == [corpus / "k.txt", (elsewhere / "law.xml").resolve()]
    assert len(problems) == 1 and "absent.xml" in problems[0].message and problems[0].severity is Severity.WARNING
    (corpus / "manifest.toml").write_text('[[include]]\npath = "../shared/absent.xml"\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"absent\.xml"):
        discover([corpus])


def test_bundled_corpus_discovery(tmp_path: Path) -> None:
    from tests.conftest import CORPUS, SAMPLE

    problems: list = []
    found = discover([CORPUS], problems=problems)
    assert found[0] == SAMPLE and problems == []  # stands on its own: nothing optional, nothing skipped
    assert [p.name for p in found if p.parent.name == "gesetze"] == ["sgb_10.xml", "sgb_12.xml", "sgb_2.xml"]
    assert len([p for p in found if "entscheidungen" in p.parts]) == 74
    assert all(p.resolve().is_relative_to(CORPUS.resolve()) for p in found)


def test_discover_warns_about_manifest_entries_for_missing_files(tmp_path: Path) -> None:
    (tmp_path / "k.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.toml").write_text('[[work]]\nfile = "kommentar.txt"\nslug = "x"\n', encoding="utf-8")
    problems: list = []
    assert discover([tmp_path], problems=problems) == [tmp_path / "k.txt"]
    assert len(problems) == 1 and "'kommentar.txt' does not exist" in problems[0].message


def test_discover_survives_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "k.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    assert discover([tmp_path]) == [tmp_path / "a" / "k.txt"]


def test_double_encoded_utf8_is_reported_not_repaired(parse_text) -> None:
    broken = "Rz. 1\nDie zugelassenen kommunalen Tr\u00c3\u00a4ger.\n"  # "Träger" after a cp1252 round trip
    parsed = parse_text(broken)
    assert "Tr\u00c3\u00a4ger" in parsed.entries[0].text
    assert any("double-encoded" in p.message and p.line == 2 for p in parsed.problems)
    assert not [p for p in parse_text(BODY).problems if "double-encoded" in p.message]


def test_include_carries_its_own_metadata(tmp_path: Path) -> None:
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "shared"
    corpus.mkdir()
    elsewhere.mkdir()
    (elsewhere / "fremd.txt").write_text(BODY, encoding="utf-8")
    (corpus / "manifest.toml").write_text('[[include]]\npath = "../shared/fremd.txt"\nslug = "fremd-7"\n'
                                          'law = "SGB XII"\nparagraph = "7"\n', encoding="utf-8")
    [found] = discover([corpus])
    work = parse_path(found, root=corpus).work
    assert (work.slug, work.law, work.paragraph, work.source_path) == ("fremd-7", "SGB 12", "7", "../shared/fremd.txt")


def test_commentary_may_not_take_a_statute_slug(parse_text) -> None:
    with pytest.raises(SourceError, match="belongs to the statute SGB II"):
        parse_text('+++\nslug = "sgb-2"\nlaw = "SGB 2"\nparagraph = "7"\n+++\n' + BODY, manifest=False)
