"""``--resume REPORT.json``: an interrupted batch goes on without reading its finished files again.

The run is interrupted (Ctrl-C) while the third file is read; the same command then reads
only that file, and its report equals the one of an uninterrupted run — the cross-file rule
PA111 included, which needs the finished files' tables too.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfaudit.cli import app
from perfaudit.resume import Checkpoint

EXTRACT = sys.modules["perfaudit.extract"]  # the subpackage (``perfaudit.extract`` is the function)

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["samples/seed-word.docx", "samples/office/seed.xlsx", "samples/clean-shanghai.pdf"]
runner = CliRunner()


@pytest.fixture
def batch(tmp_path):
    files = []
    for n, src in enumerate(SOURCES):
        dst = tmp_path / f"{n}-{Path(src).name}"
        shutil.copyfile(ROOT / src, dst)
        files.append(str(dst))
    return files


class Reads:
    """The files the extractor is asked to read, logged to a file: reads happen in forked workers."""

    def __init__(self, log: Path):
        self.log = log
        self.interrupt_at: int | None = None  # send Ctrl-C to the CLI during that read

    @property
    def paths(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []

    def reset(self) -> None:
        self.log.unlink(missing_ok=True)
        self.interrupt_at = None


@pytest.fixture
def reads(monkeypatch, tmp_path):
    real = EXTRACT.extract_file
    log = Reads(tmp_path / "reads.log")
    main = os.getpid()  # the process running the CLI

    def counting(path, settings=None):
        with open(log.log, "a", encoding="utf-8") as fh:
            fh.write(path + "\n")
        if len(log.paths) == log.interrupt_at:
            os.kill(main, signal.SIGINT)  # Ctrl-C as the terminal sends it, while this file is read
            time.sleep(30)  # the CLI stops this worker before it finishes the file
        return real(path, settings)

    monkeypatch.setattr(EXTRACT, "extract_file", counting)
    return log


def _check(files, *extra):
    return runner.invoke(
        app, ["check", *files, "--jobs", "1", "-q", "--fail-on", "never", *extra], catch_exceptions=False
    )


def test_resume_reads_only_the_unfinished_files(batch, reads, tmp_path):
    report = tmp_path / "season.json"
    reads.interrupt_at = 3
    interrupted = _check(batch, "--resume", str(report))  # Ctrl-C: "interrupted", exit 130
    assert interrupted.exit_code == 130
    statuses = [f["status"] for f in json.loads(report.read_text(encoding="utf-8"))["files"]]
    assert statuses[2] == "not_checked"

    reads.reset()
    assert _check(batch, "--resume", str(report)).exit_code == 0
    assert reads.paths == [batch[2]]
    resumed = json.loads(report.read_text(encoding="utf-8"))

    fresh = tmp_path / "fresh.json"
    assert _check(batch, "--json", str(fresh)).exit_code == 0
    assert resumed == json.loads(fresh.read_text(encoding="utf-8"))
    assert {f["file"] for f in resumed["findings"] if f["rule"] == "PA111"} == set(batch[:2])

    reads.reset()
    assert _check(batch, "--resume", str(report)).exit_code == 0
    assert reads.paths == []  # all finished: nothing read again


def test_a_changed_file_is_read_again(batch, reads, tmp_path):
    report = tmp_path / "r.json"
    assert _check(batch, "--resume", str(report)).exit_code == 0
    st = os.stat(batch[1])
    os.utime(batch[1], ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    reads.reset()
    assert _check(batch, "--resume", str(report)).exit_code == 0
    assert reads.paths == [batch[1]]


def test_unreadable_or_foreign_checkpoints_are_ignored(batch, tmp_path):
    cp = Checkpoint.for_report(tmp_path / "r.json")
    assert cp.load(batch[0]) is None  # nothing kept yet
    cp.folder.mkdir()
    cp._file(batch[0]).write_bytes(b"not a pickle")
    assert cp.load(batch[0]) is None
