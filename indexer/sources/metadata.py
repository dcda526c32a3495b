"""Work metadata: the corpus manifest (``manifest.toml``), TOML or YAML front matter, HTML ``<meta>``.

A manifest lives in a corpus folder and describes its files::

    [[work]]
    file = "sgb2-48b-rz33-34a.txt"
    slug = "sgb-2-48b"
    title = "Kommentar zu § 48b SGB II"
    law = "SGB II"            # any spelling kb.laws.lookup knows; stored as the key "SGB 2"
    paragraph = "48b"
    authors = ["…"]
    edition = "Stand 01/2024"
    source_url = "https://…"
    license = "CC BY 4.0"
    marker_style = "auto"     # or "number": bare numbers leading a paragraph are Randnummern
    encoding = "utf-8"        # optional; otherwise detected (with a warning on fallback)

    [[include]]               # sources outside the folder, never copied into it
    path = "../../shared/data/laws/sgb_2.xml"
    optional = true           # absent → warning, not error
    # … plus, optionally, the same metadata keys as [[work]]

Precedence: the manifest (the corpus curator's word) overrides in-file metadata field by field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup, Tag

from kb import laws
from kb.model import Problem, Work, WorkKind, slugify

from .base import SourceError, warning

MANIFEST_NAME = "manifest.toml"
MARKER_STYLES = ("auto", "number")
_STR_FIELDS = ("slug", "title", "law", "paragraph", "edition", "source_url", "license", "marker_style", "encoding",
               "kind", "court", "docket", "date", "doctype", "ecli")


@dataclass(frozen=True, slots=True)
class WorkMeta:
    """Metadata as declared by one source of metadata; ``None`` means "not said here"."""

    slug: str | None = None
    title: str | None = None
    law: str | None = None
    paragraph: str | None = None
    authors: tuple[str, ...] | None = None
    edition: str | None = None
    source_url: str | None = None
    license: str | None = None
    marker_style: str | None = None
    encoding: str | None = None
    kind: str | None = None
    # a court decision: what its source may not say (or says wrongly)
    court: str | None = None
    docket: str | None = None  # Aktenzeichen
    date: str | None = None
    doctype: str | None = None  # Urteil, Beschluss …
    ecli: str | None = None

    def merged(self, override: WorkMeta) -> WorkMeta:
        """Fields set in ``override`` win."""
        return replace(self, **{f.name: getattr(override, f.name) for f in fields(override)
                                if getattr(override, f.name) is not None})

    @property
    def empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    @classmethod
    def from_mapping(cls, data: dict[str, Any], where: str) -> WorkMeta:
        """Validate a manifest table / front matter dict (unknown keys are an error: typos must not pass)."""
        known = {f.name for f in fields(cls)} | {"file", "author"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise SourceError.at(where, f"unknown metadata key(s): {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for key in _STR_FIELDS:
            if key in data:
                value = data[key]
                if not isinstance(value, str | int | float):
                    raise SourceError.at(where, f"metadata key {key!r} must be a string")
                values[key] = str(value).strip()
        authors = data.get("authors", data.get("author"))
        if authors is not None:
            if isinstance(authors, str):
                authors = [a.strip() for a in authors.replace(";", ",").split(",")]
            if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
                raise SourceError.at(where, "metadata key 'authors' must be a list of names")
            values["authors"] = tuple(a.strip() for a in authors if a.strip())
        style = values.get("marker_style")
        if style is not None and style not in MARKER_STYLES:
            raise SourceError.at(where, f"marker_style must be one of {', '.join(MARKER_STYLES)}, not {style!r}")
        kind = values.get("kind")
        if kind is not None and kind not in (k.value for k in WorkKind):
            raise SourceError.at(where, f"kind must be one of {', '.join(k.value for k in WorkKind)}, not {kind!r}")
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Include:
    path: Path  # resolved against the manifest's folder
    optional: bool
    declared: str  # as written, for messages
    meta: WorkMeta = WorkMeta()  # metadata for the included file (same keys as [[work]])


@dataclass(frozen=True, slots=True)
class Manifest:
    path: Path
    works: dict[str, WorkMeta]  # file name (relative to the manifest folder, posix) → metadata
    includes: tuple[Include, ...] = ()


def load_manifest(path: Path) -> Manifest:
    """Read and validate one manifest; raises SourceError naming the manifest on any problem."""
    return _load_manifest_cached(path.resolve(), path.stat().st_mtime_ns)


@cache
def _load_manifest_cached(path: Path, _mtime: int) -> Manifest:
    where = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SourceError.at(where, f"manifest is not valid TOML: {exc}", getattr(exc, "lineno", None)) from None
    except UnicodeDecodeError:
        raise SourceError.at(where, "manifest is not UTF-8") from None
    unknown = sorted(set(data) - {"work", "include"})
    if unknown:
        raise SourceError.at(where, f"unknown manifest table(s): {', '.join(unknown)} (expected [[work]], [[include]])")
    works: dict[str, WorkMeta] = {}
    for i, table in enumerate(data.get("work", []), 1):
        if not isinstance(table, dict) or not isinstance(table.get("file"), str):
            raise SourceError.at(where, f"[[work]] #{i} needs a 'file' string")
        name = Path(table["file"]).as_posix()
        if name in works:
            raise SourceError.at(where, f"[[work]] #{i}: file {name!r} is described twice")
        works[name] = WorkMeta.from_mapping(table, f"{where} [[work]] {name}")
    includes = []
    for i, table in enumerate(data.get("include", []), 1):
        if not isinstance(table, dict) or not isinstance(table.get("path"), str):
            raise SourceError.at(where, f"[[include]] #{i} needs a 'path' string")
        meta_keys = {k: v for k, v in table.items() if k not in ("path", "optional")}
        meta = WorkMeta.from_mapping(meta_keys, f"{where} [[include]] {table['path']}")
        includes.append(Include((path.parent / table["path"]).resolve(), bool(table.get("optional", False)),
                                table["path"], meta))
    return Manifest(path, works, tuple(includes))


def manifest_meta(source: Path, root: Path | None = None) -> WorkMeta:
    """The manifest entry for ``source``.

    The nearest manifest.toml in its folder or above (up to ``root``) that has a ``[[work]]`` for it;
    for a file outside the corpus, an ``[[include]]`` naming it in the manifest of ``root``.
    """
    source = source.resolve()
    stop = root.resolve() if root else None
    folder = source.parent
    while True:
        candidate = folder / MANIFEST_NAME
        if candidate.is_file():
            manifest = load_manifest(candidate)
            key = source.relative_to(folder).as_posix()
            if key in manifest.works:
                return manifest.works[key]
        if folder == stop or folder.parent == folder or stop is None or stop not in folder.parents:
            break
        folder = folder.parent
    if stop is not None and (stop / MANIFEST_NAME).is_file():
        for include in load_manifest(stop / MANIFEST_NAME).includes:
            if include.path == source:
                return include.meta
    return WorkMeta()


def split_front_matter(text: str, path: str) -> tuple[WorkMeta, str, int]:
    """Strip front matter at the very top: TOML between ``+++`` lines, or YAML between ``---`` lines (as
    Markdown and static-site sources carry it).

    Returns (metadata, body, number of lines consumed) so body line numbers can be mapped back.
    """
    lines = text.split("\n")
    fence = lines[0].strip() if lines else ""
    if fence not in ("+++", "---"):
        return WorkMeta(), text, 0
    language = "TOML" if fence == "+++" else "YAML"
    for i in range(1, len(lines)):
        if lines[i].strip() == fence or (fence == "---" and lines[i].strip() == "..."):
            data = _front_matter_data("\n".join(lines[1:i]), language, path)
            if data is None:  # "---" was a rule at the top of the text, not front matter
                return WorkMeta(), text, 0
            data.pop("file", None)
            return WorkMeta.from_mapping(data, path), "\n".join(lines[i + 1:]), i + 1
    if fence == "---":
        return WorkMeta(), text, 0
    raise SourceError.at(path, f"front matter opened with '{fence}' is never closed", 1)


_YAML_KEY = re.compile(r"^\s*(?:#.*|[\w-]+\s*:.*|-\s.*|\s+.*)?$")


def _front_matter_data(block: str, language: str, path: str) -> dict[str, Any] | None:
    """The front matter as a dict; for ``---`` None when the block is no YAML mapping (a Markdown rule, text)."""
    if language == "TOML":
        try:
            return tomllib.loads(block)
        except tomllib.TOMLDecodeError as exc:
            raise SourceError.at(path, f"front matter is not valid TOML: {exc}", 1) from None
    looks_like_keys = all(_YAML_KEY.match(line) for line in block.split("\n"))
    try:
        data = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        if not looks_like_keys:
            return None
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # + the opening fence, 1-based
        raise SourceError.at(path, f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}", line) from None
    if not isinstance(data, dict) or not looks_like_keys:
        return None
    # YAML reads 2024-01-01 as a date and 48 as a number: metadata values are text
    return {k: (v if isinstance(v, list | str) else str(v)) for k, v in data.items() if v is not None}


def make_work(meta: WorkMeta, *, path: Path, rel_path: str, encoding: str,
              default_kind: WorkKind = WorkKind.COMMENTARY) -> tuple[Work, list[Problem]]:
    """Build the Work from merged metadata; missing essentials are derived where safe and reported."""
    problems: list[Problem] = []
    kind = WorkKind(meta.kind) if meta.kind else default_kind
    law_key = ""
    if meta.law:
        law = laws.lookup(meta.law)
        if law is None:
            problems.append(warning(rel_path, f"law {meta.law!r} is not in the law table; kept as written"))
            law_key = meta.law
        else:
            law_key = law.key
    paragraph = meta.paragraph.removeprefix("§").strip() if meta.paragraph else None
    if meta.empty:
        problems.append(warning(rel_path, "no metadata (no manifest entry, front matter or HTML meta): "
                                          "law and § unknown, slug taken from the file name"))
    elif not law_key and kind is WorkKind.COMMENTARY:
        problems.append(warning(rel_path, "metadata names no law: citations cannot be resolved against it"))
    slug = meta.slug
    if slug:
        if slugify(slug) != slug:
            problems.append(warning(rel_path, f"slug {slug!r} is not URL-safe; using {slugify(slug)!r}"))
            slug = slugify(slug)
    elif law_key and paragraph:
        slug = slugify(f"{law_key} {paragraph}")
    else:
        slug = slugify(path.stem)
    if not slug:
        raise SourceError.at(rel_path, "cannot derive a slug: declare `slug` in the manifest")
    if kind is WorkKind.COMMENTARY and laws.by_slug(slug) is not None:
        raise SourceError.at(rel_path, f"slug {slug!r} belongs to the statute {laws.by_slug(slug).display}; "  # type: ignore[union-attr]
                                       "a commentary needs its own, e.g. with the §: "
                                       f"{slug}-{slugify(paragraph or 'kommentar')}")
    title = meta.title or (f"§ {paragraph} {laws.display(law_key)}" if paragraph and law_key else path.stem)
    work = Work(slug=slug, title=title, kind=kind, law=law_key, paragraph=paragraph,
                authors=meta.authors or (), edition=meta.edition, source_url=meta.source_url,
                license=meta.license, source_path=rel_path, encoding=encoding)
    return work, problems


# --------------------------------------------------------------------------- HTML <meta>

_META_FIELDS = {
    "slug": ("randnummer:slug", "rn:slug"),
    "law": ("randnummer:law", "rn:law", "citation_law"),
    "paragraph": ("randnummer:paragraph", "rn:paragraph", "randnummer:norm"),
    "title": ("randnummer:title", "dcterms.title", "dc.title", "citation_title", "og:title"),
    "edition": ("randnummer:edition", "dcterms.modified", "dc.date", "citation_edition", "citation_date"),
    "source_url": ("randnummer:source_url", "dcterms.source", "dc.identifier", "og:url"),
    "license": ("randnummer:license", "dcterms.license", "dc.rights", "dcterms.rights"),
    "marker_style": ("randnummer:marker_style",),
}
_AUTHOR_NAMES = ("author", "dcterms.creator", "dc.creator", "citation_author", "randnummer:author")


def html_meta(soup: BeautifulSoup, where: str) -> WorkMeta:
    """Metadata from a page's <meta> tags (``randnummer:*``, Dublin Core, citation_*), <title> and <link>."""
    metas: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        name = (tag.get("name") or tag.get("property") or "").strip().lower()
        content = " ".join(str(tag.get("content") or "").split())
        if name and content:
            metas.setdefault(name, []).append(content)
    values: dict[str, object] = {}
    for field_name, names in _META_FIELDS.items():
        value = next((metas[n][0] for n in names if n in metas), None)
        if value:
            values[field_name] = value
    authors = [a for n in _AUTHOR_NAMES for a in metas.get(n, [])]
    if authors:
        values["authors"] = list(dict.fromkeys(authors))
    if "title" not in values and soup.title and soup.title.string:
        values["title"] = " ".join(soup.title.string.split()).split(" | ")[0]  # drop "| Site name"
    canonical = soup.find("link", rel="canonical")
    if "source_url" not in values and isinstance(canonical, Tag) and canonical.get("href"):
        values["source_url"] = str(canonical["href"])
    license_link = soup.find(["link", "a"], rel="license")
    if "license" not in values and isinstance(license_link, Tag):
        values["license"] = " ".join(license_link.get_text(" ").split()) or str(license_link.get("href") or "")
    return WorkMeta.from_mapping({k: v for k, v in values.items() if v}, f"{where} <meta>")
