"""Parse throughput of indexer.sources for every source format: plain text, HTML, Word .docx, PDF, statute XML
and court decisions (the courts' pages and their XML).

    python3 bench/bench_parse.py [--repeats 5] [--size-mb 1.0] [--pdf-pages 40]

Each format is parsed from the same bytes by ``parse_path`` (ours) and by a named baseline in the
same process — the least work any parser must do on that input:

* text: ``bytes.decode`` + ``str.splitlines`` + the marker regex on every line;
* HTML: a bare ``BeautifulSoup(data, "html.parser")`` tree build;
* DOCX: a bare python-docx read of every paragraph's text (``[p.text for p in Document(f).paragraphs]``);
* PDF:  pypdfium2's own plain text extraction of every page (``get_textpage().get_text_range()``);
* XML:  a bare ``xml.etree.ElementTree.fromstring`` (statutes, and the federal decision XML);
* decision pages: a bare BeautifulSoup ``html.parser`` parse of each page.

Inputs are generated deterministically (seeded) from German commentary vocabulary; the XML row
uses the real ``../shared/data/laws/sgb_2.xml`` when present and a generated law otherwise. The
PDF is laid out by the test fixture builder (``tests/sources/pdf_fixtures.py``, needs reportlab
from the ``test`` extra): margin column, running header and footer, wrapped paragraphs. The decision
rows read the bundled corpus (``corpus/entscheidungen/``: 73 court pages as served, one XML decision).
Reported: medians over the repeats, MB/s (10^6 bytes; for DOCX, of the text it holds: the file is a ZIP),
our entries/s, pages/s for the PDF, and the ours / baseline time ratio.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from xml.etree import ElementTree as ET

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import docx  # noqa: E402
import pypdfium2  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402

from indexer.sources import parse_path  # noqa: E402
from tests.sources.pdf_fixtures import Layout, Para, build_pdf  # noqa: E402

WORDS = ("Träger", "Leistungen", "Vereinbarung", "Zielvereinbarung", "der", "die", "das", "und", "nach", "für",
         "über", "gemäß", "grundsätzlich", "erwerbsfähigen", "Hilfebedürftigkeit", "Maßnahme", "Landesbehörde",
         "zugelassenen", "kommunalen", "Bundesagentur", "Jobcenter", "vgl. Rz. 12", "§ 6a Abs. 2", "Satz 1",
         "Nr. 4", "BMAS", "Eingliederung", "Arbeit", "ist", "sind", "wird", "soll", "kann", "insbesondere")
MARKER = re.compile(r"^(?:Rz|Rn|Rdnr|Rdn|Randnr|Randnummer)\.?\s?\d+[a-z]{0,2}(?:\.\d+)*(?=\s|$)")


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 24))]
    return words[0][0].upper() + " ".join(words)[1:] + "."


def commentary(rng: random.Random, size: int) -> list[tuple[str, str | None, list[str], list[str]]]:
    """[(label, heading, paragraphs, list items)] until about ``size`` characters."""
    out, total, n = [], 0, 0
    while total < size:
        n += 1
        label = f"{n}" if rng.random() > 0.1 else f"{n - 1}a"
        heading = f"{'ABCDEFGH'[len(out) // 50 % 8]}. {rng.choice(WORDS)}" if len(out) % 50 == 0 else None
        paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(1, 3))]
        items = [sentence(rng) for _ in range(rng.choice((0, 0, 0, 2, 3)))]
        out.append((label, heading, paragraphs, items))
        total += sum(map(len, paragraphs)) + sum(map(len, items))
    return out


def as_text(entries) -> bytes:
    lines = ['+++', 'slug = "bench"', 'law = "SGB 2"', 'paragraph = "48b"', '+++']
    for label, heading, paragraphs, items in entries:
        if heading:
            lines.append(heading)
        lines.append(f"Rz. {label}")
        lines.extend(paragraphs)
        lines.extend(f"- {i}" for i in items)
    return "\n".join(lines).encode("utf-8")


def as_html(entries) -> bytes:
    parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>Bench</title>'
             '<meta name="randnummer:law" content="SGB II"><meta name="randnummer:paragraph" content="48b">'
             '<script>var tracking = 1;</script></head><body><nav><a href="/">Start</a></nav><main>']
    for label, heading, paragraphs, items in entries:
        if heading:
            parts.append(f"<h2>{heading}</h2>")
        parts.append(f'<div class="rn-block"><span class="rn">{label}</span>')
        parts.extend(f"<p>{p}</p>" for p in paragraphs)
        if items:
            parts.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
        parts.append("</div>")
    parts.append("</main><footer>Impressum</footer></body></html>")
    return "\n".join(parts).encode("utf-8")


def as_docx(entries) -> tuple[bytes, int]:
    """The commentary as a Word document (bold leading numbers, heading styles, bullets); and its text's size."""
    document = docx.Document()
    text = 0
    for label, heading, paragraphs, items in entries:
        if heading:
            document.add_heading(heading, 2)
        first = document.add_paragraph()
        first.add_run(label).bold = True
        first.add_run(" " + paragraphs[0])
        for paragraph in paragraphs[1:]:
            document.add_paragraph(paragraph)
        for item in items:
            document.add_paragraph(item, style="List Bullet")
        text += len(" ".join([heading or "", label, *paragraphs, *items]).encode("utf-8"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), text


def docx_baseline(data: bytes) -> object:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def as_xml(rng: random.Random, size: int) -> bytes:
    parts = ['<?xml version="1.0" encoding="UTF-8"?><dokumente>',
             "<norm><metadaten><jurabk>SGB 2</jurabk></metadaten></norm>"]
    total, n = 0, 0
    while total < size:
        n += 1
        ps = []
        for a in range(1, rng.randint(2, 7)):
            dl = "".join(f"<DT>{k}.</DT><DD><LA>{sentence(rng)}</LA></DD>" for k in range(1, rng.choice((1, 1, 4))))
            ps.append(f"<P>({a}) {sentence(rng)} {sentence(rng)}{f'<DL>{dl}</DL>' if dl else ''}</P>")
        norm = (f"<norm><metadaten><jurabk>SGB 2</jurabk><enbez>§ {n}</enbez><titel>{rng.choice(WORDS)}</titel>"
                f"</metadaten><textdaten><text><Content>{''.join(ps)}</Content></text></textdaten></norm>")
        parts.append(norm)
        total += len(norm)
    parts.append("</dokumente>")
    return "".join(parts).encode("utf-8")


def as_pdf(entries, pages: int) -> tuple[bytes, int]:
    """The commentary laid out as a PDF of about ``pages`` pages (and the page count it got)."""
    paras: list[Para] = []
    for label, heading, paragraphs, items in entries:
        if heading:
            paras.append(Para(heading, heading=True))
        paras.append(Para(paragraphs[0], label=label))
        paras.extend(Para(p) for p in [*paragraphs[1:], *(f"– {i}" for i in items)])
        if len(paras) > pages * 9:  # about nine paragraphs fit on a page
            break
    built = build_pdf(paras, Layout(title="Bench", author="A. Autorin"))
    return built.data, built.pages


def pdf_baseline(data: bytes) -> object:
    document = pypdfium2.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def text_baseline(data: bytes) -> object:
    return [MARKER.match(line) for line in data.decode("utf-8").splitlines()]


def _files(paths: Iterable[Path]) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(paths)]


def median_seconds(fn: Callable[[], object], repeats: int) -> float:
    fn()  # warm-up (imports, regex compilation, caches)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--size-mb", type=float, default=1.0, help="size of each generated input")
    parser.add_argument("--pdf-pages", type=int, default=40, help="length of the generated PDF")
    args = parser.parse_args(argv)
    rng = random.Random(48)
    size = int(args.size_mb * 1_000_000)
    entries = commentary(rng, int(size * 0.9))
    shared = REPO.parent / "shared" / "data" / "laws" / "sgb_2.xml"
    rows = []
    word, word_text = as_docx(entries)
    text_size = {"bench.docx": word_text}  # a .docx is a ZIP: its MB are those of the text it holds
    print(f"note: the DOCX input is a {len(word) / 1e6:.2f} MB file", file=sys.stderr)
    pdf, pages = as_pdf(entries, args.pdf_pages)
    courts = REPO / "corpus" / "entscheidungen"
    with tempfile.TemporaryDirectory() as tmp:
        inputs = [
            ("text", "generated commentary", [("bench.txt", as_text(entries))], "splitlines + marker regex",
             text_baseline),
            ("HTML", "generated commentary", [("bench.html", as_html(entries))], "bare BeautifulSoup html.parser",
             lambda d: BeautifulSoup(d, "html.parser")),
            ("DOCX", "generated commentary", [("bench.docx", word)], "bare python-docx p.text", docx_baseline),
            ("PDF", f"generated commentary, {pages} pages", [("bench.pdf", pdf)], "bare pypdfium2 text extraction",
             pdf_baseline),
            ("XML", "generated law", [("bench.xml", as_xml(rng, size))], "bare ElementTree.fromstring", ET.fromstring),
            ("HTML", "court decision pages (corpus)", _files(courts.glob("*/*.html")),
             "bare BeautifulSoup html.parser", lambda d: BeautifulSoup(d, "html.parser")),
            ("XML", "decision XML (corpus)", _files(courts.glob("*/*.xml")), "bare ElementTree.fromstring",
             ET.fromstring),
        ]
        if shared.exists():
            inputs.append(("XML", "sgb_2.xml (real)", [("sgb_2.xml", shared.read_bytes())],
                           "bare ElementTree.fromstring", ET.fromstring))
        else:
            print(f"note: {shared} absent; the real-statute row is skipped", file=sys.stderr)
        for index, (fmt, what, files, baseline_name, baseline) in enumerate(inputs):
            folder = Path(tmp) / str(index)
            folder.mkdir()
            paths = [folder / name for name, _ in files]
            for path, (_, data) in zip(paths, files, strict=True):
                path.write_bytes(data)
            n_entries = sum(len(parse_path(p).entries) for p in paths)
            ours = median_seconds(lambda ps=paths: [parse_path(p) for p in ps], args.repeats)
            base = median_seconds(lambda fs=files, b=baseline: [b(d) for _, d in fs], args.repeats)
            mb = sum(text_size.get(name, len(data)) for name, data in files) / 1e6
            per_page = (lambda t: f"{pages / t:.1f}") if fmt == "PDF" else (lambda t: "")
            rows.append((fmt, what, f"{mb:.2f}", str(n_entries), f"{mb / ours:.2f}", f"{n_entries / ours:,.0f}",
                         per_page(ours), baseline_name, f"{mb / base:.2f}", per_page(base), f"{ours / base:.1f}×"))
    header = ("format", "input", "MB", "entries", "ours MB/s", "ours entries/s", "ours pages/s", "baseline",
              "baseline MB/s", "baseline pages/s", "ours/baseline time")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(f"parse throughput, median of {args.repeats} runs (Python {sys.version.split()[0]})")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
