"""HTML pages of several shapes (fixtures are hand-written pages with our own commentary sentences)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.sources import SourceError, parse_path
from kb.model import BlockKind

from .conftest import FIXTURES


def parse(name: str):
    return parse_path(FIXTURES / name, root=FIXTURES)


def labels(parsed) -> list[str | None]:
    return [e.rz.label if e.rz else None for e in parsed.entries]


@pytest.mark.parametrize(("name", "slug", "expected"), [
    ("publisher_spans.html", "sgb-2-6a", ["1", "2", "3", "4", "4a", "5"]),
    ("openaccess_ids.html", "oa-sgb-2-48b", ["1", "2", "12.1", "12.2", "13"]),
    ("bold_numbers_cp1252.html", "sgb-2-20", ["1", "2", "3", "3"]),
    ("table_layout.html", "sgb-2-31", ["33", "34", "34a", "35"]),
    ("anchors_swiss.html", "fiktiv-art-12", ["1", "2", "3", "4"]),
])
def test_margin_numbers_of_every_page_shape(name: str, slug: str, expected: list[str]) -> None:
    parsed = parse(name)
    assert parsed.work.slug == slug
    assert labels(parsed) == expected
    assert all(e.text and e.location and e.location.line for e in parsed.entries)


def test_boilerplate_is_dropped() -> None:
    everything = "\n".join(e.text for e in parse("publisher_spans.html").entries)
    for chrome in ("Cookies", "Impressum", "Datenschutz", "dataLayer", "float: left", "Ähnliche Vorschriften",
                   "Start", "akzeptieren", "↩"):
        assert chrome not in everything
    oa = "\n".join(e.text for e in parse("openaccess_ids.html").entries)
    assert "Newsletter" not in oa and "Zum Inhalt" not in oa and "Startseite" not in oa


def test_headings_lists_and_footnotes() -> None:
    entries = {e.rz.label: e for e in parse("publisher_spans.html").entries}
    assert entries["1"].headings == ("§ 6a Zugelassene kommunale Träger", "A. Allgemeines", "I. Normzweck")
    assert entries["4"].headings[-1] == "B. Voraussetzungen der Zulassung"
    items = [b for b in entries["4"].blocks if b.kind is BlockKind.LIST_ITEM]
    assert [entries["4"].text[b.start:b.end] for b in items] == [
        "geeignet ist, die Aufgaben zu erfüllen,", "sich zur Übernahme des Personals verpflichtet und",
        "eine Zielvereinbarung mit der Landesbehörde abschließt."]
    note = [b for b in entries["3"].blocks if b.kind is BlockKind.FOOTNOTE]
    assert [b.label for b in note] == ["2"]
    assert entries["3"].text[note[0].start:note[0].end].startswith("Gesetz zur Weiterentwicklung")
    assert "[2]" in entries["3"].text and "[1]" in entries["1"].text
    assert "Fußnoten" not in entries["5"].text


def test_br_entities_and_links_to_other_numbers() -> None:
    entries = {e.rz.label: e for e in parse("publisher_spans.html").entries}
    assert entries["5"].text == "Die Zustimmung der obersten Landesbehörde ist Wirksamkeitsvoraussetzung.\n" \
                                "Fehlt sie, ist der Antrag unzulässig."
    assert "Abs. 2 Satz 4" in entries["2"].text  # &nbsp; decoded and normalised
    assert entries["4a"].text.startswith("Wie bereits in Rn. 2 ausgeführt")  # a link to Rn. 2 is not a marker
    oa = {e.rz.label: e for e in parse("openaccess_ids.html").entries}
    assert "& greifen" in oa["13"].text
    assert oa["12.2"].text.split("\n")[1] == "– die Verringerung der Hilfebedürftigkeit,"


def test_metadata_from_html_meta() -> None:
    publisher = parse("publisher_spans.html").work
    assert (publisher.law, publisher.paragraph) == ("SGB 2", "6a")
    assert publisher.authors == ("Dr. Anna Beispiel", "Prof. Bernd Muster")
    assert publisher.source_url == "https://kommentar.example/sgb-ii/6a"
    assert publisher.edition == "Stand 01.03.2024"
    assert publisher.title == "§ 6a SGB II – Zugelassene kommunale Träger"
    oa = parse("openaccess_ids.html").work
    assert (oa.title, oa.authors, oa.license, oa.edition) == (
        "Open-Access-Kommentar SGB II, § 48b Zielvereinbarungen", ("Clara Offen",), "CC BY 4.0", "1. Auflage 2024")


def test_declared_windows_1252_page() -> None:
    parsed = parse("bold_numbers_cp1252.html")
    assert parsed.work.encoding == "cp1252"
    first, second, third, dup = parsed.entries
    assert "Körperpflege – pauschaliert" in first.text and "„Mischindex“" in second.text
    assert [b.label for b in third.blocks if b.kind is BlockKind.LIST_ITEM] == ["a", "b"]
    assert dup.id == "sgb-2-20/rz-3~2" and any("duplicate Rz. 3" in p.message for p in parsed.problems)
    assert "Wie 4 Fälle zeigen" in dup.text  # a bold number inside a sentence is not a margin number


def test_outline_headings_in_bold_paragraphs() -> None:
    entries = parse("openaccess_ids.html").entries
    assert entries[0].headings == ("§ 48b Zielvereinbarungen", "A. Überblick")
    assert entries[2].headings == ("§ 48b Zielvereinbarungen", "B. Einzelerläuterungen")


def test_page_without_margin_numbers_is_kept_with_a_warning() -> None:
    parsed = parse("no_margin_numbers.html")
    assert len(parsed.entries) == 1 and parsed.entries[0].rz is None
    assert "Interviews" in parsed.entries[0].text
    assert any("no margin numbers found" in p.message and p.path == "no_margin_numbers.html"
               for p in parsed.problems)


@pytest.mark.parametrize(("html", "message"), [
    ("<html><body><nav>Menü</nav><script>x()</script></body></html>", "no text left"),
    ("just < some > text", "no HTML elements"),
])
def test_unusable_html_is_a_source_error_naming_the_file(tmp_path: Path, html: str, message: str) -> None:
    path = tmp_path / "p.html"
    path.write_text(html, encoding="utf-8")
    with pytest.raises(SourceError, match=message) as info:
        parse_path(path)
    assert info.value.problem.path.endswith("p.html")


def test_broken_html_still_parses(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text('<html><body><div class="rn">1</div><p>Erster Text <b>ohne Ende\n'
                    '<div class="rn">2</div><p>Zweiter Text</div></span>', encoding="utf-8")
    parsed = parse_path(path)
    assert labels(parsed) == ["1", "2"]
    assert parsed.entries[1].text == "Zweiter Text"


@pytest.mark.parametrize("element", [
    '<span class="randnummer">7</span>', '<div class="rz">7</div>', '<a id="rn7"></a>', '<a name="rz-7"></a>',
    '<span class="marginal">Rn. 7</span>', '<td class="paragraph-nr">7</td>', '<span id="p7">7</span>',
])
def test_margin_number_element_variants(tmp_path: Path, element: str) -> None:
    path = tmp_path / "v.html"
    wrap = f"<table><tr>{element}<td>Text sieben.</td></tr></table>" if element.startswith("<td") else \
        f"{element}<p>Text sieben.</p>"
    path.write_text(f"<html><body><p>Rz. 6 Text sechs.</p>{wrap}</body></html>", encoding="utf-8")
    parsed = parse_path(path)
    assert labels(parsed) == ["6", "7"]
    assert parsed.entries[1].text == "Text sieben."


def test_entities_are_decoded_and_normalised(tmp_path: Path) -> None:
    path = tmp_path / "e.html"
    path.write_text("<html><body><h2>A.&nbsp;Ziel&shy;vereinbarung</h2><p>Rz. 1 Die Ziel&shy;vereinbarung nach "
                    "Abs.&nbsp;4 ist &#xFB01;nal &amp; verbindlich &lt;sic&gt;.</p></body></html>", encoding="utf-8")
    entry = parse_path(path).entries[0]
    assert entry.text == "Die Zielvereinbarung nach Abs. 4 ist final & verbindlich <sic>."
    assert entry.headings == ("A. Zielvereinbarung",)


def test_undeclared_windows_1252_page_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "w.html"
    path.write_bytes("<html><body><p>Rz. 1 Die „Träger“ – so das Gesetz.</p></body></html>".encode("cp1252"))
    parsed = parse_path(path)
    assert parsed.work.encoding == "cp1252"
    assert parsed.entries[0].text == "Die „Träger“ – so das Gesetz."
    assert any("not valid UTF-8" in p.message for p in parsed.problems)


def test_declared_charset_that_does_not_fit_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "d.html"
    path.write_bytes('<html><head><meta charset="utf-8"></head><body><p>Rz. 1 Tr\xe4ger</p></body></html>'
                     .encode("latin-1"))
    with pytest.raises(SourceError, match="declared encoding 'utf-8'"):
        parse_path(path)


def test_latin1_label_means_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "l.html"
    path.write_bytes('<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
                     "</head><body><p>Rz. 1 Kosten: 5 € – pauschal.</p></body></html>".encode("cp1252"))
    parsed = parse_path(path)
    assert parsed.work.encoding == "cp1252" and parsed.entries[0].text == "Kosten: 5 € – pauschal."


def test_numbered_container_with_its_own_number_element_is_one_entry(tmp_path: Path) -> None:
    path = tmp_path / "c.html"
    path.write_text('<html><body><div id="rn5"><span class="rn-nr">5</span><p>Fünf.</p></div>'
                    '<div id="rn6"><span class="rn-nr">6</span><p>Sechs.</p></div></body></html>', encoding="utf-8")
    parsed = parse_path(path)
    assert labels(parsed) == ["5", "6"] and [e.text for e in parsed.entries] == ["Fünf.", "Sechs."]
    assert not [p for p in parsed.problems if "duplicate" in p.message]


def test_inline_aside_footnotes_and_preamble(tmp_path: Path) -> None:
    path = tmp_path / "f.html"
    path.write_text(
        "<html><body><article><p>Bearbeitet von A. Autorin, Stand 2024.</p>"
        '<p><span class="rn">1</span>Die Norm gilt seit 2005.<sup class="fn">1</sup></p>'
        '<aside class="footnote" id="fn1">1 Art. 61 Abs. 1 des Gesetzes.</aside>'
        '<p><span class="rn">2</span>Sie wurde 2011 neu gefasst.</p></article></body></html>', encoding="utf-8")
    parsed = parse_path(path)
    preamble, first, second = parsed.entries
    assert preamble.id.endswith("/vorbemerkung") and preamble.text == "Bearbeitet von A. Autorin, Stand 2024."
    notes = [b for b in first.blocks if b.kind is BlockKind.FOOTNOTE]
    assert [(b.label, first.text[b.start:b.end]) for b in notes] == [("1", "Art. 61 Abs. 1 des Gesetzes.")]
    assert first.text.startswith("Die Norm gilt seit 2005.[1]")
    assert second.text == "Sie wurde 2011 neu gefasst."


def test_one_article_per_randnummer_keeps_them_all(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text("<html><body><nav>Menü</nav>" + "".join(
        f'<article id="rn{n}"><p>Text {n}.</p></article>' for n in (1, 2, 3)) + "</body></html>", encoding="utf-8")
    parsed = parse_path(path)
    assert labels(parsed) == ["1", "2", "3"] and [e.text for e in parsed.entries] == ["Text 1.", "Text 2.", "Text 3."]


def test_bad_meta_value_names_the_page(tmp_path: Path) -> None:
    path = tmp_path / "m.html"
    path.write_text('<html><head><meta name="randnummer:marker_style" content="roemisch"></head>'
                    "<body><p>Rz. 1 Text.</p></body></html>", encoding="utf-8")
    with pytest.raises(SourceError, match="marker_style must be") as info:
        parse_path(path, root=tmp_path)
    assert info.value.problem.path.startswith("m.html")


@pytest.mark.parametrize(("paragraph", "is_marker"), [
    ("<p><b>7</b> Der Text.</p>", True), ("<p><strong>Rn. 7</strong></p><p>Der Text.</p>", True),
    ("<p><b>2019</b> war ein Reformjahr.</p>", False), ("<p><b>7</b> ff. verweisen darauf.</p>", False),
    ("<p>Siehe <b>7</b> Der Text.</p>", False),
])
def test_bold_numbers_only_where_a_paragraph_starts(tmp_path: Path, paragraph: str, is_marker: bool) -> None:
    path = tmp_path / "b.html"
    path.write_text(f"<html><body><p><b>6</b> Vorher.</p>{paragraph}</body></html>", encoding="utf-8")
    assert labels(parse_path(path)) == (["6", "7"] if is_marker else ["6"])
