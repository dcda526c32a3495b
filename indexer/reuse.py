"""What an incremental build takes over from the build it replaces, and the keys that make that safe.

Three things are reused, each only from the *current complete* build (``build.json`` present) and
only when that build was made by the same pipeline (:func:`pipeline_version`, recorded in its
``build.json``) with the same backends:

- **processing** (parse, citations, NLP) of a source whose :func:`source_key` — its bytes, its path
  relative to the corpus root and its manifest metadata — is unchanged: the result is kept per build
  in ``processed/<key>.pickle`` and hard-linked into the next build (:class:`ProcessedCache`);
- **records** and **index parts** of a work whose final entries are unchanged: linking a build points
  citations at other works, so a work is carried only when its :func:`fingerprint` (its source key plus
  its linked citations and filed citation keys) equals the one recorded in ``processed/works.json``.

A build writes its cache into its own fresh directory before ``build.json``; a killed build's
directory is never read (it is incomplete) and is pruned as before, so no cache can be poisoned.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import sys
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from kb.model import Entry, Problem, Work
from kb.store import layout

PROCESSED = "processed"  # in a build directory: the processing cache of its sources
FINGERPRINTS = "works.json"  # processed/works.json: work slug → fingerprint
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
    """Processed sources by key: written into this build's ``processed/``, read (and hard-linked) from the
    previous build's. Pickle: loading is several times faster than JSON through ``from_dict`` (see the
    notes of issue 15); the file is only ever read by the same pipeline version that wrote it."""

    def __init__(self, build_dir: Path, previous: Path | None) -> None:
        self.dir = build_dir / PROCESSED
        self.dir.mkdir(exist_ok=True)
        self.previous = previous / PROCESSED if previous is not None else None

    def load(self, key: str) -> Processed | None:
        if self.previous is None:
            return None
        old = self.previous / f"{key}.pickle"
        try:
            with open(old, "rb") as f:
                found = pickle.load(f)
        except OSError:
            return None
        with contextlib.suppress(FileExistsError):  # the same source named twice
            os.link(old, self.dir / old.name)
        return found

    def store(self, key: str, processed: Processed) -> None:
        with open(self.dir / f"{key}.pickle", "wb") as f:
            pickle.dump(processed, f, protocol=pickle.HIGHEST_PROTOCOL)

    def write_fingerprints(self, prints: Mapping[str, str]) -> None:
        (self.dir / FINGERPRINTS).write_text(json.dumps(prints, indent=0), "utf-8")

    def previous_fingerprints(self) -> dict[str, str]:
        if self.previous is None:
            return {}
        try:
            return dict(json.loads((self.previous / FINGERPRINTS).read_text("utf-8")))
        except (OSError, ValueError):
            return {}


def fingerprint(key: str, entries: Sequence[Entry], cited: Mapping[str, Sequence[tuple[str, int]]]) -> str:
    """A work's final records and index documents, given its source key: linking changes only the
    citations (targets pointed at works, URLs), and filing depends on the whole build — both are hashed."""
    h = hashlib.sha256(key.encode())
    for e in entries:
        if e.citations:
            h.update(repr(e.citations).encode())
        h.update(repr(cited.get(e.id, ())).encode())
    return h.hexdigest()[:32]


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


__all__ = ["FINGERPRINTS", "PROCESSED", "ProcessedCache", "fingerprint", "pipeline_version", "source_key",
           "usable_previous"]
