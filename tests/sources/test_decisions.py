"""Court decisions: the courts' own pages, the federal decision XML, and the markups other courts use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from indexer.sources import SourceError, parse_path
from indexer.sources.decision import from_ecli, iso_date
from indexer.sources.formats import format_for
from kb.model import BlockKind, WorkKind
from tests.conftest import SHARED_DATA

DECISIONS = SHARED_DATA / "decisions"
PAGES = sorted(DECISIONS.glob("*/*.html")) if DECISIONS.is_dir() else []


def _shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared data not available here: {path} is absent")
    return path


def _own_markup(page: Path) -> tuple[list[str], bool, bool]:
    """The court's own Randnummern of the page's decision, in order, and whether it has a Leitsatz / Tenor,
    read straight from the markup (BVerwG: div.rdn[data-rdn] in the span.target of the page's ECLI; BAG:
    dd[id=rd-N])."""
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    block = soup.find("span", class_="target", id=page.name.removesuffix(".html").replace(".", "")) or soup
    numbers = [d["data-rdn"] for d in block.select("div.rdn[data-rdn]")] or \
              [d["id"].removeprefix("rd-") for d in block.select('dd[id^="rd-"]')]
    text = str(block)
    return numbers, bool(re.search(r">\s*Leits(?:atz|ätze):?\s*<", text)), "tenor" in text.lower()


@pytest.mark.shared_data
@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_court_page_splits_into_the_courts_own_randnummern(page: Path) -> None:
    numbers, has_leitsatz, has_tenor = _own_markup(page)
    parsed = parse_path(page)
    work = parsed.work
    assert work.kind is WorkKind.DECISION and work.decision is not None
    assert [e.rz.label for e in parsed.entries if e.rz] == numbers  # count and order as the markup's
    parts = [e.id.rsplit("/", 1)[1] for e in parsed.entries if e.rz is None]
    assert ("tenor" in parts) == has_tenor and ("leitsatz" in parts) == has_leitsatz
    d = work.decision
    assert d.court in ("BVerwG", "BAG") and d.docket and d.date
    assert d.doctype in ("Urteil", "Beschluss", "Gerichtsbescheid")
    assert d.ecli and d.ecli.startswith(f"ECLI:DE:{d.court}:") and d.chamber
    # the page's own decision, not one its reasons cite: the ECLI spells its Aktenzeichen (and names the file)
    assert re.sub(r"[^0-9a-z]", "", d.docket.lower()) in re.sub(r"[^0-9a-z]", "", d.ecli.lower())
    assert page.parent.name != "bverwg" or d.ecli.endswith(page.stem)
    assert work.slug == re.sub(r"[^a-z0-9]+", "-", f"{d.court} {d.docket}".lower())
    assert all(e.cite_as == d.citation for e in parsed.entries)
    # nothing of the page around the decision: no navigation, no metadata blocks, no Zitiervorschlag
    text = "\n".join(e.text for e in parsed.entries)
    assert "Zitiervorschlag" not in text and "Rechtsquellen" not in text and "Pressemitteilung" not in text
    warnings = [str(p) for p in parsed.problems]
    several = len(BeautifulSoup(page.read_text("utf-8"), "html.parser").select("span.target")) > 1
    assert (warnings == []) != several, warnings  # a page showing two decisions says which one it reads


@pytest.mark.shared_data
def test_a_bverwg_page_in_detail() -> None:
    page = _shared(DECISIONS / "bverwg" / "070324U2C12.23.0.html")
    parsed = parse_path(page)
    d = parsed.work.decision
    assert d is not None
    assert (d.court, d.docket, d.date, d.doctype) == ("BVerwG", "2 C 12.23", "2024-03-07", "Urteil")
    assert d.ecli == "ECLI:DE:BVerwG:2024:070324U2C12.23.0" and d.chamber == "2. Senat"
    assert d.norms == ("BDG §§ 1, 2", "BBG §§ 1, 2, 27, 77", "LDG BW §§ 1, 4, 38")
    assert d.lower_courts == ("VG Freiburg - 17.09.2021 - AZ: DL 11 K 3895/20",
                              "VGH Mannheim - 18.04.2023 - AZ: DL 16 S 21/22")
    assert d.citation == "BVerwG, Urteil vom 07.03.2024 – 2 C 12.23"
    assert parsed.work.title == "Unanwendbarkeit des Disziplinargesetzes eines Landes auf abgeordnete Bundesbeamte"
    by_id = {e.id.rsplit("/", 1)[1]: e for e in parsed.entries}
    assert by_id["leitsatz"].text.startswith("1. Während einer Abordnung")
    assert "2. Das Disziplinargesetz eines Landes" in by_id["leitsatz"].text
    assert by_id["tenor"].text.startswith("Die Revision des Beklagten")
    assert by_id["rn-1"].headings == ("Gründe", "I") and by_id["rn-8"].headings == ("Gründe", "II")
    assert by_id["rn-8"].text.startswith("Die Revision des Beklagten ist zulässig")
    assert [e.id.rsplit("/", 1)[1] for e in parsed.entries][:4] == ["leitsatz", "rubrum", "tenor", "rn-1"]


@pytest.mark.shared_data
def test_a_bag_page_in_detail() -> None:
    page = _shared(DECISIONS / "bag" / "1-azr-62-23.html")
    parsed = parse_path(page)
    d = parsed.work.decision
    assert d is not None
    assert (d.court, d.docket, d.date, d.doctype, d.chamber) == ("BAG", "1 AZR 62/23", "2024-01-30", "Urteil",
                                                                 "1. Senat")
    assert d.ecli == "ECLI:DE:BAG:2024:300124.U.1AZR62.23.0"
    by_id = {e.id.rsplit("/", 1)[1]: e for e in parsed.entries}
    assert by_id["rn-1"].headings == ("Tatbestand",) and by_id["rn-11"].headings == ("Entscheidungsgründe",)
    assert "26.560,53 Euro" in by_id["rn-8"].text  # the Antrag set as a table belongs to "Der Kläger hat beantragt,"
    assert by_id["tenor"].text.startswith("1. Auf die Revision der Beklagten")


@pytest.mark.shared_data
def test_the_federal_decision_xml() -> None:
    parsed = parse_path(_shared(DECISIONS / "rii" / "jb-JURE100055033.xml"))
    d = parsed.work.decision
    assert d is not None
    assert (d.court, d.docket, d.date, d.doctype, d.chamber) == ("BGH", "IX ZB 72/08", "2010-01-14", "Beschluss",
                                                                 "9. Zivilsenat")
    assert d.norms == ("§ 4 InsO", "§ 13 ZPO", "§ 251 ZPO")
    assert d.lower_courts == ("vorgehend LG Aachen, 17. März 2008, Az: 6 T 104/07, Beschluss",)
    assert parsed.work.slug == "bgh-ix-zb-72-08"
    assert parsed.work.title == "Insolvenzverfahren: Anwendbarkeit der Vorschrift über das Ruhen des Verfahrens"
    assert [e.id for e in parsed.entries] == ["bgh-ix-zb-72-08/tenor", "bgh-ix-zb-72-08/rn-1"]
    assert parsed.entries[1].text.startswith("1. Einer Entscheidung steht nicht entgegen")
    assert parsed.problems == ()


# ------------------------------------------------------------------------------------------------ other markups

_PAGE = """<!DOCTYPE html><html><head><title>{title}</title></head><body>
<nav><a href="/">Start</a> <a href="/entscheidungen">Entscheidungen</a></nav>
<main>
<p>Zitiervorschlag</p>
<h1>{title}</h1>
<dl class="details"><dt>Aktenzeichen</dt><dd>{docket}</dd><dt>ECLI</dt><dd>{ecli}</dd>
<dt>Datum</dt><dd>{date}</dd><dt>Art</dt><dd>{doctype}</dd><dt>Senat</dt><dd>4. Senat</dd></dl>
<h2>Leitsatz</h2><p>Ein Leitsatz steht für sich.</p>
<h2>Tenor</h2><p>Die Revision wird zurückgewiesen.</p>
<h2>Gründe</h2>
{body}
</main>
<footer>Impressum · Datenschutz</footer>
</body></html>"""

_BODIES = {
    "li-data-rd": "<ol>" + "".join(f'<li data-rd="{n}"><p>{t}</p></li>' for n, t in (
        ("1", "Erster Absatz der Gründe."), ("2", "Zweiter Absatz der Gründe."), ("3", "Dritter Absatz."))) + "</ol>",
    "div-rd-beside": "".join(f'<div class="row"><div class="rd">{n}</div><div class="txt">{t}</div></div>' for n, t in (
        ("1", "Erster Absatz der Gründe."), ("2", "Zweiter Absatz der Gründe."), ("3", "Dritter Absatz."))),
    "number-cells": '<table><tr><td>1</td><td>Erster Absatz der Gründe, lang genug.</td></tr>'
                    '<tr><td>2</td><td>Zweiter Absatz der Gründe, lang genug.</td></tr>'
                    '<tr><td>3</td><td>Dritter Absatz der Gründe, lang genug.</td></tr></table>',
    "anchor-names": '<p><a name="rd_1">1</a> Erster Absatz der Gründe.</p><p><a name="rd_2">2</a> Zweiter Absatz '
                    'der Gründe.</p><p><a name="rd_3">3</a> Dritter Absatz.</p>',
}


@pytest.mark.parametrize("markup", _BODIES)
def test_other_courts_markups_of_a_randnummer(tmp_path: Path, markup: str) -> None:
    page = tmp_path / f"{markup}.html"
    page.write_text(_PAGE.format(title="BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R", docket="B 4 AS 4/16 R",
                                 ecli="ECLI:DE:BSG:2016:121016UB4AS416R0", date="12.10.2016", doctype="Urteil",
                                 body=_BODIES[markup]), "utf-8")
    assert format_for(page, page.read_bytes()).name == "decision-html"
    parsed = parse_path(page)
    assert parsed.work.slug == "bsg-b-4-as-4-16-r"
    assert [e.id.rsplit("/", 1)[1] for e in parsed.entries] == ["leitsatz", "tenor", "rn-1", "rn-2", "rn-3"]
    assert parsed.entries[2].text == "Erster Absatz der Gründe." or parsed.entries[2].text.startswith("Erster Absatz")
    assert not any("Impressum" in e.text or "Start" in e.text or "Aktenzeichen" in e.text for e in parsed.entries)
    d = parsed.work.decision
    assert d is not None and (d.court, d.date, d.doctype, d.chamber) == ("BSG", "2016-10-12", "Urteil", "4. Senat")
    assert parsed.entries[2].headings == ("Gründe",)
    assert parsed.entries[0].blocks[0].kind is BlockKind.PARAGRAPH


def test_a_decision_page_without_aktenzeichen_says_what_to_declare(tmp_path: Path) -> None:
    page = tmp_path / "urteil.html"
    page.write_text('<html><body><main><h2>Gründe</h2><p><span class="rdn">1</span> Text.</p></main></body></html>',
                    "utf-8")
    with pytest.raises(SourceError, match=r"declare `(court|docket)`"):
        parse_path(page)
    (tmp_path / "manifest.toml").write_text('[[work]]\nfile = "urteil.html"\ncourt = "SG Berlin"\n'
                                            'docket = "S 12 AS 456/20"\ndate = "3.5.2021"\ndoctype = "Urt."\n', "utf-8")
    parsed = parse_path(page, root=tmp_path)
    assert parsed.work.slug == "sg-berlin-s-12-as-456-20"
    assert parsed.work.decision.citation == "SG Berlin, Urteil vom 03.05.2021 – S 12 AS 456/20"  # type: ignore[union-attr]


def test_decision_xml_that_is_broken_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "urteil.xml"
    bad.write_text('<?xml version="1.0"?>\n<!DOCTYPE dokument SYSTEM "rii-dok.dtd">\n<dokument><gertyp>BSG</gertyp>'
                   "<aktenzeichen>B 4 AS 4/16 R</aktenzeichen><gruende><dl><dt>", "utf-8")
    with pytest.raises(SourceError, match="truncated"):
        parse_path(bad)


@pytest.mark.parametrize(("text", "iso"), [
    ("14.02.2024", "2024-02-14"), ("14. Februar 2024", "2024-02-14"), ("1. März 2024", "2024-03-01"),
    ("20100114", "2010-01-14"), ("2024-02-14", "2024-02-14"), ("31.02.2024", None), ("bald", None),
])
def test_dates(text: str, iso: str | None) -> None:
    assert iso_date(text) == iso


def test_an_ecli_spells_court_date_and_type() -> None:
    d = from_ecli("ECLI:DE:BAG:2024:300124.U.1AZR62.23.0")
    assert d is not None and (d.court, d.date, d.doctype) == ("BAG", "2024-01-30", "Urteil")
    d = from_ecli("ECLI:DE:BVerwG:2024:010324B20F14.23.0")
    assert d is not None and (d.court, d.date, d.doctype) == ("BVerwG", "2024-03-01", "Beschluss")
    assert from_ecli("ECLI:XY") is None
