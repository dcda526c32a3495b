"""The German analysis (:mod:`kb.search.analysis`) as a Whoosh analyzer, registered by name.

Whoosh pickles the schema, analyzer included, into the index: the index records this class and the
registered name it was built with (``"german"``, or ``"german-plain"`` for the size comparison).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from whoosh.analysis import Analyzer, Token

from kb.search.analysis import analyze_words


class GermanAnalyzer(Analyzer):
    """Whoosh tokens for the terms of :func:`kb.search.analysis.analyze_words`: one reused token object, as
    Whoosh's own tokenizers do; ``start_pos`` / ``start_char`` shift positions and characters, ``removestops=False``
    yields the stop words marked ``stopped``."""

    def __init__(self, split_compounds: bool = True) -> None:
        self.split_compounds = split_compounds

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: object) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for terms, pos, start, end, stopped in analyze_words(
                value, "index" if mode == "index" else "query", split_compounds=self.split_compounds,
                keep_stops=not removestops, tokenize=tokenize):
            t.stopped = stopped
            if keeporiginal:
                t.original = value[start:end]
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            for term in terms:
                t.text, t.boost = term, 1.0
                yield t


def german_analyzer() -> Analyzer:
    return GermanAnalyzer()


def german_plain_analyzer() -> Analyzer:
    """Same terms as :func:`german_analyzer` without compound parts (for the size comparison)."""
    return GermanAnalyzer(split_compounds=False)


ANALYZERS: dict[str, Callable[[], Analyzer]] = {
    "german": german_analyzer, "german-plain": german_plain_analyzer,
}


def get_analyzer(name: str = "german") -> Analyzer:
    """An analyzer by its registered name; the index records the name it was built with."""
    try:
        return ANALYZERS[name]()
    except KeyError:
        raise ValueError(f"unknown analyzer {name!r}; known: {', '.join(ANALYZERS)}") from None


__all__ = ["ANALYZERS", "GermanAnalyzer", "get_analyzer"]
