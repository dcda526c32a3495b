"""The annotate benchmark runs end to end at a tiny size (its timed runs are bench/bench_annotate.py's):
the curve for annotate and enrich, and the server phases with a real gunicorn, in both modes."""

from __future__ import annotations

import argparse
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import load_bench


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench("bench_annotate")


def test_unmarked_text_has_the_size_asked_and_no_randnummern(bench: ModuleType) -> None:
    text = bench.unmarked_text(30_000)
    assert len(text) == 30_000 and "\n\n" in text
    assert not any(line.startswith(("Rz.", "Rn.")) for line in text.splitlines())


def test_the_curve_at_tiny_sizes(bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    curve = bench.measure_curve([2_000, 4_000], 1)
    assert set(curve) == {"annotate", "enrich"} and all(set(c) == {2_000, 4_000} for c in curve.values())
    assert all(s > 0 for c in curve.values() for s in c.values())
    bench.print_curve(curve, curve, "same", 1)
    out = capsys.readouterr().out
    assert "ms/1000 chars" in out and "speed-up" in out and "4,000" in out


@pytest.mark.server
def test_the_server_phases_at_a_tiny_size(bench: ModuleType, built_kb: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(kb=str(built_kb), modes="helper,inline", duration=1.0, probers=1, interval=0.05,
                              annotators=1, annotate_chars=30_000)
    results = bench.bench_serve(args)
    assert [(mode, what == "idle") for mode, what, _ in results] == [
        ("helper", True), ("helper", False), ("inline", True), ("inline", False)]
    for _, what, phase in results:
        assert phase.bad == 0 and all(phase.latencies.values()) and phase.rss_mb > 0
        if what != "idle":
            assert phase.annotate_status[200] >= 1
    bench.print_serve(results, args)
    assert "p99 by page" in capsys.readouterr().out
