"""What an incremental build takes over from the build it replaces, and the keys that make that safe.

What is reused comes only from the *current complete* build (``build.json`` present), and only when
that build was made by the same pipeline (:func:`pipeline_version`, recorded in its
``build.json``) with the same backends:

- **processing** (parse, citations, NLP) of a source whose :func:`source_key` — its bytes, its path
  relative to the corpus root and its manifest metadata — is unchanged: the result is kept per build
  in ``processed/<key>.pickle`` (and what other works look up in it in ``<key>.exports.pickle``) and
  hard-linked into the next build (:class:`ProcessedCache`);
- **records** and **index parts** of a work whose final entries are unchanged: linking a build points
  citations at other works, so a work is carried only when its source key is the same and every lookup
  it made in other works is answered by the same sources (:mod:`indexer.link`, recorded per build in
  ``processed/works.pickle``) — such a work's entries are not even loaded;
- the **vocabulary**'s word forms: the previous build's counts, less the sources gone, plus the new ones.

A build writes its cache into its own fresh directory before ``build.json``; a killed build's
directory is never read (it is incomplete) and is pruned as before, so no cache can be poisoned.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import hashlib
import io
import json
import os
import pickle
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Mapping
from functools import cache, partial
from importlib import metadata
from pathlib import Path
from typing import Any

from kb.model import Entry, Problem, Work
from kb.store import layout

PROCESSED = "processed"  # in a build directory: the processing cache of its sources
WORKS = "works.pickle"  # processed/works.pickle: work slug → (source key, dependencies)
FORMS = "forms.pickle"  # processed/forms.pickle: every word form of the corpus and its frequency
# Libraries whose version changes what a build writes (parser, NLP rules and tables, stemmer, index).
LIBRARIES = ("spacy", "spacy-lookups-data", "PyStemmer", "Whoosh")
_PACKAGES = ("kb", "indexer")  # the code whose every line may change the output


def pipeline_version() -> str:
    """A hash of everything but the sources that decides a build's output: the code of ``kb`` and
    ``indexer``, the layout's format, Python's and the libraries' versions, and the German word list
    (path, size, mtime). Any change means a full build."""
    h = hashlib.sha256(f"format {layout.FORMAT}\npython {sys.version}\n".encode())
    for name in LIBRARIES:
        try:
            h.update(f"{name} {metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name} -\n".encode())
    from kb.search import compounds

    wordlist = compounds.wordlist_path()
    try:
        st = wordlist.stat()
        h.update(f"wordlist {wordlist} {st.st_size} {st.st_mtime_ns}\n".encode())
    except OSError:
        h.update(f"wordlist {wordlist} -\n".encode())
    top = Path(__file__).resolve().parent.parent
    for package in _PACKAGES:
        for path in sorted((top / package).rglob("*.py")):
            h.update(path.relative_to(top).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def source_key(path: Path, root: Path | None) -> str | None:
    """What processing one source depends on besides the pipeline: its bytes, its path relative to the
    corpus root (the work's source path, the problems' file names) and its manifest metadata. None when
    it cannot be read (then it is processed, which reports why)."""
    from indexer.sources.base import SourceError
    from indexer.sources.dispatch import _relative
    from indexer.sources.metadata import manifest_meta

    try:
        data = path.read_bytes()
        meta = manifest_meta(path, root)
    except (OSError, SourceError):
        return None
    h = hashlib.sha256(_relative(path, root).encode() + b"\0" + repr(meta).encode() + b"\0")
    h.update(data)
    return h.hexdigest()[:32]


Processed = tuple[Work, tuple[Entry, ...], tuple[Problem, ...]]


class ProcessedCache:
    """Processed sources by key — the whole result (``<key>.pickle``) and what other works look up in it
    (``<key>.exports.pickle``, :class:`indexer.link.Exports`) — written into this build's ``processed/``,
    read (and hard-linked) from the previous build's; and the build's state: each work's source key and
    dependencies (``works.pickle``), the corpus' word forms (``forms.pickle``). Pickle with the model's
    fields as constructor arguments: loading is faster than JSON through ``from_dict`` (issue 15's notes);
    a file is only ever read by the pipeline version that wrote it."""

    def __init__(self, build_dir: Path, previous: Path | None) -> None:
        self.dir = build_dir / PROCESSED
        self.dir.mkdir(exist_ok=True)
        self.previous = previous / PROCESSED if previous is not None else None

    def _load(self, name: str, *, link: bool) -> Any:
        if self.previous is None:
            return None
        old = self.previous / name
        try:
            with open(old, "rb") as f:
                found = pickle.load(f)
        except OSError:
            return None
        if link:
            with contextlib.suppress(FileExistsError):  # the same source named twice
                os.link(old, self.dir / name)
        return found

    def _store(self, name: str, value: Any, *, compress: bool = False) -> None:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = _model_reducers()
        pickler.dump(value)
        data = buffer.getvalue()
        (self.dir / name).write_bytes(zlib.compress(data, 1) if compress else data)

    def exports(self, key: str) -> Any:
        """The exports of a source the previous build processed (None: it did not, or its files are not all
        there), its whole result linked along."""
        if self.previous is None:
            return None
        try:
            os.link(self.previous / f"{key}.pickle", self.dir / f"{key}.pickle")
        except FileExistsError:  # the same source named twice
            pass
        except OSError:
            return None
        return self._load(f"{key}.exports.pickle", link=True)

    def processed(self, key: str) -> Processed:
        """The whole result of a source this build or the previous one processed (zlib-compressed: a third of
        the size, for a few milliseconds per work)."""
        return pickle.loads(zlib.decompress((self.dir / f"{key}.pickle").read_bytes()))  # type: ignore[no-any-return]

    def previous_processed(self, key: str) -> Processed | None:
        if self.previous is None:
            return None
        try:
            data = (self.previous / f"{key}.pickle").read_bytes()
        except OSError:
            return None
        return pickle.loads(zlib.decompress(data))  # type: ignore[no-any-return]

    def store(self, key: str, processed: Processed, exports: Any) -> None:
        self._store(f"{key}.pickle", processed, compress=True)
        self._store(f"{key}.exports.pickle", exports)

    def write_state(self, works: Mapping[str, Any], forms: Counter[str]) -> None:
        self._store(WORKS, works)
        self._store(FORMS, forms)

    def previous_state(self) -> tuple[dict[str, Any], Counter[str] | None]:
        """The previous build's works (slug → (source key, dependencies)) and word forms (None: unknown)."""
        works = self._load(WORKS, link=False)
        forms = self._load(FORMS, link=False)
        return (works or {}), forms


@cache
def _model_reducers() -> dict[type, Callable[[Any], tuple[Any, ...]]]:
    """Pickle the model's frozen slotted dataclasses as a constructor call with their field values: the
    default (dataclasses' ``__setstate__``, which looks the fields up for every object) loads 2-3 times slower.
    A class with ``__post_init__`` (validation) is restored field by field, without running it again."""
    from kb import model

    table: dict[type, Callable[[Any], tuple[Any, ...]]] = dict(copyreg.dispatch_table)
    for cls in vars(model).values():
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__):
            continue
        names = tuple(f.name for f in dataclasses.fields(cls))
        if hasattr(cls, "__post_init__") or not all(f.init for f in dataclasses.fields(cls)):
            table[cls] = partial(_by_fields, names)
        else:
            table[cls] = partial(_by_init, names)
    return table


def _by_init(names: tuple[str, ...], obj: Any) -> tuple[Any, ...]:
    return type(obj), tuple(getattr(obj, n) for n in names)


def _by_fields(names: tuple[str, ...], obj: Any) -> tuple[Any, ...]:
    return _restore, (type(obj), names, tuple(getattr(obj, n) for n in names))


def _restore(cls: type, names: tuple[str, ...], values: tuple[Any, ...]) -> Any:
    obj = object.__new__(cls)
    for name, value in zip(names, values, strict=True):
        object.__setattr__(obj, name, value)
    return obj


def usable_previous(kb_root: Path, version: str, backend_names: tuple[str, str]) -> tuple[Path | None, str]:
    """The current complete build when this build may reuse it, else None; and why not (or "")."""
    previous = layout.current_build(kb_root)
    if previous is None:
        return None, "no previous build"
    try:
        manifest: dict[str, Any] = json.loads((previous / layout.MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None, "previous build.json unreadable"
    if manifest.get("pipeline") != version:
        return None, "pipeline changed (code, libraries, format or word list)"
    if (manifest.get("records"), manifest.get("search")) != backend_names:
        return None, "other backends"
    return previous, ""


__all__ = ["FORMS", "PROCESSED", "WORKS", "ProcessedCache", "pipeline_version", "source_key", "usable_previous"]
