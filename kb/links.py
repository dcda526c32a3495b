"""How entries are named and where they live: the lawyer's label and the web app's permanent paths.

Spelled once for every part that hands out links — the build, the read API, the CLI and the web
(whose routes in ``web/views/`` serve exactly these shapes; see README, "Web").
"""

from __future__ import annotations

from kb import laws
from kb.model import Entry, slugify


def law_slug(key: str) -> str:
    """URL segment of a law: "SGB 2" → "sgb-2"."""
    law = laws.lookup(key)
    return law.slug if law else slugify(key)


def norm_marker(law_key: str) -> str:
    """Constitutions and EU / international law are divided into Artikel, the rest into §§."""
    law = laws.lookup(law_key)
    return "Art." if law is not None and (law.eu or law.key == "GG") else "§"


def entry_label(entry: Entry) -> str:
    """How a lawyer cites it: ``§ 48b SGB II Rz. 34a`` (commentary) or ``§ 48b SGB II`` (statute)."""
    base = f"{norm_marker(entry.law)} {entry.paragraph} {laws.display(entry.law)}"
    return f"{base} Rz. {entry.rz.label}" if entry.rz else base


def norm_path(law: str, number: str, absatz: str | None = None) -> str:
    """A statute § (and Absatz anchor): ``/g/sgb-2/48b#abs-4``."""
    return f"/g/{law_slug(law)}/{number}" + (f"#abs-{absatz}" if absatz else "")


def work_path(slug: str) -> str:
    """A commentary's § page with all its Randnummern: ``/k/sgb-2-48b``."""
    return f"/k/{slug}"


def entry_path(entry: Entry) -> str:
    """The permanent path of an entry: ``/k/sgb-2-48b/rz-34a``, or its § for statute text."""
    return norm_path(entry.law, entry.paragraph) if entry.rz is None else f"/k/{entry.id}"
