"""Court decisions and parliamentary papers: the part of ``find`` that parses them.

A decision citation is a *head* (court, type of decision, Spruchkörper, date — each optional, in the orders
courts and authors use), an *anchor* that identifies the decision (Aktenzeichen, ECLI, a reporter reference
or a reporter series' number: at least one is required) and a *tail* (more reporters, "juris", the Randnummern
cited, a place in the reasons)::

    BSG, Urteil vom 12.10.2016 – B 4 AS 4/16 R –, Rn. 23
    BAG 30. Januar 2024 - 1 AZR 62/23 - Rn. 12
    BVerfGE 125, 175 <Rn. 12>
    BSG SozR 4-4200 § 22 Nr 5

A bare Aktenzeichen is a citation only in a frame ("vom 27. Mai 2014 -", "Az.") or after a court named
shortly before it ("hat das BSG entschieden (B 4 AS 4/16 R)"), whose court it then takes. Nothing here ever
yields a norm: "1 BvL 7/16" or "SozR 4-4200 § 22 Nr 5" inside a decision citation are part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.citations import courts
from kb.citations import grammar as g
from kb.model import Citation, CitationKind, DecisionTarget

_MAX_RANGE = 30  # "Rn. 16 - 18" expands to every Randnummer; longer ranges keep their start only
_MAX_HEAD = 8  # head items before the anchor: court, type, two benches, date, "Az." and a little slack


@dataclass(slots=True)
class _Parts:
    """What a decision citation says, filled in as the parser walks it."""

    court: str | None = None
    doctype: str | None = None
    date: str | None = None
    docket: str | None = None
    ecli: str | None = None
    reporter: str | None = None
    rns: list[str] = field(default_factory=list)
    # further decisions of the same collection, with their Randnummern: "BVerfGE 5, 22; 62, 392", "SozR … Nr 14, 21"
    more: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def anchored(self) -> bool:
        return bool(self.docket or self.ecli or self.reporter)

    def targets(self) -> tuple[DecisionTarget, ...]:
        own = [DecisionTarget(self.court, self.docket, self.date, self.doctype, self.ecli, self.reporter, rn)
               for rn in (dict.fromkeys(self.rns) or (None,))]
        return (*own, *(DecisionTarget(self.court, reporter=reporter, rn=rn) for reporter, rn in self.more))


def decision_at(text: str, start: int, kind: str, floor: int) -> Citation | None:
    """The decision citation that starts at a trigger of ``kind`` — "court", "doctype", "ecli", "reporter" or
    "docket" — or None. ``floor``: where the previous citation ended (nothing before it is taken)."""
    parts = _Parts()
    begin = start
    dashed, opened = False, None
    if kind == "docket":
        frame = g.DOCKET_FRAME.search(text, max(floor, start - 40), start)
        if frame is not None:
            if frame.group("date"):
                parts.date = _iso(g.DECISION_DATE.match(frame.group("date")))
            dashed = frame.group("dash") is not None
            begin = start if frame.group("paren") else frame.start()
        end = _anchor(text, start, parts)
        if end is None:
            return None
        court = _court_before(text, begin, parts.docket or "")
        if court is None and frame is None:
            return None
        parts.court = court
    elif kind == "reporter" and _article(text, start, floor):
        return None
    elif kind in ("ecli", "reporter"):
        end = _anchor(text, start, parts)
    else:
        if kind == "court":
            court = _court(text, start, floor)
            if court is None:
                return None
            parts.court, begin, pos = court
            pos = _after_court(text, pos, parts)
        else:
            pos = start
        found = _head(text, pos, parts)
        if found is None:
            return None
        end, opened = found
        dashed = opened in g.DASHES
        if parts.court is None and parts.docket:
            parts.court = _court_before(text, begin, parts.docket)
    if end is None or not parts.anchored:
        return None
    end = _tail(text, end, parts, dashed=dashed)
    if kind in ("court", "doctype") and opened == "(":  # "Thüringer LSG (L 3 AL 229/00)": with its bracket
        close = g.CLOSE["("].match(text, end)
        if close is None:
            return None
        end = close.end()
    return Citation(CitationKind.DECISION, begin, end, text[begin:end], parts.targets())


def dockets(text: str) -> list[re.Match[str]]:
    """Every Aktenzeichen-shaped stretch of ``text`` (a trigger: whether it is cited is for ``decision_at``)."""
    cores = [m.start() for m in g.DOCKET_DOT_CORE.finditer(text)]
    if "/" in text:  # most sentences have none: skip the pass
        cores += [m.start() for m in g.DOCKET_SLASH_CORE.finditer(text)]
        cores.sort()
    out: list[re.Match[str]] = []
    last = -1
    for at in cores:
        for m in g.DOCKET.finditer(text, max(last + 1, at - g.DOCKET_REACH), at + 1 + g.DOCKET_REACH):
            if m.start() <= at < m.end():
                last = m.start()
                out.append(m)
                break
    return out


def _article(text: str, start: int, floor: int) -> bool:
    """A journal reference after an author ("Schnapp, SGb 2015, 61") cites an article; official collections
    ("BSGE 100, 1") only ever print decisions."""
    m = g.REPORTER.match(text, start)
    if m is None or not m.group("journal"):
        return False
    author = g.AUTHOR_BEFORE.search(text, max(floor, start - 60), start)
    return author is not None and author.group("name") not in courts.NAMES and not g.DOCTYPE.fullmatch(
        author.group("name"))


def paper_at(text: str, start: int) -> Citation | None:
    """A parliamentary paper ("BT-Drs. 17/1555, S. 20"): recognised so that nothing else is read into it."""
    m = g.PAPER.match(text, start)
    return Citation(CitationKind.PAPER, start, m.end(), m.group()) if m is not None else None


# ---------------------------------------------------------------------------- head


def _court(text: str, at: int, floor: int) -> tuple[str, int, int] | None:
    """(court as cited, where its name starts — a Land's adjective included —, end) of a court named at ``at``."""
    m = g.COURT.match(text, at)
    if m is None:
        return None
    name = m.group("name")
    abbr = courts.NAMES[" ".join(name.split())]
    seated = abbr in courts.SEATED
    seat = m.group("seat") if seated else None
    if abbr in courts.NEEDS_SEAT and not seat:
        return None  # "AG" alone: an Aktiengesellschaft as often as an Amtsgericht
    adjective = g.COURT_ADJECTIVE.search(text, max(floor, at - 40), at) if seated else None
    court = courts.abbreviation(name, adjective=adjective.group("adj") if adjective else None, seat=seat)
    return court, adjective.start() if adjective else at, m.end() if seat else m.end("name")


def _after_court(text: str, pos: int, parts: _Parts) -> int:
    """What may stick to a court's name: "Bundesfinanzhofs (BFH)", "BVerfG < Kammer >", "BFH-Urteil"."""
    for pattern in (g.COURT_ABBREVIATION, g.BENCH_BRACKET):
        m = pattern.match(text, pos)
        if m is not None:
            pos = m.end()
    if text.startswith("-", pos) and (kind := g.DOCTYPE.match(text, pos + 1)) is not None:
        parts.doctype = _doctype(kind.group("doctype"))
        pos = kind.end()
    return pos


def _head(text: str, pos: int, parts: _Parts) -> tuple[int, str | None] | None:
    """Walk head items up to the anchor; (end of the anchor, the separator that opened it) or None."""
    for _ in range(_MAX_HEAD):
        sep = g.HEAD_SEPARATOR.match(text, pos)
        at, opened = sep.end(), sep.group("sep")  # type: ignore[union-attr]  # always matches
        end = _anchor(text, at, parts)
        if end is not None:
            return end, opened
        m = g.HEAD_ITEM.match(text, at)
        if m is None:
            return None
        if m.group("of"):  # "Urteil des Bundessozialgerichts", "des Hessischen Landessozialgerichts"
            adjective = g.COURT_ADJECTIVE_AHEAD.match(text, m.end())
            court = _court(text, adjective.end() if adjective else m.end(), m.end()) if parts.court is None else None
            if court is None:
                return None
            parts.court, _, pos = court
            pos = _after_court(text, pos, parts)
            continue
        if m.group("doctype"):
            if parts.doctype is not None:
                return None
            parts.doctype = _doctype(m.group("doctype"))
        elif m.group("date"):
            if parts.date is not None:
                return None
            parts.date = _iso(m)
        pos = m.end()
    return None


_DOCTYPE_FORMS = {"Urt.": "Urteil", "Beschl.": "Beschluss", "Gerichtsbesch.": "Gerichtsbescheid"}
_DOCTYPE_ENDING = re.compile(r"(?<=[Uu]rteil)(?:s|en?)$|(?<=[Bb]escheid)(?:s|es|en?)$|(?<=Entscheidung)en$")


def _doctype(raw: str) -> str:
    """The type in its full singular form: "Urt." → "Urteil", "Beschlüsse" → "Beschluss", "Vorlagebeschluss" kept."""
    if raw in _DOCTYPE_FORMS:
        return _DOCTYPE_FORMS[raw]
    raw = re.sub(r"([Bb]eschl)(?:usses|üssen?)$", r"\1uss", raw)
    return _DOCTYPE_ENDING.sub("", raw)


def _iso(m: re.Match[str] | None) -> str | None:
    if m is None:
        return None
    month = int(m.group("m")) if m.group("m") else g.MONTH_NUMBER[m.group("month").rstrip(".")]
    day = int(m.group("d"))
    return f"{m.group('y')}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def _court_before(text: str, begin: int, docket: str) -> str | None:
    """The court named last in the stretch before ``begin`` (same paragraph), if the docket can be its."""
    lo = max(0, begin - g.COURT_BEFORE_WINDOW)
    paragraph = text.rfind("\n\n", lo, begin)
    lo = paragraph + 2 if paragraph != -1 else lo
    found = None
    for m in g.COURT.finditer(text, lo, begin):
        if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-/"):
            found = m
    if found is None:
        return None
    court = _court(text, found.start(), lo)
    return court[0] if court is not None and courts.fits(court[0], docket) else None


# ---------------------------------------------------------------------------- anchor and tail


def _anchor(text: str, at: int, parts: _Parts) -> int | None:
    """An Aktenzeichen, ECLI or reporter reference at ``at``: record it, return its end."""
    m = g.ANCHOR.match(text, at)
    if m is None:
        return None
    if m.group("docket"):
        docket = " ".join(m.group("docket").split())
        parts.docket = re.sub(r"^([CTF]) ?- ?", r"\1-", docket)  # EU: "C - 283/81" → "C-283/81"
        appendix = g.DOCKET_APPENDIX.match(text, m.end())
        return appendix.end() if appendix is not None else m.end()
    if m.group("ecli"):
        _ecli(m, parts)
        return m.end()
    if m.group("series") or m.group("ap"):
        return _series(text, m, parts)
    return _reporter(text, m, parts)


def _ecli(m: re.Match[str], parts: _Parts) -> None:
    parts.ecli = parts.ecli or re.sub(r"\s+", "", m.group())
    parts.court = parts.court or courts.NAMES.get(m.group("ecli_court"), m.group("ecli_court"))


def _reporter(text: str, m: re.Match[str], parts: _Parts) -> int:
    """"BVerfGE 125, 175 (190)", "NJW 2019, 1234, 1236 f.", "BVerfGE 5, 22 <24>; 62, 392 <397>"."""
    name = " ".join((m.group("name") or m.group("journal")).split())
    if m.group("name"):
        ref = f"{name} {m.group('volume')}, {m.group('page')}"
    else:
        ref = f"{name} {m.group('year')}, {m.group('jpage')}"
    parts.reporter = parts.reporter or ref
    end = _pins(text, m.end(), parts.rns)
    while m.group("name") and (more := g.REPORTER_MORE.match(text, end)) is not None:
        rns: list[str] = []
        end = _pins(text, more.end(), rns)
        ref = f"{name} {more.group('volume')}, {more.group('page')}"
        parts.more += [(ref, rn) for rn in (dict.fromkeys(rns) or (None,))]
    return end


def _series(text: str, m: re.Match[str], parts: _Parts) -> int:
    """"SozR 4-4200 § 22 Nr 5", "BSG SozR 1500 § 160a Nr 14, 21 und 67": a series reference, and further
    numbers under the same § (each another decision)."""
    ref = re.sub(r"(?<=\d) ?- ?(?=\d)", "-", " ".join(m.group().split()))  # "SozR 4 - 2700" → "SozR 4-2700"
    parts.reporter = parts.reporter or ref
    end = m.end()
    if m.group("snr"):
        head = ref[:len(ref) - len(m.group("snr"))]
        while (more := g.SERIES_MORE.match(text, end)) is not None:
            parts.more.append((head + more.group("snr"), None))
            end = more.end()
    return _pins(text, end, parts.rns)


def _pins(text: str, pos: int, rns: list[str]) -> int:
    """Pin pages and Randnummern after a reporter reference: ", 293 f.", "(190)", "< 100 Rn. 71 >", "<Rn. 12>",
    ", Nr. 86"."""
    while True:
        m = g.PIN.match(text, pos)
        if m is not None:
            pos = m.end()
            continue
        listed = _rn_list(text, pos, g.PIN_RN_KEYWORD)  # "GRUR 2012, 1139, Nr. 23"
        if listed is not None:
            rns += listed[0]
            pos = listed[1]
            continue
        bracket = g.PIN_OPEN.match(text, pos)
        if bracket is None:
            return pos
        inner = bracket.end()
        pages = g.PIN_PAGES.match(text, inner)
        inner = pages.end() if pages is not None else inner
        listed = _rn_list(text, inner, g.PIN_RN_KEYWORD)
        inner = listed[1] if listed is not None else inner
        close = g.CLOSE[bracket.group("open")].match(text, inner)
        if inner == bracket.end() or close is None:
            return pos
        if listed is not None:
            rns += listed[0]
        pos = close.end()


def _tail(text: str, pos: int, parts: _Parts, *, dashed: bool) -> int:
    """After the anchor: its closing dash, then reporters, series, the ECLI, "juris", Randnummern, a place in the
    reasons, the date — each after a comma, dash or "=", or in brackets. Stops before anything else."""
    if dashed and (close := g.CLOSING_DASH.match(text, pos)) is not None:
        pos = close.end()
    while True:
        at = g.TAIL_SEPARATOR.match(text, pos).end()  # type: ignore[union-attr]  # always matches
        filler = g.FILLER.match(text, at)
        if filler is not None:  # "Rn. 18 mwN, BAGE 147, 342" — but "Rn. 27 mwN)" ends before it
            at = g.TAIL_SEPARATOR.match(text, filler.end()).end()  # type: ignore[union-attr]
        end = _tail_item(text, at, parts)
        if end is None:
            name = g.DECISION_NAME.match(text, pos) if parts.reporter else None
            return name.end() if name is not None else pos
        pos = end


def _tail_item(text: str, at: int, parts: _Parts) -> int | None:
    start = g.TAIL_START.match(text, at)
    if start is None:
        return None
    kind = start.lastgroup
    if kind == "upper":
        if (m := g.ECLI.match(text, at)) is not None:
            _ecli(m, parts)
            return m.end()
        if (m := g.TAIL_REFERENCE.match(text, at)) is not None:
            return _series(text, m, parts) if m.group("series") or m.group("ap") else _reporter(text, m, parts)
        if (m := g.SOURCE.match(text, at)) is not None:  # "Juris"
            return m.end()
        listed = _rn_list(text, at)
        if listed is None:
            return None
        parts.rns += listed[0]
        return listed[1]
    if kind == "source" or kind == "section":
        m = (g.SOURCE if kind == "source" else g.SECTION).match(text, at)
        return m.end() if m is not None else None
    if kind == "date":  # "6 U 128/09 v. 8. Januar 2010"
        m = g.DECISION_DATE.match(text, at)
        if m is None:
            return None
        parts.date = parts.date or _iso(m)
        return m.end()
    # a bracket: "(BFHE 198, 1, BStBl II 2002, 306)", "[ECLI:…]"
    inside = _Parts()  # taken over only when the bracket closes after them
    pos = first = _skip(text, start.end())
    inner = _tail_item(text, pos, inside)
    while inner is not None:
        pos = inner
        inner = _tail_item(text, g.TAIL_SEPARATOR.match(text, pos).end(), inside)  # type: ignore[union-attr]
    close = g.CLOSE[start.group("bracket")].match(text, pos)
    if close is None or pos == first:
        return None
    parts.ecli, parts.court = parts.ecli or inside.ecli, parts.court or inside.court
    parts.reporter = parts.reporter or inside.reporter
    parts.rns += inside.rns
    parts.more += inside.more
    return close.end()


def _rn_list(text: str, pos: int, keyword: re.Pattern[str] = g.RN_KEYWORD) -> tuple[list[str], int] | None:
    """"Rn. 23", "Rn. 16, 18", "Rn. 46 - 48", "RdNr 17 f.", "Tz. 27": the Randnummern named, ranges expanded."""
    kw = keyword.match(text, pos)
    if kw is None:
        return None
    value = g.RZ_VALUE.match(text, _skip(text, kw.end()))
    if value is None:
        return None
    values, end = [value.group()], value.end()
    while True:
        at = _skip(text, end)
        follow = g.RN_FOLLOWING.match(text, at)
        if follow is not None:
            if follow.group().rstrip(".") == "f" and values[-1].isdigit():
                values.append(str(int(values[-1]) + 1))
            end = follow.end()
            continue
        sep = g.SEPARATOR.match(text, at)
        if sep is None or sep.group("list") == ";":
            break
        value = g.RZ_VALUE.match(text, _skip(text, sep.end()))
        if value is None or g.DOCKET.match(text, value.start()):
            break  # "Rn. 12, 2 BvR 1/20": the next decision
        first, last = values[-1], value.group()
        if sep.group("range") is not None:
            if not (first.isdigit() and last.isdigit() and 0 < int(last) - int(first) <= _MAX_RANGE):
                break
            values += [str(n) for n in range(int(first) + 1, int(last) + 1)]
        else:
            values.append(last)
        end = value.end()
    return values, end


def _skip(text: str, pos: int) -> int:
    return g.SP.match(text, pos).end()  # type: ignore[union-attr]  # SP always matches
