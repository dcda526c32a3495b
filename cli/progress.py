"""How ``kb build`` shows its progress on stderr: bars on a terminal, one line per stage elsewhere, or nothing.

The build tells an :class:`indexer.progress.Progress` about its stages; these are its renderers. stdout
stays for the summary table or the JSON report.
"""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichBars
from rich.text import Text

from indexer.progress import Progress, Stage


class LineProgress(Progress):
    """One summary line per finished stage (``parse: 2,500 files, 100,000 entries in 31.2 s (3,205 entries/s)``)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__()
        self.stream = stream if stream is not None else sys.stderr

    def finish(self, stage: Stage) -> None:
        print(stage.summary(), file=self.stream, flush=True)


class _Rate(ProgressColumn):
    """Entries per second where the stage counts them, else its unit per second, over the stage's elapsed time."""

    def render(self, task: Task) -> Text:
        stage: Stage = task.fields["stage"]
        count, unit = (stage.entries, "entries") if stage.entries else (stage.done, stage.unit)
        elapsed = task.elapsed
        return Text(f"{count / elapsed:,.0f} {unit}/s" if elapsed and count > 1 else "", style="progress.data.speed")


class _Entries(ProgressColumn):
    def render(self, task: Task) -> Text:
        n = task.fields["stage"].entries
        return Text(f"{n:,} entries" if n and task.fields["unit"] != "entries" else "", style="progress.download")


class BarProgress(Progress):
    """A rich progress bar per stage on a terminal: count of total, entries, rate, elapsed and remaining time.
    The bars stay on screen when the build ends, one line per stage."""

    def __init__(self, console: Console | None = None) -> None:
        super().__init__()
        self.bars = RichBars(
            TextColumn("{task.description:<8}"), BarColumn(bar_width=30), MofNCompleteColumn(),
            TextColumn("{task.fields[unit]}"), _Entries(), _Rate(), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(), console=console or Console(stderr=True), transient=False)
        self.bars.start()
        self.tasks: dict[str, TaskID] = {}

    def start(self, stage: Stage) -> None:
        self.tasks[stage.name] = self.bars.add_task(stage.name, total=stage.total, unit=stage.unit, stage=stage)

    def update(self, stage: Stage) -> None:
        self.bars.update(self.tasks[stage.name], completed=stage.done)

    def finish(self, stage: Stage) -> None:
        task = self.tasks[stage.name]
        self.bars.update(task, completed=stage.done, total=stage.total if stage.total is not None else stage.done)
        self.bars.stop_task(task)

    def close(self) -> None:
        self.bars.stop()


def for_build(quiet: bool, stream: TextIO | None = None) -> Progress:
    """Nothing with ``quiet``; bars when stderr is a terminal; else one line per stage."""
    stream = stream if stream is not None else sys.stderr
    if quiet:
        return Progress()
    if stream.isatty():
        return BarProgress(Console(file=stream))
    return LineProgress(stream)


__all__ = ["BarProgress", "LineProgress", "for_build"]
