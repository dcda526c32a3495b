"""Property tests: for every format, every non-whitespace character of a generated body ends up in exactly
one entry, in order, and the Randnummern come out as generated."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from indexer.sources import parse_path
from kb.model import BlockKind, RzNumber

# No "explain" phase: it is slow and its imports warn under -W error.
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
                    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink])
WS = re.compile(r"\s+")

_VOCABULARY = ("träger", "leistung", "vereinbarung", "ziel", "der", "die", "das", "und", "nach", "für", "über",
               "gemäß", "grundsätzlich", "erwerbsfähige", "hilfebedürftigkeit", "maßnahme", "straße", "öffentlich",
               "übrigen", "zuständig", "kommunal", "bund", "land", "jobcenter", "x", "ab", "qßü")
word = st.sampled_from(_VOCABULARY)
cap_word = st.sampled_from([w for w in _VOCABULARY if len(w) > 1]).map(lambda w: w[0].upper() + w[1:])
# Tokens that look like structure but sit inside running text: they must never split an entry.
tricky = st.sampled_from(["vgl. Rz. 12", "Rn. 3 ff.", "Abs. 4", "§ 6a", "Nr. 4", "(1)", "a)", "1.", "–",
                          "„Zitat“", "34a", "Rz.", "N. 7", "BT-Drs. 17/1555", "S. 20", "&", "<b>", "ß"])


@st.composite
def sentence(draw) -> str:
    parts = [draw(cap_word), *draw(st.lists(st.one_of(word, word, tricky), min_size=1, max_size=8))]
    return " ".join(parts) + draw(st.sampled_from([".", ".", ":", "?", "!"]))


@dataclass
class GenEntry:
    label: str
    heading: str | None
    paragraphs: list[str]
    items: list[str]


@st.composite
def labels(draw) -> list[str]:
    numbers = sorted(draw(st.sets(st.integers(min_value=1, max_value=400), min_size=1, max_size=5)))
    out: list[str] = []
    for n in numbers:
        out.append(str(n))
        for suffix in "abc"[: draw(st.integers(min_value=0, max_value=2))]:
            out.append(f"{n}{suffix}")
        if draw(st.booleans()) and draw(st.booleans()):
            out.append(f"{n}.1")
    return out


@st.composite
def commentary(draw) -> list[GenEntry]:
    entries = []
    outline = iter("ABCDEFGH")
    for label in draw(labels()):
        heading = None
        if draw(st.booleans()) and draw(st.booleans()):
            heading = f"{next(outline, 'H')}. {draw(cap_word)} {draw(word)}"
        paragraphs = draw(st.lists(st.lists(sentence(), min_size=1, max_size=3).map(" ".join), min_size=1,
                                   max_size=3))
        items = draw(st.lists(sentence(), max_size=3))
        entries.append(GenEntry(label, heading, paragraphs, items))
    return entries


def expected(entry: GenEntry, bullet: str = "") -> str:
    return WS.sub("", "".join(entry.paragraphs) + "".join(bullet + i for i in entry.items))


def check(parsed, generated: list[GenEntry], bullet: str = "") -> None:
    assert [e.rz.label for e in parsed.entries] == [RzNumber.parse(g.label).label for g in generated]
    for entry, gen in zip(parsed.entries, generated, strict=True):
        assert WS.sub("", entry.text) == expected(gen, bullet), entry.id
        if gen.heading:
            assert entry.headings[-1] == gen.heading
        items = [b for b in entry.blocks if b.kind is BlockKind.LIST_ITEM]
        assert len(items) == len(gen.items)
        for block in entry.blocks:
            assert 0 <= block.start < block.end <= len(entry.text)


def wrap(text: str, width: int) -> list[str]:
    """Hard-wrap at word boundaries, never right before a token that could read as a marker."""
    lines, current = [], []
    for token in text.split(" "):
        if current and sum(len(t) + 1 for t in current) > width and re.fullmatch(r"[a-zäöüß]+", token):
            lines.append(" ".join(current))
            current = []
        current.append(token)
    lines.append(" ".join(current))
    return lines


@SETTINGS
@given(generated=commentary(), style=st.sampled_from(["alone", "leading", "number"]),
       bullet=st.sampled_from(["- ", "• "]), wrapped=st.booleans(), width=st.integers(min_value=20, max_value=90),
       crlf=st.booleans())
def test_plain_text_loses_nothing(tmp_path: Path, generated, style, bullet, wrapped, width, crlf) -> None:
    lines: list[str] = []
    for entry in generated:
        if entry.heading:
            lines.append(entry.heading)
        first, *rest = entry.paragraphs
        prefix = {"alone": "Rz. ", "leading": "Rn. ", "number": ""}[style] + entry.label
        if style == "alone":
            lines.append(prefix)
            paragraphs = entry.paragraphs
        else:
            paragraphs = [f"{prefix} {first}", *rest]
        for paragraph in paragraphs:
            lines.extend(wrap(paragraph, width) if wrapped else [paragraph])
            if wrapped:
                lines.append("")
        lines.extend(bullet + item for item in entry.items)
        if wrapped:
            lines.append("")
    body = ("\r\n" if crlf else "\n").join(lines)
    path = tmp_path / "gen.txt"
    path.write_text(body, encoding="utf-8", newline="")
    front = '+++\nslug = "gen"\nlaw = "SGB 2"\nparagraph = "1"\n' + (
        'marker_style = "number"\n' if style == "number" else "") + "+++\n"
    path.write_text(front + body, encoding="utf-8", newline="")
    parsed = parse_path(path)
    check(parsed, generated, bullet)


@SETTINGS
@given(generated=commentary(), shape=st.sampled_from(["span", "id", "bold", "table", "text"]))
def test_html_loses_nothing(tmp_path: Path, generated, shape) -> None:
    parts = ['<html><head><meta charset="utf-8"><meta name="randnummer:law" content="SGB II">'
             '<meta name="randnummer:paragraph" content="1"><script>var x = "Rz. 1";</script></head><body>'
             '<nav><a href="/">Start Rz. 99</a></nav><div class="cookie-banner">Cookies Rz. 98</div><main>']
    for entry in generated:
        if entry.heading:
            parts.append(f"<h2>{html.escape(entry.heading)}</h2>")
        paragraphs = [f"<p>{html.escape(p)}</p>" for p in entry.paragraphs]
        if shape == "span":
            parts.append(f'<div class="rn-block"><span class="rn">{entry.label}</span>{"".join(paragraphs)}')
        elif shape == "id":
            parts.append(f'<div id="rn{entry.label}">{"".join(paragraphs)}')
        elif shape == "bold":
            first = f"<p><b>{entry.label}</b> {html.escape(entry.paragraphs[0])}</p>"
            parts.append("<div>" + first + "".join(paragraphs[1:]))
        elif shape == "table":
            parts.append(f'<table><tr><td class="randnummer">{entry.label}</td><td>{"".join(paragraphs)}')
        else:
            parts.append(f"<div><p>Rz. {entry.label}</p>{''.join(paragraphs)}")
        if entry.items:
            parts.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in entry.items) + "</ul>")
        parts.append("</td></tr></table>" if shape == "table" else "</div>")
    parts.append("</main><footer>Impressum Rz. 97</footer></body></html>")
    path = tmp_path / "gen.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    check(parse_path(path), generated)


@st.composite
def statute(draw) -> list[tuple[str, str, list[tuple[str, list[str]]]]]:
    """[(number, title, [(absatz text, [nummer texts])])]"""
    numbers = sorted(draw(st.sets(st.integers(min_value=1, max_value=200), min_size=1, max_size=6)))
    out = []
    for n in numbers:
        number = f"{n}{draw(st.sampled_from(['', '', 'a', 'b']))}"
        absaetze = draw(st.lists(st.tuples(sentence(), st.lists(sentence(), max_size=3)), min_size=1, max_size=4))
        out.append((number, draw(cap_word), absaetze))
    return out


@SETTINGS
@given(norms=statute(), numbered=st.booleans())
def test_statute_xml_loses_nothing(tmp_path: Path, norms, numbered: bool) -> None:
    parts = ['<?xml version="1.0" encoding="UTF-8"?><dokumente>',
             "<norm><metadaten><jurabk>SGB 2</jurabk></metadaten></norm>"]
    for number, title, absaetze in norms:
        ps = []
        for i, (text, nummern) in enumerate(absaetze, 1):
            lead = f"({i}) " if numbered or len(absaetze) > 1 else ""
            dl = "".join(f"<DT>{k}.</DT><DD><LA>{html.escape(t)}</LA></DD>" for k, t in enumerate(nummern, 1))
            ps.append(f"<P>{lead}{html.escape(text)}{f'<DL>{dl}</DL>' if dl else ''}</P>")
        parts.append(f"<norm><metadaten><jurabk>SGB 2</jurabk><enbez>§ {number}</enbez><titel>{title}</titel>"
                     f"</metadaten><textdaten><text><Content>{''.join(ps)}</Content></text></textdaten></norm>")
    parts.append("</dokumente>")
    path = tmp_path / "gen.xml"
    path.write_text("".join(parts), encoding="utf-8")
    parsed = parse_path(path)
    assert [e.id for e in parsed.entries] == [f"sgb-2/{n}" for n, _, _ in norms]
    for entry, (_, title, absaetze) in zip(parsed.entries, norms, strict=True):
        assert entry.title == title
        source = "".join((f"({i})" if numbered or len(absaetze) > 1 else "") + text
                         + "".join(f"{k}.{t}" for k, t in enumerate(nummern, 1))
                         for i, (text, nummern) in enumerate(absaetze, 1))
        assert WS.sub("", entry.text) == WS.sub("", source)
        absatz_blocks = [b for b in entry.blocks if b.kind is BlockKind.ABSATZ]
        if numbered or len(absaetze) > 1:
            assert [b.label for b in absatz_blocks] == [str(i) for i in range(1, len(absaetze) + 1)]
        nummer_blocks = [b for b in entry.blocks if b.kind is BlockKind.NUMMER]
        assert len(nummer_blocks) == sum(len(n) for _, n in absaetze)
