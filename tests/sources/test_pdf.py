"""PDF commentaries of every layout shape, generated at test time (tests/sources/pdf_fixtures.py).

Each shape must split into exactly the Randnummern it was laid out with, keep the heading path,
attach the footnote to the entry carrying its mark, and lose no word and gain none: page furniture
(running header, footer, page numbers) must not appear in any entry.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.sources import ParsedSource, SourceError, parse_path
from kb.model import BlockKind, Entry
from tests.conftest import REPO

from .conftest import MANIFEST
from .pdf_fixtures import Layout, Para, build_pdf, expected_text

SENTENCES = (
    "Der Gesetzgeber geht davon aus, dass die zugelassenen kommunalen Träger die Aufgaben nach diesem Buch "
    "eigenverantwortlich wahrnehmen.",
    "Die Zielvereinbarungen nach § 48b Abs. 1 Satz 1 Nr. 4 binden die Träger der Grundsicherung (vgl. Rz. 3).",
    "Über die Zulassung entscheidet das Bundesministerium für Arbeit und Soziales durch Rechtsverordnung.",
    "Eine Verringerung der Hilfebedürftigkeit ist das vorrangige Ziel jeder Maßnahme zur Eingliederung in Arbeit.",
    "Die Landesbehörde prüft, ob der kommunale Träger geeignet ist, die Aufgaben dauerhaft zu erfüllen.",
    "Insbesondere sind die Kennzahlen nach § 48a SGB II in die Vereinbarung aufzunehmen.",
)
HEADER, FOOTER = "Beispielkommentar zum SGB II · Zugelassene kommunale Träger", "Seite {page}"
FURNITURE = ("Beispielkommentar", "Zugelassene kommunale Träger ·", "Seite")
TRICKY = ("Die Verwaltungsv~orschriften der Länder gelten fort.{1} Für SGB-~II-Leistungen gilt das Arbeits-\n"
          "und Sozialrecht entsprechend.")
NOTES = {"1": "BT-Drs. 17/1555, S. 20; zu den Verwaltungsvorschriften ausführlich Rz. 7."}


def body(n: int, sentences: int = 4) -> str:
    return " ".join(SENTENCES[(n + i) % len(SENTENCES)] for i in range(sentences))


@dataclass(frozen=True)
class Spec:
    """A commentary: (label, paragraph texts) per Randnummer, with outline headings before some labels."""

    entries: tuple[tuple[str, tuple[str, ...]], ...]
    headings: dict[str, tuple[str, ...]]  # label → headings set right before it

    def paras(self, style: str) -> list[Para]:
        out = []
        for label, texts in self.entries:
            out.extend(Para(h, heading=True) for h in self.headings.get(label, ()))
            first, *rest = texts
            if style == "margin":
                out.append(Para(first, label=label))
            elif style == "bold":
                out.append(Para(f"{label} {first}", bold_lead=True))
            elif style == "paren":
                out.append(Para(f"({label}) {first}"))
            else:  # "Rn." / "Rz." leading the paragraph
                out.append(Para(f"{style} {label} {first}"))
            out.extend(Para(t) for t in rest)
        return out

    def starts(self) -> list[int]:
        """Index in :meth:`paras` of each entry's first paragraph."""
        out, n = [], 0
        for label, texts in self.entries:
            n += len(self.headings.get(label, ()))
            out.append(n)
            n += len(texts)
        return out


def commentary(labels: list[str]) -> Spec:
    entries = []
    for i, label in enumerate(labels):
        texts = [body(i, 3 + i % 3)]
        if i == 1:
            texts.append(TRICKY)
        if i == 3:
            texts.append(body(i + 2, 5))
        entries.append((label, tuple(texts)))
    headings = {labels[0]: ("§ 6a Zugelassene kommunale Träger", "A. Allgemeines", "I. Normzweck"),
                labels[3]: ("II. Entstehung",), labels[6]: ("B. Voraussetzungen der Zulassung",)}
    return Spec(tuple(entries), headings)


NUMBERS = [str(n) for n in range(1, 10)]
SHAPES = {
    "margin left, bold": ("margin", NUMBERS, Layout(margin="left", bold_labels=True)),
    "margin right, plain": ("margin", NUMBERS, Layout(margin="right", bold_labels=False)),
    "Rn. leading": ("Rn.", [*NUMBERS[:4], "4a", *NUMBERS[4:]], Layout()),
    "Rz. dotted": ("Rz.", ["12.1", "12.2", "12.3", "13.1", "13.2", "13.3", "14.1", "14.2", "14.3"], Layout()),
    "(21.1) leading": ("paren", ["21.1", "21.2", "21.3", "21.4", "22.1", "22.2", "22.3", "22.4", "22.5"], Layout()),
    "bold number leading": ("bold", NUMBERS, Layout()),
    "two columns, bold numbers": ("bold", [*NUMBERS, "10", "11", "12"], Layout(columns=2)),
    "two columns, margin": ("margin", [*NUMBERS, "10", "11", "12"], Layout(columns=2, gutter=44)),
}


def write(tmp_path: Path, data: bytes, name: str = "k.pdf", manifest: bool = True) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    if manifest:
        (tmp_path / "manifest.toml").write_text(MANIFEST.format(name=name, extra=""), encoding="utf-8")
    return path


def body_text(entry: Entry) -> str:
    """The entry's text without its footnote blocks."""
    text, cut = entry.text, 0
    parts = []
    for block in entry.blocks:
        if block.kind is BlockKind.FOOTNOTE:
            parts.append(text[cut:block.start])
            cut = block.end
    return " ".join((*parts, text[cut:]))


def footnotes(entry: Entry) -> dict[str, str]:
    return {b.label or "": entry.text[b.start:b.end] for b in entry.blocks if b.kind is BlockKind.FOOTNOTE}


def check_round_trip(parsed: ParsedSource, spec: Spec, notes: dict[str, str]) -> None:
    """Exactly the laid-out Randnummern, each with exactly its words; footnotes with the entry citing them."""
    entries = parsed.entries
    assert [e.rz.label if e.rz else None for e in entries] == [label for label, _ in spec.entries]
    for entry, (label, texts) in zip(entries, spec.entries, strict=True):
        expected = " ".join(expected_text(t) for t in texts).split()
        assert body_text(entry).split() == expected, label
        cited = {n for n in notes if f"[{n}]" in expected_text(" ".join(texts))}
        assert {k: v.split() for k, v in footnotes(entry).items()} == {n: notes[n].split() for n in cited}, label
        assert entry.location is not None and entry.location.element and entry.location.element.startswith("page ")
    everything = "\n".join(e.text for e in entries)
    assert not any(f in everything for f in FURNITURE)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_layout_shape_splits_into_its_randnummern_word_for_word(tmp_path: Path, shape: str) -> None:
    style, labels, layout = SHAPES[shape]
    spec = commentary(labels)
    built = build_pdf(spec.paras(style), Layout(**{**layout.__dict__, "footnotes": NOTES}))
    assert built.pages >= 2 and built.split, "the fixture must run an entry across a page or column break"
    parsed = parse_path(write(tmp_path, built.data), root=tmp_path)
    check_round_trip(parsed, spec, NOTES)
    first = parsed.entries[0]
    assert first.headings == ("§ 6a Zugelassene kommunale Träger", "A. Allgemeines", "I. Normzweck")
    assert parsed.entries[3].headings == ("§ 6a Zugelassene kommunale Träger", "A. Allgemeines", "II. Entstehung")
    assert parsed.entries[6].headings == ("§ 6a Zugelassene kommunale Träger", "B. Voraussetzungen der Zulassung")
    assert [p.message for p in parsed.problems] == []


def test_hyphenation_is_undone_but_real_hyphens_stay(tmp_path: Path) -> None:
    spec = commentary(NUMBERS)
    built = build_pdf(spec.paras("margin"), Layout(footnotes=NOTES))
    entry = parse_path(write(tmp_path, built.data), root=tmp_path).entries[1]
    assert "Die Verwaltungsvorschriften der Länder" in entry.text
    assert "Für SGB-II-Leistungen gilt das Arbeits- und Sozialrecht entsprechend." in entry.text
    note = [b for b in entry.blocks if b.kind is BlockKind.FOOTNOTE]
    assert [b.label for b in note] == ["1"] and "fort.[1]" in entry.text
    assert entry.text.index("entsprechend.") < note[0].start  # the note follows the text, never inside a sentence


def test_entry_across_a_page_break_is_one_entry_located_where_it_starts(tmp_path: Path) -> None:
    spec = commentary(NUMBERS)
    built = build_pdf(spec.paras("margin"), Layout(footnotes=NOTES))
    parsed = parse_path(write(tmp_path, built.data), root=tmp_path)
    starts = spec.starts()
    assert built.split
    for index in built.split:
        entry = max(i for i, start in enumerate(starts) if start <= index)
        assert parsed.entries[entry].location.element == f"page {built.page_of[starts[entry]]}"  # type: ignore[union-attr]
    assert {e.location.element for e in parsed.entries} == {"page 1", "page 2"}  # type: ignore[union-attr]


def test_document_info_fills_title_and_authors_the_manifest_wins(tmp_path: Path) -> None:
    layout = Layout(title="Kommentar zu § 6a SGB II", author="Anna Beispiel; Bernd Muster", footnotes=NOTES)
    data = build_pdf(commentary(NUMBERS).paras("margin"), layout).data
    work = parse_path(write(tmp_path, data, manifest=False)).work
    assert (work.title, work.authors, work.slug, work.encoding) == (
        "Kommentar zu § 6a SGB II", ("Anna Beispiel", "Bernd Muster"), "k", "pdf")
    manifested = parse_path(write(tmp_path, data), root=tmp_path).work
    assert (manifested.title, manifested.authors) == ("Testkommentar", ("Anna Beispiel", "Bernd Muster"))


def test_text_without_randnummern_is_one_unnumbered_entry_with_a_warning(tmp_path: Path) -> None:
    data = build_pdf([Para(body(i, 6)) for i in range(5)]).data
    parsed = parse_path(write(tmp_path, data), root=tmp_path)
    assert [e.id for e in parsed.entries] == ["test-1/vorbemerkung"]
    assert parsed.entries[0].text.split() == " ".join(body(i, 6) for i in range(5)).split()
    assert any("no Randnummern found" in p.message for p in parsed.problems)


# ------------------------------------------------------------------------------------------------ bad PDFs

def image_only_pdf() -> bytes:
    import io

    from PIL import Image
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for _ in range(2):
        canvas.rect(72, 400, 300, 200, fill=1)
        canvas.drawInlineImage(Image.new("L", (40, 30), 128), 72, 100, 200, 150)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize(("make", "message"), [
    (lambda: build_pdf([Para(body(0))], Layout(encrypt="geheim")).data, "encrypted PDF: save an unprotected copy"),
    (image_only_pdf, "no text layer (scanned pages?): run OCR first, e.g. ocrmypdf"),
    (lambda: build_pdf(commentary(NUMBERS).paras("margin"), Layout(footnotes=NOTES)).data[:3000], "broken PDF ("),
    (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 4, "broken PDF ("),
])
def test_unusable_pdfs_are_one_clear_source_error_naming_the_file(tmp_path: Path, make, message: str) -> None:
    path = write(tmp_path, make(), "kaputt.pdf", manifest=False)
    with pytest.raises(SourceError) as info:
        parse_path(path, root=tmp_path)
    problem = info.value.problem
    assert problem.path == "kaputt.pdf" and message in problem.message
    assert problem.message.endswith(("unprotected copy", "ocrmypdf", "re-export or re-download it"))
    assert "\n" not in str(problem)


def test_kb_parse_pdf_json_end_to_end(tmp_path: Path) -> None:
    built = build_pdf(commentary(NUMBERS).paras("margin"), Layout(footnotes=NOTES))
    path = write(tmp_path, built.data, manifest=False)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = subprocess.run([sys.executable, "-m", "cli", "parse", str(path), "--json"], capture_output=True, text=True,
                         cwd=REPO, env=env, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert [e["rz"] for e in data["entries"]] == NUMBERS
    assert data["entries"][0]["id"] == "k/rz-1" and data["entries"][0]["location"].endswith("(page 1)")
    assert data["entries"][1]["blocks"][-1]["kind"] == "footnote"
    broken = write(tmp_path, built.data[:2000], "kaputt.pdf", manifest=False)
    bad = subprocess.run([sys.executable, "-m", "cli", "parse", str(broken), "--json"], capture_output=True,
                         text=True, cwd=REPO, env=env, timeout=120, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert [line for line in bad.stderr.splitlines() if line.startswith("kb: ")] == [
        f"kb: {broken}: error: broken PDF (Data format error): re-export or re-download it"]


# ------------------------------------------------------------------------------------------------ property

WORDS = ("Träger", "Leistungen", "Vereinbarung", "der", "die", "und", "nach", "für", "über", "gemäß", "Jobcenter",
         "Hilfebedürftigkeit", "Maßnahme", "Landesbehörde", "§ 6a", "Abs. 2", "Satz 1", "Nr. 4", "BMAS", "ist",
         "wird", "kann", "insbesondere", "SGB-II-Träger", "Kosten-Nutzen-Analyse", "(vgl. Rz. 3)")


@st.composite
def documents(draw: st.DrawFn) -> tuple[Spec, str, Layout]:
    count = draw(st.integers(min_value=1, max_value=14))
    entries = []
    number = 0
    for _ in range(count):
        number += draw(st.integers(min_value=1, max_value=2))
        label = f"{number}{draw(st.sampled_from(['', '', '', 'a']))}"
        texts = []
        for _ in range(draw(st.integers(min_value=1, max_value=2))):
            words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=90))
            texts.append(words[0][0].upper() + " ".join(words)[1:] + ".")
        entries.append((label, tuple(texts)))
    style = draw(st.sampled_from(["margin", "bold", "Rn."]))
    # Margin labels between two columns are ambiguous when a column is nearly empty: two columns here
    # have their Randnummern in the text (the fixed shapes above cover a margin column beside two columns).
    columns = 1 if style == "margin" else draw(st.sampled_from([1, 2]))
    layout = Layout(margin=draw(st.sampled_from(["left", "right"])), bold_labels=draw(st.booleans()),
                    columns=columns)
    return Spec(tuple(entries), {}), style, layout


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents())
def test_random_commentaries_round_trip(tmp_path: Path, document: tuple[Spec, str, Layout]) -> None:
    spec, style, layout = document
    if len({label for label, _ in spec.entries}) < len(spec.entries):
        return  # "3" then "3a" then … never repeats, but keep the oracle honest
    parsed = parse_path(write(tmp_path, build_pdf(spec.paras(style), layout).data), root=tmp_path)
    check_round_trip(parsed, spec, {})
