"""Open-class entities found by regular expressions over the whole text, with their canonical form.

Names with an open slot — "Landkreis Göttingen", "Niedersächsisches Ministerium für Soziales,
Gesundheit und Gleichstellung", "LSG Niedersachsen-Bremen", "1. Januar 2024" — cannot be listed.
One compiled regex per class runs over ``doc.text`` in C; that is far cheaper than Matcher REGEX
predicates evaluated per token. Each match yields a :class:`Candidate` with its canonical form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kb.model import EntityLabel

from .gazetteer import LAND_ADJECTIVES


@dataclass(frozen=True, slots=True)
class Candidate:
    label: EntityLabel
    start: int  # character offsets into the text
    end: int
    canonical: str


_UP = "A-ZÄÖÜ"
_WORD = r"[A-ZÄÖÜ][\wäöüß]*(?:-[\wäöüß]+)*"
_LAND_ADJ_STEMS = sorted((a for a in LAND_ADJECTIVES if not a.endswith("er")), key=len, reverse=True)
# "Niedersächsischen", "Thüringer" (indeclinable), "Berliner"
_LAND_ADJ = (
    r"(?P<adj>(?:" + "|".join(a[0].upper() + a[1:] for a in _LAND_ADJ_STEMS) + r")(?:e[nmrs]?)?|Thüringer|Berliner)"
)
_LAND_NAMES = "|".join(re.escape(v) for v in sorted(set(LAND_ADJECTIVES.values()), key=len, reverse=True))

# a seat / place name: "Göttingen", "Niedersachsen-Bremen", "Frankfurt am Main", "Halle (Saale)", "O."
_SEAT = (
    rf"(?P<seat>[{_UP}][\wäöüß]+(?:-[{_UP}][\wäöüß]+)*(?:\s+(?:am|an\s+der|im|in\s+der)\s+[{_UP}][\wäöüß]+)?"
    rf"(?:\s+\([{_UP}][\wäöüß]+\))?|[{_UP}]\.)"
)
# capitalised words that follow a court or Kreis but are no seat
_NOT_A_SEAT = frozenset(
    [
        "Der",
        "Die",
        "Das",
        "Dem",
        "Den",
        "Des",
        "Ein",
        "Eine",
        "Einen",
        "Einem",
        "Eines",
        "Im",
        "In",
        "Nach",
        "Mit",
        "Auf",
        "Bei",
        "Von",
        "Vom",
        "Zur",
        "Zum",
        "Für",
        "Gegen",
        "Aus",
        "Als",
        "Am",
        "An",
        "Ab",
        "Abs",
        "Satz",
        "Nr",
        "Art",
        "Rz",
        "Rn",
        "Urteil",
        "Urt",
        "Beschluss",
        "Beschl",
        "Az",
        "Aktenzeichen",
        "Entscheidung",
        "Gericht",
        "Verfahren",
        "Kläger",
        "Klägerin",
        "Beklagte",
        "Beklagten",
        "Antrag",
        "Anträge",
        "Rechtsprechung",
        "Auffassung",
        "Ansicht",
        "Recht",
        "Sache",
        "Senat",
        "Kammer",
        "Frage",
        "Fall",
        "Fälle",
        "Bund",
        "Land",
        "Länder",
        "Kommune",
        "Kommunen",
        "Leistungen",
        "Leistung",
        "Träger",
        "Jobcenter",
        "Es",
        "Er",
        "Sie",
        "Dies",
        "Diese",
        "Dieser",
        "Dieses",
        "Hier",
        "Insoweit",
        "Soweit",
        "Sofern",
        "Wenn",
        "Dass",
        "Daher",
        "Deshalb",
        "Zudem",
        "Ferner",
        "Auch",
        "Zwar",
        "Aber",
        "Jedoch",
        "Hinsichtlich",
        "Bezüglich",
    ]
)
_NOUNISH = re.compile(r"(?:ung|heit|keit|schaft|tion|tät|nis|ismus|recht|urteil|verfahren|ungen|heiten|keiten|ern)$")

# --------------------------------------------------------------------------- ministries

_HEAD = (
    r"(?P<head>(?:[A-ZÄÖÜ][a-zäöüß]+ministeri|Ministeri)(?:ums|um|en)|Senatsverwaltung(?:en)?"
    r"|Staatskanzlei(?:en)?)\b"
)
_NAME = r"(?:[a-zäöüß]+(?:e|en|er|es)\s+)?[A-ZÄÖÜ][\wäöüß]*(?:-\s?(?:und\s+)?[A-ZÄÖÜ][\wäöüß]*)*"
_LIST = rf"{_NAME}(?:(?:\s*,\s*{_NAME})*\s+(?:und|sowie)\s+(?:für\s+)?{_NAME})?"
_TAIL = rf"(?P<tail>\s+(?:für|der|des)\s+(?:den\s+|die\s+|das\s+)?{_LIST})"
_LAND_TAIL = rf"(?P<land>\s+(?:des\s+(?:Landes|Freistaate?s)\s+)?(?:{_LAND_NAMES})\b)"
MINISTRY = re.compile(rf"(?:{_LAND_ADJ}\s+)?{_HEAD}{_TAIL}?{_LAND_TAIL}?")

# --------------------------------------------------------------------------- courts with a seat

COURT_TYPES: dict[str, str] = {
    "LSG": "Landessozialgericht",
    "SG": "Sozialgericht",
    "LAG": "Landesarbeitsgericht",
    "ArbG": "Arbeitsgericht",
    "OLG": "Oberlandesgericht",
    "LG": "Landgericht",
    "AG": "Amtsgericht",
    "OVG": "Oberverwaltungsgericht",
    "VGH": "Verwaltungsgerichtshof",
    "VG": "Verwaltungsgericht",
    "FG": "Finanzgericht",
    "KG": "Kammergericht",
    "LVerfG": "Landesverfassungsgericht",
}
_COURT_WORDS = sorted(
    {
        *COURT_TYPES.values(),
        "Truppendienstgericht",
        "Verfassungsgerichtshof",
        "Staatsgerichtshof",
        "Familiengericht",
        "Vormundschaftsgericht",
    },
    key=len,
    reverse=True,
)
_COURT_FULL = r"(?P<court>" + "|".join(_COURT_WORDS) + r")(?:e?s)?"
# abbreviations only with a seat ("AG" alone is a company form, "SG" alone too vague)
_COURT_ABBR = r"(?P<abbr>" + "|".join(sorted(COURT_TYPES, key=len, reverse=True)) + r")"
COURT = re.compile(rf"(?:{_LAND_ADJ}\s+)?(?:{_COURT_FULL}|{_COURT_ABBR}(?=\s))(?:\s+{_SEAT})?\b\.?")

# --------------------------------------------------------------------------- Kreise, Städte, Regionen

_KREIS = (
    r"(?P<kind>Landkreis(?:es)?|Kreis(?:es)?|Stadt|Städteregion|Region|Gemeinde|Samtgemeinde|Hansestadt"
    r"|Universitätsstadt|Kreisfreien?\s+Stadt|Großen?\s+Kreisstadt|Kreisstadt)"
)
PLACE = re.compile(rf"\b{_KREIS}\s+{_SEAT}|\b(?P<compound>[{_UP}][\wäöüß]+(?:-[{_UP}][\wäöüß]+)*-Kreis)(?:es)?\b")

# --------------------------------------------------------------------------- dates and periods

MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
_MONTH = "(?P<month>" + "|".join(MONTHS) + ")"
_DAY_NUM = r"(?P<d>0?[1-9]|[12]\d|3[01])\.\s?(?P<m>0?[1-9]|1[0-2])\.\s?(?P<y>(?:19|20)\d{2})"
_DAY_WORD = rf"(?P<dw>0?[1-9]|[12]\d|3[01])\.\s+{_MONTH}(?:\s+(?P<yw>(?:19|20)\d{{2}}))?"
DATE = re.compile(rf"\b(?:{_DAY_NUM}|{_DAY_WORD})\b")
MONTH_YEAR = re.compile(rf"(?<![\d.]\s)(?<!\d\.)\b{_MONTH}\s+(?P<y>(?:19|20)\d{{2}})\b")
YEAR_PERIOD = re.compile(
    r"\b(?:(?:Haushalts|Kalender|Geschäfts|Berichts)?[Jj]ahr(?:e|es)?|für|im|ab|bis|seit|Ende|Anfang|Mitte|"
    r"zwischen|von)\s+(?P<y1>(?:19|20)\d{2})(?:\s*(?:bis|und|–|-|/)\s*(?P<y2>(?:19|20)\d{2}))?\b"
)
_NUMBER_WORDS = {
    "ein": 1,
    "einen": 1,
    "einem": 1,
    "eines": 1,
    "einer": 1,
    "eine": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "achtzehn": 18,
    "vierundzwanzig": 24,
    "sechsunddreißig": 36,
}
_UNITS = {
    "tag": "Tage",
    "woche": "Wochen",
    "monat": "Monate",
    "kalendermonat": "Kalendermonate",
    "jahr": "Jahre",
    "kalenderjahr": "Kalenderjahre",
    "quartal": "Quartale",
}
DURATION = re.compile(
    r"\b(?P<n>\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")\s+(?P<unit>(?:Kalender)?(?:Tag|Woche|Monat|Jahr)"
    r"(?:e|en|es|s|n)?|Quartale?n?)\b"
)


def _adjective_canonical(adj: str | None, neuter: bool) -> str:
    """ "Niedersächsischen" → "Niedersächsisches" (neuter) / "Niedersächsische" (feminine)."""
    if not adj:
        return ""
    if adj in ("Thüringer", "Berliner"):
        return adj + " "
    stem = re.sub(r"e[nmrs]?$", "", adj)
    return stem + ("es " if neuter else "e ") if stem.endswith("isch") else adj + " "


def _ministry_head(head: str) -> str:
    if head.endswith("ien"):
        return head[:-3] + "ium"
    if head.endswith("iums"):
        return head[:-1]
    return re.sub(r"en$", "", head) if head.startswith(("Senatsverwaltung", "Staatskanzlei")) else head


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace(" ,", ",").strip()


def ministries(text: str) -> Iterator[Candidate]:
    for m in MINISTRY.finditer(text):
        head = m.group("head")
        if not (m.group("adj") or m.group("tail") or m.group("land")) and head[0] == "M":
            continue  # a bare "das Ministerium" names no one
        neuter = "ministeri" in head.lower()
        canonical = (
            _adjective_canonical(m.group("adj"), neuter)
            + _ministry_head(head)
            + (m.group("tail") or "")
            + (m.group("land") or "")
        )
        yield Candidate(EntityLabel.MINISTERIUM, m.start(), m.end(), _squash(canonical))


def _good_seat(seat: str | None) -> bool:
    if not seat:
        return False
    word = seat.split()[0]
    if word in _NOT_A_SEAT:
        return False
    return "-" in word or len(word) <= 2 or not _NOUNISH.search(word) or word in _KNOWN_SEATS


_KNOWN_SEATS = frozenset(
    {
        "Bremen",
        "Essen",
        "Hagen",
        "Siegen",
        "Hessen",
        "Sachsen",
        "Niedersachsen",
        "Baden",
        "Kempten",
        "Bayreuth",
        "Gießen",
        "Minden",
        "Aachen",
        "Dresden",
        "Hannover",
        "Hameln",
    }
)


def courts(text: str) -> Iterator[Candidate]:
    for m in COURT.finditer(text):
        seat = m.group("seat")
        has_seat = _good_seat(seat)
        if m.group("abbr") and not has_seat:
            continue
        court = COURT_TYPES[m.group("abbr")] if m.group("abbr") else m.group("court")
        end = m.end("seat") if has_seat else m.end("court") if m.group("court") else m.end()
        canonical = _adjective_canonical(m.group("adj"), neuter=not court.endswith("hof")) + court
        if has_seat:
            canonical += " " + seat
        yield Candidate(EntityLabel.GERICHT, m.start(), end, _squash(canonical))


def places(text: str) -> Iterator[Candidate]:
    for m in PLACE.finditer(text):
        if m.group("compound"):
            yield Candidate(EntityLabel.ORT, m.start(), m.end(), m.group("compound"))
            continue
        seat = m.group("seat")
        if not _good_seat(seat) or seat.endswith("."):
            continue
        kind = re.sub(r"\s+", " ", m.group("kind"))
        kind = re.sub(r"(?<=kreis)es$|(?<=Kreis)es$", "", kind)
        kind = re.sub(r"^Kreisfreien", "Kreisfreie", re.sub(r"^Großen", "Große", kind))
        yield Candidate(EntityLabel.ORT, m.start(), m.end("seat"), f"{kind} {seat}")


def dates(text: str) -> Iterator[Candidate]:
    for m in DATE.finditer(text):
        if m.group("d"):
            canonical = f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
        else:
            month = MONTHS.index(m.group("month")) + 1
            year = m.group("yw")
            canonical = (
                f"{year}-{month:02d}-{int(m.group('dw')):02d}" if year else f"--{month:02d}-{int(m.group('dw')):02d}"
            )
        yield Candidate(EntityLabel.DATUM, m.start(), m.end(), canonical)
    for m in MONTH_YEAR.finditer(text):
        yield Candidate(
            EntityLabel.ZEITRAUM, m.start(), m.end(), f"{m.group('y')}-{MONTHS.index(m.group('month')) + 1:02d}"
        )
    for m in YEAR_PERIOD.finditer(text):
        y1, y2 = m.group("y1"), m.group("y2")
        yield Candidate(
            EntityLabel.ZEITRAUM, m.start("y1"), m.end("y2") if y2 else m.end("y1"), f"{y1}/{y2}" if y2 else y1
        )
    for m in DURATION.finditer(text):
        n = m.group("n")
        count = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        unit_word = m.group("unit").lower()
        base = next((u for u in sorted(_UNITS, key=len, reverse=True) if unit_word.startswith(u)), None)
        if base is None:
            continue
        yield Candidate(EntityLabel.ZEITRAUM, m.start(), m.end(), f"{count} {_UNITS[base]}")


FINDERS: dict[str, Callable[[str], Iterator[Candidate]]] = {
    "ministries": ministries,
    "courts": courts,
    "places": places,
    "dates": dates,
}
