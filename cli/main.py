"""The ``kb`` command: build, search, show, parse, annotate, cites, entities, obligations, serve.

Exit codes: 0 found / done, 1 not found, 2 bad input (missing file, bad encoding, malformed query,
failed build, another build running), 3 internal error; 128 + the signal's number when a signal ends
``kb build`` (130 SIGINT, 143 SIGTERM, 129 SIGHUP: its directory removed, the previous knowledge base
kept). Errors are one line on stderr, never a traceback. ``--json`` prints JSON on stdout; its keys are
documented in the README (section "Command line").
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from cli import commands
from cli.output import BAD_INPUT, FOUND, INTERNAL, CliError, check_text_arguments
from kb.limits import SEARCH_TIME_BUDGET
from kb.search import QueryError, QueryTooExpensive
from kb.store import KnowledgeBaseMissing


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--kb", metavar="DIR", help="knowledge-base root (default: $RANDNUMMER_KB or ./var/kb)")

    parser = argparse.ArgumentParser(prog="kb", description="Randnummer: knowledge base of German legal commentary.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, fn: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(func=fn)
        return p

    p = add("build", commands.build, "build the knowledge base from source files or directories (default: corpus/)")
    p.add_argument("sources", nargs="*", metavar="SOURCE")
    p.add_argument("--json", action="store_true", help="print the build report as JSON")
    p.add_argument("--allow-errors", action="store_true",
                   help="publish the usable sources even when some cannot be used (default: keep the previous KB)")
    p.add_argument("--procs", type=int, metavar="N",
                   help="worker processes for parsing and indexing (default: up to 2, one per CPU)")
    p.add_argument("--full", action="store_true",
                   help="process every source and write every record and index part again (default: reuse "
                        "what the current build has of unchanged sources)")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress on stderr (default: bars on a terminal, else one line per stage)")

    p = add("search", commands.search, "full-text search; a citation query jumps to its entry")
    p.add_argument("query")
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--pagelen", type=int, default=10, help=argparse.SUPPRESS)
    p.add_argument("--budget", type=float, default=SEARCH_TIME_BUDGET, metavar="SECONDS",
                   help=f"give up on a text search after this long: 'query too expensive', exit 2 "
                        f"(default: {SEARCH_TIME_BUDGET:g})"),
    p.add_argument("--work", metavar="SLUG", help="the work a bare Randnummer ('Rz. 34a') is looked up in")
    p.add_argument("--json", action="store_true")

    p = add("show", commands.show, "show the entry a citation points at, e.g. '§ 48b Rz. 34a SGB II'")
    p.add_argument("citation")
    p.add_argument("--json", action="store_true")

    p = add("parse", commands.parse, "the entries a source file would produce, without building")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")

    p = add("annotate", commands.annotate, "citations, entities and obligations with character offsets in any text")
    p.add_argument("file", nargs="?", default="-", help="text file (UTF-8), or - for stdin (default)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--html", action="store_true", help="print the text as HTML with links")
    p.add_argument("--law", help="law the text is about, for bookless references (e.g. 'SGB II')")
    p.add_argument("--paragraph", metavar="NUMBER", help="§ the text comments, for 'Abs. 4' etc. (e.g. 48b)")
    p.add_argument("--work", metavar="SLUG", help="commentary the text belongs to (sets --law/--paragraph)")

    p = add("cites", commands.cites, "who cites a norm or Randnummer (hierarchical: § 6a includes § 6a Abs. 2)")
    p.add_argument("target")
    p.add_argument("--json", action="store_true")

    p = add("entities", commands.entities, "entities in the knowledge base, with their mention counts")
    p.add_argument("--label", help="only this label, e.g. TRAEGER, ORT, MINISTERIUM")
    p.add_argument("--json", action="store_true")

    p = add("obligations", commands.obligations, "obligations (Pflicht, Soll, Kann, Verbot) and who bears them")
    p.add_argument("--bearer", metavar="NAME", help="entity name, abbreviation or id, e.g. 'kommunaler Träger'")
    p.add_argument("--json", action="store_true")

    p = add("serve", commands.serve, "serve the web app (gunicorn; kill -HUP <pid> reloads gracefully)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=5000)
    p.add_argument("--workers", type=int, default=2, metavar="N", help="worker processes (default: 2)")
    p.add_argument("--threads", type=int, default=4, metavar="N",
                   help="threads per worker (default: 4, threaded workers with keep-alive; 1: sync workers)")
    p.add_argument("--timeout", type=int, default=30, metavar="SECONDS",
                   help="a worker silent this long is restarted; also the graceful-stop grace (default: 30)")
    p.add_argument("--access-log", metavar="FILE", help="write an access log to FILE (- for stdout)")
    p.add_argument("--base-url", metavar="URL", default=os.environ.get("RANDNUMMER_BASE_URL"),
                   help="public base of absolute links, e.g. https://randnummer.example "
                        "(default: $RANDNUMMER_BASE_URL, else http://HOST:PORT)")
    p.add_argument("--proxy", type=int, nargs="?", const=1, default=0, metavar="HOPS",
                   help="behind HOPS reverse proxies (default 1): honour their X-Forwarded-For/-Proto/-Host/"
                        "-Port/-Prefix; never without this flag")
    p.add_argument("--page-cache", type=int, default=32, metavar="MB",
                   help="rendered pages of the current build kept per worker (default: 32; 0: off)")
    p.add_argument("--dev", action="store_true", help="werkzeug's development server instead of gunicorn")
    return parser


def _fail(message: str, code: int) -> NoReturn:
    print(f"kb: {message}", file=sys.stderr)
    raise SystemExit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        check_text_arguments(args)
        return args.func(args)
    except CliError as err:
        _fail(str(err), err.code)
    except KnowledgeBaseMissing as err:
        _fail(f"{err} (build it first: kb build corpus/)", BAD_INPUT)
    except QueryTooExpensive as err:
        _fail(f"query too expensive: {err}", BAD_INPUT)
    except QueryError as err:
        _fail(f"malformed query: {err}", BAD_INPUT)
    except BrokenPipeError:  # `kb search … | head`: the reader went away
        sys.stderr.close()
        return FOUND
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        _fail(f"{where}{err.strerror or err}", BAD_INPUT)
    except Exception as err:  # a bug: still one line for the user; RANDNUMMER_DEBUG=1 shows the traceback
        if os.environ.get("RANDNUMMER_DEBUG"):
            raise
        _fail(f"internal error ({type(err).__name__}: {err}); rerun with RANDNUMMER_DEBUG=1 for details", INTERNAL)


if __name__ == "__main__":
    sys.exit(main())
