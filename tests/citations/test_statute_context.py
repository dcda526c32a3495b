"""Relative references in statute text resolve against the unit they stand in (kb.citations.extract with units)."""

from __future__ import annotations

from pathlib import Path

from indexer.sources import parse_path
from kb.citations import Context, extract
from kb.model import Block, BlockKind, statute_units

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
CTX = Context("SGB 2", "48b", "sgb-2")

TEXT = ("(1) Es schließen\n1. der Bund,\n2. die Länder\nVereinbarungen ab. Die Vereinbarungen nach Satz 1 Nummer 2 "
        "umfassen alles.\n(2) Für Absatz 1 Satz 1 Nummer 1 gilt Satz 1 des Absatzes 1 nicht. Satz 1 gilt auch nach "
        "Nummer 2.")


def _blocks() -> tuple[Block, ...]:
    a1, a2 = TEXT.index("(1)"), TEXT.index("(2)")
    n1, n2 = TEXT.index("1. der"), TEXT.index("2. die")
    return (Block(BlockKind.ABSATZ, a1, a2 - 1, "1"), Block(BlockKind.NUMMER, n1, n2 - 1, "1", "1"),
            Block(BlockKind.NUMMER, n2, TEXT.index("\nVereinbarungen"), "2", "1"),
            Block(BlockKind.ABSATZ, a2, len(TEXT), "2"))


def _keys(text: str, units: object = None) -> dict[str, list[str]]:
    return {c.text: [t.key for t in c.targets] for c in extract(text, CTX, units)}  # type: ignore[arg-type]


def test_a_reference_below_the_absatz_takes_the_absatz_it_stands_in() -> None:
    keys = _keys(TEXT, statute_units(_blocks()))
    assert keys["Satz 1 Nummer 2"] == ["SGB 2 § 48b Abs. 1 Satz 1 Nr. 2"]
    assert keys["Absatz 1 Satz 1 Nummer 1"] == ["SGB 2 § 48b Abs. 1 Satz 1 Nr. 1"]
    # in Abs. 2 a bare "Satz 1" is Abs. 2's, whatever was cited before; "Nummer 2" too
    assert keys["Satz 1"] == ["SGB 2 § 48b Abs. 2 Satz 1"]
    assert keys["Nummer 2"] == ["SGB 2 § 48b Abs. 2 Nr. 2"]


def test_commentary_keeps_its_rule_the_last_cited_unit() -> None:
    # without units (a commentary on § 48b) "Satz 1" after "Abs. 4" in the sentence before is § 48b Abs. 4 Satz 1
    keys = _keys("Nach Abs. 4 gilt das. Satz 1 ist eng auszulegen.")
    assert keys["Satz 1"] == ["SGB 2 § 48b Abs. 4 Satz 1"]


def test_the_bundled_sgb_ii() -> None:
    """corpus/gesetze/sgb_2.xml, § 48b Abs. 1 Satz 2: "Die Vereinbarungen nach Satz 1 Nummer 2 bis 4 …"."""
    parsed = parse_path(CORPUS / "gesetze" / "sgb_2.xml", root=CORPUS)
    entry = next(e for e in parsed.entries if e.id == "sgb-2/48b")
    found = {c.text: [t.key for t in c.targets]
             for c in extract(entry.text, Context("SGB 2", "48b", "sgb-2"), statute_units(entry.blocks))}
    assert found["Satz 1 Nummer 2 bis 4"] == [f"SGB 2 § 48b Abs. 1 Satz 1 Nr. {n}" for n in (2, 3, 4)]
    assert found["Satz 1 Nummer 3"] == ["SGB 2 § 48b Abs. 1 Satz 1 Nr. 3"]
    assert found["Absatz 1 Satz 1 Nummer 4"] == ["SGB 2 § 48b Abs. 1 Satz 1 Nr. 4"]
    # without the units, as before: the Absatz is lost
    assert [t.key for c in extract(entry.text, Context("SGB 2", "48b", "sgb-2")) if c.text == "Satz 1 Nummer 3"
            for t in c.targets] == ["SGB 2 § 48b Satz 1 Nr. 3"]
