"""``kb serve``: the web app under gunicorn (production) or werkzeug's development server (``--dev``).

gunicorn runs a master process and ``workers`` forked worker processes (``threads`` > 1: gthread
workers that keep connections alive, else sync workers that close each one). Each worker builds the
app after the fork and opens the knowledge base there, so no two processes share file handles; every
worker picks up a new build by itself (see :class:`web.kbhandle.KBHandle`). Signals to the master
(gunicorn's): ``HUP`` reloads gracefully — new workers with the current code start, the old ones
finish their requests and exit; ``TERM`` stops gracefully, ``INT`` / ``QUIT`` at once; ``TTIN`` /
``TTOU`` add or remove a worker.
"""

from __future__ import annotations

import contextlib
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask

SERVER_NAME = "Randnummer"  # the Server header, instead of the WSGI server's name and version


class ServeError(Exception):
    """The server cannot start (port taken, bad base URL); the message is one line for the operator."""


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """What ``kb serve`` was asked for."""

    host: str = "127.0.0.1"
    port: int = 5000
    workers: int = 2
    threads: int = 4  # > 1: gthread workers (keep-alive; measured faster here than sync workers, bench_serve.py)
    timeout: int = 30  # seconds a worker may be silent (one request) before gunicorn replaces it
    access_log: str | None = None  # a file, or "-" for stdout; None: no access log
    base_url: str | None = None  # public base of absolute links (else $RANDNUMMER_BASE_URL, else listen_url)
    proxy: int = 0  # proxies in front whose X-Forwarded-* headers count; 0: none
    dev: bool = False  # werkzeug's development server instead of gunicorn
    page_cache_mb: int = 32  # rendered pages of the current build kept per worker; 0: none

    @property
    def listen_url(self) -> str:
        """``http://host:port`` of the listening socket; all interfaces are named by this machine's name."""
        host = self.host
        if host in ("", "0.0.0.0", "::"):
            host = socket.getfqdn()
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    @property
    def bind(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    def app_config(self) -> dict[str, Any]:
        """The ``create_app`` settings these options mean (see :func:`web.create_app`)."""
        config: dict[str, Any] = {"TRUST_PROXY": self.proxy, "LISTEN_URL": self.listen_url,
                                  "PAGE_CACHE_BYTES": self.page_cache_mb * 1024 * 1024}
        if self.base_url:
            config["BASE_URL"] = self.base_url
        return config


def check_port(host: str, port: int) -> None:
    """One clear line instead of a server's multi-line complaint (or retries) when the port is taken."""
    try:
        with socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET):
            pass
    except OSError as err:
        raise ServeError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None


def app_factory(kb_root: Path, options: ServeOptions) -> Callable[[], Flask]:
    """What each worker calls after the fork to build its app."""

    def make() -> Flask:
        from web import create_app

        return create_app(kb_root, **options.app_config())

    return make


def warm(app: Flask) -> None:
    """Do once what the first requests would otherwise wait for: open the knowledge base, load the
    compound dictionary the search snippets split with (~0.5 s), compile the citation grammar (~0.3 s; a
    process compiles it on first use), compile the templates."""
    from kb.citations import grammar
    from kb.search import compounds
    from kb.store import KnowledgeBaseMissing

    with contextlib.suppress(KnowledgeBaseMissing):  # the pages say how to build; a build is picked up
        app.extensions["randnummer"].get()
    compounds.dictionary()
    grammar.compile_all()
    for name in app.jinja_env.list_templates():
        app.jinja_env.get_template(name)


READY = "worker ready"  # logged by each gunicorn worker once it accepts requests


def _worker_ready(worker: Any) -> None:
    """gunicorn hook: the worker has built and warmed its app; say so in the log (the benchmark waits for it)."""
    worker.log.info("%s (pid %s)", READY, worker.pid)


class GunicornServer:
    """gunicorn's arbiter around an app factory, configured from :class:`ServeOptions` (no config file,
    no ``GUNICORN_CMD_ARGS``: ``kb serve``'s flags are the whole configuration)."""

    def __init__(self, factory: Callable[[], Flask], options: ServeOptions) -> None:
        from gunicorn.app.base import BaseApplication

        outer = self

        class _App(BaseApplication):  # type: ignore[misc]
            def load_config(self) -> None:
                for key, value in outer.settings().items():
                    if key in self.cfg.settings:  # settings newer than the installed gunicorn are left out
                        self.cfg.set(key, value)

            def load(self) -> Any:
                return outer.load()

        self.factory = factory
        self.options = options
        self._app_class = _App

    def settings(self) -> dict[str, Any]:
        o = self.options
        return {
            "bind": [o.bind],
            "workers": o.workers,
            "threads": o.threads,
            "worker_class": "gthread" if o.threads > 1 else "sync",
            "timeout": o.timeout,
            "graceful_timeout": o.timeout,
            "accesslog": o.access_log,
            # gunicorn's default line plus the request time (µs) and the worker's pid
            "access_log_format": '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)sµs %(p)s',
            "errorlog": "-",
            "proc_name": "randnummer",
            # X-Forwarded-* are the app's business, and only with --proxy (ProxyFix): gunicorn itself
            # must not turn a client's X-Forwarded-Proto into https, nor its SCRIPT_NAME header into a prefix.
            "forwarded_allow_ips": "",
            "secure_scheme_headers": {},
            "forwarder_headers": "",
            # gunicorn ≥ 25.1 opens a control socket under $HOME by default; the signals above do the job,
            # and two servers on one machine would fight over that one path.
            "control_socket_disable": True,
            "post_worker_init": _worker_ready,
        }

    def load(self) -> Flask:
        """In the worker, after the fork: build the app and warm it before the first request."""
        app = self.factory()
        warm(app)
        return app

    def run(self) -> None:
        import gunicorn.http.wsgi

        # gunicorn writes "Server: gunicorn" from this module constant into every response.
        gunicorn.http.wsgi.SERVER = SERVER_NAME  # type: ignore[attr-defined]
        self._app_class(prog="kb serve").run()


def run_dev(app: Flask, options: ServeOptions) -> None:
    """werkzeug's threaded development server (``kb serve --dev``), without its version banner."""
    from werkzeug.serving import WSGIRequestHandler, run_simple

    class Handler(WSGIRequestHandler):
        @property
        def server_version(self) -> str:  # type: ignore[override]
            return SERVER_NAME

        def version_string(self) -> str:
            return SERVER_NAME

    run_simple(options.host, options.port, app, threaded=True, use_reloader=False, use_debugger=False,
               request_handler=Handler)


def serve(kb_root: Path, options: ServeOptions, factory: Callable[[], Flask] | None = None) -> None:
    """Serve until stopped. ``factory`` (default: :func:`app_factory`) builds the app in each worker."""
    from web.http import check_base_url

    if options.base_url:
        try:
            check_base_url(options.base_url)
        except ValueError as err:
            raise ServeError(str(err)) from None
    if options.workers < 1 or options.threads < 1 or options.timeout < 1:
        raise ServeError("--workers, --threads and --timeout must be 1 or more")
    if options.page_cache_mb < 0:
        raise ServeError("--page-cache must be 0 (off) or more")
    check_port(options.host, options.port)
    make = factory or app_factory(kb_root, options)
    where = options.base_url or options.listen_url
    kind = "werkzeug development server" if options.dev else (
        f"gunicorn, {options.workers} worker(s) × {options.threads} thread(s)")
    print(f"Randnummer on http://{options.bind}/ ({kind}; links: {where}; knowledge base: {kb_root})",
          file=sys.stderr)
    if options.dev:
        app = make()
        warm(app)
        run_dev(app, options)
    else:
        GunicornServer(make, options).run()


__all__ = ["GunicornServer", "ServeError", "ServeOptions", "serve"]
