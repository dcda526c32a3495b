"""The Zitiervorschlag in a real headless Chromium against the real server: its text, and the copy button putting
it on the clipboard (the Clipboard API, and the fallback where the browser has none)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]

SGB2_STAND = "Stand: zuletzt geändert durch Art. 6 G v. 16.8.2023 I Nr. 217"
CASES = [
    ("/k/sgb-2-48b/rz-34a",
     "Kommentar zu § 48b SGB II – Zielvereinbarungen (Auszug Rz. 33–34a), Stand 2024, § 48b SGB II Rz. 34a"),
    ("/g/sgb-2/48b", f"§ 48b SGB II ({SGB2_STAND})"),
    ("/k/bverwg-11-a-7-23/rn-12", "BVerwG, Urteil vom 14.02.2024 – 11 A 7.23, Rn. 12"),
]

# Where the browser offers no Clipboard API: app.js copies a selected textarea; record what was selected then.
NO_CLIPBOARD = """
Object.defineProperty(Navigator.prototype, "clipboard", {get: () => undefined, configurable: true});
window.__copied = [];
document.execCommand = function (command) {
  const el = document.activeElement;
  window.__copied.push([command, el && el.value !== undefined ? el.value.slice(el.selectionStart, el.selectionEnd)
                                                              : String(document.getSelection())]);
  return true;
};
"""


@pytest.fixture()
def context(chromium: Any, live_server: str) -> Iterator[Any]:
    ctx = chromium.new_context(base_url=live_server, locale="de-DE",
                               permissions=["clipboard-read", "clipboard-write"])
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture()
def page(context: Any) -> Any:
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def _box(page: Any) -> Any:
    return page.locator(".cite-suggestion:not(.unit)")


@pytest.mark.parametrize(("url", "expected"), CASES)
def test_the_copy_button_puts_the_zitiervorschlag_on_the_clipboard(page: Any, url: str, expected: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    # a CSP refusal is logged as a console error; a missing resource too (the browser's own /favicon.ico aside)
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error"
            and not msg.text.startswith("Failed to load resource") else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400
            and not r.url.endswith("/favicon.ico") else None)
    page.goto(url)
    box = _box(page)
    assert box.locator(".cite-text").inner_text() == expected
    button = box.locator("button.copy")
    assert button.is_visible() and button.inner_text() == "Kopieren"
    button.click()
    page.wait_for_function("document.querySelector('.cite-suggestion:not(.unit) button.copy')"
                           ".textContent === 'Kopiert'")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert errors == []


@pytest.mark.parametrize(("url", "expected"), CASES[:1])
def test_without_the_clipboard_api_the_fallback_copies(context: Any, url: str, expected: str) -> None:
    context.add_init_script(NO_CLIPBOARD)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(url)
    assert page.evaluate("navigator.clipboard") is None
    _box(page).locator("button.copy").click()
    page.wait_for_function("window.__copied.length > 0")
    assert page.evaluate("window.__copied") == [["copy", expected]]
    assert _box(page).locator("button.copy").inner_text() == "Kopiert"
    assert page.locator("textarea.copy-buffer").count() == 0  # the helper is gone again


def test_a_deep_link_to_a_nummer_offers_that_unit(page: Any) -> None:
    page.goto("/g/sgb-2/48b#abs-1-nr-4")
    text = _box(page).locator(".cite-text")
    assert text.inner_text() == f"§ 48b Abs. 1 Satz 1 Nr. 4 SGB II ({SGB2_STAND})"
    assert page.locator("#abs-1-nr-4").evaluate("el => el.matches(':target')")
    page.evaluate("location.hash = '#abs-4'")
    page.wait_for_function("document.querySelector('.cite-suggestion:not(.unit) .cite-text')"
                           ".textContent.startsWith('§ 48b Abs. 4 SGB II')")
    page.evaluate("location.hash = ''")
    page.wait_for_function("document.querySelector('.cite-suggestion:not(.unit) .cite-text')"
                           f".textContent === '§ 48b SGB II ({SGB2_STAND})'")
