"""The query language: a small, strict parser from a user's query string to a query tree
(:mod:`kb.search.tree`), which every search engine understands.

    Zielvereinbarung Landkreis      both words (AND is the default)
    Träger OR Kommune               either word
    Träger NOT Bund, Träger -Bund   the first without the second
    "Landkreis Göttingen"           phrase ("…"~2 allows two words in between)
    Zielver*                        prefix (at least 3 letters)
    Zielvereinbarnug~  / ~2         fuzzy: one (two) edits
    ( … )                           grouping
    law:"SGB II"  para:48b  rz:34a  rz:30-35  work:sgb-2-48b
    entity:"Landkreis Göttingen"  entity:ort/landkreis-goettingen  label:ORT
    cites:"§ 6a Abs. 2"             entries citing § 6a Abs. 2 or anything below it (any law unless given)

Malformed input raises :class:`QueryError` naming the problem and where it is; so does a query beyond the
limits of :mod:`kb.limits` (too long, nested too deep, too many ~ or * words), and a search that would take
longer than its time budget raises :class:`QueryTooExpensive`, a QueryError too.

Two things the parser decides beyond matching, for every engine alike: a query that contains a citation
token ("Rz. 34a", "§ 48b", "SGB II", an Aktenzeichen) gets no "meinten Sie" (its words are no misspellings:
"Rz" is not "Arzt"), and a text query that names no norm, law or decision ranks commentary first
(:attr:`ParsedQuery.prefer`): a reader who searches "Bürgergeld" wants the commentary before the §§ that
use the word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb import laws
from kb import limits as lim
from kb.citations import citation_kinds
from kb.citations import parse_query as parse_citation_query
from kb.citations.keys import query_key
from kb.model import ENTITY_LABEL_NAMES, KIND_NAMES, CitationKind, EntityLabel, RzNumber, WorkKind, slugify
from kb.search.analysis import fold, query_terms
from kb.search.fields import FILTER_FIELDS
from kb.search.tree import And, Filter, Fuzzy, Node, Not, Or, Prefix, Range, Words

_ALIASES = {"gesetz": "law", "paragraph": "para", "§": "para", "rn": "rz", "randnummer": "rz", "werk": "work",
            "art": "kind", "typ": "kind"}
# kind: values as a user writes them (the site's German names, their plurals, the stored English ones)
_KINDS = {**{k.value: k.value for k in WorkKind}, **{name.lower(): k.value for k, name in KIND_NAMES.items()},
          "kommentare": "commentary", "kommentierung": "commentary", "gesetze": "statute", "norm": "statute",
          "entscheidungen": "decision", "urteil": "decision", "beschluss": "decision", "rechtsprechung": "decision",
          "weisungen": "guidance", "fachliche weisung": "guidance", "fachliche weisungen": "guidance"}


class QueryError(ValueError):
    """A malformed query; the message says, in German (a web reader sees it as it is), what is wrong and how to
    write it instead."""

    def __init__(self, message: str, query: str = "", position: int | None = None) -> None:
        self.query = query
        self.position = position
        where = f"bei Zeichen {position + 1} von " if position is not None else "in "
        super().__init__(f"{message} ({where}„{query}“)" if query else message)


class QueryTooExpensive(QueryError):
    """A well-formed query that would cost too much: its time budget ran out, or a ~ / * word stands for more
    index terms than :data:`kb.limits.MAX_EXPANSIONS`. The message says how to narrow it."""

    def __init__(self, query: str = "", detail: str = "") -> None:
        super().__init__(f"die Suchanfrage ist zu aufwendig{detail}: schränken Sie sie ein – weniger oder längere "
                         "Wörter mit ~ oder *, ein Filter wie law:\"SGB II\" oder eine Wortgruppe in \"…\"", query)


# --------------------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<lparen>\() | (?P<rparen>\)) |
        (?P<field>[A-Za-zÄÖÜäöü§]+):(?=\S) |
        (?P<quote>"[^"]*"(?:~\d+)?) | (?P<openquote>"[^"]*$) |
        (?P<minus>-)(?=[^\s-]) |
        (?P<word>[^\s()"]+)
    )""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str
    text: str
    pos: int


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise QueryError("dieses Zeichen ist nicht lesbar", text, pos)
        kind = m.lastgroup or ""
        start = m.start(kind)
        if kind == "openquote":
            raise QueryError('einer Wortgruppe fehlt das schließende Anführungszeichen (")', text, start)
        value = m.group(kind)
        if kind == "word" and value in ("AND", "OR", "NOT"):
            kind = value.lower()
        toks.append(_Tok(kind, value, start))
        pos = m.end()
    return toks


# --------------------------------------------------------------------------- AST


@dataclass(frozen=True)
class ParsedQuery:
    """The query tree plus what snippets and suggestions need; the same for every search engine."""

    tree: Node
    text: str
    highlight_terms: frozenset[str] = frozenset()  # index terms to <mark>
    expand: tuple[Prefix | Fuzzy, ...] = ()  # positive prefix / fuzzy leaves, expanded for highlighting
    fuzzy: dict[str, tuple[str, int]] = field(default_factory=dict)  # stem → (word as typed, max edits)
    words: tuple[str, ...] = ()  # plain positive words, for "meinten Sie" (none when the query holds a citation)
    filters_only: bool = False
    # Hits matching ``prefer`` rank before all others, each group by score (filter-only queries keep corpus
    # order); None: by score alone.
    prefer: Filter | None = None


_SURROGATE = re.compile("[\ud800-\udfff]")


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokenize(text)
        self.i = 0
        self.highlight: set[str] = set()
        self.expand: list[Prefix | Fuzzy] = []
        self.fuzzy_words: dict[str, tuple[str, int]] = {}
        self.words: list[str] = []
        self.has_text = False
        self.negated = 0
        self.filters: set[str] = set()  # the filters used positively
        self.filter_spans: list[tuple[int, int]] = []  # where filters and their values stand in the text
        self.depth = 0  # open "(" and NOT around the current token: bounded, so the recursion is
        self.fuzzy_count = 0
        self.prefix_count = 0

    def deeper(self, tok: _Tok) -> None:
        """One more level of nesting at ``tok``; beyond :data:`kb.limits.MAX_QUERY_DEPTH` a QueryError."""
        self.depth += 1
        if self.depth > lim.MAX_QUERY_DEPTH:
            raise self.error(f"die Suchanfrage ist zu tief verschachtelt: höchstens {lim.MAX_QUERY_DEPTH} Ebenen "
                             "von Klammern und NOT", tok)

    def error(self, message: str, tok: _Tok | None = None) -> QueryError:
        return QueryError(message, self.text, tok.pos if tok else None)

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def parse(self) -> ParsedQuery:
        if not self.toks:
            raise QueryError("die Suchanfrage ist leer: geben Sie Wörter, eine Fundstelle wie „§ 48b Rz. 34a“ oder "
                             "einen Filter ein")
        q = self.parse_or()
        tok = self.peek()
        if tok is not None:
            raise self.error("„)“ ohne passende „(“" if tok.kind == "rparen"
                             else f"„{tok.text}“ ist hier unerwartet", tok)
        if q is None:
            raise QueryError("die Suchanfrage enthält nur Füllwörter (der, die, und …): ergänzen Sie ein "
                             "aussagekräftiges Wort", self.text)
        if _only_negative(q):
            raise QueryError("eine Suchanfrage kann nicht nur ausschließen (NOT / -): nennen Sie auch, wonach "
                             "gesucht werden soll", self.text)
        words_only = self.text
        for start, end in reversed(self.filter_spans):  # 'law:"SGB II"' names a law by a filter, not as text
            words_only = words_only[:start] + " " + words_only[end:]
        cited = citation_kinds(words_only)
        # A norm, a law or a decision in the query (or a filter to one), and its own text ranks by score alone.
        names_source = bool(cited & _SOURCE_CITATIONS) or bool(self.filters & _SOURCE_FILTERS)
        prefer = COMMENTARY_FIRST if self.has_text and not names_source else None
        return ParsedQuery(q, self.text, frozenset(self.highlight), tuple(self.expand), self.fuzzy_words,
                           () if cited else tuple(self.words), not self.has_text, prefer)

    def parse_or(self) -> Node | None:
        parts = [self.parse_and()]
        while (tok := self.peek()) is not None and tok.kind == "or":
            self.i += 1
            if self.peek() is None or self.peek().kind in ("or", "rparen"):  # type: ignore[union-attr]
                raise self.error("OR braucht auf beiden Seiten ein Wort", tok)
            parts.append(self.parse_and())
        kept = [p for p in parts if p is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Or(tuple(kept))

    def parse_and(self) -> Node | None:
        parts: list[Node] = []
        first = self.peek()
        if first is not None and first.kind in ("or", "and"):
            raise self.error(f"{first.text} braucht links ein Wort", first)
        while (tok := self.peek()) is not None and tok.kind not in ("or", "rparen"):
            if tok.kind == "and":
                self.i += 1
                nxt = self.peek()
                if nxt is None or nxt.kind in ("or", "and", "rparen"):
                    raise self.error("AND braucht auf beiden Seiten ein Wort", tok)
                continue
            q = self.parse_unary()
            if q is not None:
                parts.append(q)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def parse_unary(self) -> Node | None:
        tok = self.peek()
        assert tok is not None
        if tok.kind in ("not", "minus"):
            self.i += 1
            nxt = self.peek()
            if nxt is None or nxt.kind in ("or", "and", "rparen", "not"):
                raise self.error(f"nach {tok.text} muss ein Wort oder Filter folgen", tok)
            self.negated += 1
            self.deeper(tok)
            inner = self.parse_unary()
            self.depth -= 1
            self.negated -= 1
            return Not(inner) if inner is not None else None
        return self.parse_atom()

    def parse_atom(self) -> Node | None:
        tok = self.peek()
        assert tok is not None
        self.i += 1
        if tok.kind == "lparen":
            self.deeper(tok)
            inner = self.parse_or()
            self.depth -= 1
            close = self.peek()
            if close is None or close.kind != "rparen":
                raise self.error("„(“ wird nie mit „)“ geschlossen", tok)
            self.i += 1
            return inner
        if tok.kind == "rparen":
            raise self.error("„)“ ohne passende „(“", tok)
        if tok.kind == "field":
            return self.parse_field(tok)
        if tok.kind == "quote":
            return self.phrase(tok)
        return self.word(tok)

    # -- text -----------------------------------------------------------------------------

    def word(self, tok: _Tok) -> Node | None:
        text = tok.text
        if ":" in text and _ALIASES.get(text.split(":")[0].lower(), text.split(":")[0].lower()) in FILTER_FIELDS:
            name = text.split(":")[0]
            raise self.error(f"{name}: braucht direkt nach dem Doppelpunkt einen Wert, z. B. "
                             f"{_EXAMPLES[_ALIASES.get(name.lower(), name.lower())]}", tok)
        fuzzy = re.fullmatch(r"(.+?)~(\d?)", text)
        if fuzzy:
            return self.fuzzy(tok, fuzzy.group(1), int(fuzzy.group(2) or 1))
        if text.endswith("*"):
            return self.prefix(tok, text[:-1])
        if "*" in text or "?" in text.strip("?"):
            raise self.error("„*“ ist nur am Wortende erlaubt (Suche nach dem Wortanfang: Zielver*)", tok)
        terms = query_terms(text)
        if not terms:
            return None
        self.has_text = True
        if not self.negated:
            self.highlight.update(terms)
            self.words.append(text)
        return Words(tuple(terms))  # several: "Schritt/Meilenstein", "SGB-II", the pieces in a row

    def phrase(self, tok: _Tok) -> Node | None:
        m = re.fullmatch(r'"([^"]*)"(?:~(\d+))?', tok.text)
        assert m is not None
        body, slop = m.group(1), int(m.group(2) or 1)
        if not body.strip():
            raise self.error('eine leere Wortgruppe ""', tok)
        terms = query_terms(body)
        if not terms:
            return None
        self.has_text = True
        if not self.negated:
            self.highlight.update(terms)
        return Words((terms[0],)) if len(terms) == 1 else Words(tuple(terms), slop=slop)

    def prefix(self, tok: _Tok, stem: str) -> Node:
        folded = fold(stem)
        if len(folded) < lim.MIN_PREFIX_LETTERS or not re.fullmatch(r"\w+", folded):
            raise self.error(f"die Suche nach dem Wortanfang braucht mindestens {lim.MIN_PREFIX_LETTERS} Buchstaben "
                             "vor „*“ (z. B. Zielver*)", tok)
        self.prefix_count += 1
        if self.prefix_count > lim.MAX_PREFIX_WORDS:
            raise self.error(f"höchstens {lim.MAX_PREFIX_WORDS} Wörter mit * je Suchanfrage", tok)
        self.has_text = True
        node = Prefix(folded)
        if not self.negated:
            self.expand.append(node)
        return node

    def fuzzy(self, tok: _Tok, word: str, dist: int) -> Node:
        if not 1 <= dist <= lim.MAX_FUZZY_DISTANCE:
            raise self.error("die unscharfe Suche erlaubt ~1 oder ~2 Abweichungen (z. B. Zielvereinbarnug~)", tok)
        terms = query_terms(word)
        if len(terms) != 1:
            raise self.error("die unscharfe Suche (~) gilt für ein einzelnes Wort", tok)
        letters = sum(ch.isalnum() for ch in word)
        if letters < lim.MIN_FUZZY_LETTERS[dist]:
            raise self.error(f"die unscharfe Suche mit ~{dist} braucht ein Wort aus mindestens "
                             f"{lim.MIN_FUZZY_LETTERS[dist]} Buchstaben", tok)
        self.fuzzy_count += 1
        if self.fuzzy_count > lim.MAX_FUZZY_WORDS:
            raise self.error(f"höchstens {lim.MAX_FUZZY_WORDS} Wörter mit ~ je Suchanfrage", tok)
        self.has_text = True
        self.fuzzy_words[terms[0]] = (word, dist)
        node = Fuzzy(terms[0], word, dist)
        if not self.negated:
            self.expand.append(node)
        return node

    # -- filters ----------------------------------------------------------------------------

    def parse_field(self, tok: _Tok) -> Node:
        name = tok.text.lower()
        name = _ALIASES.get(name, name)
        if name not in FILTER_FIELDS:
            known = ", ".join(f + ":" for f in FILTER_FIELDS)
            raise self.error(f"unbekannter Filter „{tok.text}:“; Filter sind {known}", tok)
        val_tok = self.peek()
        if val_tok is None or val_tok.kind not in ("word", "quote"):
            raise self.error(f"{name}: braucht einen Wert, z. B. {_EXAMPLES[name]}", tok)
        self.i += 1
        value = val_tok.text
        if val_tok.kind == "quote":
            value = re.sub(r'~\d+$', "", value)[1:-1]
        value = value.strip()
        if not value:
            raise self.error(f"{name}: braucht einen Wert, z. B. {_EXAMPLES[name]}", tok)
        if not self.negated:
            self.filters.add(name)
        self.filter_spans.append((tok.pos, val_tok.pos + len(val_tok.text)))
        return getattr(self, f"f_{name}")(value, val_tok)

    def f_law(self, value: str, tok: _Tok) -> Node:
        law = laws.lookup(value)
        if law is None:
            known = ", ".join(lw.display for lw in laws.LAWS[:6])
            raise self.error(f"unbekanntes Gesetz „{value}“ in law:; z. B. {known} …", tok)
        return Filter("law", law.slug)

    def f_para(self, value: str, tok: _Tok) -> Node:
        num = value.replace("§", "").strip().lower()
        if not re.fullmatch(r"\d+[a-z]{0,2}", num):
            raise self.error(f"para: erwartet eine §-Nummer wie 48b, nicht „{value}“", tok)
        return Filter("para", num)

    def f_work(self, value: str, tok: _Tok) -> Node:
        return Filter("work", value.lower())

    def f_rz(self, value: str, tok: _Tok) -> Node:
        value = re.sub(r"^(rz|rn|rdnr)\.?\s*", "", value.lower())
        rng = re.fullmatch(r"(\S+?)\s*[-–]\s*(\S+)", value)
        try:
            if rng:
                lo, hi = RzNumber.parse(rng.group(1)), RzNumber.parse(rng.group(2))
                if hi < lo:
                    raise self.error(f"rz:{value}: der Bereich läuft rückwärts (schreiben Sie rz:{hi}-{lo})", tok)
                # "rz:30-35" includes 35a, 35b: inserted Randnummern belong to the one they follow (the last
                # part's two letter places, "__" for none, become "zz"; "30-35.2" takes 35.2a, not 35.3).
                upper = hi.sort_string if any(c.isalpha() for c in hi.label) else hi.sort_string[:-2] + "zz"
                return Range("rz_sort", lo.sort_string, upper)
            return Filter("rz", RzNumber.parse(value).label)
        except QueryError:
            raise
        except ValueError:
            raise self.error(f"rz: erwartet eine Randnummer wie 34a oder einen Bereich wie 30-35, nicht „{value}“",
                             tok) from None

    def f_entity(self, value: str, tok: _Tok) -> Node:
        if "/" in value:
            return Filter("entity", value.lower())
        terms = query_terms(value)
        if not terms:
            raise self.error(f"entity: braucht einen Namen, z. B. {_EXAMPLES['entity']}", tok)
        if not self.negated:
            self.highlight.update(terms)
        return Words(tuple(terms), fields=("entities",))

    def f_kind(self, value: str, tok: _Tok) -> Node:
        kind = _KINDS.get(" ".join(value.lower().split()))
        if kind is None:
            names = ", ".join(KIND_NAMES.values())
            raise self.error(f"unbekannte Art „{value}“ in kind:; Arten sind {names} (oder {', '.join(_KINDS)})", tok)
        return Filter("kind", kind)

    def f_label(self, value: str, tok: _Tok) -> Node:
        wanted = slugify(value)
        for label in EntityLabel:  # the code ("ORT") or the German name, singular or plural ("Gerichte")
            if wanted in {label.value.lower(), *(slugify(name) for name in ENTITY_LABEL_NAMES[label])}:
                return Filter("label", label.value.lower())
        names = ", ".join(singular for singular, _ in ENTITY_LABEL_NAMES.values())
        raise self.error(f"unbekannte Art von Entität „{value}“; bekannt sind {names}", tok)

    def f_cites(self, value: str, tok: _Tok) -> Node:
        cited = parse_citation_query(value)
        if cited is None or (cited.rz is None and cited.target is None and cited.decision is None):
            raise self.error(f"cites: erwartet eine Norm wie „§ 6a Abs. 2“ oder „§ 6a SGB II“, eine Randnummer "
                             f"wie „§ 48b Rz. 34 SGB II“ oder eine Entscheidung wie „BSG B 4 AS 4/16 R“, "
                             f"nicht „{value}“", tok)
        try:
            return Filter("cites", query_key(cited))
        except ValueError:
            raise self.error(f"cites: „{cited.rz}“ ist keine Randnummer", tok) from None


COMMENTARY_FIRST = Filter("kind", WorkKind.COMMENTARY.value)
_SOURCE_CITATIONS = frozenset({CitationKind.NORM, CitationKind.LAW, CitationKind.DECISION})
_SOURCE_FILTERS = frozenset({"kind", "law", "para", "work", "cites"})  # the query already says which source

_EXAMPLES = {
    "kind": "kind:Entscheidung", "law": 'law:"SGB II"', "para": "para:48b", "rz": "rz:34a oder rz:30-35",
    "work": "work:sgb-2-48b", "entity": 'entity:"Landkreis Göttingen"', "label": "label:Gericht",
    "cites": 'cites:"§ 6a Abs. 2"',
}


def _only_negative(node: Node) -> bool:
    if isinstance(node, Not):
        return True
    if isinstance(node, And):
        return all(_only_negative(c) for c in node.children)
    if isinstance(node, Or):
        return any(_only_negative(c) for c in node.children)
    return False


def split_work(text: str) -> tuple[str, str | None]:
    """``text`` without its one ``work:`` filter, and that work's slug: "work:sgb-2-48b Rz. 34a" →
    ("Rz. 34a", "sgb-2-48b"); ``(text, None)`` when it has none, several, or a negated one, or cannot be read."""
    try:
        toks = _tokenize(text)
    except QueryError:
        return text, None
    found = [i for i, t in enumerate(toks)
             if t.kind == "field" and _ALIASES.get(t.text.lower(), t.text.lower()) == "work"]
    if len(found) != 1:
        return text, None
    i = found[0]
    if i + 1 >= len(toks) or toks[i + 1].kind not in ("word", "quote") or (
            i > 0 and toks[i - 1].kind in ("minus", "not")):
        return text, None
    value = toks[i + 1]
    slug = value.text[1:-1] if value.kind == "quote" else value.text
    rest = text[:toks[i].pos] + text[value.pos + len(value.text):]
    return " ".join(rest.split()), slug.strip().lower() or None


def parse(text: str) -> ParsedQuery:
    """Parse a user's query; raises :class:`QueryError` for malformed input."""
    if len(text) > lim.MAX_QUERY_CHARS:
        raise QueryError(f"die Suchanfrage ist länger als {lim.MAX_QUERY_CHARS} Zeichen ({len(text)})")
    lone = _SURROGATE.search(text)  # half of a UTF-16 pair: no index term can hold it (and UTF-8 cannot encode it)
    if lone is not None:
        raise QueryError("dieses Zeichen ist nicht lesbar", text.encode("utf-8", "replace").decode(), lone.start())
    return _Parser(text).parse()


__all__ = ["COMMENTARY_FIRST", "ParsedQuery", "QueryError", "QueryTooExpensive", "parse", "split_work"]
