"""Per-file limits: what one submitted file may cost before it is reported as 过大 or 超时.

Every limit has a documented default (README, "Limits and hostile input") and most have
a ``perfaudit check`` option.  The batch runner (:mod:`perfaudit.workers`) enforces the
wall time and, through the operating system, the memory of each worker process; the
readers check the others where the data is decoded and raise :class:`LimitExceeded`,
which becomes the file's status ``too_large`` with a message naming the limit.  Nothing
is ever silently cut short: a file over a limit has no findings, only that status.

The limits in force in a process are set once per file by :func:`activate` (the worker
does it); readers ask :func:`current`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    timeout: float = 600.0  # seconds of wall time per file (--timeout); 0 = none
    max_memory_mb: int = 3072  # address space of one worker process (--max-memory); 0 = none
    max_pixels: int = 60_000_000  # pixels of one rendered page (--max-pixels): A3 at 400 dpi is 31 M
    max_stream_mb: int = 256  # one PDF stream once decompressed (--limit max_stream_mb=N, as every field)
    max_cmap_entries: int = 1_000_000  # code -> text entries of one font's ToUnicode map
    max_unzipped_mb: int = 1024  # an xlsx/docx once unzipped (sum of its parts, as declared)
    max_sheet_cells: int = 20_000_000  # rows x columns a worksheet's used cells span
    max_merged_cells: int = 1_000_000  # cells one merged range covers
    max_span: int = 1000  # columns one docx cell spans (gridSpan / gridBefore)
    max_table_rows: int = 200_000  # rows of one table


DEFAULT = Limits()
_active: Limits = DEFAULT


def activate(limits: Limits | None) -> Limits:
    """Make ``limits`` the ones readers in this process check; returns the previous ones."""
    global _active
    previous, _active = _active, (limits or DEFAULT)
    return previous


def current() -> Limits:
    return _active


class LimitExceeded(Exception):
    """A file is over one limit: ``what`` (zh, en) and the limit as shown to the user."""

    def __init__(self, what_zh: str, what_en: str, limit_zh: str, limit_en: str | None = None):
        self.message_zh = f"文件过大：{what_zh}，超过上限 {limit_zh}，未检查"
        self.message_en = f"file too large: {what_en}, over the limit of {limit_en or limit_zh}; not checked"
        super().__init__(self.message_en)


def check(value: float, limit: float, what_zh: str, what_en: str, unit: tuple[str, str] = ("", ""),
          option: str = "") -> None:  # fmt: skip
    """Raise :class:`LimitExceeded` when ``value > limit`` (``limit`` <= 0 means no limit).

    ``unit`` is (zh, en), e.g. ``UNIT_CELLS``; ``option`` the command-line option that sets the limit."""
    if limit and value > limit:
        opt = f"（{option}）" if option else ""
        raise LimitExceeded(
            what_zh,
            what_en,
            f"{limit:,}{unit[0]}{opt}",
            f"{limit:,}{unit[1]}" + (f" ({option})" if option else ""),
        )


UNIT_CELLS = (" 个单元格", " cells")
UNIT_ROWS = (" 行", " rows")
UNIT_COLS = (" 列", " columns")
UNIT_MB = (" MB", " MB")
UNIT_PIXELS = (" 像素", " pixels")
UNIT_ENTRIES = (" 项", " entries")


def _address_space() -> int:
    """Bytes of address space this process holds now (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def set_memory_limit(max_memory_mb: int) -> None:
    """Cap this process's address space (RLIMIT_AS) at what it holds now plus ``max_memory_mb``:
    the file read in it may take that much; an allocation beyond fails with MemoryError.  Counting
    from what the worker starts with keeps the allowance the same however large the parent it was
    forked from (a web server, a test runner, a batch that loaded the OCR models)."""
    if not max_memory_mb:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows: no per-process limit from the OS
        return
    soft = _address_space() + max_memory_mb * MB
    _cur_soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def memory_message(limits: Limits) -> tuple[str, str]:
    """The message of a file that ran out of the worker's memory."""
    mb = limits.max_memory_mb
    return (
        f"文件过大：读取时内存超过上限 {mb:,} MB（--max-memory），未检查",
        f"file too large: reading it needed more than {mb:,} MB of memory (--max-memory); not checked",
    )


def timeout_message(limits: Limits) -> tuple[str, str]:
    s = limits.timeout
    shown = f"{s:g}"
    return (
        f"读取超时：超过 {shown} 秒仍未读完（--timeout），未检查",
        f"timed out: not read within {shown} s (--timeout); not checked",
    )
