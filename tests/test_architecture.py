"""The house order, checked on the import graph (``ast``, every import including those inside functions).

kb/ is the ground floor and imports nothing above it; indexer/ builds on kb/; web/ renders kb/; the
CLI (cli/) sits on top and nothing imports it; no web view imports another view; only the Whoosh
backend (kb/search/whoosh/) imports whoosh. And the URL scheme is spelled once, in kb/links.py.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("kb", "indexer", "web", "cli")
WHOOSH_BACKEND = "kb.search.whoosh"


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. "web.views.search"
    target: str  # what it imports, absolute, e.g. "kb.search" or "whoosh.query"
    line: int

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.target}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[Import]:
    """Every import in one file; relative imports resolved against its package."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: list[Import] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.extend(Import(module, alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            out.append(Import(module, target, node.lineno))
            # "from web.views import search": the submodule is the dependency
            out.extend(Import(module, f"{target}.{alias.name}", node.lineno) for alias in node.names
                       if (REPO / Path(*target.split("."), alias.name)).with_suffix(".py").exists())
    return out


@cache
def graph() -> tuple[Import, ...]:
    files = [p for pkg in PACKAGES for p in sorted((REPO / pkg).rglob("*.py"))]
    assert len(files) > 50, "the product packages were not found"
    return tuple(i for f in files for i in imports_of(f))


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def violations(rule) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(i) for i in graph() if rule(i)]


def test_the_walker_sees_imports_inside_functions_and_relative_ones(tmp_path: Path) -> None:
    seen = {(i.module, i.target) for i in graph()}
    assert ("kb.annotation", "kb.nlp") in seen  # imported inside annotate()
    assert ("indexer.sources.dispatch", "indexer.sources.formats") in seen  # from .formats import …


def imports_any(i: Import, *packages: str) -> bool:
    return any(within(i.target, p) for p in packages)


def test_kb_imports_nothing_above_it() -> None:
    assert violations(lambda i: within(i.module, "kb") and imports_any(i, "indexer", "web", "cli")) == []


def test_indexer_does_not_import_the_web_or_the_cli() -> None:
    assert violations(lambda i: within(i.module, "indexer") and imports_any(i, "web", "cli")) == []


def test_nothing_imports_the_cli() -> None:
    assert violations(lambda i: not within(i.module, "cli") and within(i.target, "cli")) == []


def test_no_view_imports_another_view() -> None:
    def rule(i: Import) -> bool:
        return (within(i.module, "web.views") and within(i.target, "web.views")
                and i.target not in ("web.views", i.module))

    assert violations(rule) == []


def test_only_the_whoosh_backend_imports_whoosh() -> None:
    assert violations(lambda i: within(i.target, "whoosh") and not within(i.module, WHOOSH_BACKEND)) == []


def test_the_whoosh_backend_is_imported_only_through_the_backend_registry() -> None:
    allowed = ("kb.backends", WHOOSH_BACKEND)
    assert violations(lambda i: within(i.target, WHOOSH_BACKEND)
                      and not any(within(i.module, a) for a in allowed)) == []


# --------------------------------------------------------------------------- one spelling each

URL_PREFIX = re.compile(r"^/(?:k|g|cite|cites|entities|obligations|search|api)(?:/|$)")


def string_pieces(path: Path) -> list[tuple[int, str]]:
    """String constants and the literal parts of f-strings, outside docstrings and route decorators' args."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_url_prefixes_are_spelled_only_in_kb_links() -> None:
    found = []
    for pkg in PACKAGES:
        for path in sorted((REPO / pkg).rglob("*.py")):
            if path == REPO / "kb" / "links.py":
                continue
            found += [f"{path.relative_to(REPO)}:{line}: {text!r}" for line, text in string_pieces(path)
                      if URL_PREFIX.match(text)]
    assert found == [], "spell these through kb.links"


def test_templates_link_through_the_link_helpers() -> None:
    literal = re.compile(r"""(?:href|action|src)="/(?:k|g|cite|cites|entities|obligations|search|api)\b""")
    found = [f"{p.name}: {m.group(0)}" for p in sorted((REPO / "web" / "templates").glob("*.html"))
             for m in literal.finditer(p.read_text("utf-8"))]
    assert found == []


@pytest.mark.parametrize("home", ["kb/links.py", "kb/citations/keys.py"])
def test_what_the_spelling_modules_define_is_defined_nowhere_else(home: str) -> None:
    """A second ``law_slug`` or ``entry_summary`` would be a second spelling."""
    def defined(path: Path) -> set[str]:
        return {n.name for n in ast.parse(path.read_text("utf-8")).body if isinstance(n, ast.FunctionDef)}

    own = {n for n in defined(REPO / home) if not n.startswith("_")}
    assert own
    clashes = [f"{p.relative_to(REPO)}: {name}" for pkg in PACKAGES for p in sorted((REPO / pkg).rglob("*.py"))
               if p != REPO / home for name in sorted(defined(p) & own)]
    assert clashes == []
