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

This module prints nothing; progress is reported through a callback.
"""

from __future__ import annotations

import glob
import os
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import i18n
from .models import STATUS_ERROR, STATUS_UNSUPPORTED, ExtractResult

#: suffixes the extractor reads
SUPPORTED_SUFFIXES = frozenset({".pdf", ".xlsx", ".docx"})

#: suffixes that, found in a walked directory, are reported as unsupported instead of ignored
DOCUMENT_SUFFIXES = frozenset(
    {
        ".xls", ".doc", ".wps", ".et", ".dps", ".ofd", ".rtf", ".odt", ".ods", ".txt",
        ".csv", ".ppt", ".pptx", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp",
        ".zip", ".rar", ".7z", ".xlsm", ".docm", ".htm", ".html", ".xml",
    }
)  # fmt: skip

#: legacy formats and the modern format to save them as
LEGACY_OFFICE = {".xls": ".xlsx", ".doc": ".docx", ".wps": ".docx", ".et": ".xlsx"}

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
    jobs: int | None = None  # None: os.cpu_count(); 1: in-process
    extract_settings: object | None = None  # passed to ``extract_file(path, settings)``


@dataclass
class BatchItem:
    result: ExtractResult
    traceback: str | None = None  # only when extraction raised (shown with --debug)
    seconds: float = 0.0


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


def discover(args: Iterable[str]) -> Discovery:
    """Expand files, directories and glob patterns, keeping argument order, without duplicates."""
    out = Discovery()
    seen: set[str] = set()

    def add(path: str, problem: str | None = None) -> None:
        key = path if problem else os.path.normcase(os.path.realpath(path))
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
            matches = sorted(m for m in glob.glob(arg, recursive=True) if not os.path.basename(m).startswith("~$"))
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
    suffix = item.suffix
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "无扩展名"
        if suffix in LEGACY_OFFICE:
            kw = {"suffix": suffix, "modern": LEGACY_OFFICE[suffix]}
            return failed_result(
                item.path, STATUS_UNSUPPORTED, i18n.t("input.legacy_office", "zh", **kw),
                i18n.t("input.legacy_office", "en", **kw),
            )  # fmt: skip
        return failed_result(
            item.path, STATUS_UNSUPPORTED, i18n.t("input.unsupported", "zh", suffix=shown),
            i18n.t("input.unsupported", "en", suffix=suffix or "no extension"),
        )  # fmt: skip
    return None


# --------------------------------------------------------------------------- extraction


def default_extractor(path: str, settings: object | None = None) -> ExtractResult:
    from .extract import extract_file

    return extract_file(path, settings)


def extract_one(path: str, extractor: Callable | None = None, settings: object | None = None) -> BatchItem:
    """Extract one file; never raises (an unexpected exception becomes status ``error``)."""
    t0 = time.perf_counter()
    try:
        if extractor is None:
            result = default_extractor(path, settings)
        elif settings is None:
            result = extractor(path)
        else:
            result = extractor(path, settings)
        tb = None
    except Exception as exc:  # noqa: BLE001 - bad input must never give a traceback
        tb = traceback.format_exc()
        msg = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        result = failed_result(
            path, STATUS_ERROR, i18n.t("input.crashed", "zh") + f"：{msg}", i18n.t("input.crashed", "en") + f": {msg}"
        )
    if result.file != path:  # reports key everything by the path as the user gave it
        result = _with_file(result, path)
    return BatchItem(result=result, traceback=tb, seconds=time.perf_counter() - t0)


def _with_file(result: ExtractResult, path: str) -> ExtractResult:
    from dataclasses import replace

    projects = result.projects.copy()
    indicators = result.indicators.copy()
    if len(projects):
        projects["file"] = path
    if len(indicators):
        indicators["file"] = path
    return replace(result, file=path, projects=projects, indicators=indicators)


def _worker(args: tuple[int, str, Callable | None, object | None]) -> tuple[int, BatchItem]:
    index, path, extractor, settings = args
    return index, extract_one(path, extractor, settings)


def resolve_jobs(jobs: int | None, n_tasks: int) -> int:
    if jobs is None or jobs <= 0:
        jobs = os.cpu_count() or 1
    return max(1, min(jobs, n_tasks))


def run_batch(
    inputs: list[InputFile],
    settings: BatchSettings | None = None,
    extractor: Callable | None = None,
    on_progress: ProgressCallback | None = None,
) -> list[BatchItem]:
    """Extract every input; one BatchItem per input, in input order.

    ``extractor(path[, settings])`` defaults to :func:`perfaudit.extract.extract_file`; with
    ``jobs > 1`` it must be a picklable module-level function.  ``on_progress(done, total,
    path)`` is called after each file (``path`` is the file just finished).
    """
    settings = settings or BatchSettings()
    total = len(inputs)
    items: list[BatchItem | None] = [None] * total
    tasks: list[tuple[int, str, Callable | None, object | None]] = []
    done = 0
    for i, inp in enumerate(inputs):
        pre = precheck(inp)
        if pre is not None:
            items[i] = BatchItem(result=pre)
            done += 1
            if on_progress:
                on_progress(done, total, inp.path)
        else:
            tasks.append((i, inp.path, extractor, settings.extract_settings))

    jobs = resolve_jobs(settings.jobs, len(tasks))
    if jobs <= 1:
        for task in tasks:
            if on_progress:
                on_progress(done, total, task[1])  # announce the file being read
            i, item = _worker(task)
            items[i] = item
            done += 1
            if on_progress:
                on_progress(done, total, task[1])
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed
        from concurrent.futures.process import BrokenProcessPool

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(_worker, task): task for task in tasks}
            for fut in as_completed(futures):
                index, path = futures[fut][0], futures[fut][1]
                try:
                    _, item = fut.result()
                except BrokenProcessPool:
                    item = BatchItem(
                        result=failed_result(
                            path, STATUS_ERROR, i18n.t("input.worker_died", "zh"), i18n.t("input.worker_died", "en")
                        ),
                        traceback=traceback.format_exc(),
                    )
                except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
                    item = BatchItem(
                        result=failed_result(
                            path, STATUS_ERROR, i18n.t("input.crashed", "zh") + f"：{type(exc).__name__}",
                            i18n.t("input.crashed", "en") + f": {type(exc).__name__}",
                        ),
                        traceback=traceback.format_exc(),
                    )  # fmt: skip
                items[index] = item
                done += 1
                if on_progress:
                    on_progress(done, total, path)
    return [it for it in items if it is not None]
