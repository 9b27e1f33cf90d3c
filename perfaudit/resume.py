"""``perfaudit check --resume REPORT.json``: a batch picks up where it was interrupted.

With ``--resume REPORT.json`` the JSON report is written to REPORT.json, and every file's
extraction is kept, as soon as the file has been read, in a checkpoint folder beside it
(``REPORT.json.parts/``, one small file per input).  After an interruption (Ctrl-C, a killed
job, a power cut) the same command reads the finished files from there and extracts only
the others; the rules then run over the whole batch, so cross-file rules see every file and
the report is the one an uninterrupted run writes.  A checkpoint is used only while its file
is unchanged (same size and modification time) and was written by the same perfaudit
version; files that failed are read again.  Files added to the batch later are simply read;
delete the folder to start over.

The checkpoint files are Python pickles written by perfaudit for this machine's own use:
keep the folder where only you can write.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .models import UNREADABLE_STATUSES, ExtractResult

MAGIC = "perfaudit-checkpoint-1"


@dataclass
class Checkpoint:
    """The checkpoint folder of one JSON report."""

    folder: Path

    @classmethod
    def for_report(cls, report: str | Path) -> Checkpoint:
        report = Path(report)
        return cls(report.with_name(report.name + ".parts"))

    def _file(self, path: str) -> Path:
        key = hashlib.sha1(os.path.abspath(path).encode("utf-8")).hexdigest()
        return self.folder / f"{key}.pkl"

    def save(self, path: str, result: ExtractResult) -> None:
        """Keep ``result`` for ``path`` (written whole or not at all)."""
        if result.status in UNREADABLE_STATUSES:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._file(path)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(
                (MAGIC, __version__, path, _stamp(path), result), fh, protocol=pickle.HIGHEST_PROTOCOL
            )
        os.replace(tmp, target)

    def load(self, path: str) -> ExtractResult | None:
        """The kept result for ``path`` when it is still valid, else None."""
        try:
            with open(self._file(path), "rb") as fh:
                magic, version, kept_path, stamp, result = pickle.load(fh)
        except (
            OSError,
            EOFError,
            ValueError,
            TypeError,
            pickle.UnpicklingError,
            AttributeError,
            ImportError,
        ):
            return None
        if (magic, version, kept_path) != (MAGIC, __version__, path) or stamp != _stamp(path):
            return None
        return result


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def checkpointed_extract(folder: str, path: str) -> ExtractResult:
    """The extractor ``run_batch`` calls in its workers: read the file, keep the result."""
    from .extract import extract_file

    result = extract_file(path)
    Checkpoint(Path(folder)).save(path, result)
    return result


def extractor_for(checkpoint: Checkpoint):
    """A picklable extractor for ``run_batch`` that keeps every result in ``checkpoint``."""
    return functools.partial(checkpointed_extract, str(checkpoint.folder))


def split(inputs: list, checkpoint: Checkpoint) -> tuple[dict[int, ExtractResult], list[int]]:
    """(results kept from an earlier run by input position, positions still to read)."""
    done: dict[int, ExtractResult] = {}
    todo: list[int] = []
    for i, inp in enumerate(inputs):
        kept = None if getattr(inp, "problem", None) else checkpoint.load(inp.path)
        if kept is not None:
            done[i] = kept
        else:
            todo.append(i)
    return done, todo
