"""Annotating without starving the other requests of a worker: long texts run in a helper process.

A gunicorn worker serves several requests at once in threads that share one GIL. spaCy's tokenizer and the
pipeline components hold it for tens of milliseconds at a time, so a thread annotating a 1 MB text (seconds of
CPU) made every other request of its worker wait (the issue measured 7 ms → 50–325 ms). Texts longer than
``ANNOTATE_INLINE_CHARS`` therefore go to one helper process per worker (started on first use with "spawn",
spaCy loaded there on its first job); the request thread waits on a pipe, without the GIL.

Per worker at most ``ANNOTATE_MAX_PENDING`` long annotations run or wait for the helper; one more waits
``ANNOTATE_WAIT_SECONDS`` for a place and is then refused (:class:`Busy`: 503 with Retry-After). Memory stays
bounded: one helper per worker, its work per text bounded by the text limit and the NLP's piece size.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from kb.annotation import Annotation, annotate
from kb.citations import Context

INLINE_CHARS = 20_000  # shorter texts are annotated in the request thread (tens of ms; no round trip)
MAX_PENDING = 2  # long annotations per worker: one running in the helper, one waiting for it
WAIT_SECONDS = 1.0  # how long one more waits for a place before 503
RETRY_AFTER = 5  # seconds, the 503's Retry-After


class Busy(Exception):
    """All places for long annotations of this worker are taken."""


class Annotator:
    """Annotates in the request thread or, for long texts, in this process's helper process."""

    def __init__(self, inline_chars: int = INLINE_CHARS, max_pending: int = MAX_PENDING,
                 wait_seconds: float = WAIT_SECONDS) -> None:
        self.inline_chars = inline_chars
        self.wait_seconds = wait_seconds
        self._places = threading.BoundedSemaphore(max_pending)
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._pid = 0  # the process that started the pool: a forked child starts its own

    def annotate(self, text: str, context: Context) -> Annotation:
        """:func:`kb.annotation.annotate`; raises :class:`Busy` when the worker has no place for a long text."""
        if len(text) <= self.inline_chars:
            return annotate(text, context)
        if not self._places.acquire(timeout=self.wait_seconds):
            raise Busy
        try:
            try:
                return self._executor().submit(annotate, text, context).result()
            except BrokenProcessPool:  # the helper died (killed, out of memory): start a new one, try once more
                self.shutdown()
                return self._executor().submit(annotate, text, context).result()
        finally:
            self._places.release()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None or self._pid != os.getpid():
                # spawn, not fork: forking a process with running threads can copy a held lock
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_die_with_parent, initargs=(os.getpid(),))
                self._pid = os.getpid()
            return self._pool

    def shutdown(self) -> None:
        """Stop the helper process (it also ends by itself when this process exits)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None and self._pid == os.getpid():
            pool.shutdown(wait=False, cancel_futures=True)


def _die_with_parent(parent: int) -> None:
    """In the helper: end with the worker that started it, even when that is killed (-9), instead of waiting on
    its queue forever. A watch thread, not ``PR_SET_PDEATHSIG``: that fires when the *thread* that started the
    helper ends, and a request thread started it."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


__all__ = ["INLINE_CHARS", "MAX_PENDING", "RETRY_AFTER", "Annotator", "Busy"]
