"""The ``kb`` command for real: subprocesses on the real built knowledge base, exit codes and JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO, SAMPLE

RZ33 = ("Auf die Vereinbarungen nach Abs. 1 Satz 1 Nr. 4 mit den zugelassenen kommunalen Trägern ist "
        "insbesondere Abs. 4 anzuwenden.")


def kb(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("RANDNUMMER_DEBUG", None)
    result = subprocess.run([sys.executable, "-m", "cli", *args], input=stdin, capture_output=True, cwd=REPO,
                            env=env, timeout=600, check=False)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode(), result.stderr.decode())


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("kb: ")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_console_script_is_declared() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["scripts"]["kb"] == "cli.main:main"
    from cli.main import main

    assert callable(main)


def test_help_lists_every_command() -> None:
    result = kb("--help")
    assert result.returncode == 0
    for command in ("build", "search", "show", "parse", "annotate", "cites", "entities", "obligations", "serve"):
        assert command in result.stdout


# --------------------------------------------------------------------------- search / show


def test_search_ranks_rz_34a_first(built_kb: Path) -> None:
    result = kb("search", "Landkreis Göttingen", "--kb", str(built_kb), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["hits"][0]["id"] == "sgb-2-48b/rz-34a"
    assert "<mark>" in data["hits"][0]["snippet_html"]
    assert set(data) == {"query", "work", "page", "pagelen", "total", "direct", "suggestion", "citation", "hits",
                         "facets"}
    plain = kb("search", "Landkreis Göttingen", "--kb", str(built_kb))
    assert plain.returncode == 0 and plain.stdout.splitlines()[0].split()[1:5] == ["§", "48b", "SGB", "II"]


def test_search_stemming_finds_rz_34(built_kb: Path) -> None:
    data = json.loads(kb("search", "Zielvereinbarung", "--kb", str(built_kb), "--json").stdout)
    assert "sgb-2-48b/rz-34" in [h["id"] for h in data["hits"]]


def test_search_citation_is_a_direct_hit(built_kb: Path) -> None:
    result = kb("search", "§ 48b Rz. 34a", "--kb", str(built_kb), "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["direct"]["id"] == "sgb-2-48b/rz-34a"


def test_search_a_bare_randnummer(built_kb: Path) -> None:
    only = kb("search", "Rz. 34a", "--kb", str(built_kb))
    assert only.returncode == 0 and only.stdout.startswith("→ § 48b SGB II Rz. 34a  /k/sgb-2-48b/rz-34a")
    assert "meinten Sie" not in only.stderr
    data = json.loads(kb("search", "Rn. 12", "--kb", str(built_kb), "--json", "--pagelen", "100").stdout)
    choices = data["citation"]["choices"]
    assert data["direct"] is None and data["suggestion"] is None and len(choices) >= 2
    assert [h["id"] for h in data["hits"]] == [c["id"] for c in choices]
    plain = kb("search", "Rn. 12", "--kb", str(built_kb))
    assert plain.returncode == 0 and f"in {len(choices)} Werken" in plain.stderr and "/rn-12" in plain.stdout
    decision = choices[0]["work"]
    chosen = json.loads(kb("search", "Rn. 12", "--work", decision, "--kb", str(built_kb), "--json").stdout)
    assert chosen["direct"]["id"] == f"{decision}/rn-12" and chosen["work"] == decision
    missing = kb("search", "Rz. 12", "--work", "sgb-2-48b", "--kb", str(built_kb))
    assert missing.returncode == 1 and "§ 48b SGB II hat keine Rz. 12" in missing.stderr
    assert "meinten Sie" not in missing.stderr
    shown = assert_one_line_error(kb("show", "Rn. 12", "--kb", str(built_kb)), 1)
    assert f"in {len(choices)} Werken" in shown and choices[0]["label"] in shown


def test_search_exit_codes(built_kb: Path) -> None:
    assert kb("search", "Quantenchromodynamik", "--kb", str(built_kb)).returncode == 1
    line = assert_one_line_error(kb("search", "Träger AND (", "--kb", str(built_kb)), 2)
    assert "malformed query" in line
    assert_one_line_error(kb("search", "Träger", "--page", "0", "--kb", str(built_kb)), 2)


def test_show_citation(built_kb: Path) -> None:
    result = kb("show", "§ 48b Rz. 34a SGB II", "--kb", str(built_kb), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["url"] == "/k/sgb-2-48b/rz-34a" and data["label"] == "§ 48b SGB II Rz. 34a"
    assert data["entry"]["rz"] == "34a" and "Landkreis Göttingen" in data["entry"]["text"]
    plain = kb("show", "48b Rn. 34a", "--kb", str(built_kb))
    assert plain.returncode == 0 and plain.stdout.startswith("§ 48b SGB II Rz. 34a")


def test_show_unknown_is_1_with_nearest(built_kb: Path) -> None:
    line = assert_one_line_error(kb("show", "§ 48b Rz. 35 SGB II", "--kb", str(built_kb)), 1)
    assert "35" in line and "34a" in line
    data = json.loads(kb("show", "§ 48b Rz. 35 SGB II", "--kb", str(built_kb), "--json").stdout)
    assert data["entry"] is None and "sgb-2-48b/rz-34a" in [s["id"] for s in data["suggestions"]]


def test_missing_knowledge_base_is_a_clear_error(tmp_path: Path) -> None:
    line = assert_one_line_error(kb("show", "§ 48b Rz. 34a", "--kb", str(tmp_path / "none")), 2)
    assert "kb build" in line


# --------------------------------------------------------------------------- cites / entities / obligations


def test_cites_is_hierarchical(built_kb: Path) -> None:
    data = json.loads(kb("cites", "§ 6a SGB II", "--kb", str(built_kb), "--json").stdout)
    assert data["key"] == "SGB 2 § 6a"
    rows = [r for r in data["cited_by"] if r["entry"]["id"] == "sgb-2-48b/rz-34"]
    assert rows and rows[0]["citation"]["text"].startswith("§ 6a Abs. 2 Satz 1 Nr. 4")
    abs3 = json.loads(kb("cites", "§ 6a Abs. 3 SGB II", "--kb", str(built_kb), "--json").stdout)
    assert "sgb-2-48b/rz-34" not in [r["entry"]["id"] for r in abs3["cited_by"]]
    assert_one_line_error(kb("cites", "Blumenkohl", "--kb", str(built_kb)), 2)


def test_entities(built_kb: Path) -> None:
    result = kb("entities", "--label", "ORT", "--kb", str(built_kb), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["label"] == "ORT"
    assert "ort/landkreis-goettingen" in [e["id"] for e in data["entities"]]
    assert {e["label"] for e in data["entities"]} == {"ORT"}
    assert_one_line_error(kb("entities", "--label", "PLANET", "--kb", str(built_kb)), 2)


def test_obligations(built_kb: Path) -> None:
    data = json.loads(kb("obligations", "--kb", str(built_kb), "--json").stdout)
    rows = [o for o in data["obligations"] if o["entry"]["id"] == "sgb-2-48b/rz-34"]
    assert rows and any("kommunal" in (o["bearer_id"] or "") for o in rows)
    bearer = next(o["bearer_id"] for o in rows if o["bearer_id"])
    one = json.loads(kb("obligations", "--bearer", bearer, "--kb", str(built_kb), "--json").stdout)
    assert one["bearer_id"] == bearer and all(o["bearer_id"] == bearer for o in one["obligations"])
    assert_one_line_error(kb("obligations", "--bearer", "Niemand", "--kb", str(built_kb)), 1)


# --------------------------------------------------------------------------- parse / annotate


def test_parse_sample(tmp_path: Path) -> None:
    result = kb("parse", str(SAMPLE), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [e["rz"] for e in data["entries"]] == ["33", "34", "34a"]
    assert [e["id"] for e in data["entries"]] == ["sgb-2-48b/rz-33", "sgb-2-48b/rz-34", "sgb-2-48b/rz-34a"]
    first = data["entries"][0]
    assert set(first) >= {"id", "rz", "sort_key", "headings", "text", "location", "line", "blocks"}
    assert first["line"] == 1 and first["sort_key"] < data["entries"][2]["sort_key"]
    assert data["work"]["slug"] == "sgb-2-48b"
    assert_one_line_error(kb("parse", str(tmp_path / "nope.txt"), "--json"), 2)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\xff")
    assert "binary.txt" in assert_one_line_error(kb("parse", str(binary), "--json"), 2)


def test_annotate_resolves_the_sample_citations() -> None:
    result = kb("annotate", "-", "--law", "SGB II", "--paragraph", "48b", "--json", stdin=RZ33.encode())
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    keys = [t["key"] for c in data["citations"] for t in c["targets"]]
    assert "SGB 2 § 48b Abs. 1 Satz 1 Nr. 4" in keys and "SGB 2 § 48b Abs. 4" in keys
    for c in data["citations"]:
        assert RZ33[c["start"]:c["end"]] == c["text"]
    assert set(data) == {"context", "length", "citations", "entities", "obligations"}
    traeger = [e for e in data["entities"] if e["label"] == "TRAEGER"]
    assert traeger and RZ33[traeger[0]["start"]:traeger[0]["end"]] == traeger[0]["text"]


def test_annotate_two_targets_in_6a(tmp_path: Path) -> None:
    text = "aufgrund des § 6a Abs. 2 Satz 1 Nr. 4 und Abs. 7 Satz 2 ohnehin"
    path = tmp_path / "rz34.txt"
    path.write_text(text, encoding="utf-8")
    data = json.loads(kb("annotate", str(path), "--law", "SGB 2", "--paragraph", "48b", "--json").stdout)
    targets = [t["key"] for c in data["citations"] for t in c["targets"]]
    assert targets == ["SGB 2 § 6a Abs. 2 Satz 1 Nr. 4", "SGB 2 § 6a Abs. 7 Satz 2"]


def test_annotate_html_and_bad_input(tmp_path: Path) -> None:
    html = kb("annotate", "--html", stdin="<i>§ 6a SGB II</i>".encode())
    assert html.returncode == 0 and "&lt;i&gt;" in html.stdout and "<a " in html.stdout
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Träger".encode("latin-1"))
    line = assert_one_line_error(kb("annotate", str(latin1), "--json"), 2)
    assert "latin1.txt" in line and "UTF-8" in line
    assert_one_line_error(kb("annotate", str(tmp_path / "missing.txt")), 2)
    assert_one_line_error(kb("annotate", "--law", "Klingonisch", stdin=b"Abs. 4"), 2)
    assert_one_line_error(kb("annotate", "--work", "sgb-2-48b", "--kb", str(tmp_path / "none"), stdin=b"x"), 2)


def test_annotate_with_a_work_from_the_knowledge_base(built_kb: Path) -> None:
    result = kb("annotate", "--work", "sgb-2-48b", "--kb", str(built_kb), "--json", stdin=b"nach Abs. 4")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["context"] == {"law": "SGB 2", "paragraph": "48b", "work": "sgb-2-48b"}
    assert data["citations"][0]["targets"][0]["key"] == "SGB 2 § 48b Abs. 4"
    line = assert_one_line_error(kb("annotate", "--work", "bgb-823", "--kb", str(built_kb), stdin=b"x"), 2)
    assert "bgb-823" in line


# --------------------------------------------------------------------------- build


def test_failed_build_keeps_the_previous_knowledge_base(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    good = kb("build", str(CORPUS / SAMPLE.name), "--kb", str(root))
    assert good.returncode == 0, good.stderr
    assert "sgb-2-48b" in good.stdout  # the summary table
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "kaputt.txt").write_bytes(b"Rz. 1\n\x00\x01 binary garbage")
    line = assert_one_line_error(kb("build", str(broken), "--kb", str(root)), 2)
    assert "kaputt.txt" in line
    still = kb("show", "§ 48b Rz. 34a SGB II", "--kb", str(root), "--json")
    assert still.returncode == 0 and json.loads(still.stdout)["entry"]["id"] == "sgb-2-48b/rz-34a"
    assert_one_line_error(kb("build", str(tmp_path / "absent"), "--kb", str(root)), 2)


@pytest.mark.parametrize("argv", [["frobnicate"], ["search"], ["serve", "--port", "x"]])
def test_usage_errors_exit_2(argv: list[str]) -> None:
    result = kb(*argv)
    assert result.returncode == 2 and "usage:" in result.stderr and "Traceback" not in result.stderr


def test_serve_on_a_taken_port_is_one_clear_line(built_kb: Path) -> None:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        line = assert_one_line_error(kb("serve", "--kb", str(built_kb), "--port", str(port)), 2)
    assert f"127.0.0.1:{port}" in line


@pytest.mark.parametrize(("flags", "says"), [
    (["--base-url", "randnummer.example"], "base URL"),
    (["--workers", "0"], "--workers"),
])
def test_serve_refuses_bad_options_in_one_line(built_kb: Path, flags: list[str], says: str) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    line = assert_one_line_error(kb("serve", "--kb", str(built_kb), "--port", str(port), *flags), 2)
    assert says in line
