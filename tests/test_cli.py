"""``perfaudit`` CLI with a fake extractor and a fake rules engine: every option, exits, exports.

The fakes return the hand-made results/findings of ``test_report.py``, so these tests
pin the CLI's wiring exactly and stay fast; ``test_cli_e2e.py`` runs the real pipeline
over the bundled samples.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_report import make_findings, make_results
from typer.testing import CliRunner

import perfaudit.batch
import perfaudit.cli
import perfaudit.engine
from perfaudit.cli import app

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
runner = CliRunner()


def fake_extract(path, settings=None):
    """Module level (picklable for --jobs 2): result by file name; 'boom.pdf' raises."""
    name = os.path.basename(path)
    if name == "boom.pdf":
        raise RuntimeError("simulated extractor crash")
    by_name = {r.file: r for r in make_results()}
    r = by_name.get(name)
    if r is None:
        return perfaudit.batch.failed_result(
            path, "damaged", "PDF 文件已损坏，无法打开", "The PDF is damaged"
        )
    return r


def fake_rules(results, config=None):
    """The hand-made findings, re-pointed at the paths the CLI used; nothing for unknown files."""
    by_name = {os.path.basename(r.file): r.file for r in results}
    out = []
    for f in make_findings():
        if f.file in by_name:
            f.file = by_name[f.file]
            out.append(f)
    fake_rules.last_config = config
    return out


@pytest.fixture
def fake(monkeypatch, tmp_path):
    monkeypatch.setattr(perfaudit.batch, "default_extractor", fake_extract)
    monkeypatch.setattr(perfaudit.engine, "run_rules", fake_rules)
    d = tmp_path / "in"
    d.mkdir()
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        (d / name).write_bytes(b"%PDF-1.4 fake")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env={**ENV, **(env or {})})


# --------------------------------------------------------------------------- check: exports and exit codes


def test_check_all_exports_mixed_batch(fake):
    out = Path("out")
    out.mkdir()
    res = run("check", "in/a.pdf", "in/b.pdf", "in/c.pdf", "--csv", out / "f.csv", "--xlsx", out / "f.xlsx",
              "--json", out / "f.json", "--html", out / "f.html")  # fmt: skip
    assert res.exit_code == 2, res.output  # c.pdf is unreadable
    raw = (out / "f.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["file", "page", "unit_code", "unit_name", "project_code", "project_name", "level1", "level2",
                       "level3", "target", "rule", "category", "severity", "message", "opinion"]  # fmt: skip
    assert [(r[0], r[10], r[11]) for r in rows[1:]] == [
        ("in/a.pdf", "PA501", "vague"),
        ("in/a.pdf", "PA101", "irrelevant_indicator"),
        ("in/a.pdf", "PA302", "missing_value"),
        ("in/a.pdf", "PA401", "budget_arithmetic"),
        ("in/b.pdf", "PA002", "no_tables"),
        ("in/c.pdf", "PA001", "unreadable"),
    ]
    doc = json.loads((out / "f.json").read_text(encoding="utf-8"))
    assert [(f["file"], f["status"]) for f in doc["files"]] == [
        ("in/a.pdf", "ok"), ("in/b.pdf", "no_tables"), ("in/c.pdf", "damaged"),
    ]  # fmt: skip
    from openpyxl import load_workbook

    wb = load_workbook(out / "f.xlsx")
    assert wb.sheetnames == ["问题清单", "文件汇总", "提取的指标"]
    assert wb["问题清单"].max_row == 7
    html = (out / "f.html").read_text(encoding="utf-8")
    assert html.count('<article class="finding') == 6
    lines = res.stdout.splitlines()
    assert "✗ in/c.pdf  [文件损坏] PDF 文件已损坏，无法打开" in lines
    assert lines[-1] == "已导出：out/f.csv、out/f.xlsx、out/f.json、out/f.html"
    assert "Traceback" not in res.output


def test_exit_codes_fail_on(fake, monkeypatch):
    assert run("check", "in/a.pdf").exit_code == 1  # errors, default --fail-on error
    assert run("check", "in/a.pdf", "--fail-on", "never").exit_code == 0
    # b.pdf (no tables: the engine's PA002) is a warning, not unreadable
    assert run("check", "in/b.pdf", "--fail-on", "error").exit_code == 0
    assert run("check", "in/b.pdf", "--fail-on", "warning").exit_code == 1
    only_info = [f for f in make_findings() if f.severity == "info"]
    monkeypatch.setattr(perfaudit.engine, "run_rules", lambda results, cfg: [
        f for f in only_info if setattr(f, "file", results[0].file) is None])  # fmt: skip
    assert run("check", "in/a.pdf").exit_code == 0
    assert run("check", "in/a.pdf", "--fail-on", "warning").exit_code == 0
    assert run("check", "in/a.pdf", "--fail-on", "info").exit_code == 1
    # unreadable wins over everything, even --fail-on never
    assert run("check", "in/c.pdf", "--fail-on", "never").exit_code == 2


def test_usage_errors_exit_2(fake):
    assert run("check").exit_code == 2  # no paths
    assert run("check", "in/a.pdf", "--fail-on", "sometimes").exit_code == 2
    assert run("check", "in/a.pdf", "--lang", "fr").exit_code == 2
    assert run("check", "in/a.pdf", "--jobs", "0").exit_code == 2


def test_help_documents_exit_codes():
    res = run("check", "--help")
    assert res.exit_code == 0
    text = " ".join(res.stdout.split())
    assert "0 = 没有达到 --fail-on 级别（默认 error）的问题" in text
    assert "2 = 用法错误或有文件无法读取 / usage error or some input unreadable" in text


# --------------------------------------------------------------------------- check: console options


def test_console_default_zh_fits_100(fake):
    from rich.cells import cell_len

    res = run("check", "in/a.pdf", "in/b.pdf", "--findings")  # the raw findings view
    lines = res.stdout.splitlines()
    assert max(cell_len(x) for x in lines) <= 100
    assert lines[0].strip() == "文件汇总"
    assert "项目 13030322P00408910002D 职工工资 第2页" in lines
    assert lines[-1] == "合计 2 个文件、2 个项目、4 条指标；错误 2、警告 2、提示 1；无绩效目标表 1 个。"
    assert "\x1b[" not in res.stdout  # NO_COLOR: plain text


def test_lang_en(fake):
    res = run("check", "in/a.pdf", "--lang", "en", "--findings")
    assert "Findings (by file and project, worst first)" in res.stdout
    assert "Network security is unrelated to wages." in res.stdout
    assert res.stdout.splitlines()[-1] == "1 files, 2 projects, 4 indicators; 2 errors, 1 warnings, 1 info."


def test_top_verbose_quiet(fake):
    res = run("check", "in/a.pdf", "--top", "1", "--findings")
    assert "PA101" in res.stdout and "PA302" not in res.stdout
    assert "另有 2 条未显示（错误 1、提示 1），加 --verbose 显示全部" in res.stdout
    res = run("check", "in/a.pdf", "--top", "1", "--verbose", "--findings")
    assert "PA302" in res.stdout and "PA401" in res.stdout and "另有" not in res.stdout
    res = run("check", "in/a.pdf", "in/c.pdf", "--quiet")
    assert res.stdout.splitlines() == [
        "✗ in/c.pdf  [文件损坏] PDF 文件已损坏，无法打开",
        "合计 2 个文件、2 个项目、4 条指标；错误 3、警告 1、提示 1；无法读取 1 个。",
    ]


# --------------------------------------------------------------------------- check: inputs


def test_directory_glob_missing_unsupported(fake):
    (fake / "in" / "sub").mkdir()
    (fake / "in" / "sub" / "a2.pdf").write_bytes(b"%PDF")
    (fake / "in" / "notes.txt").write_text("x")
    (fake / "in" / "tool.py").write_text("x")
    res = run("check", "in", "--json", "r.json", "--fail-on", "never")
    doc = json.loads(Path("r.json").read_text(encoding="utf-8"))
    assert [(f["file"], f["status"]) for f in doc["files"]] == [
        ("in/a.pdf", "ok"), ("in/b.pdf", "no_tables"), ("in/c.pdf", "damaged"),
        ("in/notes.txt", "unsupported"), ("in/sub/a2.pdf", "damaged"),
    ]  # fmt: skip
    assert res.exit_code == 2
    assert "目录中另有 1 个非文档文件未检查（in/tool.py）" in res.stdout
    # a glob the shell did not expand, plus a missing file
    res = run("check", "in/*.pdf", "nothere.pdf", "in/*.docx", "--json", "r.json")
    doc = json.loads(Path("r.json").read_text(encoding="utf-8"))
    assert [(f["file"], f["status"], f["message"]) for f in doc["files"]] == [
        ("in/a.pdf", "ok", ""),
        ("in/b.pdf", "no_tables", "文件中没有找到绩效目标表"),
        ("in/c.pdf", "damaged", "PDF 文件已损坏，无法打开"),
        ("nothere.pdf", "error", "找不到文件：nothere.pdf"),
        ("in/*.docx", "error", "没有文件与“in/*.docx”匹配"),
    ]
    assert res.exit_code == 2
    assert "✗ nothere.pdf  [处理出错] 找不到文件：nothere.pdf" in res.stdout.splitlines()


def test_jobs_output_identical(fake):
    a = run("check", "in", "--jobs", "1", "--csv", "j1.csv")
    b = run("check", "in", "--jobs", "2", "--csv", "j2.csv")
    assert a.stdout.replace("j1.csv", "") == b.stdout.replace("j2.csv", "")
    assert Path("j1.csv").read_bytes() == Path("j2.csv").read_bytes()


def test_crash_traceback_only_with_debug(fake):
    (fake / "in" / "boom.pdf").write_bytes(b"%PDF")
    res = run("check", "in/boom.pdf", "in/a.pdf")
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    assert (
        "✗ in/boom.pdf  [处理出错] 处理该文件时出现意外错误（加 --debug 查看详情）：RuntimeError: simulated extractor crash"
        in (res.stdout.replace("\n", ""))
    )
    res = run("check", "in/boom.pdf", "--debug")
    assert "Traceback" in res.stderr and "simulated extractor crash" in res.stderr
    assert "Traceback" not in res.stdout


def test_rules_engine_crash_is_one_line(fake, monkeypatch):
    def broken(results, cfg):
        raise TypeError("bad value")

    monkeypatch.setattr(perfaudit.engine, "run_rules", broken)
    res = run("check", "in/a.pdf")
    assert res.exit_code == 2
    assert res.stderr.strip() == (
        "错误：内部错误，已中止（加 --debug 查看详情）：TypeError: bad value / "
        "Internal error, stopped (use --debug for details): TypeError: bad value"
    )


def test_unwritable_export(fake):
    res = run("check", "in/a.pdf", "--csv", "no/such/dir/f.csv", "--json", "ok.json")
    assert res.exit_code == 2
    assert "无法写入 no/such/dir/f.csv" in res.stderr and "Cannot write no/such/dir/f.csv" in res.stderr
    assert Path("ok.json").exists()
    assert res.stdout.splitlines()[-1] == "已导出：ok.json"


# --------------------------------------------------------------------------- check: configuration


def test_select_ignore_reach_config(fake):
    res = run("check", "in/a.pdf", "--select", "PA1,PA3", "--select", "PA201", "--ignore", "PA101")
    assert res.exit_code == 1, res.output
    cfg = fake_rules.last_config
    assert cfg.select == ["PA1", "PA3", "PA201"] and cfg.ignore == ["PA101"]


def test_unknown_rule_code_is_config_error(fake):
    res = run("check", "in/a.pdf", "--select", "PA999")
    assert res.exit_code == 2
    assert res.stderr.startswith("错误：配置有误 / configuration error：")
    assert "PA999" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_config_file_option(fake):
    Path("bureau.toml").write_text('select = ["PA1"]\nignore = ["PA102"]\n', encoding="utf-8")
    res = run("check", "in/a.pdf", "--config", "bureau.toml", "--ignore", "PA110")
    assert res.exit_code == 1, res.output
    cfg = fake_rules.last_config
    assert cfg.select == ["PA1"] and cfg.ignore == ["PA102", "PA110"] and cfg.source == "bureau.toml"
    Path("bad.toml").write_text('colour = "red"\n', encoding="utf-8")
    res = run("check", "in/a.pdf", "--config", "bad.toml")
    assert res.exit_code == 2 and "未知配置项 colour" in res.stderr
    res = run("check", "in/a.pdf", "--config", "missing.toml")
    assert res.exit_code == 2 and res.stderr == (
        "错误：配置有误 / configuration error：配置文件 missing.toml 不存在 / config file missing.toml not found\n"
    )
    Path("broken.toml").write_text('select = ["PA1"\n', encoding="utf-8")
    res = run("check", "in/a.pdf", "--config", "broken.toml")
    assert (
        res.exit_code == 2
        and len(res.stderr.splitlines()) == 1
        and "配置文件 broken.toml 无法读取" in res.stderr
    )


def test_config_found_next_to_inputs(fake):
    (fake / "in" / "perfaudit.toml").write_text('lang = "en"\nignore = ["PA3"]\n', encoding="utf-8")
    fake_rules.last_config = None
    res = run("check", "in/a.pdf")
    assert fake_rules.last_config.ignore == ["PA3"], res.output
    assert "Review points (by file and project)" in res.stdout  # lang from the config file
    res = run("check", "in/a.pdf", "--lang", "zh")
    assert "审核意见（按文件、项目）" in res.stdout


# --------------------------------------------------------------------------- extract


def test_extract_json_stdout(fake):
    res = run("extract", "in/a.pdf", "in/c.pdf")
    assert res.exit_code == 2
    doc = json.loads(res.stdout)
    assert [(d["file"], d["status"]) for d in doc] == [("in/a.pdf", "ok"), ("in/c.pdf", "damaged")]
    assert doc[0]["projects"][1]["indicators"][0]["level3"] == "网络安全"
    assert doc[1]["message"] == "PDF 文件已损坏，无法打开" and doc[1]["projects"] == []
    assert "✗ in/c.pdf  [文件损坏] PDF 文件已损坏，无法打开" in res.stderr
    res = run("extract", "in/a.pdf", "-o", "x.json")
    assert res.exit_code == 0 and res.stdout == ""
    text = Path("x.json").read_text(encoding="utf-8")
    assert "职工工资" in text and text.startswith('[\n  {\n    "file": "in/a.pdf"')


def test_extract_csv(fake):
    from perfaudit.report.extract_out import EXTRACT_CSV_COLUMNS

    res = run("extract", "in/a.pdf", "in/b.pdf", "--format", "csv", "-o", "x.csv")
    assert res.exit_code == 0
    raw = Path("x.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == EXTRACT_CSV_COLUMNS
    assert rows[0][:6] == ["file", "status", "message", "project_id", "project_code", "project_name"]
    assert len(rows) == 1 + 4 + 1
    rec = dict(zip(rows[0], rows[2], strict=True))
    assert (rec["project_code"], rec["level3"], rec["target"], rec["budget_total"], rec["description"]) == (
        "13030322P00408910001D", "工作顺利开展", "'=提升", "5", "提升服务",
    )  # fmt: skip
    assert rows[5][:3] == ["in/b.pdf", "no_tables", "文件中没有找到绩效目标表"] and set(rows[5][3:]) == {""}


def test_extract_xlsx(fake):
    from openpyxl import load_workbook

    assert run("extract", "in/a.pdf", "--format", "xlsx").exit_code == 2  # needs -o
    res = run("extract", "in/a.pdf", "in/c.pdf", "--format", "xlsx", "-o", "x.xlsx")
    assert res.exit_code == 2
    wb = load_workbook("x.xlsx")
    assert wb.sheetnames == ["项目", "指标"]
    p = wb["项目"]
    assert [c.value for c in p[1]][:6] == ["文件", "状态", "问题说明", "项目序号", "项目编码", "项目名称"]
    assert [c.value for c in p[3]][:6] == [
        "in/a.pdf",
        "已读取",
        None,
        "2",
        "13030322P00408910002D",
        "职工工资",
    ]
    assert [c.value for c in p[4]][:3] == ["in/c.pdf", "文件损坏", "PDF 文件已损坏，无法打开"]
    assert wb["指标"].max_row == 5


# --------------------------------------------------------------------------- rules


def test_rules_listing_and_json():
    from perfaudit.rules import all_rules

    rules = all_rules()
    res = run("rules", "--format", "json")
    assert res.exit_code == 0
    doc = json.loads(res.stdout)
    assert [d["id"] for d in doc] == [r.code for r in rules]
    assert list(doc[0])[:6] == ["id", "slug", "category", "severity", "title_zh", "title_en"]
    res = run("rules")
    assert res.exit_code == 0
    assert f"规则目录（共 {len(rules)} 条）" in res.stdout
    for r in rules:
        assert r.code in res.stdout
    res = run("rules", "--lang", "en")
    assert rules[0].title_en.split()[0] in res.stdout


def test_rules_detail():
    from perfaudit.rules import all_rules

    rule = all_rules()[0]
    res = run("rules", rule.code)
    assert res.exit_code == 0
    for heading in ("依据与理由", "出处", "可配置阈值", "示例"):
        assert heading in res.stdout
    assert res.stdout.startswith(f"{rule.code} {rule.slug}")
    res = run("rules", rule.slug, "--format", "json")
    assert json.loads(res.stdout)["id"] == rule.code
    res = run("rules", "PA999")
    assert res.exit_code == 2
    assert res.stderr.strip() == "错误：没有这条规则：PA999 / No such rule: PA999"


# --------------------------------------------------------------------------- import cost


def test_cli_import_is_light():
    code = (
        "import sys, perfaudit.cli; "
        "print(sorted(m for m in ('pandas', 'numpy', 'pdfplumber', 'openpyxl', 'rich.progress', 'cv2') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- review view and letters


def test_default_view_is_the_review(fake):
    """Verdict table first, then every project's numbered 意见 (none hidden), exit code as before."""
    res = run("check", "in/a.pdf", "in/c.pdf")
    out = res.stdout
    assert out.startswith("审核结论\nin/a.pdf\n")
    assert out.index("审核结论") < out.index("审核意见（按文件、项目）")
    assert "PA1" not in out and "错误 PA" not in out  # no rule codes in the review
    assert "另有" not in out  # nothing hidden
    assert "in/c.pdf\n 退回修改  文件无法审核：PDF 文件已损坏" in out
    assert res.exit_code == 2  # unreadable input, as before


def test_letters_docx_and_md(fake, tmp_path):
    res = run("check", "in/a.pdf", "--letters", "letters", "--letters-format", "md", "--fail-on", "never")
    assert res.exit_code == 0, res.output
    md = (fake / "letters" / "a-审核意见书.md").read_text(encoding="utf-8")
    assert md.startswith("# 预算项目绩效目标审核意见书") and "## 二、总体意见" in md and "审核人：" in md
    res = run("check", "in/a.pdf", "--letters", "letters", "--fail-on", "never")
    assert (fake / "letters" / "a-审核意见书.docx").stat().st_size > 5000
    assert "letters/a-审核意见书.docx" in res.stdout
