"""German compound splitting against a word list: "Zielvereinbarungen" → ziel, vereinbarungen.

The dictionary is Debian's ``wngerman`` (``/usr/share/dict/ngerman``, the new-orthography full-form
word list, ~356k words incl. inflected forms): it is packaged, maintained, licensed GPL, needs no
network, and being full-form it recognises inflected heads ("…vereinbarungen") without a lemmatiser.
Override the file with ``RANDNUMMER_WORDLIST``.

Splitting is used at index time only: a compound is indexed as itself *and* as its parts and every
contiguous run of parts ("Bürgergeldreform" → bürger, geld, reform, bürgergeld, geldreform), so a
query for a part finds the compound while the whole word stays searchable.
"""

from __future__ import annotations

import os
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

DEFAULT_WORDLIST = Path("/usr/share/dict/ngerman")

# Linking elements (Fugenelemente) that may sit between two parts: Leistung-s-berechtigte.
_LINKS = ("", "s", "es", "n", "en", "e", "-")
# Derivational heads that are not words on their own but carry meaning worth splitting off:
# "Trägerschaft" must be found by "Träger".
_SUFFIX_HEADS = frozenset({"schaft", "schaften"})
MIN_PART = 3  # shortest dictionary part ("amt", "tag"): shorter ones split nonsense
MIN_WORD = 7  # words shorter than this are never compounds worth splitting
_MAX_PARTS = 4


def wordlist_path() -> Path:
    return Path(os.environ.get("RANDNUMMER_WORDLIST", DEFAULT_WORDLIST))


class Dictionary:
    """The word list as a set: membership of lower-cased words.

    Held as the sorted 64-bit hashes of the words (8 bytes per word: ~3 MB for 356k words, where a
    frozenset of the strings holds ~40 MB in every serving process). Two different words share a hash
    with a probability of ~2⁻⁶⁴ per look-up: never in practice. Look-ups of many candidate parts at
    once (:meth:`among`) cost one numpy call.
    """

    def __init__(self, hashes: np.ndarray) -> None:
        self._hashes = hashes  # sorted, unique

    @classmethod
    def load(cls, path: Path) -> Dictionary:
        """The words of ``path`` (one per line) of :data:`MIN_PART` or more letters; empty when it cannot be read."""
        hashes: list[np.ndarray] = []
        try:
            with path.open(encoding="utf-8") as f:
                # ~256 KB of lines at a time: one lower() per piece is 4x faster than per word, and the whole
                # file is never held as text or as a list of words (the serving process's peak memory).
                while lines := f.readlines(1 << 18):
                    words = [w for w in "".join(lines).lower().split() if len(w) >= MIN_PART]
                    hashes.append(np.fromiter(map(hash, words), dtype=np.int64, count=len(words)))
        except OSError:
            return cls(np.zeros(0, dtype=np.int64))
        if not hashes:
            return cls(np.zeros(0, dtype=np.int64))
        every = np.sort(np.concatenate(hashes))  # (np.unique hashes instead of sorting: 50x slower here)
        return cls(every[np.concatenate(([True], every[1:] != every[:-1]))] if len(every) else every)

    def __bool__(self) -> bool:
        return bool(len(self._hashes))

    def __len__(self) -> int:
        return len(self._hashes)

    def __contains__(self, word: object) -> bool:
        h = self._hashes
        i = int(np.searchsorted(h, hash(word)))
        return i < len(h) and int(h[i]) == hash(word)

    def among(self, words: list[str]) -> list[bool]:
        """For each of ``words``: is it in the dictionary?"""
        h = self._hashes
        if not len(h) or not words:
            return [False] * len(words)
        keys = np.fromiter(map(hash, words), dtype=np.int64, count=len(words))
        i = np.searchsorted(h, keys)
        i[i >= len(h)] = 0
        return (h[i] == keys).tolist()


@cache
def dictionary() -> Dictionary:
    """Dictionary words usable as compound parts (lower case); empty when the word list is absent."""
    return Dictionary.load(wordlist_path())


def available() -> bool:
    return bool(dictionary())


@lru_cache(maxsize=200_000)
def split(word: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the parts of a lower-cased compound, linking elements excluded.

    ``()`` when the word is not a compound. The split with the fewest parts wins (then the one with
    the longest head), so "Landkreis" is land|kreis and not lan|dkreis.
    """
    words = dictionary()
    if len(word) < MIN_WORD or not words or not word.isalpha():
        return ()
    best = _split_from(word, 0, words, _MAX_PARTS)
    return best if best and len(best) > 1 else ()


def _split_from(word: str, start: int, words: Dictionary, budget: int) -> tuple[tuple[int, int], ...] | None:
    rest = word[start:]
    if start > 0 and (rest in words or rest in _SUFFIX_HEADS):
        return ((start, len(word)),)
    if budget <= 1:
        return None
    best: tuple[tuple[int, int], ...] | None = None
    # Longest first part first: fewer, more meaningful parts (all candidate first parts looked up at once).
    ends = range(len(word) - MIN_PART, start + MIN_PART - 1, -1)
    for end, known in zip(ends, words.among([word[start:e] for e in ends]), strict=True):
        if not known:
            continue
        for link in _LINKS:
            nxt = end + len(link)
            if word[end:nxt] != link or len(word) - nxt < MIN_PART:
                continue
            tail = _split_from(word, nxt, words, budget - 1)
            if tail is not None:
                cand = ((start, end), *tail)
                if best is None or len(cand) < len(best):
                    best = cand
        if best is not None and len(best) == 2:
            break
    return best


@lru_cache(maxsize=200_000)
def subwords(word: str) -> tuple[str, ...]:
    """Parts and every contiguous run of parts shorter than the whole word, e.g. for
    "bürgergeldreform": bürger, geld, reform, bürgergeld, geldreform."""
    spans = split(word)
    if not spans:
        return ()
    out: list[str] = []
    n = len(spans)
    for i in range(n):
        for j in range(i, n):
            if i == 0 and j == n - 1:
                continue
            part = word[spans[i][0]:spans[j][1]]
            if part not in _SUFFIX_HEADS:
                out.append(part)
                if i == j and part not in dictionary():  # an unknown part may itself be a compound
                    out.extend(subwords(part))
    return tuple(dict.fromkeys(out))
