"""``kb build``'s progress: bars in a real pseudo-terminal, one line per stage in a pipe, nothing with --quiet."""

from __future__ import annotations

import errno
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.build import build
from indexer.progress import STAGES, Progress, Stage
from tests.conftest import REPO, write_commentaries

FILES, ENTRIES_PER_FILE = 3, 20
COLOUR = re.compile(r"\x1b\[[0-9;]*m")
CURSOR = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\r")  # what is left: line moves and clears


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_commentaries(
        tmp_path_factory.mktemp("corpus"), FILES, ENTRIES_PER_FILE, 200,
        lambda p, f, rz: f"Nach § {p} Abs. 1 BGB hat der Schuldner die Leistung zu bewirken; die Stadt Göttingen "
                         f"soll die Vereinbarung prüfen (Fall {f}-{rz}).", name="k{}.txt")


def run_build(corpus: Path, kb: Path, *extra: str, tty: bool) -> tuple[int, str, str]:
    """``python -m cli build`` with stderr on a pseudo-terminal (``tty``) or a pipe; stdout always a pipe."""
    cmd = [sys.executable, "-m", "cli", "build", str(corpus), "--kb", str(kb), *extra]
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "160", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    if not tty:
        done = subprocess.run(cmd, capture_output=True, cwd=REPO, env=env, timeout=300)
        return done.returncode, done.stdout.decode(), done.stderr.decode()
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave, cwd=REPO, env=env)
    os.close(slave)
    seen = bytearray()
    while True:  # read the terminal until the child closes it (EIO on Linux once the slave is gone)
        try:
            chunk = os.read(master, 65536)
        except OSError as exc:
            if exc.errno != errno.EIO:
                raise
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    out, _ = proc.communicate(timeout=300)
    return proc.returncode, out.decode(), seen.decode(errors="replace")


def test_terminal_shows_a_bar_per_stage_with_counts(corpus: Path, tmp_path: Path) -> None:
    code, out, err = run_build(corpus, tmp_path / "kb", tty=True)
    assert code == 0, err
    screen = CURSOR.sub("\n", COLOUR.sub("", err))
    for stage in STAGES:
        assert re.search(rf"^{stage}\b", screen, re.M), (stage, screen)
    assert re.search(rf"^parse\b.*\b{FILES}/{FILES} files\b.*\b{FILES * ENTRIES_PER_FILE} entries", screen, re.M)
    n = FILES * ENTRIES_PER_FILE
    assert re.search(rf"^index\b.*\b{n}/{n} entries", screen, re.M), screen
    assert "━" in err  # a drawn bar, not the plain lines
    assert f"built {n} entries from {FILES} works" in out


def test_quiet_prints_nothing_but_the_table(corpus: Path, tmp_path: Path) -> None:
    for flag in ("--quiet", "-q"):
        code, out, err = run_build(corpus, tmp_path / flag, flag, tty=True)
        assert code == 0
        assert err == ""
        assert f"built {FILES * ENTRIES_PER_FILE} entries from {FILES} works" in out.splitlines()[-1]


def test_a_pipe_gets_one_summary_line_per_stage(corpus: Path, tmp_path: Path) -> None:
    code, out, err = run_build(corpus, tmp_path / "kb", "--json", tty=False)
    assert code == 0, err
    lines = err.splitlines()
    assert [line.split(":")[0] for line in lines] == list(STAGES), err
    n = FILES * ENTRIES_PER_FILE
    assert lines[1].startswith(f"parse: {FILES} files, {n} entries in ")
    assert re.fullmatch(rf"index: {n} entries in \d+\.\d s \([\d,]+ entries/s\)", lines[5]), lines[5]
    timings = json.loads(out)["timings"]
    assert set(STAGES) <= set(timings) and all(v >= 0 for v in timings.values())
    # parse, cite and enrich share out the wall-clock time of processing
    assert timings["parse"] + timings["cite"] + timings["enrich"] == pytest.approx(timings["process"], abs=0.01)


class Recording(Progress):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, str, int]] = []

    def start(self, stage: Stage) -> None:
        self.events.append(("start", stage.name, stage.done))

    def update(self, stage: Stage) -> None:
        self.events.append(("update", stage.name, stage.done))

    def finish(self, stage: Stage) -> None:
        self.events.append(("finish", stage.name, stage.done))


def test_build_reports_each_stage_to_its_progress(corpus: Path, tmp_path: Path) -> None:
    progress = Recording()
    report = build([corpus], tmp_path / "kb", progress=progress)
    assert report.ok
    finished = {name: done for kind, name, done in progress.events if kind == "finish"}
    n = FILES * ENTRIES_PER_FILE
    assert finished == {"discover": FILES, "parse": FILES, "cite": FILES, "enrich": FILES, "records": FILES,
                        "index": n, "publish": 1}
    assert [name for kind, name, _ in progress.events if kind == "start"] == list(STAGES)
    assert progress.stages["enrich"].entries == n and progress.stages["records"].entries == n
