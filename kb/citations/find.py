"""``find``: text → citations with offsets, no context needed.

A few cheap scans find the places a citation can start (§, Art., Abs./Satz/Nr., Rz./Rn., a law
name, an EU act, a court, an Aktenzeichen, a reporter, a parliamentary paper); from each, in text
order, a small recursive-descent parser walks the grammar of :mod:`kb.citations.grammar` token by
token and builds the targets (court decisions and papers: :mod:`kb.citations.decisions`). Triggers inside a citation
already found are skipped, so spans never overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kb import laws
from kb.citations import grammar as g
from kb.citations.decisions import decision_at, dockets, paper_at
from kb.model import Citation, CitationKind, NormTarget, RzTarget

_MAX_RANGE = 30  # "§§ 3 bis 7" expands to every §; longer ranges keep their ends only


@dataclass(slots=True)
class _Group:
    """Targets under one § / Art. marker, as level → value maps (level 0 is the number)."""

    marker: str
    plural: bool
    targets: list[dict[int, str]] = field(default_factory=list)
    explicit_level: int = g.NUMBER  # the last level named by a keyword: bare values after "und" go here
    plural_level: bool = False


@dataclass(frozen=True, slots=True)
class LawRef:
    key: str | None  # canonical key, the abbreviation as written when unknown, None for "dieses Gesetzes" /
    # "a.a.O." (resolve completes those from the context and the laws named before)


def find(text: str) -> tuple[Citation, ...]:
    """Every citation in ``text``, in order, with non-overlapping spans indexing ``text``.

    Relative references ("Abs. 4") get ``NormTarget(number="")`` and bookless ones ``law=None``;
    :func:`kb.citations.resolve` completes both from the context.
    """
    out: list[Citation] = []
    pos = 0
    hits = [(m.start(), rank, kind, m) for rank, (kind, pattern) in enumerate(g.TRIGGERS)
            for m in pattern.finditer(text)]
    hits += [(m.start(), _DOCKET_RANK, "docket", m) for m in dockets(text)]
    words, doctypes = g.WORD_TRIGGERS, g.DOCTYPE_ENDINGS
    hits += [(m.start(), _WORD_RANK[kind], kind, m) for m in g.CAPITALISED_WORD.finditer(text)
             if (word := m.group()) in words or word.endswith(doctypes) for kind in words.get(word, _DOCTYPE)]
    hits.sort(key=_hit_order)
    for start, _, kind, m in hits:
        if start < pos:
            continue  # inside a citation already found
        if kind != "norm" and kind != "gesetz" and start > 0:
            before = text[start - 1]
            if before.isalnum() or before == "_" or before in g.TRIGGER_NOT_AFTER[kind]:
                continue
        citation = _parse_at(text, kind, m, pos)
        if citation is None:
            continue
        pos = citation.end
        if citation.kind is CitationKind.DECISION or citation.kind is CitationKind.PAPER:
            out.append(citation)
            continue
        if citation.kind is CitationKind.RZ and not citation.targets:
            continue  # a reference into another work, consumed whole
        if _not_a_citation(text, citation):
            if citation.kind is not CitationKind.LAW and (tail := g.REPORTER_TAIL.match(text, pos)):
                pos = tail.end()  # "SozR 4-4200 § 22 Nr 5, RdNr 27": the reporter's numbers too
            continue
        citation = _with_article_prefix(text, citation)
        defined = _introduced_abbreviation(text, citation)
        if defined is None:
            out.append(citation)
            continue
        abbr, after = defined
        dated = law_tail(text, after)
        if dated > after:
            # "Bilanzrechtsmodernisierungsgesetzes (BilMoG) vom 25. Mai 2009 (BGBl I 2009, 1102)": one name
            out.append(replace(citation, end=dated, text=text[citation.start:dated]))
            pos = dated
        else:
            out.extend((citation, abbr))
            pos = after
    return tuple(out)


# Capitalised-word triggers rank after §, Komm., relative and Rz triggers at the same position, before the rest;
# a paper, court, reporter or type of decision before a law's name of the same spelling.
_WORD_RANK = {"paper": 3.1, "court": 3.2, "reporter": 3.3, "ecli": 3.3, "doctype": 3.4, "law": 3.5}
_DOCKET_RANK = len(g.TRIGGERS)  # after every other trigger at the same position
_DOCTYPE = ("doctype",)  # the kinds a word ending like a type of decision starts ("Senatsurteil", "Beschlüsse")
_DECISION_KINDS = frozenset({"court", "doctype", "ecli", "reporter", "docket"})


def _hit_order(hit: tuple[int, float, str, re.Match[str]]) -> tuple[int, float]:
    return hit[0], hit[1]


def _with_article_prefix(text: str, c: Citation) -> Citation:
    """"Art. II § 6 IntPatÜG": the article of an amending / treaty act in front of the §."""
    if not c.text.startswith("§"):
        return c
    prefix = g.ART_ROMAN_PREFIX.search(text, max(0, c.start - 12), c.start)
    if prefix is None:
        return c
    return Citation(c.kind, prefix.start(), c.end, text[prefix.start():c.end], c.targets, c.law, c.url)


def _introduced_abbreviation(text: str, c: Citation) -> tuple[Citation, int] | None:
    """"des Steuerberatungsgesetzes (StBerG)", "… - StAG -": the abbreviation, a citation of the same law,
    and where the bracket closes."""
    if c.kind is CitationKind.RZ or not c.law:
        return None
    m = g.ABBREV_IN_PARENS.match(text, c.end)
    if m is None or not re.search(r"[a-zäöüß]{4}", c.text[-40:]):
        return None
    if m.group("open") in "(<" and m.group("close") not in ")>":
        return None  # "(StBerG -": not one bracket ("Schulgesetz - SächsSchulG)" closes an outer one)
    abbr = m.group("abbr")
    known = laws.lookup(abbr)
    key = c.law if laws.lookup(c.law) or not known else known.key
    return Citation(CitationKind.LAW, m.start("abbr"), m.end("abbr"), abbr, (), key), m.end()


def _not_a_citation(text: str, c: Citation) -> bool:
    """Forms that look like citations but are not references to a norm: reporter series
    ("SozR 4-4200 § 22 Nr 5") and the titles of commentaries ("Zöller, ZPO, 31. Aufl.")."""
    before = text[max(0, c.start - 40):c.start]
    if c.kind is not CitationKind.LAW:
        return g.REPORTER_BEFORE.search(before) is not None
    if g.LITERATURE_AFTER.match(text, c.end) or g.NUMBER_AFTER_NAME.match(text, c.end):
        return True
    return bool(g.LITERATURE_LIST_AFTER.match(text, c.end) and g.LITERATURE_LIST_BEFORE.search(before))


# ---------------------------------------------------------------------------- dispatch


def _parse_at(text: str, kind: str, m: re.Match[str], floor: int) -> Citation | None:
    start = m.start()
    if kind in _DECISION_KINDS:
        return decision_at(text, start, kind, floor)
    if kind == "paper":
        return paper_at(text, start)
    if kind == "gesetz":
        return _compound_citation(text, start, floor)
    if kind in ("norm", "rel"):
        return _norm_citation(text, start, relative=kind == "rel")
    if kind == "komm":
        prefix = g.COMMENTARY_PREFIX.match(text, start)
        if prefix is None:
            return None
        inner = _norm_citation(text, prefix.end(), relative=False)
        if inner is None or inner.kind is not CitationKind.RZ:
            return None
        return Citation(CitationKind.RZ, start, inner.end, text[start:inner.end], inner.targets, inner.law)
    if kind == "rz":
        if _foreign_rz(text, start):
            return None
        return _rz_citation(text, start, start, law=None, paragraph=None)
    if kind == "law":
        cit = _law_citation(text, start)
        foreign = g.FOREIGN_BEFORE.search(text, max(floor, start - 30), start) if cit is not None else None
        if cit is not None and foreign is not None and cit.kind is CitationKind.LAW:
            begin = foreign.start("adj")
            name = re.sub(r"\s+", " ", text[begin:cit.end])
            return Citation(CitationKind.LAW, begin, cit.end, text[begin:cit.end], (), name)
        return cit
    if kind == "article_abbrev":
        return _law_citation(text, m.end())
    if kind == "euact":
        act = g.EU_ACT_ALONE.match(text, start)
        if act is None:
            return None
        end = law_tail(text, act.end())
        prefix = g.EU_ACT_PREFIX.search(text, max(floor, start - 25), start)
        begin = prefix.start() if prefix is not None else start
        return Citation(CitationKind.LAW, begin, end, text[begin:end], (), law_key(act))
    return None


def _foreign_rz(text: str, at: int) -> bool:
    """Margin numbers of a court decision or of someone else's commentary, not of a work in this KB."""
    return g.FOREIGN_RZ_CONTEXT.search(text, max(0, at - 100), at) is not None


def _compound_citation(text: str, at: int, floor: int) -> Citation | None:
    """A name containing "gesetz": try from the adjective before it, then from the word itself."""
    if g.COMPOUND_END.match(text, at) is None:
        return None
    window = max(floor, at - 80)
    back = g.NAME_START.search(text, window, at)
    if back is None:
        return None
    starts = [back.start("word")]
    if back.group("adj"):
        starts.insert(0, back.start("adj"))
    for start in starts:
        if start < floor or (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "§/-")):
            continue
        found = _law_citation(text, start)
        if found is not None and found.end > at:
            return found
    return None


# ---------------------------------------------------------------------------- norms


_SPACE = frozenset(" \t\r\n\u00a0\u202f")


def _skip(text: str, pos: int) -> int:
    """After the whitespace at ``pos`` (at most one line break). The common cases skip the regex."""
    if pos >= len(text) or text[pos] not in _SPACE:
        return pos
    if text[pos] == " " and (pos + 1 == len(text) or text[pos + 1] not in _SPACE):
        return pos + 1
    return g.SP.match(text, pos).end()  # type: ignore[union-attr]  # SP always matches


def _norm_citation(text: str, start: int, *, relative: bool, law_first: LawRef | None = None,
                   cite_start: int | None = None) -> Citation | None:
    groups: list[_Group] = []
    pos = _parse_group(text, start, groups, relative=relative)
    if pos is None:
        return None
    # chains: "… i.V.m. § 20 …" (only while no law has been named: a named law ends the citation)
    while True:
        chain = g.CHAIN.match(text, _skip(text, pos))
        if chain is None:
            break
        nxt = _parse_group(text, _skip(text, chain.end()), groups, relative=None)
        if nxt is None:
            break
        pos = nxt
    law: LawRef | None = law_first
    protocol = g.PROTOCOL.match(text, _skip(text, pos)) if law is None else None
    if law is None:
        after = g.LAW_AFTER_NORM.match(text, protocol.end() if protocol else _skip(text, pos))
        if protocol is not None and (after is None or after.end() == after.start()):
            after = None
        if after is not None and after.end() > after.start():
            law = _law_ref(after)
            if protocol is not None and law.key:
                law = LawRef(f"{law.key} ZP {protocol.group('n')}")  # the protocol, not the convention itself
            pos = law_tail(text, after.end(), dated=bool(after.groupdict().get("title")))
            if pos == after.end() and "Rates" in (after.groupdict().get("euact") or ""):
                pos = _eu_title_end(text, pos)
    begin = start if cite_start is None else cite_start
    rz_at = _skip(text, pos)
    title = (g.LAW_TITLE_BEFORE.search(text, max(0, begin - 40), begin)
             if law is None and "," in text[max(0, begin - 3):begin] else None)
    if (title is not None or g.RZ_KEYWORD.match(text, rz_at)) and _foreign_rz(text, begin):
        # "Palandt/Weidenkaff, BGB, § 433 Rn. 5", "Kirchhof, a. a. O., § 17 EStG Rz 55": a place in another
        # commentary, not a citation of the norm or of a Randnummer here — linking either would mislead.
        # An empty RZ citation tells find() to skip the whole reference.
        tail = g.FOREIGN_RZ_TAIL.match(text, pos)
        end = tail.end() if tail else pos
        return Citation(CitationKind.RZ, begin, end, text[begin:end])
    if title is not None:  # "nach dem BGB, § 433": the law named just before
        named = g.LAW_ALONE.fullmatch(title.group("name"))
        law = LawRef(law_key(named) if named else title.group("name"))
    # "§ 6a Rz. 5", "§ 6a SGB II Rz. 5": a Randnummer of the commentary on that §
    if g.RZ_KEYWORD.match(text, rz_at) and groups:
        first = groups[0].targets[0]
        if first.get(g.NUMBER):
            rz = _rz_citation(text, begin, rz_at, law=law, paragraph=first[g.NUMBER])
            if rz is not None:
                return rz
    targets = tuple(_target(t, law.key if law else None, grp.marker) for grp in groups for t in grp.targets)
    if not targets:
        return None
    return Citation(CitationKind.NORM, begin, pos, text[begin:pos], _dedupe(targets), law.key if law else None)


def _target(levels: dict[int, str], law: str | None, marker: str) -> NormTarget:
    fields = {g.FIELDS[lvl]: v for lvl, v in levels.items() if g.NUMBER < lvl < g.DOPPEL}
    if g.DOPPEL in levels:
        fields["buchstabe"] = f"{levels.get(g.BUCHSTABE, '?')} Doppelbuchst. {levels[g.DOPPEL]}"
    return NormTarget(law=law, number=levels.get(g.NUMBER, ""), marker=marker, **fields)


def _dedupe(targets: tuple[NormTarget, ...]) -> tuple[NormTarget, ...]:
    return tuple(dict.fromkeys(targets))


def _parse_group(text: str, pos: int, groups: list[_Group], *, relative: bool | None) -> int | None:
    """Parse "§ 6a Abs. 2 Satz 1 Nr. 4 und Abs. 7 Satz 2" (or, relative, "Abs. 4 …") from ``pos``.

    ``relative=None`` (after i.V.m.) accepts either form. Returns the end, or None if nothing parsed.
    """
    head = _group_head(text, pos, groups, relative=relative)
    return None if head is None else _parse_units(text, head[1], head[0], groups)


def _group_head(text: str, pos: int, groups: list[_Group], *, relative: bool | None) -> tuple[_Group, int] | None:
    """The first value of a group ("§ 6a", "Abs. 4"), appended to ``groups``, and where it ends."""
    marker = g.MARKER.match(text, pos) if relative is not True else None
    if marker is not None:
        plural = marker.group("plural") is not None
        group = _Group("Art." if marker.group(0).startswith("Art") else "§", plural)
        value = g.NORM_NUMBER.match(text, _skip(text, marker.end()))
        if value is None:
            return None
        group.targets.append({g.NUMBER: _clean_number(value.group(0))})
        end = value.end()
        part = g.PART.match(text, end)
        if part is not None:
            group.targets[-1][g.NUMBER] += f" Teil {part.group('v')}"
            end = part.end()
        paren = g.PAREN_ABSATZ.match(text, end)
        if paren is not None:
            group.targets[-1][g.ABSATZ] = paren.group("v")
            group.explicit_level = g.ABSATZ
            end = paren.end()
        elif (letter := g.PAREN_LETTER.match(text, end)) is not None:
            group.targets[-1][g.BUCHSTABE] = letter.group("v")
            end = letter.end()
        roman = g.ROMAN.match(text, _skip(text, end)) if _skip(text, end) > end else None
        if roman is not None and roman.group("roman") in g.ROMAN_VALUE:
            group.targets[-1][g.ABSATZ] = str(g.ROMAN_VALUE[roman.group("roman")])
            if roman.group("satz"):
                group.targets[-1][g.SATZ] = roman.group("satz")
            group.explicit_level = g.ABSATZ
            end = roman.end()
    elif relative is not False:
        unit = _unit(text, pos)
        if unit is None:
            return None
        level, value_text, end, plural_kw = unit
        if groups and relative is None:  # after i.V.m.: relative to the previous group's §
            group = _Group(groups[-1].marker, False)
            base = groups[-1].targets[-1]
            group.targets.append({**{k: v for k, v in base.items() if k < level}, level: value_text})
        else:
            group = _Group("§", False)
            group.targets.append({level: value_text})
        group.explicit_level = level
        group.plural_level = plural_kw
    else:
        return None
    groups.append(group)
    return group, end


def _clean_number(raw: str) -> str:
    return re.sub(r"\s+", "", raw)


def _unit(text: str, pos: int) -> tuple[int, str, int, bool] | None:
    """A keyword with its value ("Abs. 2", "Satz 1", "2. Alt."): (level, value, end, plural keyword)."""
    ordinal = g.ORDINAL_UNIT.match(text, pos)
    opening = g.OPENING_CLAUSE.match(text, pos)
    if opening is not None:  # "Eingangshalbsatz": the first half-sentence
        return g.HALBSATZ, "1", opening.end(), False
    if ordinal is not None:
        level = g.ALTERNATIVE if ordinal.group("alt") else g.HALBSATZ
        word = (ordinal.group("word") or "")[:5]
        value = ordinal.group("value") or {"erste": "1", "zweit": "2"}.get(word, "letzter")
        return level, value, ordinal.end(), False
    kw = g.KEYWORD.match(text, pos)
    if kw is None:
        return None
    level, plural = g.KEYWORD_INFO[kw.lastgroup or ""]
    value = g.VALUE[level].match(text, _skip(text, kw.end()))
    if value is None:
        return None
    return level, _normalise_value(level, value.group(0)), value.end(), plural


def _normalise_value(level: int, raw: str) -> str:
    if level == g.ABSATZ and raw in g.ROMAN_VALUE:
        return str(g.ROMAN_VALUE[raw])
    return raw


def _parse_units(text: str, pos: int, group: _Group, groups: list[_Group]) -> int:
    """Deeper units, lists, ranges and "f./ff." after the first value of a group."""
    while True:
        at = _skip(text, pos)
        unit = _unit(text, at)
        if unit is not None:
            level, value, end, plural = unit
            current = group.targets[-1]
            if level in current:  # "Abs. 1 Abs. 2": a new target at that level
                group.targets.append({**{k: v for k, v in current.items() if k < level}, level: value})
            else:
                current[level] = value
            group.explicit_level, group.plural_level = level, plural
            pos = end
            letter = g.IMPLICIT_LETTER.match(text, pos)
            if letter is not None and level in (g.ABSATZ, g.NUMMER) and g.BUCHSTABE not in group.targets[-1]:
                group.targets[-1][g.BUCHSTABE] = letter.group("v")
                pos = letter.end()
            continue
        follow = g.FOLLOWING.match(text, at)
        if follow is not None:
            if follow.group(0) == "f.":
                _add_next(group)
            pos = follow.end()
            continue
        sep = g.SEPARATOR.match(text, at)
        if sep is None:
            return pos
        after = _skip(text, sep.end())
        is_range = sep.group("range") is not None
        # a new § inside the list: "§ 4 Abs. 1, § 3c"
        if not is_range and g.NUMBER in group.targets[0] and g.MARKER.match(text, after):
            head = _group_head(text, after, groups, relative=False)
            if head is None:
                return pos
            group, pos = head  # its units in this same loop: a list of 1,000 §§ is no recursion
            continue
        unit = _unit(text, after)
        if unit is not None:
            level, value, end, plural = unit
            base = group.targets[-1]
            new = {**{k: v for k, v in base.items() if k < level}, level: value}
            if is_range:
                _add_range(group, base, new, level)
            else:
                group.targets.append(new)
            group.explicit_level, group.plural_level = level, plural
            pos = end
            continue
        # "§§ 33 Abs. 2, 41": under a plural § a bare value is the next §, unless the keyword was plural too
        level = group.explicit_level if (group.plural_level or not group.plural) else g.NUMBER
        value_match = g.VALUE[level].match(text, after)
        if value_match is None:
            return pos
        if level == g.NUMBER and not group.plural and not _law_or_unit_at(text, value_match.end()):
            return pos  # "§ 5 und 6 Monate": a bare number after a single § is another § only before a law
        base = group.targets[-1]
        new = {**{k: v for k, v in base.items() if k < level},
               level: _normalise_value(level, _clean_number(value_match.group(0)))}
        pos = value_match.end()
        if level == g.NUMBER:  # "Art. 1 (c) und 3 (a) AMVO"
            paren = g.PAREN_ABSATZ.match(text, pos) or g.PAREN_LETTER.match(text, pos)
            if paren is not None:
                new[g.ABSATZ if paren.re is g.PAREN_ABSATZ else g.BUCHSTABE] = paren.group("v")
                pos = paren.end()
        if is_range:
            _add_range(group, base, new, level)
        else:
            group.targets.append(new)


def _law_or_unit_at(text: str, pos: int) -> bool:
    paren = g.PAREN_ABSATZ.match(text, pos) or g.PAREN_LETTER.match(text, pos)
    at = _skip(text, paren.end() if paren else pos)
    law = g.LAW_AFTER_NORM.match(text, at)
    return (law is not None and law.end() > at) or _unit(text, at) is not None


def _add_next(group: _Group) -> None:
    base = group.targets[-1]
    level = max(base)
    value = base[level]
    if value.isdigit():
        group.targets.append({**base, level: str(int(value) + 1)})


def _add_range(group: _Group, base: dict[int, str], end: dict[int, str], level: int) -> None:
    first, last = base.get(level, ""), end[level]
    if first.isdigit() and last.isdigit() and 0 < int(last) - int(first) <= _MAX_RANGE:
        for n in range(int(first) + 1, int(last) + 1):
            group.targets.append({**end, level: str(n)})
    else:
        group.targets.append(end)


# ---------------------------------------------------------------------------- laws


def _law_ref(m: re.Match[str]) -> LawRef:
    groups = m.groupdict()
    if groups.get("self") or groups.get("same"):
        return LawRef(None)
    return LawRef(law_key(m))


def law_key(m: re.Match[str]) -> str:
    """The canonical key of a matched law name; an unknown abbreviation stays as written."""
    groups = m.groupdict()
    if groups.get("sgbx"):
        if groups.get("sgball"):
            return "SGB"
        ordinal = groups.get("o1") or groups.get("o2") or groups.get("o3")
        if ordinal:
            return f"SGB {g.ORDINAL_NUMBER[ordinal]}"
        raw = groups["sgb"]
        return f"SGB {g.ROMAN_VALUE.get(raw, raw)}"
    if groups.get("euact"):  # "Verordnung (EG) Nr. 883/2004", "VO <EG> Nr 883/2004" → "VO (EG) 883/2004"
        parts = g.EU_ACT_PARTS.match(groups["euact"])
        if parts is not None:
            kind = "RL" if parts.group("kind") in ("Richtlinie", "RL") else "VO"
            issuer = f" ({parts.group('issuer')})" if parts.group("issuer") else ""
            key = f"{kind}{issuer} {parts.group('number')}"
            known = laws.lookup(key)
            return known.key if known else key
        return re.sub(r"\s+", " ", groups["euact"])
    if groups.get("title"):
        title = re.sub(r"^((?:\S+ )?)Gesetzes\b", r"\1Gesetz", re.sub(r"\s+", " ", groups["title"]).strip())
        known = laws.lookup(title)
        if known is not None:  # "des Gesetzes über das Verlagsrecht" is the VerlG
            return known.key
        if title in ("Gesetz", "Verordnung"):  # "des Gesetzes vom 24. Dezember 2003": the date names it
            date = g.PROMULGATION.match(m.string, m.end("title"))
            if date is not None:
                return f"{title} vom {m.string[date.start('date'):date.end()]}"
        return title
    name = next((groups[k] for k in ("known", "known2", "compound", "compound2", "abbrev", "abbrev2", "abbrev3")
                 if groups.get(k)), "")
    name = re.sub(r"\s+(?:19|20)\d\d$", "", name)
    law = laws.lookup(name)
    if law is None and " " in name and name.split()[0][:1].isupper():
        law = laws.lookup(name.split(None, 1)[1])  # "Allgemeinen X" when only "X" is known
    if law is None and (groups.get("compound") or groups.get("compound2")):
        # an unknown name in the genitive: "Atomgesetzes" → "Atomgesetz"
        name = re.sub(r"(gesetz)es\b|(gesetzbuch)e?s\b|(abkommen|übereinkommen)s\b",
                      lambda word: next(x for x in word.groups() if x), name)
    if law is not None:
        return law.key
    return re.sub(r"\s+", " ", name)


def law_tail(text: str, pos: int, *, dated: bool = False) -> int:
    """The end of a law's name with what may follow it: "a.F.", "vom 21. Dezember 2000 (BGBl I S. 1966)".

    The date belongs to the name only with its gazette reference (then it identifies the version
    cited), or when the name is a title that the date closes (``dated``).
    """
    version = g.VERSION.match(text, pos) or g.VERSION_NOTE.match(text, pos) or g.EU_TITLE.match(text, pos)
    if version is not None:
        return version.end()
    prom = g.PROMULGATION.match(text, pos)
    if prom is None:
        bracket = g.BRACKET_OPEN.match(text, pos)  # "… zum Verbraucherinformationsgesetz (BGBl 2012 I S. 479 f.)"
        if bracket is not None:
            close = {"(": ")", "<": ">", "[": "]"}[bracket.group("open")]
            stop = _closing(text, bracket.end(), close)
            if stop != -1 and g.GAZETTE_START.match(text, bracket.end()):
                return stop + 1
        return pos
    end = prom.end()
    if prom.group("paren"):
        close = ")" if prom.group("paren") == "(" else ">"
        stop = text.find(close, end, end + 80)
        if stop != -1 and "\n" not in text[end:stop] and (dated or g.GAZETTE_NAME.search(text, end, stop)):
            return stop + 1
        return end if dated else pos
    gazette = g.GAZETTE.match(text, end)
    if gazette is None:
        return end if dated else pos
    if gazette.group("open"):
        close = {"(": ")", "<": ">", "[": "]"}[gazette.group("open")]
        stop = _closing(text, gazette.end(), close)
        # "(BGBl I S. 1966)", "(RL 1999/70/EG; ABl EG L 175, S. 43)": a bracket that names a gazette
        return stop + 1 if stop != -1 and g.GAZETTE_NAME.search(text, gazette.end(), stop) else end
    ref = g.GAZETTE_REF.match(text, gazette.end())
    return ref.end() if ref is not None else end


def _eu_title_end(text: str, pos: int) -> int:
    """"… des Rates vom 22. Oktober 2008 über den Schutz der Arbeitnehmer bei Zahlungsunfähigkeit des
    Arbeitgebers": an EU act's title runs over nouns, adjectives and glue words and ends with a noun."""
    head = g.EU_TITLE_HEAD.match(text, pos)
    if head is None:
        return pos
    at, end = head.end(), pos
    while (word := g.TITLE_WORD.match(text, at)) is not None:
        w = word.group(1)
        if w[0].isupper():
            end = word.end()
        elif w not in g.TITLE_GLUE and not re.fullmatch(r"[a-zäöüß]+(?:en|e|er|es|em)", w):
            break
        at = word.end()
    return end


def _closing(text: str, pos: int, close: str) -> int:
    """Index of the ``close`` that balances an already open bracket, within a short window."""
    depth = 0
    for i in range(pos, min(len(text), pos + 160)):
        ch = text[i]
        if ch == "\n":
            return -1
        if ch in "([<":
            depth += 1
        elif ch in ")]>":
            if depth == 0:
                return i if ch == close else -1
            depth -= 1
    return -1


def _law_citation(text: str, start: int) -> Citation | None:
    m = g.LAW_ALONE.match(text, start)
    if m is None or m.end() == start:
        return None
    key = law_key(m)
    # "SGB II § 48b", "StPO § 260 Abs. 3": the law first, then the norm
    at = _skip(text, m.end())
    if g.MARKER.match(text, at):
        norm = _norm_citation(text, at, relative=False, law_first=LawRef(key), cite_start=start)
        if norm is not None:
            return norm
    end = law_tail(text, m.end(), dated=bool(m.groupdict().get("title")))
    return Citation(CitationKind.LAW, start, end, text[start:end], (), key)


# ---------------------------------------------------------------------------- Randnummern


def _rz_citation(text: str, begin: int, pos: int, *, law: LawRef | None, paragraph: str | None) -> Citation | None:
    kw = g.RZ_KEYWORD.match(text, pos)
    if kw is None:
        return None
    targets: list[RzTarget] = []
    law_key_ = law.key if law else None
    at = _skip(text, kw.end())
    value = g.RZ_VALUE.match(text, at)
    if value is None:
        return None
    end = value.end()
    current = RzTarget(rz=value.group(0), law=law_key_, paragraph=paragraph)
    while True:
        nxt = _skip(text, end)
        follow = g.FOLLOWING.match(text, nxt)
        if follow is not None:
            current = RzTarget(current.rz, None, law_key_, paragraph, current.end, follow.group(0).rstrip(".") + ".")
            end = follow.end()
            continue
        sep = g.SEPARATOR.match(text, nxt)
        if sep is None:
            break
        value = g.RZ_VALUE.match(text, _skip(text, sep.end()))
        if value is None:
            break
        if sep.group("range") is not None and current.end is None:
            current = RzTarget(current.rz, None, law_key_, paragraph, value.group(0))
        else:
            targets.append(current)
            current = RzTarget(rz=value.group(0), law=law_key_, paragraph=paragraph)
        end = value.end()
    targets.append(current)
    return Citation(CitationKind.RZ, begin, end, text[begin:end], tuple(targets), law_key_)
