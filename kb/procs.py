"""Processes a build owns: who is alive, worker pools that die with their parent, signals as exceptions.

    with owned_pool(2) as pool:          # workers get SIGKILL when this process dies, even by kill -9
        results = list(pool.map(f, items))
    with signals_raise():                # SIGTERM / SIGINT / SIGHUP → Interrupted, so ``finally`` cleans up
        ...

A process is named by its pid *and* its start time (``/proc/<pid>/stat`` field 22, clock ticks since
boot): a pid the kernel has handed to another process since is then not mistaken for the old owner.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from types import FrameType

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)  # what asks a build to stop
# File descriptors a forked worker must not keep open (the build lock: its flock lives as long as any copy).
_PRIVATE_FDS: set[int] = set()


def _stat(pid: int) -> list[bytes] | None:
    """``/proc/<pid>/stat`` from field 3 (the state) on, or None when there is no such process (or no /proc)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return None
    # field 2 (the command) is in parentheses and may hold spaces or parentheses itself: split after the last ")"
    return stat[stat.rfind(b")") + 2:].split()


def start_time(pid: int) -> int | None:
    """When ``pid`` started (clock ticks since boot), or None when it does not exist or this is not Linux."""
    fields = _stat(pid)
    try:
        return int(fields[19]) if fields else None  # field 22
    except (IndexError, ValueError):
        return None


def alive(pid: int, started: int | None = None) -> bool:
    """Whether the process ``pid`` runs — and, when ``started`` is given and the system tells start times,
    is the same process that started then (not a later one the kernel handed the same pid). A zombie
    (exited, not yet reaped by its parent) counts as gone."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by someone else
    if not sys.platform.startswith("linux"):
        return True
    fields = _stat(pid)
    if not fields or fields[0] == b"Z":
        return False
    return started is None or start_time(pid) == started


def die_with_parent(parent: int) -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux ``PR_SET_PDEATHSIG``; a no-op
    elsewhere). If the parent is already gone (it died before this ran), exit now."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl here: the parent's own clean-up still ends the pool
    if os.getppid() != parent:  # the race: the parent died between fork and prctl
        os._exit(1)


def _init_worker(parent: int) -> None:
    """The pool's initializer: die with the parent, leave signals to it, drop the fds it keeps private."""
    die_with_parent(parent)
    # Ctrl-C, a closed terminal, a service manager stopping the group reach every process: the parent
    # alone decides (a worker dying first would fail the build as a broken pool, not as interrupted), and
    # it kills the workers — as the kernel does when it dies.
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # held back by owned_pool while forking; pending ones are dropped
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    for fd in list(_PRIVATE_FDS):
        with contextlib.suppress(OSError):
            os.close(fd)
    _PRIVATE_FDS.clear()


@contextlib.contextmanager
def private_fd(fd: int) -> Iterator[int]:
    """While inside, pool workers started by :func:`owned_pool` close their copy of ``fd`` first thing."""
    _PRIVATE_FDS.add(fd)
    try:
        yield fd
    finally:
        _PRIVATE_FDS.discard(fd)


def _context() -> multiprocessing.context.BaseContext:
    # fork: workers start in milliseconds and share the parent's imports; the pitfalls of fork (inherited
    # fds, signal handlers) are undone by _init_worker. Elsewhere the platform's default.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


@contextlib.contextmanager
def owned_pool(max_workers: int) -> Iterator[ProcessPoolExecutor]:
    """A process pool whose workers die with this process, and are killed on every way out of the block
    but the normal one (an exception, :class:`Interrupted`, a generator closed early): pending work is
    cancelled, running work is not waited for."""
    pool = ProcessPoolExecutor(max_workers=max_workers, mp_context=_context(), initializer=_init_worker,
                               initargs=(os.getpid(),))
    try:
        with _stop_signals_held():
            pool.submit(int)  # a forking pool starts all its workers at the first task: now, signals held back
        yield pool
    except BaseException:
        kill_pool(pool)
        raise
    pool.shutdown(wait=True)


@contextlib.contextmanager
def _stop_signals_held() -> Iterator[None]:
    """Stop signals wait while workers are forked: a fork copies the parent's handler, which must not run
    in a worker before :func:`_init_worker` ignores the signals (it would end the worker with a traceback).
    Once unblocked here, a signal that came meanwhile is delivered to this process as usual."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def kill_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started, SIGKILL the workers and reap them (Python 3.14's ``kill_workers``)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # private, but stable since 3.2
    pool.shutdown(wait=False, cancel_futures=True)
    for w in workers:
        with contextlib.suppress(Exception):
            w.kill()
    for w in workers:
        with contextlib.suppress(Exception):
            w.join(5)
    with contextlib.suppress(Exception):
        pool.shutdown(wait=True)  # the manager thread notices the dead workers and ends


def pool_threshold(env: str, default: int) -> int:
    """The least work worth starting a worker pool for: ``default``, or the positive integer in the
    environment variable ``env`` (a knob for tests and tuning; anything else there is an error naming it)."""
    value = os.environ.get(env, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{env} must be a positive integer, not {value!r}")
    return int(value)


class Interrupted(BaseException):  # like KeyboardInterrupt: no error of the program, so no Exception
    """A signal asked this process to stop (raised by :func:`signals_raise`'s handler in the main thread)."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(f"interrupted by {signal.Signals(signum).name}")

    @property
    def exit_code(self) -> int:
        """128 + the signal number, as a shell reports a process ended by it (SIGINT 130, SIGTERM 143)."""
        return 128 + self.signum


@contextlib.contextmanager
def signals_raise(signals: tuple[signal.Signals, ...] = STOP_SIGNALS) -> Iterator[None]:
    """Inside the block, the first of ``signals`` raises :class:`Interrupted` in the main thread (later
    ones are ignored, so the clean-up the first one starts is not cut short). Outside the main thread
    (where Python cannot install handlers) the block runs with the handlers as they are."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        if not fired:
            fired.append(signum)
            raise Interrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in signals}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


__all__ = ["Interrupted", "alive", "die_with_parent", "kill_pool", "owned_pool", "pool_threshold", "private_fd",
           "signals_raise", "start_time"]
