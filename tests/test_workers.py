"""The reading workers' start-up: a worker forked early, reading ahead, no pandas in workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from perfaudit import workers
from perfaudit.batch import BatchSettings, InputFile, run_batch
from perfaudit.extract import Reading
from perfaudit.limits import Limits

ROOT = Path(__file__).resolve().parents[1]
SMALL_PDF = ROOT / "samples" / "clean-shanghai.pdf"


def read_ahead_marker(path: str):
    """Stands for the early worker's reading ahead: a result no real reading gives."""
    from perfaudit.batch import BatchItem

    return BatchItem(result=Reading(path, 1, "no_tables", "read ahead", "read ahead"))


@pytest.fixture
def pdfs(tmp_path):
    paths = []
    for name in ("a.pdf", "b.pdf"):
        (tmp_path / name).write_bytes(SMALL_PDF.read_bytes())
        paths.append(str(tmp_path / name))
    yield paths
    if workers._early is not None:  # a test that failed before the batch adopted it
        workers._early.stop(kill=True)
        workers._early = None


def test_batch_uses_what_the_early_worker_read_ahead(pdfs):
    workers.start_early(pdfs[1], read_ahead_marker)
    items = run_batch([InputFile(p) for p in pdfs], BatchSettings(jobs=1))
    assert workers._early is None
    assert [it.result.message for it in items] == ["", "read ahead"]  # a.pdf read by the worker, b.pdf ahead
    assert items[0].result.status == "ok" and len(items[0].result.indicators) > 0


@pytest.mark.parametrize("case", ["other limits", "another file"])
def test_early_reading_is_dropped_when_the_batch_reads_differently(pdfs, case):
    """Other limits than the defaults the early worker read under, or a batch without its file:
    the early worker is stopped and every file read as the batch says."""
    workers.start_early(pdfs[0] if case == "other limits" else "elsewhere.pdf", read_ahead_marker)
    limits = Limits(timeout=300) if case == "other limits" else Limits()
    items = run_batch([InputFile(p) for p in pdfs], BatchSettings(jobs=1, limits=limits))
    assert workers._early is None
    assert [it.result.status for it in items] == ["ok", "ok"]
    assert all(it.result.message != "read ahead" for it in items)


def test_early_worker_without_a_file_serves_the_batch(pdfs):
    workers.start_early()
    early = workers._early
    items = run_batch([InputFile(p) for p in pdfs], BatchSettings(jobs=1))
    assert workers._early is None and not early.proc.is_alive()
    assert [it.result.status for it in items] == ["ok", "ok"]


def test_a_worker_reads_without_pandas():
    """The worker's part of a file (reading, parsing) imports no pandas: the parent makes the frames."""
    code = (
        "import sys\n"
        "from perfaudit.batch import process_file, finished\n"
        f"item = process_file({str(SMALL_PDF)!r})\n"
        "assert 'pandas' not in sys.modules, 'pandas imported while reading'\n"
        "assert len(item.result.projects) > 0\n"
        "print(len(finished(item).result.indicators))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) > 0


def test_ctrl_c_during_the_warm_up_waits_for_its_end():
    """An import cut in half by Ctrl-C would leave pandas unusable for the reports of the files finished."""
    steps = []

    def warm_up():
        os.kill(os.getpid(), signal.SIGINT)
        steps.append("finished")

    with pytest.raises(KeyboardInterrupt):
        workers._quietly(warm_up)
    assert steps == ["finished"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_which_command_lines_start_a_worker_early(tmp_path):
    from perfaudit.launch import first_pdf as _first_pdf
    from perfaudit.launch import reads_files as _reads_files

    assert _reads_files(["check", "x.pdf"]) and _reads_files(["extract", "d/", "-f", "csv"])
    assert not _reads_files(["check", "--help"]) and not _reads_files(["rules"]) and not _reads_files([])
    assert not _reads_files(["check", "d/", "--scheduler", "local"])
    pdf = tmp_path / "a.PDF"
    pdf.write_bytes(b"%PDF-1.4")
    assert _first_pdf(["check", "--jobs", "1", str(tmp_path / "missing.pdf"), str(pdf)]) == str(pdf)
    assert _first_pdf(["check", str(tmp_path)]) is None


def test_lean_character_dicts_are_pdfplumbers():
    import pdfplumber

    from perfaudit.extract.pdf import lean_objects

    with pdfplumber.open(SMALL_PDF) as a, pdfplumber.open(SMALL_PDF) as b:
        generic, lean = a.pages[0], b.pages[0]
        lean_objects(lean)
        assert lean.objects.keys() == generic.objects.keys()
        for kind, objs in generic.objects.items():
            assert [list(o.items()) for o in lean.objects[kind]] == [list(o.items()) for o in objs], kind
