"""The registered pipeline components: sentences, entities (merge, canonical forms, abbreviations).

Each is a ``@Language.factory`` with a config, so ``load_pipeline`` names them instead of wiring
them by hand. Work that would be a per-token Python loop is done on numpy arrays
(``doc.to_array``) or by compiled regexes over the doc's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, IDX, IS_LOWER, IS_SPACE, LEMMA, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span
from spacy.util import minibatch, registry
from spacy.vocab import Vocab

from kb.model import EntityLabel

from .gazetteer import ALL_TERMS, expand
from .patterns import FINDERS
from .tokenizer import doc_text

# --------------------------------------------------------------------------- extensions

if not Doc.has_extension("abbreviations"):
    # short form defined in this text → (label, canonical): "MS" → ("MINISTERIUM", "Niedersächsisches …")
    Doc.set_extension("abbreviations", default=None)
if not Doc.has_extension("obligations"):
    Doc.set_extension("obligations", default=None)


# --------------------------------------------------------------------------- helpers


def hash_set(hashes: Iterable[int]) -> np.ndarray:
    """Sorted uint64 array for :func:`member`."""
    return np.unique(np.array(list(hashes), dtype="uint64"))


def member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Boolean mask ``values in sorted_set`` — ``np.isin`` without its per-call set-up cost."""
    if len(sorted_set) == 0:
        return np.zeros(len(values), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[pos] == values


class BatchedPipe:
    """``pipe`` that pulls a whole batch from upstream before processing it: nlp.pipe then runs
    each component over a batch in turn instead of every doc through every component (measured
    ~10 % faster: the regexes, tables and arrays of one component stay hot)."""

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(stream, size=batch_size):
            yield from (self(doc) for doc in batch)  # type: ignore[operator]  # subclasses are callable


# --------------------------------------------------------------------------- entity spans, cheaply


def entity_spans(doc: Doc, id_attr: int = ENT_KB_ID) -> list[tuple[int, int, str, str]]:
    """(start token, end token, label, id) of ``doc.ents`` read from the token arrays.

    ``doc.ents`` builds a Token object for every token of the doc; on long texts with few
    entities reading the IOB array is many times cheaper.
    """
    if len(doc) == 0:
        return []
    arr = doc.to_array([ENT_IOB, ENT_TYPE, id_attr])
    iob = arr[:, 0]
    inside = iob == 1
    strings = doc.vocab.strings
    out = []
    n = len(doc)
    for start in np.flatnonzero(iob == 3).tolist():
        end = start + 1
        while end < n and inside[end]:
            end += 1
        ident = int(arr[start, 2])
        out.append((start, end, strings[int(arr[start, 1])], strings[ident] if ident else ""))
    return out


# --------------------------------------------------------------------------- sentences

_SENT_END = (".", "!", "?", "…", "...")
_BULLETS = frozenset({"-", "–", "•", "*", "·", "▪"})


class LegalSentencizer(BatchedPipe):
    """Sentence starts after . ! ? (unless a lower-case word follows), at a blank line, and at a
    line that opens with a bullet ("- ", "• ").

    Legal abbreviations are single tokens ("Abs.", "Rz.", "i.V.m."), so they are never an end. A
    single line break alone does not end a sentence: statutes continue one sentence through their
    numbered items ("… sind:\n1. die Bundesagentur …,\n2. …").
    """

    def __init__(self, nlp: Language, name: str, split_on_newline: bool) -> None:
        self.name = name
        self.split_on_newline = split_on_newline
        self._end_hashes = hash_set(nlp.vocab.strings.add(p) for p in _SENT_END)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array([ORTH, IS_LOWER, IS_SPACE])
        ends = member(arr[:, 0], self._end_hashes)
        starts = np.zeros(n, dtype=bool)
        # token i+1 starts a sentence when token i ends one and i+1 is not a lower-case word
        starts[1:] = ends[:-1] & (arr[1:, 1] == 0)
        if self.split_on_newline:
            for i in np.flatnonzero(arr[:, 2]):
                i = int(i)
                if i + 1 < n and "\n" in doc[i].text and (doc[i].text.count("\n") > 1 or doc[i + 1].text in _BULLETS):
                    starts[i + 1] = True
        # a sentence never starts on whitespace: move the start to the next real token
        for i in np.flatnonzero(starts & (arr[:, 2] == 1)):
            starts[i] = False
            j = int(i) + 1
            while j < n and arr[j, 2]:
                j += 1
            if j < n:
                starts[j] = True
        starts[0] = True
        values = np.where(starts, 1, -1).astype("int32").reshape(-1, 1)
        doc.from_array([SENT_START], values.astype("uint64"))
        return doc


@Language.factory("legal_sentencizer", default_config={"split_on_newline": True})
def make_legal_sentencizer(nlp: Language, name: str, split_on_newline: bool) -> LegalSentencizer:
    return LegalSentencizer(nlp, name, split_on_newline)


# --------------------------------------------------------------------------- lemmas


class LookupLemmatizer(BatchedPipe, Lemmatizer):
    """spaCy's lookup lemmatizer (tables from the installed spacy-lookups-data), applied per token
    type instead of per token: one dict look-up per distinct word of a doc, results cached by hash
    and written back with ``doc.from_array``. Same lemmas, a fraction of the Python per token.
    """

    def __init__(self, vocab: Vocab, model: None, name: str = "lemmatizer", *, mode: str = "lookup",
                 overwrite: bool = False) -> None:
        super().__init__(vocab, model, name, mode=mode, overwrite=overwrite)
        self._cache: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "lookup" or len(doc) == 0:
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables()
        table = self.lookups.get_table("lemma_lookup")
        strings, cache = doc.vocab.strings, self._cache
        orth = doc.to_array(ORTH)
        uniq, inverse = np.unique(orth, return_inverse=True)
        lemmas = np.empty(len(uniq), dtype="uint64")
        for k, h in enumerate(uniq.tolist()):
            lemma = cache.get(h)
            if lemma is None:
                found = table.get(h)  # the table is keyed by string hash
                lemma = cache[h] = strings.add(found) if found is not None else h
            lemmas[k] = lemma
        doc.from_array([LEMMA], lemmas[inverse].reshape(-1, 1))
        return doc


@Language.factory("lookup_lemmatizer", assigns=["token.lemma"], default_config={"mode": "lookup", "overwrite": False})
def make_lookup_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> LookupLemmatizer:
    return LookupLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)


# --------------------------------------------------------------------------- gazetteer patterns


@registry.misc("randnummer.gazetteer_patterns.v1")
def gazetteer_patterns() -> list[dict]:
    """EntityRuler phrase patterns (matched on LOWER): every inflected long form of every term.

    Short forms ("BMAS") are matched case-sensitively by :class:`LegalEntities` with one numpy
    look-up over the token hashes: as Matcher token patterns they cost more than the whole rest.
    """
    patterns: list[dict] = []
    for term in ALL_TERMS:
        seen: set[str] = set()
        for pattern in term.patterns:
            for form in expand(pattern):
                if form.lower() not in seen:
                    seen.add(form.lower())
                    patterns.append({"label": str(term.label), "pattern": form, "id": term.canonical})
    return patterns


# --------------------------------------------------------------------------- open classes, merge, abbreviations

_FEMININE_BEFORE = frozenset({"die", "eine", "gesamte", "jeweilige", "einer", "jeder"})
_ABBR_SHAPE = re.compile(r"^[A-ZÄÖÜ][A-Za-zÄÖÜäöü-]{0,11}$")
_ACTOR_LABELS = frozenset({EntityLabel.TRAEGER, EntityLabel.MINISTERIUM, EntityLabel.BEHOERDE,
                           EntityLabel.GREMIUM, EntityLabel.GERICHT, EntityLabel.ORT})


def _looks_like_abbreviation(text: str) -> bool:
    return bool(_ABBR_SHAPE.match(text)) and sum(c.isupper() for c in text) >= 2


class LegalEntities(BatchedPipe):
    """Adds open-class entities to the gazetteer's, keeps the longest of overlapping ones, gives each
    its canonical form (``Span.kb_id_``) and links abbreviations defined in parentheses.

    ``doc._.abbreviations`` maps short form → (label, canonical) for definitions like "… Gleichstellung (MS)".
    Later bare mentions of the short form in the same text become mentions of the long form;
    :func:`kb.nlp.enrich` carries the definitions on to later entries of the same work.
    """

    def __init__(self, nlp: Language, name: str, finders: Iterable[str], link_abbreviations: bool) -> None:
        self.name = name
        unknown = set(finders) - set(FINDERS)
        if unknown:
            raise ValueError(f"unknown entity finders {sorted(unknown)}; known: {sorted(FINDERS)}")
        self.finders = [FINDERS[f] for f in finders]
        self.link_abbreviations = link_abbreviations
        self.short_forms = {abbr: (str(t.label), t.canonical) for t in ALL_TERMS for abbr in t.abbreviations}
        self._short_hashes = hash_set(nlp.vocab.strings.add(a) for a in self.short_forms)

    def __call__(self, doc: Doc) -> Doc:
        # (start_char, end_char, label, canonical, priority): gazetteer first on equal length
        cands: list[tuple[int, int, str, str, int]] = []
        ruler = entity_spans(doc, ENT_ID)
        if ruler:
            idx = doc.to_array(IDX)
            for start, end, label, ident in ruler:
                first, last = doc[start], doc[end - 1]
                if ident[:1].isupper() and first.text[:1].islower():
                    continue  # matched on LOWER: "erlangen" (to obtain) is not the city of Erlangen
                cands.append((int(idx[start]), last.idx + len(last), label, ident or doc[start:end].text, 0))
        for i in np.flatnonzero(member(doc.to_array(ORTH), self._short_hashes)):
            i = int(i)
            token = doc[i]
            label, canonical = self.short_forms[token.text]
            if label == "GERICHT" and i and doc[i - 1].lower_ in _FEMININE_BEFORE:
                continue  # courts are neuter or masculine: "die gesamte BAG" is a Bedarfsgemeinschaft
            cands.append((token.idx, token.idx + len(token), label, canonical, 0))
        text = doc_text(doc)
        for finder in self.finders:
            cands.extend((c.start, c.end, str(c.label), c.canonical, 1) for c in finder(text))
        spans = self._select(doc, cands)
        abbreviations: dict[str, tuple[str, str]] = {}
        if self.link_abbreviations and spans:
            spans, abbreviations = link_in_doc(doc, spans)
        doc.ents = spans
        doc._.abbreviations = abbreviations
        return doc

    @staticmethod
    def _select(doc: Doc, cands: list[tuple[int, int, str, str, int]]) -> list[Span]:
        cands.sort(key=lambda c: (c[0] - c[1], c[4], c[0]))
        taken = np.zeros(len(doc) + 1, dtype=bool)
        chosen: list[Span] = []
        for start, end, label, canonical, _ in cands:
            span = doc.char_span(start, end, label=label, kb_id=canonical, alignment_mode="expand")
            if span is None or len(span) == 0 or taken[span.start:span.end].any():
                continue
            taken[span.start:span.end] = True
            chosen.append(span)
        chosen.sort(key=lambda s: s.start)
        return chosen


def link_in_doc(doc: Doc, spans: list[Span]) -> tuple[list[Span], dict[str, tuple[str, str]]]:
    """Find "<entity> (ABBR)" definitions; the short form there and every later bare one become
    mentions of the same entity (as in German LER, where "(BFH)" is a court mention of its own)."""
    defined: dict[str, tuple[str, str, int]] = {}  # abbr → (label, canonical, first token it may link)
    n = len(doc)
    for span in spans:
        i = span.end
        if span.label_ not in _ACTOR_LABELS or i + 2 >= n:
            continue
        if doc[i].text == "(" and doc[i + 2].text == ")":
            abbr = doc[i + 1].text
            if _looks_like_abbreviation(abbr) and abbr not in defined:
                defined[abbr] = (span.label_, span.kb_id_, i + 1)
    if not defined:
        return spans, {}
    # a known short form inside the definition keeps the long form's canonical ("(BMAS)" after the long name)
    starts = {defined_at for _, _, defined_at in defined.values()}
    spans = [s for s in spans if not (len(s) == 1 and s.start in starts)]
    return add_bare_mentions(doc, spans, defined), {a: (lab, can) for a, (lab, can, _) in defined.items()}


def add_bare_mentions(doc: Doc, spans: list[Span], known: dict[str, tuple[str, str, int]]) -> list[Span]:
    """Tokens equal to a known short form, at or after ``after`` and outside other entities."""
    if not known:
        return spans
    strings = doc.vocab.strings
    by_hash = {strings[abbr]: value for abbr, value in known.items() if abbr in strings}  # unseen: not in this doc
    if not by_hash:
        return spans
    orth = doc.to_array(ORTH)
    taken = np.zeros(len(doc), dtype=bool)
    for s in spans:
        taken[s.start:s.end] = True
    added: list[Span] = []
    # one pass over the tokens for all short forms (one per short form was quadratic on a text defining many)
    for i in np.flatnonzero(member(orth, hash_set(by_hash))).tolist():
        label, canonical, after = by_hash[int(orth[i])]
        if i < after or taken[i]:
            continue
        taken[i] = True
        added.append(Span(doc, i, i + 1, label=label, kb_id=canonical))
    if not added:
        return spans
    return sorted([*spans, *added], key=lambda s: s.start)


@Language.factory(
    "legal_entities",
    assigns=["doc.ents", "doc._.abbreviations"],
    default_config={
        "finders": ["ministries", "authorities", "courts", "places", "dates"], "link_abbreviations": True,
    },
)
def make_legal_entities(nlp: Language, name: str, finders: list[str], link_abbreviations: bool) -> LegalEntities:
    return LegalEntities(nlp, name, finders, link_abbreviations)
