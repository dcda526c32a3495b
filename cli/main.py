"""The ``kb`` command: build, search, show, parse, annotate, cites, entities, obligations, serve.

Exit codes: 0 found / done, 1 not found, 2 bad input (missing file, bad encoding, malformed query,
failed build). Errors are one line on stderr, never a traceback. ``--json`` prints JSON on stdout;
its keys are documented in the README (section "Command line").
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from kb.links import entry_label, entry_path

FOUND, NOT_FOUND, BAD_INPUT = 0, 1, 2


class CliError(Exception):
    """A failure to report on one stderr line, with its exit code."""

    def __init__(self, message: str, code: int = BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


# --------------------------------------------------------------------------- helpers


def _emit(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _kb_root(args: argparse.Namespace) -> Path:
    if args.kb:
        return Path(args.kb)
    from kb.store import default_root

    return default_root()


def _open_kb(args: argparse.Namespace) -> Any:
    from kb.store import KnowledgeBase

    return KnowledgeBase.open(_kb_root(args))


def _read_text(name: str) -> str:
    """The text of FILE (or stdin for "-"), strictly UTF-8 so a wrong encoding is reported, not garbled."""
    if name == "-":
        data = sys.stdin.buffer.read()
        where = "<stdin>"
    else:
        path = Path(name)
        if not path.is_file():
            raise CliError(f"{name}: no such file")
        data = path.read_bytes()
        where = name
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CliError(f"{where}:{line}: not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
                       "convert it, e.g. iconv -f latin1 -t utf-8") from None


def _summary(entry: Any) -> dict[str, Any]:
    return {"id": entry.id, "label": entry_label(entry), "url": entry_path(entry), "work": entry.work, "law": entry.law,
            "paragraph": entry.paragraph, "rz": entry.rz.label if entry.rz else None, "title": entry.title,
            "headings": list(entry.headings)}


def _plain_snippet(html: str) -> str:
    """Snippet HTML for a terminal: <mark> shown as [[…]], other tags dropped, entities unescaped."""
    import html as htmllib
    import re

    text = html.replace("<mark>", "[[").replace("</mark>", "]]")
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(htmllib.unescape(text).split())


def _as_dict(obj: Any) -> Any:
    """A read-API result as JSON-ready data."""
    from kb.model import json_ready

    return json_ready(obj)


# --------------------------------------------------------------------------- commands


def cmd_build(args: argparse.Namespace) -> int:
    from indexer.build import build

    sources = [Path(s) for s in args.sources] or [Path("corpus")]
    for src in sources:
        if not src.exists():
            raise CliError(f"{src}: no such file or directory")
    root = _kb_root(args)
    try:
        report = build(sources, root, allow_errors=args.allow_errors)
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        raise CliError(f"build failed, previous knowledge base kept: {where}{err.strerror or err}") from None
    if args.json:
        _emit(_as_dict(report))
    else:
        print(report.summary_table())
    if not report.ok:
        raise CliError(f"build failed, previous knowledge base kept: {report.error}")
    return FOUND


def cmd_search(args: argparse.Namespace) -> int:
    from kb.search import QueryError

    if args.page < 1:
        raise CliError(f"--page must be 1 or more, not {args.page}")
    kb = _open_kb(args)
    try:
        results = kb.search(args.query, page=args.page, pagelen=args.pagelen)
    except QueryError as err:
        raise CliError(f"malformed query: {err}") from None
    found = results.direct is not None or bool(results.hits)
    if args.json:
        _emit({
            "query": args.query, "page": args.page, "pagelen": args.pagelen, "total": results.total,
            "direct": _summary(results.direct) if results.direct is not None else None,
            "suggestion": results.suggestion,
            "hits": [{**_summary(h.entry), "score": round(float(h.score), 4), "snippet_html": h.snippet_html}
                     for h in results.hits],
            "facets": _as_dict(results.facets),
        })
    else:
        if results.direct is not None:
            print(f"→ {entry_label(results.direct)}  {entry_path(results.direct)}")
        for n, hit in enumerate(results.hits, start=(args.page - 1) * args.pagelen + 1):
            print(f"{n:>3}. {entry_label(hit.entry)}  ({hit.score:.2f})  {entry_path(hit.entry)}")
            print(f"     {_plain_snippet(hit.snippet_html)}")
        if not found:
            print(f"no hits for {args.query!r}", file=sys.stderr)
        if results.suggestion:
            print(f"meinten Sie: {results.suggestion}", file=sys.stderr)
    return FOUND if found else NOT_FOUND


def cmd_show(args: argparse.Namespace) -> int:
    kb = _open_kb(args)
    found = kb.lookup(args.citation)
    if found.entry is None:
        near = ", ".join(entry_label(e) for e in found.suggestions[:5])
        if args.json:
            _emit({"query": args.citation, "entry": None, "anchor": None, "message": found.message,
                   "suggestions": [_summary(e) for e in found.suggestions]})
        message = found.message or f"„{args.citation}“ ist nicht in der Wissensbasis"
        if near and "nächste" not in message:
            message += f"; nächste: {near}"
        raise CliError(f"not found: {message}", NOT_FOUND)
    entry = found.entry
    if args.json:
        _emit({"query": args.citation, "anchor": found.anchor, "label": entry_label(entry),
               "url": entry_path(entry) + (f"#{found.anchor}" if found.anchor else ""), "entry": entry.to_dict()})
        return FOUND
    print(entry_label(entry) + (f" – {entry.title}" if entry.title else ""))
    if entry.headings:
        print(" › ".join(entry.headings))
    print()
    print(entry.text)
    print()
    print(f"{entry_path(entry)}" + (f"#{found.anchor}" if found.anchor else ""))
    return FOUND


def cmd_parse(args: argparse.Namespace) -> int:
    from indexer.sources import SourceError, parse_path

    path = Path(args.file)
    if not path.exists():
        raise CliError(f"{args.file}: no such file")
    try:
        parsed = parse_path(path)
    except SourceError as err:
        raise CliError(str(err.problem)) from None
    if args.json:
        _emit({"work": parsed.work.to_dict(), "problems": [p.to_dict() for p in parsed.problems],
               "entries": [{"id": e.id, "rz": e.rz.label if e.rz else None,
                            "sort_key": e.rz.sort_string if e.rz else None, "headings": list(e.headings),
                            "title": e.title, "text": e.text, "blocks": [b.to_dict() for b in e.blocks],
                            "location": e.location.__str__() if e.location else None,
                            "line": e.location.line if e.location else None,
                            "end_line": e.location.end_line if e.location else None} for e in parsed.entries]})
    else:
        print(f"{parsed.work.title}  [{parsed.work.slug}]  {len(parsed.entries)} entries")
        for e in parsed.entries:
            where = f"  ({e.location})" if e.location else ""
            head = " › ".join(e.headings)
            print(f"  {e.id:<28} {len(e.text):>6} chars{where}" + (f"  {head}" if head else ""))
        for p in parsed.problems:
            print(str(p), file=sys.stderr)
    return FOUND if parsed.entries else NOT_FOUND


def cmd_annotate(args: argparse.Namespace) -> int:
    from web.views.api import annotate_text

    text = _read_text(args.file)
    kb = _open_kb(args) if args.work else None  # --work is looked up in the knowledge base
    try:
        result = annotate_text(text, law=args.law, paragraph=args.paragraph, work=args.work, kb=kb)
    except ValueError as err:
        raise CliError(str(err)) from None
    if args.html:
        print(result["html"])
    elif args.json:
        _emit({k: v for k, v in result.items() if k != "html"})
    else:
        for c in result["citations"]:
            targets = "; ".join(t["key"] for t in c["targets"]) or "(unresolved)"
            print(f"{c['start']:>6}-{c['end']:<6} {c['kind']:<6} {c['text']}  →  {targets}")
        for e in result["entities"]:
            print(f"{e['start']:>6}-{e['end']:<6} {e['label']:<11} {e['text']}  →  {e['canonical']}")
        for o in result["obligations"]:
            print(f"{o['start']:>6}-{o['end']:<6} {o['modality']:<11} {o['bearer'] or '(no bearer)'}: {o['action']}")
    return FOUND if result["citations"] or result["entities"] else NOT_FOUND


def cmd_cites(args: argparse.Namespace) -> int:
    from web.targets import target_key

    kb = _open_kb(args)
    key = target_key(kb, args.target)
    if key is None:
        raise CliError(f"not a norm or Randnummer: {args.target!r} (try e.g. '§ 6a SGB II' or '§ 48b Rz. 34a')")
    pairs = kb.cited_by(key)
    if args.json:
        _emit({"target": args.target, "key": key,
               "cited_by": [{"entry": _summary(e), "citation": c.to_dict()} for e, c in pairs]})
    else:
        for entry, citation in pairs:
            print(f"{entry_label(entry):<28} {citation.text}  {entry_path(entry)}")
        if not pairs:
            print(f"nothing cites {key}", file=sys.stderr)
    return FOUND if pairs else NOT_FOUND


def cmd_entities(args: argparse.Namespace) -> int:
    from kb.model import EntityLabel

    label = None
    if args.label:
        try:
            label = EntityLabel(args.label.upper())
        except ValueError:
            raise CliError(f"unknown label {args.label!r}; one of: {', '.join(EntityLabel)}") from None
    kb = _open_kb(args)
    summaries = list(kb.entity_summaries(label))
    if args.json:
        _emit({"label": str(label) if label else None, "entities": _as_dict(summaries)})
    else:
        for s in summaries:
            d = _as_dict(s)
            abbr = f" ({d['abbreviation']})" if d.get("abbreviation") else ""
            count = d.get("mentions", d.get("count", ""))
            print(f"{d.get('label', ''):<11} {d.get('canonical', '')}{abbr}  {count}  /entities/{d.get('id', '')}")
    return FOUND if summaries else NOT_FOUND


def _bearer_id(kb: Any, name: str) -> str | None:
    """An entity id for NAME: an id as given, or the entity whose canonical form / abbreviation matches."""
    from kb.model import slugify

    if "/" in name:
        return name
    wanted = slugify(name)
    for s in kb.entity_summaries(None):
        d = _as_dict(s)
        names = [d.get("canonical") or "", d.get("abbreviation") or "", *(d.get("variants") or [])]
        if any(slugify(n) == wanted for n in names if n):
            return d.get("id")
    return None


def cmd_obligations(args: argparse.Namespace) -> int:
    kb = _open_kb(args)
    bearer_id = None
    if args.bearer:
        bearer_id = _bearer_id(kb, args.bearer)
        if bearer_id is None:
            raise CliError(f"no entity named {args.bearer!r}; see `kb entities`", NOT_FOUND)
    pairs = kb.obligations(bearer_id)
    if args.json:
        _emit({"bearer": args.bearer, "bearer_id": bearer_id,
               "obligations": [{"entry": _summary(e), **o.to_dict()} for e, o in pairs]})
    else:
        for entry, o in pairs:
            print(f"{entry_label(entry):<28} {o.modality:<8} {o.bearer or '(no bearer)'}: {o.action}")
    return FOUND if pairs else NOT_FOUND


def cmd_serve(args: argparse.Namespace) -> int:
    from werkzeug.serving import run_simple

    from kb.store import KnowledgeBaseMissing
    from web import create_app

    try:  # one clear line instead of werkzeug's multi-line complaint when the port is taken
        with socket.create_server((args.host, args.port)):
            pass
    except OSError as err:
        raise CliError(f"cannot listen on {args.host}:{args.port}: {err.strerror or err}") from None
    root = _kb_root(args)
    try:
        _open_kb(args).close()
    except KnowledgeBaseMissing as err:  # serve anyway: pages explain, and a later build is picked up
        print(f"kb: warning: {err}", file=sys.stderr)
    app = create_app(root)
    print(f"Randnummer on http://{args.host}:{args.port}/  (knowledge base: {root})", file=sys.stderr)
    # werkzeug's threaded server: no production WSGI server (waitress, gunicorn) is installed here.
    run_simple(args.host, args.port, app, threaded=True, use_reloader=False, use_debugger=False)
    return FOUND


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--kb", metavar="DIR", help="knowledge-base root (default: $RANDNUMMER_KB or ./var/kb)")

    parser = argparse.ArgumentParser(prog="kb", description="Randnummer: knowledge base of German legal commentary.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, fn: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(func=fn)
        return p

    p = add("build", cmd_build, "build the knowledge base from source files or directories (default: corpus/)")
    p.add_argument("sources", nargs="*", metavar="SOURCE")
    p.add_argument("--json", action="store_true", help="print the build report as JSON")
    p.add_argument("--allow-errors", action="store_true",
                   help="publish the usable sources even when some cannot be used (default: keep the previous KB)")

    p = add("search", cmd_search, "full-text search; a citation query jumps to its entry")
    p.add_argument("query")
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--pagelen", type=int, default=10, help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true")

    p = add("show", cmd_show, "show the entry a citation points at, e.g. '§ 48b Rz. 34a SGB II'")
    p.add_argument("citation")
    p.add_argument("--json", action="store_true")

    p = add("parse", cmd_parse, "the entries a source file would produce, without building")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")

    p = add("annotate", cmd_annotate, "citations, entities and obligations with character offsets in any text")
    p.add_argument("file", nargs="?", default="-", help="text file (UTF-8), or - for stdin (default)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--html", action="store_true", help="print the text as HTML with links")
    p.add_argument("--law", help="law the text is about, for bookless references (e.g. 'SGB II')")
    p.add_argument("--paragraph", metavar="NUMBER", help="§ the text comments, for 'Abs. 4' etc. (e.g. 48b)")
    p.add_argument("--work", metavar="SLUG", help="commentary the text belongs to (sets --law/--paragraph)")

    p = add("cites", cmd_cites, "who cites a norm or Randnummer (hierarchical: § 6a includes § 6a Abs. 2)")
    p.add_argument("target")
    p.add_argument("--json", action="store_true")

    p = add("entities", cmd_entities, "entities in the knowledge base, with their mention counts")
    p.add_argument("--label", help="only this label, e.g. TRAEGER, ORT, MINISTERIUM")
    p.add_argument("--json", action="store_true")

    p = add("obligations", cmd_obligations, "obligations (Pflicht, Soll, Kann, Verbot) and who bears them")
    p.add_argument("--bearer", metavar="NAME", help="entity name, abbreviation or id, e.g. 'kommunaler Träger'")
    p.add_argument("--json", action="store_true")

    p = add("serve", cmd_serve, "serve the web app (werkzeug, threaded)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=5000)
    return parser


def _fail(message: str, code: int) -> NoReturn:
    print(f"kb: {message}", file=sys.stderr)
    raise SystemExit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from kb.search import QueryError
    from kb.store import KnowledgeBaseMissing

    try:
        return args.func(args)
    except CliError as err:
        _fail(str(err), err.code)
    except KnowledgeBaseMissing as err:
        _fail(f"{err} (build it first: kb build corpus/)", BAD_INPUT)
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
        _fail(f"internal error ({type(err).__name__}: {err}); rerun with RANDNUMMER_DEBUG=1 for details", 3)


if __name__ == "__main__":
    sys.exit(main())
