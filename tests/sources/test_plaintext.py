"""Plain-text commentary: the sample, every marker spelling, headings, lists, footnotes, numbering checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.sources import parse_path
from kb.model import BlockKind, Severity, entry_id
from tests.conftest import CORPUS, SAMPLE


def rz_labels(parsed) -> list[str | None]:
    return [e.rz.label if e.rz else None for e in parsed.entries]


# ------------------------------------------------------------------------------------------------ the sample

def test_sample_splits_into_rz_33_34_34a() -> None:
    parsed = parse_path(SAMPLE, root=CORPUS)
    assert rz_labels(parsed) == ["33", "34", "34a"]
    assert [e.id for e in parsed.entries] == ["sgb-2-48b/rz-33", "sgb-2-48b/rz-34", "sgb-2-48b/rz-34a"]
    assert parsed.problems == ()
    work = parsed.work
    assert (work.slug, work.law, work.paragraph, work.kind.value) == ("sgb-2-48b", "SGB 2", "48b", "commentary")
    assert work.encoding == "utf-8"
    assert work.source_path == "sgb2-48b-rz33-34a.txt"


def test_sample_rz_34a_keeps_both_list_items() -> None:
    entry = parse_path(SAMPLE, root=CORPUS).entries[2]
    kinds = [b.kind for b in entry.blocks]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.LIST_ITEM]
    items = [entry.text[b.start:b.end] for b in entry.blocks[1:]]
    assert items[0].startswith("Der Kooperationsplan wird")
    assert items[1].startswith("Vor dem Hintergrund des Wegfalls")
    assert items[1].endswith("umgesetzt wurden.")
    assert entry.location is not None and (entry.location.line, entry.location.end_line) == (5, 8)


def test_sample_loses_and_duplicates_nothing() -> None:
    raw = SAMPLE.read_text(encoding="utf-8")
    parsed = parse_path(SAMPLE, root=CORPUS)
    body = "".join(line for line in raw.splitlines() if line not in ("Rz. 33", "Rz. 34", "Rz. 34a"))
    assert "".join(e.text for e in parsed.entries).replace("\n", "") == body


def test_entry_ids_stable_across_parses() -> None:
    first = parse_path(SAMPLE, root=CORPUS)
    second = parse_path(SAMPLE, root=CORPUS)
    assert [e.to_dict() for e in first.entries] == [e.to_dict() for e in second.entries]
    assert first.work == second.work


# ------------------------------------------------------------------------------------------------ markers

@pytest.mark.parametrize("marker", ["Rz. 5", "Rz 5", "Rn. 5", "Rn 5", "Rdnr. 5", "Rdn. 5", "Randnummer 5",
                                    "Randnr. 5", "N. 5", "RZ. 5", "Rz.5", "Rz. 5:", "Rn. 5.", "**Rz. 5**", "__Rn. 5__"])
def test_every_marker_spelling_alone_on_its_line(parse_text, marker: str) -> None:
    parsed = parse_text(f"{marker}\nErster Text.\nRz. 6\nZweiter Text.\n")
    assert rz_labels(parsed) == ["5", "6"]
    assert parsed.entries[0].text == "Erster Text."


@pytest.mark.parametrize("marker", ["Rz. 12", "Rn. 12", "Rdnr. 12", "N. 12", "Randnummer 12"])
def test_marker_leading_a_paragraph(parse_text, marker: str) -> None:
    parsed = parse_text(f"{marker} Der Gesetzgeber hat entschieden.\n\nRn. 13 Weiter geht es.\n")
    assert rz_labels(parsed) == ["12", "13"]
    assert parsed.entries[0].text == "Der Gesetzgeber hat entschieden."
    assert parsed.entries[1].text == "Weiter geht es."


@pytest.mark.parametrize("label", ["34a", "34b", "12.1", "42a.1", "7ab"])
def test_suffixes_and_sub_numbers(parse_text, label: str) -> None:
    parsed = parse_text(f"Rz. 1\nA.\nRz. {label}\nB.\n")
    assert rz_labels(parsed) == ["1", label]
    assert parsed.entries[1].id == f"test-1/rz-{label}"


def test_sort_order_with_suffixes_has_no_order_warning(parse_text) -> None:
    labels = ["12", "12.1", "12.2", "13", "34", "34a", "34b", "35", "42", "42a", "42a.1", "43"]
    body = "\n".join(f"Rz. {label}\nText {label}." for label in labels)
    parsed = parse_text(body)
    assert rz_labels(parsed) == labels
    assert not [p for p in parsed.problems if "order" in p.message]


@pytest.mark.parametrize("text", [
    "Rz. 1\nWie bereits in Rz. 12 dargelegt, gilt das.\n",
    "Rz. 1\nvgl. Rz. 12 und Rz. 13.\n",
    "Rz. 1\nDas ist, wie oben\nRz. 12\nausgeführt, streitig.\n",
    "Rz. 1\nSiehe dazu.\n\nRz. 12 ff. mit weiteren Nachweisen.\n",
    "Rz. 1\n\nEine Aussage ohne Ende\nRz. 12 Der Satz geht weiter.\n\nNoch ein Absatz\nmit zwei Zeilen.\n",
])
def test_marker_in_running_text_never_starts_an_entry(parse_text, text: str) -> None:
    parsed = parse_text(text)
    assert rz_labels(parsed) == ["1"]
    assert "12" in parsed.entries[0].text


@pytest.mark.parametrize("body", [
    "Rz. 1\nDer Text.\nRz. 2 im Übrigen gilt das.\n",  # after a finished sentence
    "Rz. 1\nDer Text.\n\nRz. 2 im Übrigen gilt das.\n",  # after a blank line
])
def test_next_number_starts_an_entry_even_in_lower_case(parse_text, body: str) -> None:
    parsed = parse_text(body)
    assert rz_labels(parsed) == ["1", "2"]
    assert parsed.entries[1].text == "im Übrigen gilt das."
    assert not parsed.problems


@pytest.mark.parametrize("body", [
    "Rz. 1\nDer Text, vgl.\nRz. 2 im Übrigen gilt das.\n",  # "vgl." leads into the reference
    "Rz. 1\nDer Text.\nRz. 7 im Übrigen gilt das.\n",  # 7 is not the next number
])
def test_lower_case_after_a_lead_in_or_out_of_sequence_stays_text(parse_text, body: str) -> None:
    parsed = parse_text(body)
    assert rz_labels(parsed) == ["1"]
    assert "im Übrigen" in parsed.entries[0].text


def test_one_paragraph_per_line_files_take_markers_after_unpunctuated_lines(parse_text) -> None:
    parsed = parse_text("Allgemeines\nRn. 1 Der Gesetzgeber hat entschieden.\nZweck der Norm\nRn. 2 Sie dient.\n")
    assert rz_labels(parsed) == [None, "1", "2"]
    assert parsed.entries[1].text == "Der Gesetzgeber hat entschieden.\nZweck der Norm"


def test_wrapped_files_take_the_next_number_after_an_unpunctuated_line(parse_text) -> None:
    body = ("Rn. 11 Der erste Absatz\nläuft weiter.\n\nZwischentitel ohne Punkt\nRn. 12 Der zweite Absatz\n"
            "endet hier.\n\nEin Satz über\nRn. 40 Die Fundstelle bleibt Text.\n")
    parsed = parse_text(body)
    assert rz_labels(parsed) == ["11", "12"]
    assert "Rn. 40 Die Fundstelle" in parsed.entries[1].text


def test_bare_numbers_only_where_declared(parse_text) -> None:
    body = "12 Der Gesetzgeber hat entschieden.\n13\nDie Verwaltung folgt.\n13a Ergänzend gilt.\n"
    undeclared = parse_text(body)
    assert rz_labels(undeclared) == [None]
    assert any("no Randnummer markers" in p.message for p in undeclared.problems)
    declared = parse_text(body, extra='marker_style = "number"')
    assert rz_labels(declared) == ["12", "13", "13a"]
    assert declared.entries[1].text == "Die Verwaltung folgt."


def test_bare_number_style_does_not_take_outline_headings(parse_text) -> None:
    parsed = parse_text("1. Allgemeines\n1 Der Text.\n2 Mehr Text.\n", extra='marker_style = "number"')
    assert rz_labels(parsed) == ["1", "2"]
    assert parsed.entries[0].headings == ("1. Allgemeines",)


# ------------------------------------------------------------------------------------------------ headings, lists

def test_outline_headings_form_the_heading_path(parse_text) -> None:
    body = """A. Allgemeines
I. Normzweck
Rz. 1
Text eins.
1. Entstehung
Rz. 2
Text zwei.
a) Erste Fassung
Rz. 3
Text drei.
aa) Einzelheiten
Rz. 4
Text vier.
b) Zweite Fassung
Rz. 5
Text fünf.
II. Systematik
Rz. 6
Text sechs.
B. Einzelerläuterungen
Rz. 7
Text sieben.
"""
    parsed = parse_text(body)
    assert [e.headings for e in parsed.entries] == [
        ("A. Allgemeines", "I. Normzweck"),
        ("A. Allgemeines", "I. Normzweck", "1. Entstehung"),
        ("A. Allgemeines", "I. Normzweck", "1. Entstehung", "a) Erste Fassung"),
        ("A. Allgemeines", "I. Normzweck", "1. Entstehung", "a) Erste Fassung", "aa) Einzelheiten"),
        ("A. Allgemeines", "I. Normzweck", "1. Entstehung", "b) Zweite Fassung"),
        ("A. Allgemeines", "II. Systematik"),
        ("B. Einzelerläuterungen",),
    ]
    assert all(e.text.startswith("Text") and "\n" not in e.text for e in parsed.entries)


def test_letter_c_after_b_is_a_letter_heading_not_roman_100(parse_text) -> None:
    parsed = parse_text("B. Zweiter Teil\nRz. 1\nX.\nC. Dritter Teil\nRz. 2\nY.\n")
    assert parsed.entries[1].headings == ("C. Dritter Teil",)


@pytest.mark.parametrize("title", ["§ 48b Zielvereinbarungen", "§ 48b SGB II Zielvereinbarungen",
                                   "Art. 12 Berufsfreiheit"])
def test_norm_title_over_the_commentary_is_the_outermost_heading(parse_text, title: str) -> None:
    parsed = parse_text(f"{title}\nA. Allgemeines\nRz. 1\nText.\nB. Einzelnes\nRz. 2\nText.\n")
    assert [e.headings for e in parsed.entries] == [(title, "A. Allgemeines"), (title, "B. Einzelnes")]


def test_sentence_starting_with_a_paragraph_sign_is_text(parse_text) -> None:
    parsed = parse_text("Rz. 1\nText.\n§ 6a gilt entsprechend.\nRz. 2\nWeiter.\n")
    assert parsed.entries[0].text == "Text.\n§ 6a gilt entsprechend." and parsed.entries[1].headings == ()


def test_markdown_headings(parse_text) -> None:
    parsed = parse_text("# Teil A\n## Abschnitt 1\nRz. 1\nText.\n## Abschnitt 2\nRz. 2\nText.\n")
    assert [e.headings for e in parsed.entries] == [("Teil A", "Abschnitt 1"), ("Teil A", "Abschnitt 2")]


@pytest.mark.parametrize(("lines", "labels"), [
    (["- erstens", "- zweitens"], [None, None]),
    (["• erstens", "• zweitens"], [None, None]),
    (["a) erstens", "b) zweitens"], ["a", "b"]),
    (["1. erstens", "2. zweitens"], ["1", "2"]),
])
def test_list_items_become_list_item_blocks(parse_text, lines: list[str], labels: list) -> None:
    parsed = parse_text("Rz. 1\nEinleitung:\n" + "\n".join(lines) + "\nRz. 2\nWeiter.\n")
    entry = parsed.entries[0]
    items = [b for b in entry.blocks if b.kind is BlockKind.LIST_ITEM]
    assert [b.label for b in items] == labels
    assert [entry.text[b.start:b.end] for b in items] == ["erstens", "zweitens"]
    assert rz_labels(parsed) == ["1", "2"]
    assert parsed.entries[1].headings == ()  # "b)" right before "Rz. 2" continues the list, no heading


def test_hard_wrapped_paragraphs_are_joined(parse_text) -> None:
    body = "Rz. 1\n\nDer erste Absatz läuft\nüber zwei Zeilen.\n\nDer zweite Absatz\nebenso.\n\nRz. 2\n\nKurz.\n"
    entry = parse_text(body).entries[0]
    assert entry.text == "Der erste Absatz läuft über zwei Zeilen.\nDer zweite Absatz ebenso."
    assert [b.kind for b in entry.blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    assert entry.location is not None and (entry.location.line, entry.location.end_line) == (1, 7)


# ------------------------------------------------------------------------------------------------ footnotes

def test_footnote_text_inside_entry(parse_text) -> None:
    parsed = parse_text("Rz. 1\nDer Gesetzgeber[1] sah das anders.\n[1] BT-Drs. 17/1555, S. 20.\nRz. 2\nWeiter.\n")
    entry = parsed.entries[0]
    note = [b for b in entry.blocks if b.kind is BlockKind.FOOTNOTE]
    assert [(b.label, entry.text[b.start:b.end]) for b in note] == [("1", "BT-Drs. 17/1555, S. 20.")]


def test_trailing_footnote_section_is_attached_to_citing_entries(parse_text) -> None:
    body = ("Rz. 1\nErster Gedanke¹.\nRz. 2\nZweiter Gedanke[2] und dritter^3.\n\nFußnoten\n"
            "¹ BSG, Urteil vom 1.1.2020.\n[2] BT-Drs. 17/1555.\n^3 So auch die Literatur.\n")
    parsed = parse_text(body)
    first, second = parsed.entries
    assert [b.label for b in first.blocks if b.kind is BlockKind.FOOTNOTE] == ["1"]
    assert [b.label for b in second.blocks if b.kind is BlockKind.FOOTNOTE] == ["2", "3"]
    assert "BSG, Urteil" in first.text and "BT-Drs" in second.text
    assert not parsed.problems


def test_unreferenced_footnote_is_kept_with_a_warning(parse_text) -> None:
    parsed = parse_text("Rz. 1\nText ohne Verweis.\n\nFußnoten\n[7] Verwaist.\n")
    assert "Verwaist." in parsed.entries[0].text
    assert any("footnote 7" in p.message and p.line == 5 for p in parsed.problems)


# ------------------------------------------------------------------------------------------------ numbering checks

def test_duplicates_are_both_addressable_and_warned(parse_text) -> None:
    parsed = parse_text("Rz. 1\nEins.\nRz. 2\nZwei.\nRz. 2\nNochmal zwei.\nRz. 3\nDrei.\n")
    ids = [e.id for e in parsed.entries]
    assert ids == ["test-1/rz-1", "test-1/rz-2", "test-1/rz-2~2", "test-1/rz-3"]
    assert ids[2] == entry_id("test-1", parsed.entries[2].rz, occurrence=2)
    assert "duplicate" in parsed.entries[2].flags
    dup = [p for p in parsed.problems if "duplicate" in p.message]
    assert len(dup) == 1 and dup[0].line == 5 and dup[0].path == "k.txt" and "line 3" in dup[0].message


def test_out_of_order_and_gaps_are_warned_with_lines(parse_text) -> None:
    parsed = parse_text("Rz. 1\nA.\nRz. 4\nB.\nRz. 3\nC.\nRz. 10\nD.\n")
    messages = {(p.line, p.message) for p in parsed.problems}
    assert any(line == 3 and "Rz. 2–3 missing" in m for line, m in messages)
    assert any(line == 5 and "out of order" in m for line, m in messages)
    assert any(line == 7 and "Rz. 4–9 missing" in m for line, m in messages)
    assert all(p.severity is Severity.WARNING for p in parsed.problems)
    assert "out-of-order" in parsed.entries[2].flags


def test_text_before_first_marker_is_kept_as_preamble(parse_text) -> None:
    parsed = parse_text("Vorbemerkung zum Kommentar.\nRz. 1\nText.\n")
    first = parsed.entries[0]
    assert first.id == "test-1/vorbemerkung" and first.rz is None and "preamble" in first.flags
    assert first.text == "Vorbemerkung zum Kommentar."
    assert [e.position for e in parsed.entries] == [0, 1]


def test_marker_without_text_is_warned(parse_text) -> None:
    parsed = parse_text("Rz. 1\nRz. 2\nText.\n")
    assert rz_labels(parsed) == ["1", "2"]
    assert any("Rz. 1 has no text" in p.message and p.line == 1 for p in parsed.problems)


def test_line_numbers_account_for_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "fm.txt"
    path.write_text('+++\nslug = "fm"\nlaw = "SGB 2"\nparagraph = "6a"\n+++\nRz. 1\nText.\n', encoding="utf-8")
    parsed = parse_path(path)
    assert parsed.work.slug == "fm" and parsed.work.paragraph == "6a"
    assert parsed.entries[0].location.line == 6


def test_unreferenced_footnote_stays_in_its_entry(parse_text) -> None:
    parsed = parse_text("Rz. 1\nText.\n[4] Ohne Verweis.\nRz. 2\nWeiter.\nRz. 3\nEnde.\n")
    assert "Ohne Verweis." in parsed.entries[0].text and "Ohne Verweis." not in parsed.entries[2].text
    assert any("footnote 4" in p.message and p.line == 3 for p in parsed.problems)


def test_footnote_referenced_later_moves_to_the_citing_entry(parse_text) -> None:
    parsed = parse_text("Rz. 1\nErstens.\nRz. 2\nZweitens mit Verweis[1].\n\nFußnoten\n[1] Quelle.\n")
    assert "Quelle." in parsed.entries[1].text and not parsed.problems


def test_footnote_section_entries_may_span_lines(parse_text) -> None:
    body = ("Rz. 1\nEins[1] und zwei[2].\n\nFußnoten\n1 BSG, Urteil vom 12.5.2021 – B 4 AS 1/20 R,\n"
            "juris Rn. 17; ebenso die Literatur.\n2 BT-Drs. 17/1555.\n")
    entry = parse_text(body).entries[0]
    notes = {b.label: entry.text[b.start:b.end] for b in entry.blocks if b.kind is BlockKind.FOOTNOTE}
    assert notes == {"1": "BSG, Urteil vom 12.5.2021 – B 4 AS 1/20 R, juris Rn. 17; ebenso die Literatur.",
                     "2": "BT-Drs. 17/1555."}
