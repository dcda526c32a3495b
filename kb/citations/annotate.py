"""``annotate``: text → escaped HTML with citation links and entity spans.

Spans are rendered as properly nested elements even when an entity overlaps a citation
only partly: at each boundary the open elements that must close are closed and the ones that
continue are re-opened (the way browsers repair mis-nested inline markup), so the output is
always well-formed and the text between tags is exactly the escaped input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from kb.citations.label import entity_name, label
from kb.model import Citation, Entity, Target


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    rank: int  # tie-break: citations outside entities at equal extent
    order: int
    open_tag: str
    close_tag: str


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _citation_tag(c: Citation, url_for: Callable[[Target], str | None] | None) -> tuple[str, str]:
    url = None
    if url_for is not None:
        url = next((u for t in c.targets if (u := url_for(t))), None)
    # url_for knows the knowledge base: a path into it that url_for does not confirm would lead nowhere
    if url is None and c.url and not (url_for is not None and c.url.startswith("/")):
        url = c.url
    keys = [t.key for t in c.targets]
    attrs = ['class="cite"', f'data-kind="{_attr(str(c.kind))}"']
    if url:
        attrs.insert(0, f'href="{_attr(url)}"')
    if keys:
        attrs.append(f'data-target="{_attr(keys[0])}"')
        if len(keys) > 1:
            attrs.append(f'data-targets="{_attr(" | ".join(keys))}"')
        attrs.append(f'title="{_attr("; ".join(label(t) for t in c.targets))}"')
    elif c.law:
        attrs.append(f'data-law="{_attr(c.law)}"')
    # A citation with no address is marked but no link (an <a> without href is no link and not focusable).
    tag = "a" if url else "span"
    return f"<{tag} {' '.join(attrs)}>", f"</{tag}>"


def _entity_tag(e: Entity) -> tuple[str, str]:
    label = _attr(str(e.label))
    title = entity_name(e.label, e.canonical) + (f" ({e.abbreviation})" if e.abbreviation else "")
    return (f'<span class="ent ent-{label}" data-entity="{_attr(e.id)}" title="{_attr(title)}">', "</span>")


def annotate(text: str, citations: Sequence[Citation], *, entities: Iterable[Entity] = (),
             url_for: Callable[[Target], str | None] | None = None) -> str:
    """Escaped HTML of ``text`` with ``<a class="cite" href=…>`` per citation (``<span class="cite">`` for one
    with no address) and ``<span class="ent">`` per entity.

    ``url_for`` (a knowledge base's look-up) is asked first; a citation's own ``url`` is the fallback, unless it
    is a path into the knowledge base that ``url_for`` did not confirm. Spans outside the text or empty are
    ignored; nothing from ``text`` is ever emitted unescaped.
    """
    n = len(text)
    spans: list[_Span] = []
    for i, c in enumerate(citations):
        if 0 <= c.start < c.end <= n:
            spans.append(_Span(c.start, c.end, 0, i, *_citation_tag(c, url_for)))
    for i, e in enumerate(entities):
        if 0 <= e.start < e.end <= n:
            spans.append(_Span(e.start, e.end, 1, i, *_entity_tag(e)))
    if not spans:
        return escape(text, quote=False)
    # outer first: earlier start, then longer, then citations before entities
    spans.sort(key=lambda s: (s.start, -s.end, s.rank, s.order))
    bounds = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[_Span] = []
    pending = iter(spans)
    nxt = next(pending, None)
    for pos, following in pairwise(bounds):
        # close what ends here; re-open the survivors that were closed above it
        cut = next((i for i, s in enumerate(stack) if s.end == pos), None)
        if cut is not None:
            above = stack[cut:]
            out.extend(s.close_tag for s in reversed(above))
            stack = stack[:cut]
            for s in above:
                if s.end > pos:
                    out.append(s.open_tag)
                    stack.append(s)
        while nxt is not None and nxt.start == pos:
            out.append(nxt.open_tag)
            stack.append(nxt)
            nxt = next(pending, None)
        out.append(escape(text[pos:following], quote=False))
    out.extend(s.close_tag for s in reversed(stack))
    return "".join(out)
