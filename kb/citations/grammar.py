"""The citation grammar: compiled once, matched token by token from a trigger position.

Each pattern is used with ``pattern.match(text, pos)`` so that parsing a citation never
scans beyond it; the scanner in :mod:`kb.citations.find` only visits trigger positions.
"""

from __future__ import annotations

import re

from kb import laws

# Levels of a norm below the § / Art. number, in NormTarget field order.
NUMBER, ABSATZ, SATZ, HALBSATZ, NUMMER, BUCHSTABE, ALTERNATIVE = range(7)
FIELDS: tuple[str, ...] = ("number", "absatz", "satz", "halbsatz", "nummer", "buchstabe", "alternative")
DOPPEL = 7  # "Buchst. b Doppelbuchst. dd": kept inside NormTarget.buchstabe as "b Doppelbuchst. dd"

# Horizontal whitespace with at most one line break: a citation may wrap, a blank line ends it.
_H = r"[ \t\u00a0\u202f]"
SP = re.compile(rf"{_H}*(?:\r?\n{_H}*)?")

_WEND = r"(?![\wÄÖÜäöüß])"  # word end that also works after a dot

MARKER = re.compile(rf"(?P<plural>§§|Artt\.|Artikeln{_WEND})|(?P<single>§|Art\.|Artikel{_WEND}|Art{_WEND})")

# A § / Art. number: 6, 6a, 6ter, "7 g" (spaced suffix letter, not an abbreviation like "5 a.F.").
NORM_NUMBER = re.compile(
    rf"\d{{1,4}}(?:[a-z]{{1,3}}{_WEND}|[A-Z](?![\wÄÖÜäöüß])|{_H}[a-z](?![\wÄÖÜäöüß.)]))?(?![\d/.,]\d)"
)

ROMAN = re.compile(rf"(?P<roman>[IVX]{{1,5}}){_WEND}(?!\.)(?:{_H}+(?P<satz>\d{{1,2}})(?![\wÄÖÜäöüß./]))?")

_KEYWORDS: tuple[tuple[int, str, bool], ...] = (
    # (level, pattern, plural)
    (ABSATZ, r"Absätzen?|Abss\.", True),
    (ABSATZ, r"Abs\.|Abs|Absatz|Absatzes", False),
    (SATZ, r"Sätzen?|Sätze", True),
    (SATZ, rf"Satz|Satzes|S\.(?={_H}*\d)|S(?={_H}*\d)", False),
    (HALBSATZ, r"Halbsätzen?", True),
    (HALBSATZ, r"Halbsatz|Halbs\.|Halbs|Hs\.|Hs|HS\.|HS|Teilsatz|Teils\.|Teils", False),
    (NUMMER, r"Nrn\.|Nrn|Nummern|Ziffern", True),
    (NUMMER, r"Nr\.|Nr|Nummer|Ziff\.|Ziffer", False),
    (BUCHSTABE, r"Buchstaben|Buchstn\.", True),
    (BUCHSTABE, r"Buchst\.|Buchst|Buchstabe|lit\.|lit", False),
    (DOPPEL, r"Doppelbuchst\.|Doppelbuchstabe|Doppelbuchst|Dbuchst\.", False),
    (ALTERNATIVE, r"Alternativen|Varianten", True),
    (ALTERNATIVE, r"Alt\.|Alt|Alternative|Var\.|Var|Variante", False),
)
KEYWORD = re.compile(
    "|".join(f"(?P<k{i}>(?:{pat})(?:(?<=\\.)|{_WEND}))" for i, (_, pat, _) in enumerate(_KEYWORDS))
)
KEYWORD_INFO: dict[str, tuple[int, bool]] = {f"k{i}": (lvl, pl) for i, (lvl, _, pl) in enumerate(_KEYWORDS)}

# "2. Alt.", "1. Halbsatz": the ordinal comes first.
ORDINAL_UNIT = re.compile(
    rf"(?:(?P<value>\d{{1,2}})\.|(?P<word>letzte[rn]?|erste[rn]?|zweite[rn]?)){_H}*(?:(?P<alt>Alt\.|Alt{_WEND}|Alternative{_WEND}|Var\.|Variante{_WEND})"
    rf"|(?P<hs>Halbsatz{_WEND}|Halbs\.|Hs\.|HS{_WEND}\.?|Teilsatz{_WEND}))"
)

# "Nr. 2 d)", "Abs. 1 a)": a letter with a closing parenthesis is the Buchstabe
IMPLICIT_LETTER = re.compile(rf"{_H}*(?P<v>[a-z])\)")
# "§ 3 (1)", "§ 132e (Abs 1)": the Absatz in parentheses
PAREN_ABSATZ = re.compile(rf"{_H}*\({_H}*(?:Abs\.?{_H}*)?(?P<v>\d{{1,2}}[a-z]?){_H}*\)")
# "Art. 13 Teil A Abs. 1": a part of an article
PART = re.compile(rf"{_H}+Teil{_H}+(?P<v>[A-Z]|[IVX]{{1,4}})(?![\wÄÖÜäöüß])")
# "Art. 2 ZP 1 EMRK": an additional protocol to the law that follows
PROTOCOL = re.compile(rf"(?:ZP|Zusatzprotokoll|Prot\.){_H}*(?:Nr\.?{_H}*)?(?P<n>\d{{1,2}}){_H}+(?:zur{_H}+)?")
PAREN_LETTER = re.compile(rf"{_H}*\({_H}*(?P<v>[a-z]){_H}*\)")  # "Art. 3 (a) AMVO"
# "WO 2006032373 A1", "WO 96/38131": patent publications, not the Wahlordnung
NUMBER_AFTER_NAME = re.compile(r"\s*(?:\d{2,4}/\d|\d{5,})")
_NO_MORE = r"(?![\wÄÖÜäöüß/]|[.,]\d)"
VALUE: dict[int, re.Pattern[str]] = {
    NUMBER: NORM_NUMBER,
    ABSATZ: re.compile(rf"(?:\d{{1,3}}[a-z]?|[IVX]{{1,5}}){_NO_MORE}"),
    SATZ: re.compile(rf"\d{{1,2}}{_NO_MORE}"),
    HALBSATZ: re.compile(rf"\d{{1,2}}{_NO_MORE}"),
    NUMMER: re.compile(rf"\d{{1,3}}[a-z]{{0,2}}{_NO_MORE}"),
    BUCHSTABE: re.compile(rf"(?:[a-z]{{1,3}}|[A-Z]){_WEND}(?!\.)"),
    DOPPEL: re.compile(rf"[a-z]{{2,3}}{_WEND}(?!\.)"),
    ALTERNATIVE: re.compile(rf"\d{{1,2}}{_NO_MORE}"),
}

# Between items of a list or range. "-" only as a range dash, never a hyphen inside a word.
SEPARATOR = re.compile(
    rf"(?P<range>{_H}*(?:bis{_WEND}|[–—]|-)){_H}*|{_H}*(?P<list>,|;|und{_WEND}|sowie{_WEND}|oder{_WEND}|bzw\.|u\.)"
)
FOLLOWING = re.compile(rf"(?P<f>ff\.|ff{_WEND}|f\.)")
CHAIN = re.compile(
    rf"(?:i\.{_H}?V\.{_H}?m\.?|iVm\.?|in{_H}+Verbindung{_H}+mit|i\.{_H}?V\.{_H}?m{_WEND})"
    rf"(?:{_H}+(?:den|dem|der|des){_WEND})?"
)
VERSION = re.compile(rf"{_H}+(?P<v>a\.{_H}?F\.|n\.{_H}?F\.|aF{_WEND}|nF{_WEND})")

# ---------------------------------------------------------------------------- laws

_ORDINAL_STEMS = ("Erst", "Zweit", "Dritt", "Viert", "Fünft", "Sechst", "Siebt", "Acht", "Neunt", "Zehnt",
                  "Elft", "Zwölft", "Dreizehnt", "Vierzehnt")
ORDINAL_NUMBER = {stem: n for n, stem in enumerate(_ORDINAL_STEMS, start=1)}
ROMAN_VALUE = {r: n for n, r in enumerate(
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"], start=1)}

_ORD = "|".join(sorted(_ORDINAL_STEMS, key=len, reverse=True))
# "Sozialgesetzbuch Zwölftes Buch - Sozialhilfe -": an official subtitle between dashes
_SUBTITLE = rf"(?:{_H}*[-–]{_H}*[A-ZÄÖÜ][^-–()\n]{{2,80}}?{_H}*[-–](?!\w))?"
_SGB = (
    rf"(?P<o1>{_ORD})(?:es|en|e){_H}+Buch(?:e?s)?{_H}+(?:des{_H}+)?Sozialgesetzbuch(?:e?s)?{_WEND}"
    rf"|Sozialgesetzbuch(?:e?s)?{_H}*[-–]?{_H}*(?P<o2>{_ORD})(?:es|en){_H}+Buch(?:e?s)?{_WEND}{_SUBTITLE}"
    rf"|(?:SGB|Sozialgesetzbuch(?:e?s)?){_H}?-?{_H}?(?P<sgb>XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I|1[0-4]|[1-9])"
    rf"(?![\wÄÖÜäöüß-])(?!\.\d)"
    rf"|(?P<sgball>SGB|Sozialgesetzbuch(?:e?s)?)(?![\wÄÖÜäöüß-])(?!{_H}*(?:[IVX]+|\d))"
    # in social law "des Dritten Buches" alone is SGB III — unless another code follows ("Buch des BGB")
    rf"|(?P<o3>{_ORD})(?:es|en|e){_H}+Buch(?:e?s)?(?![\wÄÖÜäöüß-])"
    rf"(?!{_H}+(?:des|der|zum|BGB|HGB|ZPO|StGB|StPO|InsO|Sozialgesetzbuch)(?![\wÄÖÜäöüß]))"
)


def _known_names() -> list[str]:
    seen: dict[str, None] = {}
    for law in laws.LAWS:
        if law.key.startswith("SGB ") or law.key == "SGB":
            continue  # the SGB family has its own pattern
        for name in laws.names(law):
            seen.setdefault(name, None)
    return sorted(seen, key=len, reverse=True)


def _trie_pattern(names: list[str]) -> str:
    """One regex for many names, as a character trie: sre tries a few branches per position, not hundreds."""
    trie: dict[str, dict] = {}
    for name in names:
        node = trie
        for ch in re.sub(r"[\s\-]+", " ", name):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = []
        ends = "" in node
        for ch, child in sorted(node.items()):
            if ch == "":
                continue
            head = r"[\s\-]+" if ch == " " else re.escape(ch)
            branches.append(head + emit(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


# Known names as one trie-shaped pattern: sre tries a few branches per position, not hundreds.
_KNOWN = _trie_pattern(_known_names())
_SELF = rf"(?P<self>dieses{_H}+(?:Buches|Buchs|Gesetzes|Gesetzbuchs|Gesetzbuches)|dieser{_H}+Verordnung)"
_SAME = rf"(?P<same>a\.{_H}?a\.{_H}?O\.|aaO{_WEND}\.?|ebd\.|ebenda{_WEND})"
_EU_ACT_BODY = (
    rf"(?:Verordnung|Richtlinie|VO|RL){_H}*(?:[(<]{_H}*(?:EG|EU|EWG|EURATOM){_H}*[)>]{_H}*)?(?:Nr\.?{_H}*)?"
    rf"\d{{1,4}}/\d{{1,4}}(?:/(?:EG|EU|EWG))?(?![\w/])"
    rf"(?:{_H}+des{_H}+(?:Europäischen{_H}+Parlament(?:e?s)?{_H}+und{_H}+des{_H}+)?Rates(?![\wÄÖÜäöüß]))?"
)
_EU_ACT = rf"(?P<euact>{_EU_ACT_BODY})"
EU_ACT_ALONE = re.compile(rf"(?P<euact>{_EU_ACT_BODY})")
# "Titel I der VO Nr. 1408/71", "den EU-Verordnungen VO (EG) 2580/2001": part of the reference
EU_ACT_PREFIX = re.compile(r"(?:Titel\s+[IVX]{1,4}\s+der|EU-Verordnung(?:en)?|EU-Richtlinie(?:n)?)\s+$")
EU_ACT_PARTS = re.compile(
    r"(?P<kind>Verordnung|Richtlinie|VO|RL)\s*(?:[(<]\s*(?P<issuer>EG|EU|EWG|EURATOM)\s*[)>])?\s*(?:Nr\.?\s*)?"
    r"(?P<number>\d{1,4}/\d{1,4}(?:/(?:EG|EU|EWG))?)"
)
_STATES = (
    "Baden-Württemberg|Bayern|Berlin|Brandenburg|Bremen|Hamburg|Hessen|Mecklenburg-Vorpommern|Niedersachsen|"
    "Nordrhein-Westfalen|Rheinland-Pfalz|Saarland|Sachsen-Anhalt|Sachsen|Schleswig-Holstein|Thüringen"
)
_STATE_AFTER_NAME = (
    rf"(?:{_H}+(?:(?:des{_H}+(?:Freistaates|Freistaats|Landes){_H}+|der{_H}+Freien{_H}+(?:und{_H}+)?Hansestadt{_H}+)?"
    rf"(?:{_STATES})|für{_H}+(?:Zahnärzte|Ärzte|Tierärzte|Architekten|Ingenieure)"
    rf"|(?:für|in){_H}+(?:das{_H}+Land{_H}+|den{_H}+Freistaat{_H}+)?(?:{_STATES}))"
    rf"(?![\wÄÖÜäöüß-]))?"
)
_STATE_AFTER_ABBREV = rf"(?:{_H}(?:NRW|BY|BW|SH|LSA|HH|Nds|RP|SL|BB|HB|HE|SN|TH)(?![\wÄÖÜäöüß-]))?"
_NOT_A_LAW = (
    "SGB|RdNr|RdNrn|RnNr|Rdnr|Rn|Rz|Rdn|Rnr|Randnr|BGBl|RGBl|GVBl|BT|BR|BVerfG|BVerfGE|BSG|BSGE|BGH|BGHZ|BGHSt|BAG|"
    "BAGE|BFH|BFHE|BVerwG|BVerwGE|EuGH|LSG|OVG|VGH|OLG|ArbG|LAG|UAbs|Unterabs|NJW|NZA|NZS|GRUR|DB|BB|ZIP|"
    "SozR|AP|EzA|DStR|BStBl|MDR|JZ|BTDrucks|BT-Drucks|BR-Drucks|StB|ZR|AZR|StR"
)
# An abbreviation we do not know: at least two capitals ("TzBfG", "AO", "SächsPersVG", "ZustVO-SOG").
_ABBREV = (
    rf"(?P<abbrev>(?!(?:{_NOT_A_LAW})(?![\wÄÖÜäöüß-]))"
    r"[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*(?:-[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*)*(?![\wÄÖÜäöüß])"
    rf"{_STATE_AFTER_ABBREV})"
)
# Abbreviations that name a law even alone when an article precedes them: "durch das BilMoG", "das DesignG".
_ABBREV_ALONE = (
    r"(?P<abbrev2>(?<=(?:das|dem|des)\s)(?!(?:SGB|BGBl|BVerfG|BSG|BGH|BAG|BFH|BVerwG|EuGH|BPatG|LArbG|ArbG|VerfGH|"
    r"StGH|BayObLG|BayVGH|BayVerfGH|BKartA|BMAS|BMF|BMG|BMI|BMJ)(?![\w]))"
    r"(?:[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*[a-zäöüß][A-Za-zÄÖÜäöüß]*|[A-ZÄÖÜ]{2,}-[A-ZÄÖÜ]+)G(?![\wÄÖÜäöüß-])"
    r"|(?<=(?:das|dem|des)\s)[A-ZÄÖÜ]{2,}G(?=\s(?:19|20)\d\d(?![\d./]))"  # "mit dem RRG 1992"
    r"|(?<=(?:der|die)\s)[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]*VO(?:-[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*)?(?![\wÄÖÜäöüß-])"
    rf"{_STATE_AFTER_ABBREV})"
)
_COMPOUND_STOP = (
    "Bundes|Landes|Änderungs|Ausführungs|Parlaments|Spezial|Fach|Leistungs|Zustimmungs|Vertrags|Begleit|"
    "Maßnahme|Artikel|Einzel|Vorschalt|Gesetz|Straf|Steuer|Sozial|Reform|Mantel|Nachfolge"
)
_ADJECTIVE = (
    r"(?:(?!(?:Die|Der|Das|Des|Dem|Den|Diese[smnr]?|Jene[smnr]?|Nach|Gemäß|Laut|Im|Am|Eine[smnr]?|Seine[smnr]?|"
    r"Ihre[smnr]?|Alle[smnr]?|Jede[smnr]?|Beide[smnr]?|Andere[smnr]?)\s)"
    r"[A-ZÄÖÜ][a-zäöüß]{2,}(?:en|es|er|e)\s+|[a-zäöü]{3,}ischen?\s+)?"
)
# A full name we do not know: "Atomgesetzes", "Allgemeinen Gleichbehandlungsgesetzes", "tunesischen Strafgesetzbuch".
_COMPOUND = (
    rf"(?P<compound>{_ADJECTIVE}"
    rf"(?!(?:{_COMPOUND_STOP})(?:gesetz|gesetzbuch))"
    r"(?:[A-ZÄÖÜ][a-zäöüß]+-\s+(?:und|oder)\s+)?(?:[A-ZÄÖÜ]{1,6}-)?"  # "Lebensmittel- und …", "RV-…"
    r"(?:[A-ZÄÖÜ][a-zäöüß-]*[a-zäöüß](?:gesetz(?:es|en)?|gesetzbuch(?:e?s)?)"
    r"(?:[ \t]+zu[mr][ \t]+[A-ZÄÖÜ][a-zäöüß-]*(?:gesetz|gesetzbuch|ordnung)(?:e?s)?(?![\wÄÖÜäöüß-]))?"
    r"|(?!(?:Rechts|Durchführungs|Änderungs|Ausführungs|Landes|Bundes|Not|Eil|Ermächtigungs|Ministerial|Polizei|"
    r"Verwaltungs|Gemeinschafts)verordnung)[A-ZÄÖÜ][a-zäöüß-]*[a-zäöüß]verordnung)(?![\wÄÖÜäöüß-])"
    rf"{_STATE_AFTER_NAME})"
)
# After "§ 2 der …" more kinds of names are safe: "der Dauergrünland-Erhaltungsverordnung", "des Wiener Übereinkommens".
_COMPOUND_AFTER_NORM = (
    rf"(?P<compound2>{_ADJECTIVE}"
    r"[A-ZÄÖÜ][A-Za-zäöüß-]*(?:verordnung|ordnung|übereinkommens?|abkommens?|konvention|verfassung|gesetz(?:es)?|"
    r"gesetzbuch(?:e?s)?|Verordnung|Übereinkommens?|Abkommens?|Konvention|Verfassung|Gesetz(?:es)?|Gesetzbuch(?:e?s)?)"
    r"(?:[ \t]+zu[mr][ \t]+[A-ZÄÖÜ][a-zäöüß-]*(?:gesetz|gesetzbuch|ordnung)(?:e?s)?(?![\wÄÖÜäöüß-]))?"
    rf"(?![\wÄÖÜäöüß-]){_STATE_AFTER_NAME}"
    # the EU framework agreements: "der Rahmenvereinbarung über Teilzeitarbeit", "… zu RL 1999/70/EG"
    rf"|Rahmenvereinbarung(?:{_H}+über{_H}+[A-ZÄÖÜ][\wäöüß-]+"
    rf"|{_H}+zur?{_H}+(?:RL|Richtlinie){_H}*\d{{2,4}}/\d{{1,4}}(?:/(?:EG|EU|EWG))?)?(?![\wÄÖÜäöüß-]))"
)
# "Gesetz zur Modernisierung des Schuldrechts vom 26. November 2001": a title is safe when a date closes it.
_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
DATE = rf"\d{{1,2}}\.{_H}*(?:\d{{1,2}}\.|(?:{_MONTHS})){_H}*\d{{4}}"
_TITLE = (
    rf"(?P<title>(?:[A-ZÄÖÜ][a-zäöü]+(?:e|en|es){_H}+)?(?:Gesetz(?:es)?|Verordnung){_H}+"
    rf"(?:(?:zur|zum|über|für|gegen|zu){_H}+(?:(?!Drucks|BT-|BR-)[^;:()<>\n]){{3,160}}?|)"
    rf"(?={_H}*\(?{_H}*vom{_H}+{DATE}|{_H}*\([^()\n]{{1,30}}\){_H}*vom{_H}+{DATE}"
    rf"|{_H}*\((?!(?:EG|EU|EWG|EURATOM)\))[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]*[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]*\)))"
)
_YEAR = rf"(?:{_H}+(?:19|20)\d\d(?![\d./]))?"
EU_TITLE_HEAD = re.compile(rf"(?:{_H}+vom{_H}+{DATE})?{_H}+(?:über|zur?|zum|betreffend)(?=[ \t])")
TITLE_WORD = re.compile(r"[ \t]+([A-Za-zÄÖÜäöüß-]+)")
TITLE_GLUE = frozenset((
    "der", "die", "das", "des", "den", "dem", "von", "und", "bei", "für", "zur", "zum", "zu", "über", "in", "im",
    "auf", "mit", "sowie", "aus", "an", "am", "gegen", "eines", "einer", "einem",
))
# "… des Rates vom 26. Juni 2013 zu gemeinsamen Verfahren … (ABl. L 180 S. 60)": an EU act's title, safe when
# its Official Journal reference closes it
EU_TITLE = re.compile(
    rf"{_H}+vom{_H}+{DATE}{_H}+(?:über|zur?|zum){_H}+[^()\n;]{{3,240}}?{_H}*\({_H}*ABl(?:EU)?\b[^()\n]*\)"
)
# "Nr. 34 der Anlage 2 zum UStG": an annex of a law
_ANNEX = rf"(?P<annex>der{_H}+Anlage{_H}+[\dA-Z]{{1,3}}{_H}+(?:zum|zur|des|der){_H}+)"

LAW_AFTER_NORM = re.compile(
    rf"(?P<article>(?:des|der|dem|den|zum|zur){_H}+)?"
    rf"(?:{_SELF}|(?P<sgbx>{_SGB})|(?P<known>(?:{_KNOWN}))(?![\wÄÖÜäöüß-]){_YEAR}|{_EU_ACT}|{_TITLE}|{_COMPOUND}"
    rf"|{_ABBREV}{_YEAR})"
    rf"|(?P<article2>(?:des|der){_H}+){_COMPOUND_AFTER_NORM}"
    rf"|{_ANNEX}(?:(?P<known2>(?:{_KNOWN}))(?![\wÄÖÜäöüß-])|(?P<abbrev3>[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*[A-ZÄÖÜ]"
    r"[A-Za-zÄÖÜäöüß]*(?![\wÄÖÜäöüß-])))"
    rf"|{_SAME}"
)
# A law named alone ("das SGB II", "des Grundgesetzes"): only names we can be sure of.
LAW_ALONE = re.compile(
    rf"(?<![\wÄÖÜäöüß§/-])(?:{_TITLE}|(?P<sgbx>{_SGB})|(?P<known>(?:{_KNOWN}))(?![\wÄÖÜäöüß/-]){_YEAR}"
    rf"|{_COMPOUND}{_YEAR}|{_ABBREV_ALONE}{_YEAR})"
)
# After a law's name: its promulgation "vom 21. Dezember 2000 (BGBl I S. 1966)"
PROMULGATION = re.compile(rf"{_H}*(?P<paren>\(|<)?{_H}*vom{_H}+(?P<date>{DATE})")
GAZETTE = re.compile(
    rf"{_H}*(?:(?P<open>[(<\[])"
    rf"|[,-]{_H}*(?=(?:BGBl|RGBl)\.?{_H}*I))"
)
BRACKET_OPEN = re.compile(rf"{_H}*(?P<open>[(<\[]){_H}*")
GAZETTE_START = re.compile(r"(?:BGBl|RGBl|GVBl|SächsGVBl|GVOBl|HmbGVBl|ABl|Amtsbl)\b\.?\s*(?:I{1,2}\b|\d{4}|S\.)")
OPENING_CLAUSE = re.compile(r"Eingangshalbs(?:atz(?:es)?|\.)|Eingangssatz")
GAZETTE_NAME = re.compile(r"\b(?:BGBl|RGBl|GVBl|GV|SächsGVBl|Amtsbl|ABl|GBl|GVOBl|HmbGVBl)\b")
GAZETTE_REF = re.compile(
    rf"(?:BGBl|RGBl)\.?{_H}*I{{1,2}}{_H}*(?:\d{{4}}{_H}*,{_H}*)?(?:S\.?{_H}*)?\d+(?:{_H}*<{_H}*[an]F{_H}*>)?"
)
# "des Steuerberatungsgesetzes (StBerG)": the abbreviation a text introduces for a law
ABBREV_IN_PARENS = re.compile(
    r"\s*(?P<open>[(<]|[-–](?=\s))\s*(?P<abbr>(?:Nds\.\s)?[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]*[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]*"
    r"(?:\s(?:NRW|BY|BW|SH|LSA|HH|Nds))?|CP)\s*(?P<close>[)>]|[-–](?!\w))"
)
# "(idF der Neufassung vom 18. 1. 2001, BGBl I 130)": the version cited
VERSION_NOTE = re.compile(
    rf"{_H}*[(<]{_H}*(?:idF|i\.{_H}?d\.{_H}?F\.|in{_H}+der{_H}+Fassung){_H}+der{_H}+(?:Neufassung|Bekanntmachung)"
    rf"{_H}+vom{_H}+{DATE}[^()<>\n]{{0,60}}[)>]"
)
ART_ROMAN_PREFIX = re.compile(r"Art\.?\s*[IVX]{1,4}\s*$")

# ---------------------------------------------------------------------------- Randnummern

RZ_KEYWORD = re.compile(
    rf",?{_H}*(?P<kw>Randnummern|Randnummer|Randnrn\.|Randnr\.|Rdnrn\.|Rdnr\.|RdNr\.|Rdn\.|Rnrn\.|Rnr\.|Rzn\.|Rz\.|Rn\.|N\.|"
    rf"Randnr|Rdnr|RdNr|Rdn|Rnr|Rz|Rn)(?={_H}*\d)"
)
RZ_VALUE = re.compile(r"\d{1,4}(?:[a-z]{1,2})?(?:\.\d{1,3}[a-z]?)?(?![\wÄÖÜäöüß]|[.,]\d)")
# Case-law reporters cite "§ 22 Nr 5" of their own series, not a statute: "SozR 4-4200 § 22 Nr 5".
REPORTER_BEFORE = re.compile(
    r"(?:SozR(?:\s*\d{1,2})?(?:\s*-\s*)?\s*\d{3,4}|Buchholz\s*\d{1,3}(?:\.\d{1,3})*|BGHR(?:\s+[\w-]+(?:\s+\d+)?)?|"
    r"AP\s+Nr\.?\s*\d+\s+zu|SozR\s+Nr\.?\s*\d+\s+zu)\s*$"
)
REPORTER_TAIL = re.compile(r"(?:\s*,?\s*(?:Nr\.?|S\.|Rn\.?|RdNr\.?|Rdnr\.?)\s*\d+[a-z]?)+")
# "tunesischen Strafgesetzbuch": a foreign law of the same name — not the German one
FOREIGN_BEFORE = re.compile(r"(?<![\wÄÖÜäöüß])(?!deutsch)(?P<adj>[a-zäöü]{3,}isch(?:e[nmsr]?)?)[ \t]+$")
# "Zöller, ZPO, 31. Aufl.": a commentary's title, not a reference to the law.
LITERATURE_AFTER = re.compile(
    r"\s*,?\s*(?:\d{1,2}\.\s*)?(?:Aufl\b|Auflage\b|Aufl\.|Stand\b|Kommentar\b|Komm\.|Bd\.|Band\b)"
)
LITERATURE_LIST_AFTER = re.compile(r"\s*,\s*(?:\d|§|Art\b|Vor\b|vor\b|Einl)")
LITERATURE_LIST_BEFORE = re.compile(
    r"(?:[A-ZÄÖÜ][\wäöüß.-]*(?:/[A-ZÄÖÜ][\wäöüß.-]*)*,|\bin:?|in\s+[A-ZÄÖÜ][\wäöüß-]+|Aufl\.?\s*\d{4},)\s*$"
)
# Before "Rn. 23" / "§ 433 Rn. 5": another work's margin numbers — a court decision ("B 4 AS 1/18 R",
# "BSGE 44, 292", "juris") or literature ("Luik in Eicher/Luik, SGB II", "Palandt/Weidenkaff, BGB", "31. Aufl.").
FOREIGN_RZ_CONTEXT = re.compile(
    r"(?:\b\d{1,2}\s?[A-Z]{1,3}[a-z]?\s?\d{1,5}/\d{2}\b|\bB\s?\d{1,2}\s?[A-Z]{1,3}\s?\d{1,5}/\d{2}\s?R\b"
    r"|\b(?:BSGE|BVerwGE|BVerfGE|BGHZ|BGHSt|BAGE|BFHE|NJW|NZS|NZA|NVwZ|SGb|info\s?also|ZFSH/SGB|juris|SozR)\b"
    r"|\b(?:BSG|BVerfG|BVerwG|BGH|BAG|BFH|EuGH|EGMR|LSG|SG|OVG|VGH|VG|OLG|LG|AG|LAG|ArbG|FG)\b"
    r"(?:,|\s+(?:Urt|Urteil|Beschl|Beschluss|vom|v\.))"
    # "Luik in Eicher/Luik", "Schmidt in: Kasseler Kommentar", "Palandt/Weidenkaff, BGB", "31. Aufl."
    r"|\b[A-ZÄÖÜ][\wäöüß-]+\s+in:?\s+[A-ZÄÖÜ][\wäöüß-]+(?:/|,|\s+[A-ZÄÖÜ])"
    r"|[A-ZÄÖÜ][\wäöüß-]+/[A-ZÄÖÜ][\wäöüß-]+,\s*[A-ZÄÖÜ\d§]|\d{1,2}\.\s*Aufl"
    r"|[A-ZÄÖÜ][\wäöüß-]+,\s*a\.\s?a\.\s?O\.)"
    r"[^;()\n]*$"
)
FOREIGN_RZ_TAIL = re.compile(
    r",?\s*(?:Randnummern|Randnummer|Randnr\.?|Rdnrn?\.?|RdNr\.?|Rdn\.?|Rnrn?\.?|Rz\.?|Rn\.?|N\.)"
    r"\s*(?:[A-Z]\s+)?\d{1,4}[a-z]{0,2}(?:\s*(?:ff?\.|ff\b))?"
    r"(?:\s*(?:,|und|-|–|bis)\s*\d{1,4}[a-z]{0,2}(?:\s*(?:ff?\.|ff\b))?)*"
)
# "Palandt/Weidenkaff, BGB, § 433", "Eicher/Luik, SGB II, 4. Aufl., § 6a": the commentary's law names the §'s law
LAW_TITLE_BEFORE = re.compile(
    r"(?<![\wÄÖÜäöüß-])(?P<name>SGB\s?(?:[IVX]{1,4}|\d{1,2})|[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]*)"
    r",\s*(?:\d{1,2}\.\s*Aufl\.?(?:\s*\d{4})?,\s*)?$"
)
COMMENTARY_PREFIX = re.compile(rf"Komm\.{_H}*zu{_H}*(?=§)|Kommentierung{_H}+(?:zu|von){_H}*(?=§)")

# ---------------------------------------------------------------------------- scanner triggers


# Where a citation can start. Law names are found cheaply: known names through a trie; unknown compound
# names ("…gesetz") from the literal "gesetz" inside them (the parser then backs up to the word start).
TRIGGER = re.compile(
    r"(?P<norm>§|Art(?:t\.|ikeln?|\.)?(?=\s*\d))"
    r"|(?P<komm>Komm(?:\.|entierung)(?=\s*(?:zu|von)\s*§))"
    r"|(?P<rel>(?:Abs|Absatz|Absätze|Satz|Sätze|Nr|Nrn|Nummer|Halbsatz|Halbs|Hs|Buchst|lit|Alt|Var)"
    r"(?=\.?\s*\d|\.?\s*[a-z](?![\wäöüß])))"
    r"|(?P<rz>(?:R[nzd]|Rand|N\.)(?=[\w.]*\s*\d))"
    rf"|(?P<law>SGB|Sozialgesetzbuch|(?:{_ORD})e[nsr]?\s+Buch|{_KNOWN}(?![\wÄÖÜäöüß/-]))"
    r"|(?P<gesetz>[Gg]esetz|verordnung|Verordnung(?= (?:über|zur|zum|für)))"
    r"|(?P<article_abbrev>d(?:as|em|es) (?=[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]*G(?![\wÄÖÜäöüß-]))"
    r"|d(?:er|ie) (?=[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]*VO(?![a-zäöüß])))"
    r"|(?P<euact>(?:Verordnung|Richtlinie|VO|RL)(?=\s*(?:[(<]\s*(?:EG|EU|EWG|EURATOM)|Nr\.?\s*\d|\d{1,4}/\d)))"
)
# One pattern per kind: sre scans a pattern that starts with literals at C speed, but an alternation of
# many such patterns it tries branch by branch at every position — separate passes are several times faster.
# Known law names are found word by word instead (a set lookup per capitalised word beats a trie of
# hundreds of names that sre would try at every capital letter).
TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (m.group(1), re.compile(branch))
    for branch in re.split(r"\|(?=\(\?P<)", TRIGGER.pattern)
    if (m := re.match(r"\(\?P<(\w+)>", branch)) and m.group(1) != "law"
)
CAPITALISED_WORD = re.compile(r"[A-ZÄÖÜ][\wÄÖÜäöüß]*")


def _first_words() -> frozenset[str]:
    words = {re.split(r"[\s\-]+", name)[0] for name in _known_names()}
    words |= {"SGB", "Sozialgesetzbuch", "Sozialgesetzbuchs", "Sozialgesetzbuches"}
    words |= {f"{stem}{end}" for stem in _ORDINAL_STEMS for end in ("es", "en", "e")}
    return frozenset(words)


LAW_FIRST_WORDS = _first_words()
# What may not stand right before a trigger (the trigger pattern has no look-behinds: they defeat sre's
# first-character scan, which is what makes the scanner fast).
TRIGGER_NOT_AFTER: dict[str, str] = {"norm": "", "komm": "", "rel": ".", "rz": ".", "law": "§/-", "gesetz": "",
                                     "article_abbrev": "", "euact": "-/"}
# The word around a "gesetz" trigger must end like a law's name ("Gesetzgeber" does not).
COMPOUND_END = re.compile(r"(?:[Gg]esetz(?:es|en)?|[Gg]esetzbuch(?:e?s)?|[Vv]erordnung)(?![\wÄÖÜäöüß])")
# Back from "gesetz" to where the name may start: the word, and an adjective before it.
NAME_START = re.compile(r"(?:(?P<adj>[A-Za-zÄÖÜäöüß]+)[ \t]+)?(?P<word>[A-Za-zÄÖÜäöüß-]*)$")
