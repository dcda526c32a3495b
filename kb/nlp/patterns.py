"""Open-class entities found by regular expressions over the whole text, with their canonical form.

Names with an open slot — "Landkreis Göttingen", "Niedersächsisches Ministerium für Soziales,
Gesundheit und Gleichstellung", "LSG Niedersachsen-Bremen", "1. Januar 2024" — cannot be listed.
Each finder searches ``doc.text`` for a cheap anchor (a head word, a court, a year, a time unit)
and only then looks left (Land adjective, number) and right (name, seat): a regex that starts with
an optional alternation is tried at every character and costs more than the whole tokenizer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kb.citations.grammar import MONTH_NAMES
from kb.model import EntityLabel

from .gazetteer import LAND_ADJECTIVES


@dataclass(frozen=True, slots=True)
class Candidate:
    label: EntityLabel
    start: int  # character offsets into the text
    end: int
    canonical: str


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UP = "A-ZÄÖÜ"
_LO = "a-zäöüß"
# "Niedersächsischen", "Thüringer" / "Berliner" (indeclinable) — right before an anchor
_LAND_ADJ_STEMS = sorted((a for a in LAND_ADJECTIVES if not a.endswith("er")), key=len, reverse=True)
LAND_ADJ_BEFORE = re.compile(
    r"(?<![\w-])(?P<adj>(?:" + "|".join(a[0].upper() + a[1:] for a in _LAND_ADJ_STEMS)
    + r")(?:e[nmrs]?)?|Thüringer|Berliner)\s+$"
)
_LAND_NAMES = "|".join(re.escape(v) for v in sorted(set(LAND_ADJECTIVES.values()), key=len, reverse=True))

# a seat / place name after a court or "Landkreis": "Göttingen", "Niedersachsen-Bremen",
# "Frankfurt am Main", "Halle (Saale)", anonymised "O."
_RIVERS = ("Main|Oder|Rhein|Ruhr|Saale|Breisgau|Donau|Lech|Inn|Elbe|Neckar|Havel|Weser|Oberpfalz|Mosel|Lahn|Fils|Isar"
           "|Taunus|Harz|Allgäu|Sauerland|Schwarzwald|Westerwald|Spreewald|Vogtland|Dill|Ems|Leine|Aller|Ilm|Pegnitz")
SEAT_AFTER = re.compile(
    rf"\s+(?P<seat>[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)*(?:\s+(?:am|an\s+der|im|in\s+der)\s+(?:{_RIVERS})\b)?"
    rf"(?:\s+\((?:{_RIVERS})\))?|[{_UP}]\.(?!\w))"
)
# capitalised words that follow a court or Kreis but are no seat
NOT_A_SEAT = _words("""
Der Die Das Dem Den Des Ein Eine Einen Einem Eines Im In Nach Mit Auf Bei Von Vom Zur Zum Für Gegen Aus Als Am An Ab
Abs Satz Nr Art Rz Rn Urteil Urt Beschluss Beschl Az Aktenzeichen Entscheidung Gericht Verfahren Kläger Klägerin
Beklagte Beklagten Antrag Anträge Rechtsprechung Auffassung Ansicht Recht Sache Senat Kammer Frage Fall Fälle
Bund Land Länder Kommune Kommunen Leistungen Leistung Träger Jobcenter Es Er Sie Dies Diese Dieser Dieses Hier
Insoweit Soweit Sofern Wenn Dass Daher Deshalb Zudem Ferner Auch Zwar Aber Jedoch Hinsichtlich Bezüglich Beweis
Kosten Klage Berufung Revision Beschwerde Termin Zeit Jahr Jahre Prozent Euro Mitglieder Mitarbeiter
""")
_NOUNISH = re.compile(r"(?:ung|heit|keit|schaft|tion|tät|nis|ismus|recht|urteil|verfahren|ungen|heiten|keiten)$")
KNOWN_SEATS = _words("Bremen Essen Hagen Siegen Kempten Bayreuth Gießen Minden Aachen Hannover Hameln Bochum Gotha")


def good_seat(seat: str | None) -> bool:
    """Is this capitalised word plausibly a place (not a noun that happens to follow)?"""
    if not seat:
        return False
    word = seat.split()[0]
    if word in NOT_A_SEAT:
        return False
    return "-" in word or word.endswith(".") or word in KNOWN_SEATS or not _NOUNISH.search(word)


def _word_start(text: str, i: int) -> int:
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "-"):
        i -= 1
    return i


def _land_adjective(text: str, start: int) -> re.Match[str] | None:
    return LAND_ADJ_BEFORE.search(text, max(0, start - 40), start)


def _adjective_canonical(adj: str | None, neuter: bool) -> str:
    """"Niedersächsischen" → "Niedersächsisches " (neuter) / "Niedersächsische " (feminine)."""
    if not adj:
        return ""
    stem = re.sub(r"e[nmrs]?$", "", adj)
    if not stem.endswith("isch"):
        return adj + " "  # "Thüringer", "Berliner"
    return stem + ("es " if neuter else "e ")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace(" ,", ",").strip()


# --------------------------------------------------------------------------- ministries

MINISTRY_HEAD = re.compile(r"inisteri(?:ums|um|en)\b|Senatsverwaltung(?:en)?\b|Staatskanzlei(?:en)?\b")
_NAME = rf"(?:[{_LO}]+(?:e|en|er|es)\s+)?[{_UP}][\w]*(?:-\s?(?:und\s+)?[{_UP}][\w]*)*"
_LIST = rf"{_NAME}(?:(?:\s*,\s*{_NAME})*\s+(?:und|sowie)\s+(?:für\s+)?{_NAME})?"
MINISTRY_TAIL = re.compile(rf"\s+(?:für|der|des)\s+(?:den\s+|die\s+|das\s+)?{_LIST}")
LAND_TAIL = re.compile(rf"\s+(?:des\s+(?:Landes|Freistaate?s)\s+)?(?:{_LAND_NAMES})\b")


def _ministry_head(head: str) -> str:
    if head.endswith("ien"):
        return head[:-3] + "ium"
    if head.endswith("iums"):
        return head[:-1]
    return re.sub(r"en$", "", head) if head.startswith(("Senatsverwaltung", "Staatskanzlei")) else head


def ministries(text: str) -> Iterator[Candidate]:
    for m in MINISTRY_HEAD.finditer(text):
        start = _word_start(text, m.start())
        head = text[start:m.end()]
        if not head[:1].isupper():
            continue
        tail = MINISTRY_TAIL.match(text, m.end())
        end = tail.end() if tail else m.end()
        land = LAND_TAIL.match(text, end)
        end = land.end() if land else end
        adj = _land_adjective(text, start)
        if not (adj or tail or land) and head.startswith("Minister"):
            continue  # a bare "das Ministerium" names no one
        begin = adj.start() if adj else start
        neuter = "ministeri" in head.lower()
        canonical = _adjective_canonical(adj.group("adj") if adj else None, neuter) + _ministry_head(head)
        canonical += text[m.end():end]
        yield Candidate(EntityLabel.MINISTERIUM, begin, end, _squash(canonical))


# --------------------------------------------------------------------------- authorities with a long name

AUTHORITY_HEAD = re.compile(r"amt(?:es|s)?\b|anstalt\b|Bezirksregierung\b|Regierungspräsidium\b|Landesdirektion\b")
AUTHORITY_TAIL = re.compile(rf"\s+für\s+(?:den\s+|die\s+|das\s+)?{_LIST}")


def authorities(text: str) -> Iterator[Candidate]:
    """"Landesamt für Soziales, Jugend und Versorgung Rheinland-Pfalz", "Bundesanstalt für …",
    "Bezirksregierung Münster" — a head word with "für …" or a seat; listed names are gazetteer terms."""
    for m in AUTHORITY_HEAD.finditer(text):
        start = _word_start(text, m.start())
        head = text[start:m.end()]
        if not head[:1].isupper():
            continue
        tail = AUTHORITY_TAIL.match(text, m.end())
        if tail is not None:
            end = tail.end()
            land = LAND_TAIL.match(text, end)
            end = land.end() if land else end
        elif head.startswith(("Bezirksregierung", "Regierungspräsidium", "Landesdirektion")):
            seat = SEAT_AFTER.match(text, m.end())
            if seat is None or not good_seat(seat.group("seat")):
                continue
            end = seat.end()
        else:
            continue
        canonical = re.sub(r"(?<=amt)e?s$", "", head) + text[m.end():end]
        yield Candidate(EntityLabel.BEHOERDE, start, end, _squash(canonical))


# --------------------------------------------------------------------------- courts with a seat

COURT_TYPES: dict[str, str] = {
    "LSG": "Landessozialgericht", "SG": "Sozialgericht", "LAG": "Landesarbeitsgericht", "ArbG": "Arbeitsgericht",
    "OLG": "Oberlandesgericht", "LG": "Landgericht", "AG": "Amtsgericht", "OVG": "Oberverwaltungsgericht",
    "VGH": "Verwaltungsgerichtshof", "VG": "Verwaltungsgericht", "FG": "Finanzgericht", "KG": "Kammergericht",
    "LVerfG": "Landesverfassungsgericht",
}
_COURT_WORDS = sorted({*COURT_TYPES.values(), "Truppendienstgericht", "Verfassungsgerichtshof", "Staatsgerichtshof",
                       "Familiengericht"}, key=len, reverse=True)
# two literal alternations (the engine's prefix scan; one mixed alternation is ten times slower);
# the left word boundary is checked in code
COURT_WORD = re.compile(r"(?P<court>" + "|".join(_COURT_WORDS) + r")(?:es|s)?\b")
COURT_ABBR = re.compile(r"(?P<abbr>" + "|".join(sorted(COURT_TYPES, key=len, reverse=True)) + r")\b")


def courts(text: str) -> Iterator[Candidate]:
    for m in [*COURT_WORD.finditer(text), *COURT_ABBR.finditer(text)]:
        if m.start() and text[m.start() - 1].isalnum():
            continue
        abbr = m.groupdict().get("abbr")
        seat_m = SEAT_AFTER.match(text, m.end())
        seat = seat_m.group("seat") if seat_m else None
        has_seat = good_seat(seat)
        if abbr and not has_seat:
            continue  # "AG" alone is a company form, "SG" alone too vague
        court = COURT_TYPES[abbr] if abbr else m.group("court")
        adj = _land_adjective(text, m.start())
        canonical = _adjective_canonical(adj.group("adj") if adj else None, neuter=not court.endswith("hof")) + court
        if has_seat and seat_m:
            canonical += " " + seat
        end = seat_m.end() if has_seat and seat_m else m.end()
        yield Candidate(EntityLabel.GERICHT, adj.start() if adj else m.start(), end, _squash(canonical))


# --------------------------------------------------------------------------- Kreise, Städte, Regionen

PLACE_KIND = re.compile(
    r"(?P<kind>Landkreis(?:es)?|Kreis(?:es)?|Stadt|Städteregion|Region|Gemeinde|Samtgemeinde|Hansestadt"
    r"|Universitätsstadt|Kreisstadt)\b"
)
KREIS_COMPOUND = re.compile(r"-Kreis(?:es)?\b")


def places(text: str) -> Iterator[Candidate]:
    for m in [*PLACE_KIND.finditer(text), *KREIS_COMPOUND.finditer(text)]:
        kind = m.groupdict().get("kind")
        if kind is not None and m.start() and text[m.start() - 1].isalnum():
            continue
        if kind is None:  # "Rhein-Sieg-Kreis", "Märkischer Kreis" is a gazetteer matter
            start = _word_start(text, m.start())
            if start < m.start() and text[start].isupper():
                yield Candidate(EntityLabel.ORT, start, m.end(), re.sub(r"es$", "", text[start:m.end()]))
            continue
        seat_m = SEAT_AFTER.match(text, m.end())
        if seat_m is None or not good_seat(seat_m.group("seat")) or seat_m.group("seat").endswith("."):
            continue
        kind = re.sub(r"(?<=[Kk]reis)es$", "", kind)
        start = m.start()
        prefix = re.search(r"(?:Kreisfreie[n]?|Große[n]?)\s+$", text[max(0, start - 12):start])
        if prefix:
            start -= len(prefix.group(0))
            kind = re.sub(r"n$", "", prefix.group(0).split()[0]) + " " + kind
        yield Candidate(EntityLabel.ORT, start, seat_m.end(), f"{kind} {seat_m.group('seat')}")


# --------------------------------------------------------------------------- dates and periods

MONTHS = MONTH_NAMES
_MONTH = "(?P<month>" + "|".join(MONTHS) + ")"
# anchored on the digits (a leading look-behind or alternation would be tried at every character);
# the left context is checked in code
DATE = re.compile(
    rf"(?P<d>\d{{1,2}})\.(?:\s?(?P<m>\d{{1,2}})\.\s?(?P<y>(?:19|20)\d{{2}})(?!\d)"
    rf"|\s+{_MONTH}(?:\s+(?P<yw>(?:19|20)\d{{2}})(?!\d))?\b)"
)
MONTH_YEAR = re.compile(rf"{_MONTH}\s+(?P<y>(?:19|20)\d{{2}})(?!\d)")
YEAR = re.compile(r"(?P<y1>(?:19|20)\d{2})(?:\s*(?:bis|und|–|-|/)\s*(?P<y2>(?:19|20)\d{2}))?(?![\d,]|\.\d)")
YEAR_CONTEXT = re.compile(
    r"(?:\b(?:Haushalts|Kalender|Geschäfts|Berichts)?[Jj]ahr(?:e|es)?|\b(?:für|im|ab|bis|seit|Ende|Anfang|Mitte"
    r"|zwischen|von|vom|Jahren?))\s+$"
)
_NUMBER_WORDS = {"ein": 1, "einen": 1, "einem": 1, "eines": 1, "einer": 1, "eine": 1, "zwei": 2, "drei": 3,
                 "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11,
                 "zwölf": 12, "achtzehn": 18, "vierundzwanzig": 24, "sechsunddreißig": 36}
UNIT = re.compile(r"(?:Kalendertag|Kalendermonat|Kalenderjahr|Tag|Woche|Monat|Jahr|Quartal)(?:en|es|e|s|n)?\b")
NUMBER_BEFORE = re.compile(r"(?<![\w.])(?P<n>\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")\s+$")
_UNITS = {"tag": "Tage", "kalendertag": "Kalendertage", "woche": "Wochen", "monat": "Monate",
          "kalendermonat": "Kalendermonate", "jahr": "Jahre", "kalenderjahr": "Kalenderjahre", "quartal": "Quartale"}
_UNIT_SINGULAR = {plural: plural[:-1] for plural in _UNITS.values()}  # "Wochen" → "Woche", "Tage" → "Tag"


def _glued_left(text: str, i: int, chars: str) -> bool:
    return i > 0 and (text[i - 1].isdigit() or text[i - 1] in chars)


def dates(text: str) -> Iterator[Candidate]:
    date_ends: set[int] = set()
    for m in DATE.finditer(text):
        day = int(m.group("d"))
        if not 1 <= day <= 31 or _glued_left(text, m.start(), ".,/"):
            continue
        if m.group("m") and not 1 <= int(m.group("m")) <= 12:
            continue
        date_ends.add(m.end())
        if m.group("m"):
            canonical = f"{m.group('y')}-{int(m.group('m')):02d}-{day:02d}"
        else:
            month = MONTHS.index(m.group("month")) + 1
            year = m.group("yw")
            canonical = f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
        yield Candidate(EntityLabel.DATUM, m.start(), m.end(), canonical)
    for m in MONTH_YEAR.finditer(text):
        if m.end() in date_ends or (m.start() and text[m.start() - 1].isalnum()):
            continue  # the month and year of a full date
        yield Candidate(EntityLabel.ZEITRAUM, m.start(), m.end(),
                        f"{m.group('y')}-{MONTHS.index(m.group('month')) + 1:02d}")
    for m in YEAR.finditer(text):
        if _glued_left(text, m.start(), ".,/-") or text[m.start() - 1:m.start()].isalpha():
            continue
        if not YEAR_CONTEXT.search(text, max(0, m.start() - 25), m.start()):
            continue  # a bare four-digit number may be anything (an amount, a page)
        y1, y2 = m.group("y1"), m.group("y2")
        yield Candidate(EntityLabel.ZEITRAUM, m.start(), m.end(), f"{y1}/{y2}" if y2 else y1)
    for m in UNIT.finditer(text):
        if m.start() == 0 or not text[m.start() - 1].isspace() or (m.start() > 1 and text[m.start() - 2] == "-"):
            continue
        num = NUMBER_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if num is None:
            continue
        n = num.group("n")
        count = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        unit_word = m.group(0).lower()
        base = next(u for u in sorted(_UNITS, key=len, reverse=True) if unit_word.startswith(u))
        unit = _UNITS[base] if count != 1 else _UNIT_SINGULAR[_UNITS[base]]
        yield Candidate(EntityLabel.ZEITRAUM, num.start(), m.end(), f"{count} {unit}")


FINDERS: dict[str, Callable[[str], Iterator[Candidate]]] = {
    "ministries": ministries, "authorities": authorities, "courts": courts, "places": places, "dates": dates,
}
