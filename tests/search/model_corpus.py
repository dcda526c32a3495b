"""A small corpus made directly from kb.model objects, published as a real knowledge base.

It does not depend on the source parsers, the citation engine or the NLP pipeline, so the store and
the search are tested on exactly the entities, citations and obligations written here.
"""

from __future__ import annotations

from pathlib import Path

from indexer.build import BuildReport, WorkResult, publish
from kb.model import (
    Block,
    BlockKind,
    Citation,
    CitationKind,
    Entity,
    EntityLabel,
    Entry,
    Modality,
    NormTarget,
    Obligation,
    RzNumber,
    RzTarget,
    Work,
    WorkKind,
    entry_id,
)

COMMENTARY = Work("sgb-2-48b", "Kommentar zu § 48b SGB II", WorkKind.COMMENTARY, "SGB 2", "48b")
COMMENTARY_6A = Work("sgb-2-6a", "Kommentar zu § 6a SGB II", WorkKind.COMMENTARY, "SGB 2", "6a")
COMMENTARY_12 = Work("sgb-12-3", "Kommentar zu § 3 SGB XII", WorkKind.COMMENTARY, "SGB 12", "3")
STATUTE = Work("sgb-2", "Sozialgesetzbuch Zweites Buch", WorkKind.STATUTE, "SGB 2")


def _ent(text: str, whole: str, label: EntityLabel, canonical: str, abbreviation: str | None = None) -> Entity:
    start = whole.index(text)
    return Entity(label, start, start + len(text), text, canonical, abbreviation)


def _cit(text: str, whole: str, *targets: NormTarget | RzTarget) -> Citation:
    start = whole.index(text)
    kind = CitationKind.RZ if isinstance(targets[0], RzTarget) else CitationKind.NORM
    return Citation(kind, start, start + len(text), text, tuple(targets), law="SGB 2")


def _rz(work: Work, pos: int, label: str, text: str, **kw: object) -> Entry:
    rz = RzNumber(label)
    return Entry(entry_id(work.slug, rz), work.slug, work.law, work.paragraph or "", pos, text,
                 (Block(BlockKind.PARAGRAPH, 0, len(text)),), rz, **kw)  # type: ignore[arg-type]


T33 = ("Auf die Vereinbarungen nach Abs. 1 Satz 1 Nr. 4 mit den zugelassenen kommunalen Trägern ist "
       "insbesondere Abs. 4 anzuwenden.")
T34 = ("Der Gesetzgeber geht davon aus, dass die zugelassenen kommunalen Träger die Zielvereinbarung zwischen dem "
       "BMAS und der Landesbehörde nachzeichnen; aufgrund des § 6a Abs. 2 Satz 1 Nr. 4 haben sie sich im Rahmen "
       "der Trägerschaft zum Abschluss von Zielvereinbarungen verpflichtet.")
T34A = ("In der Vereinbarung des Niedersächsischen Ministeriums für Soziales (MS) mit dem Landkreis Göttingen für "
        "2024 sind Vereinbarungen zur Umsetzung der Bürgergeldreform getroffen worden. Die Integrationsfachkräfte "
        "sollen die Qualifizierung als Meilenstein betrachten.")
T35 = "Die Bundesagentur muss die Daten übermitteln; der Landkreis Göttingen <script>alert(1)</script> prüft."
T40 = ("Zur Kennzahl siehe Rz. 34 und § 6a Abs. 7 SGB II; Leistungen des Bürgergeldes werden erbracht, "
       "solange die Trägerschaft besteht.")
T6A_1 = "Die Zulassung kommunaler Träger setzt eine Verpflichtung zur Zielvereinbarung voraus (§ 6a Abs. 2 Satz 1)."
T12 = ("Die Sozialhilfe nach dem SGB XII wird von den Trägern der Sozialhilfe geleistet, so die Praxis; "
       "vgl. § 6a Abs. 2 SGB II.")
S48B = ("(1) Zur Erreichung der Ziele schließen die Träger Vereinbarungen ab.\n"
        "(4) Die Vereinbarungen nach Absatz 1 Satz 1 Nummer 4 umfassen Zielvereinbarungen.")


def works() -> list[WorkResult]:
    n6a = NormTarget("SGB 2", "6a", absatz="2", satz="1", nummer="4")
    commentary = (
        _rz(COMMENTARY, 0, "33", T33, headings=("A. Zielvereinbarungen",),
            citations=(_cit("Abs. 1 Satz 1 Nr. 4", T33, NormTarget("SGB 2", "48b", absatz="1", satz="1", nummer="4")),
                       _cit("Abs. 4", T33, NormTarget("SGB 2", "48b", absatz="4"))),
            entities=(_ent("zugelassenen kommunalen Trägern", T33, EntityLabel.TRAEGER,
                           "zugelassener kommunaler Träger"),)),
        _rz(COMMENTARY, 1, "34", T34, headings=("A. Zielvereinbarungen",),
            citations=(_cit("§ 6a Abs. 2 Satz 1 Nr. 4", T34, n6a),),
            entities=(_ent("zugelassenen kommunalen Träger", T34, EntityLabel.TRAEGER,
                           "zugelassener kommunaler Träger"),
                      _ent("BMAS", T34, EntityLabel.MINISTERIUM, "Bundesministerium für Arbeit und Soziales", "BMAS")),
            obligations=(Obligation(Modality.PFLICHT, "zugelassener kommunaler Träger",
                                    "zum Abschluss von Zielvereinbarungen verpflichtet", T34, 0, len(T34),
                                    "traeger/zugelassener-kommunaler-traeger", "haben … verpflichtet"),)),
        _rz(COMMENTARY, 2, "34a", T34A, headings=("B. Praxis",),
            entities=(_ent("Niedersächsischen Ministeriums für Soziales", T34A, EntityLabel.MINISTERIUM,
                           "Niedersächsisches Ministerium für Soziales", "MS"),
                      _ent("Landkreis Göttingen", T34A, EntityLabel.ORT, "Landkreis Göttingen")),
            obligations=(Obligation(Modality.SOLL, "Integrationsfachkräfte", "die Qualifizierung betrachten",
                                    T34A, 0, len(T34A), None, "sollen"),)),
        _rz(COMMENTARY, 3, "35", T35, headings=("B. Praxis",),
            entities=(_ent("Landkreis Göttingen", T35, EntityLabel.ORT, "Landkreis Göttingen"),),
            obligations=(Obligation(Modality.PFLICHT, "Bundesagentur für Arbeit", "die Daten übermitteln", T35, 0,
                                    len(T35), "behoerde/bundesagentur-fuer-arbeit", "muss"),)),
        _rz(COMMENTARY, 4, "40", T40, headings=("C. Kennzahlen",),
            citations=(_cit("Rz. 34", T40, RzTarget("34", "sgb-2-48b")),
                       _cit("§ 6a Abs. 7 SGB II", T40, NormTarget("SGB 2", "6a", absatz="7")))),
    )
    c6a = (_rz(COMMENTARY_6A, 0, "1", T6A_1, headings=("Zulassung",),
               citations=(_cit("§ 6a Abs. 2 Satz 1", T6A_1, NormTarget("SGB 2", "6a", absatz="2", satz="1")),)),)
    c12 = (_rz(COMMENTARY_12, 0, "1", T12,
               citations=(_cit("§ 6a Abs. 2 SGB II", T12, NormTarget("SGB 2", "6a", absatz="2")),)),)
    statute = (Entry("sgb-2/48b", "sgb-2", "SGB 2", "48b", 0, S48B,
                     (Block(BlockKind.ABSATZ, 0, S48B.index("\n"), "1"),
                      Block(BlockKind.ABSATZ, S48B.index("\n") + 1, len(S48B), "4")),
                     title="Zielvereinbarungen", headings=("Kapitel 6",)),)
    return [WorkResult(COMMENTARY, commentary, (), "commentary.txt"),
            WorkResult(COMMENTARY_6A, c6a, (), "c6a.txt"),
            WorkResult(COMMENTARY_12, c12, (), "c12.txt"),
            WorkResult(STATUTE, statute, (), "sgb_2.xml")]


def publish_model(root: Path) -> BuildReport:
    report = publish(works(), root, sources=["model_corpus"])
    assert report.ok, report.summary_table()
    return report
