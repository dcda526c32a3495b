"""To whom an obligation is addressed, as a reader recognises it: the groups of the obligation pages.

An obligation's bearer is an actor entity when the pipeline recognised one (``bearer_id``: the group is
that entity), else the subject text of the clause as found ("der Leistungsberechtigte", "Erwerbsfähige
Leistungsberechtigte", "sie", "Zwar", "Klage ist begründet, was der Senat …"). :func:`addressee_of` reads
that text as a noun phrase and names it the way one would in a heading — article and leading clutter
("sich", "I.") dropped, adjectives and a nominalised adjective in their ``-e`` form, so that
"der Leistungsberechtigte", "den Leistungsberechtigten" and "Leistungsberechtigter" fall together as
"Leistungsberechtigte", and "Erwerbsfähige Leistungsberechtigte" and "erwerbsfähigen
Leistungsberechtigten" as "erwerbsfähige Leistungsberechtigte". A subject that is no noun phrase — a
pronoun, an adverb, a clause the finder took for a subject — names nobody a reader could look up: it
joins the obligations without a recognised addressee, where each still shows its own text.

Pure string rules on purpose: the web groups thousands of obligations per request and must not load the
spaCy pipeline; the rules are deliberately narrow (a noun is a capitalised word; only endings of
adjectives and of nouns made from them are touched: "Kläger", "Arbeitgeber", "Personen" stay as written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.model import Obligation, slugify


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Articles, demonstratives and quantifiers in every case: not part of a name.
_DETERMINERS = _words("""
der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner keines jeder jede jedes
jedem jeden alle allen aller diese dieser dieses diesem diesen jene jener jenes solche solcher solches solchen
beide beiden sämtliche sämtlichen mehrere sein seine seiner seinen seinem ihr ihre ihrer ihren ihrem
""")
# Leading words that are no part of the subject: the reflexive of "haben sich … verpflichtet", conjunctions,
# and the agent's preposition of a passive ("durch die Behörde").
_LEADING = frozenset({"sich", "und", "oder", "sowie", "auch", "durch", "von", "vom"})
# Capitalised at the start of a sentence, but no noun: pronouns and sentence adverbs.
_NO_NOUN = _words("""
sie er es ihnen ihm ihr wir man wer was jemand niemand dies dieses das zwar vielmehr dadurch denn doch daher
deshalb insoweit hierbei dabei ferner zudem außerdem jedoch allerdings auch somit also damit danach dann so
nur bereits schon noch mithin folglich demnach andererseits einerseits unabhängig bezogen je mangels davon
hiervon insbesondere schließlich gleichwohl dennoch trotzdem ebenso ebenfalls soweit sofern wenn weil dass ob
demzufolge demnach hingegen dagegen indessen insofern überdies
""")
# Words with an adjective's ending that are none: prepositions, adverbs, pronouns ("bisher zuständige Behörde").
_NOT_ADJECTIVES = _words("""
unter über hinter wider wieder immer bisher dagegen entgegen gegen wegen neben zwischen ihnen denen deren dessen
aber oder außer nieder ferner später früher zudem indem trotzdem seitdem ebenso eben
""")
# Finite verbs that show the "subject" is really a clause ("Beklagte wird zu prüfen").
_VERBS = _words("""
ist sind war waren wäre wären wird werden wurde wurden hat haben hatte hatten hätte hätten kann können konnte
könnte könnten muss müssen musste müsste soll sollen sollte sollten darf dürfen dürfte
""")
# What may follow the noun inside the name: a genitive or prepositional attachment, a coordination.
_ATTACHING = frozenset({"des", "der", "für", "nach", "zur", "zum", "im", "in", "als", "und", "oder", "sowie", "zu",
                        "bei", "beim", "mit", "aus", "von", "vom", "auf", "gegen", "über", "an"})
_ENUMERATOR = re.compile(r"(?:[IVX]{1,4}|\d{1,3}|[a-zA-Z])[.)]")
_CLAUSE_MARKS = re.compile(r"[,;:()§–\n]")
# An adjective or participle, inflected: stem + ending ("zuständigen", "erwerbsfähige", "übermittelten").
_ADJECTIVE = re.compile(r"(?P<stem>\w+?)(?:e|en|er|em|es)")
# A noun made from one ("Leistungsberechtigten", "Beteiligter", "Beigeladenen", "Beamten"): only stems that end
# the way participles and adjectives do, so that "Kläger", "Vertreter", "Daten", "Kosten" are left alone.
_NOMINALISED = re.compile(r"(?P<stem>\w+?(?:igt|ig|los|lich|isch|agt|tzt|llt|tet|rt|en|mt))(?:e|en|em|es)"
                          r"|(?P<stem2>\w+?(?:igt|ig|los|lich|isch|agt|tzt|llt|tet|rt|en))er")
MAX_WORDS = 8  # a longer "subject" is a stretch of clause, not a name


@dataclass(frozen=True, slots=True)
class Addressee:
    """One group of the obligation pages.

    ``entity_id`` for a recognised actor entity (then ``key`` is that id); else ``key`` is the slug of the
    normalised subject ("erwerbsfaehige-leistungsberechtigte"); ``key`` is ``""`` for the group of
    obligations without a recognised addressee, whose ``name`` is ``NO_ADDRESSEE``.
    """

    key: str
    name: str
    entity_id: str | None = None

    @property
    def recognised(self) -> bool:
        return bool(self.key)


NO_ADDRESSEE = "ohne erkannten Adressaten"
NOBODY = Addressee("", NO_ADDRESSEE)


def _adjective(word: str) -> str | None:
    """An inflected adjective in its ``-e`` form ("zuständigen" → "zuständige"); None for any other word."""
    m = _ADJECTIVE.fullmatch(word)
    if m is None or not word.isalpha() or len(m.group("stem")) < 3 or word in _NOT_ADJECTIVES:
        return None
    return f"{m.group('stem')}e"


def _noun(word: str) -> str:
    """A noun made from an adjective in its ``-e`` form ("Leistungsberechtigten" → "Leistungsberechtigte"); any
    other noun as written."""
    m = _NOMINALISED.fullmatch(word)
    return f"{m.group('stem') or m.group('stem2')}e" if m else word


def addressee_name(subject: str) -> str | None:
    """The subject text of an obligation as a name for a heading ("den zuständigen Behörden" → "zuständige
    Behörden", "Der Leistungsberechtigte" → "Leistungsberechtigte"); None when it is no noun phrase."""
    if _CLAUSE_MARKS.search(subject):
        return None
    words = subject.split()
    while words and (words[0].casefold() in _DETERMINERS or words[0].casefold() in _LEADING
                     or _ENUMERATOR.fullmatch(words[0])):
        words = words[1:]
    if not words or len(words) > MAX_WORDS or any(w.casefold() in _VERBS for w in words):
        return None
    # the noun: the first capitalised word — not an adjective a sentence start capitalised ("Erwerbsfähige
    # Leistungsberechtigte")
    head = next((i for i, w in enumerate(words) if w[:1].isupper() and not (
        i + 1 < len(words) and words[i + 1][:1].isupper() and _adjective(w.lower()))), None)
    if head is None or head > 3 or words[head].casefold() in _NO_NOUN or not words[head][:1].isalpha():
        return None
    front = [_adjective(w.lower()) for w in words[:head]]  # adjectives lower-case, as in running text
    if not all(front):  # "in § 86 genannten Stellen", "befristet beschäftigter …": no name
        return None
    rest = words[head + 1:]
    if rest and rest[0].casefold() not in _ATTACHING:  # "Kläger hätte …", "PV Kabine …": a clause or no name
        return None
    return " ".join([*(a for a in front if a), _noun(words[head]), *rest])


def addressee_of(obligation: Obligation) -> Addressee:
    """The group an obligation belongs to: its bearer entity, the addressee its subject names, or nobody."""
    if obligation.bearer_id:
        return Addressee(obligation.bearer_id, obligation.bearer, obligation.bearer_id)
    name = addressee_name(obligation.bearer) if obligation.bearer else None
    key = slugify(name) if name else ""
    return Addressee(key, name) if name and key else NOBODY


__all__ = ["MAX_WORDS", "NOBODY", "NO_ADDRESSEE", "Addressee", "addressee_name", "addressee_of"]
