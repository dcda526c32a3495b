"""Serving benchmark: ``kb serve`` (gunicorn, 2 workers) against werkzeug's ``kb serve --dev``, same run.

    python3 bench/bench_serve.py                         # 10 s per target, 4 connections
    python3 bench/bench_serve.py --duration 60           # the issue's figure
    python3 bench/bench_serve.py --kb var/kb --servers gunicorn,dev --python

What it does:
1. builds the bundled corpus (corpus/) into a temporary knowledge base, or takes ``--kb``;
2. starts each server in turn on a free loopback port — ``gunicorn`` (``kb serve --workers 2``, the
   defaults), ``gunicorn-nocache`` (the same with ``--page-cache 0``: every request rendered), ``dev``
   (``kb serve --dev``, the werkzeug baseline) and ``dev-nocache`` (werkzeug rendering every request,
   as ``kb serve`` was before) — waits until every worker is warm, and checks each target answers as
   it should;
3. drives load at an entry page, a search page and a citation jump (the 302 is not followed) with
   ``--connections`` keep-alive connections for ``--duration`` seconds: with wrk when it is on PATH
   (Debian package ``wrk``), else with the Python load generator below (one process per connection,
   ``http.client``); each target warmed up first, ``--repeat`` runs, the median run reported;
4. prints req/s, p50 / p99 latency, the answers that were not 2xx/3xx, socket errors, the ratio to the
   baseline's req/s, the server's CPU time per request (from /proc: on a machine shared with other
   work req/s and p99 measure the neighbours too, CPU per request much less so), the issue's goal per
   target, and the RSS of every worker (from /proc).

Goal (issue 13, 2 cores, 2 workers): entry ≥ 800 req/s with p99 ≤ 50 ms, search ≥ 300 req/s,
citation jump ≥ 1,500 req/s, zero non-2xx/3xx over 60 s.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing as mp
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from web.server import READY  # noqa: E402

TARGETS = {  # name → (path, expected status, goal req/s)
    "entry": ("/k/sgb-2-48b/rz-34a", 200, 800),
    "search": ("/search?q=Zielvereinbarung", 200, 300),
    "cite": ("/cite?q=" + urllib.parse.quote("§ 48b Rz. 34a SGB II"), 302, 1500),
}
GOAL_P99_MS = {"entry": 50.0}
SERVERS = {  # name → kb serve flags
    "gunicorn": ["--workers", "2"],
    "gunicorn-nocache": ["--workers", "2", "--page-cache", "0"],
    "dev": ["--dev"],
    "dev-nocache": ["--dev", "--page-cache", "0"],  # werkzeug rendering every request: the server as it was
}
BASELINE = "dev"


@dataclass
class Run:
    """One load run against one target."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    bad_status: int = 0  # answers that were not 2xx / 3xx
    socket_errors: int = 0
    cpu_seconds: float = 0.0  # CPU time the server's processes spent during the run (user + system)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms(self) -> float:
        """Server CPU per request: unlike req/s, not skewed by other load on the machine."""
        return self.cpu_seconds / self.requests * 1000 if self.requests else 0.0


@dataclass
class ServerResult:
    name: str
    runs: dict[str, list[Run]] = field(default_factory=dict)
    rss_mb: list[tuple[int, float, float]] = field(default_factory=list)  # (pid, RSS, peak RSS) per worker

    def median(self, target: str) -> Run:
        runs = sorted(self.runs[target], key=lambda r: r.rps)
        return runs[len(runs) // 2]


# --------------------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children(pid: int) -> list[int]:
    """The direct child processes of ``pid`` (gunicorn's workers), from /proc."""
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return sorted(set(out))


def cpu_seconds(pids: Sequence[int]) -> float:
    """User + system CPU time of the processes so far (all their threads), from /proc/<pid>/stat."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / tick


def rss_mb(pid: int) -> tuple[float, float]:
    """(resident set size, its peak) of a process in MB, from /proc/<pid>/status."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


@contextmanager
def serving(kb: Path, flags: Sequence[str], log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``kb serve`` with ``flags`` on a free port until the block ends; yields (base URL, process)."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("RANDNUMMER_BASE_URL", None)
    command = [sys.executable, "-m", "cli", "serve", "--kb", str(kb), "--host", "127.0.0.1", "--port", str(port),
               *flags]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"kb serve {' '.join(flags)} exited: {log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(base + "/search.json", timeout=5):
                    break
            except urllib.error.HTTPError:  # it answers
                break
            except OSError:  # refused, or accepted by the kernel while the workers still warm up
                if time.monotonic() > deadline:
                    raise SystemExit(f"kb serve {' '.join(flags)} did not answer within 60 s") from None
                time.sleep(0.2)
        if "--dev" not in flags:  # every worker, not only the first one up, must be warm before the runs
            workers = int(flags[flags.index("--workers") + 1]) if "--workers" in flags else 2
            while log.read_text(errors="replace").count(READY) < workers:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"kb serve {' '.join(flags)}: not all workers started:\n{log.read_text()}")
                time.sleep(0.2)
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def check_target(base: str, path: str, status: int) -> None:
    """The target answers as the benchmark assumes (a page, or the citation's 302 to its entry)."""
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    if response.status != status:
        raise SystemExit(f"{path}: expected {status}, got {response.status}")
    if status == 302 and response.headers["Location"] != TARGETS["entry"][0]:
        raise SystemExit(f"{path}: redirects to {response.headers['Location']}, not to the entry")


# --------------------------------------------------------------------------- load: wrk


_WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not m:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(m.group(1)) * _WRK_UNITS[m.group(2)]


def parse_wrk(output: str) -> Run:
    """A run from ``wrk --latency`` output."""
    requests = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", output)
    if requests is None:
        raise ValueError(f"unexpected wrk output:\n{output}")
    p50 = re.search(r"^\s*50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s*99%\s+(\S+)", output, re.M)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return Run(requests=int(requests.group(1)), seconds=_ms(requests.group(2) + requests.group(3)) / 1000,
               p50_ms=_ms(p50.group(1)) if p50 else 0.0, p99_ms=_ms(p99.group(1)) if p99 else 0.0,
               bad_status=int(bad.group(1)) if bad else 0,
               socket_errors=sum(int(x) for x in sock.groups()) if sock else 0)


def wrk_load(url: str, connections: int, duration: float) -> Run:
    threads = max(1, min(connections, os.cpu_count() or 1))
    out = subprocess.run(["wrk", f"-c{connections}", f"-t{threads}", f"-d{duration:g}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


# --------------------------------------------------------------------------- load: Python


def _client(url: str, duration: float, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    """One keep-alive connection asking for ``url`` until ``duration`` is over; reconnects when the
    server closes (gunicorn's sync workers close after every answer)."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    bad = errors = 0
    conn: http.client.HTTPConnection | None = None
    end = time.perf_counter() + duration
    while (start := time.perf_counter()) < end:
        try:
            if conn is None:
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            latencies.append(time.perf_counter() - start)
            if not 200 <= response.status < 400:
                bad += 1
            if response.will_close:
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException):
            errors += 1
            if conn is not None:
                conn.close()
            conn = None
    if conn is not None:
        conn.close()
    queue.put((latencies, bad, errors))


def python_load(url: str, connections: int, duration: float) -> Run:
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_client, args=(url, duration, queue)) for _ in range(connections)]
    started = time.perf_counter()
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    seconds = time.perf_counter() - started
    latencies = sorted(x for lat, _, _ in results for x in lat)
    return Run(requests=len(latencies), seconds=min(seconds, duration) or duration,
               p50_ms=percentile(latencies, 0.50) * 1000, p99_ms=percentile(latencies, 0.99) * 1000,
               bad_status=sum(b for _, b, _ in results), socket_errors=sum(e for _, _, e in results))


def percentile(sorted_values: Sequence[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


# --------------------------------------------------------------------------- the run


def build_corpus(workdir: Path) -> Path:
    from indexer.build import build

    root = workdir / "kb"
    report = build([REPO / "corpus"], root)
    if not report.ok:
        raise SystemExit(report.summary_table())
    print(f"built the bundled corpus: {report.entries} entries in {report.seconds:.1f} s", file=sys.stderr)
    return root


def bench_server(name: str, kb: Path, args: argparse.Namespace, load, workdir: Path) -> ServerResult:  # type: ignore[no-untyped-def]
    result = ServerResult(name)
    threads = ["--threads", str(args.server_threads)] if not name.startswith("dev") and args.server_threads else []
    flags = SERVERS[name] + threads
    with serving(kb, flags, workdir / f"{name}.log") as (base, proc):
        for target in args.targets:
            path, status, _ = TARGETS[target]
            check_target(base, path, status)
            load(base + path, args.connections, args.warmup)  # warm every worker and cache
            runs = []
            for _ in range(args.repeat):
                server = [proc.pid, *children(proc.pid)]
                before = cpu_seconds(server)
                run = load(base + path, args.connections, args.duration)
                run.cpu_seconds = cpu_seconds(server) - before
                runs.append(run)
            result.runs[target] = runs
            print(f"  {name:<17} {target:<7} {result.median(target).rps:>9,.0f} req/s", file=sys.stderr)
        workers = children(proc.pid) or [proc.pid]  # --dev: the one process
        result.rss_mb = [(pid, *rss_mb(pid)) for pid in workers]
    return result


def print_report(results: list[ServerResult], args: argparse.Namespace, tool: str) -> None:
    base = next((r for r in results if r.name == BASELINE), None)
    print(f"\n== kb serve under load: {args.connections} connections, {args.duration:g} s per run, median of "
          f"{args.repeat} run(s); load generator: {tool}; {os.cpu_count()} CPU(s) ==")
    print(f"{'server':<17} {'target':<7} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx/3xx':>11} "
          f"{'sock err':>8} {f'× {BASELINE}':>8} {'CPU ms/req':>10}  goal")
    for r in results:
        for target in args.targets:
            run = r.median(target)
            ratio = f"{run.rps / base.median(target).rps:>8.2f}" if base and base.median(target).rps else f"{'-':>8}"
            goal_rps = TARGETS[target][2]
            p99_goal = GOAL_P99_MS.get(target)
            met = run.rps >= goal_rps and run.bad_status == 0 and (p99_goal is None or run.p99_ms <= p99_goal)
            goal = f"≥ {goal_rps:,} req/s" + (f", p99 ≤ {p99_goal:g} ms" if p99_goal else "")
            print(f"{r.name:<17} {target:<7} {run.rps:>9,.0f} {run.p50_ms:>8.2f} {run.p99_ms:>8.2f} "
                  f"{run.bad_status:>11} {run.socket_errors:>8} {ratio} {run.cpu_ms:>10.2f}  "
                  f"{goal}: {'met' if met else 'NOT met'}")
    print("\nRSS per worker after the runs (MB, current / peak):")
    for r in results:
        cells = ", ".join(f"pid {pid} {now:.0f} / {peak:.0f}" for pid, now, peak in r.rss_mb)
        print(f"  {r.name:<17} {cells}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kb", type=Path, help="knowledge base to serve (default: build corpus/ into a temp dir)")
    ap.add_argument("--duration", type=float, default=10.0, help="seconds per run (the issue's figure: 60)")
    ap.add_argument("--connections", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=1, help="runs per target; the median run is reported")
    ap.add_argument("--warmup", type=float, default=2.0, help="seconds of load before the measured runs")
    ap.add_argument("--servers", default=",".join(SERVERS), help=f"comma-separated, of: {', '.join(SERVERS)}")
    ap.add_argument("--targets", default=",".join(TARGETS), help=f"comma-separated, of: {', '.join(TARGETS)}")
    ap.add_argument("--server-threads", type=int, default=0, help="kb serve --threads for gunicorn (default: its own)")
    ap.add_argument("--python", action="store_true", help="use the Python load generator even if wrk is installed")
    args = ap.parse_args(argv)
    args.servers = [s for s in args.servers.split(",") if s]
    args.targets = [t for t in args.targets.split(",") if t]
    unknown = [s for s in args.servers if s not in SERVERS] + [t for t in args.targets if t not in TARGETS]
    if unknown:
        ap.error(f"unknown server or target: {', '.join(unknown)}")
    if shutil.which("wrk") and not args.python:
        load, tool = wrk_load, "wrk"
    else:
        load, tool = python_load, "Python (http.client, one process per connection)"
        if not args.python:
            print("wrk not installed, using the Python load generator (apt-get install wrk)", file=sys.stderr)
    workdir = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    try:
        kb = args.kb or build_corpus(workdir)
        results = [bench_server(name, kb, args, load, workdir) for name in args.servers]
        print_report(results, args, tool)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
