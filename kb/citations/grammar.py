"""The citation grammar: compiled once, matched token by token from a trigger position.

Each pattern is used with ``pattern.match(text, pos)`` so that parsing a citation never
scans beyond it; the scanner in :mod:`kb.citations.find` only visits trigger positions.
"""

from __future__ import annotations

import re

from kb import laws
from kb.citations import courts
from kb.model import RZ_LABEL


class _Lazy:
    """A regular expression compiled when the grammar is first used. Its ~90 patterns (the law-name tries
    among them) take ~0.3 s to compile: a process that never parses a citation (a page, a search for words
    the query parser rules out at once) does not wait for them. The first use compiles them all
    (:func:`compile_all`; a server calls it before its first request); from then on a pattern's methods
    are the compiled pattern's own (no indirection per call)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        _ALL.append(self)

    def compiled(self) -> re.Pattern[str]:
        found = self.__dict__.get("_found")
        if found is None:
            found = self.__dict__["_found"] = re.compile(self.pattern, self._flags)
            for name in ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split",
                         "groupindex", "groups", "flags"):
                setattr(self, name, getattr(found, name))
        return found

    def __getattr__(self, name: str) -> object:  # only until compiled: afterwards the attributes exist
        if name.startswith("__"):
            raise AttributeError(name)
        compile_all()
        return getattr(self.compiled(), name)


_ALL: list[_Lazy] = []


def _lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return _Lazy(pattern, flags)  # type: ignore[return-value]  # used exactly as a compiled pattern


def compile_all() -> None:
    """Compile every pattern of the grammar now (once; later calls return at once)."""
    for pattern in _ALL:
        pattern.compiled()


# Levels of a norm below the § / Art. number, in NormTarget field order.
NUMBER, ABSATZ, SATZ, HALBSATZ, NUMMER, BUCHSTABE, ALTERNATIVE = range(7)
FIELDS: tuple[str, ...] = ("number", "absatz", "satz", "halbsatz", "nummer", "buchstabe", "alternative")
DOPPEL = 7  # "Buchst. b Doppelbuchst. dd": kept inside NormTarget.buchstabe as "b Doppelbuchst. dd"

# Horizontal whitespace with at most one line break: a citation may wrap, a blank line ends it.
_H = r"[ \t\u00a0\u202f]"
SP = _lazy(rf"{_H}*(?:\r?\n{_H}*)?")

_WEND = r"(?![\wÄÖÜäöüß])"  # word end that also works after a dot

MARKER = _lazy(rf"(?P<plural>§§|Artt\.|Artikeln{_WEND})|(?P<single>§|Art\.|Artikel{_WEND}|Art{_WEND})")

# A § / Art. number: 6, 6a, 6ter, "7 g" (spaced suffix letter, not an abbreviation like "5 a.F.").
NORM_NUMBER = _lazy(
    rf"\d{{1,4}}(?:[a-z]{{1,3}}{_WEND}|[A-Z](?![\wÄÖÜäöüß])|{_H}[a-z](?![\wÄÖÜäöüß.)]))?(?![\d/.,]\d)"
)

ROMAN = _lazy(rf"(?P<roman>[IVX]{{1,5}}){_WEND}(?!\.)(?:{_H}+(?P<satz>\d{{1,2}})(?![\wÄÖÜäöüß./]))?")

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
KEYWORD = _lazy(
    "|".join(f"(?P<k{i}>(?:{pat})(?:(?<=\\.)|{_WEND}))" for i, (_, pat, _) in enumerate(_KEYWORDS))
)
KEYWORD_INFO: dict[str, tuple[int, bool]] = {f"k{i}": (lvl, pl) for i, (lvl, _, pl) in enumerate(_KEYWORDS)}

# "2. Alt.", "1. Halbsatz": the ordinal comes first.
ORDINAL_UNIT = _lazy(
    rf"(?:(?P<value>\d{{1,2}})\.|(?P<word>letzte[rn]?|erste[rn]?|zweite[rn]?)){_H}*(?:(?P<alt>Alt\.|Alt{_WEND}|Alternative{_WEND}|Var\.|Variante{_WEND})"
    rf"|(?P<hs>Halbsatz{_WEND}|Halbs\.|Hs\.|HS{_WEND}\.?|Teilsatz{_WEND}))"
)

# "Nr. 2 d)", "Abs. 1 a)": a letter with a closing parenthesis is the Buchstabe
IMPLICIT_LETTER = _lazy(rf"{_H}*(?P<v>[a-z])\)")
# "§ 3 (1)", "§ 132e (Abs 1)": the Absatz in parentheses
PAREN_ABSATZ = _lazy(rf"{_H}*\({_H}*(?:Abs\.?{_H}*)?(?P<v>\d{{1,2}}[a-z]?){_H}*\)")
# "Art. 13 Teil A Abs. 1": a part of an article
PART = _lazy(rf"{_H}+Teil{_H}+(?P<v>[A-Z]|[IVX]{{1,4}})(?![\wÄÖÜäöüß])")
# "Art. 2 ZP 1 EMRK": an additional protocol to the law that follows
PROTOCOL = _lazy(rf"(?:ZP|Zusatzprotokoll|Prot\.){_H}*(?:Nr\.?{_H}*)?(?P<n>\d{{1,2}}){_H}+(?:zur{_H}+)?")
PAREN_LETTER = _lazy(rf"{_H}*\({_H}*(?P<v>[a-z]){_H}*\)")  # "Art. 3 (a) AMVO"
# "WO 2006032373 A1", "WO 96/38131": patent publications, not the Wahlordnung
NUMBER_AFTER_NAME = _lazy(r"\s*(?:\d{2,4}/\d|\d{5,})")
_NO_MORE = r"(?![\wÄÖÜäöüß/]|[.,]\d)"
VALUE: dict[int, re.Pattern[str]] = {
    NUMBER: NORM_NUMBER,
    ABSATZ: _lazy(rf"(?:\d{{1,3}}[a-z]?|[IVX]{{1,5}}){_NO_MORE}"),
    SATZ: _lazy(rf"\d{{1,2}}{_NO_MORE}"),
    HALBSATZ: _lazy(rf"\d{{1,2}}{_NO_MORE}"),
    NUMMER: _lazy(rf"\d{{1,3}}[a-z]{{0,2}}{_NO_MORE}"),
    BUCHSTABE: _lazy(rf"(?:[a-z]{{1,3}}|[A-Z]){_WEND}(?!\.)"),
    DOPPEL: _lazy(rf"[a-z]{{2,3}}{_WEND}(?!\.)"),
    ALTERNATIVE: _lazy(rf"\d{{1,2}}{_NO_MORE}"),
}

# Between items of a list or range. "-" only as a range dash, never a hyphen inside a word.
SEPARATOR = _lazy(
    rf"(?P<range>{_H}*(?:bis{_WEND}|[–—]|-)){_H}*|{_H}*(?P<list>,|;|und{_WEND}|sowie{_WEND}|oder{_WEND}|bzw\.|u\.)"
)
FOLLOWING = _lazy(rf"(?P<f>ff\.|ff{_WEND}|f\.)")
CHAIN = _lazy(
    rf"(?:i\.{_H}?V\.{_H}?m\.?|iVm\.?|in{_H}+Verbindung{_H}+mit|i\.{_H}?V\.{_H}?m{_WEND})"
    rf"(?:{_H}+(?:den|dem|der|des){_WEND})?"
)
VERSION = _lazy(rf"{_H}+(?P<v>a\.{_H}?F\.|n\.{_H}?F\.|aF{_WEND}|nF{_WEND})")

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
EU_ACT_ALONE = _lazy(rf"(?P<euact>{_EU_ACT_BODY})")
# "Titel I der VO Nr. 1408/71", "den EU-Verordnungen VO (EG) 2580/2001": part of the reference
EU_ACT_PREFIX = _lazy(r"(?:Titel\s+[IVX]{1,4}\s+der|EU-Verordnung(?:en)?|EU-Richtlinie(?:n)?)\s+$")
EU_ACT_PARTS = _lazy(
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
    "SozR|AP|EzA|DStR|BStBl|MDR|JZ|BTDrucks|BT-Drucks|BR-Drucks|BT-Drs|BR-Drs|LT-Drs|BTDrs|BRDrs|PlPr|StB|ZR|AZR|StR"
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
MONTH_NAMES = tuple(_MONTHS.split("|"))  # the German month names, January first: the one table of them
DATE = rf"\d{{1,2}}\.{_H}*(?:\d{{1,2}}\.|(?:{_MONTHS})){_H}*\d{{4}}"
_TITLE = (
    rf"(?P<title>(?:[A-ZÄÖÜ][a-zäöü]+(?:e|en|es){_H}+)?(?:Gesetz(?:es)?|Verordnung){_H}+"
    rf"(?:(?:zur|zum|über|für|gegen|zu){_H}+(?:(?!Drucks|BT-|BR-)[^;:()<>\n]){{3,160}}?|)"
    rf"(?={_H}*\(?{_H}*vom{_H}+{DATE}|{_H}*\([^()\n]{{1,30}}\){_H}*vom{_H}+{DATE}"
    rf"|{_H}*\((?!(?:EG|EU|EWG|EURATOM)\))[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]*[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]*\)))"
)
_YEAR = rf"(?:{_H}+(?:19|20)\d\d(?![\d./]))?"
EU_TITLE_HEAD = _lazy(rf"(?:{_H}+vom{_H}+{DATE})?{_H}+(?:über|zur?|zum|betreffend)(?=[ \t])")
TITLE_WORD = _lazy(r"[ \t]+([A-Za-zÄÖÜäöüß-]+)")
TITLE_GLUE = frozenset((
    "der", "die", "das", "des", "den", "dem", "von", "und", "bei", "für", "zur", "zum", "zu", "über", "in", "im",
    "auf", "mit", "sowie", "aus", "an", "am", "gegen", "eines", "einer", "einem",
))
# "… des Rates vom 26. Juni 2013 zu gemeinsamen Verfahren … (ABl. L 180 S. 60)": an EU act's title, safe when
# its Official Journal reference closes it
EU_TITLE = _lazy(
    rf"{_H}+vom{_H}+{DATE}{_H}+(?:über|zur?|zum){_H}+[^()\n;]{{3,240}}?{_H}*\({_H}*ABl(?:EU)?\b[^()\n]*\)"
)
# "Nr. 34 der Anlage 2 zum UStG": an annex of a law
_ANNEX = rf"(?P<annex>der{_H}+Anlage{_H}+[\dA-Z]{{1,3}}{_H}+(?:zum|zur|des|der){_H}+)"

LAW_AFTER_NORM = _lazy(
    rf"(?P<article>(?:des|der|dem|den|zum|zur){_H}+)?"
    rf"(?:{_SELF}|(?P<sgbx>{_SGB})|(?P<known>(?:{_KNOWN}))(?![\wÄÖÜäöüß-]){_YEAR}|{_EU_ACT}|{_TITLE}|{_COMPOUND}"
    rf"|{_ABBREV}{_YEAR})"
    rf"|(?P<article2>(?:des|der){_H}+){_COMPOUND_AFTER_NORM}"
    rf"|{_ANNEX}(?:(?P<known2>(?:{_KNOWN}))(?![\wÄÖÜäöüß-])|(?P<abbrev3>[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*[A-ZÄÖÜ]"
    r"[A-Za-zÄÖÜäöüß]*(?![\wÄÖÜäöüß-])))"
    rf"|{_SAME}"
)
# A law named alone ("das SGB II", "des Grundgesetzes"): only names we can be sure of.
LAW_ALONE = _lazy(
    rf"(?<![\wÄÖÜäöüß§/-])(?:{_TITLE}|(?P<sgbx>{_SGB})|(?P<known>(?:{_KNOWN}))(?![\wÄÖÜäöüß/-]){_YEAR}"
    rf"|{_COMPOUND}{_YEAR}|{_ABBREV_ALONE}{_YEAR})"
)
# After a law's name: its promulgation "vom 21. Dezember 2000 (BGBl I S. 1966)"
PROMULGATION = _lazy(rf"{_H}*(?P<paren>\(|<)?{_H}*vom{_H}+(?P<date>{DATE})")
GAZETTE = _lazy(
    rf"{_H}*(?:(?P<open>[(<\[])"
    rf"|[,-]{_H}*(?=(?:BGBl|RGBl)\.?{_H}*I))"
)
BRACKET_OPEN = _lazy(rf"{_H}*(?P<open>[(<\[]){_H}*")
GAZETTE_START = _lazy(r"(?:BGBl|RGBl|GVBl|SächsGVBl|GVOBl|HmbGVBl|ABl|Amtsbl)\b\.?\s*(?:I{1,2}\b|\d{4}|S\.)")
OPENING_CLAUSE = _lazy(r"Eingangshalbs(?:atz(?:es)?|\.)|Eingangssatz")
GAZETTE_NAME = _lazy(r"\b(?:BGBl|RGBl|GVBl|GV|SächsGVBl|Amtsbl|ABl|GBl|GVOBl|HmbGVBl)\b")
GAZETTE_REF = _lazy(
    rf"(?:BGBl|RGBl)\.?{_H}*I{{1,2}}{_H}*(?:\d{{4}}{_H}*,{_H}*)?(?:S\.?{_H}*)?\d+(?:{_H}*<{_H}*[an]F{_H}*>)?"
)
# "des Steuerberatungsgesetzes (StBerG)": the abbreviation a text introduces for a law
ABBREV_IN_PARENS = _lazy(
    r"\s*(?P<open>[(<]|[-–](?=\s))\s*(?P<abbr>(?:Nds\.\s)?[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]*[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]*"
    r"(?:\s(?:NRW|BY|BW|SH|LSA|HH|Nds))?|CP)\s*(?P<close>[)>]|[-–](?!\w))"
)
# "(idF der Neufassung vom 18. 1. 2001, BGBl I 130)": the version cited
VERSION_NOTE = _lazy(
    rf"{_H}*[(<]{_H}*(?:idF|i\.{_H}?d\.{_H}?F\.|in{_H}+der{_H}+Fassung){_H}+der{_H}+(?:Neufassung|Bekanntmachung)"
    rf"{_H}+vom{_H}+{DATE}[^()<>\n]{{0,60}}[)>]"
)
ART_ROMAN_PREFIX = _lazy(r"Art\.?\s*[IVX]{1,4}\s*$")

# ---------------------------------------------------------------------------- Randnummern

RZ_KEYWORD = _lazy(
    rf",?{_H}*(?P<kw>Randnummern|Randnummer|Randnrn\.|Randnr\.|Rdnrn\.|Rdnr\.|RdNr\.|Rdn\.|Rnrn\.|Rnr\.|Rzn\.|Rz\.|Rn\.|N\.|"
    rf"Randnr|Rdnr|RdNr|Rdn|Rnr|Rz|Rn)(?={_H}*\d)"
)
# A decision's Randnummern are also "Tz." (Textziffer); after a reporter "Nr." (EuGH, GRUR: "Nr. 86")
RN_KEYWORD = _lazy(rf"{RZ_KEYWORD.pattern}|,?{_H}*(?:Tz\.|Tz|Textziffer)(?={_H}*\d)")
PIN_RN_KEYWORD = _lazy(rf"{RN_KEYWORD.pattern}|,?{_H}*(?:Nrn\.|Nr\.|Nr)(?={_H}*\d)")
RN_FOLLOWING = _lazy(r"ff?\.|ff?(?![\wÄÖÜäöüß])")  # "Rn. 12 f.", BSG style "RdNr 26 ff"
# a Randnummer label as the sources write it ("34a", "12.1", "10000"), never the start of a longer number
RZ_VALUE = _lazy(rf"(?:{RZ_LABEL})(?![\wÄÖÜäöüß]|[.,]\d)")
# Case-law reporters cite "§ 22 Nr 5" of their own series, not a statute: "SozR 4-4200 § 22 Nr 5".
REPORTER_BEFORE = _lazy(
    r"(?:SozR(?:\s*\d{1,2})?(?:\s*-\s*)?\s*\d{3,4}|Buchholz\s*\d{1,3}(?:\.\d{1,3})*|BGHR(?:\s+[\w-]+(?:\s+\d+)?)?|"
    r"AP\s+Nr\.?\s*\d+\s+zu|SozR\s+Nr\.?\s*\d+\s+zu)\s*$"
)
REPORTER_TAIL = _lazy(r"(?:\s*,?\s*(?:Nr\.?|S\.|Rn\.?|RdNr\.?|Rdnr\.?)\s*\d+[a-z]?)+")
# "tunesischen Strafgesetzbuch": a foreign law of the same name — not the German one
FOREIGN_BEFORE = _lazy(r"(?<![\wÄÖÜäöüß])(?!deutsch)(?P<adj>[a-zäöü]{3,}isch(?:e[nmsr]?)?)[ \t]+$")
# "Zöller, ZPO, 31. Aufl.": a commentary's title, not a reference to the law.
LITERATURE_AFTER = _lazy(
    r"\s*,?\s*(?:\d{1,2}\.\s*)?(?:Aufl\b|Auflage\b|Aufl\.|Stand\b|Kommentar\b|Komm\.|Bd\.|Band\b)"
)
LITERATURE_LIST_AFTER = _lazy(r"\s*,\s*(?:\d|§|Art\b|Vor\b|vor\b|Einl)")
LITERATURE_LIST_BEFORE = _lazy(
    r"(?:[A-ZÄÖÜ][\wäöüß.-]*(?:/[A-ZÄÖÜ][\wäöüß.-]*)*,|\bin:?|in\s+[A-ZÄÖÜ][\wäöüß-]+|Aufl\.?\s*\d{4},)\s*$"
)
# Before "Rn. 23" / "§ 433 Rn. 5": another work's margin numbers — a court decision ("B 4 AS 1/18 R",
# "BSGE 44, 292", "juris") or literature ("Luik in Eicher/Luik, SGB II", "Palandt/Weidenkaff, BGB", "31. Aufl.").
FOREIGN_RZ_CONTEXT = _lazy(
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
FOREIGN_RZ_TAIL = _lazy(
    r",?\s*(?:Randnummern|Randnummer|Randnr\.?|Rdnrn?\.?|RdNr\.?|Rdn\.?|Rnrn?\.?|Rz\.?|Rn\.?|N\.)"
    rf"\s*(?:[A-Z]\s+)?{RZ_LABEL}(?:\s*(?:ff?\.|ff\b))?"
    rf"(?:\s*(?:,|und|-|–|bis)\s*{RZ_LABEL}(?:\s*(?:ff?\.|ff\b))?)*"
)
# "Palandt/Weidenkaff, BGB, § 433", "Eicher/Luik, SGB II, 4. Aufl., § 6a": the commentary's law names the §'s law
LAW_TITLE_BEFORE = _lazy(
    r"(?<![\wÄÖÜäöüß-])(?P<name>SGB\s?(?:[IVX]{1,4}|\d{1,2})|[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]*)"
    r",\s*(?:\d{1,2}\.\s*Aufl\.?(?:\s*\d{4})?,\s*)?$"
)
COMMENTARY_PREFIX = _lazy(rf"Komm\.{_H}*zu{_H}*(?=§)|Kommentierung{_H}+(?:zu|von){_H}*(?=§)")

# ---------------------------------------------------------------------------- court decisions

# "BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R –, Rn. 23", "BAG 30. Januar 2024 - 1 AZR 62/23 - Rn. 12",
# "ECLI:DE:BSG:2016:121016UB4AS416R0", "BVerfGE 125, 175 <Rn. 12>", "NJW 2019, 1234", "SozR 4-4200 § 22 Nr 5": a
# head (court, type of decision, Spruchkörper, date) before an anchor (Aktenzeichen, ECLI, reporter or series),
# then a tail (reporters, "juris", Randnummern); parsed by :mod:`kb.citations.decisions`. Parliamentary papers
# at the end.


def _alternation(names: list[str] | tuple[str, ...]) -> str:
    """Names longest first, spaces matching any horizontal whitespace."""
    return "|".join(re.escape(n).replace(r"\ ", rf"{_H}+") for n in sorted(names, key=len, reverse=True))


_DOCTYPE = (
    r"(?:[A-ZÄÖÜ][a-zäöüß]+)?(?:[Uu]rteil(?:s|en?)?|[Bb]eschl(?:uss(?:es)?|üssen?)|[Gg]erichtsbescheid(?:s|es|en?)?)"
    r"|Urt\.|Beschl\.|Gerichtsbesch\.|Entscheidung(?:en)?"
)
DOCTYPE = _lazy(rf"(?P<doctype>{_DOCTYPE})(?:(?<=\.)|{_WEND})")
# Where the word pass starts a decision from a type: words ending like one ("Senatsurteil", "Beschlüsse"), and the
# words it sees of the abbreviations ("Urt" of "Urt.")
DOCTYPE_ENDINGS = tuple(f"{stem}{end}" for stem in ("urteil", "Urteil") for end in ("", "s", "e", "en")) + tuple(
    f"{stem}{end}" for stem in ("beschluss", "Beschluss") for end in ("", "es")) + (
    "beschlüsse", "Beschlüsse", "beschlüssen", "Beschlüssen", "Gerichtsbescheid", "Gerichtsbescheids")
DOCTYPE_WORDS = frozenset({"Urt", "Beschl", "Gerichtsbesch", "Entscheidung", "Entscheidungen"})
# The seat after a Land's court: "Berlin-Brandenburg", "Frankfurt am Main", "Frankfurt (Oder)", "NRW" — not a
# word of the citation itself ("LSG Urteil vom …", "SG Die Klägerin").
_SEAT = (
    rf"(?!(?:{_DOCTYPE}|Senat|Kammer|Az|Aktenzeichen|Vorinstanz|Der|Die|Das|Dem|Den|Des|Ein|Eine|Im|In|Mit|Nach|Vom)"
    r"(?![\wÄÖÜäöüß]))"
    rf"(?:[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*(?:{_H}+(?:am|an{_H}+der|in{_H}+der|im){_H}+[A-ZÄÖÜ][a-zäöüß]+"
    rf"|{_H}*\((?!Kammer|Senat)[A-ZÄÖÜ][a-zäöüß]+\.?\)|{_H}+a\.{_H}?M\.)?"
    r"|NRW|NW|BW|SH|LSA|MV|RP|HH|HB)(?![\wÄÖÜäöüß-])"
)
COURT = _lazy(rf"(?P<name>{_trie_pattern(list(courts.NAMES))})(?![\wÄÖÜäöüß])(?:{_H}+(?P<seat>{_SEAT}))?")
COURT_WORDS = frozenset(re.split(r"[\s/-]", name)[0] for name in courts.NAMES)  # as the word pass sees them
# "des Hessischen Landessozialgerichts", "Bayerischer VGH": a Land's adjective in front of its court
_COURT_ADJECTIVE = r"(?:[A-ZÄÖÜ][\wäöüß-]{3,}isch(?:e[nmrs]?)|[A-ZÄÖÜ][a-zäöüß]{4,}er)"
COURT_ADJECTIVE = _lazy(rf"(?P<adj>{_COURT_ADJECTIVE})[ \t]+$")
COURT_ADJECTIVE_AHEAD = _lazy(rf"{_COURT_ADJECTIVE}[ \t]+")
# "Bundesfinanzhofs (BFH)", "Bundesverfassungsgerichts - BVerfG -": the abbreviation a text adds to the name
COURT_ABBREVIATION = _lazy(rf"{_H}*(?:\(|[-–]){_H}*(?:{_trie_pattern(list(courts.NAMES))}){_H}*(?:\)|[-–](?!\w))")
# "BVerfG < Kammer >", "BVerfG (K)": the bench in brackets
BENCH_BRACKET = _lazy(rf"{_H}*[<(]{_H}*(?:\d{{1,2}}\.{_H}*)?(?:Kammer|Senat|K|GK|GrS){_H}*[>)]")
# "des Ersten Senats", "der 1. Kammer des Zweiten Senats", "des 7. Zivilsenats", "des Großen Senats für
# Zivilsachen", "1. Strafsenat"
BENCH = _lazy(
    rf"(?:(?:des|der){_H}+)?(?:(?:\d{{1,2}}\.|[A-ZÄÖÜ][a-zäöü]+(?:en|es|er)){_H}+)?[A-ZÄÖÜ]?[a-zäöü]*"
    rf"(?:[Ss]enats?|Kammer)(?:{_H}+für{_H}+[A-ZÄÖÜ][a-zäöüß]+)?(?![\wÄÖÜäöüß])"
)
# Between head items, and the whitespace after it ("(": "Thüringer LSG (L 3 AL 229/00)")
HEAD_SEPARATOR = _lazy(rf"{_H}*(?P<sep>[,:(]|[-–—])?{SP.pattern}")
DASHES = frozenset("-–—")
_MONTH_ABBREVIATIONS = "Jan|Febr|Feb|Mär|Apr|Jun|Jul|Aug|Sept|Sep|Okt|Nov|Dez"
MONTH_NUMBER = {name: n for n, name in enumerate(MONTH_NAMES, start=1)} | {
    abbr: n for n, abbr in ((1, "Jan"), (2, "Febr"), (2, "Feb"), (3, "Mär"), (4, "Apr"), (6, "Jun"), (7, "Jul"),
                            (8, "Aug"), (9, "Sept"), (9, "Sep"), (10, "Okt"), (11, "Nov"), (12, "Dez"))}
DECISION_DATE = _lazy(
    rf"(?:(?:vom|v\.){_H}+)?(?P<d>\d{{1,2}})\.{_H}*(?:(?P<m>\d{{1,2}})\.|(?P<month>{_MONTHS}"
    rf"|(?:{_MONTH_ABBREVIATIONS})\.)){_H}*(?P<y>(?:19|20)\d\d)(?!\d)"
)
DOCKET_KEYWORD = _lazy(rf"(?:Az\.|Az|AZ|Aktenzeichen){_H}*:?{_H}*")
# Aktenzeichen: [instance] chamber register number/year [register], as courts write them: "B 4 AS 4/16 R" (BSG),
# "1 BvL 7/16" (BVerfG), "IX ZB 72/08", "5 StR 12/23" (BGH), "11 A 7.23" (BVerwG), "1 AZR 62/23" (BAG),
# "IX R 12/20" (BFH), "25 W (pat) 62/12" (BPatG), "1 WDS-VR 9.17", "L 7 AS 123/19", "6 T 104/07", "GSSt 1/86",
# "GmS-OGB 1/85"; "C-459/99" (EuGH).
_REGISTER = r"(?!(?:Abs|Art|Nr|Nrn|Rn|Rz|Satz|EUR|DM|Euro|Buchst|Anm|Fn)(?![A-Za-z]))[A-Z][A-Za-z]{0,4}(?:-[A-Z]{1,3})?"
DOCKET = _lazy(
    rf"(?P<docket>(?:(?:[BLS]{_H}+)?(?:\d{{1,3}}|[IVX]{{1,5}}[a-z]?){_H}*{_REGISTER}(?:{_H}*\([a-zäöü]{{1,5}}\))?"
    rf"|Gr?S[A-Z][a-z]{{0,2}}|GmS-?OGB)"
    rf"{_H}+\d{{1,6}}[/.]\d{{2}}(?:\d{{2}})?(?![\d/]|\.\d)(?:{_H}+[A-Z]{{1,2}}(?![\wÄÖÜäöüß]|\.{_H}?\d)){{0,2}}"
    rf"|[CTF]{_H}?-{_H}?\d{{1,4}}/\d{{2}}(?![\d/])(?:{_H}P(?![\wÄÖÜäöüß]))?)"
)
# Where the scanner looks for Aktenzeichen: their number/year ("4/16", "7.23") is rare and cheap to find; the
# docket around it starts at most DOCKET_REACH characters before.
DOCKET_SLASH_CORE = _lazy(r"/\d\d(?!\d)")  # one literal each: scanned at C speed
DOCKET_DOT_CORE = _lazy(r"\.\d\d(?!\d)")
DOCKET_REACH = 32
# "5 AZR 252/12 (B)", "VIII S 3/07 (PKH)", "1 BvR 668/10 u. a." (joined proceedings): the docket is the same
DOCKET_APPENDIX = _lazy(rf"{_H}*(?:u\.{_H}?a\.|ua\.|\([A-Z]{{1,4}}\))")
# A bare Aktenzeichen needs a frame in front — "vom 27. Mai 2014 -", "16. Juli 2013 -", "Az." — or a court
# named shortly before ("hat das BSG entschieden (B 4 AS 4/16 R)"). In brackets ("vom 21. 3. 2012 (B 6 KA …")
# the frame dates the decision but stays outside the citation.
DOCKET_FRAME = _lazy(
    rf"(?P<date>(?:(?:vom|v\.){_H}+)?\d{{1,2}}\.{_H}*(?:\d{{1,2}}\.|(?:{_MONTHS})|(?:{_MONTH_ABBREVIATIONS})\.)"
    rf"{_H}*(?:19|20)\d\d){_H}*(?:(?P<dash>[-–—])|,|(?P<paren>\())?{_H}*$"
    rf"|(?:Az\.|Az|AZ|Aktenzeichen){_H}*:?{_H}*$"
)
COURT_BEFORE_WINDOW = 150  # "shortly before": about a sentence
ECLI = _lazy(
    rf"ECLI{_H}?:{_H}?[A-Z]{{2}}{_H}?:{_H}?(?P<ecli_court>[A-Za-z]{{1,7}}){_H}?:{_H}?\d{{4}}{_H}?:{_H}?"
    r"[A-Za-z0-9.]*[A-Za-z0-9]"
)
# Reporters: the courts' official collections cite volume and first page ("BVerfGE 125, 175"), journals year
# and page ("NJW 2019, 1234"); a pin page or Randnummer may follow ("(190)", "<Rn. 12>", ", 293 f."). Not
# "BStBl I": its part I prints the administration's circulars, part II the BFH's decisions.
_OFFICIAL = ("BVerfGE", "BVerfGK", "BVerwGE", "BSGE", "BGHZ", "BGHSt", "BAGE", "BFHE", "BPatGE", "RGZ", "RGSt")
_JOURNALS = (
    "NJW", "NJW-RR", "NJW-Spezial", "NJOZ", "NVwZ", "NVwZ-RR", "NZS", "NZA", "NZA-RR", "NStZ", "NStZ-RR", "NZM", "NZG",
    "NZV", "NZI", "NZFam", "NZBau", "NZWiSt", "GRUR", "GRUR-RR", "GRUR Int.", "GRUR-Prax", "MDR", "JZ", "JR", "DVBl",
    "DÖV", "FamRZ", "ZIP", "WM", "BB", "DB", "SGb", "ZFSH/SGB", "FEVS", "Breith.", "BFH/NV", "BStBl II", "BStBl III",
    "EFG", "HFR", "DStR", "DStRE", "VersR", "ZfBR", "BauR", "NuR", "ZUR", "InfAuslR", "AuAS", "ZAR", "AuR", "ZTR",
    "PersR", "PersV", "ZBR", "RiA", "JurBüro", "Rpfleger", "ZInsO", "BayVBl", "VBlBW", "NordÖR", "NWVBl", "LKV",
    "SächsVBl", "NDV", "ASR", "StV", "wistra", "NZWehrr", "ZfS", "EuZW", "EuGRZ", "NVZ", "DAR", "ZUM", "MMR", "CR",
    "WRP", "ZD", "ZMR", "WuM", "NZKart", "WuW", "RdA", "ArbuR", "ZESAR", "KrV",
)
REPORTER = _lazy(
    rf"(?:(?P<name>{_alternation(_OFFICIAL)})(?![\wÄÖÜäöüß-]){_H}+(?P<volume>\d{{1,3}}){_H}*,{_H}*(?P<page>\d{{1,5}})"
    rf"|(?P<journal>{_alternation(_JOURNALS)})(?![\wÄÖÜäöüß-]){_H}+(?P<year>(?:19|20)\d\d){_H}*,{_H}*(?:S\.{_H}*)?"
    rf"(?P<jpage>\d{{1,5}}))"
    r"(?![\d/]|[.,]\d)"
)
REPORTER_WORDS = frozenset(re.split(r"[\s/-]", name)[0] for name in (*_OFFICIAL, *_JOURNALS) if name[0].isupper())
# "Schnapp, SGb 2015, 61", "Blumenberg/Lechner, DB 2014, 141", "Müller in NJW 2019, 1", "Ries NZI 2002, 521": an
# article, not a decision (a name with lower-case letters: "BGH NJW …" is the court's)
AUTHOR_BEFORE = _lazy(
    rf"(?<![\wÄÖÜäöüß.-])(?P<name>[A-ZÄÖÜ][\wäöüß'-]*[a-zäöüß][\wäöüß'-]*(?:/[A-ZÄÖÜ][\wäöüß'-]+)*)"
    rf"(?:,|{_H}+in:?)?{_H}+$"
)
# "BVerfGE 5, 22 <24>; 62, 392 <397>": further volumes of the same collection
REPORTER_MORE = _lazy(rf"{_H}*;{_H}*(?P<volume>\d{{1,3}}){_H}*,{_H}*(?P<page>\d{{1,5}})(?![\d/]|[.,]\d)")
_PAGE = rf"(?:S\.?{_H}*)?\d{{1,5}}(?:{_H}*(?:ff?\.|ff?(?![\wÄÖÜäöüß])|[-–/]{_H}*\d{{1,5}}))?"
PIN = _lazy(rf"{_H}*(?:,{_H}*|(?=S\.?{_H}*\d)){_PAGE}(?![\d/]|[.,]\d|{_H}*[A-Z][A-Za-z]{{0,4}}{_H}\d)")
PIN_OPEN = _lazy(rf"{_H}*(?P<open>[(<\[]){_H}*")
PIN_PAGES = _lazy(rf"{_PAGE}(?:{_H}*,{_H}*{_PAGE})*{_H}*")
CLOSE = {opening: _lazy(rf"{_H}*{re.escape(closing)}") for opening, closing in ("()", "<>", "[]")}
# Reporter series that number by the § they file a decision under — never a statute: "SozR 4-4200 § 22 Nr 5",
# "Buchholz 450.2 § 38 WDO 2002 Nr. 33", "BGHR StGB § 63 Gefährlichkeit 35", "AP Nr. 5 zu § 1 KSchG 1969".
_SERIES_HEAD = r"SozR(?:\s*\d{1,2})?(?:\s*-\s*)?\s*\d{3,4}|Buchholz\s*\d{1,3}(?:\.\d{1,3})*|BGHR(?:\s+[A-ZÄÖÜ][\w-]*)?"
SERIES = _lazy(
    rf"(?:(?P<series>(?:{_SERIES_HEAD})\s*§{{1,2}}\s*\d{{1,4}}[a-z]{{0,3}}"
    r"(?:\s+(?!Rn\b|RdNr\b|Rdnr\b|Nr\b)[\wÄÖÜäöüß][\wÄÖÜäöüß-]*\.?){0,5}\s*(?:Nr\.?\s*)?)(?P<snr>\d{1,4}[a-z]?)"
    r"|(?P<ap>(?:AP|SozR)\s+Nr\.?\s*\d{1,4}\s+zu\s+§{1,2}\s*\d{1,4}[a-z]{0,3}\s+[A-ZÄÖÜ][\wÄÖÜäöüß-]*"
    r"(?:\s(?:19|20)\d\d)?))"
    r"(?![\wÄÖÜäöüß])"
)
# "SozR 1500 § 160a Nr 14, 21 und 67": further numbers of the same series and §
SERIES_MORE = _lazy(rf"{_H}*(?:,|und|sowie){_H}*(?P<snr>\d{{1,4}}[a-z]?)(?![\wÄÖÜäöüß/]|[.,]\d)")
SERIES_WORDS = frozenset({"SozR", "Buchholz", "BGHR", "AP"})
# "BGH GRUR 2012, 270 Rn. 8 – Link economy": the name a decision is known by, after its reporter; up to a
# closing bracket or semicolon (a sentence after a dash is no name)
DECISION_NAME = _lazy(
    rf"{_H}*[-–]{_H}*[A-ZÄÖÜ0-9„\"»][^\s;,()\[\]<>]*(?:{_H}+[^\s;,()\[\]<>]+){{0,4}}(?={_H}*[;)\]])"
)
# What identifies a decision, in one pattern (the head tries it at every step)
ANCHOR = _lazy(rf"{DOCKET.pattern}|(?P<ecli>{ECLI.pattern})|{REPORTER.pattern}|{SERIES.pattern}")
# Head items other than the court, in one pattern: "Urteil", "vom 12.10.2016", "des Ersten Senats", "Az.", "in"
# ("BFH-Urteil in BFHE 194, 108"), and "des"/"der" before a court ("Urteil des BSG", "des Hessischen LSG")
HEAD_ITEM = _lazy(rf"{DOCTYPE.pattern}|(?P<date>{DECISION_DATE.pattern})|(?P<bench>{BENCH.pattern})"
                       rf"|(?P<az>{DOCKET_KEYWORD.pattern})|in(?={_H}+[A-ZÄÖÜ])|(?P<of>(?:des|der){_H}+)")
# Where the numbering comes from ("juris", "www.bverfg.de"): part of the citation, nothing to record
SOURCE = _lazy(r"(?:[Jj]uris|www\.[\w-]+(?:\.[\w-]+)*\.de)(?![\wÄÖÜäöüß])")
# "m.w.N." (further references): inside a citation between its parts, not at its end
FILLER = _lazy(r"(?:m\.[ \t]?w\.[ \t]?N\.|mwN)(?![\wÄÖÜäöüß])")
# A place in the reasons: "zu B I 2 c dd der Gründe", "unter II. 2. c"
_OUTLINE = r"(?:[A-Z]|[IVX]{1,5}|\d{1,2}|[a-z]{1,2}|\(\d{1,2}\))\.?"
SECTION = _lazy(
    rf"(?:zu|unter){_H}+(?:[A-Z]|[IVX]{{1,5}}|\d{{1,2}})\.?(?:{_H}+{_OUTLINE}){{0,7}}(?:{_H}+der{_H}+Gründe)?"
    r"(?![\wÄÖÜäöüß])"
)
# What a tail item starts with: a capital (a reporter, "ECLI", "Rn."), a source, a place ("zu …"), a date or a
# bracket; anything else ends the tail
TAIL_START = _lazy(r"(?P<upper>[A-ZÄÖÜ])|(?P<source>juris|www\.)|(?P<section>zu |unter )|(?P<date>vom |v\. )"
                        r"|(?P<bracket>[(<\[])")
TAIL_REFERENCE = _lazy(rf"{REPORTER.pattern}|{SERIES.pattern}")
# Between tail items, and the whitespace after it
TAIL_SEPARATOR = _lazy(rf"{_H}*(?:[,=:]|[-–—]{{1,2}}{_H}*,?)?{SP.pattern}")
CLOSING_DASH = _lazy(rf"{_H}*[-–—](?![\wÄÖÜäöüß])")
# Parliamentary papers: "BT-Drs. 17/1555, S. 20", "BT-Drucks 19/24034 S 3", "BR-Drs. 123/20", "Plenarprotokoll 19/45"
PAPER = _lazy(
    rf"(?:(?:BT|BR|LT)(?:-|{_H})?|(?:Bundestags|Bundesrats|Landtags)-?(?=[DdP]))?"
    rf"(?:Drucksachen?|drucksachen?|Drucks\.|Drucks|Drs\.|Drs|Plenarprotokoll|plenarprotokoll|PlPr\.|PlPr)"
    rf"{_H}*(?:Nr\.{_H}*)?\d{{1,4}}/\d{{1,6}}(?![\d/])"
    rf"(?:,?{_H}*S\.?{_H}*\d{{1,5}}(?![\d/]|[.,]\d)(?:{_H}*(?:ff?\.|ff?(?![\wÄÖÜäöüß])|[-–]{_H}*\d{{1,5}}))?)?"
)
PAPER_WORDS = frozenset({"BT", "BR", "LT", "BTDrucks", "BRDrucks", "BTDrs", "BRDrs", "Drucksache", "Drucksachen",
                         "Drucks", "Drs", "Plenarprotokoll", "PlPr", "Bundestagsdrucksache", "Bundesratsdrucksache",
                         "Landtagsdrucksache", "Bundestags", "Bundesrats", "Landtags"})

# ---------------------------------------------------------------------------- scanner triggers


# Where a citation can start. Law names are found cheaply: known names through a trie; unknown compound
# names ("…gesetz") from the literal "gesetz" inside them (the parser then backs up to the word start).
TRIGGER = _lazy(
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
# hundreds of names that sre would try at every capital letter), and so are courts, reporters, papers, types
# of decision and "ECLI"; Aktenzeichen from their number/year (:func:`kb.citations.decisions.dockets`).
TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (m.group(1), _lazy(branch))
    for branch in re.split(r"\|(?=\(\?P<)", TRIGGER.pattern)
    if (m := re.match(r"\(\?P<(\w+)>", branch)) and m.group(1) != "law"
)
CAPITALISED_WORD = _lazy(r"[A-ZÄÖÜ][\wÄÖÜäöüß]*")


def _first_words() -> frozenset[str]:
    words = {re.split(r"[\s\-]+", name)[0] for name in _known_names()}
    words |= {"SGB", "Sozialgesetzbuch", "Sozialgesetzbuchs", "Sozialgesetzbuches"}
    words |= {f"{stem}{end}" for stem in _ORDINAL_STEMS for end in ("es", "en", "e")}
    return frozenset(words)


LAW_FIRST_WORDS = _first_words()


def _word_triggers() -> dict[str, tuple[str, ...]]:
    """Capitalised words that may start a citation, and the kinds they may start, in the order to try them:
    a court before a law of the same spelling ("SG Berlin", the Soldatengesetz "SG")."""
    out: dict[str, tuple[str, ...]] = {}
    for kind, words in (("paper", PAPER_WORDS), ("court", COURT_WORDS), ("reporter", REPORTER_WORDS | SERIES_WORDS),
                        ("ecli", {"ECLI"}), ("doctype", DOCTYPE_WORDS), ("law", LAW_FIRST_WORDS)):
        for word in words:
            out[word] = (*out.get(word, ()), kind)
    return out


WORD_TRIGGERS = _word_triggers()
# What may not stand right before a trigger (the trigger pattern has no look-behinds: they defeat sre's
# first-character scan, which is what makes the scanner fast).
TRIGGER_NOT_AFTER: dict[str, str] = {"norm": "", "komm": "", "rel": ".", "rz": ".", "law": "§/-", "gesetz": "",
                                     "article_abbrev": "", "euact": "-/", "ecli": "", "docket": "/.-", "court": "",
                                     "doctype": "-", "reporter": "-/", "paper": "-/"}
# The word around a "gesetz" trigger must end like a law's name ("Gesetzgeber" does not).
COMPOUND_END = _lazy(r"(?:[Gg]esetz(?:es|en)?|[Gg]esetzbuch(?:e?s)?|[Vv]erordnung)(?![\wÄÖÜäöüß])")
# Back from "gesetz" to where the name may start: the word, and an adjective before it.
NAME_START = _lazy(r"(?:(?P<adj>[A-Za-zÄÖÜäöüß]+)[ \t]+)?(?P<word>[A-Za-zÄÖÜäöüß-]*)$")
