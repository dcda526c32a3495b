"""The source parsers under fuzzing: random bytes and random near-miss documents of every registered format,
written to a file with that format's suffix (and with none), are parsed or refused with a
:class:`SourceError` naming the file — never any other exception. Deep nesting included: a parser that walks
a document tree by recursion would fail on it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from indexer.sources import SourceError, parse_path
from indexer.sources.formats import FORMATS
from kb.limits import MAX_SOURCE_DEPTH
from tests.fuzz.settings import fuzz
from tests.fuzz.strategies import repeated

TEXT_PIECES = ["Rz. 1", "Rz. 2", "Rn. 34a", "Rz. 10000", "Rdnr. 3", "\n", "\n\n", "---", "title: X", "law: SGB II",
               "paragraph: 48b", "slug: a", "kind: statute", "# Überschrift", "## A.", "I.", "1.", "a)", "- ", "   ",
               "§ 48b", "Abs. 4", "[^1]", "[^1]: Fußnote", "\r\n", "\t", "\x00", "\ufeff", "ä", "„Zitat“", "*", "|"]
HTML_PIECES = ["<!doctype html>", "<html>", "</html>", "<body>", "<p>", "</p>", "<h1>", "</h1>", "<h2>", "<div>",
               "</div>", '<div class="rz">', '<span class="rn">', "<table>", "<tr>", "<td>", "</td>", "<ol>", "<li>",
               "<br>", "<!--", "-->", "<script>", "</script>", "&amp;", "&#0;", "&#x110000;", "&bogus;",
               '<meta charset="latin-1">', "Rn. 1", "Rz. 2", "Tenor", "Gründe", "<dl>", "<dt>", "<dd>", "BVerwG",
               "Urteil vom 1. Januar 2024", "11 A 7.23", "<sup>", "<a href=x>", "</a>", ">", "<", "\x00"]
XML_PIECES = ["<?xml version='1.0' encoding='UTF-8'?>", "<dokumente>", "</dokumente>", "<norm>", "</norm>",
              "<metadaten>", "</metadaten>", "<jurabk>SGB 2</jurabk>", "<enbez>§ 1</enbez>", "<titel>T</titel>",
              "<textdaten>", "</textdaten>", "<text>", "</text>", "<Content>", "</Content>", "<P>", "</P>",
              "<DL>", "<DT>1.</DT>", "<DD>", "</DD>", "<LA>", "<BR/>", "<dokument>", "</dokument>",
              "<gertyp>BSG</gertyp>",
              "<aktenzeichen>B 4 AS 4/16 R</aktenzeichen>", "<gruende>", "<rd>1</rd>", "<dl class='RandNummer'>",
              "<!DOCTYPE x [<!ENTITY e 'eee'>]>", "&e;", "&amp;", "<![CDATA[x]]>", "<!-- c -->", "&#0;", "<", ">"]

SUFFIXES = sorted({suffix for fmt in FORMATS for suffix in fmt.suffixes} | {".dat", ""})


def documents(pieces: list[str]) -> st.SearchStrategy[bytes]:
    piece = st.sampled_from(pieces)
    text = st.one_of(st.lists(st.one_of(piece, st.text(max_size=6)), max_size=80).map("".join),
                     repeated(piece, st.integers(1, 30)), repeated(piece, st.integers(300, 3000)))
    return text.flatmap(lambda t: st.sampled_from(["utf-8", "utf-16", "latin-1"]).map(
        lambda enc: t.encode(enc, errors="replace")))


@st.composite
def docx_files(draw: st.DrawFn) -> bytes:
    """A ZIP that looks like a Word file, its document XML a near miss."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        names = draw(st.lists(st.sampled_from(["word/document.xml", "[Content_Types].xml", "word/styles.xml",
                                               "word/numbering.xml", "word/footnotes.xml", "docProps/core.xml"]),
                              min_size=1, max_size=4, unique=True))
        for name in names:
            body = draw(documents(["<w:document>", "<w:body>", "<w:p>", "</w:p>", "<w:r>", "<w:t>", "Rz. 1",
                                   "</w:t>", "<w:pStyle w:val='Heading1'/>", "<w:numPr>", "<w:footnoteReference/>",
                                   "xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'", "<", ">"]))
            z.writestr(name, body)
    return out.getvalue()


FILES = st.one_of(
    st.binary(max_size=300),
    documents(TEXT_PIECES),
    documents(HTML_PIECES),
    documents(XML_PIECES),
    st.binary(max_size=200).map(lambda b: b"%PDF-1.4\n" + b),
    docx_files(),
)


@fuzz(300)
@given(data=FILES, suffix=st.sampled_from(SUFFIXES))
@example(data=b"<dokumente>" + b"<P>" * 20_000 + b"x", suffix=".xml")
@example(data=b"<?xml version='1.0'?><dokumente><norm><textdaten><text><Content>" + b"<DL><DD>" * 5000 + b"x",
         suffix=".xml")
@example(data=b"<dokument>" + b"<div>" * 20_000, suffix=".xml")
@example(data=b"<!doctype html><html><body>" + b"<div>" * 20_000 + b"Rn. 1 x", suffix=".html")
@example(data=b"<!doctype html><html><body>" + b"<ul><li>" * 10_000 + b"Rz. 1 x", suffix=".html")
@example(data=b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>"
              b"<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;'>]><dokumente>&c;</dokumente>", suffix=".xml")
@example(data=b"Rz. 1\n" + b"> " * 5000 + b"x\n", suffix=".md")
@example(data=b"<?xml version='1.0'?><html><body><p>Rz. 1 x</p></body></html>", suffix=".xhtml")  # a warning
@example(data=b"Rz. 1\n" + b"  - " * 5000 + b"x\n", suffix=".md")
def test_a_source_is_parsed_or_a_source_error(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        parsed = parse_path(path, root=tmp_path)
    except SourceError as err:
        assert "fuzz" in str(err.problem)  # names the file
        return
    for entry in parsed.entries:
        for block in entry.blocks:
            assert 0 <= block.start <= block.end <= len(entry.text)


@pytest.mark.parametrize("fmt", [fmt.name for fmt in FORMATS])
def test_every_format_is_reached(fmt: str) -> None:
    """The fuzzed suffixes cover every row of the format table (a new format is fuzzed without a change here)."""
    row = next(f for f in FORMATS if f.name == fmt)
    assert set(row.suffixes) <= set(SUFFIXES)


_GII = (b"<?xml version='1.0'?><dokumente><norm><metadaten><jurabk>SGB 2</jurabk><enbez>\xc2\xa7 1</enbez>"
        b"</metadaten><textdaten><text><Content>")
_GII_END = b"</Content></text></textdaten></norm></dokumente>"
_RII = b"<?xml version='1.0'?><dokument><gertyp>BSG</gertyp><aktenzeichen>B 4 AS 4/16 R</aktenzeichen><gruende>"


@pytest.mark.parametrize(("name", "data"), [
    ("lists.xml", _GII + b"<DL><DD>" * 5000 + b"x" + b"</DD></DL>" * 5000 + _GII_END),
    ("inline.xml", _GII + b"<P>" + b"<B>" * 5000 + b"x" + b"</B>" * 5000 + b"</P>" + _GII_END),
    ("decision.xml", _RII + b"<div>" * 5000 + b"<p>x</p>" + b"</div>" * 5000 + b"</gruende></dokument>"),
    ("page.html", b"<!doctype html><html><body><p>" + b"<span>" * 5000 + b"Rz. 1 Text" + b"</span>" * 5000),
])
def test_sources_nested_beyond_the_limit_are_a_source_error_naming_file_and_line(tmp_path: Path, name: str,
                                                                                  data: bytes) -> None:
    """Found by this suite: statute, court-decision XML and HTML readers recursed once per level (RecursionError)."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SourceError, match=f"nested more than {MAX_SOURCE_DEPTH} deep") as info:
        parse_path(path, root=tmp_path)
    assert info.value.problem.path == name and info.value.problem.line == 1


@pytest.mark.parametrize(("name", "data"), [
    ("lists.xml", _GII + b"<DL><DD>" * 97 + b"x" + b"</DD></DL>" * 97 + _GII_END),
    ("inline.xml", _GII + b"<P>" + b"<B>" * 192 + b"x" + b"</B>" * 192 + b"</P>" + _GII_END),
    ("page.html", b"<!doctype html><html><body>" + b"<ul><li>" * 98 + b"Rz. 1 Text" + b"</li></ul>" * 98),
    ("spans.html", b"<!doctype html><html><body><p>" + b"<span>" * 196 + b"Rz. 1 Text" + b"</span>" * 196),
])
def test_sources_nested_up_to_the_limit_are_read(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert parse_path(path, root=tmp_path).entries


def test_a_zip_with_foreign_parts_is_a_broken_word_file(tmp_path: Path) -> None:
    """Found by this suite: python-docx raised AttributeError on a ZIP whose [Content_Types].xml is not Word's."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    path = tmp_path / "kaputt.docx"
    path.write_bytes(out.getvalue())
    with pytest.raises(SourceError, match="broken Word file"):
        parse_path(path, root=tmp_path)
