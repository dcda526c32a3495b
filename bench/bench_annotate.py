"""Annotate benchmark: time against text size (linear?), and the server's other requests while it annotates.

    python3 bench/bench_annotate.py                          # both parts, sizes 100 KB … 1 MB
    python3 bench/bench_annotate.py --baseline 0b618e7       # (a) also for the code of a git ref, same run
    python3 bench/bench_annotate.py --only serve --duration 30

(a) curve: ``kb.annotation.annotate`` and the build's ``kb.nlp.enrich`` (one entry, as an unmarked source
    becomes) on unmarked German legal text — the bundled statutes (corpus/gesetze), then decisions, joined by
    blank lines, repeated to 100,000 / 250,000 / 500,000 / 1,000,000 characters. Median of ``--runs``;
    ms, ms per 1,000 characters and that figure against the smallest size's ("× smallest"; 1.0 all down
    the column means linear). ``--baseline REF`` runs the same measurement on REF's code (a temporary
    ``git worktree``) in a child process and prints it next to ours, with the ratio.
(b) serve: a real ``kb serve`` (gunicorn, the defaults: 2 workers × 4 threads) on the bundled corpus. A
    prober asks for an entry page and a search page in turn (``--probers`` threads, one request every
    ``--interval`` s each) for ``--duration`` s while the server is idle, then again while ``--annotators``
    clients post the largest text the annotate limit allows (``MAX_ANNOTATE_CHARS``) over and over;
    p50 / p99 of the probes, annotate answers by status and their median time, and the RSS of the
    server's processes (workers and their annotate helpers). ``--modes helper,inline`` also runs the
    server with every text annotated in the request thread (``RANDNUMMER_ANNOTATE_INLINE_CHARS``), the
    design before: the baseline of (b).

Goal (issue 14): annotate time linear in size; other requests p99 ≤ 100 ms while the largest allowed
annotate runs.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CODE = Path(os.environ.get("BENCH_ANNOTATE_CODE", REPO))  # whose kb/ to measure: a baseline's worktree
sys.path.insert(0, str(CODE))
if CODE != REPO:
    sys.path.insert(1, str(REPO))

SIZES = (100_000, 250_000, 500_000, 1_000_000)
GOAL_P99_MS = 100.0
PROBES = {"entry": "/k/sgb-2-48b/rz-34a", "search": "/search?q=Zielvereinbarung"}


# --------------------------------------------------------------------------- (a) the curve


def unmarked_text(size: int) -> str:
    """``size`` characters of statute and decision text without Randnummern, paragraphs split by blank lines."""
    base = _corpus_text()
    return ("\n\n".join([base] * (size // len(base) + 1)))[:size]


@functools.cache
def _corpus_text() -> str:
    from indexer.sources import discover, parse_path

    texts: list[str] = []
    # statutes first (dense in citations and entities: where the quadratic steps were), then decisions
    for path in [*discover([REPO / "corpus" / "gesetze"]), *discover([REPO / "corpus" / "entscheidungen"])]:
        try:
            texts += [e.text.strip() for e in parse_path(path).entries if e.text.strip()]
        except Exception:  # a source this code cannot read is simply not part of the text
            continue
    base = "\n\n".join(texts)
    if not base:
        raise SystemExit("no text under corpus/gesetze and corpus/entscheidungen")
    return base


def measure_curve(sizes: Sequence[int], runs: int) -> dict[str, dict[int, float]]:
    """Median seconds per size of annotate() and enrich() (the code on ``sys.path``)."""
    from kb.annotation import annotate
    from kb.model import Entry
    from kb.nlp import enrich

    annotate("Der Träger muss zahlen.")  # load spaCy, warm the caches
    out: dict[str, dict[int, float]] = {"annotate": {}, "enrich": {}}
    for size in sizes:
        text = unmarked_text(size)
        entry = Entry(id="bench/1", work="bench", law="SGB 2", paragraph="1", position=0, text=text)
        times: dict[str, list[float]] = {"annotate": [], "enrich": []}
        for _ in range(runs):
            for name, fn in (("annotate", lambda: annotate(text)), ("enrich", lambda: enrich([entry]))):  # noqa: B023
                t0 = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - t0)
        for name, ts in times.items():
            out[name][size] = statistics.median(ts)
        print(f"  {size:>9,} chars measured", file=sys.stderr)
    return out


def baseline_curve(ref: str, sizes: Sequence[int], runs: int) -> dict[str, dict[int, float]]:
    """:func:`measure_curve` on the code of git ``ref``, in a child process on a temporary worktree."""
    with tempfile.TemporaryDirectory(prefix="bench-annotate-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), ref], cwd=REPO, check=True,
                       capture_output=True)
        try:
            env = {**os.environ, "BENCH_ANNOTATE_CODE": str(tree), "PYTHONPATH": str(tree)}
            done = subprocess.run([sys.executable, __file__, "--only", "curve", "--json", "--runs", str(runs),
                                   "--sizes", ",".join(map(str, sizes))], env=env, cwd=tree, check=True,
                                  stdout=subprocess.PIPE)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, check=False,
                           capture_output=True)
    data = json.loads(done.stdout)
    return {name: {int(k): v for k, v in curve.items()} for name, curve in data.items()}


def print_curve(ours: dict[str, dict[int, float]], base: dict[str, dict[int, float]] | None, ref: str | None,
                runs: int) -> None:
    for name in ours:
        sizes = sorted(ours[name])
        first = sizes[0]
        header = ["chars", "ms", "ms/1000 chars", "× smallest"]
        if base:
            header += [f"{ref} ms", f"{ref} ms/1000", f"{ref} × smallest", "speed-up"]
        rows = []
        for size in sizes:
            sec = ours[name][size]
            row = [f"{size:,}", f"{sec * 1000:,.0f}", f"{sec / size * 1e6:.2f}",
                   f"{(sec / size) / (ours[name][first] / first):.2f}"]
            if base and size in base[name]:
                b = base[name][size]
                row += [f"{b * 1000:,.0f}", f"{b / size * 1e6:.2f}",
                        f"{(b / size) / (base[name][first] / first):.2f}", f"{b / sec:.2f}"]
            rows.append(row)
        what = "kb.annotation.annotate(text)" if name == "annotate" else "kb.nlp.enrich([one entry]) (the build)"
        table(f"(a) {what}: unmarked text, median of {runs}", header, rows)


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    print(f"\n{title}")
    print("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))


# --------------------------------------------------------------------------- (b) the server


@dataclass
class Phase:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in PROBES})
    bad: int = 0
    annotate_status: Counter[int] = field(default_factory=Counter)
    annotate_seconds: list[float] = field(default_factory=list)
    rss_mb: float = 0.0  # the server's processes together, at the end of the phase
    peak_rss_mb: float = 0.0  # the largest single process's peak


def _get(base: str, path: str) -> tuple[int, float]:
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(base + path, timeout=60) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as err:
        status = err.code
    return status, time.perf_counter() - t0


def _prober(base: str, until: float, interval: float, phase: Phase, lock: threading.Lock) -> None:
    names = list(PROBES)
    k = 0
    while time.perf_counter() < until:
        name = names[k % len(names)]
        k += 1
        status, seconds = _get(base, PROBES[name])
        with lock:
            phase.latencies[name].append(seconds)
            phase.bad += status != 200
        time.sleep(interval)


def _annotator(base: str, body: bytes, stop: threading.Event, phase: Phase, lock: threading.Lock) -> None:
    while not stop.is_set():
        request = urllib.request.Request(base + "/api/annotate", data=body,
                                         headers={"Content-Type": "application/json", "Accept": "application/json"})
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as r:
                r.read()
                status = r.status
        except urllib.error.HTTPError as err:
            status = err.code
            if status == 503:
                time.sleep(float(err.headers.get("Retry-After", "1")))
        with lock:
            phase.annotate_status[status] += 1
            if status == 200:
                phase.annotate_seconds.append(time.perf_counter() - t0)


def _server_rss(pid: int) -> tuple[float, float]:
    """(RSS of the server and all its descendants together, the largest peak RSS of one of them) in MB."""
    from bench.bench_serve import children, rss_mb

    todo, total, peak = [pid], 0.0, 0.0
    while todo:
        p = todo.pop()
        try:
            now, hwm = rss_mb(p)
        except OSError:
            continue
        total, peak = total + now, max(peak, hwm)
        todo += children(p)
    return total, peak


def run_phase(base: str, pid: int, args: argparse.Namespace, body: bytes | None) -> Phase:
    phase, lock, stop = Phase(), threading.Lock(), threading.Event()
    workers = [threading.Thread(target=_annotator, args=(base, body, stop, phase, lock), daemon=True)
               for _ in range(args.annotators if body else 0)]
    for w in workers:
        w.start()
    if workers:
        time.sleep(1.0)  # the annotations are under way before the probes count
    until = time.perf_counter() + args.duration
    probers = [threading.Thread(target=_prober, args=(base, until, args.interval, phase, lock))
               for _ in range(args.probers)]
    for p in probers:
        p.start()
    for p in probers:
        p.join()
    phase.rss_mb, phase.peak_rss_mb = _server_rss(pid)
    stop.set()
    for w in workers:
        w.join(timeout=120)
    return phase


def bench_serve(args: argparse.Namespace) -> list[tuple[str, str, Phase]]:
    from bench.bench_serve import build_corpus, serving
    from kb.annotation import MAX_ANNOTATE_CHARS

    text = unmarked_text(min(args.annotate_chars or MAX_ANNOTATE_CHARS, MAX_ANNOTATE_CHARS))
    body = json.dumps({"text": text}, ensure_ascii=False).encode()
    results: list[tuple[str, str, Phase]] = []
    with tempfile.TemporaryDirectory(prefix="bench-annotate-") as tmp:
        workdir = Path(tmp)
        kb = Path(args.kb) if args.kb else build_corpus(workdir)
        for mode in args.modes.split(","):
            saved = os.environ.get("RANDNUMMER_ANNOTATE_INLINE_CHARS")
            if mode == "inline":
                os.environ["RANDNUMMER_ANNOTATE_INLINE_CHARS"] = str(MAX_ANNOTATE_CHARS)  # never the helper
            try:
                with serving(kb, ["--workers", "2"], workdir / f"serve-{mode}.log") as (base, proc):
                    for path in PROBES.values():
                        _get(base, path)
                    results.append((mode, "idle", run_phase(base, proc.pid, args, None)))
                    results.append((mode, f"{args.annotators} × annotate {len(text):,} chars",
                                    run_phase(base, proc.pid, args, body)))
            finally:
                if saved is None:
                    os.environ.pop("RANDNUMMER_ANNOTATE_INLINE_CHARS", None)
                else:
                    os.environ["RANDNUMMER_ANNOTATE_INLINE_CHARS"] = saved
    return results


def print_serve(results: list[tuple[str, str, Phase]], args: argparse.Namespace) -> None:
    from bench.bench_serve import percentile

    rows = []
    idle_p99: dict[str, float] = {}
    for mode, what, phase in results:
        lat = sorted(x for xs in phase.latencies.values() for x in xs)
        p50, p99 = percentile(lat, 0.5) * 1000, percentile(lat, 0.99) * 1000
        if what == "idle":
            idle_p99[mode] = p99
        per = "  ".join(f"{k} {percentile(sorted(v), 0.99) * 1000:.0f}" for k, v in phase.latencies.items())
        statuses = " ".join(f"{s}×{n}" for s, n in sorted(phase.annotate_status.items())) or "-"
        took = f"{statistics.median(phase.annotate_seconds):.1f}" if phase.annotate_seconds else "-"
        rows.append([mode, what, str(len(lat)), f"{p50:.1f}", f"{p99:.1f}", per,
                     f"{p99 / idle_p99[mode]:.1f}" if idle_p99.get(mode) else "-",
                     "yes" if p99 <= GOAL_P99_MS else "NO", str(phase.bad), statuses, took,
                     f"{phase.rss_mb:.0f}", f"{phase.peak_rss_mb:.0f}"])
    table(f"(b) kb serve (gunicorn, 2 workers × 4 threads): other requests while annotating; {args.probers} "
          f"probers, one request per {args.interval * 1000:.0f} ms each, {args.duration:.0f} s per phase",
          ["mode", "phase", "probes", "p50 ms", "p99 ms", "p99 by page", "× idle p99", f"p99 ≤ {GOAL_P99_MS:.0f}",
           "non-200", "annotate answers", "annotate s", "RSS MB", "peak MB"], rows)
    print("mode helper: texts over ANNOTATE_INLINE_CHARS in the worker's helper process (web/annotating.py); "
          "inline: in the request thread (the baseline, as before)")


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=("curve", "serve"))
    ap.add_argument("--runs", type=int, default=3, help="(a) runs per size, the median reported")
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="(a) text sizes in characters")
    ap.add_argument("--baseline", metavar="REF", help="(a) also measure git REF's code (e.g. the pre-fix commit)")
    ap.add_argument("--json", action="store_true", help="(a) print the medians as JSON (used for --baseline)")
    ap.add_argument("--duration", type=float, default=20.0, help="(b) seconds per phase")
    ap.add_argument("--probers", type=int, default=2)
    ap.add_argument("--interval", type=float, default=0.05, help="(b) pause between one prober's requests, s")
    ap.add_argument("--annotators", type=int, default=2, help="(b) concurrent annotate clients")
    ap.add_argument("--annotate-chars", type=int, default=0, help="(b) text size (default: the annotate limit)")
    ap.add_argument("--modes", default="helper,inline", help="(b) helper, inline or both")
    ap.add_argument("--kb", help="(b) serve this knowledge base instead of building the bundled corpus")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.only in (None, "curve"):
        ours = measure_curve(sizes, args.runs)
        if args.json:
            print(json.dumps(ours))
            return 0
        base = baseline_curve(args.baseline, sizes, args.runs) if args.baseline else None
        print_curve(ours, base, args.baseline, args.runs)
    if args.only in (None, "serve"):
        print_serve(bench_serve(args), args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
