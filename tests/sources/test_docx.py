"""Word .docx commentary: every way of writing a Randnummer, outline, lists, footnotes, tracked changes, bad files.

The documents are generated here (tests/sources/docx_fixtures.py); each must split into exactly the
Randnummern its builder wrote, with every written word in its entry and nothing else.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from indexer.sources import ParsedSource, SourceError, parse_path
from indexer.sources.word.numbering import Numbering
from indexer.sources.word.styles import Styles
from kb.model import BlockKind, Entry
from tests.conftest import REPO

from .docx_fixtures import Builder, W
from .test_properties import SETTINGS, GenEntry, check, commentary

Parse = Callable[..., ParsedSource]


def parse(parse_text: Parse, builder: Builder, name: str = "k.docx", **kwargs: object) -> ParsedSource:
    return parse_text(builder.save(), name=name, **kwargs)


def assert_as_written(parsed: ParsedSource, builder: Builder) -> None:
    """Exactly the builder's Randnummern, each with its heading path and its words in order, no word lost."""
    assert [e.rz.label if e.rz else None for e in parsed.entries] == builder.labels
    for entry, expected in zip(parsed.entries, builder.expected, strict=True):
        assert entry.text.split() == expected.all_words, entry.id
        assert entry.headings == expected.headings, entry.id


def blocks(entry: Entry, kind: BlockKind) -> list[str]:
    return [entry.text[b.start:b.end] for b in entry.blocks if b.kind is kind]


# ------------------------------------------------------------------------------------------------ Randnummern

def test_bold_leading_runs_and_markers_written_as_text(parse_text: Parse) -> None:
    b = Builder()
    b.paragraph("Die Kommentierung gibt den Stand vom 1. März 2024 wieder.")
    b.bold_rz("1", "Der Träger prüft die Zuständigkeit nach § 6a SGB II.")
    b.paragraph("Ein zweiter Absatz derselben Randnummer.")
    b.bold_rz("2", "Die Vereinbarung wird schriftlich geschlossen.")
    b.bold_rz("2a", "Eine nachgetragene Randnummer.")
    b.bold_rz("Rn. 3", "Mit dem Wort davor, wie manche Verlage setzen.")
    b.bold_rz("3.1", "Eine Untergliederung.")
    b.text_rz("Rz.", "4", "Hier steht die Randnummer als Text am Absatzanfang.")
    b.paragraph("Wie in Rz. 2 ausgeführt, bleibt es dabei.")
    b.paragraph("12 Monate sind die Regel, ohne Fettdruck keine Randnummer.")
    bold_year = b.doc.add_paragraph()
    bold_year.add_run("2019").bold = True
    bold_year.add_run(" wurde die Norm geändert; fett, aber so beginnt kein Absatz einer Randnummer.")
    b._record("2019 wurde die Norm geändert; fett, aber so beginnt kein Absatz einer Randnummer.")
    parsed = parse(parse_text, b)
    assert_as_written(parsed, b)
    assert [e.id for e in parsed.entries] == ["test-1/vorbemerkung", "test-1/rz-1", "test-1/rz-2", "test-1/rz-2a",
                                               "test-1/rz-3", "test-1/rz-3.1", "test-1/rz-4"]
    first = parsed.entries[1]
    assert first.text.split("\n") == ["Der Träger prüft die Zuständigkeit nach § 6a SGB II.",
                                      "Ein zweiter Absatz derselben Randnummer."]
    assert [b.kind for b in first.blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    assert (first.location.path, first.location.line, first.location.element) == ("k.docx", None, "body/p[2]")
    assert parsed.entries[-1].location.element == "body/p[8]"
    assert not any("Randnummer" in p.message for p in parsed.problems)


def test_numbered_randnummer_style_counts_as_word_does(parse_text: Parse) -> None:
    b = Builder()
    restarted, continued = b.margin_style(start=5)  # the style's list starts at 5 (w:startOverride)
    b.numbered_rz("5", "Die Zahl steht nicht im Text, Word zählt sie.")
    b.paragraph("Ein Absatz ohne Nummer gehört noch dazu.")
    b.numbered_rz("6", "Die nächste Randnummer.")
    b.numbered_rz("7", "Und noch eine.")
    b.numbered_rz("20", "Eine zweite Nummerierung derselben Liste setzt bei 20 neu an.", num_id=restarted)
    b.numbered_rz("21", "Sie zählt weiter.", num_id=restarted)
    b.numbered_rz("22", "Eine dritte ohne Startwert setzt die Liste fort.", num_id=continued)
    b.numbered_rz("23", "Word zählt je Liste, nicht je Nummerierung: auch die erste zählt hier weiter.")
    parsed = parse(parse_text, b)
    assert_as_written(parsed, b)
    assert parsed.entries[0].text.startswith("Die Zahl steht")
    assert any("gap in numbering: Rz. 8–19 missing" in p.message for p in parsed.problems)  # as numbered, so told


def test_two_column_table_one_randnummer_per_row(parse_text: Parse) -> None:
    b = Builder()
    b.paragraph("Die Erläuterungen stehen in einer Tabelle.")
    b.table([("33", ["Auf die Vereinbarungen ist insbesondere Abs. 4 anzuwenden.", "Ein zweiter Absatz in der Zelle."]),
             ("34", ["Der Gesetzgeber geht davon aus, dass die Träger kooperieren."]),
             ("", ["Eine Zeile ohne Nummer setzt Rz. 34 fort."]),
             ("34a", ["In der Vereinbarung werden Umsetzungsschritte festgelegt."])],
            header=("Rn.", "Erläuterung"))
    b.data_table([["Jahr", "Träger", "Quote"], ["2023", "Landkreis Göttingen", "42 %"]])
    b.bold_rz("35", "Nach der Tabelle geht es im Fließtext weiter.")
    parsed = parse(parse_text, b)
    assert_as_written(parsed, b)
    entries = {e.rz.label: e for e in parsed.entries if e.rz}
    assert entries["33"].location.element == "body/tbl[1]/tr[2]"
    assert blocks(entries["33"], BlockKind.PARAGRAPH) == ["Auf die Vereinbarungen ist insbesondere Abs. 4 anzuwenden.",
                                                          "Ein zweiter Absatz in der Zelle."]
    assert entries["34a"].text.split("\n") == ["In der Vereinbarung werden Umsetzungsschritte festgelegt.",
                                               "Jahr | Träger | Quote", "2023 | Landkreis Göttingen | 42 %"]


# ------------------------------------------------------------------------------------------------ structure

def test_heading_styles_and_outline_lines_form_the_heading_path(parse_text: Parse) -> None:
    b = Builder()
    b.heading("§ 48b Zielvereinbarungen", 1)
    b.styled_heading("Kommentierung", "Überschrift 2", 2)  # known only by its (German) name
    b.outline_line("A. Allgemeines", 1)
    b.outline_line("I. Normzweck", 2)
    b.bold_rz("1", "Die Norm regelt Zielvereinbarungen.")
    b.outline_line("II. Entstehung", 2)
    b.bold_rz("2", "Sie wurde 2011 eingefügt.")
    b.paragraph("1. Dieser Satz ist keine Überschrift, denn ihm folgt keine Randnummer.")
    b.paragraph("Er bleibt Text der Randnummer.")
    b.outline_line("B. Voraussetzungen", 1)
    b.outline_line("I. Antrag", 2)
    b.bold_rz("3", "Der Antrag ist schriftlich zu stellen.")
    b.heading("§ 48c Andere Vorschrift", 1)
    b.bold_rz("4", "Eine neue Vorschrift beginnt oben in der Gliederung.")
    parsed = parse(parse_text, b)
    assert_as_written(parsed, b)
    assert parsed.entries[0].headings == ("§ 48b Zielvereinbarungen", "Kommentierung", "A. Allgemeines", "I. Normzweck")
    assert parsed.entries[2].headings[-2:] == ("B. Voraussetzungen", "I. Antrag")


def test_a_table_of_contents_is_not_text(parse_text: Parse) -> None:
    b = Builder()
    b.table_of_contents(["Allgemeines\t1", "Voraussetzungen\t2"])
    b.outline_line("A. Allgemeines", 1)
    b.bold_rz("1", "Erst hier beginnt der Text.")
    parsed = parse(parse_text, b)
    assert_as_written(parsed, b)
    assert [e.id for e in parsed.entries] == ["test-1/rz-1"]


def test_bullets_and_numbered_lists_are_list_items(parse_text: Parse) -> None:
    b = Builder()
    b.bold_rz("1", "In der Vereinbarung verständigen sich die Partner auf die folgenden Umsetzungsschritte:")
    b.paragraph("Der Kooperationsplan wird weiter implementiert.", style="List Bullet")
    b.paragraph("Der Vermittlungsvorrang entfällt.", style="List Bullet")
    b.paragraph("Erstens prüft der Träger.", style="List Number")
    b.paragraph("Zweitens entscheidet er.", style="List Number")
    b.bold_rz("2", "Danach folgt wieder Fließtext.")
    parsed = parse(parse_text, b)
    assert_as_written(parsed, b)
    entry = parsed.entries[0]
    assert blocks(entry, BlockKind.LIST_ITEM) == ["Der Kooperationsplan wird weiter implementiert.",
                                                  "Der Vermittlungsvorrang entfällt.", "Erstens prüft der Träger.",
                                                  "Zweitens entscheidet er."]
    assert [b.label for b in entry.blocks if b.kind is BlockKind.LIST_ITEM] == [None, None, "1", "2"]


def test_headers_and_footers_are_not_text(parse_text: Parse) -> None:
    b = Builder()
    b.header_footer("Kopfzeile Vertraulich", "Fußzeile Dienstanweisung Seite", "Deckblatt Erste Seite")
    b.bold_rz("1", "Nur der Text der Seite zählt.")
    b.bold_rz("2", "Auch auf der zweiten Randnummer.")
    parsed = parse(parse_text, b)
    assert_as_written(parsed, b)
    everything = " ".join(e.text + " ".join(e.headings) for e in parsed.entries)
    for chrome in ("Kopfzeile", "Vertraulich", "Fußzeile", "Dienstanweisung", "Deckblatt"):
        assert chrome not in everything


def test_footnotes_stay_with_the_entry_that_cites_them(parse_text: Parse) -> None:
    b = Builder()
    b.bold_rz("1", "Auf die Vereinbarungen ist insbesondere Abs. 4 anzuwenden.", note="BT-Drs. 17/1555, S. 20.")
    b.bold_rz("2", "Der Gesetzgeber geht von Kooperation aus.")
    b.bold_rz("3", "Das BSG hat das bestätigt.", note="BSG, Urteil vom 1.2.2020 – B 4 AS 1/19 R.")
    b.paragraph("Ein weiterer Absatz nach der Fußnote.")
    parsed = parse(parse_text, b)
    assert_as_written(parsed, b)
    first, second, third = parsed.entries
    assert "anzuwenden.[1]" in first.text and "[2]" in third.text
    assert blocks(first, BlockKind.FOOTNOTE) == ["BT-Drs. 17/1555, S. 20."]
    assert [b.label for b in third.blocks if b.kind is BlockKind.FOOTNOTE] == ["2"]
    assert not blocks(second, BlockKind.FOOTNOTE)
    assert third.text.endswith("Ein weiterer Absatz nach der Fußnote.\nBSG, Urteil vom 1.2.2020 – B 4 AS 1/19 R.")
    assert not [p for p in parsed.problems if "footnote" in p.message]


def test_tracked_changes_fields_and_special_characters(parse_text: Parse) -> None:
    b = Builder()
    b.bold_rz("1", "Einleitung.")
    b.tracked("Der Träger ", "prüft sorgfältig ", "verwirft leichtfertig ", "die Zuständigkeit.")
    b.deleted_paragraph_mark("Dieser Absatz und ", "dieser Absatz sind nun einer.")
    b.field("Siehe ", " REF _Ref42 \\h ", "Rz. 7", " weiter oben.")
    b.paragraph("Leistungs\u00adträger\tnach §\u00a048b SGB II.")
    parsed = parse(parse_text, b)
    assert_as_written(parsed, b)
    lines = parsed.entries[0].text.split("\n")
    assert lines[1:] == ["Der Träger prüft sorgfältig die Zuständigkeit.",
                         "Dieser Absatz und dieser Absatz sind nun einer.", "Siehe Rz. 7 weiter oben.",
                         "Leistungsträger nach § 48b SGB II."]


def test_a_document_without_randnummern_is_one_unnumbered_entry(parse_text: Parse) -> None:
    b = Builder()
    b.heading("Fachliche Weisung zu § 16i SGB II", 1)
    b.paragraph("Die Weisung gilt ab sofort.")
    b.paragraph("Sie ersetzt die bisherige Fassung.")
    parsed = parse(parse_text, b)
    assert_as_written(parsed, b)
    assert [e.id for e in parsed.entries] == ["test-1/vorbemerkung"]
    assert any(p.message.startswith("no Randnummern found") for p in parsed.warnings)


def test_document_properties_fill_title_and_authors_and_the_manifest_wins(parse_text: Parse) -> None:
    b = Builder(title="Dienstanweisung Zielvereinbarungen", author="Autorin, Anna; Bernd Bearbeiter")
    b.bold_rz("1", "Text.")
    data = b.save()
    alone = parse_text(data, name="weisung.docx", manifest=False).work
    assert (alone.slug, alone.title, alone.authors) == ("weisung", "Dienstanweisung Zielvereinbarungen",
                                                        ("Autorin, Anna", "Bernd Bearbeiter"))
    curated = parse_text(data, name="weisung.docx").work
    assert (curated.slug, curated.title, curated.authors) == ("test-1", "Testkommentar",
                                                              ("Autorin, Anna", "Bernd Bearbeiter"))


def test_a_document_without_properties_gets_no_invented_title(parse_text: Parse) -> None:
    b = Builder(title="Entfernt")
    b.bold_rz("1", "Text.")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(b.save())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "_rels/.rels":
                body = re.sub(rb"<Relationship [^>]*docProps/core.xml[^>]*/>", b"", body)
            if item.filename != "docProps/core.xml":
                target.writestr(item, body)
    work = parse_text(out.getvalue(), name="weisung.docx", manifest=False).work
    assert (work.title, work.authors) == ("weisung", ())


def test_a_docx_without_its_suffix_is_sniffed(tmp_path: Path) -> None:
    b = Builder()
    b.bold_rz("1", "Text.")
    data = b.save()
    (tmp_path / "k.docx").write_bytes(data)
    (tmp_path / "entwurf").write_bytes(data)
    assert [e.id for e in parse_path(tmp_path / "entwurf").entries] == ["entwurf/rz-1"]


@SETTINGS
@given(generated=commentary(), shape=st.sampled_from(["bold", "text", "table"]))
def test_docx_loses_nothing(parse_text: Parse, generated: list[GenEntry], shape: str) -> None:
    """The property of tests/sources/test_properties.py, for Word: every character in its entry, in order."""
    b = Builder()
    for entry in generated:
        if entry.heading:
            b.doc.add_heading(entry.heading, 2)
        if shape == "table":
            cells = b.doc.add_table(rows=1, cols=2).rows[0].cells
            cells[0].text, cells[1].text = entry.label, entry.paragraphs[0]
            for paragraph in entry.paragraphs[1:]:
                cells[1].add_paragraph(paragraph)
        else:
            first = b.doc.add_paragraph()
            if shape == "bold":
                first.add_run(entry.label).bold = True
                first.add_run(" " + entry.paragraphs[0])
            else:
                first.add_run(f"Rz. {entry.label} {entry.paragraphs[0]}")
            for paragraph in entry.paragraphs[1:]:
                b.doc.add_paragraph(paragraph)
        for item in entry.items:
            b.doc.add_paragraph(item, style="List Bullet")
    check(parse_text(b.save(), name="gen.docx"), generated)


# ------------------------------------------------------------------------------------------------ numbering

def numbering(xml: str) -> Numbering:
    return Numbering(etree.fromstring(f"<w:numbering {W}>{xml}</w:numbering>"), Styles(None))


def test_numbering_levels_formats_and_restarts() -> None:
    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                     f"{extra}</w:lvl>"
                     for i, fmt, text, extra in ((0, "upperLetter", "%1.", ""), (1, "upperRoman", "%2.", ""),
                                                 (2, "decimal", "%1.%2.%3", "<w:isLgl/>"),
                                                 (3, "lowerLetter", "%4)", '<w:lvlRestart w:val="1"/>')))
    numbers = numbering(f'<w:abstractNum w:abstractNumId="1">{levels}</w:abstractNum>'
                        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    shown = [numbers.advance("1", ilvl) for ilvl in (0, 1, 1, 2, 3, 3, 1, 3, 2, 0, 1, 3)]
    assert [n.text for n in shown if n] == ["A.", "I.", "II.", "1.2.1", "a)", "b)", "III.", "c)", "1.3.1", "B.", "I.",
                                            "a)"]
    assert numbers.advance("0", 0) is None and numbers.advance("7", 0) is None  # no list / an unknown one


def test_numbering_overrides_and_bullets() -> None:
    numbers = numbering(
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="lowerRoman"/>'
        '<w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>'
        '</w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/>'
        '</w:lvlOverride></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>')
    # one list, counted across its instances; instance 2 restarts it at 9 where it first appears
    assert [numbers.advance(n, 0).text for n in ("1", "1", "2", "2", "1")] == ["(iii)", "(iv)", "(ix)", "(x)", "(xi)"]
    bullet = numbers.advance("3", 0)
    assert bullet is not None and bullet.bullet and bullet.text == "•"


# ------------------------------------------------------------------------------------------------ bad files

def other_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:  # an OpenDocument text, say
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def broken_xml(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item)
            target.writestr(item, body[: len(body) // 2] if item.filename == "word/document.xml" else body)
    return out.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # a compound file's header, then the stream names:
DOC = OLE + "WordDocument".encode("utf-16-le")  # Word 97–2003
ENCRYPTED = OLE + "EncryptedPackage".encode("utf-16-le")  # a .docx with a password
TRUNCATED = "broken Word file (not a ZIP archive, or truncated): open and save it again"
OLD_WORD = "Word 97–2003 .doc is not supported: save as .docx"


@pytest.mark.parametrize(("name", "make", "message"), [
    ("k.docx", lambda d: d[: len(d) // 2], TRUNCATED),
    ("k.docx", lambda d: broken_xml(d), "open and save it again"),
    ("k.docx", lambda d: other_zip(), "not a Word document: the ZIP has no word/document.xml"),
    ("alt.docx", lambda d: DOC, OLD_WORD),
    ("alt.doc", lambda d: DOC, OLD_WORD),
    ("geheim.docx", lambda d: ENCRYPTED, "password-protected: save an unprotected copy"),
    ("alt.doc", lambda d: b"{\\rtf1\\ansi Rz. 1 Text}", "RTF, not a Word .docx file: save as .docx"),
])
def test_unusable_files_are_one_clear_error(parse_text: Parse, name: str, make: Callable[[bytes], bytes],
                                            message: str) -> None:
    b = Builder()
    b.bold_rz("1", "Text.")
    with pytest.raises(SourceError) as info:
        parse_text(make(b.save()), name=name)
    assert info.value.problem.path == name
    assert message in info.value.problem.message
    assert "\n" not in str(info.value)


# ------------------------------------------------------------------------------------------------ command line

def kb_parse(path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "cli", "parse", str(path), "--json"], capture_output=True,
                          text=True, cwd=REPO, env=env, timeout=120, check=False)


def test_kb_parse_reads_a_docx_end_to_end(tmp_path: Path) -> None:
    b = Builder()
    b.outline_line("A. Allgemeines", 1)
    b.bold_rz("1", "Auf die Vereinbarungen ist Abs. 4 anzuwenden.", note="BT-Drs. 17/1555, S. 20.")
    b.bold_rz("2", "Der Gesetzgeber geht von Kooperation aus.")
    (tmp_path / "kommentar.docx").write_bytes(b.save())
    result = kb_parse(tmp_path / "kommentar.docx")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [e["id"] for e in data["entries"]] == ["kommentar/rz-1", "kommentar/rz-2"]
    assert data["entries"][0]["headings"] == ["A. Allgemeines"]
    assert data["entries"][0]["location"] == f"{tmp_path / 'kommentar.docx'} (body/p[2])"
    assert [blk["kind"] for blk in data["entries"][0]["blocks"]] == ["paragraph", "footnote"]

    (tmp_path / "leer.docx").write_bytes(Builder().save())
    empty = kb_parse(tmp_path / "leer.docx")
    assert empty.returncode == 1 and json.loads(empty.stdout)["entries"] == []

    (tmp_path / "kaputt.docx").write_bytes(b.save()[:500])
    broken = kb_parse(tmp_path / "kaputt.docx")
    assert broken.returncode == 2 and "Traceback" not in broken.stderr
    errors = [line for line in broken.stderr.splitlines() if line.startswith("kb: ")]
    assert len(errors) == 1 and "kaputt.docx" in errors[0] and "open and save it again" in errors[0]
