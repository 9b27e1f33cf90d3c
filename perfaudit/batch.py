"""Input discovery and parallel extraction for ``perfaudit check`` / ``perfaudit extract``.

* :func:`discover` turns command-line arguments (files, directories, glob patterns) into
  an ordered, de-duplicated list of :class:`InputFile`.  perfaudit expands globs itself
  because Windows shells do not.  Directories are walked recursively; inside them only
  files that look like documents are taken (``.pdf``, ``.xlsx``, ``.docx`` and the
  office/image/text formats a department might send by mistake, which are then reported
  as unsupported); other files (``.py``, ``.json``, hidden files …) are counted in
  ``Discovery.ignored`` so the console can say so.
* :func:`run_batch` extracts every input, in parallel processes when ``jobs > 1``, and
  returns one :class:`BatchItem` per input **in input order**, whatever the number of
  jobs.  Nothing raises for bad input: every failure becomes an ``ExtractResult`` with a
  status and a one-line message; the traceback is kept for ``--debug``.
* The workers never import pandas: they send back a :class:`~perfaudit.extract.Reading`
  (the projects as plain dicts) and this process makes the ``ExtractResult`` of each file
  as it arrives (:func:`finished`).

This module prints nothing; progress is reported through a callback.
"""

from __future__ import annotations

import glob
import os
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import i18n
from .extract import Reading, as_result, empty_reading
from .extract.sniff import DOCUMENT_SUFFIXES, READ_SUFFIXES, refuse_by_name
from .limits import Limits
from .models import (
    STATUS_ERROR,
    STATUS_NOT_CHECKED,
    STATUS_TIMEOUT,
    STATUS_TOO_LARGE,
    STATUS_UNSUPPORTED,
    ExtractResult,
)

#: which suffixes are read, reported or ignored is decided in perfaudit.extract.sniff
SUPPORTED_SUFFIXES = READ_SUFFIXES

GLOB_CHARS = frozenset("*?[")

Extractor = Callable[[str], ExtractResult]
ProgressCallback = Callable[[int, int, str], None]


@dataclass
class InputFile:
    """One input as the user will see it in reports."""

    path: str  # as displayed: the argument, or directory argument joined with the relative path
    problem: str | None = None  # "missing" / "no_match" / "empty_dir" when the argument named no document

    @property
    def suffix(self) -> str:
        return Path(self.path).suffix.lower()


@dataclass
class Discovery:
    inputs: list[InputFile] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # files skipped inside walked directories


@dataclass
class BatchSettings:
    jobs: int | None = None  # None: every core; 1: one worker process
    extract_settings: object | None = None  # passed to ``extract_file(path, settings)``
    limits: Limits = field(default_factory=Limits)  # per file (see perfaudit.limits)
    isolate: bool = True  # read files in worker processes (False: in this process, no OS limits)
    scheduler: str | None = (
        None  # read on a Dask cluster: "local" or "tcp://HOST:8786" (perfaudit.distributed)
    )
    resume: str | os.PathLike | None = (
        None  # JSON report whose checkpoint keeps finished files (perfaudit.resume)
    )


@dataclass
class BatchItem:
    result: ExtractResult
    traceback: str | None = None  # only when extraction raised (shown with --debug)
    seconds: float = 0.0
    restart_worker: bool = False  # the worker should start afresh (it ran out of memory)


# --------------------------------------------------------------------------- discovery


def _has_glob(arg: str) -> bool:
    return any(ch in arg for ch in GLOB_CHARS)


def _walk(directory: str) -> tuple[list[str], list[str]]:
    """Documents and ignored files under ``directory``, sorted, hidden entries skipped."""
    taken, ignored = [], []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(files):
            if name.startswith(".") or name.startswith("~$"):  # ~$x.docx: Office lock files
                continue
            full = os.path.join(root, name)
            suffix = Path(name).suffix.lower()
            if suffix in SUPPORTED_SUFFIXES or suffix in DOCUMENT_SUFFIXES:
                taken.append(full)
            else:
                ignored.append(full)
    return taken, ignored


def _identity(path: str) -> object:
    """One key per file however it is named: the same inode (hard links, symlinks, ``./``) is one input."""
    try:
        st = os.stat(path)
        return (st.st_dev, st.st_ino)
    except OSError:
        return os.path.normcase(os.path.realpath(path))


def _glob(pattern: str) -> list[str]:
    """glob.glob, except that ``**`` never follows a directory symlink (a link back up would never end)."""
    if "**" not in pattern:
        return glob.glob(pattern)
    parts = Path(pattern).parts
    n = next(i for i, part in enumerate(parts) if _has_glob(part))
    root = Path(*parts[:n]) if n else Path(".")
    rest = str(Path(*parts[n:]))
    out = []
    for p in root.glob(rest):  # pathlib's ** does not descend into symlinked directories
        rel = p.relative_to(root).parts if root != Path(".") else p.parts
        if any(x.startswith(".") for x in rel):  # like glob.glob: hidden names need an explicit dot
            continue
        out.append(str(p))
    return out


def discover(args: Iterable[str]) -> Discovery:
    """Expand files, directories and glob patterns, keeping argument order, without duplicates."""
    out = Discovery()
    seen: set[str] = set()

    def add(path: str, problem: str | None = None) -> None:
        key = path if problem else _identity(path)
        if key in seen:
            return
        seen.add(key)
        out.inputs.append(InputFile(path=path, problem=problem))

    for arg in args:
        if os.path.isdir(arg):
            taken, ignored = _walk(arg)
            if not taken:
                add(arg, "empty_dir")
            for p in taken:
                add(p)
            out.ignored.extend(ignored)
        elif os.path.exists(arg):
            add(arg)
        elif _has_glob(arg):
            # Office lock files (~$x.docx) are not documents; glob already skips hidden files
            matches = sorted(m for m in _glob(arg) if not os.path.basename(m).startswith("~$"))
            if not matches:
                add(arg, "no_match")
            for m in matches:
                if os.path.isdir(m):
                    taken, ignored = _walk(m)
                    for p in taken:
                        add(p)
                    out.ignored.extend(ignored)
                else:
                    add(m)
        else:
            add(arg, "missing")
    return out


# --------------------------------------------------------------------------- results without extraction


def failed_result(path: str, status: str, message: str, message_en: str) -> ExtractResult:
    """An ExtractResult with no tables, for inputs that could not be read."""
    from .extract.serialize import empty_result

    return empty_result(path, status, message, message_en)


def precheck(item: InputFile) -> ExtractResult | None:
    """A result decided without opening the file (missing, unsupported type), else None."""
    if item.problem in ("missing", "empty_dir", "no_match"):
        key = f"input.{item.problem}"
        return failed_result(
            item.path, STATUS_ERROR, i18n.t(key, "zh", path=item.path), i18n.t(key, "en", path=item.path)
        )
    refusal = refuse_by_name(item.path)  # legacy Office or unsupported suffix (perfaudit.extract.sniff)
    if refusal is not None:
        return failed_result(item.path, refusal.status, refusal.zh, refusal.en)
    return None


# --------------------------------------------------------------------------- extraction


def default_extractor(path: str, settings: object | None = None) -> Reading:
    from .extract import read_file

    return read_file(path, settings)


def finished(item: BatchItem) -> BatchItem:
    """``item`` with an ExtractResult (a worker's Reading becomes one here, in the parent)."""
    if isinstance(item.result, Reading):
        item.result = as_result(item.result)
    return item


def extract_one(path: str, extractor: Callable | None = None, settings: object | None = None) -> BatchItem:
    """Extract one file; never raises (an unexpected exception becomes status ``error``).

    The item's result is a :class:`~perfaudit.extract.Reading` (or what ``extractor`` returns):
    :func:`finished` makes it an ExtractResult."""
    from .limits import LimitExceeded

    t0 = time.perf_counter()
    restart = False
    try:
        if extractor is None:
            result = default_extractor(path, settings)
        elif settings is None:
            result = extractor(path)
        else:
            result = extractor(path, settings)
        tb = None
    except LimitExceeded as exc:
        tb = None
        result = empty_reading(path, STATUS_TOO_LARGE, exc.message_zh, exc.message_en)
    except MemoryError:
        from .limits import current, memory_message

        tb, restart = traceback.format_exc(), True
        result = empty_reading(path, STATUS_TOO_LARGE, *memory_message(current()))
    except Exception as exc:  # noqa: BLE001 - bad input must never give a traceback
        tb = traceback.format_exc()
        msg = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        result = empty_reading(
            path,
            STATUS_ERROR,
            i18n.t("input.crashed", "zh") + f"：{msg}",
            i18n.t("input.crashed", "en") + f": {msg}",
        )
    if result.file != path:  # reports key everything by the path as the user gave it
        result = _with_file(result, path)
    return BatchItem(result=result, traceback=tb, seconds=time.perf_counter() - t0, restart_worker=restart)


def _with_file(result: ExtractResult | Reading, path: str) -> ExtractResult | Reading:
    from dataclasses import replace

    if isinstance(result, Reading):
        return replace(result, file=path)  # its frames take their file column from it
    projects = result.projects.copy()
    indicators = result.indicators.copy()
    if len(projects):
        projects["file"] = path
    if len(indicators):
        indicators["file"] = path
    return replace(result, file=path, projects=projects, indicators=indicators)


def process_file(
    path: str, settings: BatchSettings | None = None, extractor: Callable | None = None
) -> BatchItem:
    """Everything done for one file, under the batch's limits; never raises.

    A top-level, picklable function of a path (and settings): the unit of work for the
    local workers and for any other scheduler (e.g. Dask).  The memory limit of the
    process itself is set by whoever runs it (see :mod:`perfaudit.workers`)."""
    from .limits import activate

    settings = settings or BatchSettings()
    previous = activate(settings.limits)
    try:
        problem = special_file(path)
        if problem is not None:
            return BatchItem(result=problem)
        return extract_one(path, extractor, settings.extract_settings)
    finally:
        activate(previous)


def special_file(path: str) -> Reading | None:
    """A status for a path that is not a regular file (FIFO, device, socket), decided without opening it."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # missing / dangling link: the extractor says so
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = "fifo" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
    key = f"input.special_{kind}"
    return empty_reading(path, STATUS_UNSUPPORTED, i18n.t(key, "zh"), i18n.t(key, "en"))


def resolve_jobs(jobs: int | None, n_tasks: int) -> int:
    if jobs is None or jobs <= 0:
        from .workers import cpu_count

        jobs = cpu_count()
    return max(1, min(jobs, n_tasks))


def _lost_item(path: str, lost, limits) -> BatchItem:
    """The item of a file whose worker timed out or died: only this file is blamed."""
    from .limits import memory_message, timeout_message
    from .workers import exit_signal

    if lost.reason == "timeout":
        return BatchItem(result=failed_result(path, STATUS_TIMEOUT, *timeout_message(limits)))
    sig = exit_signal(lost.exitcode)
    if sig in ("SIGKILL", "SIGSEGV", "SIGABRT", "SIGBUS"):  # the OOM killer, or a failed allocation in C
        zh, en = memory_message(limits)
        zh += f"（处理进程被终止：{sig}）"
        en += f" (the worker was stopped: {sig})"
        return BatchItem(result=failed_result(path, STATUS_TOO_LARGE, zh, en))
    detail = sig or f"exit {lost.exitcode}" if lost.exitcode is not None else lost.reason
    return BatchItem(result=failed_result(path, STATUS_ERROR, i18n.t("input.worker_died", "zh") + f"（{detail}）",
                                          i18n.t("input.worker_died", "en") + f" ({detail})"))  # fmt: skip


def not_checked(path: str) -> BatchItem:
    return BatchItem(result=failed_result(path, STATUS_NOT_CHECKED, i18n.t("input.not_checked", "zh"),
                                          i18n.t("input.not_checked", "en")))  # fmt: skip


def _can_fork() -> bool:
    """Worker processes need fork (Linux, macOS); elsewhere files are read in this process."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _preload(tasks: list[tuple[int, str]]) -> None:
    """Import the readers this batch needs before the workers are forked, so each starts warm."""
    import importlib

    suffixes = {Path(p).suffix.lower() for _, p in tasks}
    names = ["perfaudit.extract"]  # not pandas: the workers send back plain dicts (Reading)
    names += ["pdfplumber", "perfaudit.extract.parse"] if ".pdf" in suffixes else []
    names += ["openpyxl", "perfaudit.extract.office"] if ".xlsx" in suffixes else []
    names += ["docx", "perfaudit.extract.office"] if ".docx" in suffixes else []
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError:  # pragma: no cover - the worker reports it for its file
            pass


def largest_first(tasks: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The tasks, largest file first: the long files start early instead of leaving one worker
    busy with the last big file while the others wait (results still come back by index)."""

    def size(task: tuple[int, str]) -> int:
        try:
            return os.path.getsize(task[1])
        except OSError:
            return 0

    return sorted(tasks, key=lambda t: (-size(t), t[0]))


def iter_batch(
    inputs: list[InputFile],
    settings: BatchSettings | None = None,
    extractor: Callable | None = None,
    while_waiting: Callable[[], None] | None = None,
) -> Iterator[tuple[int, BatchItem]]:
    """Yield ``(index, BatchItem)`` for every input as soon as it is finished (completion order).

    Files are read in isolated worker processes (:mod:`perfaudit.workers`) unless
    ``settings.isolate`` is off.  On KeyboardInterrupt the workers are stopped, every file not
    finished is yielded as 未检查 (status ``not_checked``) and the generator ends normally.
    ``while_waiting()`` runs in this process while the workers read the first files."""
    from functools import partial

    settings = settings or BatchSettings()
    tasks: list[tuple[int, str]] = []
    for i, inp in enumerate(inputs):
        pre = precheck(inp)
        if pre is not None:
            yield i, BatchItem(result=pre)
        else:
            tasks.append((i, inp.path))
    if not tasks:
        return
    pending = dict(tasks)
    fn = partial(process_file, settings=settings, extractor=extractor)
    try:
        if not settings.isolate or not _can_fork():
            for i, path in tasks:
                item = finished(fn(path))
                del pending[i]
                yield i, item
            return
        from contextlib import closing

        from .workers import Lost, run_in_workers

        jobs = resolve_jobs(settings.jobs, len(tasks))
        if jobs > 1:  # one worker imports its readers itself, while this process loads the rules
            _preload(tasks)
        order = largest_first(tasks) if jobs > 1 else tasks  # one worker: the input order, as shown
        from .limits import DEFAULT

        # what a worker started early read ahead (perfaudit.workers.start_early) is this batch's reading
        ahead_ok = extractor is None and settings.extract_settings is None and settings.limits == DEFAULT
        with closing(run_in_workers(order, fn, jobs, settings.limits, while_waiting, ahead_ok)) as stream:
            for i, got in stream:
                item = (
                    _lost_item(pending[i], got, settings.limits) if isinstance(got, Lost) else finished(got)
                )
                del pending[i]
                yield i, item
    except KeyboardInterrupt:
        for i, path in list(pending.items()):
            del pending[i]
            yield i, not_checked(path)


def run_batch(
    inputs: list[InputFile],
    settings: BatchSettings | None = None,
    extractor: Callable | None = None,
    on_progress: ProgressCallback | None = None,
    while_waiting: Callable[[], None] | None = None,
) -> list[BatchItem]:
    """Extract every input; one BatchItem per input, in input order.

    ``extractor(path[, settings])`` defaults to :func:`perfaudit.extract.extract_file`.
    ``on_progress(done, total, path)`` is called after each file (``path`` is the file just
    finished).  Interrupted (Ctrl-C), the files not finished are returned as 未检查.
    ``while_waiting()`` runs here while the worker processes read (see :func:`iter_batch`).
    ``settings.resume`` and ``settings.scheduler`` are handled by :func:`perfaudit.runner.run`,
    which calls this for the files read here."""
    settings = settings or BatchSettings()
    total = len(inputs)
    items: list[BatchItem | None] = [None] * total
    for done, (i, item) in enumerate(iter_batch(inputs, settings, extractor, while_waiting), start=1):
        items[i] = item
        if on_progress:
            on_progress(done, total, inputs[i].path)
    return [it for it in items if it is not None]
