"""The ``kb`` command's boundary: every bad argument is exit 2 with one ``kb: `` line naming it — never exit 3 —
for real, in subprocesses on the real built knowledge base."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kb import limits
from tests.cli.test_cli import assert_one_line_error
from tests.conftest import REPO


def kb_bytes(*args: str | bytes) -> subprocess.CompletedProcess[str]:
    """``kb`` with raw byte arguments (as a shell passes ``$'\\xff'``)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("RANDNUMMER_DEBUG", None)
    argv = [sys.executable.encode(), b"-m", b"cli", *(a if isinstance(a, bytes) else a.encode() for a in args)]
    result = subprocess.run(argv, capture_output=True, cwd=REPO, env=env, timeout=600, check=False)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode(),
                                       result.stderr.decode(errors="replace"))


@pytest.mark.parametrize(("args", "named"), [
    (["search", "(" * 300 + "a" + ")" * 300], "zu tief verschachtelt"),  # the reproducer: was exit 3
    (["search", "(" * 999], "zu tief verschachtelt"),
    (["search", "a~2 b~2 c~2 d~2 e~2 f~2 g~2 h~2"], "mindestens 5 Buchstaben"),
    (["search", "Träger~ Kommune~ Landkreis~ Bund~ Gemeinde~"], "höchstens 4 Wörter mit ~"),
    (["search", "x" * 10_000], "länger als 1000 Zeichen"),
    (["search", ""], "leer"),
    (["search", "Träger", "--page", "0"], "--page"),
    (["search", "Träger", "--pagelen", "0"], "--pagelen"),
    (["search", "Träger", "--pagelen", str(limits.MAX_SEARCH_PAGELEN + 1)], "--pagelen"),
    (["search", "Träger", "--budget", "-1"], "--budget"),
    (["search", "Träger", "--budget", "nan"], "--budget"),
    (["search", "Träger~ Kommune", "--budget", "0"], "query too expensive"),
    ([b"search", b"Tr\xe4ger"], "QUERY: not UTF-8 (byte 0xe4 at character 3)"),  # latin-1 from an old terminal
    ([b"search", b"\xff"], "QUERY: not UTF-8"),
    ([b"show", b"\xff"], "CITATION: not UTF-8"),
    ([b"cites", b"\xff"], "TARGET: not UTF-8"),
    ([b"search", b"Rz. 1", b"--work", b"\xff"], "--work: not UTF-8"),
    ([b"entities", b"--label", b"\xff"], "--label: not UTF-8"),
])
def test_bad_arguments_are_exit_2_naming_them(built_kb: Path, args: list[str | bytes], named: str) -> None:
    line = assert_one_line_error(kb_bytes(*args, "--kb", str(built_kb)), 2)
    assert named in line


def test_a_search_within_the_budget_answers(built_kb: Path) -> None:
    result = kb_bytes("search", "Träger~ Kommune", "--budget", "60", "--kb", str(built_kb))
    assert result.returncode == 0, result.stderr


def test_pathological_citations_are_not_found_not_a_crash(built_kb: Path) -> None:
    """10,000 characters of citation-like text: a clean "not found" (exit 1) or bad input (2), never exit 3."""
    for args in (["show", "§ 1 " * 2500], ["show", "Rz. " * 2500], ["cites", "§§ 1, " * 1700],
                 ["show", "\x01\x02 § 48b \x7f"], ["search", "Rz. " * 240]):
        result = kb_bytes(*args, "--kb", str(built_kb))
        assert result.returncode in (1, 2), (args[0], result.returncode, result.stderr[-300:])
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
