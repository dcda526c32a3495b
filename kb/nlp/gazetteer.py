"""Closed-class names: the institutions, courts and places of German social law.

Each :class:`Term` has one canonical form (nominative singular; strong adjective endings, as in a
heading: "zugelassener kommunaler Träger") and compact surface patterns that expand to every
inflected form. Pattern syntax, space-separated words:

* ``zugelassen*`` — an adjective stem; ``*`` takes every ending (-e, -en, -er, -em, -es), the same
  ending for all starred words of one phrase (German adjectives agree within a noun phrase);
* ``Träger|Trägers|Trägern`` — alternatives for one word.

Abbreviations ("BMAS") match case-sensitively; long forms match case-insensitively.
Open classes (Landkreis X, Land ministries with long names, courts with a seat) are in
:mod:`kb.nlp.patterns`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from kb.model import EntityLabel

ADJECTIVE_ENDINGS = ("e", "en", "er", "em", "es")


@dataclass(frozen=True, slots=True)
class Term:
    label: EntityLabel
    canonical: str
    patterns: tuple[str, ...]
    abbreviations: tuple[str, ...] = ()  # case-sensitive short forms; the first is the display one

    @property
    def abbreviation(self) -> str | None:
        return self.abbreviations[0] if self.abbreviations else None


def expand(pattern: str) -> list[str]:
    """All surface forms of one pattern (see module docstring)."""
    words = pattern.split()
    starred = any(w.endswith("*") for w in words)
    endings = ADJECTIVE_ENDINGS if starred else ("",)
    forms: list[str] = []
    for ending in endings:
        choices = [[w[:-1] + ending] if w.endswith("*") else w.split("|") for w in words]
        forms.extend(" ".join(combo) for combo in itertools.product(*choices))
    return forms


T, M, B, G, C, P = (
    EntityLabel.TRAEGER,
    EntityLabel.MINISTERIUM,
    EntityLabel.BEHOERDE,
    EntityLabel.GREMIUM,
    EntityLabel.GERICHT,
    EntityLabel.ORT,
)

_TRAEGER_N = "Träger|Trägers|Trägern"

TERMS: tuple[Term, ...] = (
    # --- Träger (SGB II §§ 6, 6a, 6d, 44b; SGB XII § 3)
    Term(T, "zugelassener kommunaler Träger", (f"zugelassen* kommunal* {_TRAEGER_N}",)),
    Term(T, "kommunaler Träger", (f"kommunal* {_TRAEGER_N}",)),
    Term(T, "Träger der Leistungen nach diesem Buch", (f"{_TRAEGER_N} der Leistungen nach diesem Buch",)),
    Term(
        T,
        "kreisfreie Städte und Kreise",
        ("kreisfrei* Städte|Städten und Kreise|Kreisen", "Kreise|Kreisen und kreisfrei* Städte|Städten"),
    ),
    Term(T, "Träger der Grundsicherung für Arbeitsuchende", (f"{_TRAEGER_N} der Grundsicherung für Arbeitsuchende",)),
    Term(
        T,
        "Träger der Sozialhilfe",
        (
            f"{_TRAEGER_N} der Sozialhilfe",
            "Sozialhilfeträger|Sozialhilfeträgers|Sozialhilfeträgern",
            f"örtlich* {_TRAEGER_N} der Sozialhilfe",
        ),
    ),
    Term(T, "überörtlicher Träger der Sozialhilfe", (f"überörtlich* {_TRAEGER_N} der Sozialhilfe",)),
    Term(T, "Träger der Jugendhilfe", (f"{_TRAEGER_N} der Jugendhilfe", f"{_TRAEGER_N} der öffentlichen Jugendhilfe")),
    Term(T, "Träger der Eingliederungshilfe", (f"{_TRAEGER_N} der Eingliederungshilfe",)),
    Term(
        T,
        "Träger der Rentenversicherung",
        (
            f"{_TRAEGER_N} der Rentenversicherung",
            "Rentenversicherungsträger|Rentenversicherungsträgers|Rentenversicherungsträgern",
        ),
    ),
    Term(
        T, "Deutsche Rentenversicherung", ("Deutsch* Rentenversicherung", "Deutsch* Rentenversicherung Bund"), ("DRV",)
    ),
    Term(
        T,
        "Träger der Unfallversicherung",
        (
            f"{_TRAEGER_N} der Unfallversicherung",
            "Unfallversicherungsträger|Unfallversicherungsträgers|Unfallversicherungsträgern",
        ),
    ),
    Term(T, "Leistungsträger", ("Leistungsträger|Leistungsträgers|Leistungsträgern",)),
    Term(T, "gemeinsame Einrichtung", ("gemeinsam* Einrichtung|Einrichtungen",)),
    Term(T, "Jobcenter", ("Jobcenter|Jobcenters|Jobcentern", "Job-Center|Job-Centers|Job-Centern")),
    Term(T, "Bundesagentur für Arbeit", ("Bundesagentur für Arbeit", "Bundesagentur"), ("BA",)),
    Term(T, "Agentur für Arbeit", ("Agentur|Agenturen für Arbeit",)),
    Term(T, "Familienkasse", ("Familienkasse|Familienkassen",)),
    Term(T, "Krankenkasse", ("Krankenkasse|Krankenkassen",)),
    Term(T, "Pflegekasse", ("Pflegekasse|Pflegekassen",)),
    Term(T, "Trägerversammlung", ("Trägerversammlung|Trägerversammlungen",)),
    # --- federal ministries (current and recent names)
    Term(
        M,
        "Bundesministerium für Arbeit und Soziales",
        ("Bundesministerium|Bundesministeriums für Arbeit und Soziales",),
        ("BMAS",),
    ),
    Term(
        M,
        "Bundesministerium für Arbeit und Sozialordnung",
        ("Bundesministerium|Bundesministeriums für Arbeit und Sozialordnung",),
        ("BMA",),
    ),
    Term(
        M,
        "Bundesministerium der Finanzen",
        ("Bundesministerium|Bundesministeriums der Finanzen", "Bundesfinanzministerium|Bundesfinanzministeriums"),
        ("BMF",),
    ),
    Term(
        M,
        "Bundesministerium für Gesundheit",
        (
            "Bundesministerium|Bundesministeriums für Gesundheit",
            "Bundesgesundheitsministerium|Bundesgesundheitsministeriums",
        ),
        ("BMG",),
    ),
    Term(
        M,
        "Bundesministerium für Familie, Senioren, Frauen und Jugend",
        ("Bundesministerium|Bundesministeriums für Familie, Senioren, Frauen und Jugend",),
        ("BMFSFJ",),
    ),
    Term(
        M,
        "Bundesministerium des Innern",
        (
            "Bundesministerium|Bundesministeriums des Innern",
            "Bundesministerium|Bundesministeriums des Innern und für Heimat",
            "Bundesinnenministerium|Bundesinnenministeriums",
        ),
        ("BMI",),
    ),
    Term(
        M,
        "Bundesministerium der Justiz",
        (
            "Bundesministerium|Bundesministeriums der Justiz",
            "Bundesministerium|Bundesministeriums der Justiz und für Verbraucherschutz",
            "Bundesjustizministerium|Bundesjustizministeriums",
        ),
        ("BMJ", "BMJV"),
    ),
    Term(
        M,
        "Bundesministerium der Verteidigung",
        (
            "Bundesministerium|Bundesministeriums der Verteidigung",
            "Bundesverteidigungsministerium|Bundesverteidigungsministeriums",
        ),
        ("BMVg",),
    ),
    Term(
        M,
        "Bundesministerium für Bildung und Forschung",
        ("Bundesministerium|Bundesministeriums für Bildung und Forschung",),
        ("BMBF",),
    ),
    Term(
        M,
        "Bundesministerium für Wirtschaft und Klimaschutz",
        (
            "Bundesministerium|Bundesministeriums für Wirtschaft und Klimaschutz",
            "Bundesministerium|Bundesministeriums für Wirtschaft und Energie",
        ),
        ("BMWK", "BMWi"),
    ),
    Term(M, "Auswärtiges Amt", ("Auswärtig* Amt|Amtes|Amts",)),
    Term(M, "Bundeskanzleramt", ("Bundeskanzleramt|Bundeskanzleramtes|Bundeskanzleramts",)),
    # --- authorities
    Term(B, "zuständige Landesbehörde", ("zuständig* Landesbehörde|Landesbehörden",)),
    Term(
        B,
        "oberste Landesbehörde",
        ("oberst* Landesbehörde|Landesbehörden", "zuständig* oberst* Landesbehörde|Landesbehörden"),
    ),
    Term(B, "Landesbehörde", ("Landesbehörde|Landesbehörden",)),
    Term(B, "Kommunalaufsicht", ("Kommunalaufsicht", "Kommunalaufsichtsbehörde|Kommunalaufsichtsbehörden")),
    Term(B, "Aufsichtsbehörde", ("Aufsichtsbehörde|Aufsichtsbehörden",)),
    Term(B, "Bundesrechnungshof", ("Bundesrechnungshof|Bundesrechnungshofs|Bundesrechnungshofes",), ("BRH",)),
    Term(B, "Landesrechnungshof", ("Landesrechnungshof|Landesrechnungshofs|Landesrechnungshofes",)),
    Term(B, "Bundesamt für Soziale Sicherung", ("Bundesamt|Bundesamtes|Bundesamts für Soziale Sicherung",), ("BAS",)),
    Term(
        B,
        "Bundesversicherungsamt",
        ("Bundesversicherungsamt|Bundesversicherungsamtes|Bundesversicherungsamts",),
        ("BVA",),
    ),
    Term(
        B,
        "Bundesamt für Migration und Flüchtlinge",
        ("Bundesamt|Bundesamtes|Bundesamts für Migration und Flüchtlinge",),
        ("BAMF",),
    ),
    Term(B, "Deutsches Patent- und Markenamt", ("Deutsch* Patent- und Markenamt|Markenamtes|Markenamts",), ("DPMA",)),
    Term(B, "Europäisches Patentamt", ("Europäisch* Patentamt|Patentamtes|Patentamts",), ("EPA",)),
    Term(B, "Bundesregierung", ("Bundesregierung",)),
    Term(B, "Landesregierung", ("Landesregierung|Landesregierungen",)),
    Term(B, "Staatsregierung", ("Staatsregierung",)),
    Term(B, "Staatskanzlei", ("Staatskanzlei|Staatskanzleien",)),
    Term(
        B,
        "Bundesbeauftragter für den Datenschutz und die Informationsfreiheit",
        ("Bundesbeauftragte|Bundesbeauftragten für den Datenschutz und die Informationsfreiheit",),
        ("BfDI",),
    ),
    Term(B, "Generalbundesanwalt", ("Generalbundesanwalt|Generalbundesanwalts",), ("GBA",)),
    Term(B, "Bundesnachrichtendienst", ("Bundesnachrichtendienst|Bundesnachrichtendienstes",), ("BND",)),
    Term(B, "Europäische Kommission", ("Europäisch* Kommission",)),
    Term(B, "Ausländerbehörde", ("Ausländerbehörde|Ausländerbehörden",)),
    Term(B, "Finanzamt", ("Finanzamt|Finanzamts|Finanzamtes|Finanzämter|Finanzämtern",)),
    Term(B, "Hauptzollamt", ("Hauptzollamt|Hauptzollamts|Hauptzollamtes|Hauptzollämter|Hauptzollämtern",)),
    Term(B, "Bundeswehr", ("Bundeswehr",)),
    Term(B, "Luftwaffe", ("Luftwaffe",)),
    Term(B, "Bundespolizei", ("Bundespolizei",)),
    Term(B, "Bundeskriminalamt", ("Bundeskriminalamt|Bundeskriminalamts|Bundeskriminalamtes",), ("BKA",)),
    Term(B, "Bundesamt für Verfassungsschutz", ("Bundesamt|Bundesamtes|Bundesamts für Verfassungsschutz",), ("BfV",)),
    Term(B, "Staatskasse", ("Staatskasse", "Landeskasse", "Bundeskasse")),
    Term(B, "Staatsanwaltschaft", ("Staatsanwaltschaft|Staatsanwaltschaften",)),
    Term(B, "Landratsamt", ("Landratsamt|Landratsamts|Landratsamtes",)),
    # --- bodies
    Term(
        G,
        "Kooperationsausschuss",
        ("Kooperationsausschuss|Kooperationsausschusses|Kooperationsausschüsse|Kooperationsausschüssen",),
    ),
    Term(
        G,
        "Bund-Länder-Ausschuss",
        (
            "Bund-Länder-Ausschuss|Bund-Länder-Ausschusses",
            "Ausschuss|Ausschusses für die Grundsicherung für Arbeitsuchende",
        ),
    ),
    Term(G, "örtlicher Beirat", ("örtlich* Beirat|Beirats|Beirates|Beiräte|Beiräten",)),
    Term(G, "Verwaltungsrat", ("Verwaltungsrat|Verwaltungsrats|Verwaltungsrates",)),
    Term(G, "Bundestag", ("Bundestag|Bundestags|Bundestages", "Deutsch* Bundestag|Bundestags|Bundestages")),
    Term(G, "Bundesrat", ("Bundesrat|Bundesrats|Bundesrates",)),
    Term(G, "Landtag", ("Landtag|Landtags|Landtages",)),
    Term(G, "Gemeinsamer Bundesausschuss", ("Gemeinsam* Bundesausschuss|Bundesausschusses",), ("G-BA",)),
    # --- courts (federal and European; courts with a seat are open-class patterns)
    Term(C, "Bundessozialgericht", ("Bundessozialgericht|Bundessozialgerichts|Bundessozialgerichtes",), ("BSG",)),
    Term(
        C,
        "Bundesverfassungsgericht",
        ("Bundesverfassungsgericht|Bundesverfassungsgerichts|Bundesverfassungsgerichtes",),
        ("BVerfG",),
    ),
    Term(C, "Bundesgerichtshof", ("Bundesgerichtshof|Bundesgerichtshofs|Bundesgerichtshofes",), ("BGH",)),
    Term(C, "Bundesarbeitsgericht", ("Bundesarbeitsgericht|Bundesarbeitsgerichts|Bundesarbeitsgerichtes",), ("BAG",)),
    Term(C, "Bundesfinanzhof", ("Bundesfinanzhof|Bundesfinanzhofs|Bundesfinanzhofes",), ("BFH",)),
    Term(
        C,
        "Bundesverwaltungsgericht",
        ("Bundesverwaltungsgericht|Bundesverwaltungsgerichts|Bundesverwaltungsgerichtes",),
        ("BVerwG",),
    ),
    Term(C, "Bundespatentgericht", ("Bundespatentgericht|Bundespatentgerichts|Bundespatentgerichtes",), ("BPatG",)),
    Term(
        C,
        "Gerichtshof der Europäischen Union",
        (
            "Gerichtshof|Gerichtshofs|Gerichtshofes der Europäischen Union",
            "Europäisch* Gerichtshof|Gerichtshofs|Gerichtshofes",
        ),
        ("EuGH",),
    ),
    Term(
        C,
        "Europäischer Gerichtshof für Menschenrechte",
        ("Europäisch* Gerichtshof|Gerichtshofs|Gerichtshofes für Menschenrechte",),
        ("EGMR",),
    ),
    Term(C, "Internationaler Gerichtshof", ("International* Gerichtshof|Gerichtshofs|Gerichtshofes",), ("IGH",)),
    Term(
        C,
        "Gemeinsamer Senat der obersten Gerichtshöfe des Bundes",
        ("Gemeinsam* Senat|Senats|Senates der obersten Gerichtshöfe des Bundes",),
        ("GmS-OGB",),
    ),
    # --- places: the Länder, the federation, regions
    Term(P, "Deutschland", ("Deutschland|Deutschlands",)),
    Term(P, "Bundesrepublik Deutschland", ("Bundesrepublik Deutschland",)),
    Term(P, "Baden-Württemberg", ("Baden-Württemberg|Baden-Württembergs",)),
    Term(P, "Bayern", ("Bayern|Bayerns", "Freistaat|Freistaats|Freistaates Bayern")),
    Term(P, "Berlin", ("Berlin|Berlins",)),
    Term(P, "Brandenburg", ("Brandenburg|Brandenburgs",)),
    Term(P, "Bremen", ("Bremen|Bremens", "Frei* Hansestadt Bremen")),
    Term(P, "Hamburg", ("Hamburg|Hamburgs", "Frei* und Hansestadt Hamburg")),
    Term(P, "Hessen", ("Hessen|Hessens",)),
    Term(P, "Mecklenburg-Vorpommern", ("Mecklenburg-Vorpommern|Mecklenburg-Vorpommerns",)),
    Term(P, "Niedersachsen", ("Niedersachsen|Niedersachsens",)),
    Term(P, "Nordrhein-Westfalen", ("Nordrhein-Westfalen|Nordrhein-Westfalens",), ("NRW",)),
    Term(P, "Rheinland-Pfalz", ("Rheinland-Pfalz",)),
    Term(P, "Saarland", ("Saarland|Saarlands|Saarlandes",)),
    Term(P, "Sachsen", ("Sachsen|Sachsens", "Freistaat|Freistaats|Freistaates Sachsen")),
    Term(P, "Sachsen-Anhalt", ("Sachsen-Anhalt|Sachsen-Anhalts",)),
    Term(P, "Schleswig-Holstein", ("Schleswig-Holstein|Schleswig-Holsteins",)),
    Term(P, "Thüringen", ("Thüringen|Thüringens", "Freistaat|Freistaats|Freistaates Thüringen")),
    Term(P, "Region Hannover", ("Region Hannover",)),
    Term(P, "Städteregion Aachen", ("Städteregion Aachen",)),
    Term(P, "Regionalverband Saarbrücken", ("Regionalverband|Regionalverbands|Regionalverbandes Saarbrücken",)),
    Term(P, "Österreich", ("Österreich|Österreichs",)),
    Term(P, "Schweiz", ("Schweiz",)),
)

# cities (the German Großstädte plus county seats common in SGB II practice); each is a Term of its own
CITIES: tuple[str, ...] = (
    "Aachen",
    "Augsburg",
    "Bergisch Gladbach",
    "Bielefeld",
    "Bochum",
    "Bonn",
    "Bottrop",
    "Braunschweig",
    "Bremerhaven",
    "Celle",
    "Chemnitz",
    "Cottbus",
    "Darmstadt",
    "Dessau-Roßlau",
    "Dortmund",
    "Dresden",
    "Duisburg",
    "Düsseldorf",
    "Erfurt",
    "Erlangen",
    "Essen",
    "Flensburg",
    "Frankfurt am Main",
    "Frankfurt (Oder)",
    "Freiburg im Breisgau",
    "Fürth",
    "Gelsenkirchen",
    "Gera",
    "Göttingen",
    "Gütersloh",
    "Hagen",
    "Halle (Saale)",
    "Hameln",
    "Hamm",
    "Hannover",
    "Heidelberg",
    "Heilbronn",
    "Herne",
    "Hildesheim",
    "Ingolstadt",
    "Jena",
    "Kaiserslautern",
    "Karlsruhe",
    "Kassel",
    "Kiel",
    "Koblenz",
    "Köln",
    "Krefeld",
    "Leipzig",
    "Leverkusen",
    "Lübeck",
    "Ludwigshafen am Rhein",
    "Lüneburg",
    "Magdeburg",
    "Mainz",
    "Mannheim",
    "Memmingen",
    "Moers",
    "Mönchengladbach",
    "Mülheim an der Ruhr",
    "München",
    "Münster",
    "Neuss",
    "Neu-Ulm",
    "Nürnberg",
    "Oberhausen",
    "Offenbach am Main",
    "Offenburg",
    "Oldenburg",
    "Osnabrück",
    "Paderborn",
    "Potsdam",
    "Recklinghausen",
    "Regensburg",
    "Remscheid",
    "Reutlingen",
    "Rostock",
    "Saarbrücken",
    "Salzgitter",
    "Schwerin",
    "Siegen",
    "Solingen",
    "Stuttgart",
    "Trier",
    "Ulm",
    "Wiesbaden",
    "Wolfsburg",
    "Wuppertal",
    "Würzburg",
    "Zwickau",
    "Landshut",
    "Detmold",
    "Gotha",
    "Altenburg",
    "Cuxhaven",
    "Lüchow",
    "Nienburg",
    "Northeim",
    "Wolfenbüttel",
    "Peine",
    "Goslar",
    "Emden",
    "Wilhelmshaven",
    "Delmenhorst",
    "Hameln-Pyrmont",
)


# states abroad (court decisions on residence, benefits abroad, social security agreements)
COUNTRIES: tuple[str, ...] = (
    "Afghanistan",
    "Ägypten",
    "Albanien",
    "Algerien",
    "Belarus",
    "Belgien",
    "Bosnien und Herzegowina",
    "Bulgarien",
    "China",
    "Dänemark",
    "Eritrea",
    "Estland",
    "Finnland",
    "Frankreich",
    "Georgien",
    "Griechenland",
    "Großbritannien",
    "Indien",
    "Irak",
    "Iran",
    "Irland",
    "Italien",
    "Japan",
    "Kanada",
    "Kasachstan",
    "Kolumbien",
    "Kosovo",
    "Kroatien",
    "Lettland",
    "Libanon",
    "Liechtenstein",
    "Litauen",
    "Luxemburg",
    "Marokko",
    "Moldau",
    "Montenegro",
    "Niederlande",
    "Nigeria",
    "Nordmazedonien",
    "Norwegen",
    "Pakistan",
    "Polen",
    "Portugal",
    "Rumänien",
    "Russland",
    "Russische Föderation",
    "Schweden",
    "Serbien",
    "Slowakei",
    "Slowenien",
    "Somalia",
    "Spanien",
    "Syrien",
    "Tschechien",
    "Tunesien",
    "Türkei",
    "Ukraine",
    "Ungarn",
    "USA",
    "Vereinigte Staaten von Amerika",
    "Vereinigtes Königreich",
    "Vietnam",
    "Weißrussland",
    "Zypern",
)


def country_terms() -> tuple[Term, ...]:
    terms = []
    for name in COUNTRIES:
        if name == "Niederlande":
            forms = "Niederlande|Niederlanden"
        elif " " in name:
            forms = name.replace("Vereinigte ", "Vereinigte|Vereinigten ").replace(
                "Vereinigtes ", "Vereinigtes|Vereinigten "
            )
        elif name.endswith(("ei", "e", "s", "A", "z")) or name in ("Slowakei", "Türkei", "Ukraine", "Schweiz"):
            forms = name
        else:
            forms = f"{name}|{name}s"
        terms.append(Term(P, name, (forms,)))
    return tuple(terms)


def city_terms() -> tuple[Term, ...]:
    terms = []
    for city in CITIES:
        # genitive "Göttingens" only for one-word names without a trailing sibilant
        forms = [city]
        if " " not in city and "(" not in city and not city.endswith(("s", "ß", "z", "x")):
            forms.append(city + "s")
        terms.append(Term(P, city, ("|".join(forms),) if " " not in city else (city,)))
    return tuple(terms)


ALL_TERMS: tuple[Term, ...] = TERMS + city_terms() + country_terms()

# Land adjectives, for "Niedersächsisches Ministerium …", "Bayerisches Landessozialgericht"
LAND_ADJECTIVES: dict[str, str] = {
    "baden-württembergisch": "Baden-Württemberg",
    "bayerisch": "Bayern",
    "berliner": "Berlin",
    "brandenburgisch": "Brandenburg",
    "bremisch": "Bremen",
    "hamburgisch": "Hamburg",
    "hessisch": "Hessen",
    "mecklenburg-vorpommersch": "Mecklenburg-Vorpommern",
    "niedersächsisch": "Niedersachsen",
    "nordrhein-westfälisch": "Nordrhein-Westfalen",
    "rheinland-pfälzisch": "Rheinland-Pfalz",
    "saarländisch": "Saarland",
    "sächsisch": "Sachsen",
    "schleswig-holsteinisch": "Schleswig-Holstein",
    "thüringer": "Thüringen",
}

