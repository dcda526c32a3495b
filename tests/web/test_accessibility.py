"""Accessibility of every page type, checked in the real browser: axe-core (from npm, see package.json) for
WCAG 2.1 A/AA, plus what axe does not judge — heading order, the skip link and keyboard focus, visible labels."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
RZ33 = ("Auf die Vereinbarungen nach Abs. 1 Satz 1 Nr. 4 mit den zugelassenen kommunalen Trägern ist "
        "insbesondere Abs. 4 anzuwenden. Das Bundesministerium für Arbeit und Soziales soll mit dem Landkreis "
        "Göttingen eine Zielvereinbarung abschließen; siehe auch § 6a SGB II.")


def _annotate_result(page: Any) -> None:
    """The result of the annotate form, submitted as a reader would."""
    page.goto("/api/annotate")
    page.fill("textarea[name=text]", RZ33)
    page.fill("input[name=law]", "SGB II")
    page.fill("input[name=paragraph]", "48b")
    page.click("form.annotate button[type=submit]")
    page.wait_for_load_state()


def _annotate_error(page: Any) -> None:
    """The form back with an error: the text kept, the field at fault marked."""
    page.goto("/api/annotate")
    page.fill("textarea[name=text]", RZ33)
    page.fill("input[name=law]", "Klingonisch")
    page.click("form.annotate button[type=submit]")
    page.wait_for_load_state()


# Every page type of the bundled corpus: a path to open, or a function that gets the page there.
PAGES: dict[str, str | Callable[[Any], None]] = {
    "search-start": "/",
    "search-results": "/search?q=" + quote("Landkreis Göttingen"),
    "search-empty": "/search?q=Xylophonorchester",
    "works": "/k",
    "work": "/k/sgb-2-48b",
    "rz": "/k/sgb-2-48b/rz-34a",
    "decisions": "/e",
    "decision": "/k/bag-1-azr-62-23",
    "decision-rn": "/k/bag-1-azr-62-23/rn-1",
    "statutes": "/g",
    "statute-law": "/g/sgb-2",
    "paragraph": "/g/sgb-2/48b",
    "entities": "/entities",
    "entity": "/entities/ort/landkreis-goettingen",
    "obligations": "/obligations",
    "obligations-bearer": "/obligations/traeger/agentur-fuer-arbeit",
    "cites": "/cites?target=" + quote("§ 6a SGB II"),
    "annotate-form": "/api/annotate",
    "annotate-result": _annotate_result,
    "annotate-error": _annotate_error,
    "not-found": "/gibt-es-nicht",
}


@pytest.fixture()
def context(chromium: Any, live_server: str) -> Iterator[Any]:
    # bypass_csp: the pages forbid inline scripts (CSP), and axe is injected as one
    ctx = chromium.new_context(base_url=live_server, locale="de-DE", bypass_csp=True)
    ctx.set_default_timeout(120_000)  # axe on the long lists takes a while on a busy machine; not a measurement
    try:
        yield ctx
    finally:
        ctx.close()


def open_page(context: Any, name: str) -> Any:
    page = context.new_page()
    how = PAGES[name]
    if callable(how):
        how(page)
    else:
        page.goto(how)
    return page


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on the open page: id, impact, help and the offending targets."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
             const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
             const result = await axe.run(document, options);
             return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                 targets: v.nodes.map(n => n.target.join(" "))}));
           }""",
        WCAG_TAGS,
    )


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        shown = ", ".join(v["targets"][:5]) + (f" … (+{len(v['targets']) - 5})" if len(v["targets"]) > 5 else "")
        lines.append(f"{v['id']} [{v['impact']}] {v['help']} ({len(v['targets'])}×): {shown}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_violation(context: Any, name: str) -> None:
    if not AXE.exists():
        pytest.skip(f"{AXE.relative_to(REPO)} is absent: run `npm ci` (scripts/setup.sh test does)")
    page = open_page(context, name)
    violations = axe_violations(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {name} ({page.url}):\n{describe(blocking)}"


HEADINGS = """() => Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
                     .map(h => ({level: Number(h.tagName[1]), text: h.textContent.trim().slice(0, 60)}))"""


@pytest.mark.parametrize("name", list(PAGES))
def test_headings_start_at_h1_and_never_skip_a_level(context: Any, name: str) -> None:
    page = open_page(context, name)
    headings = page.evaluate(HEADINGS)
    assert headings and headings[0]["level"] == 1, headings[:3]
    assert sum(h["level"] == 1 for h in headings) == 1, [h for h in headings if h["level"] == 1]
    jumps = [(a, b) for a, b in itertools.pairwise(headings) if b["level"] > a["level"] + 1]
    assert not jumps, f"{name}: heading levels jump: {jumps[:3]}"


@pytest.mark.parametrize("name", list(PAGES))
def test_every_link_is_focusable_and_no_link_sits_in_a_summary(context: Any, name: str) -> None:
    page = open_page(context, name)
    problems = page.evaluate("""() => ({
        // citations without a target (a.cite) are issue 13 scope 3's, tested there; every other link needs its href
        without_href: Array.from(document.querySelectorAll("a:not([href]):not(.cite)"))
                           .map(a => a.outerHTML.slice(0, 120)),
        in_summary: Array.from(document.querySelectorAll("summary a, summary button, summary input"))
                         .map(a => a.outerHTML.slice(0, 120)),
        unlabelled: Array.from(document.querySelectorAll("input:not([type=hidden]), textarea, select"))
                         .filter(f => !(f.labels && f.labels.length)).map(f => f.outerHTML.slice(0, 120)),
    })""")
    assert not problems["in_summary"], problems["in_summary"][:3]
    assert not problems["unlabelled"], f"fields without a <label>: {problems['unlabelled'][:3]}"
    assert not problems["without_href"], problems["without_href"][:3]


def test_tab_reaches_the_skip_link_first_and_enter_moves_focus_to_main(context: Any) -> None:
    page = context.new_page()
    page.goto("/k/sgb-2-48b/rz-34a")
    page.keyboard.press("Tab")
    first = page.evaluate("() => ({text: document.activeElement.textContent.trim(),"
                          " href: document.activeElement.getAttribute('href')})")
    assert first == {"text": "Zum Inhalt", "href": "#inhalt"}
    # visible while focused (it may hide otherwise): a sighted keyboard user sees where Tab went
    box = page.locator("a[href='#inhalt']").bounding_box()
    assert box is not None and box["width"] > 1 and box["height"] > 1 and box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "inhalt"
    assert page.evaluate("() => document.activeElement.tagName") == "MAIN"
    # and the next Tab continues inside main, past the header's search and navigation
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')")


def test_the_header_search_field_has_a_visible_label(context: Any) -> None:
    page = context.new_page()
    page.goto("/")
    label = page.locator("label[for=q]")
    assert label.count() == 1 and label.is_visible() and label.inner_text().strip()
    box = label.bounding_box()
    assert box is not None and box["width"] > 1 and box["height"] > 1
