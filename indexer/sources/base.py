"""What every parser returns, and the error raised when a file cannot be used at all."""

from __future__ import annotations

from dataclasses import dataclass

from kb.model import Entry, Problem, Severity, Work


@dataclass(frozen=True, slots=True)
class ParsedSource:
    """One source file turned into a work and its entries (in document order), plus what went wrong."""

    work: Work
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


class SourceError(Exception):
    """The file cannot be used at all (missing, empty, binary, malformed); ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem

    @classmethod
    def at(cls, path: str, message: str, line: int | None = None) -> SourceError:
        return cls(Problem(Severity.ERROR, path, message, line))


def warning(path: str, message: str, line: int | None = None) -> Problem:
    return Problem(Severity.WARNING, path, message, line)
