"""Randnummern of any length (kb.model.RZ_LABEL) in every commentary format, numbers that are no Randnummer, and
the splitter's warnings (indexer/sources/checks.py): gaps and oversize entries, naming file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from indexer.sources import ParsedSource, parse_path
from indexer.sources.checks import OVERSIZE_FACTOR, OVERSIZE_MIN_CHARS
from kb.model import RZ_MAX_DIGITS, RzNumber, Severity
from tests.conftest import CORPUS

from .docx_fixtures import Builder
from .pdf_fixtures import Layout, Para, build_pdf

Parse = Callable[..., ParsedSource]
NUMBER_STYLE = 'marker_style = "number"'


def labels(parsed: ParsedSource) -> list[str | None]:
    return [e.rz.label if e.rz else None for e in parsed.entries]


def warnings(parsed: ParsedSource) -> list[str]:
    return [str(p) for p in parsed.problems if p.severity is Severity.WARNING]


# ------------------------------------------------------------------------------------------------ the model

def test_sort_string_orders_labels_of_every_length() -> None:
    ordered = ["1", "9", "12", "12.1", "12a", "99", "100", "999", "9999", "9999a", "10000", "10000.1", "66000",
               "99999", "100000", "9" * RZ_MAX_DIGITS]
    assert sorted(ordered, key=lambda x: RzNumber(x).sort_string) == ordered
    assert sorted(ordered, key=lambda x: RzNumber(x).sort_key) == ordered


def test_a_label_longer_than_the_limit_is_no_randnummer() -> None:
    with pytest.raises(ValueError, match="not a Randnummer label"):
        RzNumber("1" * (RZ_MAX_DIGITS + 1))


# ------------------------------------------------------------------------------------------------ plain text

def test_66000_randnummern_are_all_found_in_order_none_merged(parse_text: Parse) -> None:
    body = "".join(f"Rz. {n}\nText {n}.\n" for n in range(1, 66001))
    parsed = parse_text(body)
    assert len(parsed.entries) == 66000
    assert [e.rz.number for e in parsed.entries if e.rz] == list(range(1, 66001))
    assert all(e.text == f"Text {e.rz.label}." for e in parsed.entries if e.rz)  # none took another's text
    assert parsed.entries[9999].id == "test-1/rz-10000"
    assert parsed.entries[9999].location.line == 2 * 9999 + 1
    assert parsed.problems == ()


def test_labels_longer_than_the_limit_stay_text(parse_text: Parse) -> None:
    parsed = parse_text(f"Rz. 1\nErster Text.\nRz. {'1' * (RZ_MAX_DIGITS + 1)}\nBleibt Text.\nRz. 2\nZweiter.\n")
    assert labels(parsed) == ["1", "2"]
    assert parsed.entries[0].text.split("\n")[1] == f"Rz. {'1' * (RZ_MAX_DIGITS + 1)}"


def test_a_year_at_a_line_start_is_no_randnummer(parse_text: Parse) -> None:
    body = ("12 Der Gesetzgeber hat entschieden.\n"
            "2024 Trat die Neufassung in Kraft, die den Träger bindet.\n"
            "13 Die Verwaltung folgt.\n"
            "10000 Euro sind der Höchstbetrag.\n")
    parsed = parse_text(body, extra=NUMBER_STYLE)
    assert labels(parsed) == ["12", "13"]
    assert parsed.entries[0].text == ("Der Gesetzgeber hat entschieden.\n"
                                      "2024 Trat die Neufassung in Kraft, die den Träger bindet.")
    assert parsed.entries[1].text == "Die Verwaltung folgt.\n10000 Euro sind der Höchstbetrag."
    assert warnings(parsed) == []


def test_a_year_alone_on_its_line_is_kept_as_text(parse_text: Parse) -> None:
    parsed = parse_text("12 Der Gesetzgeber hat entschieden.\n\n2024\n\nDie Fassung gilt.\n13 Weiter.\n",
                        extra=NUMBER_STYLE)
    assert labels(parsed) == ["12", "13"]
    assert parsed.entries[0].text.split("\n") == ["Der Gesetzgeber hat entschieden.", "2024", "Die Fassung gilt."]


def test_bare_numbers_from_1000_on_where_the_numbering_leads_to_them(parse_text: Parse) -> None:
    body = "".join(f"{n} Der Text der Randnummer {n}.\n" for n in (998, 999, 1000, 1001, 9999, 10000, 10001))
    parsed = parse_text(body, extra=NUMBER_STYLE)
    assert labels(parsed) == ["998", "999", "1000", "1001", "9999", "10000", "10001"]
    assert [p.message for p in parsed.problems] == [
        "gap in numbering: Rz. 1002–9998 missing between Rz. 1001 and Rz. 9999"]
    excerpt = parse_text("5000 Ein Auszug beginnt hier.\n5001 Und geht weiter.\n", extra=NUMBER_STYLE)
    assert labels(excerpt) == ["5000", "5001"]  # the first one: the next one follows it


def test_a_marker_word_makes_any_length_a_randnummer(parse_text: Parse) -> None:
    parsed = parse_text("Rz. 2024\nDer Text.\n\nRn. 12345 Ein Auszug springt.\n")
    assert labels(parsed) == ["2024", "12345"]


# ------------------------------------------------------------------------------------------------ HTML, Word, PDF

def test_five_digit_margin_numbers_in_html(parse_text: Parse) -> None:
    page = ("<html><body><main>"
            "<p><b>9999</b> Der Senat hat entschieden.</p>"
            "<div class='rn-block'><span class='rn'>10000</span><p>Die Vereinbarung gilt fort.</p></div>"
            "<p id='rn10001'>Die Landesebene ist zuständig.</p>"
            "<p><b>2024</b> Trat die Neufassung in Kraft.</p>"
            "<p>Rz. 10002 Ein Marker am Absatzanfang.</p>"
            "</main></body></html>")
    parsed = parse_text(page, name="k.html")
    assert labels(parsed) == ["9999", "10000", "10001", "10002"]
    assert parsed.entries[2].text == "Die Landesebene ist zuständig.\n2024 Trat die Neufassung in Kraft."
    assert warnings(parsed) == []


def test_a_bold_year_in_html_after_small_numbers_is_text(parse_text: Parse) -> None:
    page = ("<html><body><p><b>12</b> Der Senat.</p><p><b>2024</b> Das Gesetz trat in Kraft.</p>"
            "<p><b>13</b> Weiter.</p></body></html>")
    parsed = parse_text(page, name="k.html")
    assert labels(parsed) == ["12", "13"]
    assert parsed.entries[0].text == "Der Senat.\n2024 Das Gesetz trat in Kraft."


def test_a_generated_id_on_an_html_paragraph_is_no_randnummer(parse_text: Parse) -> None:
    page = ("<html><body><p id='rn12'>Der Senat.</p><p id='p202401'>Eine Seite mit erzeugter Id.</p>"
            "<p id='rn13'>Weiter.</p></body></html>")
    parsed = parse_text(page, name="k.html")
    assert labels(parsed) == ["12", "13"]
    assert parsed.entries[0].text == "Der Senat.\nEine Seite mit erzeugter Id."  # the id is no text to give back


def test_five_digit_randnummern_in_word(parse_text: Parse) -> None:
    b = Builder()
    b.bold_rz("9999", "Der Träger prüft die Zuständigkeit.")
    b.bold_rz("10000", "Die Vereinbarung wird schriftlich geschlossen.")
    b.text_rz("Rz.", "10001", "Hier steht die Randnummer als Text am Absatzanfang.")
    b.table([("10002", ["Eine Randnummer in der Tabelle."]), ("10003", ["Und die nächste."])])
    parsed = parse_text(b.save(), name="k.docx")
    assert labels(parsed) == ["9999", "10000", "10001", "10002", "10003"]
    assert parsed.entries[1].text == "Die Vereinbarung wird schriftlich geschlossen."
    assert warnings(parsed) == []


def test_five_digit_margin_column_in_pdf(parse_text: Parse) -> None:
    sentence = "Der Gesetzgeber geht davon aus, dass die Träger die Aufgaben eigenverantwortlich wahrnehmen."
    paras = [Para(f"{sentence} ({n})", label=str(n)) for n in range(9998, 10004)]
    parsed = parse_text(build_pdf(paras, Layout()).data, name="k.pdf")
    assert labels(parsed) == [str(n) for n in range(9998, 10004)]
    assert [e.text for e in parsed.entries] == [f"{sentence} ({n})" for n in range(9998, 10004)]


# ------------------------------------------------------------------------------------------------ warnings

def test_a_gap_is_one_warning_naming_file_and_line(parse_text: Parse) -> None:
    parsed = parse_text("Rz. 33\nText.\nRz. 35\nText.\nRz. 36\nText.\nRz. 40\nText.\nRz. 41\nText.\n")
    assert labels(parsed) == ["33", "35", "36", "40", "41"]
    assert warnings(parsed) == ["k.txt:3: warning: gap in numbering: Rz. 34 missing between Rz. 33 and Rz. 35",
                                "k.txt:7: warning: gap in numbering: Rz. 37–39 missing between Rz. 36 and Rz. 40"]


def test_an_oversize_entry_is_one_warning_naming_file_and_line(parse_text: Parse) -> None:
    """The shape of a marker the reader cannot see: everything after Rz. 50 lands in Rz. 50."""
    head = "".join(f"Rz. {n}\nDer Text der Randnummer {n} ist kurz.\n" for n in range(1, 51))
    hidden = "".join(f"Rdz. {n}\nDer Text der Randnummer {n} ist kurz, ihr Marker unbekannt.\n" for n in range(51, 400))
    parsed = parse_text(head + hidden + "Rz. 400\nEnde.\n")
    big = parsed.entries[49]
    assert big.rz.label == "50" and len(big.text) > max(OVERSIZE_MIN_CHARS, OVERSIZE_FACTOR * 40)
    oversize = [p for p in parsed.problems if "characters long" in p.message]
    assert len(oversize) == 1
    assert (oversize[0].path, oversize[0].line) == ("k.txt", 99)
    assert oversize[0].message.startswith("Rz. 50 is ") and "(lines 99–798)" in oversize[0].message
    assert "may not have been recognised" in oversize[0].message


def test_long_randnummern_of_a_uniform_file_are_no_warning(parse_text: Parse) -> None:
    body = "".join(f"Rz. {n}\n{'Ein langer Absatz der Kommentierung. ' * 400}\n" for n in range(1, 6))
    parsed = parse_text(body)
    assert len(parsed.entries[0].text) > OVERSIZE_MIN_CHARS
    assert parsed.problems == ()


def test_an_oversize_entry_in_a_pdf_names_its_page(parse_text: Parse) -> None:
    sentence = "Der Gesetzgeber geht davon aus, dass die Träger die Aufgaben eigenverantwortlich wahrnehmen."
    paras = [Para(sentence, label=str(n)) for n in range(1, 6)]
    paras += [Para(f"Rdz. {n} {sentence}") for n in range(6, 200)]  # a marker spelling no reader knows
    paras.append(Para(sentence, label="200"))
    parsed = parse_text(build_pdf(paras, Layout()).data, name="k.pdf")
    oversize = [p for p in parsed.problems if "characters long" in p.message]
    assert len(oversize) == 1 and oversize[0].path == "k.pdf"
    assert oversize[0].message.startswith("Rz. 5 is ") and "(from page 1)" in oversize[0].message


def test_an_overlong_anchor_in_decision_xml_is_no_label(tmp_path: Path) -> None:
    """The courts' XML numbers by ``<a name="rd_1">``: a number longer than a label is ignored (the ``dt`` text
    numbers the paragraph), never an error."""
    xml = (CORPUS / "entscheidungen" / "bgh" / "jb-JURE100055033.xml").read_text(encoding="utf-8")
    assert 'name="rd_1"' in xml
    path = tmp_path / "urteil.xml"
    path.write_text(xml.replace('name="rd_1"', f'name="rd_{"1" * (RZ_MAX_DIGITS + 1)}"'), encoding="utf-8")
    parsed = parse_path(path)
    assert [e.id for e in parsed.entries if e.rz] == ["bgh-ix-zb-72-08/rn-1"]
