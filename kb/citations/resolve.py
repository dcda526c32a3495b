"""``resolve``: complete citations against the context they were written in, and give each a URL.

Rules (in the commentary on § 48b SGB II, i.e. ``Context("SGB 2", "48b", "sgb-2-48b")``):

* a relative reference ("Abs. 4", "Satz 2") takes its § — and the units above its own level — from
  the last norm cited earlier in the same sentence, else from the last one in the text that lies in
  the commented §, else from the commented § itself;
* in statute text (``units`` given: the spans of the § text's Absätze and Nummern) a relative reference
  takes them from where it stands, as statutes are drafted: "Satz 1 Nummer 2" in § 48b Abs. 1 is
  § 48b Abs. 1 Satz 1 Nr. 2, "Absatz 3" anywhere in § 48b is § 48b Abs. 3;
* a bookless § ("§ 6a") takes the law the same sentence names before it (the nearest), else a law named
  alone later in the sentence ("im Sinne des BGB"), else the work's law; "dieses Gesetzes" is the work's
  law, "a.a.O." / "ebd." the law named last before it;
* "Rz. 12 ff." is Rz. 12 and its followers in the same work; "§ 6a Rz. 5" the commentary on that §;
* every norm citation gets the gesetze-im-internet URL of its first target's § (``link`` replaces it
  with a knowledge-base URL where the caller knows one);
* court decisions and parliamentary papers stand on their own: nothing to complete, and no default URL
  (there is no general public address of a decision; ``link`` supplies the knowledge base's own).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from kb import laws, links
from kb.citations import grammar as g
from kb.citations.find import find
from kb.model import (
    Citation,
    CitationKind,
    DecisionTarget,
    NormTarget,
    RzNumber,
    RzTarget,
    Target,
    Unit,
    entry_id,
)


@dataclass(frozen=True, slots=True)
class Context:
    """Where a text stands: the law and § it comments on, and the work it belongs to."""

    law: str | None = None
    paragraph: str | None = None
    work: str | None = None


# A sentence ends at . ! ? followed by space and a capital / opening mark, unless the dot closes a
# common abbreviation ("vgl. BSG", "Abs. 2", "Nr. 4", "i.V.m. Art.").
_BOUNDARY = re.compile(r"(?<=[.!?:])[\s\u00a0]+(?=[A-ZÄÖÜ„\"(§])|\n\s*\n")
_ABBREVIATIONS = frozenset(
    "vgl bzw usw ggf z.B zB u.a ua Abs Nr Art Artt S Rz Rn Rdnr Rdn N Hs Halbs Buchst lit Alt Var "
    "Ziff a.a.O aaO ebd Komm m.w.N mwN i.V.m iVm i.S.d iSd i.S.v iSv d.h dh s.o s.u Anm Aufl Bd Fn "
    "Urt Beschl v vom Dr Prof BSG BVerfG BGBl BT-Drs Drs a.F n.F aF nF insb sog etc Kap Tz Rdz".lower().split()
)
_WORD_BEFORE = re.compile(r"([\wÄÖÜäöüß.\-]+)\.$")


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (always begins with 0)."""
    starts = [0]
    for m in _BOUNDARY.finditer(text):
        head = text[max(0, m.start() - 30):m.start()]
        word = _WORD_BEFORE.search(head)
        if word and (word.group(1).lower() in _ABBREVIATIONS or (len(word.group(1)) == 1 and word.group(1).isalpha())):
            continue  # "vgl. BSG", "Abs. 2", initials
        # "am 1. Januar", "2. Halbsatz": an ordinal; but "… Abs. 1 Satz 2. Hier …" ends a sentence
        if word and word.group(1).isdigit() and not _UNIT_BEFORE_NUMBER.search(head, 0, word.start(1)):
            continue
        starts.append(m.end())
    return starts


_UNIT_BEFORE_NUMBER = re.compile(r"(?:§|Art\.|Abs\.|Absatz|Satz|S\.|Nr\.|Nummer|Rz\.|Rn\.|Hs\.|Alt\.)\s*$")


def _level_values(t: NormTarget) -> dict[int, str]:
    return {lvl: v for lvl, name in enumerate(g.FIELDS) if (v := getattr(t, name))}


def _from_levels(law: str | None, marker: str, levels: dict[int, str]) -> NormTarget:
    return NormTarget(law=law, number=levels.get(g.NUMBER, ""), marker=marker,
                      **{g.FIELDS[lvl]: v for lvl, v in levels.items() if lvl != g.NUMBER})


def external_url(target: Target) -> str | None:
    """Default address of a target: the gesetze-im-internet page of a norm's §, or the permanent
    ``/k/<entry-id>`` path of a Randnummer in a known work; None when neither is known, and for decisions."""
    if isinstance(target, DecisionTarget):
        return None
    if isinstance(target, RzTarget):
        if not target.work:
            return None
        try:
            return links.rz_path(entry_id(target.work, RzNumber.parse(target.rz)))
        except ValueError:
            return None
    if not target.law or not target.number:
        return None
    law = laws.lookup(target.law)
    return law.norm_url(target.number, target.marker) if law else None


def _law_url(key: str | None) -> str | None:
    law = laws.lookup(key) if key else None
    return law.index_url if law is not None else None


def resolve(citations: Iterable[Citation], context: Context) -> tuple[Citation, ...]:
    """Complete relative and bookless citations from ``context``; set external URLs. Pure.

    Citations must come from one text (as ``find`` returns them); the offsets are used to tell
    which citations share a sentence, so pass ``text`` via :func:`extract` when you have it.
    """
    return _resolve(tuple(citations), context, None)


def extract(text: str, context: Context, units: Iterable[Unit] | None = None) -> tuple[Citation, ...]:
    """``resolve(find(text), context)``, with sentence boundaries taken from ``text``. ``units``: ``text`` is
    the § ``context.paragraph`` itself, with these Absätze and Nummern (:func:`kb.model.statute_units`)."""
    return _resolve(find(text), context, sentence_starts(text), None if units is None else tuple(units))


def _enclosing(units: tuple[Unit, ...], context: Context, at: int) -> NormTarget:
    """The unit of the § that statute text at offset ``at`` stands in: its Absatz, and its Nummer."""
    absatz = nummer = None
    for u in units:
        if u.start <= at < u.end:
            if u.nummer is None:
                absatz = u.absatz
            else:
                absatz, nummer = u.absatz or absatz, u.nummer
    return NormTarget(context.law, context.paragraph or "", absatz=absatz, nummer=nummer)


def _resolve(cits: tuple[Citation, ...], context: Context, starts: list[int] | None,
             units: tuple[Unit, ...] | None = None) -> tuple[Citation, ...]:
    def sentence_of(c: Citation) -> int:
        return bisect.bisect_right(starts, c.start) if starts is not None else 0

    # the laws each sentence names explicitly (for bookless §§), in order
    named: dict[int, list[tuple[int, str, bool]]] = {}
    for c in cits:
        if c.law:
            named.setdefault(sentence_of(c), []).append((c.start, c.law, c.kind is CitationKind.LAW))

    out: list[Citation] = []
    last_named: str | None = None  # for a.a.O. / ebd.
    sentence_last: dict[int, NormTarget] = {}
    own_last: NormTarget | None = None  # last target in the commented §
    for c in cits:
        sent = sentence_of(c)
        explicit = c.law
        if c.kind is CitationKind.LAW:
            last_named = explicit or last_named
            out.append(replace(c, url=c.url or _law_url(explicit)))
            continue
        if c.kind is CitationKind.DECISION or c.kind is CitationKind.PAPER:
            out.append(c)
            continue
        relation = _relation(c)
        if explicit is None:
            if relation == "same" and last_named:
                law = last_named
            elif relation == "self":
                law = context.law
            else:
                law = _sentence_law(named.get(sent, ()), c.start) or context.law
        else:
            law = explicit
            last_named = explicit
        targets: list[Target] = []
        for t in c.targets:
            if isinstance(t, RzTarget):
                targets.append(_resolve_rz(t, law if t.paragraph else None, context))
                continue
            if t.number:
                nt = t if t.law or not law else _with_law(t, law)
            else:
                if units is not None and context.paragraph:  # statute text: the unit the reference stands in
                    base: NormTarget | None = _enclosing(units, context, c.start)
                else:
                    base = sentence_last.get(sent) or own_last or (
                        NormTarget(context.law, context.paragraph) if context.paragraph else None)
                levels = _level_values(t)
                top = min(levels) if levels else g.ABSATZ
                if base is not None and (t.law is None or t.law == base.law):
                    merged = {k: v for k, v in _level_values(base).items() if k < top} | levels
                    nt = _from_levels(t.law or base.law, base.marker, merged)
                else:
                    nt = t if t.law or not law else _with_law(t, law)
            targets.append(nt)
            if nt.number:
                sentence_last[sent] = nt
                if nt.law == context.law and nt.number == context.paragraph:
                    own_last = nt
        resolved = Citation(c.kind, c.start, c.end, c.text, tuple(targets), c.law or _common_law(targets), c.url)
        out.append(resolved if resolved.url else _with_url(resolved, _first_url(resolved)))
    return tuple(out)


def _with_law(t: NormTarget, law: str) -> NormTarget:
    # a direct constructor call: dataclasses.replace costs more than the rest of resolving a target
    return NormTarget(law, t.number, t.marker, t.absatz, t.satz, t.halbsatz, t.nummer, t.buchstabe, t.alternative)


def _with_url(c: Citation, url: str | None) -> Citation:
    return c if url is None else Citation(c.kind, c.start, c.end, c.text, c.targets, c.law, url)


def _relation(c: Citation) -> str | None:
    tail = c.text[-20:]
    if re.search(r"dieses\s+(?:Buch|Gesetz)|dieser\s+Verordnung", tail):
        return "self"
    if re.search(r"a\.\s?a\.\s?O\.|aaO|ebd\.|ebenda", tail):
        return "same"
    return None


def _sentence_law(named: Iterable[tuple[int, str, bool]], at: int) -> str | None:
    """The law a bookless § in this sentence belongs to: the nearest one named before it; else a law named
    alone later ("… § 7 im Sinne des BGB"). A later *norm* with its own law ("§ 7 wie § 6a BGB") does not
    count: the author qualified that one because it is foreign."""
    before = [law for start, law, _ in named if start < at]
    if before:
        return before[-1]
    after = [law for start, law, alone in named if start > at and alone]
    return after[0] if after else None


def _common_law(targets: list[Target]) -> str | None:
    found = {t.law for t in targets if t.law}
    return found.pop() if len(found) == 1 else None


def _resolve_rz(t: RzTarget, law: str | None, context: Context) -> RzTarget:
    if t.paragraph is None:  # "Rz. 12": the same work
        return replace(t, work=t.work or context.work)
    law = t.law or law
    same = law == context.law and t.paragraph == context.paragraph
    return replace(t, law=law, work=t.work or (context.work if same else None))


def _first_url(c: Citation) -> str | None:
    for t in c.targets:
        url = external_url(t)
        if url:
            return url
    return None


def link(citations: Iterable[Citation], url_for: Callable[[Target], str | None]) -> tuple[Citation, ...]:
    """Set each citation's URL from ``url_for`` (first target it knows), else keep / use the external one.

    ``url_for`` knows the knowledge base: a path into it that ``url_for`` does not confirm (the guessed
    ``/k/<work>/rz-51`` of "Rn. 51" that is another court's) is dropped, not kept as a link to nothing."""
    out = []
    for c in citations:
        url = next((u for t in c.targets if (u := url_for(t))), None)
        fallback = c.url or _first_url(c)
        out.append(replace(c, url=url or (fallback if fallback and not fallback.startswith("/") else None)))
    return tuple(out)
