"""The Zitiervorschlag (kb.links.citation_suggestion) per kind of work, and the statute units it names."""

from __future__ import annotations

import pytest

from kb import links
from kb.model import Block, BlockKind, Decision, Entry, NormTarget, RzNumber, Work, WorkKind

TITLE = "Grundsicherung für Arbeitsuchende"
SGB2_STAND = "Stand: zuletzt geändert durch Art. 6 G v. 16.8.2023 I Nr. 217; Abruf 10.01.2024"


def commentary(authors: tuple[str, ...] = (), edition: str | None = None) -> Work:
    return Work("sgb-2-48b", TITLE, WorkKind.COMMENTARY, "SGB 2", "48b", authors=authors, edition=edition)


RZ34A = Entry("sgb-2-48b/rz-34a", "sgb-2-48b", "SGB 2", "48b", 2, "…", rz=RzNumber("34a"))


@pytest.mark.parametrize(("authors", "edition", "expected"), [
    (("Müller", "Schmidt"), "3. Aufl. 2024", f"Müller/Schmidt, in: {TITLE}, 3. Aufl. 2024, § 48b SGB II Rz. 34a"),
    (("Müller",), None, f"Müller, in: {TITLE}, § 48b SGB II Rz. 34a"),
    ((), "Stand 2024", f"{TITLE}, Stand 2024, § 48b SGB II Rz. 34a"),
    ((), None, f"{TITLE}, § 48b SGB II Rz. 34a"),
])
def test_commentary_randnummer(authors: tuple[str, ...], edition: str | None, expected: str) -> None:
    assert links.citation_suggestion(commentary(authors, edition), RZ34A) == expected


def test_commentary_as_a_whole_and_guidance_without_a_paragraph() -> None:
    assert links.citation_suggestion(commentary(("Müller",), "Stand 2024")) == (
        f"Müller, in: {TITLE}, Stand 2024, § 48b SGB II")
    guidance = Work("fw-sgb-2", "Fachliche Weisungen SGB II", WorkKind.GUIDANCE, "SGB 2", authors=("BA",),
                    edition="Stand 01.07.2023")
    entry = Entry("fw-sgb-2/rz-16.1", "fw-sgb-2", "SGB 2", "", 0, "…", rz=RzNumber("16.1"))
    assert links.citation_suggestion(guidance, entry) == (
        "BA, in: Fachliche Weisungen SGB II, Stand 01.07.2023, Rz. 16.1")


SGB2 = Work("sgb-2", "Sozialgesetzbuch Zweites Buch", WorkKind.STATUTE, "SGB 2", edition=SGB2_STAND)
P48B = Entry("sgb-2/48b", "sgb-2", "SGB 2", "48b", 90, "…", title="Zielvereinbarungen")
STAND = "(Stand: zuletzt geändert durch Art. 6 G v. 16.8.2023 I Nr. 217)"


def test_statute_paragraph_and_its_units() -> None:
    assert links.citation_suggestion(SGB2, P48B) == f"§ 48b SGB II {STAND}"
    unit = NormTarget("SGB 2", "48b", absatz="1", satz="1", nummer="4")
    assert links.citation_suggestion(SGB2, P48B, unit) == f"§ 48b Abs. 1 Satz 1 Nr. 4 SGB II {STAND}"
    assert links.citation_suggestion(SGB2) == f"SGB II {STAND}"


@pytest.mark.parametrize(("edition", "stand"), [
    ("Abruf 10.01.2024", " (abgerufen am 10.01.2024)"),  # only when it was fetched
    ("2023", " (Stand: 2023)"),  # as a manifest declares it
    (None, ""),  # nothing known: no empty parentheses
])
def test_statute_stand_forms(edition: str | None, stand: str) -> None:
    work = Work("sgb-2", "SGB II", WorkKind.STATUTE, "SGB 2", edition=edition)
    assert links.citation_suggestion(work, P48B) == f"§ 48b SGB II{stand}"


def test_a_unit_that_is_no_paragraph_is_named_by_its_designation() -> None:
    sgb12 = Work("sgb-12", "SGB XII", WorkKind.STATUTE, "SGB 12", edition="Stand: Zuletzt geändert durch Art. 2 G")
    anlage = Entry("sgb-12/anlage-zu-28", "sgb-12", "SGB 12", "Anlage zu § 28", 204, "…")
    assert links.entry_label(anlage) == "Anlage zu § 28 SGB XII"
    assert links.citation_suggestion(sgb12, anlage) == "Anlage zu § 28 SGB XII (Stand: Zuletzt geändert durch Art. 2 G)"
    assert links.entry_path(anlage) == "/g/sgb-12/anlage-zu-28"
    assert links.norm_segment("Anlage zu § 28") == "anlage-zu-28" and links.norm_segment("48b") == "48b"


def test_decision() -> None:
    decision = Decision("BVerwG", "11 A 7.23", "2024-02-14", "Urteil", "ECLI:DE:BVerwG:2024:140224U11A7.23.0")
    work = Work("bverwg-11-a-7-23", "Planfeststellung", WorkKind.DECISION, "", decision=decision)
    rn12 = Entry("bverwg-11-a-7-23/rn-12", work.slug, "", "", 14, "…", rz=RzNumber("12"), cite_as=decision.citation)
    leitsatz = Entry("bverwg-11-a-7-23/leitsatz", work.slug, "", "", 0, "…", title="Leitsatz",
                     cite_as=decision.citation)
    assert links.citation_suggestion(work, rn12) == "BVerwG, Urteil vom 14.02.2024 – 11 A 7.23, Rn. 12"
    assert links.citation_suggestion(work, leitsatz) == "BVerwG, Urteil vom 14.02.2024 – 11 A 7.23, Leitsatz"
    assert links.citation_suggestion(work) == (
        "BVerwG, Urteil vom 14.02.2024 – 11 A 7.23 – ECLI:DE:BVerwG:2024:140224U11A7.23.0")


# --------------------------------------------------------------------------- the units a § page anchors

TEXT = ("(1) Es schließen\n1. der Bund,\n2. die Länder\nVereinbarungen ab. Satz 1 gilt entsprechend.\n"
        "(2) Nur ein Satz.")


def _p(text: str, start: str, end: str) -> tuple[int, int]:
    return text.index(start), text.index(end) + len(end)


def test_statute_anchors_name_absatz_satz_and_nummer() -> None:
    a1, a2 = _p(TEXT, "(1)", "entsprechend."), _p(TEXT, "(2)", "Satz.")
    n1, n2 = _p(TEXT, "1. der", "Bund,"), _p(TEXT, "2. die", "Länder")
    entry = Entry("sgb-2/1", "sgb-2", "SGB 2", "1", 0, TEXT, blocks=(
        Block(BlockKind.ABSATZ, *a1, label="1"), Block(BlockKind.NUMMER, *n1, label="1", parent="1"),
        Block(BlockKind.NUMMER, *n2, label="2", parent="1"), Block(BlockKind.ABSATZ, *a2, label="2")))
    units = links.statute_anchors(entry)
    assert list(units) == ["abs-1", "abs-1-nr-1", "abs-1-nr-2", "abs-2"]
    # Abs. 1 has two sentences: its Nummern are cited with the Satz they stand in
    assert units["abs-1-nr-2"] == NormTarget("SGB 2", "1", absatz="1", satz="1", nummer="2")
    assert units["abs-2"] == NormTarget("SGB 2", "1", absatz="2")
    deep = NormTarget("SGB 2", "1", absatz="1", satz="1", nummer="2")
    assert links.unit_anchor(deep, units) == "abs-1-nr-2"
    assert links.unit_anchor(NormTarget("SGB 2", "1", absatz="1", nummer="9"), units) == "abs-1"
    assert links.unit_anchor(NormTarget("SGB 2", "1", absatz="7"), units) is None


def test_nummern_of_a_paragraph_without_absaetze() -> None:
    text = "Die Sozialhilfe umfasst:\n1. Hilfe,\n2. Pflege."
    entry = Entry("sgb-12/8", "sgb-12", "SGB 12", "8", 0, text, blocks=(
        Block(BlockKind.PARAGRAPH, 0, len(text)), Block(BlockKind.NUMMER, *_p(text, "1.", "Hilfe,"), label="1"),
        Block(BlockKind.NUMMER, *_p(text, "2.", "Pflege."), label="2")))
    assert links.statute_anchors(entry) == {"nr-1": NormTarget("SGB 12", "8", nummer="1"),
                                            "nr-2": NormTarget("SGB 12", "8", nummer="2")}
    assert links.norm_path("SGB 12", "8", None, "2") == "/g/sgb-12/8#nr-2"
    assert links.norm_path("SGB 2", "48b", "1", "4") == "/g/sgb-2/48b#abs-1-nr-4"


def test_outline_anchor() -> None:
    assert links.outline_anchor(("Kapitel 3 Leistungen", "Abschnitt 2 Bürgergeld")) == (
        "gl-kapitel-3-leistungen-abschnitt-2-buergergeld")


def test_two_lists_in_one_absatz_name_their_satz() -> None:
    text = "(1) Es erhalten\n1. der Bund,\n2. die Länder.\nAusgenommen sind\n1. die Kreise,\n2. die Städte."
    spans = [_p(text, "1. der", "Bund,"), _p(text, "2. die L", "Länder."), _p(text, "1. die K", "Kreise,"),
             _p(text, "2. die S", "Städte.")]
    entry = Entry("sgb-2/7", "sgb-2", "SGB 2", "7", 0, text, blocks=(
        Block(BlockKind.ABSATZ, 0, len(text), label="1"),
        *(Block(BlockKind.NUMMER, s, e, label=str(i % 2 + 1), parent="1") for i, (s, e) in enumerate(spans))))
    units = links.statute_anchors(entry)
    assert list(units) == ["abs-1", "abs-1-satz-1-nr-1", "abs-1-satz-1-nr-2", "abs-1-satz-2-nr-1",
                           "abs-1-satz-2-nr-2"]
    assert links.block_anchors(entry)[spans[2]] == "abs-1-satz-2-nr-1"
    second = NormTarget("SGB 2", "7", absatz="1", satz="2", nummer="1")
    assert links.unit_anchor(second, units) == "abs-1-satz-2-nr-1"
    # "Abs. 1 Nr. 1" alone could be either list: the Absatz, not a guess
    assert links.unit_anchor(NormTarget("SGB 2", "7", absatz="1", nummer="1"), units) == "abs-1"


def test_two_lists_whose_saetze_cannot_be_told_apart_get_no_nummer_anchors() -> None:
    text = "(1) A:\n1. x,\n2. y;\nB:\n1. z"  # no sentence boundary between the lists
    spans = [_p(text, "1. x", "x,"), _p(text, "2. y", "y;"), _p(text, "1. z", "z")]
    entry = Entry("sgb-2/9", "sgb-2", "SGB 2", "9", 0, text, blocks=(
        Block(BlockKind.ABSATZ, 0, len(text), label="1"),
        *(Block(BlockKind.NUMMER, s, e, label=label, parent="1") for (s, e), label in zip(spans, "121", strict=True))))
    assert list(links.statute_anchors(entry)) == ["abs-1"]
    assert links.unit_anchor(NormTarget("SGB 2", "9", absatz="1", satz="2", nummer="1"),
                             links.statute_anchors(entry)) == "abs-1"
