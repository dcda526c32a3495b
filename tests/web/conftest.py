"""Web fixtures: the app on the real built knowledge base, a real HTTP server, a real headless Chromium."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def sample_commentary_kb(root: Path) -> Path:
    """A knowledge base of the sample commentary alone, built into ``root``: small and quick to rebuild, for tests
    that change what a running app or server serves."""
    from indexer.build import build
    from tests.conftest import SAMPLE

    corpus = root / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "manifest.toml").write_text(
        '[[work]]\nfile = "k.txt"\nslug = "sgb-2-48b"\ntitle = "Kommentar zu § 48b SGB II"\nlaw = "SGB 2"\n'
        'paragraph = "48b"\n', encoding="utf-8")
    (corpus / "k.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    kb = root / "kb"
    assert build([corpus], kb).ok
    return kb


@contextlib.contextmanager
def browser_page(chromium: Any, base_url: str, timeout_ms: int) -> Iterator[Any]:
    """A fresh German-locale browser context on ``base_url`` and its one page, closed afterwards."""
    context = chromium.new_context(base_url=base_url, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def app(built_kb: Path) -> Flask:
    from web import create_app

    return create_app(built_kb, TESTING=True)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A ``kb serve`` (or other server command) running in a subprocess on a free loopback port."""

    def __init__(self, proc: subprocess.Popen[bytes], base: str, access_log: Path | None) -> None:
        self.proc = proc
        self.base = base
        self.access_log = access_log


@contextmanager
def running(args: Sequence[str], *, env: dict[str, str] | None = None, access_log: Path | None = None,
            module: str = "cli") -> Iterator[Server]:
    """``python -m <module> serve <args>`` on a free port until the block ends; waits until it answers.

    Its stderr goes to a file, not a pipe: a pipe nobody reads would stall a chatty server."""
    port = free_port()
    environ = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    environ.pop("RANDNUMMER_BASE_URL", None)  # only what the test says
    environ.update(env or {})
    command = [sys.executable, "-m", module, "serve", "--host", "127.0.0.1", "--port", str(port), *args]
    if access_log is not None:
        command += ["--access-log", str(access_log)]
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(command, cwd=REPO, env=environ, stdout=subprocess.DEVNULL, stderr=errors)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60  # readiness wait, not a performance assertion
            while True:
                if proc.poll() is not None:
                    errors.seek(0)
                    pytest.fail(f"kb serve exited with {proc.returncode}: {errors.read().decode()}")
                try:
                    with urllib.request.urlopen(base + "/search.json", timeout=5):
                        break
                except urllib.error.HTTPError:  # it answers (a 503 without a knowledge base is an answer)
                    break
                except OSError:  # refused, or accepted by the kernel while the workers still warm up
                    if time.monotonic() > deadline:
                        pytest.fail("kb serve did not answer within 60 s")
                    time.sleep(0.2)
            yield Server(proc, base, access_log)
        finally:
            proc.terminate()  # gunicorn: graceful stop of the master and its workers
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="session")
def live_server(built_kb: Path) -> Iterator[str]:
    """``kb serve`` for real — gunicorn with 2 worker processes — on a free loopback port; yields its base URL."""
    with running(["--kb", str(built_kb), "--workers", "2"]) as server:
        yield server.base


PUBLIC_BASE = "https://randnummer.example/"


@pytest.fixture(scope="session")
def base_url_server(built_kb: Path) -> Iterator[str]:
    """Like ``live_server``, told its public address with ``--base-url`` (as behind a proxy)."""
    with running(["--kb", str(built_kb), "--workers", "2", "--base-url", PUBLIC_BASE]) as server:
        yield server.base


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (scripts/setup.sh test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
