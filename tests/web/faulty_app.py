"""``python -m tests.web.faulty_app serve <kb serve flags>``: the real ``kb serve`` (gunicorn and all),
whose app has one extra, test-only route that fails — the honest way to see a 500 over HTTP."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from flask import Flask

FAILING_PATH = "/_test/fehler"
SECRET = "/srv/geheim/pfad.py"  # in the exception's message: must never reach the reader


def main(argv: Sequence[str] | None = None) -> int:
    from cli.commands import kb_root, serve_options
    from cli.main import build_parser
    from web.server import app_factory, serve

    args = build_parser().parse_args(argv)
    options = serve_options(args)
    make = app_factory(kb_root(args), options)

    def factory() -> Flask:
        app = make()

        @app.get(FAILING_PATH)
        def fail() -> str:
            raise RuntimeError(f"kaputt in {SECRET}")

        return app

    serve(kb_root(args), options, factory=factory)
    return 0


if __name__ == "__main__":
    sys.exit(main())
