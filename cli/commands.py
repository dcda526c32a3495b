"""The ``kb`` subcommands: each reads its arguments, calls the kb / indexer / web services, and prints.

Every command returns an exit code (:mod:`cli.output`); JSON keys are documented in the README
(section "Command line") and are the same shapes the web's JSON twins use (:mod:`kb.links`).
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cli.output import FOUND, NOT_FOUND, CliError, emit, plain_snippet, read_text
from kb.limits import MAX_SEARCH_PAGELEN
from kb.links import citation_summary, entry_label, entry_path, entry_summary, hit_summary
from kb.model import EntityLabel, json_ready
from kb.search import QueryError, QueryTooExpensive
from kb.store import KnowledgeBase, KnowledgeBaseMissing, default_root

if TYPE_CHECKING:
    from web.server import ServeOptions


def kb_root(args: argparse.Namespace) -> Path:
    return Path(args.kb) if args.kb else default_root()


def open_kb(args: argparse.Namespace) -> KnowledgeBase:
    return KnowledgeBase.open(kb_root(args))


def build(args: argparse.Namespace) -> int:
    from cli.progress import for_build
    from indexer.build import build as build_kb
    from kb.procs import Interrupted

    sources = [Path(s) for s in args.sources] or [Path("corpus")]
    for src in sources:
        if not src.exists():
            raise CliError(f"{src}: no such file or directory")
    if args.procs is not None and args.procs < 1:
        raise CliError(f"--procs must be 1 or more, not {args.procs}")
    progress = for_build(args.quiet)
    try:
        report = build_kb(sources, kb_root(args), procs=args.procs, allow_errors=args.allow_errors, full=args.full,
                          progress=progress)
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        raise CliError(f"build failed, previous knowledge base kept: {where}{err.strerror or err}") from None
    except Interrupted as err:  # exit 128 + the signal's number, as the shell reports a process it ended
        raise CliError(f"build {err}: its directory removed, previous knowledge base kept", err.exit_code) from None
    finally:
        progress.close()
    if args.json:
        emit(json_ready(report))
    else:
        print(report.summary_table())
    if not report.ok:
        raise CliError(f"build failed, previous knowledge base kept: {report.error}")
    return FOUND


def search(args: argparse.Namespace) -> int:
    if args.page < 1:
        raise CliError(f"--page must be 1 or more, not {args.page}")
    if not 1 <= args.pagelen <= MAX_SEARCH_PAGELEN:
        raise CliError(f"--pagelen must be 1 to {MAX_SEARCH_PAGELEN}, not {args.pagelen}")
    if not (math.isfinite(args.budget) and args.budget >= 0):
        raise CliError(f"--budget must be a number of seconds (0 or more), not {args.budget}")
    kb = open_kb(args)
    try:
        results = kb.search(args.query, page=args.page, pagelen=args.pagelen, work=args.work, budget=args.budget)
    except QueryTooExpensive as err:
        raise CliError(f"query too expensive: {err}") from None
    except QueryError as err:
        raise CliError(f"malformed query: {err}") from None
    found = results.direct is not None or bool(results.hits)
    cited = results.citation if results.direct is None else None  # a citation that names no single entry
    if args.json:
        emit({
            "query": args.query, "work": args.work, "page": args.page, "pagelen": args.pagelen,
            "total": results.total, "direct": entry_summary(results.direct) if results.direct is not None else None,
            "suggestion": results.suggestion, "citation": citation_summary(cited) if cited is not None else None,
            "hits": [hit_summary(h) for h in results.hits],
            "facets": json_ready(results.facets),
        })
    else:
        if results.direct is not None:
            print(f"→ {entry_label(results.direct)}  {entry_path(results.direct)}")
        for n, hit in enumerate(results.hits, start=(args.page - 1) * args.pagelen + 1):
            print(f"{n:>3}. {entry_label(hit.entry)}  ({hit.score:.2f})  {entry_path(hit.entry)}")
            print(f"     {plain_snippet(hit.snippet_html)}")
        if cited is not None:  # "Rn. 12 gibt es in 58 Werken …" (the hits are its entries), "… hat keine Rz. 36"
            near = ", ".join(entry_label(e) for e in cited.suggestions[:5])
            print(cited.message + (f" ({near})" if near and "nächste" not in cited.message else ""), file=sys.stderr)
        if not found:
            print(f"no hits for {args.query!r}", file=sys.stderr)
        if results.suggestion:
            print(f"meinten Sie: {results.suggestion}", file=sys.stderr)
    return FOUND if found else NOT_FOUND


def show(args: argparse.Namespace) -> int:
    found = open_kb(args).lookup(args.citation)
    if found.entry is None:
        near = ", ".join(entry_label(e) for e in found.suggestions[:5])
        if args.json:
            emit({"query": args.citation, "entry": None, "anchor": None, "message": found.message,
                  "suggestions": [entry_summary(e) for e in found.suggestions],
                  "choices": [entry_summary(e) for e in found.choices]})
        message = found.message or f"„{args.citation}“ ist nicht in der Wissensbasis"
        if near and "nächste" not in message:
            message += f"; nächste: {near}"
        if found.choices:  # a bare "Rn. 12" in several works: name a few
            message += ": " + "; ".join(entry_label(e) for e in found.choices[:5]) + (
                " …" if len(found.choices) > 5 else "")
        raise CliError(f"not found: {message}", NOT_FOUND)
    entry = found.entry
    url = found.url or entry_path(entry) + (f"#{found.anchor}" if found.anchor else "")
    if args.json:
        emit({"query": args.citation, "anchor": found.anchor, "label": entry_label(entry), "url": url,
              "entry": entry.to_dict()})
        return FOUND
    print(entry_label(entry) + (f" – {entry.title}" if entry.title and not entry.cite_as else ""))
    if entry.headings:
        print(" › ".join(entry.headings))
    print()
    print(entry.text)
    print()
    print(url)
    return FOUND


def parse(args: argparse.Namespace) -> int:
    from indexer.sources import SourceError, parse_path

    path = Path(args.file)
    if not path.exists():
        raise CliError(f"{args.file}: no such file")
    try:
        parsed = parse_path(path)
    except SourceError as err:
        raise CliError(str(err.problem)) from None
    if args.json:
        emit({"work": parsed.work.to_dict(), "problems": [p.to_dict() for p in parsed.problems],
              "entries": [{"id": e.id, "rz": e.rz.label if e.rz else None,
                           "sort_key": e.rz.sort_string if e.rz else None, "headings": list(e.headings),
                           "title": e.title, "text": e.text, "blocks": [b.to_dict() for b in e.blocks],
                           "location": str(e.location) if e.location else None,
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


def annotate(args: argparse.Namespace) -> int:
    from kb.annotation import TextTooLong, check_length, make_context
    from kb.annotation import annotate as annotate_text

    text = read_text(args.file)
    try:
        check_length(text)  # before spaCy loads: a text over the limit is refused at once
    except TextTooLong as err:
        raise CliError(f"{args.file}: {err}") from None
    kb = open_kb(args) if args.work else None  # --work is looked up in the knowledge base
    try:
        context = make_context(law=args.law, paragraph=args.paragraph, work=args.work,
                               find_work=kb.work if kb is not None else None)
    except ValueError as err:
        raise CliError(str(err)) from None
    result = annotate_text(text, context)
    if args.html:
        print(result.html(kb.url_for_target if kb is not None else None))
    elif args.json:
        emit(result.to_dict())
    else:
        for c in result.citations:
            targets = "; ".join(t.key for t in c.targets) or "(unresolved)"
            print(f"{c.start:>6}-{c.end:<6} {c.kind:<6} {c.text}  →  {targets}")
        for e in result.entities:
            print(f"{e.start:>6}-{e.end:<6} {e.label:<11} {e.text}  →  {e.canonical}")
        for o in result.obligations:
            print(f"{o.start:>6}-{o.end:<6} {o.modality:<11} {o.bearer or '(no bearer)'}: {o.action}")
    return FOUND if result.citations or result.entities else NOT_FOUND


def cites(args: argparse.Namespace) -> int:
    kb = open_kb(args)
    keys = kb.target_keys(args.target)
    if not keys:
        raise CliError(f"not a norm or Randnummer: {args.target!r} (try e.g. '§ 6a SGB II' or '§ 48b Rz. 34a')")
    key = keys[0]
    # one row per citation, as the web's /cites counts them: a citation filed under two of the keys once
    pairs = list({(e.id, c.start, c.end): (e, c) for k in keys for e, c in kb.cited_by(k)}.values())
    if args.json:
        emit({"target": args.target, "key": key,
              "cited_by": [{"entry": entry_summary(e), "citation": c.to_dict()} for e, c in pairs]})
    else:
        for entry, citation in pairs:
            print(f"{entry_label(entry):<28} {citation.text}  {entry_path(entry)}")
        if not pairs:
            print(f"nothing cites {key}", file=sys.stderr)
    return FOUND if pairs else NOT_FOUND


def entities(args: argparse.Namespace) -> int:
    label = None
    if args.label:
        try:
            label = EntityLabel(args.label.upper())
        except ValueError:
            raise CliError(f"unknown label {args.label!r}; one of: {', '.join(EntityLabel)}") from None
    summaries = open_kb(args).entity_summaries(label)
    if args.json:
        emit({"label": str(label) if label else None, "entities": json_ready(summaries)})
    else:
        for s in summaries:
            abbr = f" ({s.abbreviation})" if s.abbreviation else ""
            print(f"{s.label:<11} {s.canonical}{abbr}  {s.mentions}  /entities/{s.id}")
    return FOUND if summaries else NOT_FOUND


def obligations(args: argparse.Namespace) -> int:
    kb = open_kb(args)
    bearer_id = None
    if args.bearer:
        bearer_id = kb.bearer_id(args.bearer)
        if bearer_id is None:
            raise CliError(f"no entity named {args.bearer!r}; see `kb entities`", NOT_FOUND)
    pairs = kb.obligations(bearer_id)
    if args.json:
        emit({"bearer": args.bearer, "bearer_id": bearer_id,
              "obligations": [{"entry": entry_summary(e), **o.to_dict()} for e, o in pairs]})
    else:
        for entry, o in pairs:
            print(f"{entry_label(entry):<28} {o.modality:<8} {o.bearer or '(no bearer)'}: {o.action}")
    return FOUND if pairs else NOT_FOUND


def serve_options(args: argparse.Namespace) -> ServeOptions:
    from web.server import ServeOptions

    return ServeOptions(host=args.host, port=args.port, workers=args.workers, threads=args.threads,
                        timeout=args.timeout, access_log=args.access_log, base_url=args.base_url or None,
                        proxy=args.proxy, dev=args.dev, page_cache_mb=args.page_cache)


def serve(args: argparse.Namespace) -> int:
    """gunicorn (or werkzeug with --dev) until stopped; the flags and signals are in :mod:`web.server`."""
    from web.server import ServeError
    from web.server import serve as run_server

    options = serve_options(args)
    root = kb_root(args)
    try:
        open_kb(args).close()
    except KnowledgeBaseMissing as err:  # serve anyway: pages explain, and a later build is picked up
        print(f"kb: warning: {err}", file=sys.stderr)
    try:
        run_server(root, options)
    except ServeError as err:
        raise CliError(str(err)) from None
    return FOUND
