"""The build benchmark runs end to end at a tiny size (its timed runs are bench/bench_build.py's)."""

from __future__ import annotations

import pytest

from tests.conftest import load_bench


def test_full_no_change_and_one_file_rebuilds_at_a_tiny_size(capsys: pytest.CaptureFixture[str]) -> None:
    bench = load_bench("bench_build")
    assert bench.main(["--sizes", "120", "--repeat", "2", "--procs", "1"]) == 0
    out = capsys.readouterr().out
    rows = {line.split(" | ")[0].strip("| "): line.split(" | ") for line in out.splitlines() if line.startswith("| ")}
    assert {"full", "no change", "one file"} <= set(rows) and "120 entries (3 source files)" in out
    assert rows["no change"][1] == "2" and rows["one file"][1] == "2"
    assert rows["no change"][-3:] == ["3/0", "3/0", rows["no change"][-1]]  # nothing processed or written
    assert rows["one file"][-3] == "2/1" and rows["one file"][-2] == "2/1"  # one source, one work again
    assert rows["full"][-3] == "0/3" and float(rows["full"][4]) == 1.0
