"""Writing exports safely: atomically, and never over the inputs being checked.

* :func:`atomic_write` writes to a temporary file in the target's folder and renames it
  over the target only when everything was written, so a full disk or an interruption
  leaves the previous report in place instead of a truncated one.
* :func:`export_conflict` tells, before a run, whether an export path is one of the
  inputs or lies inside an input folder (where the next run would read it as a submission).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


def _mode_for(target: Path) -> int:
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(target: str | Path, write: Callable[[Path], None]) -> None:
    """``write(tmp_path)`` then rename ``tmp_path`` over ``target``; on any failure the target is untouched."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_text_atomic(
    target: str | Path, text: str, encoding: str = "utf-8", newline: str | None = None
) -> None:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding=encoding, newline=newline) as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())

    atomic_write(target, write)


def _real(path: str | Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def export_conflict(target: str | Path, input_paths: Iterable[str], input_dirs: Iterable[str]) -> str | None:
    """``"input"`` when ``target`` is one of the inputs, ``"inside"`` when it is inside an input folder, else None."""
    real = _real(target)
    if any(real == _real(p) for p in input_paths):
        return "input"
    for d in input_dirs:
        root = _real(d)
        if real == root or real.startswith(root.rstrip(os.sep) + os.sep):
            return "inside"
    return None
