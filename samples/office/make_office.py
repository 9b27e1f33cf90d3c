"""Make ``seed.xlsx`` and ``seed.docx`` from ``samples/source/seed.json``.

Run from the repository root::

    /work/venv/bin/python samples/office/make_office.py

Each of the twelve projects is laid out as a Hebei 绩效目标表 (7 grid columns, merged
cells for labels, spans for 一级/二级指标) by :func:`project_layout`; the same layout is
written to ``seed.expected.json``, which the tests compare cell by cell with what
``perfaudit.extract.office`` reads back.

seed.xlsx, three sheets:
  * ``项目1-4``: four tables separated by blank rows; the title row is merged across the
    table; plan values are numbers formatted ``0%``;
  * ``项目5-8``: four tables with no blank row between them (a title row starts the
    next table), department line and unit in one row;
  * ``项目9-12``: tables starting at B3 (offset), borders only, plan values as text.
  预算数 is a formula (``=财政资金+其他资金``) everywhere.  The workbook written by
  openpyxl carries no cached values, so it is round-tripped through LibreOffice
  (headless), which computes and stores them — as Excel or WPS would.

seed.docx: twelve tables, each preceded by its title, department and unit paragraphs,
merged cells made with python-docx (``gridSpan`` / ``vMerge``), a page break between
projects.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "samples" / "office"
NCOLS = 7


def money(v) -> str:
    return "" if v is None else f"{v:.2f}"


def project_layout(p: dict) -> tuple[list[str], list[list]]:
    """(context lines, cells [row, col, rowspan, colspan, text]) of one project."""
    context = [p["title"], f"{p['unit_code']} {p['unit_name']}", f"单位：{p['money_unit']}"]
    cells: list[list] = []

    def add(r, c, rs, cs, text):
        cells.append([r, c, rs, cs, text])

    add(0, 0, 1, 1, "项目编码")
    add(0, 1, 1, 2, p["code"])
    add(0, 3, 1, 1, "项目名称")
    add(0, 4, 1, 3, p["name"])
    add(1, 0, 2, 1, "预算规模及资金用途")
    add(1, 1, 1, 1, "预算数")
    add(1, 2, 1, 1, money(p["budget_total"]))
    add(1, 3, 1, 1, "其中：财政资金")
    add(1, 4, 1, 1, money(p["budget_fiscal"]))
    add(1, 5, 1, 1, "其他资金")
    add(1, 6, 1, 1, money(p["budget_other"]))
    add(2, 1, 1, 6, p["use"])
    add(3, 0, 2, 1, "资金支出计划(%)")
    plan_cols = [(1, 2), (3, 1), (4, 1), (5, 2)]
    for (c, cs), item in zip(plan_cols, p["plan"], strict=True):
        add(3, c, 1, cs, item["label"])
        add(4, c, 1, cs, item["value"])
    add(5, 0, 1, 1, "绩效目标")
    add(5, 1, 1, 6, f"1.目标内容1 {p['goal']}")
    for c, label in enumerate(["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"]):
        add(6, c, 1, 1, label)
    add(6, 5, 1, 2, "指标值确定依据")
    inds = p["indicators"]
    r0 = 7
    i = 0
    while i < len(inds):  # 一级指标 runs, and 二级指标 runs inside them
        j = i
        while j < len(inds) and inds[j]["level1"] == inds[i]["level1"]:
            j += 1
        add(r0 + i, 0, j - i, 1, inds[i]["level1"])
        k = i
        while k < j:
            m = k
            while m < j and inds[m]["level2"] == inds[k]["level2"]:
                m += 1
            add(r0 + k, 1, m - k, 1, inds[k]["level2"])
            k = m
        i = j
    for n, ind in enumerate(inds):
        r = r0 + n
        add(r, 2, 1, 1, ind["level3"])
        add(r, 3, 1, 1, ind.get("description") or "")
        add(r, 4, 1, 1, ind["target"])
        add(r, 5, 1, 2, ind["basis"])
    return context, sorted(cells)


# --------------------------------------------------------------------------- xlsx


def write_xlsx(projects: list[dict], path: Path) -> list[dict]:
    import openpyxl
    from openpyxl.styles import Alignment, Border, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    expected = []
    sheets = [
        ("项目1-4", projects[0:4], "blank"),
        ("项目5-8", projects[4:8], "adjacent"),
        ("项目9-12", projects[8:12], "offset"),
    ]
    for sheet_no, (title, projs, style) in enumerate(sheets, start=1):
        ws = wb.create_sheet(title)
        row = 3 if style == "offset" else 1
        c0 = 2 if style == "offset" else 1
        for p in projs:
            context, cells = project_layout(p)
            # context rows
            if style == "blank":
                ws.cell(row, c0, context[0])
                ws.merge_cells(start_row=row, start_column=c0, end_row=row, end_column=c0 + NCOLS - 1)
                ws.cell(row + 1, c0, context[1])
                ws.cell(row + 2, c0 + NCOLS - 1, context[2])
                row += 3
            elif style == "adjacent":
                ws.cell(row, c0, context[0])
                ws.cell(row + 1, c0, context[1])
                ws.cell(row + 1, c0 + NCOLS - 1, context[2])  # department and unit share a row
                row += 2
            else:
                for k, line in enumerate(context):
                    ws.cell(row + k, c0, line)
                row += 3
            top = row
            for r, c, rs, cs, text in cells:
                cell = ws.cell(top + r, c0 + c)
                cell.alignment = Alignment(wrap_text=True, vertical="center")
                if rs > 1 or cs > 1:
                    ws.merge_cells(
                        start_row=top + r,
                        start_column=c0 + c,
                        end_row=top + r + rs - 1,
                        end_column=c0 + c + cs - 1,
                    )
                if (r, c) == (1, 2):  # 预算数 = 财政资金 + 其他资金
                    fiscal = ws.cell(top + 1, c0 + 4).coordinate
                    other = ws.cell(top + 1, c0 + 6).coordinate
                    cell.value = f"=SUM({fiscal},{other})"
                    cell.number_format = "0.00"
                elif (r, c) in ((1, 4), (1, 6)) and text:
                    cell.value = float(text)
                    cell.number_format = "0.00"
                elif r == 4 and style == "blank" and text.endswith("%"):
                    cell.value = float(text[:-1]) / 100
                    cell.number_format = "0%"
                else:
                    cell.value = text or None
            nrows = max(r + rs for r, _c, rs, _cs, _t in cells)
            for r in range(nrows):
                for c in range(NCOLS):
                    ws.cell(top + r, c0 + c).border = box
            for c in range(NCOLS):
                ws.column_dimensions[get_column_letter(c0 + c)].width = 16
            expected.append({"sheet": sheet_no, "context": context, "cells": cells})
            row = top + nrows + (1 if style != "adjacent" else 0)
    tmp = Path(tempfile.mkdtemp(prefix="perfaudit-office-"))
    try:
        raw = tmp / "raw" / path.name
        raw.parent.mkdir()
        wb.save(raw)
        # LibreOffice computes the formulas and stores their cached values
        subprocess.run(
            [
                "libreoffice",
                "--headless",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(tmp),
                str(raw),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copy(tmp / path.name, path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return expected


# --------------------------------------------------------------------------- docx


def write_docx(projects: list[dict], path: Path) -> list[dict]:
    import docx

    document = docx.Document()
    expected = []
    for n, p in enumerate(projects):
        context, cells = project_layout(p)
        if n:
            document.add_page_break()
        for line in context:
            document.add_paragraph(line)
        nrows = max(r + rs for r, _c, rs, _cs, _t in cells)
        table = document.add_table(rows=nrows, cols=NCOLS)
        table.style = "Table Grid"
        for r, c, rs, cs, text in cells:
            cell = table.cell(r, c)
            if rs > 1 or cs > 1:
                cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
            cell.text = text
        expected.append({"page": n + 1, "context": context, "cells": cells})
    document.save(path)
    return expected


def main() -> None:
    seed = json.loads((ROOT / "samples" / "source" / "seed.json").read_text(encoding="utf-8"))
    projects = seed["projects"]
    xlsx = write_xlsx(projects, OUT / "seed.xlsx")
    docx_ = write_docx(projects, OUT / "seed.docx")
    (OUT / "seed.expected.json").write_text(
        json.dumps(
            {"source": "samples/source/seed.json", "xlsx": xlsx, "docx": docx_}, ensure_ascii=False, indent=1
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
