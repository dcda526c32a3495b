"""How far a build is: its stages, each with a count of what it has done, told to whoever watches.

    with progress.stage("parse", total=len(files), unit="files") as st:
        for ... :
            st.advance(1, entries=len(result.entries))

:class:`Progress` is the observer and does nothing; the command line shows a progress bar on a terminal
and one summary line per stage elsewhere (``cli.progress``: this package imports nothing above it).
A stage's ``seconds`` is its wall-clock time, unless the build sets it (parse, cite and enrich run
interleaved in worker processes: the build shares their wall-clock time out by the workers' measured
time per stage, so the stage times add up to the build's).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

STAGES = ("discover", "parse", "cite", "enrich", "records", "index", "publish")


class Stage:
    """One stage: ``done`` of ``total`` (None: unknown) ``unit``, and the entries it has handled."""

    def __init__(self, name: str, total: int | None, unit: str, progress: Progress) -> None:
        self.name, self.total, self.unit = name, total, unit
        self.done = 0
        self.entries = 0
        self.started = time.perf_counter()
        self.seconds: float | None = None  # set when the stage ends (or by the build)
        self._progress = progress

    def advance(self, n: int = 1, *, entries: int = 0) -> None:
        self.done += n
        self.entries += entries
        self._progress.update(self)

    def summary(self) -> str:
        """``parse: 2,500 files, 100,000 entries in 31.2 s (3,205 entries/s)`` — the rate in entries where the
        stage counts them, else in its unit."""
        seconds = self.seconds if self.seconds is not None else time.perf_counter() - self.started
        what = f"{self.done:,} {self.unit.removesuffix('s') if self.done == 1 else self.unit}"
        if self.entries and self.unit != "entries":
            what += f", {self.entries:,} entries"
        count, unit = (self.entries, "entries") if self.entries else (self.done, self.unit)
        rate = f" ({count / seconds:,.0f} {unit}/s)" if seconds > 0 and count > 1 else ""
        return f"{self.name}: {what} in {seconds:.1f} s{rate}"


class Progress:
    """The observer of a build's stages; this one shows nothing. Subclasses override :meth:`start`,
    :meth:`update`, :meth:`finish` (each called in the build's main process) and :meth:`close`."""

    def __init__(self) -> None:
        self.stages: dict[str, Stage] = {}

    @contextlib.contextmanager
    def stage(self, name: str, total: int | None = None, unit: str = "files") -> Iterator[Stage]:
        """A stage from the start of the block to its end (also on failure: then it is not :meth:`finish`-ed)."""
        st = self.begin(name, total, unit)
        yield st
        self.end(st)

    def begin(self, name: str, total: int | None = None, unit: str = "files") -> Stage:
        """A stage started now; :meth:`end` it (for stages that overlap, where a block does not fit)."""
        st = self.stages[name] = Stage(name, total, unit, self)
        self.start(st)
        return st

    def end(self, st: Stage, seconds: float | None = None) -> None:
        st.seconds = seconds if seconds is not None else time.perf_counter() - st.started
        self.finish(st)

    def timings(self) -> dict[str, float]:
        """Seconds per finished stage, in the order they started."""
        return {name: st.seconds for name, st in self.stages.items() if st.seconds is not None}

    def start(self, stage: Stage) -> None:
        pass

    def update(self, stage: Stage) -> None:
        pass

    def finish(self, stage: Stage) -> None:
        pass

    def close(self) -> None:
        pass


__all__ = ["STAGES", "Progress", "Stage"]
