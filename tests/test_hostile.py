"""Hostile and broken inputs (issue 13): each defect reproduced, and held.

No file may stop, hang, exhaust or poison a batch: every input gets a status with a
one-line reason, the other files keep their findings, every export is written.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from perfaudit.batch import BatchSettings, InputFile, discover, failed_result, run_batch
from perfaudit.limits import Limits

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
import generators as gen  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SMALL = Limits(
    timeout=60, max_memory_mb=1536, max_stream_mb=64, max_cmap_entries=100_000, max_unzipped_mb=100
)


def perfaudit(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfaudit", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONWARNINGS": "ignore", "COLUMNS": "250"})  # fmt: skip


def batch(paths, limits=SMALL, jobs=2, extractor=None):
    return run_batch(
        [InputFile(str(p)) for p in paths], BatchSettings(jobs=jobs, limits=limits), extractor=extractor
    )


# --------------------------------------------------------------------------- bombs: 过大 naming the limit


def test_bombs_are_too_large_naming_the_limit(tmp_path):
    """Flate bomb, ToUnicode range of 2e9 codes, 14400 pt scan page, merged A1:XFD1048576, cells at A1 and
    XFD1048576, xlsx zip bomb, docx gridSpan 2000000000: each 过大 with its limit, the good file unchanged."""
    files = {
        "flate": gen.flate_bomb_pdf(tmp_path, inflated_mb=80),
        "tounicode": gen.tounicode_bomb_pdf(tmp_path),
        "page": gen.big_scan_page_pdf(tmp_path),
        "merged": gen.merged_bomb_xlsx(tmp_path),
        "far": gen.far_cells_xlsx(tmp_path),
        "zip": gen.zip_bomb_xlsx(tmp_path, inflated_mb=120),
        "span": gen.gridspan_bomb_docx(tmp_path),
        "good": SAMPLES / "clean.pdf",
    }
    items = batch(files.values())
    got = {k: it.result for k, it in zip(files, items, strict=True)}
    expect = {
        "flate": "超过上限 64 MB", "tounicode": "超过上限 100,000 项", "page": "超过上限 60,000,000 像素",
        "merged": "A1:XFD1048576 覆盖 17,179,869,184 个单元格", "far": "超过上限 20,000,000 个单元格",
        "zip": "超过上限 100 MB", "span": "跨 2,000,000,000 列",
    }  # fmt: skip
    for key, text in expect.items():
        assert got[key].status == "too_large", (key, got[key].message)
        assert got[key].message.startswith("文件过大：") and text in got[key].message, (key, got[key].message)
        assert "\n" not in got[key].message and got[key].message_en.startswith("file too large: ")
    assert got["good"].status == "ok" and len(got["good"].indicators) == 26


def test_memory_limit_is_enforced_by_the_os(tmp_path):
    """A worker that allocates past --max-memory fails inside itself: 过大 naming the limit, next file fine."""
    items = batch([tmp_path / "hog.pdf", tmp_path / "ok.pdf"], Limits(max_memory_mb=700), jobs=1,
                  extractor=memory_hog)  # fmt: skip
    assert items[0].result.status == "too_large"
    assert "内存超过上限 700 MB（--max-memory）" in items[0].result.message
    assert items[1].result.status == "ok"


def memory_hog(path, settings=None):
    if "hog" in path:
        blocks = [bytearray(1 << 30) for _ in range(4)]  # 4 GiB
        return blocks
    return failed_result(path, "ok", "", "")


# --------------------------------------------------------------------------- dying workers, timeouts


def killer(path, settings=None):
    if "bomb" in os.path.basename(path):
        os.kill(os.getpid(), signal.SIGKILL)  # what the kernel's OOM killer does
    return failed_result(path, "ok", "", "")


@pytest.mark.parametrize("jobs", [1, 2])
def test_dying_worker_blames_only_its_file(tmp_path, jobs):
    names = [f"{n:02d}.pdf" for n in range(8)]
    names[2] = "02-bomb.pdf"
    items = batch([tmp_path / n for n in names], jobs=jobs, extractor=killer)
    statuses = [it.result.status for it in items]
    assert statuses == ["ok", "ok", "too_large"] + ["ok"] * 5  # the queued files were retried, not blamed
    assert "SIGKILL" in items[2].result.message and "--max-memory" in items[2].result.message


def sleeper(path, settings=None):
    if "slow" in path:
        time.sleep(60)
    return failed_result(path, "ok", "", "")


def test_timeout_stops_only_that_file(tmp_path):
    t0 = time.monotonic()
    items = batch([tmp_path / "a.pdf", tmp_path / "slow.pdf", tmp_path / "b.pdf"], Limits(timeout=1.5),
                  extractor=sleeper)  # fmt: skip
    assert [it.result.status for it in items] == ["ok", "timeout", "ok"]
    assert items[1].result.message == "读取超时：超过 1.5 秒仍未读完（--timeout），未检查"
    assert time.monotonic() - t0 < 30


def test_jobs1_worker_killed_for_memory_run_still_reports(tmp_path):
    """--jobs 1 with a file that exhausts the worker: the run reports it and writes the export."""
    gen.big_scan_page_pdf(tmp_path, "huge.pdf", points=6000)
    (tmp_path / "good.pdf").write_bytes((SAMPLES / "clean.pdf").read_bytes())
    out = tmp_path.parent / f"{tmp_path.name}-out.json"
    proc = perfaudit("check", str(tmp_path), "--jobs", "1", "--max-memory", "400", "--max-megapixels", "0",
                     "--json", str(out), cwd=tmp_path)  # fmt: skip
    assert "Traceback" not in proc.stderr + proc.stdout
    files = {Path(f["file"]).name: f for f in json.loads(out.read_text(encoding="utf-8"))["files"]}
    assert files["good.pdf"]["status"] == "ok" and files["good.pdf"]["indicators"] == 26
    assert files["huge.pdf"]["status"] == "too_large"  # not "OCR not installed": the limit is named
    assert "内存超过上限 400 MB（--max-memory）" in files["huge.pdf"]["message"]


# --------------------------------------------------------------------------- inputs


def test_fifo_gets_a_status_without_being_opened(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    gen.fifo(d, "x.pdf")
    (d / "a.pdf").write_bytes((SAMPLES / "clean.pdf").read_bytes())
    found = discover([str(d)])
    items = run_batch(found.inputs, BatchSettings(jobs=1, limits=Limits(timeout=20)))
    by_name = {Path(it.result.file).name: it.result for it in items}
    assert by_name["x.pdf"].status == "unsupported" and "命名管道" in by_name["x.pdf"].message
    assert by_name["a.pdf"].status == "ok"


def test_symlink_loop_glob_ends_and_duplicates_count_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    loop = gen.symlink_loop(tmp_path)
    os.symlink(loop / "a.pdf", tmp_path / "alias.pdf")
    found = discover(
        ["loop/**/*.pdf", "loop", "loop/a.pdf", str(loop / "a.pdf"), "./loop/back/a.pdf", "alias.pdf"]
    )
    assert [i.path for i in found.inputs] == ["loop/a.pdf"]


def test_damaged_page_tree_is_rebuilt_through_pdfium(tmp_path):
    """/Count 0 in the page tree: pdfminer sees 1 page of 16; read as pdfium (a viewer) shows it."""
    from perfaudit.extract import extract_file

    good = extract_file(SAMPLES / "seed-word.pdf")
    for mode in ("count0", "loop"):
        r = extract_file(gen.page_tree_pdf(tmp_path, mode))
        assert r.status == "ok" and len(r.indicators) == len(good.indicators) == 108
        assert r.indicators["level3"].tolist() == good.indicators["level3"].tolist()
        if mode == "count0":
            assert any(
                p.code == "page_tree_damaged" and "目录中 1 页，实际可见 16 页" in p.message
                for p in r.problems
            )
        assert set(r.indicators["file"]) == {r.file}


# --------------------------------------------------------------------------- isolation of the rules' stage


def test_value_the_rules_cannot_read_costs_only_its_file(monkeypatch):
    """A value the rules' view cannot read used to abort the whole batch (an error outside the rule guard).

    The NaN of the original report is read since; a view that fails for one file stands in for the next
    such value."""
    import perfaudit.rules.views as views
    from perfaudit.engine import rules_isolated, run_rules
    from perfaudit.extract import extract_file

    good = extract_file(SAMPLES / "clean.pdf")
    poisoned = extract_file(SAMPLES / "clean-shanghai.pdf")
    poisoned.indicators["level3"] = poisoned.indicators["level3"].astype(object)
    poisoned.indicators.loc[poisoned.indicators.index[0], "level3"] = float("nan")
    assert run_rules([poisoned]) is not None  # the NaN itself no longer breaks the view
    real = views.build_submission

    def fragile(result, index, *rest):
        if result.file == poisoned.file and len(result.indicators):  # its rows, not its one-line reason
            raise TypeError("expected string or bytes-like object, got 'float'")
        return real(result, index, *rest)

    monkeypatch.setattr(views, "build_submission", fragile)
    with pytest.raises(TypeError):
        run_rules([good, poisoned])
    results, findings = rules_isolated([good, poisoned], None)
    assert results[0] is good and results[1].status == "error" and "规则" in results[1].message
    assert [f.rule for f in findings if f.file == good.file] == [f.rule for f in run_rules([good])]
    assert [f.rule for f in findings if f.file == poisoned.file] == ["PA001"]  # its one-line reason


# --------------------------------------------------------------------------- outputs

HOSTILE = "a\x1b[31m红\x07\u202e[/b]gpj.exe\x01.pdf"  # a folder "a…[" holding "b]gpj.exe….pdf"


def test_control_characters_reach_no_sink(tmp_path):
    """ESC, BEL, U+202E and U+0001 in a file name and a finding: xlsx written (no IllegalCharacterError),
    CSV/HTML/terminal get escapes, rich markup in the name is not parsed."""
    (tmp_path / HOSTILE).parent.mkdir()
    (tmp_path / HOSTILE).write_bytes((SAMPLES / "clean.pdf").read_bytes())
    out = tmp_path.parent / f"{tmp_path.name}-x"
    out.mkdir()
    proc = perfaudit("check", HOSTILE, "--xlsx", str(out / "r.xlsx"), "--csv", str(out / "r.csv"),
                     "--html", str(out / "r.html"), "--json", str(out / "r.json"), cwd=tmp_path)  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    for text in (proc.stdout, proc.stderr, (out / "r.csv").read_text(encoding="utf-8-sig"),
                 (out / "r.html").read_text(encoding="utf-8")):  # fmt: skip
        assert not any(ch in text for ch in "\x1b\x07\u202e\x01"), repr(text[:300])
    assert "a\\x1b[31m红\\x07\\u202e[/b]gpj.exe\\x01.pdf" in proc.stdout
    import openpyxl

    wb = openpyxl.load_workbook(out / "r.xlsx")
    assert wb.worksheets[1]["A2"].value == "a\\x1b[31m红\\x07\\u202e[/b]gpj.exe\\x01.pdf"
    assert (
        json.loads((out / "r.json").read_text(encoding="utf-8"))["files"][0]["file"] == HOSTILE
    )  # data kept exact


def test_progress_bar_does_not_parse_file_names_as_markup():
    from perfaudit.report.console import BatchProgress

    with BatchProgress(True, "zh") as progress:
        progress.update(1, 2, "[/b]报送[bold]材料.pdf")


def test_export_path_that_is_an_input_is_refused(tmp_path):
    (tmp_path / "v.pdf").write_bytes((SAMPLES / "clean.pdf").read_bytes())
    before = (tmp_path / "v.pdf").read_bytes()
    proc = perfaudit("check", "v.pdf", "--json", "v.pdf", cwd=tmp_path)
    assert proc.returncode == 2 and "是要检查的输入文件之一" in proc.stderr
    assert (tmp_path / "v.pdf").read_bytes() == before
    sub = tmp_path / "in"
    sub.mkdir()
    proc = perfaudit("check", "in", "--csv", "in/out/report.csv", cwd=tmp_path)
    assert proc.returncode == 2 and "位于要检查的文件夹内" in proc.stderr


def test_exports_are_atomic(tmp_path, monkeypatch):
    """A disk that fills up while writing leaves the previous report whole and no temp file behind."""
    from perfaudit.report.json import write_check_json

    target = tmp_path / "r.json"
    target.write_text("previous report", encoding="utf-8")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        write_check_json(target, [failed_result("a.pdf", "ok", "", "")], [])
    assert target.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_ctrl_c_stops_workers_and_writes_what_was_finished(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for n in range(12):
        (d / f"{n:02d}.pdf").write_bytes((SAMPLES / "seed-word.pdf").read_bytes())
    out = tmp_path / "r.json"
    proc = subprocess.Popen([sys.executable, "-m", "perfaudit", "check", "in", "--jobs", "2", "--json", str(out)],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (children.exists() and children.read_text().split()):
        time.sleep(0.2)  # until the workers are forked (start-up takes long on a busy machine)
    time.sleep(4)
    t0 = time.monotonic()
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert time.monotonic() - t0 < 60  # the workers were stopped, not run to the end of the batch
    assert "Traceback" not in stderr and "已中断（Ctrl-C）：已检查" in stderr
    files = json.loads(out.read_text(encoding="utf-8"))["files"]
    assert len(files) == 12 and all(f["status"] in ("ok", "not_checked") for f in files)
    assert any(f["status"] == "not_checked" for f in files)
    assert all(f["message"].startswith("未检查") for f in files if f["status"] == "not_checked")


# --------------------------------------------------------------------------- linear tables


def test_grid_index_is_built_once_per_table(tmp_path, monkeypatch):
    """Grid.at/ncols answer from one index per grid: a 2,000-row docx table is read in O(n)."""
    from perfaudit.extract import extract_file
    from perfaudit.extract.grid import Grid

    builds = []
    original = Grid._index

    def counting(self):
        if self.__dict__.get("_idx") is None:
            builds.append(len(self.cells))
        return original(self)

    monkeypatch.setattr(Grid, "_index", counting)
    r = extract_file(gen.long_table_docx(tmp_path, 2000))
    assert r.status == "ok" and len(r.indicators) == 2000
    assert r.indicators["target"].iloc[1999] == "≥60人"  # 1999 % 97 + 1
    assert len(builds) == 1
