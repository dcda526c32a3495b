"""Citation benchmark on German court decisions: ours vs. refex (legal-reference-extraction).

    python3 bench/bench_citations.py [--conll PATH] [--repeat N] [--errors CLASS]

Reads ../shared/data/ler/ler_dev.conll (token TAG, IOB2, blank line between sentences),
detokenises every sentence keeping each token's character offsets, runs both extractors on the
same sentence strings and scores their spans against the gold GS (statutes), VO (ordinances) and
EUN (EU / international norms) spans: exact-span and overlap precision / recall / F1. Court
decisions are scored apart against the gold RS (Rechtsprechung) spans: our decision citations vs.
refex's case extractor (Aktenzeichen and reporter references); "all" stays the statute classes.

Both systems' spans go through the same steps: snapped outwards to whole tokens (the gold is
token-level; "SGB X." is one token) and assigned a class by the same rule on their text
(EU act / ordinance / statute). Speed is chars/s over all sentences, median of --repeat runs.
Skips with a message (exit 0) when the data or refex is missing.
"""

from __future__ import annotations

import argparse
import bisect
import logging
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kb import laws  # noqa: E402
from kb.citations import find  # noqa: E402
from kb.model import CitationKind  # noqa: E402

DEFAULT_CONLL = REPO.parent / "shared" / "data" / "ler" / "ler_dev.conll"
CLASSES = ("GS", "VO", "EUN")  # statutes, ordinances, EU / international norms: one extractor, classed by wording
DECISIONS = "RS"  # court decisions (Rechtsprechung): scored with each system's decision extractor

_NO_SPACE_BEFORE = frozenset(",.;:)]?!/“")
_NO_SPACE_AFTER = frozenset("([„/")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    starts: tuple[int, ...]  # token start offsets
    ends: tuple[int, ...]
    gold: frozenset[tuple[int, int, str]]  # (start, end, class)


def read_conll(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    tokens: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if tokens:
                    sentences.append(_sentence(tokens))
                    tokens = []
                continue
            token, _, tag = line.rpartition(" ")
            tokens.append((token, tag))
    if tokens:
        sentences.append(_sentence(tokens))
    return sentences


def _sentence(tokens: list[tuple[str, str]]) -> Sentence:
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    prev = ""
    for tok, _ in tokens:
        if parts and tok not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        starts.append(pos)
        parts.append(tok)
        pos += len(tok)
        ends.append(pos)
        prev = tok
    gold: set[tuple[int, int, str]] = set()
    i = 0
    while i < len(tokens):
        tag = tokens[i][1]
        if tag.startswith("B-") and tag[2:] in (*CLASSES, DECISIONS):
            label = tag[2:]
            j = i + 1
            while j < len(tokens) and tokens[j][1] == f"I-{label}":
                j += 1
            gold.add((starts[i], ends[j - 1], label))
            i = j
        else:
            i += 1
    return Sentence("".join(parts), tuple(starts), tuple(ends), frozenset(gold))


# ---------------------------------------------------------------------------- one rule for both systems

_VT = re.compile(r"\bB?AT(?:-O)?\b|TV\b|\bTV[-\s]|TVöD|TVÜ|Tarifvertrag|\bTV-[A-ZÄÖÜ]|\bMTV\b")
_EUN = re.compile(
    r"\b(?:EMRK|AEUV|EUV|EGV|EG-Vertrag|GRCh|GrCh|EPÜ|PVÜ|DSGVO|DS-GVO|IPwskR|IPbpR)\b|"
    r"Richtlinie\s+(?:\(\w+\)\s*)?(?:Nr\.?\s*)?\d|\bRL\b|"
    r"[(<]\s*(?:EG|EU|EWG)\s*[)>]|\b(?:VO|Verordnung)\s*(?:Nr\.?\s*\d+/\d+)|Menschenrechtskonvention|"
    r"Sozialcharta|Europäisch|Unionsrecht|Rahmenvereinbarung"
)
_VO = re.compile(r"(?<!Staats)[Vv]erordnung|\b[A-ZÄÖÜ][\wÄÖÜäöü]*VO\b|\bVO\b|\bWO\b"
                 r"|(?<!SGB )\b(?![\wÄÖÜäöü]*StV\b)[A-ZÄÖÜ][\wÄÖÜäöü]*[a-zäöü][\wÄÖÜäöü]*V\b")


_WORD = re.compile(r"[A-ZÄÖÜ][\wÄÖÜäöüß-]+")


def _eu_law_named(span_text: str) -> bool:
    whole = laws.lookup(span_text)
    return (whole is not None and whole.eu) or any(
        (law := laws.lookup(w)) is not None and law.eu for w in _WORD.findall(span_text))


# Not statutes: works agreements, service regulations, tariff and church employment rules, G-BA guidelines.
_VS = re.compile(r"\b(?:BV|ZDv|ZE|KAT|KTD|GBV|NV|AVR|DVO\.EKD|RiStBV|[A-Z][A-Za-z]*RL)\b|MTArb|Tarif|Satzung|-TV\b")


def classify(span_text: str) -> str:
    """EUN / VO / GS by the span's wording (and the law table's EU flag); "VT" / "VS" (agreements,
    administrative rules) are not scored. Applied identically to both systems' spans."""
    if _VT.search(span_text):
        return "VT"
    if _VS.search(span_text) and not _eu_law_named(span_text):
        return "VS"
    if _EUN.search(span_text) or _eu_law_named(span_text):
        return "EUN"
    if _VO.search(span_text):
        return "VO"
    return "GS"


def snap(sent: Sentence, start: int, end: int) -> tuple[int, int] | None:
    """Widen a character span to the tokens it touches."""
    i = bisect.bisect_right(sent.ends, start)
    j = bisect.bisect_left(sent.starts, end) - 1
    if i >= len(sent.starts) or j < i:
        return None
    return sent.starts[i], sent.ends[j]


Extractor = Callable[[str], Iterable[tuple[int, int]]]


def ours(text: str) -> list[tuple[int, int]]:
    # LER annotates citations that name their law; bookless / relative ones ("§ 9", "Abs. 2") are
    # completed from the context by resolve() and not scored here, nor are Randnummern.
    return [(c.start, c.end) for c in find(text) if c.kind is not CitationKind.RZ and c.law]


def ours_decisions(text: str) -> list[tuple[int, int]]:
    return [(c.start, c.end) for c in find(text) if c.kind is CitationKind.DECISION]


def refex_extractor(kind: str = "RegexLawExtractor") -> Extractor | None:
    """refex's regex engine: ``RegexLawExtractor`` (norms) or ``RegexCaseExtractor`` (decisions)."""
    try:
        from refex.engines import regex
    except ImportError:
        return None
    logging.getLogger("refex").setLevel(logging.CRITICAL)  # it logs every marker it cannot assign
    engine = getattr(regex, kind)()

    def run(text: str) -> list[tuple[int, int]]:
        cits, _ = engine.extract(text)
        return sorted({(c.span.start, c.span.end) for c in cits})

    return run


def predict(extract: Extractor, sentences: list[Sentence], label: str | None = None) -> list[set[tuple[int, int, str]]]:
    """Each system's spans per sentence, snapped to tokens and classed by :func:`classify` (or all ``label``)."""
    out = []
    for sent in sentences:
        spans = set()
        for start, end in extract(sent.text):
            snapped = snap(sent, start, end)
            if snapped:
                spans.add((*snapped, label or classify(sent.text[snapped[0]:snapped[1]])))
        out.append(spans)
    return out


def speed(extract: Extractor, sentences: list[Sentence], repeat: int) -> float:
    chars = sum(len(s.text) for s in sentences)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for s in sentences:
            extract(s.text)
        times.append(time.perf_counter() - t0)
    return chars / statistics.median(times)


@dataclass(frozen=True, slots=True)
class Score:
    p: float
    r: float
    f: float


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> Score:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def score(sentences: list[Sentence], preds: list[set[tuple[int, int, str]]], label: str | None,
          overlap: bool) -> Score:
    tp_p = n_pred = tp_g = n_gold = 0
    for sent, pred in zip(sentences, preds, strict=True):
        gold = {g for g in sent.gold if g[2] == label or (label is None and g[2] in CLASSES)}
        mine = {p for p in pred if p[2] == label or (label is None and p[2] in CLASSES)}
        if label is None:  # class-agnostic
            gold = {(s, e, "") for s, e, _ in gold}
            mine = {(s, e, "") for s, e, _ in mine}
        n_pred += len(mine)
        n_gold += len(gold)
        if overlap:
            tp_p += sum(any(p[0] < g[1] and g[0] < p[1] and p[2] == g[2] for g in gold) for p in mine)
            tp_g += sum(any(p[0] < g[1] and g[0] < p[1] and p[2] == g[2] for p in mine) for g in gold)
        else:
            tp_p += len(mine & gold)
            tp_g += len(mine & gold)
    return _prf(tp_p, n_pred, tp_g, n_gold)


def show_errors(sentences: list[Sentence], preds: list[set[tuple[int, int, str]]], label: str, limit: int) -> None:
    shown = 0
    for sent, pred in zip(sentences, preds, strict=True):
        gold = {g for g in sent.gold if g[2] == label}
        mine = {p for p in pred if p[2] == label}
        for s, e, _ in sorted(gold - mine):
            print(f"  MISS {sent.text[s:e]!r}   | {sent.text[max(0, s - 30):e + 30]!r}")
            shown += 1
        for s, e, _ in sorted(mine - gold):
            print(f"  FP   {sent.text[s:e]!r}   | {sent.text[max(0, s - 30):e + 30]!r}")
            shown += 1
        if shown >= limit:
            return


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--conll", type=Path, default=DEFAULT_CONLL)
    ap.add_argument("--repeat", type=int, default=5, help="timing runs (median reported)")
    ap.add_argument("--errors", choices=(*CLASSES, DECISIONS), help="print our misses / false positives for a class")
    ap.add_argument("--limit", type=int, default=80)
    args = ap.parse_args(argv)
    if not args.conll.exists():
        print(f"skipped: {args.conll} is absent (the LER dev split lives in ../shared/data/ler/)")
        return 0
    sentences = read_conll(args.conll)
    systems: dict[str, Extractor] = {"ours": ours}
    decision_systems: dict[str, Extractor] = {"ours": ours_decisions}
    baseline, case_baseline = refex_extractor(), refex_extractor("RegexCaseExtractor")
    if baseline is None or case_baseline is None:
        print("note: refex (pip install legal-reference-extraction) not installed — baseline skipped")
    else:
        systems["refex"], decision_systems["refex"] = baseline, case_baseline
    preds = {name: predict(fn, sentences) for name, fn in systems.items()}
    decision_preds = {name: predict(fn, sentences, DECISIONS) for name, fn in decision_systems.items()}
    if args.errors:
        chosen = decision_preds if args.errors == DECISIONS else preds
        show_errors(sentences, chosen["ours"], args.errors, args.limit)
    gold_counts = {c: sum(1 for s in sentences for g in s.gold if g[2] == c) for c in (*CLASSES, DECISIONS)}
    chars = sum(len(s.text) for s in sentences)
    print(f"LER dev: {len(sentences)} sentences, {chars:,} chars; gold spans "
          + ", ".join(f"{c} {n}" for c, n in gold_counts.items()))
    header = f"{'class':<5} {'system':<6} | {'exact P':>7} {'R':>6} {'F1':>6} | {'overlap P':>9} {'R':>6} {'F1':>6}"
    print(header)
    print("-" * len(header))
    rows = [(label, name, preds[name]) for label in (*CLASSES, None) for name in systems]
    rows += [(DECISIONS, name, decision_preds[name]) for name in decision_systems]
    for label, name, predicted in rows:
        ex = score(sentences, predicted, label, overlap=False)
        ov = score(sentences, predicted, label, overlap=True)
        print(f"{label or 'all':<5} {name:<6} | {ex.p:7.3f} {ex.r:6.3f} {ex.f:6.3f} | "
              f"{ov.p:9.3f} {ov.r:6.3f} {ov.f:6.3f}")
    speeds = {name: speed(fn, sentences, args.repeat if name == "ours" else max(1, args.repeat // 2))
              for name, fn in systems.items()}
    print()
    for name, cps in speeds.items():
        ratio = f"  ({cps / speeds['refex']:.1f}× refex)" if "refex" in speeds and name != "refex" else ""
        print(f"speed {name:<6} {cps / 1e6:6.2f} M chars/s (median of runs){ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
