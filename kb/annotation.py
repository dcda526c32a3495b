"""Annotation as a service: any text in; its citations, entities and obligations out, linkable.

    >>> from kb.annotation import annotate, make_context
    >>> result = annotate("Es gilt Abs. 4.", make_context(law="SGB II", paragraph="48b"))
    >>> [t.key for c in result.citations for t in c.targets]
    ['SGB 2 § 48b Abs. 4']
    >>> result.html(url_for=kb.url_for_target)   # escaped HTML, citations linked  # doctest: +SKIP

Citations are resolved in the given :class:`kb.citations.Context` ("Abs. 4" in the commentary on
§ 48b SGB II is § 48b Abs. 4); entities and obligations come from the spaCy pipeline
(:mod:`kb.nlp`). The CLI's ``kb annotate`` and the web's ``POST /api/annotate`` both call this.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kb import laws
from kb.citations import Context, extract
from kb.citations import annotate as annotate_html
from kb.limits import MAX_ANNOTATE_CHARS
from kb.links import entity_mention
from kb.model import Citation, Entity, Obligation, Target, Work

UrlFor = Callable[[Target], str | None]


@dataclass(frozen=True, slots=True)
class Annotation:
    """What was found in one text; offsets are Python character offsets into ``text``."""

    text: str
    context: Context
    citations: tuple[Citation, ...]
    entities: tuple[Entity, ...]
    obligations: tuple[Obligation, ...]

    def html(self, url_for: UrlFor | None = None) -> str:
        """The text as escaped HTML, citations as ``<a class="cite">`` (linked through ``url_for`` where it
        knows the target, else to gesetze-im-internet.de; ``<span class="cite">`` when neither knows an address)
        and entities as ``<span class="ent">``."""
        return annotate_html(self.text, self.citations, entities=self.entities, url_for=url_for)

    def to_dict(self) -> dict[str, Any]:
        c = self.context
        return {
            "context": {"law": c.law, "paragraph": c.paragraph, "work": c.work},
            "length": len(self.text),
            "citations": [x.to_dict() for x in self.citations],
            "entities": [entity_mention(x) for x in self.entities],  # with their names for readers
            "obligations": [x.to_dict() for x in self.obligations],
        }


def make_context(*, law: str | None = None, paragraph: str | None = None, work: str | None = None,
                 find_work: Callable[[str], Work | None] | None = None) -> Context:
    """The context a user names: any spelling of a law ("SGB II", "SGB 2"), a § number, and a work slug whose
    law and § fill in what is not given (``find_work``: e.g. ``KnowledgeBase.work``).

    Raises ``ValueError`` naming an unknown law or work, in German: the web shows the message as it is.
    """
    if work and find_work is not None:
        known = find_work(work)
        if known is None:
            raise ValueError(f"unbekanntes Werk „{work}“; die Werke stehen unter /k und in `kb search`")
        law, paragraph = law or known.law, paragraph or known.paragraph
    if law:
        found = laws.lookup(law)
        if found is None:
            raise ValueError(f"unbekanntes Gesetz „{law}“ (z. B. „SGB II“, „SGB 2“, „BGB“)")
        law = found.key
    return Context(law, paragraph, work)




class TextTooLong(ValueError):
    """The text is longer than :data:`MAX_ANNOTATE_CHARS`; ``length`` and ``limit`` in characters."""

    def __init__(self, length: int, limit: int = MAX_ANNOTATE_CHARS) -> None:
        self.length, self.limit = length, limit
        super().__init__(f"text too long to annotate: {length:,} characters, at most {limit:,}")


def check_length(text: str) -> None:
    """Raise :class:`TextTooLong` when ``text`` is over :data:`MAX_ANNOTATE_CHARS`."""
    if len(text) > MAX_ANNOTATE_CHARS:
        raise TextTooLong(len(text))


def annotate(text: str, context: Context | None = None) -> Annotation:
    """Citations of ``text`` resolved in ``context`` (default: none known), and its entities and obligations.

    Raises :class:`TextTooLong` for a text over :data:`MAX_ANNOTATE_CHARS` characters.
    """
    from kb.nlp import analyze  # spaCy: loaded on first use

    check_length(text)
    context = context or Context()
    citations = extract(text, context)
    entities, obligations = analyze(text, citations)  # the citations once: their stretches are no entities
    return Annotation(text, context, citations, entities, obligations)


__all__ = ["MAX_ANNOTATE_CHARS", "Annotation", "TextTooLong", "annotate", "check_length", "make_context"]
