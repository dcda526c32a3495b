"""Search benchmark: Randnummer (Whoosh) against SQLite FTS5 on the same corpus and queries.

    python3 bench/bench_search.py                      # 10k and 100k entries
    python3 bench/bench_search.py --sizes 10000        # small run
    python3 bench/bench_search.py --sizes 10000 --compound-cost --variants
    python3 bench/bench_search.py --sizes 10000,100000,300000 --direct --plot docs/bench/search-growth.png

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
   searcher alone; prints p50 / p95 per kind and the Whoosh/FTS5 ratio, and the median number of
   matching entries per kind (the work a query cannot avoid);
5. prints the comparison in the shape of issue 15's table (Randnummer | SQLite FTS5 | goal) and, for
   several sizes, how build time, size, memory, latency and matches grow with the corpus (``--plot``:
   the same as a PNG).

Goals (issue 15) at 100k entries: build ≥ 1,000 entries/s; knowledge base ≤ 2 × the FTS5 file;
serving RSS ≤ 120 MB, open ≤ 200 ms; p50 ≤ 2 ms single and filtered, AND and phrase p50 below FTS5's,
p95 ≤ 10 ms for every kind; citation jump p50 ≤ 0.3 ms; query cost growing no faster than its matches.
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
# Imported as a module (the tests), the serving functions are found by name in the spawned processes.
sys.path.insert(0, str(Path(__file__).resolve().parent))

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
_TOKEN = re.compile(r"\w+")


def make_queries(entries: list[BenchEntry], seed: int, per_kind: int) -> list[Query]:
    rnd = random.Random(seed + 1)
    from kb.search.analysis import STOPWORDS

    def _is_word(token: str) -> bool:
        return bool(_WORD.fullmatch(token)) and token.lower() not in STOPWORDS

    df: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    for e in entries:
        words = [w for w in _WORD.findall(e.text) if w.lower() not in STOPWORDS]
        df.update({w.lower() for w in words})
        # phrases of words that stand side by side in the text (so that FTS5, which keeps every word, finds them)
        tokens = _TOKEN.findall(e.text)
        bigrams.update((a, b) for a, b in pairwise(tokens) if _is_word(a) and _is_word(b))
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
    hits: dict[str, list[int]] = {k: [] for k in KINDS}
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
            if p == 0:
                hits[q.kind].append(1 if q.kind == "citation" and res.direct is not None else res.total)
            if p == 0 and q.kind == "citation" and res.direct is None:
                misses += 1
    return {"times": times, "repeat": repeat, "hits": hits, "rss": _rss_mb(), "open_s": opened,
            "citation_misses": misses}


def serve_fts(db: str, queries: list[Query], warmup: list[Query]) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    times: dict[str, list[float]] = {k: [] for k in KINDS}
    repeat: dict[str, list[float]] = {k: [] for k in KINDS}
    hits: dict[str, list[int]] = {k: [] for k in KINDS}
    for p, batch in enumerate((warmup, queries, queries)):
        for q in batch:
            t = time.perf_counter()
            if q.kind == "citation":
                assert q.cite is not None
                found = len(conn.execute("SELECT json FROM entries WHERE work = ? AND rz = ?", q.cite).fetchall())
            else:
                where, args = "fts MATCH ?", [q.fts]
                if q.law:
                    where += " AND law = ?"
                    args.append(q.law)
                (found,) = conn.execute(f"SELECT count(*) FROM fts WHERE {where}", args).fetchone()
                conn.execute(f"SELECT rowid, snippet(fts, 0, '<mark>', '</mark>', '…', 24) FROM fts WHERE {where} "
                             "ORDER BY rank LIMIT 10", args).fetchall()
            dt = (time.perf_counter() - t) * 1000
            if p:
                (times if p == 1 else repeat)[q.kind].append(dt)
            if p == 1:
                hits[q.kind].append(found)
    return {"times": times, "repeat": repeat, "hits": hits, "rss": _rss_mb()}


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
    """``fn(*args)`` in a fresh process (a failing one raises here instead of being restarted forever)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


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
            "records_mb": _size_mb(build_dir / "records.sqlite"),
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
    print(f"size: knowledge base {res['kb_mb']:.1f} MB (records {res['records_mb']:.1f} MB, Whoosh index "
          f"{res['index_mb']:.1f} MB in {res['index_parts']} part(s), frequent terms' arrays included);  "
          f"FTS5 {res['fts_mb']:.1f} MB;  ratio {res['kb_mb'] / res['fts_mb']:.2f}")
    print(f"serving memory (peak RSS): Randnummer {wh['rss']:.0f} MB "
          f"(open incl. imports {wh['open_s'] * 1000:.0f} ms);  FTS5 {fts['rss']:.0f} MB")
    print("first time each query is asked (no result cache); ratio = Randnummer / FTS5; "
          "repeat = same query again (result cache)")
    print(f"{'kind':<10} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'FTS5 p50':>9} {'FTS5 p95':>9} "
          f"{'p50 ratio':>9} {'p95 ratio':>9} {'repeat p50':>10} {'repeat p95':>10} {'median hits':>11} "
          f"{'FTS5 hits':>9}")
    for kind in KINDS:
        a, b = wh["times"][kind], fts["times"][kind]
        p50, p95, f50, f95 = _pct(a, .5), _pct(a, .95), _pct(b, .5), _pct(b, .95)
        print(f"{kind:<10} {len(a):>4} {p50:>8.2f} {p95:>8.2f} {max(a):>8.2f} {f50:>9.2f} {f95:>9.2f} "
              f"{p50 / f50:>9.2f} {p95 / f95:>9.2f} {_pct(wh['repeat'][kind], .5):>10.2f} "
              f"{_pct(wh['repeat'][kind], .95):>10.2f} {_median_hits(wh, kind):>11,.0f} "
              f"{_median_hits(fts, kind):>9,.0f}")
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


def _median_hits(served: dict[str, Any], kind: str) -> float:
    return _pct([float(n) for n in served.get("hits", {}).get(kind, [])], .5)


_LABELS = {"single": "single term", "and": "AND", "phrase": "phrase", "filtered": "filtered",
           "citation": "citation jump"}
_GOALS = {"single": "p50 ≤ 2, p95 ≤ 10", "and": "ahead of FTS5, p95 ≤ 10", "phrase": "ahead of FTS5, p95 ≤ 10",
          "filtered": "p50 ≤ 2, p95 ≤ 10", "citation": "p50 ≤ 0.3"}


def issue_table(res: dict[str, Any]) -> str:
    """One size as issue 15's table (Markdown): Randnummer | SQLite FTS5 | goal."""
    n, wh, fts, t = res["size"], res["whoosh"], res["fts"], res["timings"]
    what = "build (records+index, --direct)" if res.get("direct") else "full build"
    stages = ", ".join(f"{k} {v:.0f} s" for k, v in t.items() if k in ("process", "records", "index"))
    rows = [
        f"| at {n:,} entries | Randnummer | SQLite FTS5 | goal |",
        "|---|---|---|---|",
        f"| {what} | {res['build_s']:.0f} s = **{n / res['build_s']:,.0f} entries/s** ({stages}) "
        f"| load {res['fts_build_s']:.1f} s | ≥ 1,000 entries/s |",
        f"| knowledge base on disk | {res['kb_mb']:.0f} MB (records {res['records_mb']:.0f} MB, index "
        f"{res['index_mb']:.0f} MB) = {res['kb_mb'] / res['fts_mb']:.2f} × FTS5 | {res['fts_mb']:.0f} MB "
        f"| ≤ 2 × FTS5 |",
        f"| serving RSS after open | {wh['rss']:.0f} MB (open {wh['open_s'] * 1000:.0f} ms) | {fts['rss']:.0f} MB "
        f"| ≤ 120 MB, open ≤ 200 ms |",
    ]
    for kind in KINDS:
        a, b = wh["times"][kind], fts["times"][kind]
        rows.append(f"| {_LABELS[kind]} p50 / p95 ms (median hits {_median_hits(wh, kind):,.0f}) "
                    f"| {_pct(a, .5):.2f} / {_pct(a, .95):.2f} | {_pct(b, .5):.2f} / {_pct(b, .95):.2f} "
                    f"| {_GOALS[kind]} |")
    return "\n".join(rows)


def growth_table(results: list[dict[str, Any]]) -> str:
    """How build time, size, memory, latency and matches grow with the corpus (one row per size).

    The ``×`` columns compare each size with the one before: a query kind's p50 should grow no faster
    than its median number of matching entries."""
    direct = results[0].get("direct")
    head = ("records+index only (--direct: no parse, citations or NLP)" if direct
            else "full build: parse, citations, NLP, records, index")
    lines = [f"growth with the corpus — build: {head}; first time each query is asked; "
             "RSS = peak after open and all queries",
             f"{'entries':>9} {'build s':>8} {'entries/s':>9} {'KB MB':>7} {'MB/1k':>6} {'FTS5 MB':>8} "
             f"{'KB/FTS5':>7} {'RSS MB':>7} {'FTS5 RSS':>8} {'open ms':>7}"]
    for r in results:
        n = r["size"]
        lines.append(f"{n:>9,} {r['build_s']:>8.1f} {n / r['build_s']:>9,.0f} {r['kb_mb']:>7.1f} "
                     f"{r['kb_mb'] / n * 1000:>6.2f} {r['fts_mb']:>8.1f} {r['kb_mb'] / r['fts_mb']:>7.2f} "
                     f"{r['whoosh']['rss']:>7.0f} {r['fts']['rss']:>8.0f} {r['whoosh']['open_s'] * 1000:>7.0f}")
    lines.append("")
    lines.append(f"{'kind':<10} {'entries':>9} {'p50 ms':>7} {'p95 ms':>7} {'FTS5 p50':>8} {'FTS5 p95':>8} "
                 f"{'hits':>8} {'p50 ×':>6} {'hits ×':>7}")
    for kind in KINDS:
        prev: tuple[float, float] | None = None
        for r in results:
            a, b = r["whoosh"]["times"][kind], r["fts"]["times"][kind]
            p50, hits = _pct(a, .5), _median_hits(r["whoosh"], kind)
            grow = (f"{p50 / prev[0]:>6.2f} {hits / prev[1]:>7.2f}" if prev and prev[0] and prev[1]
                    else f"{'':>6} {'':>7}")
            lines.append(f"{kind:<10} {r['size']:>9,} {p50:>7.2f} {_pct(a, .95):>7.2f} {_pct(b, .5):>8.2f} "
                         f"{_pct(b, .95):>8.2f} {hits:>8,.0f} {grow}")
            prev = (p50, hits)
    return "\n".join(lines)


def plot_growth(results: list[dict[str, Any]], path: Path) -> None:
    """Build time, size, memory and p50 / p95 per kind against the number of entries (log-log), Randnummer
    solid and SQLite FTS5 dashed, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    results = sorted(results, key=lambda r: r["size"])
    n = [r["size"] for r in results]
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    (build_ax, size_ax), (rss_ax, lat_ax) = axes
    what = "records+index (--direct)" if results[0].get("direct") else "full build"
    build_ax.plot(n, [r["build_s"] for r in results], "o-", label=f"Randnummer {what}")
    build_ax.plot(n, [r["fts_build_s"] for r in results], "s--", label="FTS5 load")
    build_ax.set(title="build time", ylabel="s")
    size_ax.plot(n, [r["kb_mb"] for r in results], "o-", label="Randnummer knowledge base")
    size_ax.plot(n, [r["index_mb"] for r in results], "^-", label="of it: Whoosh index")
    size_ax.plot(n, [r["fts_mb"] for r in results], "s--", label="FTS5 file")
    size_ax.plot(n, [2 * r["fts_mb"] for r in results], ":", color="grey", label="goal: 2 × FTS5")
    size_ax.set(title="size on disk", ylabel="MB")
    rss_ax.plot(n, [r["whoosh"]["rss"] for r in results], "o-", label="Randnummer")
    rss_ax.plot(n, [r["fts"]["rss"] for r in results], "s--", label="FTS5")
    rss_ax.set(title="serving memory (peak RSS)", ylabel="MB")
    for i, kind in enumerate(KINDS):
        color = f"C{i}"
        lat_ax.plot(n, [_pct(r["whoosh"]["times"][kind], .5) for r in results], "o-", color=color,
                    label=f"{kind} p50")
        lat_ax.plot(n, [_pct(r["whoosh"]["times"][kind], .95) for r in results], "o:", color=color, alpha=.5)
        lat_ax.plot(n, [_pct(r["fts"]["times"][kind], .5) for r in results], "s--", color=color, alpha=.6)
    lat_ax.set(title="latency: p50 solid, p95 dotted, FTS5 p50 dashed", ylabel="ms")
    for ax in axes.flat:
        ax.set(xscale="log", yscale="log", xlabel="entries")
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        ax.grid(True, which="both", alpha=.3)
        ax.legend(fontsize=7)
    fig.suptitle(f"bench_search.py: Randnummer vs SQLite FTS5, {', '.join(f'{x:,}' for x in n)} entries")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


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
    ap.add_argument("--plot", type=Path, default=None, help="write the growth with the corpus as a PNG here")
    args = ap.parse_args(argv)
    sentences, source = load_sentences()
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        results.append(run(size, args, sentences))
        print_report(results[-1], source)
        print()
        print(issue_table(results[-1]))
        sys.stdout.flush()
    if len(results) > 1:
        print()
        print(growth_table(results))
    if args.plot:
        plot_growth(results, args.plot)
        print(f"\nplot: {args.plot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
