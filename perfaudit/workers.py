"""Worker processes that read files one at a time, under limits, and cannot take the batch down.

Why not ``concurrent.futures.ProcessPoolExecutor``: when one of its workers dies (killed
for memory, a crash in a C library) the whole pool breaks and every file still queued is
lost.  Here each worker is a forked child with its own pipe; the parent hands it one file
at a time, so at any moment it knows which file each worker holds:

* a worker that dies (or is killed after ``--timeout``) costs exactly its own file, which
  gets a one-line status; a fresh worker takes its place and the queue goes on;
* every worker caps its own address space (``RLIMIT_AS`` = ``--max-memory``), so a bomb
  fails inside it with MemoryError (reported as 过大) instead of exhausting the machine;
* workers ignore SIGINT: on Ctrl-C the parent stops them at once and reports how far it got;
* at most one file per worker is in flight, and results are yielded as files finish, so
  the parent's memory does not grow with the length of the queue.

Workers are forked once per batch (``--jobs 1`` and a single file use one such worker).  With
several workers the parent imports the readers a batch needs first, so they start warm and
share those pages; a single worker is forked at once and imports them itself, while the
parent loads the rules (the two overlap instead of following each other).

A command that will read files (``perfaudit check``/``extract``) forks its first worker before
it even parses its options (:func:`start_early`): that worker imports the PDF reader while the
parent parses the options, reads the config and finds the inputs, then receives the batch's
function and limits and serves like any other; the batch adopts it.  A worker that no batch
adopts ends with the command.
"""

from __future__ import annotations

import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .limits import DEFAULT as DEFAULT_LIMITS
from .limits import Limits, set_memory_limit

#: a task: (index in the batch, path); the function maps a path to a picklable result
Task = tuple[int, str]


@dataclass
class Lost:
    """Why a worker returned nothing for its file: ``"timeout"`` or ``"died"`` (with its exit code)."""

    reason: str
    exitcode: int | None = None


def _serve(conn, fn: Callable[[str], Any], limits: Limits) -> None:
    """Worker loop: receive (index, path), send (index, fn(path)); ``None`` ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C stops
    set_memory_limit(limits.max_memory_mb)
    _loop(conn, fn, {})


def _standby(conn, modules: tuple[str, ...], path: str | None, read: Callable[[str], Any] | None) -> None:
    """An early worker: import the readers, read ``path`` ahead with ``read`` (under the default
    limits), then wait for ``(fn, limits)`` (or ``None``) and serve; the batch asks for ``path`` first."""
    import importlib

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:  # the file's own reading reports a missing reader
            pass
    ahead: dict[str, Any] = {}
    if path is not None and read is not None:
        set_memory_limit(DEFAULT_LIMITS.max_memory_mb)
        ahead[path] = read(path)
    try:
        job = conn.recv()
    except (EOFError, OSError):
        return
    if job is None:
        return
    fn, limits = job
    if not ahead:  # read ahead, the limits were set (and the batch's are the defaults)
        set_memory_limit(limits.max_memory_mb)
    _loop(conn, fn, ahead)


def _loop(conn, fn: Callable[[str], Any], ahead: dict[str, Any]) -> None:
    """Receive (index, path), send (index, fn(path)) (or what was read ahead for it); ``None`` ends it."""
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if task is None:
            return
        index, path = task
        result = ahead.pop(path) if path in ahead else fn(path)
        try:
            conn.send((index, result))
        except (BrokenPipeError, OSError):
            return
        if getattr(result, "restart_worker", False):  # e.g. after MemoryError: start clean
            return


class _Worker:
    def __init__(self, ctx, fn, limits: Limits, target: Callable = _serve, args: tuple | None = None):
        parent_end, child_end = ctx.Pipe()
        self.proc = ctx.Process(target=target, args=(child_end, *(args or (fn, limits))), daemon=True)
        self.proc.start()
        child_end.close()
        self.conn = parent_end
        self.task: Task | None = None
        self.started = 0.0

    def give(self, task: Task) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send(task)

    def stop(self, kill: bool = False) -> None:
        if self.proc.is_alive():
            if kill:
                self.proc.kill()
            else:
                try:
                    self.conn.send(None)
                except OSError:
                    self.proc.kill()
        self.proc.join(timeout=2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=2)
        self.conn.close()


def run_in_workers(tasks: list[Task], fn: Callable[[str], Any], jobs: int, limits: Limits,
                   while_waiting: Callable[[], None] | None = None,
                   ahead_ok: bool = False) -> Iterator[tuple[int, Any]]:  # fmt: skip
    """Yield ``(index, fn(path))`` or ``(index, Lost)`` for every task, in completion order.

    Runs ``fn`` in ``jobs`` forked workers; ``while_waiting()`` runs once in this process
    after the workers got their first files (e.g. loading what the next stage needs).
    ``ahead_ok``: ``fn`` gives what the early worker's reading ahead gave (same reader, default
    limits), so its result may be used (see :func:`start_early`).
    Closing the generator (or an exception in the caller, e.g. KeyboardInterrupt) kills
    the workers at once; unfinished tasks are simply not yielded."""
    import multiprocessing
    from multiprocessing.connection import wait

    ctx = multiprocessing.get_context("fork")
    queue = deque(tasks)
    pool: list[_Worker] = []
    try:
        early = _adopt_early(fn, limits, queue, ahead_ok)
        pool = [early] if early is not None else []
        pool += [_Worker(ctx, fn, limits) for _ in range(max(1, min(jobs, len(tasks))) - len(pool))]
        while True:
            for w in pool:
                if w.task is None and queue:
                    w.give(queue.popleft())
            busy = [w for w in pool if w.task is not None]
            if not busy:
                return
            if while_waiting is not None:
                _quietly(while_waiting)
                while_waiting = None
            ready = wait([w.conn for w in busy], timeout=_next_deadline(busy, limits))
            for w in busy:
                if w.conn in ready:
                    yield from _collect(w, pool, ctx, fn, limits)
                elif limits.timeout and time.monotonic() - w.started > limits.timeout:
                    index = w.task[0]
                    _replace(w, pool, ctx, fn, limits, kill=True)
                    yield index, Lost("timeout")
    finally:
        for w in pool:
            w.stop(kill=True)


#: the worker forked by :func:`start_early` and the file it reads ahead, until a batch adopts it
_early: _Worker | None = None
_early_path: str | None = None

#: what an early worker imports while the parent parses its options (no pandas: see perfaudit.batch)
READERS = ("pdfplumber", "pypdfium2", "perfaudit.extract.parse", "perfaudit.extract.caps", "perfaudit.batch")


def start_early(path: str | None = None, read: Callable[[str], Any] | None = None,
                modules: tuple[str, ...] = READERS) -> None:  # fmt: skip
    """Fork the first reading worker now, before the command has parsed its options.

    It imports ``modules`` at once, on another core, while this process goes on; given a
    ``path`` it also reads it ahead with ``read`` under the default limits.  The first
    :func:`run_in_workers` of the process adopts it: it gets ``path`` first and sends what it
    read ahead, or, when the batch does not hold ``path`` or reads it differently (other limits,
    another reader), it is stopped and a fresh worker forked.  Only where workers are forked."""
    global _early, _early_path
    import multiprocessing

    if _early is not None or "fork" not in multiprocessing.get_all_start_methods():
        return
    ctx = multiprocessing.get_context("fork")
    _early = _Worker(ctx, None, DEFAULT_LIMITS, _standby, (modules, path if read else None, read))
    _early_path = path if read else None


def _adopt_early(fn: Callable[[str], Any], limits: Limits, queue: deque, ahead_ok: bool) -> _Worker | None:
    """The early worker, told what to run and under which limits, with the file it read ahead put
    first in ``queue``; None when there is none (or it cannot be used: it is then stopped)."""
    global _early, _early_path
    w, path, _early, _early_path = _early, _early_path, None, None
    if w is None:
        return None
    task = next((t for t in queue if t[1] == path), None) if path is not None else None
    try:
        if not w.proc.is_alive() or (path is not None and (task is None or not ahead_ok)):
            raise OSError("the early worker cannot serve this batch")
        w.conn.send((fn, limits))
    except Exception:  # noqa: BLE001 - e.g. a function that cannot be pickled: fork a worker as usual
        w.stop(kill=True)
        return None
    if task is not None:
        queue.remove(task)
        queue.appendleft(task)  # the early worker (first in the pool) gets the file it read
    return w


def _quietly(fn: Callable[[], None]) -> None:
    """Run a warm-up; Ctrl-C during it takes effect when it ends (an import cut in half leaves a
    library unusable, and the reports of the files finished still need it)."""
    import threading

    interrupted: list[int] = []
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, lambda *_: interrupted.append(1)) if main else None
    try:
        fn()
    except Exception:  # noqa: BLE001 - a warm-up only saves time; the real call reports any problem
        pass
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)
    if interrupted:
        raise KeyboardInterrupt


def _next_deadline(busy: list[_Worker], limits: Limits) -> float | None:
    if not limits.timeout:
        return None
    now = time.monotonic()
    return max(0.01, min(w.started + limits.timeout - now for w in busy))


def _collect(w: _Worker, pool: list[_Worker], ctx, fn, limits: Limits) -> Iterator[tuple[int, Any]]:
    index = w.task[0]
    try:
        got_index, result = w.conn.recv()
    except (EOFError, OSError):  # the worker died holding this file
        w.proc.join(timeout=5)
        code = w.proc.exitcode
        _replace(w, pool, ctx, fn, limits, kill=True)
        yield index, Lost("died", code)
        return
    except Exception as exc:  # noqa: BLE001 - a result that cannot be unpickled
        _replace(w, pool, ctx, fn, limits, kill=True)
        yield index, Lost(f"unreadable result ({type(exc).__name__})")
        return
    w.task = None
    if getattr(result, "restart_worker", False):
        _replace(w, pool, ctx, fn, limits, kill=False)
    yield got_index, result


def _replace(w: _Worker, pool: list[_Worker], ctx, fn, limits: Limits, kill: bool) -> None:
    """Stop ``w`` and put a fresh worker in its place (only if there is work left for it)."""
    w.stop(kill=kill)
    pool[pool.index(w)] = _Worker(ctx, fn, limits)


def exit_signal(exitcode: int | None) -> str:
    """``SIGKILL`` for an exit code of -9, etc.; '' for a normal exit."""
    if exitcode is None or exitcode >= 0:
        return ""
    try:
        return signal.Signals(-exitcode).name
    except ValueError:
        return f"signal {-exitcode}"


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
