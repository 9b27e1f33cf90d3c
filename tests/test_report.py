"""Reporters on hand-made ExtractResults and Findings: exact columns, rows, encodings."""

from __future__ import annotations

import csv
import io
import json

import pytest

from perfaudit.extract.serialize import result_from_dict
from perfaudit.models import Finding
from perfaudit.report.common import (
    FINDING_COLUMNS,
    group_findings,
    neutralise,
    summarize,
)

# --------------------------------------------------------------------------- fixtures (imported by test_cli*.py)


def _ind(l1, l2, l3, target, desc=None, basis="年度工作计划"):
    return {"level1": l1, "level2": l2, "level3": l3, "description": desc, "target": target, "basis": basis}


def make_results():
    """a.pdf: two projects; b.pdf: no tables; c.pdf: damaged."""
    a = {
        "file": "a.pdf",
        "pages": 3,
        "status": "ok",
        "projects": [
            {
                "code": "13030322P00408910001D",
                "name": "跨省通办及省内通办网络建设及设备费",
                "unit_code": "630001",
                "unit_name": "行政审批部门行政审批局本级",
                "money_unit": "万元",
                "budget_total": 5.0,
                "budget_fiscal": 5.0,
                "pages": [1],
                "plan": [{"label": "12月底", "value": "100%"}],
                "indicators": [
                    _ind("产出指标", "数量指标", "综合事务保障率", "≥95 百分比", "保障日常事务高效运转")
                    | {"page": 1},
                    _ind("效益指标", "社会效益指标", "工作顺利开展", "=提升", "提升服务") | {"page": 1},
                ],
            },
            {
                "code": "13030322P00408910002D",
                "name": "职工工资",
                "unit_code": "630001",
                "unit_name": "行政审批部门行政审批局本级",
                "money_unit": "万元",
                "budget_total": 100.0,
                "budget_fiscal": 90.0,
                "budget_other": 5.0,
                "pages": [2, 3],
                "indicators": [
                    _ind("产出指标", "数量指标", "网络安全", "≥95 百分比") | {"page": 2},
                    _ind("满意度指标", "服务对象满意度指标", "满意度", "满意度") | {"page": 3},
                ],
            },
        ],
    }
    b = {"file": "b.pdf", "pages": 2, "status": "no_tables", "message": "文件中没有找到绩效目标表",
         "message_en": "No 绩效目标表 found in the file"}  # fmt: skip
    c = {"file": "c.pdf", "pages": 0, "status": "damaged", "message": "PDF 文件已损坏，无法打开",
         "message_en": "The PDF is damaged and cannot be opened"}  # fmt: skip
    return [result_from_dict(a), result_from_dict(b), result_from_dict(c)]


P1 = dict(project_id="1", project_code="13030322P00408910001D", project_name="跨省通办及省内通办网络建设及设备费",
          unit_code="630001", unit_name="行政审批部门行政审批局本级")  # fmt: skip
P2 = dict(project_id="2", project_code="13030322P00408910002D", project_name="职工工资",
          unit_code="630001", unit_name="行政审批部门行政审批局本级")  # fmt: skip


def make_findings():
    return [
        Finding(
            file="a.pdf",
            rule="PA501",
            slug="vague-target",
            category="vague",
            severity="warning",
            message="指标“工作顺利开展”表述模糊：请写明可衡量的数值，如“≥95%”。",
            message_en="The indicator is vague: give a measurable value such as ≥95%.",
            page=1,
            level1="效益指标",
            level2="社会效益指标",
            level3="工作顺利开展",
            target="=提升",
            indicator_row=2,
            **P1,
        ),
        Finding(
            file="a.pdf",
            rule="PA101",
            slug="irrelevant-indicator",
            category="irrelevant_indicator",
            severity="error",
            message="“网络安全”与工资项目无关。",
            message_en="Network security is unrelated to wages.",
            page=2,
            level1="产出指标",
            level2="数量指标",
            level3="网络安全",
            target="≥95 百分比",
            indicator_row=1,
            **P2,
        ),
        Finding(
            file="a.pdf",
            rule="PA302",
            slug="target-repeats-name",
            category="missing_value",
            severity="error",
            message="指标值只重复了指标名称“满意度”。",
            message_en="The target only repeats the name.",
            page=3,
            level1="满意度指标",
            level2="服务对象满意度指标",
            level3="满意度",
            target="满意度",
            indicator_row=2,
            **P2,
        ),
        Finding(
            file="a.pdf",
            rule="PA401",
            slug="budget-sum",
            category="budget_arithmetic",
            severity="info",
            message="财政资金 90 + 其他资金 5 ≠ 预算数 100。",
            message_en="90 + 5 != 100.",
            page=2,
            **P2,
        ),
        Finding(
            file="b.pdf",
            rule="PA002",
            slug="no-tables",
            category="no_tables",
            severity="warning",
            message="文件中没有找到绩效目标表",
            message_en="No 绩效目标表 found in the file",
        ),
        Finding(
            file="c.pdf",
            rule="PA001",
            slug="unreadable",
            category="unreadable",
            severity="error",
            message="PDF 文件已损坏，无法打开",
            message_en="The PDF is damaged and cannot be opened",
        ),
    ]


# --------------------------------------------------------------------------- common


def test_neutralise_formula_prefixes():
    assert [neutralise(x) for x in ["=1+1", "+86", "-5%", "@SUM(A1)", "\tx", "≥95", "满意度", 5, -5.0, None]] == [
        "'=1+1", "'+86", "'-5%", "'@SUM(A1)", "'\tx", "≥95", "满意度", 5, -5.0, None,
    ]  # fmt: skip


def test_summarize_counts_per_file():
    results, findings = make_results(), make_findings()
    rows = [s.row() for s in summarize(results, findings)]
    assert rows == [
        {"file": "a.pdf", "status": "ok", "pages": 3, "projects": 2, "indicators": 4, "error": 2, "warning": 1,
         "info": 1, "message": ""},
        {"file": "b.pdf", "status": "no_tables", "pages": 2, "projects": 0, "indicators": 0, "error": 0,
         "warning": 1, "info": 0, "message": "文件中没有找到绩效目标表"},
        {"file": "c.pdf", "status": "damaged", "pages": 0, "projects": 0, "indicators": 0, "error": 1,
         "warning": 0, "info": 0, "message": "PDF 文件已损坏，无法打开"},
    ]  # fmt: skip


def test_group_findings_worst_first_per_project():
    groups = group_findings(make_results(), make_findings())
    assert [g.file for g in groups] == ["a.pdf", "b.pdf", "c.pdf"]
    a = groups[0]
    assert [p.project_id for p in a.projects] == ["1", "2"]
    assert [f.rule for f in a.projects[1].findings] == ["PA101", "PA302", "PA401"]
    assert a.projects[1].page == 2


# --------------------------------------------------------------------------- csv


def test_csv_exact_header_rows_bom(tmp_path):
    from perfaudit.report.csv import write_findings_csv

    path = tmp_path / "f.csv"
    fs = make_findings()
    fs[0].target = "=提升"
    write_findings_csv(path, fs)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == FINDING_COLUMNS == [
        "file", "page", "unit_code", "unit_name", "project_code", "project_name", "level1", "level2", "level3",
        "target", "rule", "category", "severity", "message", "opinion",
    ]  # fmt: skip
    assert rows[1] == [
        "a.pdf", "1", "630001", "行政审批部门行政审批局本级", "13030322P00408910001D", "跨省通办及省内通办网络建设及设备费",
        "效益指标", "社会效益指标", "工作顺利开展", "'=提升", "PA501", "vague", "warning",
        "指标“工作顺利开展”表述模糊：请写明可衡量的数值，如“≥95%”。", "",
    ]  # fmt: skip
    assert rows[5] == ["b.pdf", "", "", "", "", "", "", "", "", "", "PA002", "no_tables", "warning",
                       "文件中没有找到绩效目标表", ""]  # fmt: skip
    assert rows[6][0] == "c.pdf" and rows[6][11:] == ["unreadable", "error", "PDF 文件已损坏，无法打开", ""]
    assert len(rows) == 7


def test_csv_english_messages():
    from perfaudit.report.csv import findings_csv_text

    rows = list(csv.reader(io.StringIO(findings_csv_text(make_findings(), "en"))))
    assert rows[2][-2] == "Network security is unrelated to wages."


def test_csv_low_confidence_note():
    from perfaudit.report.csv import findings_csv_text

    f = make_findings()[1]
    f.low_confidence = True
    rows = list(csv.reader(io.StringIO(findings_csv_text([f]))))
    assert rows[1][-2] == "“网络安全”与工资项目无关。（OCR 识别置信度低，请核对原件）"


# --------------------------------------------------------------------------- json


def test_json_files_and_findings(tmp_path):
    from perfaudit.report.json import write_check_json

    path = tmp_path / "f.json"
    write_check_json(path, make_results(), make_findings())
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert "行政审批" in path.read_text(encoding="utf-8")  # ensure_ascii=False
    assert list(doc) == ["files", "findings"]
    assert doc["files"][0] == {"file": "a.pdf", "status": "ok", "message": "", "pages": 3, "projects": 2,
                               "indicators": 4, "findings": 4,
                               "by_severity": {"error": 2, "warning": 1, "info": 1}}  # fmt: skip
    assert [(f["file"], f["status"], f["message"]) for f in doc["files"][1:]] == [
        ("b.pdf", "no_tables", "文件中没有找到绩效目标表"),
        ("c.pdf", "damaged", "PDF 文件已损坏，无法打开"),
    ]
    assert len(doc["findings"]) == 6
    first = doc["findings"][0]
    assert first["rule"] == "PA501" and first["indicator_row"] == 2 and first["level3"] == "工作顺利开展"
    assert first["message_en"].startswith("The indicator is vague")


# --------------------------------------------------------------------------- xlsx


def test_xlsx_three_sheets(tmp_path):
    from openpyxl import load_workbook

    from perfaudit.report.xlsx import INDICATOR_SHEET_COLUMNS, write_check_xlsx

    path = tmp_path / "f.xlsx"
    fs = make_findings()
    fs[0].target = "=提升"
    write_check_xlsx(path, make_results(), fs)
    wb = load_workbook(path)
    assert wb.sheetnames == ["问题清单", "文件汇总", "提取的指标"]
    ws = wb["问题清单"]
    assert [c.value for c in ws[1]] == [
        "文件", "页码", "单位编码", "单位名称", "项目编码", "项目名称", "一级指标",
        "二级指标", "三级指标", "指标值", "规则", "类别", "严重程度", "问题说明", "意见编号",
    ]  # fmt: skip
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:O7"
    assert [c.value for c in ws[2]][8:13] == ["工作顺利开展", "=提升", "PA501", "表述模糊", "警告"]
    assert ws["J2"].data_type == "s"  # stays text, not a formula
    assert ws["M2"].fill.fgColor.rgb.endswith("FFF3CD")  # warning colour
    assert ws["M3"].fill.fgColor.rgb.endswith("F8D7DA")  # error colour
    assert ws["M5"].fill.fgColor.rgb.endswith("D1ECF1")  # info colour
    assert ws.column_dimensions["F"].width >= 2 * len("跨省通办及省内通办网络建设及设备费")
    s = wb["文件汇总"]
    assert [c.value for c in s[1]] == [
        "文件",
        "状态",
        "页数",
        "项目数",
        "指标数",
        "错误",
        "警告",
        "提示",
        "问题说明",
    ]
    assert [c.value for c in s[4]] == ["c.pdf", "文件损坏", 0, 0, 0, 1, 0, 0, "PDF 文件已损坏，无法打开"]
    i = wb["提取的指标"]
    assert len(INDICATOR_SHEET_COLUMNS) == i.max_column
    assert [c.value for c in i[1]][:6] == ["文件", "项目编码", "项目名称", "页码", "行号", "一级指标"]
    assert [c.value for c in i[4]][:9] == ["a.pdf", "13030322P00408910002D", "职工工资", 2, 1, "产出指标", "数量指标",
                                           "网络安全", None]  # fmt: skip
    assert i.max_row == 5


def test_xlsx_english_headers(tmp_path):
    from openpyxl import load_workbook

    from perfaudit.report.xlsx import write_check_xlsx

    path = tmp_path / "f.xlsx"
    write_check_xlsx(path, make_results(), make_findings(), lang="en")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Findings", "Files", "Indicators"]
    assert wb["Findings"]["M3"].value == "error"


# --------------------------------------------------------------------------- html (static checks; browser in test_report_html.py)


def test_html_self_contained_with_source_rows():
    from perfaudit.report.html import render_html

    page = render_html(make_results(), make_findings())
    assert "http://" not in page and "https://" not in page and "<link" not in page and "src=" not in page
    assert page.count('<article class="finding') == 6
    # the vague finding shows its table row taken from the indicators dataframe (description included)
    art = page.split('id="finding-1"')[1].split("</article>")[0]
    assert '<td data-col="description">提升服务</td>' in art
    assert '<td data-col="basis">年度工作计划</td>' in art
    assert '<td data-col="level2">社会效益指标</td>' in art
    # a project-level finding says it has no row
    art4 = page.split('id="finding-4"')[1].split("</article>")[0]
    assert "无对应指标行" in art4
    assert '<option value="c.pdf">c.pdf</option>' in page


def test_html_escapes_content():
    from perfaudit.report.html import render_html

    fs = make_findings()
    fs[0].message = "<script>alert(1)</script>"
    page = render_html(make_results(), fs)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --------------------------------------------------------------------------- console


def _render(options, width=100, findings=None):
    from rich.console import Console

    from perfaudit.report.console import render_check

    buf = io.StringIO()
    con = Console(file=buf, width=width, no_color=True, highlight=False, color_system=None)
    render_check(con, make_results(), make_findings() if findings is None else findings, options,
                 exports=["out.csv"], ignored=[])  # fmt: skip
    return buf.getvalue()


def test_console_zh_default_fits_100_columns():
    from rich.cells import cell_len

    from perfaudit.report.console import ConsoleOptions

    out = _render(ConsoleOptions())
    assert max(cell_len(line) for line in out.splitlines()) <= 100
    assert "文件汇总" in out and "问题明细" in out
    assert "✗ c.pdf  [文件损坏] PDF 文件已损坏，无法打开" in out
    assert "! b.pdf  [无绩效目标表] 文件中没有找到绩效目标表" in out
    assert "项目 13030322P00408910002D 职工工资 第2页" in out
    assert out.strip().splitlines()[-2] == (
        "合计 3 个文件、2 个项目、4 条指标；错误 3、警告 2、提示 1；无法读取 1 个；无绩效目标表 1 个。"
    )
    assert out.strip().splitlines()[-1] == "已导出：out.csv"
    # worst first inside the project: PA101 (error) before PA401 (info)
    assert out.index("PA101") < out.index("PA302") < out.index("PA401")


def test_console_top_and_verbose():
    from perfaudit.report.console import ConsoleOptions

    out = _render(ConsoleOptions(top=1))
    assert "PA101" in out and "PA302" not in out and "PA401" not in out
    assert "另有 2 条未显示（错误 1、提示 1），加 --verbose 显示全部" in out
    out = _render(ConsoleOptions(top=1, verbose=True))
    assert "PA302" in out and "PA401" in out and "另有" not in out


def test_console_quiet_and_english():
    from perfaudit.report.console import ConsoleOptions

    out = _render(ConsoleOptions(quiet=True))
    assert "文件汇总" not in out and "PA101" not in out
    assert out.splitlines() == [
        "! b.pdf  [无绩效目标表] 文件中没有找到绩效目标表",
        "✗ c.pdf  [文件损坏] PDF 文件已损坏，无法打开",
        "合计 3 个文件、2 个项目、4 条指标；错误 3、警告 2、提示 1；无法读取 1 个；无绩效目标表 1 个。",
        "已导出：out.csv",
    ]
    en = _render(ConsoleOptions(lang="en"))
    assert "Findings (by file and project, worst first)" in en
    assert "Network security is unrelated to wages." in en
    assert "✗ c.pdf  [damaged] The PDF is damaged and cannot be opened" in en
    assert "3 files, 2 projects, 4 indicators; 3 errors, 2 warnings, 1 info; 1 unreadable; 1 no tables." in en


@pytest.mark.parametrize("width", [80, 100])
def test_console_width(width):
    from rich.cells import cell_len

    from perfaudit.report.console import ConsoleOptions

    out = _render(ConsoleOptions(verbose=True), width=width)
    assert max(cell_len(line) for line in out.splitlines()) <= width


def test_wrap_cells_breaks_cjk_anywhere_keeps_codes_whole():
    from perfaudit.report.console import wrap_cells

    text = "本项目的绩效指标与「13030322P004091100017 推动全区企业开办“一窗通，零成本，一日办”开办费」（9 行相同）"
    assert wrap_cells(text, 40) == [
        "本项目的绩效指标与「",
        "13030322P004091100017 推动全区企业开办“",
        "一窗通，零成本，一日办”开办费」（9 行相",
        "同）",
    ]
    assert wrap_cells("The indicator is vague: give a measurable value", 30) == [
        "The indicator is vague: give a",
        "measurable value",
    ]
    # closing punctuation never starts a line
    assert wrap_cells("一二三四五六七八九十，好", 20) == ["一二三四五六七八九", "十，好"]
    assert wrap_cells("一二三四五六七八」，好", 18) == ["一二三四五六七", "八」，好"]


def test_csv_gives_a_clean_file_its_own_row():
    """A file read without any finding is still in the CSV, at its place among the inputs."""
    from perfaudit.report.csv import findings_csv_text

    clean = result_from_dict(
        {
            "file": "clean.pdf",
            "pages": 1,
            "status": "ok",
            "projects": [
                {
                    "code": "X1",
                    "name": "示范项目",
                    "indicators": [{"level3": "培训人数", "target": "≥100 人"}],
                }
            ],
        }
    )
    results = [clean, *make_results()]
    rows = list(csv.reader(io.StringIO(findings_csv_text(make_findings(), "zh", results))))
    assert rows[1] == ["clean.pdf"] + [""] * 12 + ["未发现问题：已检查 1 个项目、1 条指标", ""]
    assert [r[0] for r in rows[2:]] == [
        r[0] for r in list(csv.reader(io.StringIO(findings_csv_text(make_findings()))))[1:]
    ]
    en = list(csv.reader(io.StringIO(findings_csv_text([], "en", [clean]))))
    assert en[1][-2] == "no findings: 1 projects and 1 indicators checked"


def test_files_read_by_ocr_are_noted_in_console_and_summary():
    """A file read partly by OCR says so: the auditor must know the text came from an image."""
    from perfaudit.models import Problem
    from perfaudit.report.common import extraction_note, summarize
    from perfaudit.report.console import render_bad_files

    r = make_results()[0]
    r.problems = [
        Problem("page_ocr", "第 1 页为扫描图片，已OCR识别", "page 1 is an image; read by OCR", 1),
        Problem("page_ocr", "第 2 页为扫描图片，已OCR识别", "page 2 is an image; read by OCR", 2),
        Problem(
            "ocr_low_confidence",
            "第 2 页有 3 个单元格识别置信度较低，请核对原件",
            "page 2: 3 cells recognised with low confidence",
            2,
        ),
    ]
    assert (
        extraction_note(r)
        == "第 1–2 页为扫描图片，已 OCR 识别；第 2 页有 3 个单元格识别置信度较低，请核对原件"
    )
    assert (
        extraction_note(r, "en")
        == "page(s) 1–2 are images, read by OCR; page 2: 3 cells recognised with low confidence"
    )
    assert summarize([r], [])[0].message == extraction_note(r)
    from rich.console import Console

    console = Console(width=120, record=True, color_system=None)
    render_bad_files(console, [r], "zh")
    assert console.export_text().strip() == f"ⓘ {r.file}  {extraction_note(r)}"
