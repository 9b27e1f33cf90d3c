"""End to end over the bundled samples: a real subprocess (``python -m perfaudit``) and CliRunner.

One mixed batch (good PDFs + every cheap bad input) is run once as a subprocess with every
export; the tests read what it wrote.  The OCR samples are left out to keep this fast
(the OCR helper's tests cover them).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfaudit.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
BAD_DIR = ROOT / "tests" / "fixtures" / "bad"  # unreadable inputs live with the tests, not in the demo folder
GOOD = ["samples/third-layout.pdf", "samples/seed-cid.pdf"]
BAD = {
    "tests/fixtures/bad/empty.pdf": "empty",
    "tests/fixtures/bad/not-a-pdf.pdf": "not_pdf",
    "tests/fixtures/bad/damaged.pdf": "damaged",
    "tests/fixtures/bad/encrypted.pdf": "encrypted",
    "tests/fixtures/bad/notes.txt": "unsupported",
    "tests/fixtures/bad/old-format.xls": "unsupported",
}
HEADER = ["file", "page", "unit_code", "unit_name", "project_code", "project_name", "level1", "level2", "level3",
          "target", "rule", "category", "severity", "message", "opinion"]  # fmt: skip

needs_samples = pytest.mark.skipif(
    not all((ROOT / p).exists() for p in [*GOOD, *BAD]), reason="bundled samples not generated"
)
pytestmark = needs_samples


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("e2e")
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "perfaudit", "check", *GOOD, *BAD, "--jobs", "2",
           "--csv", str(out / "f.csv"), "--xlsx", str(out / "f.xlsx"), "--json", str(out / "f.json"),
           "--html", str(out / "f.html")]  # fmt: skip
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    return proc, out


def test_subprocess_exit_and_console(batch):
    proc, out = batch
    assert proc.returncode == 2, proc.stderr  # some inputs unreadable
    assert proc.stderr == ""
    assert "Traceback" not in proc.stdout
    lines = proc.stdout.splitlines()
    assert lines[0].strip() == "审核结论"  # the review opens with the verdicts
    assert "✗ tests/fixtures/bad/empty.pdf  [空文件] 文件为空（0 字节）" in lines
    for path in BAD:
        assert sum(1 for x in lines if x.startswith(f"✗ {path}  [")) == 1
    from rich.cells import cell_len

    assert max(cell_len(x) for x in lines) <= 100
    closing = [x for x in lines if x.startswith("合计 ")]
    assert len(closing) == 1 and closing[0].startswith("合计 8 个文件、14 个项目、126 条指标；错误 ")
    assert closing[0].endswith("；无法读取 6 个。")
    exports = [str(out / f"f.{k}") for k in ("csv", "xlsx", "json", "html")]
    if cell_len("已导出：" + "、".join(exports)) <= 100:
        assert lines[-1] == "已导出：" + "、".join(exports)
    else:  # too wide for one line: one path a line, never broken
        assert lines[-5:] == ["已导出："] + [f"  {p}" for p in exports]


def test_csv_export(batch):
    _, out = batch
    raw = (out / "f.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == HEADER
    # every unreadable input has exactly one row of its own
    for path in BAD:
        mine = [r for r in rows if r["file"] == path]
        assert [(r["rule"], r["category"], r["severity"]) for r in mine] == [("PA001", "unreadable", "error")]
    # the network project draws no relevance finding; the 开办费 project does, on its network rows
    net = [r for r in rows if r["project_code"] == "13030322P00408910001D" and r["rule"] == "PA101"]
    assert net == []
    kaiban = {
        r["level3"] for r in rows if r["project_code"] == "13030322P004091100017" and r["rule"] == "PA101"
    }
    assert {"网络数据平台建设任务完成情况", "网络安全建设正式运行时间", "网络安全稳定运行"} <= kaiban
    row = next(r for r in rows if r["project_code"] == "13030322P004091100017" and r["level3"] == "网络安全稳定运行"
               and r["rule"] == "PA101")  # fmt: skip
    assert (row["file"], row["page"], row["unit_code"], row["level1"], row["level2"], row["target"]) == (
        "samples/seed-cid.pdf", "6", "630001", "效益指标", "可持续影响指标", "≥95 百分比",
    )  # fmt: skip
    assert all(not r[c].startswith(("=", "+", "-", "@")) for r in rows for c in HEADER)


def test_json_export_agrees_with_csv(batch):
    _, out = batch
    doc = json.loads((out / "f.json").read_text(encoding="utf-8"))
    files = {f["file"]: f for f in doc["files"]}
    assert list(files) == [*GOOD, *BAD]
    assert {p: files[p]["status"] for p in BAD} == BAD
    assert (
        files["samples/third-layout.pdf"]["projects"],
        files["samples/third-layout.pdf"]["indicators"],
    ) == (2, 18)
    assert (files["samples/seed-cid.pdf"]["projects"], files["samples/seed-cid.pdf"]["indicators"]) == (
        12,
        108,
    )
    rows = list(csv.DictReader(io.StringIO((out / "f.csv").read_text(encoding="utf-8-sig"))))
    finding_rows = [r for r in rows if r["rule"]]
    assert len(doc["findings"]) == len(finding_rows) == sum(f["findings"] for f in doc["files"])
    # every finding keeps the 意见 it belongs to, in both exports
    assert all(f["opinion"] for f in doc["findings"]) and all(r["opinion"] for r in finding_rows)
    assert [f["opinion"] for f in doc["findings"]] == [r["opinion"] for r in finding_rows]
    # every input is in the CSV: a file with no finding has one "未发现问题" row
    assert {r["file"] for r in rows} == set(files)
    clean = [r for r in rows if not r["rule"]]
    assert [(r["file"], r["message"]) for r in clean] == [
        (f["file"], f"未发现问题：已检查 {f['projects']} 个项目、{f['indicators']} 条指标")
        for f in doc["files"]
        if f["findings"] == 0
    ]


def test_xlsx_export(batch):
    from openpyxl import load_workbook

    _, out = batch
    wb = load_workbook(out / "f.xlsx")
    assert wb.sheetnames == ["问题清单", "文件汇总", "提取的指标"]
    ws = wb["问题清单"]
    assert [c.value for c in ws[1]] == [
        "文件", "页码", "单位编码", "单位名称", "项目编码", "项目名称", "一级指标",
        "二级指标", "三级指标", "指标值", "规则", "类别", "严重程度", "问题说明", "意见编号",
    ]  # fmt: skip
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:O{ws.max_row}"
    assert [r[0].value for r in wb["文件汇总"].iter_rows(min_row=2)] == [*GOOD, *BAD]
    assert wb["提取的指标"].max_row == 1 + 18 + 108


def test_html_export(batch):
    _, out = batch
    page = (out / "f.html").read_text(encoding="utf-8")
    doc = json.loads((out / "f.json").read_text(encoding="utf-8"))
    assert page.count('<article class="finding') == len(doc["findings"])
    assert "https://" not in page and "http://" not in page


def test_directory_and_jobs(tmp_path, monkeypatch):
    """A directory walked recursively, the same CSV whatever --jobs is."""
    d = tmp_path / "报送材料"
    (d / "二科").mkdir(parents=True)
    shutil.copy(SAMPLES / "third-layout.pdf", d / "third.pdf")
    shutil.copy(BAD_DIR / "empty.pdf", d / "二科" / "empty.pdf")
    shutil.copy(BAD_DIR / "notes.txt", d / "二科" / "notes.txt")
    (d / "readme.md").write_text("not a submission", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    r1 = runner.invoke(app, ["check", "报送材料", "--jobs", "1", "--csv", "j1.csv"], env=env)
    r2 = runner.invoke(app, ["check", "报送材料", "--jobs", "2", "--csv", "j2.csv"], env=env)
    assert r1.exit_code == r2.exit_code == 2
    assert Path("j1.csv").read_bytes() == Path("j2.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(Path("j1.csv").read_text(encoding="utf-8-sig"))))
    files = list(dict.fromkeys(r["file"] for r in rows))
    assert files[-2:] == [
        os.path.join("报送材料", "二科", "empty.pdf"),
        os.path.join("报送材料", "二科", "notes.txt"),
    ]
    assert "目录中另有 1 个非文档文件未检查（报送材料/readme.md）" in r1.stdout


def test_extract_real_pdf_json_and_csv(tmp_path):
    runner = CliRunner()
    res = runner.invoke(
        app, ["extract", "samples/third-layout.pdf", "tests/fixtures/bad/empty.pdf"], env={"COLUMNS": "100"}
    )
    assert res.exit_code == 2
    doc = json.loads(res.stdout)
    assert [(d["file"], d["status"]) for d in doc] == [
        ("samples/third-layout.pdf", "ok"),
        ("tests/fixtures/bad/empty.pdf", "empty"),
    ]
    assert [(p["code"], p["name"], p["money_unit"], p["budget_total"], len(p["indicators"])) for p in doc[0]["projects"]] == [
        ("33112724A0000001205", "农村生活污水处理设施第三方运维经费", "元", 1280000.0, 10),
        ("33112724A0000001318", "基层农技推广体系改革与建设补助项目", "元", 460000.0, 8),
    ]  # fmt: skip
    out = tmp_path / "x.csv"
    res = runner.invoke(app, ["extract", "samples/third-layout.pdf", "-f", "csv", "-o", str(out)])
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 18
    assert {r["project_code"] for r in rows} == {"33112724A0000001205", "33112724A0000001318"}
    assert all(r["status"] == "ok" and r["level1"] for r in rows)


@pytest.fixture(autouse=True)
def _cwd(monkeypatch, request):
    if request.node.name not in ("test_directory_and_jobs",):
        monkeypatch.chdir(ROOT)
