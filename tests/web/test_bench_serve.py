"""The serving benchmark's parts: its targets answer as it assumes, wrk's output is read right, the
Python load generator and the /proc readings work (the timed runs themselves are bench/bench_serve.py's)."""

from __future__ import annotations

import os
import subprocess
import sys
from types import ModuleType

import pytest

from tests.conftest import load_bench

WRK_OUTPUT = """Running 4s test @ http://127.0.0.1:5394/k/sgb-2-48b/rz-34a
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.21ms    5.01ms  84.22ms   95.12%
    Req/Sec     0.96k   150.00     1.20k    70.00%
  Latency Distribution
     50%  812.00us
     75%    1.90ms
     90%    2.50ms
     99%    1.02s
  7628 requests in 4.00s, 65.43MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 3
Requests/sec:   1907.00
Transfer/sec:     16.36MB
"""


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench("bench_serve")


def test_wrk_output_is_read_with_its_units(bench: ModuleType) -> None:
    run = bench.parse_wrk(WRK_OUTPUT)
    assert (run.requests, run.seconds, run.bad_status, run.socket_errors) == (7628, 4.0, 3, 3)
    assert run.p50_ms == pytest.approx(0.812) and run.p99_ms == pytest.approx(1020.0)
    assert run.rps == pytest.approx(1907.0)
    clean = bench.parse_wrk(WRK_OUTPUT.replace("  Socket errors: connect 0, read 2, write 0, timeout 1\n", "")
                            .replace("  Non-2xx or 3xx responses: 3\n", ""))
    assert (clean.bad_status, clean.socket_errors) == (0, 0)
    with pytest.raises(ValueError):
        bench.parse_wrk("wrk: connection refused")


@pytest.mark.server
def test_the_targets_answer_as_the_benchmark_assumes(bench: ModuleType, live_server: str) -> None:
    for path, status, _ in bench.TARGETS.values():
        bench.check_target(live_server, path, status)  # raises SystemExit otherwise
    with pytest.raises(SystemExit, match="expected 200, got 404"):
        bench.check_target(live_server, "/k/sgb-2-48b/rz-35", 200)


@pytest.mark.server
def test_the_python_load_generator_counts_answers_and_latencies(bench: ModuleType, live_server: str) -> None:
    path = bench.TARGETS["cite"][0]
    run = bench.python_load(live_server + path, 2, 0.5)
    assert run.requests > 0 and run.bad_status == 0 and run.socket_errors == 0
    assert 0 < run.p50_ms <= run.p99_ms
    missing = bench.python_load(live_server + "/k/sgb-2-48b/rz-35", 1, 0.3)
    assert missing.requests > 0 and missing.bad_status == missing.requests  # 404s are counted as bad


def test_proc_readings(bench: ModuleType) -> None:
    now, peak = bench.rss_mb(os.getpid())
    assert 0 < now <= peak
    assert bench.cpu_seconds([os.getpid()]) > 0
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        assert child.pid in bench.children(os.getpid())
    finally:
        child.communicate(b"")
    assert child.pid not in bench.children(os.getpid())
    assert bench.percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 3.0 and bench.percentile([], 0.99) == 0.0
