"""Search benchmark: Randnummer (Whoosh) against SQLite FTS5 on the same corpus and queries.

    python3 bench/bench_search.py                      # 10k and 100k entries
    python3 bench/bench_search.py --sizes 10000        # small run
    python3 bench/bench_search.py --sizes 10000 --compound-cost --variants

What it does, per size:
1. generates a reproducible corpus (``--seed``): commentary works of ~40 Randnummern with ~80 words
   each, sentences drawn from ../shared/data (LER court-decision sentences and the SGB II / X / XII
   statute text), or from a built-in legal vocabulary where that folder is absent; written as
   plain-text sources with a manifest, exactly what ``kb build`` reads;
2. builds it with ``indexer.build.build`` (parse, citations, spaCy enrichment, records, index) and
   reports entries/s and the stage times;
3. loads the same entries into SQLite FTS5 (stdlib sqlite3, unicode61 tokenizer, bm25 ranking);
4. runs the same query set (single term, AND, phrase, filtered, citation jump; frequent and rare
   terms) against both, each in a fresh spawned process so that serving memory is that of the
   searcher alone; prints p50 / p95 per kind and the Whoosh/FTS5 ratio.

Targets (issue 6) at 100k entries: p95 ≤ 50 ms and p50 ≤ 5 ms for every kind, citation jumps ≤ 2 ms,
build ≥ 1,000 entries/s, serving memory ≤ 500 MB.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing as mp
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO))

LAWS = [("SGB 2", "SGB II"), ("SGB 10", "SGB X"), ("SGB 12", "SGB XII"), ("SGB 3", "SGB III"), ("BGB", "BGB")]
WORDS_PER_ENTRY = 80
RZ_PER_WORK = 40
KINDS = ("single", "and", "phrase", "filtered", "citation")

# Fallback vocabulary when ../shared/data is absent: legal German, with a few very frequent words.
_FALLBACK = (
    "Der zugelassene kommunale Träger schließt mit der zuständigen Landesbehörde eine Zielvereinbarung über die "
    "Leistungen zur Eingliederung in Arbeit. Die Bundesagentur für Arbeit erbringt Leistungen nach diesem Buch. "
    "Erwerbsfähige Leistungsberechtigte erhalten Bürgergeld, soweit sie hilfebedürftig sind. Der Bescheid ist "
    "schriftlich zu begründen; der Widerspruch hat aufschiebende Wirkung. Das Jobcenter prüft die Erreichbarkeit "
    "und den Kooperationsplan. Die Kosten der Unterkunft und Heizung werden in Höhe der tatsächlichen Aufwendungen "
    "anerkannt, soweit diese angemessen sind. Sozialhilfe erhält, wer seinen notwendigen Lebensunterhalt nicht aus "
    "eigenen Kräften und Mitteln bestreiten kann. Die Behörde ermittelt den Sachverhalt von Amts wegen. Ein "
    "Verwaltungsakt ist nichtig, soweit er an einem besonders schwerwiegenden Fehler leidet. Das Sozialgericht "
    "entscheidet über die Klage gegen den Widerspruchsbescheid nach § 86a SGG."
)


# --------------------------------------------------------------------------- corpus


def load_sentences() -> tuple[list[str], str]:
    sentences: list[str] = []
    ler = SHARED / "ler" / "ler_dev.conll"
    if ler.exists():
        tokens: list[str] = []
        for line in ler.read_text("utf-8").splitlines():
            if not line.strip():
                if tokens:
                    sentences.append(_detok(tokens))
                tokens = []
            else:
                tokens.append(line.rsplit(" ", 1)[0])
    for name in ("sgb_2.xml", "sgb_10.xml", "sgb_12.xml"):
        path = SHARED / "laws" / name
        if path.exists():
            text = re.sub(r"<[^>]+>", " ", path.read_text("utf-8"))
            for part in re.split(r"(?<=[.;:])\s+", re.sub(r"\s+", " ", text)):
                if 6 <= len(part.split()) <= 60:
                    sentences.append(part.strip())
    if sentences:
        return sentences, f"{SHARED} (LER sentences, SGB II/X/XII text)"
    return re.split(r"(?<=\.)\s+", _FALLBACK), "built-in fallback vocabulary (../shared/data absent)"


def _detok(tokens: list[str]) -> str:
    text = " ".join(tokens)
    return re.sub(r"\s+([.,;:)?!“])", r"\1", re.sub(r"([(„])\s+", r"\1", text))


@dataclass(frozen=True)
class BenchEntry:
    work: str
    law: str
    paragraph: str
    rz: str
    text: str


_MARKER = re.compile(r"^(?:\(?[\w§]{1,4}[.)]|[-–•*]|Rz\.?|Rn\.?)$")


def make_corpus(n: int, seed: int, sentences: list[str]) -> list[BenchEntry]:
    rnd = random.Random(seed)
    entries: list[BenchEntry] = []
    n_works = max(1, n // RZ_PER_WORK)
    for w in range(n_works):
        law, _ = LAWS[w % len(LAWS)]
        paragraph = f"{w // len(LAWS) + 1}" + ("" if w % 3 else "a")
        slug = f"{law.lower().replace(' ', '-')}-{paragraph}"
        count = RZ_PER_WORK if w < n_works - 1 else n - len(entries)
        number = 0
        for r in range(count):
            if r % 13 == 12:
                rz = f"{number}a"  # an inserted Randnummer: 12, 12a, 13
            else:
                number += 1
                rz = str(number)
            # A Randnummer's text starts with a capitalised word: "Rz. 9" followed by "wenn …" reads as
            # a wrapped cross-reference to the parser, and "cc)", "3." would start an outline heading.
            first = rnd.choice(sentences).split()
            while not first or _MARKER.match(first[0]) or not first[0][:1].isupper():
                first = rnd.choice(sentences).split()
            words = list(first)
            while len(words) < WORDS_PER_ENTRY:
                words.extend(rnd.choice(sentences).split())
            entries.append(BenchEntry(slug, law, paragraph, rz, " ".join(words[:WORDS_PER_ENTRY + 10])))
    return entries


def write_sources(entries: list[BenchEntry], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    by_work: dict[str, list[BenchEntry]] = {}
    for e in entries:
        by_work.setdefault(e.work, []).append(e)
    manifest = []
    for slug, items in by_work.items():
        first = items[0]
        (folder / f"{slug}.txt").write_text("".join(f"Rz. {e.rz}\n{e.text}\n" for e in items), "utf-8")
        manifest.append(f'[[work]]\nfile = "{slug}.txt"\nslug = "{slug}"\ntitle = "Kommentar zu § {first.paragraph} '
                        f'{first.law}"\nlaw = "{first.law}"\nparagraph = "{first.paragraph}"\nencoding = "utf-8"\n')
    (folder / "manifest.toml").write_text("\n".join(manifest), "utf-8")


# --------------------------------------------------------------------------- queries


@dataclass(frozen=True)
class Query:
    kind: str
    text: str  # Randnummer query language
    fts: str  # FTS5 MATCH expression (None-like "" for citation jumps)
    law: str | None = None  # FTS5 filter
    cite: tuple[str, str] | None = None  # (work, rz) for the SQLite citation jump


_WORD = re.compile(r"[^\W\d_]{4,}")


def make_queries(entries: list[BenchEntry], seed: int, per_kind: int) -> list[Query]:
    rnd = random.Random(seed + 1)
    from kb.search.analysis import STOPWORDS

    df: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    for e in entries:
        words = [w for w in _WORD.findall(e.text) if w.lower() not in STOPWORDS]
        df.update({w.lower() for w in words})
        bigrams.update(pairwise(words))
    ranked = [w for w, _ in df.most_common()]
    frequent = ranked[:60]  # the most frequent words: the tail-latency case
    # A small vocabulary (the built-in fallback) has no words that rare: then the rarer half.
    rare = [w for w, n in df.items() if 3 <= n <= 30] or ranked[len(ranked) // 2:]
    rnd.shuffle(rare)
    big = [b for b, _ in bigrams.most_common(3000)]
    common_bi, rare_bi = big[:200], (big[1000:3000] or big[len(big) // 2:])

    def pick(kind_list: list[Any], i: int) -> Any:
        return kind_list[i % len(kind_list)]

    out: list[Query] = []
    half = per_kind // 2
    for i in range(per_kind):
        w = pick(frequent, i) if i < half else pick(rare, i)
        out.append(Query("single", w, f'"{w}"'))
    for i in range(per_kind):
        a = pick(frequent, i)
        b = pick(frequent, i + 7) if i < half else pick(rare, i + 3)
        out.append(Query("and", f"{a} {b}", f'"{a}" AND "{b}"'))
    for i in range(per_kind):
        a, b = pick(common_bi, i) if i < half else pick(rare_bi, i * 7)
        out.append(Query("phrase", f'"{a} {b}"', f'"{a} {b}"'))
    for i in range(per_kind):
        w = pick(frequent, i + 3) if i < half else pick(rare, i + 5)
        law, display = LAWS[i % len(LAWS)]
        out.append(Query("filtered", f'{w} law:"{display}"', f'"{w}"', law=law))
    for _ in range(per_kind):
        e = entries[rnd.randrange(len(entries))]
        display = dict(LAWS)[e.law]
        out.append(Query("citation", f"§ {e.paragraph} Rz. {e.rz} {display}", "", cite=(e.work, e.rz)))
    return out


# --------------------------------------------------------------------------- serving (spawned processes)


def _rss_mb() -> float:
    """Peak resident memory of this process (VmHWM; ru_maxrss would include the pre-exec parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def serve_whoosh(root: str, queries: list[Query], warmup: list[Query], new_searcher: bool = False) -> dict[str, Any]:
    """Open the knowledge base, warm it with other queries, then time each query the first time it is
    asked ("times": no result cache can help) and once more ("repeat": the result cache answers)."""
    sys.path.insert(0, str(REPO))
    # Opening includes the imports: the engine's modules load when the build names its backend.
    t0 = time.perf_counter()
    from kb.store import KnowledgeBase

    kb = KnowledgeBase.open(Path(root))
    opened = time.perf_counter() - t0
    for q in warmup:
        kb.search(q.text)
    times: dict[str, list[float]] = {k: [] for k in KINDS}
    repeat: dict[str, list[float]] = {k: [] for k in KINDS}
    misses = 0
    for p in range(2):
        for q in queries:
            if new_searcher:
                kb.close()
                kb = KnowledgeBase.open(Path(root))
            gc.disable()
            t = time.perf_counter()
            res = kb.search(q.text)
            dt = (time.perf_counter() - t) * 1000
            gc.enable()
            (times if p == 0 else repeat)[q.kind].append(dt)
            if p == 0 and q.kind == "citation" and res.direct is None:
                misses += 1
    return {"times": times, "repeat": repeat, "rss": _rss_mb(), "open_s": opened, "citation_misses": misses}


def serve_fts(db: str, queries: list[Query], warmup: list[Query]) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    times: dict[str, list[float]] = {k: [] for k in KINDS}
    repeat: dict[str, list[float]] = {k: [] for k in KINDS}
    for p, batch in enumerate((warmup, queries, queries)):
        for q in batch:
            t = time.perf_counter()
            if q.kind == "citation":
                assert q.cite is not None
                conn.execute("SELECT json FROM entries WHERE work = ? AND rz = ?", q.cite).fetchall()
            else:
                where, args = "fts MATCH ?", [q.fts]
                if q.law:
                    where += " AND law = ?"
                    args.append(q.law)
                conn.execute(f"SELECT count(*) FROM fts WHERE {where}", args).fetchall()
                conn.execute(f"SELECT rowid, snippet(fts, 0, '<mark>', '</mark>', '…', 24) FROM fts WHERE {where} "
                             "ORDER BY rank LIMIT 10", args).fetchall()
            dt = (time.perf_counter() - t) * 1000
            if p:
                (times if p == 1 else repeat)[q.kind].append(dt)
    return {"times": times, "repeat": repeat, "rss": _rss_mb()}


def build_fts(entries: list[BenchEntry], path: Path) -> float:
    import json

    t = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIRTUAL TABLE fts USING fts5(text, law UNINDEXED, work UNINDEXED, rz UNINDEXED, "
                 "tokenize = 'unicode61 remove_diacritics 2')")
    conn.execute("CREATE TABLE entries (work TEXT, rz TEXT, json TEXT, PRIMARY KEY (work, rz))")
    conn.executemany("INSERT INTO fts VALUES (?,?,?,?)", ((e.text, e.law, e.work, e.rz) for e in entries))
    conn.executemany("INSERT OR IGNORE INTO entries VALUES (?,?,?)",
                     ((e.work, e.rz, json.dumps(e.__dict__, ensure_ascii=False)) for e in entries))
    conn.execute("INSERT INTO fts(fts) VALUES('optimize')")
    conn.commit()
    conn.close()
    return time.perf_counter() - t


def _spawn(fn: Any, *args: Any) -> Any:
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(fn, args)


def _spawn_env(env: dict[str, str], fn: Any, *args: Any) -> Any:
    import os

    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # inherited by the spawned process
    try:
        return _spawn(fn, *args)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# --------------------------------------------------------------------------- report


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def _size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def compound_cost(entries: list[BenchEntry], workdir: Path) -> tuple[float, float]:
    """Whoosh index size (MB) with and without compound parts, for the same entries."""
    from kb.model import Entry, RzNumber, Work, WorkKind, entry_id
    from kb.search.whoosh.index import write_index

    def items() -> Any:
        for i, e in enumerate(entries):
            w = Work(e.work, e.work, WorkKind.COMMENTARY, e.law, e.paragraph)
            yield Entry(entry_id(e.work, RzNumber(e.rz), occurrence=i + 1), e.work, e.law, e.paragraph, i, e.text,
                        rz=RzNumber(e.rz)), w

    sizes = []
    for name in ("german", "german-plain"):
        target = workdir / f"ix-{name}"
        write_index(target, items(), analyzer=name)
        sizes.append(_size_mb(target))
        shutil.rmtree(target)
    return sizes[0], sizes[1]


def direct_results(entries: list[BenchEntry]) -> list[Any]:
    """The generated entries as processed works, skipping parse / citations / NLP (``--direct``)."""
    from indexer.build import WorkResult
    from kb.model import Entry, RzNumber, Work, WorkKind, entry_id

    by_work: dict[str, list[BenchEntry]] = {}
    for e in entries:
        by_work.setdefault(e.work, []).append(e)
    out = []
    for slug, items in by_work.items():
        work = Work(slug, f"Kommentar zu § {items[0].paragraph} {items[0].law}", WorkKind.COMMENTARY, items[0].law,
                    items[0].paragraph)
        made = tuple(Entry(entry_id(slug, RzNumber(e.rz)), slug, e.law, e.paragraph, i, e.text, rz=RzNumber(e.rz))
                     for i, e in enumerate(items))
        out.append(WorkResult(work, made, (), slug))
    return out


def run(size: int, args: argparse.Namespace, sentences: list[str]) -> dict[str, Any]:
    from indexer.build import build, publish

    work = Path(tempfile.mkdtemp(prefix=f"bench-search-{size}-"))
    try:
        entries = make_corpus(size, args.seed, sentences)
        queries = make_queries(entries, args.seed, args.per_kind)
        warmup = make_queries(entries, args.seed + 99, 10)
        if args.direct:
            report = publish(direct_results(entries), work / "kb")
        else:
            src = work / "src"
            write_sources(entries, src)
            report = build([src], work / "kb", procs=args.procs)
        if not report.ok:
            raise SystemExit(report.summary_table())
        build_dir = Path(report.build_dir or "")
        fts_db = work / "fts.sqlite"
        fts_build = build_fts(entries, fts_db)
        out: dict[str, Any] = {
            "size": report.entries, "build_s": report.seconds, "timings": report.timings,
            "kb_mb": _size_mb(build_dir), "index_mb": _size_mb(build_dir / "index"),
            "index_parts": len(list((build_dir / "index").glob("part-*"))),
            "fts_mb": _size_mb(fts_db), "fts_build_s": fts_build, "queries": len(queries), "direct": args.direct,
        }
        out["whoosh"] = _spawn(serve_whoosh, str(work / "kb"), queries, warmup)
        out["fts"] = _spawn(serve_fts, str(fts_db), queries, warmup)
        if args.variants:
            single = [q for q in queries if q.kind != "citation"][: args.per_kind * 2]
            out["new_searcher"] = _spawn(serve_whoosh, str(work / "kb"), single, warmup, True)
            out["whoosh_scoring"] = _spawn_env({"RANDNUMMER_SCORING": "whoosh"}, serve_whoosh, str(work / "kb"),
                                               queries, warmup)
        if args.compound_cost:
            out["compound"] = compound_cost(entries, work)
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def print_report(res: dict[str, Any], source: str) -> None:
    n = res["size"]
    wh, fts = res["whoosh"], res["fts"]
    t = res["timings"]
    print(f"\n== {n:,} entries (~{WORDS_PER_ENTRY} words each; vocabulary: {source}) ==")
    what = "records+index only (--direct)" if res.get("direct") else "parse+citations+NLP+records+index"
    print(f"build ({what}): {res['build_s']:.1f} s = {n / res['build_s']:,.0f} entries/s "
          f"[process {t.get('process', 0):.1f} s, records {t.get('records', 0):.1f} s, index {t.get('index', 0):.1f} s]"
          f";  FTS5 load alone: {res['fts_build_s']:.1f} s")
    print(f"size: knowledge base {res['kb_mb']:.1f} MB (Whoosh index {res['index_mb']:.1f} MB in "
          f"{res['index_parts']} part(s), frequent terms' arrays included);  "
          f"FTS5 {res['fts_mb']:.1f} MB")
    print(f"serving memory (peak RSS): Randnummer {wh['rss']:.0f} MB "
          f"(open incl. imports {wh['open_s'] * 1000:.0f} ms);  FTS5 {fts['rss']:.0f} MB")
    print("first time each query is asked (no result cache); ratio = Randnummer / FTS5; "
          "repeat = same query again (result cache)")
    print(f"{'kind':<10} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'FTS5 p50':>9} {'FTS5 p95':>9} "
          f"{'p50 ratio':>9} {'p95 ratio':>9} {'repeat p50':>10} {'repeat p95':>10}")
    for kind in KINDS:
        a, b = wh["times"][kind], fts["times"][kind]
        p50, p95, f50, f95 = _pct(a, .5), _pct(a, .95), _pct(b, .5), _pct(b, .95)
        print(f"{kind:<10} {len(a):>4} {p50:>8.2f} {p95:>8.2f} {max(a):>8.2f} {f50:>9.2f} {f95:>9.2f} "
              f"{p50 / f50:>9.2f} {p95 / f95:>9.2f} {_pct(wh['repeat'][kind], .5):>10.2f} "
              f"{_pct(wh['repeat'][kind], .95):>10.2f}")
    if "whoosh_scoring" in res:
        ws = res["whoosh_scoring"]
        cells = ", ".join(f"{k} {_pct(ws['times'][k], .5):.1f} / {_pct(ws['times'][k], .95):.1f}" for k in KINDS)
        print(f"variant: Whoosh scoring match by match (RANDNUMMER_SCORING=whoosh), first-time p50 / p95 ms: {cells}")
    if wh["citation_misses"]:
        print(f"WARNING: {wh['citation_misses']} citation queries did not jump to their entry")
    if "new_searcher" in res:
        ns = [x for k in KINDS for x in res["new_searcher"]["times"][k]]
        ll = [x for k in ("single", "and") for x in wh["times"][k]]
        print(f"variant: knowledge base opened per query (single + AND): p50 {_pct(ns, .5):.2f} ms, "
              f"p95 {_pct(ns, .95):.2f} ms vs long-lived p50 {_pct(ll, .5):.2f} / p95 {_pct(ll, .95):.2f}")
    if "compound" in res:
        with_c, without = res["compound"]
        print(f"compound splitting: Whoosh index {with_c:.1f} MB with parts vs {without:.1f} MB without "
              f"(+{(with_c / without - 1) * 100:.0f} %)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes (entries)")
    ap.add_argument("--seed", type=int, default=20241125)
    ap.add_argument("--per-kind", type=int, default=40, help="queries per kind")
    ap.add_argument("--procs", type=int, default=None, help="processes for parse/citations/NLP (default: up to 2)")
    ap.add_argument("--variants", action="store_true",
                    help="also time Whoosh's own match-by-match scoring and a knowledge base opened per query")
    ap.add_argument("--direct", action="store_true",
                    help="skip parse/citations/NLP: index the generated entries directly (search-only timing)")
    ap.add_argument("--compound-cost", action="store_true", help="also index without compound parts, compare size")
    args = ap.parse_args(argv)
    sentences, source = load_sentences()
    for size in (int(s) for s in args.sizes.split(",")):
        print_report(run(size, args, sentences), source)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
