"""WordprocessingML names: ``w("p")`` is the Clark name lxml compares tags with."""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_VAL = w("val")


def is_on(element: etree._Element) -> bool:
    """A WordprocessingML on/off property (``<w:b/>``, ``<w:b w:val="0"/>``): on unless its value says off."""
    value = element.get(W_VAL)
    return value is None or value.lower() not in ("0", "false", "off", "none")


def as_int(value: str | None, default: int = 0) -> int:
    """An integer attribute; ``default`` when absent or malformed (a broken attribute must not stop the parse)."""
    return int(value) if value is not None and value.isascii() and value.isdigit() else default
