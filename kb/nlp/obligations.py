"""Who must, shall, may or must not do what: deontic statements found by rule.

Without a parser the clause is approximated: boundaries are ";", ":" and commas that open a
subordinate or relative clause; the subject is the Vorfeld of a verb-second clause, the noun phrase
right after the finite verb (inversion: "haben sich die zugelassenen kommunalen Träger …
verpflichtet"), or the noun phrase after a subordinator. A bearer is an actor entity (Träger,
Ministerium, Behörde, Gremium, Gericht, Ort) when one heads the subject, else the subject text;
passives ("soll … festgelegt werden") take the agent of "durch/von" or no bearer.

Forms (modality): müssen; haben … zu + Inf.; ist … zu + Inf.; ist verpflichtet; verpflichten sich;
obliegt (pflicht) · sollen (soll) · können, dürfen, ist berechtigt (kann) · dürfen nicht, ist
unzulässig (verbot).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IDX, IS_LOWER, LENGTH, LOWER, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from kb.model import Modality

from .components import _ACTOR_LABELS, BatchedPipe, entity_spans, hash_set, member
from .tokenizer import doc_text

_ACTOR_NAMES = frozenset(str(label) for label in _ACTOR_LABELS)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MODALS: dict[str, Modality] = {
    **dict.fromkeys(("muss", "müssen", "musst", "musste", "mussten", "müsste", "müssten"), Modality.PFLICHT),
    **dict.fromkeys(("soll", "sollen", "sollte", "sollten"), Modality.SOLL),
    **dict.fromkeys(
        ("kann", "können", "könnte", "könnten", "darf", "dürfen", "durfte", "dürfte", "dürften"), Modality.KANN
    ),
    **dict.fromkeys(("obliegt", "obliegen", "oblag"), Modality.PFLICHT),
}
_DUERFEN = frozenset({"darf", "dürfen", "durfte", "dürfte", "dürften"})
_KOENNEN = frozenset({"kann", "können", "könnte", "könnten"})
_OBLIEGT = frozenset({"obliegt", "obliegen", "oblag"})
_AUX_SEIN = frozenset({"ist", "sind", "war", "waren"})  # not "wäre": a hypothetical binds nobody
_AUX_HABEN = frozenset({"hat", "haben", "hatte", "hatten"})
_AUX_ALL = _AUX_SEIN | _AUX_HABEN | {"wird", "werden", "wurde", "wurden"}
_PREDICATES: dict[str, Modality] = {
    "verpflichtet": Modality.PFLICHT,
    "gehalten": Modality.PFLICHT,
    "berechtigt": Modality.KANN,
    "befugt": Modality.KANN,
    "ermächtigt": Modality.KANN,
    "unzulässig": Modality.VERBOT,
    "verboten": Modality.VERBOT,
    "untersagt": Modality.VERBOT,
    "zulässig": Modality.KANN,
    "gestattet": Modality.KANN,
    "erlaubt": Modality.KANN,
}
_NEGATIONS = frozenset({"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals"})
SUBORDINATORS = frozenset(
    {
        "dass",
        "daß",
        "wenn",
        "weil",
        "soweit",
        "sofern",
        "falls",
        "ob",
        "obwohl",
        "obgleich",
        "damit",
        "bevor",
        "nachdem",
        "während",
        "indem",
        "solange",
        "sobald",
        "bis",
        "als",
        "wie",
        "wobei",
        "wodurch",
        "womit",
        "weshalb",
        "wonach",
        "wozu",
        "um",
        "ohne",
        "anstatt",
        "statt",
        "es",
        "so",
    }
)
RELATIVES = frozenset(
    {
        "der",
        "die",
        "das",
        "dem",
        "den",
        "deren",
        "dessen",
        "denen",
        "welche",
        "welcher",
        "welches",
        "welchem",
        "welchen",
    }
)
_PREPOSITIONS = frozenset(
    [
        "an",
        "auf",
        "aus",
        "bei",
        "durch",
        "für",
        "gegen",
        "gegenüber",
        "hinter",
        "in",
        "im",
        "ins",
        "mit",
        "nach",
        "neben",
        "ohne",
        "seit",
        "über",
        "um",
        "unter",
        "von",
        "vom",
        "vor",
        "während",
        "wegen",
        "zu",
        "zum",
        "zur",
        "zwischen",
        "ab",
        "bis",
        "trotz",
        "innerhalb",
        "außerhalb",
        "aufgrund",
        "anhand",
        "gemäß",
        "entsprechend",
        "laut",
    ]
)
_NOMINATIVE_DETERMINERS = frozenset(
    {
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "kein",
        "keine",
        "jeder",
        "jede",
        "jedes",
        "alle",
        "diese",
        "dieser",
        "dieses",
        "beide",
        "sämtliche",
        "mehrere",
    }
)
_OBLIQUE_DETERMINERS = frozenset({"dem", "den", "des", "einem", "einen", "eines", "einer", "diesem", "diesen"})
_PRONOUNS = frozenset({"er", "sie", "es", "man", "wer"})
_OPENERS_TO_DROP = SUBORDINATORS | {"und", "oder", "aber", "sondern", "denn", "sowie", "dass"}
_ZU_INF = re.compile(r"^[a-zäöüß]+(?:en|ern|eln)$")
_PARTICLE_ZU_INF = re.compile(
    r"^(?:ab|an|auf|aus|bei|ein|fest|her|hin|mit|nach|vor|weg|zurück|zusammen|dar|fort|frei|gegenüber|gleich|"
    r"heran|herauf|heraus|hinzu|los|nieder|offen|sicher|statt|teil|unter|voran|vorbei|weiter|wieder|durch|über|"
    r"bereit|bekannt|fern|klar|kennen|stand|wahr|zuvor|entgegen|um|zu|nach|herbei|hervor|vorweg|zurecht)"
    r"zu[a-zäöüß]{2,}(?:en|ern|eln)$"
)
_NOT_AN_INFINITIVE = frozenset(
    {
        "den",
        "denen",
        "einen",
        "diesen",
        "jenen",
        "seinen",
        "ihren",
        "allen",
        "deren",
        "anderen",
        "beiden",
        "wenigen",
        "vielen",
        "solchen",
        "jeweiligen",
        "eigenen",
        "unseren",
        "keinen",
        "zusammen",
        "zugunsten",
        "zulasten",
    }
)
# "ist … zu erwarten / verstehen": modal passive of opinion or reading, not a duty
_NOT_A_DUTY = frozenset(
    {
        "erwarten",
        "befürchten",
        "vermuten",
        "verstehen",
        "entnehmen",
        "lesen",
        "sehen",
        "erkennen",
        "bezweifeln",
        "begrüßen",
        "unterscheiden",
        "kritisieren",
        "bemerken",
        "verneinen",
        "bejahen",
        "fragen",
        "klären",
        "sagen",
        "erklären",
    }
)
_CLAUSE_PUNCT = frozenset({";", ":"})
ZU_INFIX = re.compile(r"zu[a-zäöüß]{2,}(?:en|ern|eln)\b")
_INTERROGATIVES = frozenset({"welche", "welchen", "welcher", "welches", "welchem", "wie", "ob", "was", "wer", "wen",
                             "wem", "inwieweit", "wann", "wo", "warum", "weshalb", "wieweit"})


@dataclass(frozen=True, slots=True)
class Found:
    """One deontic statement, offsets into the doc; bearer is a span when an entity heads the subject."""

    modality: Modality
    cue: str
    sentence: Span
    bearer_span: Span | None  # an actor entity
    bearer_text: str  # subject text when no entity
    action: str


def _is_zu_infinitive(tokens: list[str], orig: list[str], i: int) -> bool:
    if not orig[i][:1].islower():
        return False  # "zu Lasten", "zu Beginn": a noun, not an infinitive
    low = tokens[i]
    if _PARTICLE_ZU_INF.match(low) and low not in _NOT_AN_INFINITIVE:
        return True
    return i > 0 and tokens[i - 1] == "zu" and bool(_ZU_INF.match(low)) and low not in _NOT_AN_INFINITIVE


class ObligationFinder(BatchedPipe):
    """Finds candidate sentences without a Python loop over tokens: the token hashes (LOWER) are
    matched against the cue words with numpy; "ist/hat … zu + Inf." sentences need an auxiliary and
    a zu-infinitive. Only candidate sentences are analysed clause by clause.
    """

    def __init__(self, nlp: Language, name: str, max_sentence_tokens: int) -> None:
        self.name = name
        self.max_sentence_tokens = max_sentence_tokens
        strings = nlp.vocab.strings
        strong = {*MODALS, *_PREDICATES, "verpflichten", "verpflichtet", "verpflichtete", "verpflichteten"}
        self._strong = hash_set(strings.add(w) for w in strong)
        self._aux = hash_set(strings.add(w) for w in _AUX_SEIN | _AUX_HABEN)
        self._zu = strings.add("zu")

    def __call__(self, doc: Doc) -> Doc:
        found: list[Found] = []
        n = len(doc)
        text = doc_text(doc)
        if n:
            arr = doc.to_array([LOWER, SENT_START, IDX, IS_LOWER, LENGTH])
            starts = np.flatnonzero(arr[:, 1] == 1)
            if len(starts) == 0 or starts[0] != 0:
                starts = np.concatenate(([0], starts))
            is_start = np.zeros(n, dtype="int64")
            is_start[starts] = 1
            sent_of = np.cumsum(is_start) - 1
            wanted = set(sent_of[member(arr[:, 0], self._strong)].tolist())
            aux_sents = set(sent_of[member(arr[:, 0], self._aux)].tolist()) - wanted
            if aux_sents:
                zu_at = np.flatnonzero(arr[:-1, 0] == self._zu) + 1  # the token after "zu" …
                zu_tokens = zu_at[arr[zu_at, 3] == 1].tolist()  # … when it is a lower-case word
                infixes = [m.start() for m in ZU_INFIX.finditer(text)  # "anzuwenden", "sicherzustellen"
                           if m.start() > 0 and text[m.start() - 1].isalpha()]
                if infixes:  # one search for all: a column of ``arr`` is a strided view, copied on every call
                    idx = np.ascontiguousarray(arr[:, 2])
                    found_at = np.searchsorted(idx, np.asarray(infixes, dtype=idx.dtype), side="right")
                    zu_tokens.extend((found_at.astype("int64") - 1).tolist())
                wanted |= aux_sents & set(sent_of[zu_tokens].tolist()) if zu_tokens else set()
            bounds = [*starts.tolist(), n]
            actors = [
                Span(doc, a, b, label=label, kb_id=ident) for a, b, label, ident in entity_spans(doc)
                if label in _ACTOR_NAMES
            ] if wanted else []
            starts_c, lengths = arr[:, 2].tolist(), arr[:, 4].tolist()
            for k in sorted(wanted):
                begin, end = bounds[k], bounds[k + 1]
                if end - begin <= self.max_sentence_tokens:
                    words = [text[a:a + ln] for a, ln in zip(starts_c[begin:end], lengths[begin:end], strict=True)]
                    found.extend(find_in_sentence(doc[begin:end], actors, words))
        doc._.obligations = found
        return doc


@Language.factory(
    "obligations",
    assigns=["doc._.obligations"],
    requires=["doc.sents", "doc.ents"],
    default_config={"max_sentence_tokens": 250},
)
def make_obligation_finder(nlp: Language, name: str, max_sentence_tokens: int) -> ObligationFinder:
    return ObligationFinder(nlp, name, max_sentence_tokens)


# --------------------------------------------------------------------------- per sentence


_COORDINATORS = frozenset({"und", "oder", "aber", "sondern", "denn", "doch"})
_INFINITIVE_LIKE = re.compile(r"^[a-zäöüß]+(?:en|ern|eln|n)$")


def _clause_bounds(low: list[str], orig: list[str], c: int, needs_infinitive: bool = False) -> tuple[int, int, bool]:
    """[start, end) of the clause around token c (sentence-relative), and whether it is subordinate.

    A comma ends a clause when a subordinator, relative pronoun or conjunction follows — except
    that a main clause with a modal ("soll … feststellen") runs on to its infinitive: a comma right
    after a noun there separates list items ("die Merkmale, die Fähigkeiten und die Eignung").
    """
    n = len(low)
    start, subordinate = 0, False
    for b in range(c, 0, -1):
        prev = orig[b - 1]
        if prev in _CLAUSE_PUNCT:
            start = b
            break
        if prev in (",", "(", "–") and (
            low[b] in SUBORDINATORS
            or low[b] in RELATIVES
            or (low[b] in _PREPOSITIONS and b + 1 < n and low[b + 1] in RELATIVES)
        ):
            start, subordinate = b, True
            break
        if prev == "," and low[b] in _COORDINATORS:  # ", und der Träger muss …": a coordinated main clause
            start = b + 1
            break
        if prev == "," and b == c:  # "Wenn …, muss der Träger": the Vorfeld is the preceding clause
            start = b
            break
    start = _skip_markers(orig, start, c)
    if start < c and low[start] in SUBORDINATORS - {"es", "so", "als", "wie", "bis", "um"}:
        subordinate = True
    end = n
    for e in range(c + 1, n):
        tok = orig[e]
        if tok in _CLAUSE_PUNCT or tok in (".", "!", "?"):
            end = e
            break
        if tok == "," and (
            subordinate
            or (e + 1 < n and (low[e + 1] in SUBORDINATORS or low[e + 1] in RELATIVES or low[e + 1] in _COORDINATORS))
        ):
            if needs_infinitive and not subordinate and low[e + 1:e + 2] != ["und"] and \
                    not _INFINITIVE_LIKE.match(orig[e - 1]) and low[e - 1] not in ("sein", "werden", "lassen"):
                continue
            end = e
            break
    return start, end, subordinate


def _extend_over_infinitive(low: list[str], orig: list[str], ce: int) -> int:
    """"ist verpflichtet, die Daten zu übermitteln": the infinitive clause after the comma belongs to it."""
    n = len(low)
    while ce < n and orig[ce] == ",":
        e2 = ce + 1
        while e2 < n and orig[e2] not in (",", ";", ":", ".", "!", "?"):
            e2 += 1
        if not any(_is_zu_infinitive(low, orig, j) for j in range(ce + 1, e2)):
            break
        ce = e2
    return ce


_MARKER = re.compile(r"^(?:\d{1,3}[a-z]?|[a-z]{1,2}|[ivx]{1,4})[.)]$")
_BULLETS = frozenset({"-", "–", "•", "*", "·", "▪"})


def _skip_markers(orig: list[str], i: int, end: int) -> int:
    """Skip Absatz numbers "(4)", item numbers "1." / "a)" and bullets at a clause start."""
    while i < end:
        if orig[i] == "(" and i + 2 < end and orig[i + 2] == ")" and len(orig[i + 1]) <= 4:
            i += 3
        elif _MARKER.match(orig[i]) or orig[i] in _BULLETS or orig[i].isspace():
            i += 1
        else:
            break
    return i


_ADVERBS = _words("""
insoweit hierbei dabei ferner zudem außerdem daher deshalb deswegen grundsätzlich jedoch dagegen hingegen allerdings
auch ebenso insbesondere schließlich zunächst sodann anschließend künftig bisher nunmehr hierzu dazu darüber hierfür
dafür damit somit also vorrangig ergänzend zusätzlich soweit sofern dann danach davor vorher nachher zugleich
gleichzeitig ebenfalls weiterhin überdies darüber hinaus jeweils stets immer regelmäßig ausnahmsweise nur lediglich
bereits schon noch mithin folglich demnach demgemäß dementsprechend hiernach hiervon hierüber dazu darin dort hier
""")
_ADVERB_SUFFIX = re.compile(r"(?:end|lich|weise|mäßig|falls|dings|halb|wärts|mals)$")


def _vorfeld_is_subject(low: list[str], orig: list[str], first: int, c: int, ents: list[Span], s0: int) -> bool:
    if first >= c:
        return False
    w0 = low[first]
    if _entity_at(ents, s0, first) is not None or w0 in _NOMINATIVE_DETERMINERS or w0 in _PRONOUNS:
        return True
    if w0 in _PREPOSITIONS or w0 in _OBLIQUE_DETERMINERS or w0 in _ADVERBS or w0 in SUBORDINATORS:
        return False
    if _ADVERB_SUFFIX.search(w0):
        return False
    return orig[first][:1].isupper()


def _entity_at(ents: list[Span], sent_start: int, i: int) -> Span | None:
    for e in ents:
        if e.start - sent_start <= i < e.end - sent_start:
            return e
    return None


def _np_end(low: list[str], orig: list[str], i: int, end: int) -> int:
    """End of a simple noun phrase starting at i: determiner, adjectives, a noun, genitive attachments."""
    j = i
    if j < end and low[j] in _NOMINATIVE_DETERMINERS | _OBLIQUE_DETERMINERS:
        j += 1
        # an extended attribute: "der für den Aufenthaltsort örtlich zuständige Träger"
        if j < end and low[j] in _PREPOSITIONS:
            k = j + 1
            if k < end and low[k] in _NOMINATIVE_DETERMINERS | _OBLIQUE_DETERMINERS:
                k += 1
            while k < end and orig[k][:1].islower() and low[k] not in _PREPOSITIONS:
                k += 1
            if k + 1 < end and orig[k][:1].isupper() and orig[k + 1][:1].islower():
                j = k + 1
    while j < end and orig[j][:1].islower() and orig[j] not in (",",) and low[j] not in _PREPOSITIONS:
        j += 1
    if j < end and orig[j][:1].isupper():
        j += 1
    while j + 1 < end and orig[j - 1].endswith("-") and low[j] in ("und", "oder", "bis"):
        j += 2  # "Stadt- und Landkreise"
    # genitive attachment: "die Mitglieder des Kooperationsausschusses"
    while j + 1 < end and low[j] in ("des", "der") and orig[j + 1][:1].isalpha():
        k = j + 1
        while k < end and orig[k][:1].islower() and low[k] not in _PREPOSITIONS:
            k += 1
        if k < end and orig[k][:1].isupper():
            j = k + 1
        else:
            break
    return j


def find_in_sentence(sent: Span, actors: list[Span], words: list[str] | None = None) -> list[Found]:
    """Deontic statements of one sentence; ``actors`` are the doc's actor entities, in order;
    ``words`` the token texts when the caller has them."""
    doc = sent.doc
    orig = words if words is not None else [t.text for t in sent]
    low = [t.lower() for t in orig]
    n = len(low)
    ents = _within(actors, sent.start, sent.end)
    out: list[Found] = []
    done_clauses: set[tuple[int, int]] = set()
    for c in range(n):
        w = low[c]
        modality: Modality | None = None
        cue = orig[c]
        finite = c
        zu_form = False
        predicate = False
        if w in MODALS:
            modality = MODALS[w]
        elif w in _AUX_ALL or (w.startswith("verpflicht") and c + 1 < n and low[c + 1] == "sich"):
            cs, ce, _ = _clause_bounds(low, orig, c)
            tail = range(c + 1, ce)
            pred = next((j for j in tail if low[j] in _PREDICATES), None)
            if w.startswith("verpflicht"):
                modality, cue = Modality.PFLICHT, f"{orig[c]} sich"
            elif pred is not None and (
                w in _AUX_SEIN
                or w in ("wird", "werden", "wurde", "wurden")
                or (w in _AUX_HABEN and "sich" in low[c + 1 : pred])
            ):
                modality, cue = _PREDICATES[low[pred]], f"{orig[c]} … {orig[pred]}"
                predicate = True
            elif w in _AUX_SEIN | _AUX_HABEN:
                zu = next((j for j in range(cs, ce) if j != c and _is_zu_infinitive(low, orig, j)), None)
                if zu is None or low[zu].replace("zu", "", 1) in _NOT_A_DUTY or low[zu] in _NOT_A_DUTY:
                    continue
                if zu + 1 < ce and orig[zu + 1][:1].isupper():
                    continue  # attributive: "der zu erstattende Betrag"
                if any(low[k] in ("um", "ohne", "anstatt") for k in range(cs, zu)):
                    continue
                modality, cue = Modality.PFLICHT, f"{orig[c]} … {'zu ' if low[zu - 1] == 'zu' else ''}{orig[zu]}"
                zu_form = True
        if modality is None:
            continue
        cs, ce, subordinate = _clause_bounds(low, orig, c, needs_infinitive=w in MODALS and w not in _OBLIEGT)
        if predicate or w.startswith("verpflicht"):
            ce = _extend_over_infinitive(low, orig, ce)
        if (cs, ce) in done_clauses:
            continue
        clause_low = low[cs:ce]
        if cs + 1 < n and low[cs] == "ohne" and low[cs + 1] == "dass":
            continue  # "ohne dass … eine Rolle spielen sollen": no statement of what anyone shall do
        if subordinate and low[cs] in _INTERROGATIVES:
            continue  # "bestimmen, welchen Anforderungen … genügen muss": an indirect question
        if subordinate and low[cs] in ("wenn", "falls"):
            continue  # "Wenn die Leistung … erbracht werden muss, kann …": a condition, not a statement
        negated = any(t in _NEGATIONS for t in clause_low)
        if w in _DUERFEN and negated:
            modality, cue = Modality.VERBOT, f"{orig[c]} nicht"
        elif negated and predicate and modality is Modality.KANN:
            modality, cue = Modality.VERBOT, cue.replace(" … ", " … nicht ")  # "ist nicht zulässig / befugt"
        elif negated and (w in _KOENNEN or (modality is Modality.PFLICHT and (w in MODALS or predicate))):
            continue  # "kann nicht", "muss nicht", "ist nicht verpflichtet": neither permission nor duty
        elif negated and zu_form:
            if cue.endswith("anzuwenden"):
                continue  # "§ 39 ist nicht anzuwenden": a rule does not apply, nobody is bound
            modality, cue = Modality.VERBOT, cue.replace(" … ", " … nicht ")  # "ist nicht zu berücksichtigen"
        done_clauses.add((cs, ce))
        modal_passive = zu_form and w in _AUX_SEIN  # "ist … anzuwenden": the subject is what is to be done
        bearer_span, bearer_text, action = _bearer_and_action(
            doc, sent, ents, actors, low, orig, cs, ce, finite, subordinate, w in _OBLIEGT, modal_passive
        )
        out.append(Found(modality, cue, sent, bearer_span, bearer_text, action))
    return out


def _antecedent(sent: Span, actors: list[Span], clause_start: int) -> Span | None:
    """For a pronoun subject: the first actor entity of an earlier clause of the sentence
    ("Das BMAS kann …; es kann …"), else of the sentence before."""
    same = next(iter(_within(actors, sent.start, sent.start + clause_start)), None)
    if same is not None or sent.start == 0:
        return same
    prev = sent.doc[sent.start - 1].sent
    return next(iter(_within(actors, prev.start, prev.end)), None)


def _within(actors: list[Span], start: int, end: int) -> list[Span]:
    """The actors inside token range [start, end); ``actors`` is sorted by start (bisect, not a scan:
    a long statute has thousands of sentences and entities)."""
    out = []
    for k in range(bisect.bisect_left(actors, start, key=lambda e: e.start), len(actors)):
        e = actors[k]  # by index: a slice ``actors[lo:]`` copied the rest of the list per sentence
        if e.start >= end:
            break
        if e.end <= end:
            out.append(e)
    return out


def _subject_before_relative_clause(low: list[str], orig: list[str], cs: int, c: int, ents: list[Span],
                                    s0: int) -> tuple[int, int] | None:
    """"Erwerbsfähige Leistungsberechtigte, die … beziehen, sind verpflichtet": the noun phrase
    before the relative clause that ends right before the finite verb."""
    if cs != c or c < 3 or orig[c - 1] != ",":
        return None
    for k in range(c - 2, 0, -1):
        if orig[k] in _CLAUSE_PUNCT:
            return None
        if orig[k - 1] == "," and (low[k] in RELATIVES or (low[k] in _PREPOSITIONS and low[k + 1] in RELATIVES)):
            p = k - 1
            while p > 0 and orig[p - 1] not in _CLAUSE_PUNCT and orig[p - 1] != ",":
                p -= 1
            p = _skip_markers(orig, p, k - 1)
            if _vorfeld_is_subject(low, orig, p, k - 1, ents, s0):
                return p, k - 1
            return None
    return None


def _is_passive(low: list[str], c: int, ce: int) -> bool:
    tail = [t for t in low[c + 1 : ce] if t not in (")", "(")]
    return bool(tail) and tail[-1] in ("werden", "worden", "wird", "sein") and len(tail) > 1


def _bearer_and_action(
    doc: Doc,
    sent: Span,
    ents: list[Span],
    actors: list[Span],
    low: list[str],
    orig: list[str],
    cs: int,
    ce: int,
    c: int,
    subordinate: bool,
    obliegt: bool,
    modal_passive: bool,
) -> tuple[Span | None, str, str]:
    s0 = sent.start
    bearer: Span | None = None
    bearer_text = ""
    b_start = b_end = -1
    if obliegt:
        # "obliegt den Jobcentern": the bearer is the dative object
        for e in ents:
            if cs <= e.start - s0 < ce:
                bearer, b_start, b_end = e, e.start - s0, e.end - s0
                if e.start - s0 > c or low[max(e.start - s0 - 1, 0)] in ("dem", "den", "der"):
                    break
        if bearer is None:
            dative = next((j for j in range(cs, ce) if j != c and low[j] in ("dem", "den")), None)
            if dative is not None:
                b_start, b_end = dative, _np_end(low, orig, dative, ce)
                bearer_text = " ".join(orig[dative + 1 : b_end])
    elif _is_passive(low, c, ce) or modal_passive:
        for j in range(cs, ce - 1):
            if low[j] in ("durch", "von", "vom"):
                e = _entity_at(ents, s0, j + 1) or (
                    _entity_at(ents, s0, j + 2) if low[j + 1] in ("den", "die", "das", "dem", "der") else None
                )
                if e is not None:
                    bearer, b_start, b_end = e, j, e.end - s0
                    break
    else:
        if subordinate:
            first = cs
            while first < c and (low[first] in SUBORDINATORS or low[first] in ("und", "oder", "inwieweit")):
                first += 1
            if first == cs and low[cs] in RELATIVES:
                first += 1
            if cs < ce and low[cs] in RELATIVES and cs > 0 and orig[cs - 1] == ",":
                # relative clause: the antecedent before the comma bears the duty
                ante = _entity_at(ents, s0, cs - 2)
                if ante is not None:
                    bearer, b_start, b_end = ante, cs, cs + 1
            elif low[cs] in _PREPOSITIONS:
                first = cs + 2
            if bearer is None and first < c:
                b_start, b_end = first, _np_end(low, orig, first, c)
        else:
            relative = _subject_before_relative_clause(low, orig, cs, c, ents, s0)
            if _vorfeld_is_subject(low, orig, cs, c, ents, s0):
                b_start, b_end = cs, c
            elif relative is not None:
                b_start, b_end = relative
            else:
                j = c + 1
                skipped = 0
                while (
                    j < ce
                    and skipped < 3
                    and orig[j][:1].islower()
                    and low[j] not in _NOMINATIVE_DETERMINERS | _OBLIQUE_DETERMINERS | _PREPOSITIONS | _PRONOUNS
                ):
                    j += 1
                    skipped += 1
                if j < ce and (
                    low[j] in _NOMINATIVE_DETERMINERS
                    or _entity_at(ents, s0, j) is not None
                    or orig[j][:1].isupper()
                    or low[j] in _PRONOUNS
                ):
                    b_start, b_end = j, _np_end(low, orig, j, ce)
                    if low[j] in _PRONOUNS:
                        b_end = j + 1
        if b_start >= 0:
            head = b_start + (1 if low[b_start] in _NOMINATIVE_DETERMINERS else 0)
            e = _entity_at(ents, s0, head)
            if e is not None and e.start - s0 <= head:
                bearer = e
                b_end = max(b_end, e.end - s0)
            elif head < b_end and low[head] in ("sie", "er", "es") and b_end == head + 1:
                # "Zu ihrer Unterstützung können sie …": the actor of the sentence before
                bearer = _antecedent(sent, actors, cs)
                bearer_text = "" if bearer is not None else orig[head]
            else:
                tokens = orig[head:b_end] if b_end > head else []
                bearer_text = " ".join(tokens).replace(" ,", ",")
    # action: the clause without the finite verb and the bearer; a post-verbal bearer takes the
    # few words between verb and bearer ("sich", "bereits") with it
    parts: list[tuple[int, int]] = []
    if subordinate and 0 <= b_start < c:
        parts += [(b_end, c), (c + 1, ce)]  # verb-final: "dass die Kreise … heranziehen … können"
    elif b_start > c:
        pre_start = cs
        while pre_start < c and low[pre_start] in _OPENERS_TO_DROP:
            pre_start += 1
        if pre_start < c:
            parts.append((pre_start, c))
        parts.append((b_end, ce))
    elif b_start >= 0:
        parts.append((c + 1, ce))
    else:
        pre_start = cs
        while pre_start < c and low[pre_start] in _OPENERS_TO_DROP:
            pre_start += 1
        parts += [(pre_start, c), (c + 1, ce)]
    text = doc_text(doc)
    action = " ".join(text[sent[a].idx:sent[b - 1].idx + len(orig[b - 1])] for a, b in parts if b > a)
    action = action.strip(" ,;:").lstrip("-–•* ")
    return bearer, bearer_text, re.sub(r"\s+", " ", action)
