"""Build benchmark: a full build, a rebuild with nothing changed, and a rebuild after one file changed.

    python3 bench/bench_build.py                        # 10k and 100k entries
    python3 bench/bench_build.py --sizes 10000 --repeat 5

Per size it generates the search benchmark's corpus (``bench_search.make_corpus`` / ``write_sources``:
commentaries of 40 Randnummern, plain-text sources with a manifest) and times ``indexer.build.build``:

1. ``full``: ``build(..., full=True)`` — every source processed, every record and index part written
   (``--full-repeat`` times);
2. ``no change``: ``build(...)`` again on the same sources — everything reused (``--repeat`` times);
3. ``one file``: one source edited (a sentence added to one Randnummer, a different file each time),
   then ``build(...)`` (``--repeat`` times).

Each build runs in a fresh process, as ``kb build`` does (interpreter, imports and spaCy loaded each
time): "seconds" is that process's wall time. It prints seconds (median where repeated), entries/s,
the ratio to the full build of the same run, each stage's seconds (``report.timings``, of the median
run) and what was reused (``report.reuse``). Goal (issue 15): a one-file rebuild at 100k entries in at
most 10 s.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_search import load_sentences, make_corpus, write_sources

KINDS = ("full", "no change", "one file")


def edit_one(src: Path, i: int) -> Path:
    """Add a sentence to the first Randnummer of the ``i``-th source file (sorted): a real change of one work."""
    files = sorted(src.glob("*.txt"))
    path = files[(i * 7919) % len(files)]  # spread over the corpus, and a different file each time
    text = path.read_text("utf-8")
    head, _, rest = text.partition("\n")
    path.write_text(f"{head}\nGeändert in Lauf {i}: der Träger prüft den Antrag erneut. {rest}", "utf-8")
    return path


def one_build(src: str, root: str, procs: int | None, full: bool) -> dict[str, Any]:
    """``indexer.build.build`` in this (fresh) process: what the table needs of its report."""
    from indexer.build import build

    report = build([Path(src)], Path(root), procs=procs, full=full)
    return {"ok": report.ok, "summary": report.summary_table(), "seconds": report.seconds, "entries": report.entries,
            "timings": dict(report.timings), "reuse": dict(report.reuse)}


def _child(conn: Any, src: str, root: str, procs: int | None, full: bool) -> None:
    conn.send(one_build(src, root, procs, full))
    conn.close()


def fresh_build(src: Path, root: Path, procs: int | None, full: bool) -> dict[str, Any]:
    """:func:`one_build` in a spawned process (not a pool's: the build starts workers of its own); ``wall``: its
    wall time, start-up and imports included."""
    ctx = mp.get_context("spawn")
    started = time.perf_counter()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, str(src), str(root), procs, full))
    child.start()
    send.close()
    try:
        out: dict[str, Any] = receive.recv()
    except EOFError:
        child.join()
        raise SystemExit(f"the build process died (exit code {child.exitcode})") from None
    child.join()
    out["wall"] = time.perf_counter() - started
    return out


def run(size: int, args: argparse.Namespace, sentences: list[str]) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix=f"bench-build-{size}-"))
    try:
        src, root = work / "src", work / "kb"
        write_sources(make_corpus(size, args.seed, sentences), src)
        runs: dict[str, list[Any]] = {k: [] for k in KINDS}

        def timed(kind: str, full: bool = False) -> None:
            report = fresh_build(src, root, args.procs, full)
            if not report["ok"]:
                raise SystemExit(report["summary"])
            runs[kind].append(report)
            print(f"  {size:,} {kind}: {report['wall']:.2f} s  {report['reuse']}", file=sys.stderr, flush=True)

        for _ in range(args.full_repeat):
            timed("full", full=True)
        for _ in range(args.repeat):
            timed("no change")
        for i in range(args.repeat):
            edit_one(src, i)
            timed("one file")
        return {"size": runs["full"][0]["entries"], "runs": runs}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def median_report(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median time (the lower middle one of an even number)."""
    ordered = sorted(reports, key=lambda r: r["wall"])
    return ordered[(len(ordered) - 1) // 2]


def print_report(res: dict[str, Any]) -> None:
    n = res["size"]
    full_s = statistics.median(r["wall"] for r in res["runs"]["full"])
    stages = list(dict.fromkeys(k for rs in res["runs"].values() for r in rs for k in r["timings"]))
    head = ["build", "runs", "seconds", "entries/s", "× full", *stages, "sources reused/processed",
            "works carried/written", "parts linked/written"]
    rows = []
    for kind in KINDS:
        reports = res["runs"][kind]
        if not reports:
            continue
        seconds = statistics.median(r["wall"] for r in reports)
        mid = median_report(reports)
        u = mid["reuse"]
        rows.append([kind, str(len(reports)), f"{seconds:.2f}", f"{n / seconds:,.0f}", f"{seconds / full_s:.3f}",
                     *(f"{mid['timings'].get(s, 0):.2f}" for s in stages),
                     f"{u.get('sources_reused', 0)}/{u.get('sources_processed', 0)}",
                     f"{u.get('works_carried', 0)}/{u.get('works_written', 0)}",
                     f"{u.get('index_parts_linked', 0)}/{u.get('index_parts_written', 0)}"])
    print(f"\n{n:,} entries ({n // 40:,} source files); seconds: wall time of a fresh process, median of the runs; "
          "stages: the median run's")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes (entries)")
    ap.add_argument("--seed", type=int, default=20241125)
    ap.add_argument("--repeat", type=int, default=3, help="runs of the no-change and one-file rebuilds (median)")
    ap.add_argument("--full-repeat", type=int, default=1, help="runs of the full build (median)")
    ap.add_argument("--procs", type=int, default=None, help="worker processes (default: up to 2)")
    args = ap.parse_args(argv)
    if args.repeat < 1 or args.full_repeat < 1:
        ap.error("--repeat and --full-repeat must be 1 or more")
    sentences, source = load_sentences()
    print(f"corpus sentences: {source}")
    for size in (int(s) for s in args.sizes.split(",")):
        print_report(run(size, args, sentences))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
