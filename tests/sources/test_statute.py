"""gesetze-im-internet XML: the real SGB II / X / XII files (skipped when ../shared/data is absent) and
small hand-written documents for the edge cases (weggefallen, footnotes, nested lists, defused DTD)."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from indexer.sources import SourceError, parse_path
from indexer.sources.statute import census, classify
from kb.model import BlockKind, WorkKind
from tests.conftest import shared_file


@pytest.fixture(scope="module")
def sgb2(sgb2_xml: Path):
    return parse_path(sgb2_xml)


def by_id(parsed) -> dict:
    return {e.id: e for e in parsed.entries}


def test_sgb2_is_one_statute_work(sgb2) -> None:
    work = sgb2.work
    assert (work.slug, work.kind, work.law, work.paragraph) == ("sgb-2", WorkKind.STATUTE, "SGB 2", None)
    assert work.encoding == "utf-8"
    assert work.source_url == "https://www.gesetze-im-internet.de/sgb_2/"
    assert "Stand" in (work.edition or "")
    assert sgb2.problems == ()


def test_sgb2_every_norm_element_is_accounted_for(sgb2_xml: Path, sgb2) -> None:
    counts = census(sgb2_xml.read_bytes())
    assert sum(counts.values()) == 173
    assert counts == {"norm": 150, "heading": 21, "metadata": 1, "toc": 1}
    enbez = [n.findtext("metadaten/enbez") for n in ET.parse(sgb2_xml).getroot().iter("norm")]
    paragraphs = [e.split()[-1] for e in enbez if e and e.startswith("§")]
    assert [e.paragraph for e in sgb2.entries] == paragraphs
    assert len({e.id for e in sgb2.entries}) == len(sgb2.entries) == 150


def test_sgb2_48b_has_six_absaetze_and_its_nummern(sgb2) -> None:
    entry = by_id(sgb2)["sgb-2/48b"]
    assert entry.title == "Zielvereinbarungen"
    assert entry.paragraph == "48b" and entry.law == "SGB 2" and entry.rz is None
    assert entry.headings == ("Kapitel 5 Finanzierung und Aufsicht",)
    absaetze = [b for b in entry.blocks if b.kind is BlockKind.ABSATZ]
    assert [b.label for b in absaetze] == ["1", "2", "3", "4", "5", "6"]
    abs4 = entry.text[absaetze[3].start:absaetze[3].end]
    assert abs4.startswith("(4) Die Vereinbarungen nach Absatz 1 Satz 1 Nummer 4 sollen")
    nummern = [(b.parent, b.label) for b in entry.blocks if b.kind is BlockKind.NUMMER]
    assert nummern == [("1", "1"), ("1", "2"), ("1", "3"), ("1", "4"), ("6", "1"), ("6", "2")]
    nr4 = next(b for b in entry.blocks if b.kind is BlockKind.NUMMER and b.label == "4")
    assert entry.text[nr4.start:nr4.end] == "4. die zuständige Landesbehörde mit den zugelassenen kommunalen Trägern"
    # Nummern lie inside their Absatz
    abs1 = absaetze[0]
    assert abs1.start <= nr4.start and nr4.end <= abs1.end
    assert entry.location is not None and entry.location.element and entry.location.line


def test_sgb2_6a_abs2_nr4_is_addressable(sgb2) -> None:
    entry = by_id(sgb2)["sgb-2/6a"]
    nr4 = next(b for b in entry.blocks if b.kind is BlockKind.NUMMER and b.parent == "2" and b.label == "4")
    assert "Zielvereinbarung" in entry.text[nr4.start:nr4.end]
    abs7 = next(b for b in entry.blocks if b.kind is BlockKind.ABSATZ and b.label == "7")
    assert entry.text[abs7.start:abs7.end].startswith("(7) Auf Antrag des kommunalen Trägers")
    notes = [b for b in entry.blocks if b.kind is BlockKind.FOOTNOTE]
    assert len(notes) == 1 and "BVerfGE" in entry.text[notes[0].start:notes[0].end]


def test_sgb2_outline_and_weggefallen(sgb2) -> None:
    entries = by_id(sgb2)
    assert entries["sgb-2/20"].headings == ("Kapitel 3 Leistungen", "Abschnitt 2 Leistungen zur Sicherung des "
                                            "Lebensunterhalts", "Unterabschnitt 2 Bürgergeld")
    gone = entries["sgb-2/35"]
    assert "weggefallen" in gone.flags and gone.text == "(weggefallen)"
    assert sum("weggefallen" in e.flags for e in sgb2.entries) == 14


def test_sgb2_nested_lists_name_their_parent(sgb2) -> None:
    entry = by_id(sgb2)["sgb-2/7"]
    nested = [(b.parent, b.label) for b in entry.blocks if b.kind is BlockKind.NUMMER and b.label == "a"]
    assert ("1/2", "a") in nested and ("3/3", "a") in nested


def test_sgb2_statute_text_loses_nothing(sgb2_xml: Path, sgb2) -> None:
    root = ET.parse(sgb2_xml).getroot()
    entries = {e.location.element: e for e in sgb2.entries}
    for index, norm in enumerate(root.iter("norm"), 1):
        if classify(norm) != "norm":
            continue
        source = "".join("".join(x.itertext()) for x in [*norm.findall("textdaten/text"),
                                                          *norm.findall("textdaten/fussnoten")])
        expected = re.sub(r"\s", "", source)
        got = re.sub(r"\s", "", entries[f"norm[{index}]"].text).replace("|", "")  # " | " joins table cells
        assert got == expected or (expected in ("", "-") and got == "(weggefallen)"), index


@pytest.mark.parametrize(("name", "norms", "census_expected"), [
    ("sgb_10.xml", 162, {"norm": 134, "heading": 26, "metadata": 1, "toc": 1}),
    ("sgb_12.xml", 242, {"norm": 195, "heading": 42, "anlage": 2, "range": 1, "metadata": 1, "toc": 1}),
])
def test_other_books_account_for_every_norm(name: str, norms: int, census_expected: dict) -> None:
    counts = census(shared_file("laws", name).read_bytes())
    assert counts == census_expected and sum(counts.values()) == norms


@pytest.mark.parametrize(("name", "slug", "count"), [("sgb_10.xml", "sgb-10", 134), ("sgb_12.xml", "sgb-12", 205)])
def test_other_books_parse(name: str, slug: str, count: int) -> None:
    parsed = parse_path(shared_file("laws", name))
    assert parsed.work.slug == slug and len(parsed.entries) == count and parsed.problems == ()
    ids = {e.id for e in parsed.entries}
    assert len(ids) == count
    if slug == "sgb-12":  # "(XXXX) §§ 53 bis 60 (weggefallen)" becomes one entry per §; Anlagen are entries
        assert {f"sgb-12/{n}" for n in range(53, 61)} <= ids
        assert {"sgb-12/anlage-zu-28", "sgb-12/anlage-zu-34"} <= ids
        anlage = next(e for e in parsed.entries if e.id == "sgb-12/anlage-zu-34")
        assert "Fundstelle" in anlage.text and "2020 | 100 Euro | 50 Euro" in anlage.text


# ------------------------------------------------------------------------------------------------ hand-written

DOC = """<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE dokumente SYSTEM "http://www.gesetze-im-internet.de/dtd/1.01/gii-norm.dtd">
<dokumente builddate="20240110213533">
<norm><metadaten><jurabk>SGB 2</jurabk><langue>Testgesetz</langue></metadaten></norm>
<norm><metadaten><jurabk>SGB 2</jurabk><gliederungseinheit><gliederungskennzahl>010</gliederungskennzahl>
<gliederungsbez>Kapitel 1</gliederungsbez><gliederungstitel>Anfang</gliederungstitel></gliederungseinheit>
</metadaten></norm>
<norm><metadaten><jurabk>SGB 2</jurabk><enbez>§ 1</enbez><titel format="XML">Erste&#160;Vorschrift</titel></metadaten>
<textdaten><text format="XML"><Content><P>Einziger Absatz ohne Nummer<BR/>mit Zeilenumbruch.</P></Content></text>
<fussnoten><Content><P>Fußnote zu § 1.</P></Content></fussnoten></textdaten></norm>
<norm><metadaten><jurabk>SGB 2</jurabk><enbez>§ 2</enbez><titel format="XML">(weggefallen)</titel></metadaten>
<textdaten><text format="XML"><Content><P>-</P></Content></text></textdaten></norm>
</dokumente>
"""


def write(tmp_path: Path, text: str | bytes, name: str = "law.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_hand_written_statute(tmp_path: Path) -> None:
    parsed = parse_path(write(tmp_path, DOC))
    first, second = parsed.entries
    assert first.id == "sgb-2/1" and first.title == "Erste Vorschrift" and first.headings == ("Kapitel 1 Anfang",)
    assert first.text == "Einziger Absatz ohne Nummer\nmit Zeilenumbruch.\nFußnote zu § 1."
    assert [b.kind for b in first.blocks] == [BlockKind.PARAGRAPH, BlockKind.FOOTNOTE]
    assert first.location is not None and first.location.line == 8 and first.location.element == "norm[3]"
    assert second.id == "sgb-2/2" and "weggefallen" in second.flags and second.text == "(weggefallen)"


def test_census_of_a_hand_written_law() -> None:
    assert census(DOC.encode("utf-8")) == {"metadata": 1, "heading": 1, "norm": 2}


def test_latin1_declared_xml(tmp_path: Path) -> None:
    doc = ('<?xml version="1.0" encoding="ISO-8859-1"?><dokumente><norm><metadaten><jurabk>SGB 2</jurabk>'
           "<enbez>§ 3</enbez><titel>Leistungsgrundsätze</titel></metadaten><textdaten><text><Content>"
           "<P>(1) Die Träger prüfen.</P></Content></text></textdaten></norm></dokumente>")
    parsed = parse_path(write(tmp_path, doc.encode("latin-1")))
    assert parsed.work.encoding == "iso-8859-1"
    assert parsed.entries[0].title == "Leistungsgrundsätze" and parsed.entries[0].text == "(1) Die Träger prüfen."


def test_empty_norm_is_flagged_and_warned(tmp_path: Path) -> None:
    doc = ("<dokumente><norm><metadaten><jurabk>SGB 2</jurabk><enbez>§ 9</enbez><titel>Leer</titel></metadaten>"
           "<textdaten><text><Content><P/></Content></text></textdaten></norm></dokumente>")
    parsed = parse_path(write(tmp_path, doc))
    assert parsed.entries[0].flags == ("empty",) and "weggefallen" not in parsed.entries[0].flags
    assert any("§ 9 has no text" in p.message and p.line == 1 for p in parsed.problems)


@pytest.mark.parametrize("cut", [200, 600, len(DOC) - 20])
def test_truncated_xml_is_a_source_error_with_line(tmp_path: Path, cut: int) -> None:
    with pytest.raises(SourceError) as info:
        parse_path(write(tmp_path, DOC[:cut]))
    assert info.value.problem.path.endswith("law.xml")
    assert "malformed XML" in info.value.problem.message and info.value.problem.line


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE dokumente [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            "<dokumente><norm><metadaten><jurabk>SGB 2</jurabk><enbez>§ 1</enbez></metadaten>"
            "<textdaten><text><Content><P>&b;</P></Content></text></textdaten></norm></dokumente>")
    with pytest.raises(SourceError, match="entity"):
        parse_path(write(tmp_path, bomb))


def test_external_entities_are_not_fetched(tmp_path: Path) -> None:
    secret = write(tmp_path, "GEHEIM", "secret.txt")
    doc = (f'<?xml version="1.0"?><!DOCTYPE dokumente [<!ENTITY x SYSTEM "file://{secret}">]>'
           "<dokumente><norm><metadaten><jurabk>SGB 2</jurabk><enbez>§ 1</enbez></metadaten>"
           "<textdaten><text><Content><P>&x;</P></Content></text></textdaten></norm></dokumente>")
    with pytest.raises(SourceError):
        parse_path(write(tmp_path, doc))


@pytest.mark.parametrize(("doc", "message"), [
    ("<html><body>kein Gesetz</body></html>", "not gesetze-im-internet XML"),
    ("<dokumente></dokumente>", "no <norm> elements"),
    ("<dokumente><norm><metadaten><enbez>§ 1</enbez></metadaten></norm></dokumente>", "no <jurabk>"),
])
def test_wrong_xml_is_a_clear_error(tmp_path: Path, doc: str, message: str) -> None:
    with pytest.raises(SourceError, match=re.escape(message)):
        parse_path(write(tmp_path, doc))
