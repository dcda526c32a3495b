"""NLP enrichment benchmark: quality on our gold file and on German LER, and throughput.

    python3 bench/bench_nlp.py [--runs N] [--mb MB] [--only gold|ler|speed] [--errors]

1. Gold (bench/data/nlp_gold.jsonl: the sample's three Randnummern plus SGB II sentences and
   sentences written for it): entity precision / recall / F1 per label (exact span and label),
   canonical-form accuracy on the matched spans, obligations per modality (a prediction matches a
   gold obligation with the same modality whose sentence holds the gold snippet) and bearer
   accuracy on the matched ones.
2. LER (../shared/data/ler/ler_dev.conll, German federal court decisions): recall of the gold
   INN (→ MINISTERIUM / BEHOERDE), GRT (→ GERICHT), ST and LD (→ ORT) spans, exact and overlapping,
   and how many of our spans of those labels coincide with a gold span of the mapped class.
3. Speed: words/s (``str.split``) of the whole enrichment on >= --mb MB of German text (LER
   sentences and the statutes in ../shared/data/laws, repeated as needed), against the bare
   ``spacy.blank("de")`` tokenizer run on the same texts in the same process; median of --runs
   interleaved runs, plus a per-component breakdown.

Parts whose data is absent are skipped with a message.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import spacy  # noqa: E402

from kb.model import Entry  # noqa: E402
from kb.nlp import analyze, enrich, load_pipeline  # noqa: E402
from kb.nlp.enrich import doc_entities  # noqa: E402

GOLD = REPO / "bench" / "data" / "nlp_gold.jsonl"
SHARED = REPO.parent / "shared" / "data"
LER = SHARED / "ler" / "ler_dev.conll"
LAWS = [SHARED / "laws" / f"{name}.xml" for name in ("sgb_2", "sgb_10", "sgb_12")]
LER_MAP = {"INN": {"MINISTERIUM", "BEHOERDE"}, "GRT": {"GERICHT"}, "ST": {"ORT"}, "LD": {"ORT"}}
ACTORS = {"MINISTERIUM", "BEHOERDE", "GREMIUM", "TRAEGER"}  # INN in LER also holds Bundesrat, BA, …


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table(title: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    rows = [[f"{c:.3f}" if isinstance(c, float) else str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))


# --------------------------------------------------------------------------- 1. gold


def _locate(text: str, surfaces: Sequence[Sequence], item: str) -> list[tuple[int, int, str, str | None]]:
    """Gold entities are listed in text order as [surface, label, canonical(, n)]; find their offsets
    (the n-th occurrence after the previous entity, default the first)."""
    out, pos = [], 0
    for surface, label, canonical, *nth in surfaces:
        start = text.find(str(surface), pos)
        for _ in range(int(nth[0]) - 1 if nth else 0):
            start = text.find(str(surface), start + 1)
        if start < 0:
            raise SystemExit(f"{GOLD}: item {item}: entity {surface!r} not found after offset {pos}")
        out.append((start, start + len(str(surface)), str(label), canonical))
        pos = start + 1
    return out


def bench_gold(show_errors: bool) -> None:
    if not GOLD.exists():
        print(f"\n[gold] skipped: {GOLD} is absent")
        return
    items = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    for split, title in (("dev", "development (written while building the rules)"),
                         ("heldout", "held out (SGB XII sentences drawn at random, annotated before the system ran)")):
        chosen = [it for it in items if it.get("split", "dev") == split]
        if chosen:
            _score_gold(chosen, f"{GOLD.relative_to(REPO)} — {title}", show_errors)


def _score_gold(items: list[dict], title: str, show_errors: bool) -> None:
    ent_counts: dict[str, Counter[str]] = defaultdict(Counter)
    canon = Counter()
    obl_counts: dict[str, Counter[str]] = defaultdict(Counter)
    bearer = Counter()
    errors: list[str] = []
    for item in items:
        text = item["text"]
        # the gold marks cited norms as NORM; they are citations (scored by the citation benchmark), no entities
        gold = [g for g in _locate(text, item["entities"], item["id"]) if g[2] != "NORM"]
        ents, obligations = analyze(text)
        predicted = {(e.start, e.end, str(e.label)): e for e in ents}
        gold_keys = {(s, e, lab) for s, e, lab, _ in gold}
        for s, e, lab, canonical in gold:
            if (s, e, lab) in predicted:
                ent_counts[lab]["tp"] += 1
                if canonical is not None:
                    ok = predicted[(s, e, lab)].canonical == canonical
                    canon["ok" if ok else "wrong"] += 1
                    if not ok:
                        errors.append(f"{item['id']}: canonical {predicted[(s, e, lab)].canonical!r} ≠ {canonical!r}")
            else:
                ent_counts[lab]["fn"] += 1
                errors.append(f"{item['id']}: missed {lab} {text[s:e]!r}")
        for key, e in predicted.items():
            if key not in gold_keys:
                ent_counts[key[2]]["fp"] += 1
                errors.append(f"{item['id']}: spurious {key[2]} {e.text!r}")
        unmatched = list(obligations)
        for g in item["obligations"]:
            hit = next((o for o in unmatched if str(o.modality) == g["modality"] and g["in"] in o.sentence), None)
            if hit is None:
                obl_counts[g["modality"]]["fn"] += 1
                errors.append(f"{item['id']}: missed obligation {g['modality']} ({g['in']!r})")
                continue
            unmatched.remove(hit)
            obl_counts[g["modality"]]["tp"] += 1
            ok = hit.bearer == g["bearer"]
            bearer["ok" if ok else "wrong"] += 1
            if not ok:
                errors.append(f"{item['id']}: bearer {hit.bearer!r} ≠ {g['bearer']!r}")
        for o in unmatched:
            obl_counts[str(o.modality)]["fp"] += 1
            errors.append(f"{item['id']}: spurious obligation {o.modality} {o.cue!r}: {o.sentence[:70]!r}")

    n_sent = sum(len([s for s in it["text"].replace("\n", " ").split(". ") if s.strip()]) for it in items)
    n_ents = sum(1 for i in items for e in i["entities"] if e[1] != "NORM")
    print(f"\n[gold] {title}: {len(items)} texts, ~{n_sent} sentences, "
          f"{n_ents} entities, {sum(len(i['obligations']) for i in items)} obligations")
    _prf_table("Entities (exact span + label)", ent_counts)
    total = canon["ok"] + canon["wrong"]
    print(f"canonical form correct on matched spans: {canon['ok']}/{total}"
          + (f" = {canon['ok'] / total:.3f}" if total else ""))
    _prf_table("Obligations (modality + sentence)", obl_counts)
    total = bearer["ok"] + bearer["wrong"]
    print(f"bearer correct on matched obligations: {bearer['ok']}/{total}"
          + (f" = {bearer['ok'] / total:.3f}" if total else ""))
    if show_errors and errors:
        print("\nerrors:")
        for line in errors:
            print("  " + line)


def _prf_table(title: str, counts: dict[str, Counter[str]]) -> None:
    rows = []
    total = Counter()
    for label in sorted(counts):
        c = counts[label]
        total.update(c)
        rows.append([label, c["tp"] + c["fn"], c["tp"], c["fp"], c["fn"], *prf(c["tp"], c["fp"], c["fn"])])
    rows.append(["micro", total["tp"] + total["fn"], total["tp"], total["fp"], total["fn"],
                 *prf(total["tp"], total["fp"], total["fn"])])
    table(title, ["label", "gold", "tp", "fp", "fn", "P", "R", "F1"], rows)


# --------------------------------------------------------------------------- 2. LER

_NO_SPACE_BEFORE = frozenset(",.;:)]?!/“")
_NO_SPACE_AFTER = frozenset("([„/")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    gold: tuple[tuple[int, int, str], ...]  # (start char, end char, class)


def read_ler(path: Path) -> list[Sentence]:
    """Detokenise each sentence (no space before closing punctuation), keeping gold char spans."""
    sentences: list[Sentence] = []
    tokens: list[tuple[str, str]] = []

    def flush() -> None:
        text, spans, cur = "", [], None
        for tok, tag in tokens:
            if text and tok not in _NO_SPACE_BEFORE and text[-1] not in _NO_SPACE_AFTER:
                text += " "
            start = len(text)
            text += tok
            if tag.startswith("B-"):
                if cur:
                    spans.append(cur)
                cur = [start, len(text), tag[2:]]
            elif tag.startswith("I-") and cur:
                cur[1] = len(text)
            else:
                if cur:
                    spans.append(cur)
                cur = None
        if cur:
            spans.append(cur)
        sentences.append(Sentence(text, tuple((s, e, c) for s, e, c in spans)))

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                tokens.append((parts[0], parts[-1]))
            elif tokens:
                flush()
                tokens = []
    if tokens:
        flush()
    return sentences


def bench_ler(show_errors: bool) -> None:
    if not LER.exists():
        print(f"\n[ler] skipped: {LER} is absent")
        return
    sentences = read_ler(LER)
    nlp = load_pipeline()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    ours: dict[str, Counter[str]] = defaultdict(Counter)
    missed: Counter[str] = Counter()
    for sent, doc in zip(sentences, nlp.pipe((s.text for s in sentences), batch_size=256), strict=True):
        predicted = [(e.start, e.end, str(e.label)) for e in doc_entities(doc, ())]
        for s, e, cls in sent.gold:
            if cls not in LER_MAP:
                continue
            labels = LER_MAP[cls]
            counts[cls]["gold"] += 1
            if any(ps == s and pe == e and lab in labels for ps, pe, lab in predicted):
                counts[cls]["exact"] += 1
            if any(ps < e and s < pe and lab in labels for ps, pe, lab in predicted):
                counts[cls]["overlap"] += 1
            elif show_errors:
                missed[f"{cls} {sent.text[s:e]}"] += 1
            if cls == "INN" and any(ps == s and pe == e and lab in ACTORS for ps, pe, lab in predicted):
                counts[cls]["exact_any"] += 1
        for ps, pe, lab in predicted:
            group = {"GERICHT": "GERICHT", "ORT": "ORT", "MINISTERIUM": "MIN/BEH", "BEHOERDE": "MIN/BEH"}.get(lab)
            if group is None:
                continue
            classes = {cls for cls, labels in LER_MAP.items() if lab in labels}
            ours[group]["n"] += 1
            if any(s == ps and e == pe and cls in classes for s, e, cls in sent.gold):
                ours[group]["exact"] += 1
            if any(s < pe and ps < e and cls in classes for s, e, cls in sent.gold):
                ours[group]["overlap"] += 1
            # LER marks a court named inside a decision citation ("BSG, Urteil vom …") as RS, not GRT
            if any(s <= ps and pe <= e and (cls in classes or cls == "RS") for s, e, cls in sent.gold):
                ours[group]["in_class_or_rs"] += 1
    print(f"\n[ler] {LER}: {len(sentences)} sentences")
    rows = []
    for cls in ("INN", "GRT", "ST", "LD"):
        c = counts[cls]
        rows.append([cls, "/".join(sorted(LER_MAP[cls])), c["gold"], c["exact"] / c["gold"] if c["gold"] else 0.0,
                     c["overlap"] / c["gold"] if c["gold"] else 0.0])
    st_ld = counts["ST"] + counts["LD"]
    rows.append(["ST+LD", "ORT", st_ld["gold"], st_ld["exact"] / max(st_ld["gold"], 1),
                 st_ld["overlap"] / max(st_ld["gold"], 1)])
    table("LER recall (gold spans found with the mapped label)", ["class", "our label", "gold", "R exact",
                                                                  "R overlap"], rows)
    inn = counts["INN"]
    print(f"INN exact with any institution label ({'/'.join(sorted(ACTORS))}): "
          f"{inn['exact_any'] / max(inn['gold'], 1):.3f}")
    rows = [[g, c["n"], c["exact"] / max(c["n"], 1), c["overlap"] / max(c["n"], 1),
             c["in_class_or_rs"] / max(c["n"], 1)] for g, c in sorted(ours.items())]
    table("Our spans vs. LER gold of the mapped class (a precision proxy: LER leaves many names unlabelled)",
          ["our label", "spans", "= gold span", "overlaps gold", "inside gold or RS"], rows)
    if show_errors:
        print("\nmost frequent misses:")
        for what, n in missed.most_common(25):
            print(f"  {n:3d}  {what}")


# --------------------------------------------------------------------------- 3. speed


def speed_texts(min_mb: float) -> list[str]:
    texts: list[str] = []
    if LER.exists():
        sents = [s.text for s in read_ler(LER)]
        texts += [" ".join(sents[i:i + 8]) for i in range(0, len(sents), 8)]  # ~ one Randnummer each
    from indexer.sources import parse_path

    for law in LAWS:
        if law.exists():
            texts += [e.text for e in parse_path(law).entries if e.text.strip()]
    if not texts:
        return []
    out = list(texts)
    while sum(len(t.encode()) for t in out) < min_mb * 1_000_000:
        out += texts
    return out


def _timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def bench_speed(runs: int, min_mb: float) -> None:
    texts = speed_texts(min_mb)
    if not texts:
        print("\n[speed] skipped: neither LER nor statute XML under ../shared/data")
        return
    words = sum(len(t.split()) for t in texts)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    blank = spacy.blank("de")
    nlp = load_pipeline()
    entries = [Entry(id=f"bench/{i}", work="bench", law="SGB 2", paragraph="1", position=i, text=t)
               for i, t in enumerate(texts)]
    cases: dict[str, Callable[[], object]] = {
        'spacy.blank("de") tokenizer (baseline)': lambda: [blank.make_doc(t) for t in texts],
        "legal tokenizer": lambda: [nlp.make_doc(t) for t in texts],
        "pipeline (nlp.pipe)": lambda: list(nlp.pipe(texts, batch_size=256)),
        "enrich() incl. citations.find": lambda: enrich(entries),
    }
    for fn in cases.values():  # warm up: lexeme and lemma caches, regex compilation
        fn()
    times: dict[str, list[float]] = defaultdict(list)
    comp_times: dict[str, list[float]] = defaultdict(list)
    for _ in range(runs):
        for name, fn in cases.items():
            times[name].append(_timed(fn))
        docs = [nlp.make_doc(t) for t in texts]
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            docs = [proc(d) for d in docs]
            comp_times[name].append(time.perf_counter() - t0)
    base = statistics.median(times['spacy.blank("de") tokenizer (baseline)'])
    print(f"\n[speed] {len(texts)} texts, {mb:.2f} MB, {words} words; median of {runs} interleaved runs")
    rows = [[name, statistics.median(t), words / statistics.median(t), base / statistics.median(t)]
            for name, t in times.items()]
    table("Throughput", ["what", "s", "words/s", "× baseline speed"], [[r[0], r[1], f"{r[2]:,.0f}", r[3]]
                                                                       for r in rows])
    total = sum(statistics.median(t) for t in comp_times.values())
    rows = [[name, statistics.median(t), f"{words / statistics.median(t):,.0f}", statistics.median(t) / total]
            for name, t in comp_times.items()]
    table("Pipeline components (each run alone over pre-tokenised docs)", ["component", "s", "words/s", "share"],
          rows)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--mb", type=float, default=1.0, help="minimum text size for the speed test")
    ap.add_argument("--only", choices=("gold", "ler", "speed"))
    ap.add_argument("--errors", action="store_true", help="list gold errors and LER misses")
    args = ap.parse_args(argv)
    if args.only in (None, "gold"):
        bench_gold(args.errors)
    if args.only in (None, "ler"):
        bench_ler(args.errors)
    if args.only in (None, "speed"):
        bench_speed(args.runs, args.mb)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
