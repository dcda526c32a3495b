"""The table of laws: canonical keys, display names, aliases, external URLs.

The canonical key is the gesetze-im-internet ``jurabk`` ("SGB 2"); users see the
customary display form ("SGB II"). Every spelling a user or a source may use maps
to the key through :func:`lookup`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kb.model import slugify

_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"]
_ORDINAL = ["Erstes", "Zweites", "Drittes", "Viertes", "Fünftes", "Sechstes", "Siebtes", "Achtes",
            "Neuntes", "Zehntes", "Elftes", "Zwölftes", "Dreizehntes", "Vierzehntes"]

GII = "https://www.gesetze-im-internet.de"  # the federal statutes' official site


@dataclass(frozen=True, slots=True)
class Law:
    key: str  # jurabk: "SGB 2"
    display: str  # "SGB II"
    title: str
    gii_slug: str | None = None  # gesetze-im-internet path segment: "sgb_2"
    aliases: tuple[str, ...] = ()
    eu: bool = False  # EU / international norm: no gesetze-im-internet page

    @property
    def slug(self) -> str:
        """URL segment in this product: "sgb-2"."""
        return slugify(self.key)

    @property
    def index_url(self) -> str | None:
        """External address of the whole law at gesetze-im-internet.de, if it has one."""
        return f"{GII}/{self.gii_slug}/" if self.gii_slug else None

    def norm_url(self, number: str, marker: str = "§") -> str | None:
        """External address of one § / Art. at gesetze-im-internet.de, if it has one."""
        if not self.gii_slug:
            return None
        prefix = "art_" if marker.startswith("Art") else "__"
        return f"{GII}/{self.gii_slug}/{prefix}{number.lower()}.html"


def _sgb(n: int, title: str) -> Law:
    roman, ordinal = _ROMAN[n - 1], _ORDINAL[n - 1]
    return Law(
        key=f"SGB {n}", display=f"SGB {roman}", title=f"Sozialgesetzbuch {ordinal} Buch – {title}",
        gii_slug=f"sgb_{n}",
        aliases=(f"SGB {roman}", f"SGB-{roman}", f"SGB{roman}", f"SGB {n}", f"SGB-{n}", f"SGB{n}",
                 f"{roman}. SGB", f"{roman} SGB",
                 f"Sozialgesetzbuch {ordinal} Buch", f"{ordinal} Buch Sozialgesetzbuch",
                 f"{ordinal[:-2]}en Buches Sozialgesetzbuch", f"{ordinal[:-2]}en Buch Sozialgesetzbuch",
                 f"Sozialgesetzbuch {roman}", f"SGB {roman}."),
    )


def _simple(key: str, title: str, gii_slug: str | None = None, *aliases: str) -> Law:
    """A federal law known by its jurabk; the gesetze-im-internet slug defaults to the lower-cased key."""
    slug = gii_slug if gii_slug is not None else re.sub(r"[^a-z0-9_]", "_", key.lower())
    return Law(key, key, title, slug or None, (title, *aliases))


# Federal laws cited often in social-law commentary and court decisions: (jurabk, title, gii slug, aliases…).
_FEDERAL: tuple[tuple[str, ...], ...] = (
    ("AO", "Abgabenordnung", "ao_1977"),
    ("AsylbLG", "Asylbewerberleistungsgesetz"),
    ("AsylG", "Asylgesetz", "asylvfg_1992", "AsylVfG", "Asylverfahrensgesetz"),
    ("AufenthG", "Aufenthaltsgesetz", "aufenthg_2004"),
    ("AGG", "Allgemeines Gleichbehandlungsgesetz", None, "Allgemeinen Gleichbehandlungsgesetz"),
    ("AktG", "Aktiengesetz"),
    ("AltTZG", "Altersteilzeitgesetz", "alttzg_1996", "AltTzG"),
    ("ArbGG", "Arbeitsgerichtsgesetz"),
    ("ArbZG", "Arbeitszeitgesetz"),
    ("AÜG", "Arbeitnehmerüberlassungsgesetz", "a_g"),
    ("BEEG", "Bundeselterngeld- und Elternzeitgesetz"),
    ("BetrAVG", "Betriebsrentengesetz"),
    ("BetrVG", "Betriebsverfassungsgesetz"),
    ("BeamtStG", "Beamtenstatusgesetz"),
    ("BBG", "Bundesbeamtengesetz", "bbg_2009"),
    ("BewG", "Bewertungsgesetz"),
    ("BKGG", "Bundeskindergeldgesetz", "bkgg_1996"),
    ("BRAO", "Bundesrechtsanwaltsordnung"),
    ("BUrlG", "Bundesurlaubsgesetz"),
    ("BVerfGG", "Bundesverfassungsgerichtsgesetz"),
    ("BVG", "Bundesversorgungsgesetz"),
    ("BAföG", "Bundesausbildungsförderungsgesetz"),
    ("BauGB", "Baugesetzbuch"),
    ("BZRG", "Bundeszentralregistergesetz"),
    ("EGBGB", "Einführungsgesetz zum Bürgerlichen Gesetzbuche", "bgbeg"),
    ("EStG", "Einkommensteuergesetz"),
    ("FamFG", "Gesetz über das Verfahren in Familiensachen und in den Angelegenheiten der "
              "freiwilligen Gerichtsbarkeit"),
    ("FGO", "Finanzgerichtsordnung"),
    ("GewO", "Gewerbeordnung"),
    ("GewStG", "Gewerbesteuergesetz"),
    ("GKG", "Gerichtskostengesetz", "gkg_2004"),
    ("GVG", "Gerichtsverfassungsgesetz"),
    ("HGB", "Handelsgesetzbuch"),
    ("HwO", "Handwerksordnung"),
    ("IfSG", "Infektionsschutzgesetz"),
    ("InsO", "Insolvenzordnung"),
    ("JArbSchG", "Jugendarbeitsschutzgesetz"),
    ("KSchG", "Kündigungsschutzgesetz"),
    ("KStG", "Körperschaftsteuergesetz", "kstg_1977"),
    ("MarkenG", "Markengesetz"),
    ("MiLoG", "Mindestlohngesetz"),
    ("MuSchG", "Mutterschutzgesetz", "muschg_2018"),
    ("OEG", "Opferentschädigungsgesetz"),
    ("OWiG", "Gesetz über Ordnungswidrigkeiten", "owig_1968"),
    ("PatG", "Patentgesetz"),
    ("PflegeZG", "Pflegezeitgesetz"),
    ("RBEG", "Regelbedarfsermittlungsgesetz", "rbeg_2021"),
    ("RVG", "Rechtsanwaltsvergütungsgesetz"),
    ("StPO", "Strafprozessordnung"),
    ("StVG", "Straßenverkehrsgesetz"),
    ("TVG", "Tarifvertragsgesetz"),
    ("TzBfG", "Teilzeit- und Befristungsgesetz"),
    ("UStG", "Umsatzsteuergesetz", "ustg_1980"),
    ("UWG", "Gesetz gegen den unlauteren Wettbewerb", "uwg_2004"),
    ("UmwG", "Umwandlungsgesetz", "umwg_1995"),
    ("UKlaG", "Unterlassungsklagengesetz"),
    ("UrhG", "Urheberrechtsgesetz"),
    ("VersAusglG", "Versorgungsausgleichsgesetz"),
    ("VwZG", "Verwaltungszustellungsgesetz", "vwzg_2005"),
    ("VwVG", "Verwaltungs-Vollstreckungsgesetz"),
    ("WissZeitVG", "Wissenschaftszeitvertragsgesetz"),
    ("WoGG", "Wohngeldgesetz"),
    ("ZVG", "Gesetz über die Zwangsversteigerung und die Zwangsverwaltung"),
    ("ZDG", "Zivildienstgesetz"),
    ("BSHG", "Bundessozialhilfegesetz", ""),
    ("AFG", "Arbeitsförderungsgesetz", ""),
    ("WO", "Wahlordnung", "betrvgdv1wo", "Wahlordnung zum Betriebsverfassungsgesetz"),
    ("WRV", "Verfassung des Deutschen Reichs", "", "Weimarer Reichsverfassung", "Reichsverfassung von Weimar",
     "Weimarer Verfassung"),
    ("BTÄO", "Bundes-Tierärzteordnung", "b_o", "Bundestierärzteordnung"),
    ("LFGB", "Lebensmittel- und Futtermittelgesetzbuch", "lfgb"),
    ("VerlG", "Gesetz über das Verlagsrecht", "verlg"),
    ("AEG", "Allgemeines Eisenbahngesetz", "aeg_1994"),
    ("Bürgergeld-V", "Bürgergeld-Verordnung", "algiiv_2008", "Alg II-V", "Alg II-VO", "ALG II-V"),
    ("SvEV", "Sozialversicherungsentgeltverordnung"),
    ("RSAV", "Risikostruktur-Ausgleichsverordnung"),
    ("EStDV", "Einkommensteuer-Durchführungsverordnung", "estdv_1955"),
    ("UStDV", "Umsatzsteuer-Durchführungsverordnung", "ustdv_1980"),
)


LAWS: tuple[Law, ...] = (
    Law("SGB", "SGB", "Sozialgesetzbuch", None, ("Sozialgesetzbuch", "Sozialgesetzbuchs", "Sozialgesetzbuches")),
    _sgb(1, "Allgemeiner Teil"),
    _sgb(2, "Bürgergeld, Grundsicherung für Arbeitsuchende"),
    _sgb(3, "Arbeitsförderung"),
    _sgb(4, "Gemeinsame Vorschriften für die Sozialversicherung"),
    _sgb(5, "Gesetzliche Krankenversicherung"),
    _sgb(6, "Gesetzliche Rentenversicherung"),
    _sgb(7, "Gesetzliche Unfallversicherung"),
    _sgb(8, "Kinder- und Jugendhilfe"),
    _sgb(9, "Rehabilitation und Teilhabe von Menschen mit Behinderungen"),
    _sgb(10, "Sozialverwaltungsverfahren und Sozialdatenschutz"),
    _sgb(11, "Soziale Pflegeversicherung"),
    _sgb(12, "Sozialhilfe"),
    _sgb(14, "Soziale Entschädigung"),
    Law("BGB", "BGB", "Bürgerliches Gesetzbuch", "bgb", ("Bürgerliches Gesetzbuch", "Bürgerlichen Gesetzbuchs")),
    Law("GG", "GG", "Grundgesetz für die Bundesrepublik Deutschland", "gg", ("Grundgesetz", "Grundgesetzes")),
    Law("SGG", "SGG", "Sozialgerichtsgesetz", "sgg", ("Sozialgerichtsgesetz", "Sozialgerichtsgesetzes")),
    Law("VwVfG", "VwVfG", "Verwaltungsverfahrensgesetz", "vwvfg",
        ("Verwaltungsverfahrensgesetz", "Verwaltungsverfahrensgesetzes")),
    Law("VwGO", "VwGO", "Verwaltungsgerichtsordnung", "vwgo", ("Verwaltungsgerichtsordnung",)),
    Law("ZPO", "ZPO", "Zivilprozessordnung", "zpo", ("Zivilprozessordnung",)),
    Law("StGB", "StGB", "Strafgesetzbuch", "stgb", ("Strafgesetzbuch", "Strafgesetzbuchs")),
    Law("BDSG", "BDSG", "Bundesdatenschutzgesetz", "bdsg_2018", ("Bundesdatenschutzgesetz",)),
    Law("DSGVO", "DSGVO", "Datenschutz-Grundverordnung (EU) 2016/679", None,
        ("DS-GVO", "Datenschutz-Grundverordnung", "EU-DSGVO"), eu=True),
    Law("EMRK", "EMRK", "Europäische Menschenrechtskonvention", None,
        ("Europäische Menschenrechtskonvention", "Europäischen Menschenrechtskonvention"), eu=True),
    Law("AEUV", "AEUV", "Vertrag über die Arbeitsweise der Europäischen Union", None,
        ("Vertrags über die Arbeitsweise der Europäischen Union",), eu=True),
    Law("EUV", "EUV", "Vertrag über die Europäische Union", None, ("Vertrags über die Europäische Union",), eu=True),
    Law("GRCh", "GRCh", "Charta der Grundrechte der Europäischen Union", None,
        ("Charta der Grundrechte der EU", "EU-Grundrechtecharta", "Grundrechtecharta", "GrCh"), eu=True),
    Law("ESC", "ESC", "Europäische Sozialcharta", None, ("Europäische Sozialcharta", "Europäischen Sozialcharta"),
        eu=True),
    Law("IPwskR", "IPwskR", "Internationaler Pakt über wirtschaftliche, soziale und kulturelle Rechte", None,
        ("Internationalen Pakts über wirtschaftliche, soziale und kulturelle Rechte",), eu=True),
    Law("IPbpR", "IPbpR", "Internationaler Pakt über bürgerliche und politische Rechte", None,
        ("Internationalen Pakts über bürgerliche und politische Rechte",), eu=True),
    Law("UN-BRK", "UN-BRK", "Übereinkommen über die Rechte von Menschen mit Behinderungen", None,
        ("UN-Behindertenrechtskonvention",), eu=True),
    Law("VO (EG) 883/2004", "VO (EG) 883/2004", "Verordnung (EG) Nr. 883/2004 zur Koordinierung der Systeme der "
        "sozialen Sicherheit", None, ("Verordnung (EG) Nr. 883/2004", "VO (EG) Nr. 883/2004", "VO 883/2004"), eu=True),
    Law("MAR", "MAR", "Marktmissbrauchsverordnung (EU) Nr. 596/2014", None, ("Marktmissbrauchsverordnung",), eu=True),
    Law("UMV", "UMV", "Unionsmarkenverordnung (EU) 2017/1001", None, ("Unionsmarkenverordnung",), eu=True),
    Law("GMV", "GMV", "Gemeinschaftsmarkenverordnung (EG) Nr. 207/2009", None, ("Gemeinschaftsmarkenverordnung",),
        eu=True),
    Law("MwStSystRL", "MwStSystRL", "Mehrwertsteuersystemrichtlinie 2006/112/EG", None,
        ("Mehrwertsteuersystemrichtlinie", "MwSt-SystRL"), eu=True),
    Law("AMVO", "AMVO", "Verordnung (EG) Nr. 469/2009 über das ergänzende Schutzzertifikat für Arzneimittel", None,
        (), eu=True),
    Law("PMMA", "PMMA", "Protokoll zum Madrider Abkommen über die internationale Registrierung von Marken", None,
        (), eu=True),
    Law("EuGVVO", "EuGVVO", "Verordnung (EU) Nr. 1215/2012 (Brüssel Ia)", None, ("Brüssel Ia-VO",), eu=True),
    Law("EPÜ", "EPÜ", "Europäisches Patentübereinkommen", None, ("Europäisches Patentübereinkommen",), eu=True),
    Law("PVÜ", "PVÜ", "Pariser Verbandsübereinkunft", None, (), eu=True),
    *(_simple(*row) for row in _FEDERAL),
)


def _norm_key(text: str) -> str:
    return re.sub(r"[\s\-.]+", " ", text).strip().casefold()


def inflections(name: str) -> tuple[str, ...]:
    """The name and its genitive forms: "Grundgesetz" → "Grundgesetzes"; "Allgemeines …" → "Allgemeinen …"."""
    forms = [name]
    words = name.split()
    if len(words) > 1 and words[0].endswith("es") and words[0][:1].isupper():
        forms.append(" ".join([words[0][:-2] + "en", *words[1:]]))
    for form in list(forms):
        if re.search(r"(?:gesetz|buch)$", form):
            forms += [form + "es", form + "s"] if form.endswith("buch") else [form + "es"]
        elif form.endswith("buche"):
            forms.append(form + "s")
    return tuple(forms)


def names(law: Law) -> tuple[str, ...]:
    """Every spelling of a law the citation grammar recognises (inflected; trailing dots dropped)."""
    out: dict[str, None] = {}
    for name in (law.key, law.display, law.title, *law.aliases):
        for form in inflections(name.rstrip(".")):
            out.setdefault(form, None)
    return tuple(out)


@cache
def _index() -> dict[str, Law]:
    index: dict[str, Law] = {}
    for law in LAWS:
        for name in (*names(law), law.slug):
            index.setdefault(_norm_key(name), law)
    return index


def lookup(name: str) -> Law | None:
    """Find a law by any known spelling: "SGB II", "SGB 2", "sgb-2", "Sozialgesetzbuch Zweites Buch"."""
    return _index().get(_norm_key(name))


def by_slug(slug: str) -> Law | None:
    return next((law for law in LAWS if law.slug == slug), None)


def display(key: str) -> str:
    """Display form of a law key; unknown keys are shown as they are."""
    law = lookup(key)
    return law.display if law else key
