"""``--xlsx FILE``: findings, per-file summary and the extracted indicators in one workbook.

Sheet 1 (问题清单): the findings with Chinese headers (English with ``--lang en``), frozen
header row, autofilter, widths fitted to the content, severity coloured.
Sheet 2 (文件汇总): one row per input with status, counts and message.
Sheet 3 (提取的指标): every extracted indicator row, so an auditor can look at the source.

Text cells are written as text, never as formulas (a target such as ``=100%`` stays text).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from .. import i18n
from ..models import INDICATOR_COLUMNS, ExtractResult, Finding
from ..safe_io import atomic_write
from .common import FINDING_COLUMNS, SUMMARY_COLUMNS, clean, finding_row, safe_text, summarize

SEVERITY_FILLS = {"error": "F8D7DA", "warning": "FFF3CD", "info": "D1ECF1"}
SEVERITY_FONTS = {"error": "9C0006", "warning": "7F6000", "info": "0C5460"}
STATUS_FILLS = {"ok": "E2EFDA", "no_tables": "FFF3CD"}  # anything else: unreadable -> error fill
HEADER_FILL = "D9E1F2"
MAX_WIDTH = 60
WRAP_COLUMNS = {"message", "project_name", "unit_name", "description", "basis", "level3", "target", "file"}

#: indicator sheet columns: where they came from, then the row itself
INDICATOR_SHEET_COLUMNS = ["file", "project_code", "project_name", "page", "row"] + [
    c
    for c in INDICATOR_COLUMNS
    if c not in ("file", "project_id", "project_code", "project_name", "page", "row")
]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a spreadsheet (CJK characters count two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _write_sheet(ws, columns: list[str], rows: list[dict[str, Any]], lang: str, severity_col: str | None = None,
                 status_col: str | None = None) -> None:  # fmt: skip
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.append([i18n.header(c, lang) for c in columns])
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(vertical="center")
    widths = [display_width(i18n.header(c, lang)) + 2 for c in columns]
    for r, row in enumerate(rows, start=2):
        for c, col in enumerate(columns, start=1):
            value = clean(row.get(col))
            if isinstance(value, list | dict | tuple):
                value = str(value)
            value = safe_text(value)  # control characters would make openpyxl refuse the cell
            cell = ws.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it starts with "="
            if col in WRAP_COLUMNS:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.alignment = Alignment(vertical="top")
            widths[c - 1] = max(widths[c - 1], min(MAX_WIDTH, display_width(_cell_text(value)) + 2))
        if severity_col:
            sev = row.get("_severity_raw")
            if sev in SEVERITY_FILLS:
                c = columns.index(severity_col) + 1
                ws.cell(row=r, column=c).fill = PatternFill("solid", fgColor=SEVERITY_FILLS[sev])
                ws.cell(row=r, column=c).font = Font(bold=True, color=SEVERITY_FONTS[sev])
        if status_col:
            st = row.get("_status_raw")
            c = columns.index(status_col) + 1
            ws.cell(row=r, column=c).fill = PatternFill(
                "solid", fgColor=STATUS_FILLS.get(st, SEVERITY_FILLS["error"])
            )
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = max(6, w)
    ws.freeze_panes = "A2"
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{max(1, len(rows) + 1)}"


def build_check_workbook(results: list[ExtractResult], findings: list[Finding], lang: str = "zh"):
    from openpyxl import Workbook

    lang = i18n.norm_lang(lang)
    wb = Workbook()
    ws = wb.active
    ws.title = i18n.t("sheet.findings", lang)
    rows = []
    for f in findings:
        row = finding_row(f, lang)
        row["_severity_raw"] = f.severity
        row["severity"] = i18n.label("severity", f.severity, lang)
        row["category"] = i18n.label("category", f.category, lang)
        rows.append(row)
    _write_sheet(ws, FINDING_COLUMNS, rows, lang, severity_col="severity")

    ws2 = wb.create_sheet(i18n.t("sheet.summary", lang))
    srows = []
    for s in summarize(results, findings):
        row = s.row(lang)
        row["_status_raw"] = s.status
        row["status"] = i18n.label("status", s.status, lang)
        srows.append(row)
    _write_sheet(ws2, SUMMARY_COLUMNS, srows, lang, status_col="status")

    ws3 = wb.create_sheet(i18n.t("sheet.indicators", lang))
    irows = []
    for r in results:
        if len(r.indicators):
            irows.extend(r.indicators.to_dict("records"))
    _write_sheet(ws3, INDICATOR_SHEET_COLUMNS, irows, lang)
    return wb


def write_check_xlsx(
    path: str | Path, results: list[ExtractResult], findings: list[Finding], lang: str = "zh"
) -> None:
    wb = build_check_workbook(results, findings, lang)
    atomic_write(path, lambda tmp: wb.save(str(tmp)))


def write_check(target: Path, audit, options) -> list[str]:
    """``--xlsx`` (perfaudit.report.formats)."""
    write_check_xlsx(target, audit.results, audit.findings, options.lang)
    return [str(target)]
