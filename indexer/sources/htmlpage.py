"""Saved web pages (publisher platforms, open-access commentary sites) via beautifulsoup4.

Margin numbers are found as

* their own element: a ``span`` / ``div`` / ``a`` / ``td`` / ``p`` / ``strong`` … whose class, id or
  name says rn / rz / rdnr / randnummer / randziffer / margin-number / paragraph-nr, or whose id is
  ``p12`` / ``rn12`` / ``rz-12``; an element carrying such an id *around* its text marks that text;
* a bold number (``<b>12</b>``, ``<strong>Rn. 12</strong>``) at the start of a paragraph;
* a marker written as text at a paragraph start (``<p>Rz. 33</p>``, ``<p>Rn. 12 Der …</p>``).

Navigation, scripts, styles, forms, cookie banners, headers and footers are dropped; headings
(``h1``–``h6`` and bold outline lines such as ``A. Allgemeines``) become the heading path; list
items and footnotes become blocks; ``<br>`` becomes a line break; entities are decoded.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag, XMLParsedAsHTMLWarning

from kb.limits import MAX_SOURCE_DEPTH
from kb.model import RZ_LABEL, BlockKind, Problem, RzNumber, WorkKind

from .base import ParsedSource, SourceError, warning
from .commentary import Event, Heading, Marker, Piece, assemble
from .encoding import Decoded, decode
from .metadata import WorkMeta, html_meta, make_work, split_front_matter
from .normalize import normalize_text
from .plaintext import MARKER, OUTLINE, heading_level

_LABEL = RZ_LABEL
_MARKER_TOKEN = re.compile(r"^(?:rn|rz|rd|rdnr|rdn|randnr|randnummer|randziffer|randnummern|margin-?number|marginal|"
                           r"marginalie|paragraph-?nr|paragraphnr|para-?nr|absatz-?nr|mn|nr-?rand|rn-?nr|rz-?nr)"
                           rf"(?:[-_:]?{_LABEL})?$", re.IGNORECASE)
_MARKER_ID = re.compile(rf"^(?:p|rn|rz|rd|rdnr|rdn|randnr|randnummer|mn|n)[-_:]?(?P<label>{_LABEL}|\d+_\d+)$",
                        re.IGNORECASE)
_LABEL_TEXT = re.compile(rf"^(?:(?i:Rz|Rn|Rdnr|Rdn|Randnr|Randnummer)\.?|N\.)?\s*(?P<label>{_LABEL})\s*[.:]?$")
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "input",
              "select", "textarea", "nav", "link", "meta", "object", "embed", "dialog")
_BOILERPLATE = re.compile(r"^(?:cookie.*|.*-?cookies?|consent.*|.*-consent|gdpr|cmp|navbar|nav|navigation|.*-nav|"
                          r"menu|.*-menu|breadcrumbs?|sidebar|social.*|share.*|advert.*|ads?|banner|newsletter|"
                          r"skip-?links?|site-header|site-footer|page-footer|page-header|footer|masthead|"
                          r"toolbar|pagination|print-hide|no-?print)$", re.IGNORECASE)
# data attributes naming the Randnummer of the element that carries them (court pages: data-rd, data-rdn)
_MARKER_DATA = ("data-rd", "data-rdn", "data-rn", "data-rz", "data-randnummer")
_LABEL_VALUE = re.compile(rf"^{_LABEL}$", re.IGNORECASE)
_FOOTNOTE_TOKEN = re.compile(r"^(?:footnotes?|fussnoten?|fußnoten?|fn|fns|endnotes?|anmerkungen|notes)$",
                             re.IGNORECASE)
_FOOTNOTE_ID = re.compile(r"^(?:fn|footnote|fussnote|note|endnote|ftn)[-_:]?(?P<label>\d{1,3})$", re.IGNORECASE)
_FOOTNOTE_REF_HREF = re.compile(r"#(?:fn|footnote|fussnote|note|endnote|ftn)[-_:]?(?P<label>\d{1,3})$",
                                re.IGNORECASE)
_BACKREF = re.compile(r"^[↩↑^⤴︎\s]*$")
_BLOCK_TAGS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "dt", "td", "th",
                         "pre", "section", "article", "main", "ul", "ol", "dl", "table", "tr", "tbody", "thead",
                         "tfoot", "figure", "figcaption", "address", "header", "footer", "aside", "body", "html",
                         "hr", "caption"})
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"  # sentinel around a margin number inside extracted text
_SENTINEL = re.compile(f"{_MARK_OPEN}([^{_MARK_CLOSE}]*){_MARK_CLOSE}")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


@dataclass
class _Block:
    kind: BlockKind | str  # BlockKind, or "heading"
    text: str
    label: str | None
    line: int | None
    element: str
    level: int = 0


def parse_html(data: bytes, *, path: Path, rel_path: str, meta: WorkMeta) -> ParsedSource:
    soup, decoded, front = load_page(data, rel_path, meta)
    page_meta = html_meta(soup, rel_path)
    merged = page_meta.merged(front).merged(meta)
    work, problems = make_work(merged, path=path, rel_path=rel_path, encoding=decoded.encoding)
    if work.kind in (WorkKind.STATUTE, WorkKind.DECISION):
        raise SourceError.at(rel_path, f"this HTML page is read as a commentary, but its metadata says {work.kind}: "
                                       "statutes come as gesetze-im-internet XML; a court decision page needs "
                                       "its Randnummern marked up as courts do")
    events = page_events(content_root(soup))
    extra: list[Problem] = list(decoded.problems)
    if not any(isinstance(e, Marker) for e in events):
        if not any(isinstance(e, Piece) for e in events):
            raise SourceError.at(rel_path, "no text left after removing navigation, scripts and boilerplate")
        extra.append(warning(rel_path, "no margin numbers found (no rn/rz elements, bold numbers or 'Rz.' "
                                       "paragraph starts); the page is kept as one unnumbered entry"))
    entries, assembly_problems = assemble(events, work, rel_path)
    return ParsedSource(work, entries, (*extra, *problems, *assembly_problems))


def load_page(data: bytes, rel_path: str, meta: WorkMeta) -> tuple[BeautifulSoup, Decoded, WorkMeta]:
    """The page decoded (declared charset, else detected) and parsed, with the metadata of a front matter
    block before the markup (YAML ``---`` or TOML ``+++``, as static-site sources carry it); raises
    SourceError for a page without elements. Shared with the court-decision page reader (:mod:`.decisionpage`)."""
    declared = meta.encoding or _declared_charset(data)
    decoded = decode(data, rel_path, declared)
    front, markup, consumed = split_front_matter(normalize_text(decoded.text), rel_path)
    markup = "\n" * consumed + markup  # element line numbers stay those of the file
    with warnings.catch_warnings():  # an XHTML page starts like XML: html.parser reads it as intended
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(markup.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, ""), "html.parser")
    if soup.find(True) is None:
        raise SourceError.at(rel_path, "no HTML elements: not an HTML page")
    _check_depth(soup, rel_path)
    return soup, decoded, front


def _check_depth(root: Tag, rel_path: str) -> None:
    """A SourceError naming the line where elements nest deeper than :data:`kb.limits.MAX_SOURCE_DEPTH`: the
    readers walk the tree by recursion, and no real page nests that deep. (Counted with a stack, not recursion.)"""
    stack = [(root, 0)]
    while stack:
        tag, depth = stack.pop()
        if depth > MAX_SOURCE_DEPTH:
            raise SourceError.at(rel_path, f"elements nested more than {MAX_SOURCE_DEPTH} deep", tag.sourceline)
        stack.extend((child, depth + 1) for child in tag.children if isinstance(child, Tag))


def page_events(root: Tag) -> list[Event]:
    """The events of a page's content: boilerplate dropped, margin numbers found, text flattened in
    document order (headings, Randnummer markers, paragraphs, list items, footnotes)."""
    _drop_boilerplate(root)
    _mark_margin_numbers(root)
    return _to_events(_Extractor().run(root))


# ------------------------------------------------------------------------------------------------ metadata

def _declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    # WHATWG: pages labelled latin-1 are decoded as windows-1252 by every browser.
    return "cp1252" if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii") else name


# ------------------------------------------------------------------------------------------------ cleaning

def content_root(soup: BeautifulSoup) -> Tag:
    """The page's main content: its single <main> / role=main, else its single <article>, else <body>."""
    mains = soup.find_all("main") or soup.find_all(attrs={"role": "main"})
    articles = soup.find_all("article")
    # Only a single, unambiguous container: pages with one <article> per Randnummer keep them all.
    for group in (mains, articles):
        if len(group) == 1 and isinstance(group[0], Tag) and group[0].get_text(strip=True):
            return group[0]
    return soup.body or soup


def _tokens(tag: Tag) -> list[str]:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    return [*classes, str(tag.get("id") or ""), str(tag.get("role") or "")]


def _drop_boilerplate(root: Tag) -> None:
    for comment in root.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in root.find_all(_DROP_TAGS):
        tag.decompose()
    # Walk the tree ourselves: a removed element's subtree is never visited again.
    stack = _child_tags(root)
    while stack:
        tag = stack.pop()
        if _is_chrome(tag):
            tag.decompose()
        else:
            stack.extend(_child_tags(tag))


def _child_tags(tag: Tag) -> list[Tag]:
    """Child elements, reversed, for a document-order walk with a stack."""
    return [c for c in reversed(tag.contents) if isinstance(c, Tag)]


def _is_chrome(tag: Tag) -> bool:
    """Navigation, banners, hidden parts, site header / footer — never footnotes or margin numbers."""
    if _is_footnote_container(tag):
        return False
    role = str(tag.get("role") or "")
    hidden = (tag.has_attr("hidden") or re.search(r"display\s*:\s*none", str(tag.get("style") or ""))
              or tag.get("aria-hidden") == "true")
    if hidden or role in ("navigation", "banner", "contentinfo", "search", "dialog"):
        return True
    chrome = tag.name in ("header", "footer", "aside") or any(_BOILERPLATE.match(t) for t in _tokens(tag) if t)
    return chrome and not _holds_margin_numbers(tag)


def _holds_margin_numbers(tag: Tag) -> bool:
    return any(_marker_label(t) is not None for t in tag.find_all(True, limit=500))


def _is_footnote_container(tag: Tag) -> bool:
    role = str(tag.get("role") or "")
    return (role in ("doc-endnotes", "doc-footnote", "doc-footnotes")
            or any(_FOOTNOTE_TOKEN.match(t) for t in _tokens(tag) if t))


# ------------------------------------------------------------------------------------------------ margin numbers

def _marker_label(tag: Tag) -> str | None:
    """The Randnummer an element stands for, when it is a margin-number element (not a link to one)."""
    if tag.name not in ("span", "div", "a", "td", "th", "p", "strong", "b", "sup", "dt", "dd", "em", "i", "small",
                        "aside", "label", "li", "section", "article"):
        return None
    data = next((str(tag[a]).strip() for a in _MARKER_DATA if tag.has_attr(a)), None)
    if data and _LABEL_VALUE.match(data):  # <li data-rd="16">, <div class="rdn" data-rdn="1">: the numbered block
        return data.lower()
    if tag.name == "dt" and _number_of_its_dd(tag):  # <dt><a href="#rd-3">3</a></dt><dd id="rd-3">…</dd>
        return _number_of_its_dd(tag)
    names = [str(tag.get("id") or ""), str(tag.get("name") or "")]
    by_class = any(_MARKER_TOKEN.match(c) for c in (tag.get("class") or []))
    by_id = next((m for m in (_MARKER_ID.match(n) for n in names if n) if m), None)
    by_name = any(_MARKER_TOKEN.match(n) for n in names if n)
    if not (by_class or by_id or by_name):
        return None
    if tag.name == "a" and tag.get("href") and not (tag.get("id") or tag.get("name")):
        return None  # a link to a Randnummer ("vgl. Rn. 12"), not the Randnummer itself
    text = " ".join(tag.get_text(" ").split())
    m = _LABEL_TEXT.match(text)
    if m:
        return m.group("label").lower()
    if by_id and (not text or tag.name in ("p", "div", "li", "section", "article", "td", "dd")):
        return by_id.group("label").replace("_", ".").lower()
    digits = re.search(rf"(?:^|[-_:])({_LABEL})$", " ".join(names + list(tag.get("class") or [])))
    if not text and digits:
        return digits.group(1).lower()
    return None


def _number_of_its_dd(dt: Tag) -> str | None:
    """A ``dt`` holding nothing but a Randnummer label, followed by the ``dd`` it numbers."""
    m = _LABEL_TEXT.match(" ".join(dt.get_text(" ").split()))
    following = dt.find_next_sibling(True)
    return m.group("label").lower() if m and isinstance(following, Tag) and following.name == "dd" else None


def _class_number_columns(root: Tag) -> None:
    """A margin column laid out as a table (``<tr><td>12</td><td>Der Senat …</td></tr>``, at least two rows
    of a number cell beside a text cell): its number cells get the class ``rn`` the marker rules know."""
    for table in root.find_all("table"):
        rows = [r for r in table.find_all("tr") if _cell_label(r) is not None]
        if len(rows) >= 2:
            for row in rows:
                cell = row.find(["td", "th"], recursive=False)
                cell["class"] = [*(cell.get("class") or []), "rn"]


def _cell_label(row: Tag) -> str | None:
    cells = row.find_all(["td", "th"], recursive=False)
    if len(cells) != 2:
        return None
    m = _LABEL_TEXT.match(" ".join(cells[0].get_text(" ").split()))
    text = " ".join(cells[1].get_text(" ").split())
    return m.group("label").lower() if m and len(text) > 20 and not _LABEL_TEXT.match(text) else None


def _mark_margin_numbers(root: Tag) -> bool:
    """Replace margin-number elements by sentinels in the tree; True when any were found."""
    _class_number_columns(root)
    found = False
    stack = _child_tags(root)
    while stack:
        tag = stack.pop()
        label = _marker_label(tag)
        if label is None:
            label = _bold_number(tag)
        if label is None or not _valid_label(label):
            stack.extend(_child_tags(tag))
            continue
        found = True
        text = " ".join(tag.get_text(" ").split())
        replaced = bool(_LABEL_TEXT.match(text) or not text or tag.name in ("b", "strong"))
        # label @ line @ what the page showed (text a vetted-away number gives back; none for an id on a paragraph)
        shown = text if replaced else ""
        sentinel = NavigableString(f"{_MARK_OPEN}{label}@{tag.sourceline or 0}@{shown}{_MARK_CLOSE}")
        if replaced:
            tag.replace_with(sentinel)  # the element *is* the number
        else:
            stack.extend(_child_tags(tag))  # the element is the numbered paragraph: keep (and search) its text
            tag.insert(0, sentinel)
            for attr in ("id", "name", "class"):
                if attr in tag.attrs:
                    del tag[attr]
    return found


def _valid_label(label: str) -> bool:
    try:
        RzNumber.parse(label)
    except ValueError:
        return False
    return True


def _bold_number(tag: Tag) -> str | None:
    """``<p><b>12</b> Text</p>``: a bold label as the first content of a paragraph-like element."""
    if tag.name not in ("b", "strong") or tag.parent is None or tag.parent.name not in ("p", "div", "li", "td"):
        return None
    m = _LABEL_TEXT.match(" ".join(tag.get_text(" ").split()))
    if not m:
        return None
    for sibling in tag.previous_siblings:
        if isinstance(sibling, Tag) or str(sibling).strip():
            return None
    after = "".join(str(s) if not isinstance(s, Tag) else s.get_text() for s in tag.next_siblings).strip()
    # The paragraph must go on like a paragraph start ("<b>12</b> Der …"), not "<b>12</b> ff." or "<b>2019</b> war".
    if after and not re.match(r"^[A-ZÄÖÜ„\"»§(\[]", after):
        return None
    return m.group("label").lower()


# ------------------------------------------------------------------------------------------------ block extraction

class _Extractor:
    """Flattens the cleaned tree into blocks in document order."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.path = _ElementPaths()
        # footnotes written in place (<footnote data-content="…">): numbered in order, emitted after their block
        self.footnotes = 0
        self.pending: list[_Block] = []

    def run(self, root: Tag) -> list[_Block]:
        self._walk(root, BlockKind.PARAGRAPH, None, False)
        self.blocks.extend(self.pending)
        self.pending.clear()
        return self.blocks

    def _walk(self, tag: Tag, kind: BlockKind, label: str | None, in_footnotes: bool) -> None:
        buffer: list[str] = []
        start_line = tag.sourceline

        def flush() -> None:
            text = "".join(buffer)
            buffer.clear()
            self._emit(kind, text, label, start_line, tag, in_footnotes)

        ol_index = 0
        for child in tag.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, Comment):
                    buffer.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "br":
                buffer.append("\n")
            elif name in _BLOCK_TAGS or (name != "footnote" and _wraps_blocks(child)):
                flush()
                start_line = child.sourceline
                child_footnotes = in_footnotes or _is_footnote_container(child)
                if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    if not child_footnotes:
                        self._heading(child, int(name[1]))
                    continue  # a "Fußnoten" title inside the notes is structure, like the plain-text separator
                child_kind, child_label = BlockKind.PARAGRAPH, None
                if name == "li":
                    ol_index += 1
                    child_kind, child_label = BlockKind.LIST_ITEM, _list_label(child, ol_index)
                if child_footnotes:
                    child_kind = BlockKind.FOOTNOTE
                    child_label = _footnote_label(child, ol_index if name == "li" else None) or label
                self._walk(child, child_kind, child_label, child_footnotes)
                start_line = child.sourceline
            else:
                buffer.append(self._inline(child))
        flush()

    def _inline(self, tag: Tag) -> str:
        if tag.name == "br":
            return "\n"
        if tag.name == "footnote":
            return self._footnote(tag)
        ref = _footnote_ref(tag)
        if ref is not None:
            return f"[{ref}]"
        if tag.name == "a" and _BACKREF.match(tag.get_text()) and tag.get_text().strip():
            return ""  # footnote back-link "↩"
        parts = []
        for child in tag.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                parts.append(str(child))
            elif isinstance(child, Tag):
                parts.append("\n" if child.name in _BLOCK_TAGS else "")
                parts.append(self._inline(child))
        return "".join(parts)

    def _footnote(self, tag: Tag) -> str:
        """``<footnote data-content="BT-Drs. 17/1555, S. 20">`` (or with its text inside): a reference ``[n]``
        here, and the note as a FOOTNOTE block after the block that holds it."""
        content = str(tag.get("data-content") or "") or tag.get_text(" ")
        text = " ".join(normalize_text(content).split())
        if not text:
            return ""
        self.footnotes += 1
        label = str(self.footnotes)
        self.pending.append(_Block(BlockKind.FOOTNOTE, text, label, tag.sourceline, self.path(tag)))
        return f"[{label}]"

    def _heading(self, tag: Tag, level: int) -> None:
        inline = normalize_text(self._inline(tag))
        text = " ".join(_SENTINEL.sub(" ", inline).split())
        markers = _SENTINEL.findall(inline)
        if text:
            self.blocks.append(_Block("heading", text, None, tag.sourceline, self.path(tag), level))
        for raw in markers:  # a margin number placed inside a heading still counts
            self.blocks.append(_Block(BlockKind.PARAGRAPH, f"{_MARK_OPEN}{raw}{_MARK_CLOSE}", None, tag.sourceline,
                                      self.path(tag)))

    def _emit(self, kind: BlockKind, text: str, label: str | None, line: int | None, tag: Tag,
              in_footnotes: bool) -> None:
        # Entities (&shy; &nbsp; &#xFB01;) are decoded by the parser, after the page-level normalisation.
        lines = [" ".join(part.split()) for part in normalize_text(text).split("\n")]
        text = "\n".join(part for part in lines if part)
        if not text:
            return
        if in_footnotes and kind is BlockKind.FOOTNOTE:
            m = re.match(r"^(?:\[(\d{1,3})\]|(\d{1,3})[.)]?)\s+", text)
            if m and (label is None or label == (m.group(1) or m.group(2))):
                label = m.group(1) or m.group(2)
                text = text[m.end():]
        self.blocks.append(_Block(kind, text, label, line, self.path(tag)))
        self.blocks.extend(self.pending)
        self.pending.clear()


def _wraps_blocks(tag: Tag) -> bool:
    """An inline element around block content (``<span class="target"><div>…``): walked as a block, so
    the blocks inside stay blocks."""
    return tag.find(_BLOCK_TAGS) is not None


def _list_label(li: Tag, index: int) -> str | None:
    parent = li.parent
    if parent is None or parent.name != "ol":
        return None
    kind = str(parent.get("type") or "1")
    start = int(str(parent.get("start") or "1")) if str(parent.get("start") or "1").isdigit() else 1
    n = start + index - 1
    if kind == "a":
        return chr(ord("a") + (n - 1) % 26)
    if kind == "A":
        return chr(ord("A") + (n - 1) % 26)
    return str(n)


def _footnote_label(tag: Tag, index: int | None) -> str | None:
    for name in (str(tag.get("id") or ""), str(tag.get("name") or "")):
        m = _FOOTNOTE_ID.match(name)
        if m:
            return m.group("label")
    anchor = tag.find(["a", "span"], id=_FOOTNOTE_ID)
    if isinstance(anchor, Tag):
        m = _FOOTNOTE_ID.match(str(anchor.get("id")))
        if m:
            return m.group("label")
    return str(index) if index else None


def _footnote_ref(tag: Tag) -> str | None:
    """``<sup><a href="#fn1">1</a></sup>`` and friends → "1"."""
    if tag.name == "a":
        m = _FOOTNOTE_REF_HREF.search(str(tag.get("href") or ""))
        if m and tag.get_text().strip().strip("[]").isdigit():
            return m.group("label")
        if any(_FOOTNOTE_TOKEN.match(c) or c in ("footnote-ref", "fnref", "fn-ref") for c in tag.get("class") or []):
            text = tag.get_text().strip().strip("[]")
            return text if text.isdigit() else None
    if tag.name == "sup":
        text = tag.get_text().strip().strip("[]")
        if text.isdigit() and (any(c in ("fn", "footnote", "footnote-ref", "fnref") for c in tag.get("class") or [])
                               or isinstance(tag.find("a"), Tag)):
            return text
    return None


class _ElementPaths:
    """``html/body/main/div[3]/p[2]`` for a tag: an index only where siblings share the tag name.

    Sibling positions are computed once per parent (linear overall); the cache lives as long as one
    parse, while the tree — whose object ids key it — is alive.
    """

    def __init__(self) -> None:
        self._index: dict[int, tuple[int, bool]] = {}

    def __call__(self, tag: Tag) -> str:
        parts = []
        node: Tag | None = tag
        while isinstance(node, Tag) and node.name != "[document]":
            index, ambiguous = self._sibling_index(node)
            parts.append(f"{node.name}[{index}]" if ambiguous else node.name)
            node = node.parent
        return "/".join(reversed(parts))

    def _sibling_index(self, node: Tag) -> tuple[int, bool]:
        key = id(node)
        if key not in self._index:
            parent = node.parent
            siblings = [c for c in parent.children if isinstance(c, Tag)] if parent is not None else [node]
            counts: dict[str, int] = {}
            positions = []
            for child in siblings:
                counts[child.name] = counts.get(child.name, 0) + 1
                positions.append(counts[child.name])
            for child, position in zip(siblings, positions, strict=True):
                self._index[id(child)] = (position, counts[child.name] > 1)
        return self._index[key]


# ------------------------------------------------------------------------------------------------ events

def _to_events(blocks: list[_Block]) -> list[Event]:
    events: list[Event] = []
    heading_state: dict[int, str] = {}
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            events.append(Heading(block.text, block.level, block.line))
            continue
        kind = BlockKind(block.kind)
        text = block.text
        if kind is BlockKind.PARAGRAPH and OUTLINE.match(text) and _next_is_marker(blocks, index) \
                and len(text) <= 120 and not text.endswith((".", ",", ";", ":")):
            level = 6 + heading_level(OUTLINE.match(text).group("label"), heading_state)  # type: ignore[union-attr]
            heading_state[level - 6] = OUTLINE.match(text).group("label").rstrip(".)")  # type: ignore[union-attr]
            events.append(Heading(text, level, block.line))
            continue
        pos = 0
        for m in _SENTINEL.finditer(text):
            _piece(events, kind, text[pos:m.start()], block)
            raw_label, _, where = m.group(1).partition("@")
            line, _, shown = where.partition("@")
            _marker(events, RzNumber.parse(raw_label), int(line) or block.line, block.element, shown)
            pos = m.end()
        rest = text[pos:]
        if pos == 0 and kind is BlockKind.PARAGRAPH:
            m = MARKER.match(rest)
            if m and (not m.group("rest").strip() or m.group("rest").strip()[:1].isupper()):
                _marker(events, RzNumber.parse(m.group("label")), block.line, block.element,
                        rest[:m.start("rest")].strip())
                rest = m.group("rest")
        _piece(events, kind, rest, block)
    return events


def _marker(events: list[Event], rz: RzNumber, line: int | None, element: str, shown: str) -> None:
    """Add a marker, unless it repeats the one just added with no text between (``<a name="n1">`` + "N. 1")."""
    if events and isinstance(events[-1], Marker) and events[-1].rz == rz:
        return
    events.append(Marker(rz, line, element, shown))


def _next_is_marker(blocks: list[_Block], index: int) -> bool:
    for block in blocks[index + 1:]:
        if block.kind == "heading":
            continue
        return block.text.startswith(_MARK_OPEN) or bool(MARKER.match(block.text))
    return False


def _piece(events: list[Event], kind: BlockKind, text: str, block: _Block) -> None:
    text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
    text = re.sub(r"\n+", "\n", text)
    if text:
        events.append(Piece(kind, text, block.label, block.line, block.line, block.element))
