"""``perfaudit extract --format json|csv|xlsx``: the extracted tables, every input listed.

* json: a list with one object per file, ``ExtractResult.to_dict()`` (see
  :mod:`perfaudit.extract.serialize`), UTF-8, ``ensure_ascii=False``, indent 2.
* csv: one row per indicator, its project's fields joined in front; a file without
  indicators (unreadable, no tables, or a project with no indicator rows) still has one
  row carrying its ``status`` and ``message``.  UTF-8 with BOM, formula-neutralised.
* xlsx: sheet 项目 (one row per project, plus one row per file without projects) and
  sheet 指标 (one row per indicator), both with ``status``/``message`` of the file.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .. import i18n
from ..models import ExtractResult
from ..record import IndicatorRecord, ProjectRecord, csv_columns, frame_columns, header
from .common import clean, message_of, neutralise

#: the file's own columns, in front of every row of the three outputs
FILE_COLUMNS = ["file", "status", "message"]
#: ``(field, column)`` of a project / an indicator in ``extract --format csv`` (perfaudit.record)
PROJECT_CSV = csv_columns(ProjectRecord)
INDICATOR_CSV = csv_columns(IndicatorRecord)
#: columns of ``extract --format csv``
EXTRACT_CSV_COLUMNS = FILE_COLUMNS + [c for _, c in PROJECT_CSV] + [c for _, c in INDICATOR_CSV]
#: columns of the 项目 and 指标 sheets of ``extract --format xlsx``
PROJECT_SHEET_COLUMNS = FILE_COLUMNS + [c for c in frame_columns(ProjectRecord) if c != "file"]
INDICATOR_SHEET_COLUMNS = frame_columns(IndicatorRecord)


def extract_json(results: list[ExtractResult], lang: str = "zh") -> str:
    return json.dumps([r.to_dict(lang=lang) for r in results], ensure_ascii=False, indent=2) + "\n"


def _plain(value: Any) -> Any:
    value = clean(value)
    if isinstance(value, list):
        if value and all(isinstance(x, dict) and "label" in x for x in value):  # spending plan
            return "；".join(f"{x.get('label')}：{x.get('value')}" for x in value)
        if value and all(isinstance(x, dict) and "name" in x for x in value):  # 年度主要任务
            return "；".join(
                f"{x.get('name')}：{x.get('amount') if x.get('amount') is not None else ''}" for x in value
            )
        return ",".join(str(x) for x in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{v}" for k, v in value.items())
    return value


def extract_rows(results: list[ExtractResult], lang: str = "zh") -> list[dict[str, Any]]:
    """Rows of ``extract --format csv`` (keys: :data:`EXTRACT_CSV_COLUMNS`)."""
    out: list[dict[str, Any]] = []
    for r in results:
        base = {"file": r.file, "status": r.status, "message": message_of(r, lang)}
        projects = r.projects.to_dict("records") if len(r.projects) else []
        if not projects:
            out.append(base)
            continue
        ind = r.indicators
        for p in projects:
            prow = dict(base)
            prow.update({col: p.get(name) for name, col in PROJECT_CSV})
            rows = ind[ind["project_id"] == p.get("project_id")].to_dict("records") if len(ind) else []
            if not rows:
                out.append(prow)
            for ir in rows:
                out.append({**prow, **{col: ir.get(name) for name, col in INDICATOR_CSV}})
    return [{k: _plain(row.get(k)) for k in EXTRACT_CSV_COLUMNS} for row in out]


def extract_csv(results: list[ExtractResult], lang: str = "zh") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(EXTRACT_CSV_COLUMNS)
    for row in extract_rows(results, lang):
        writer.writerow(["" if row[c] is None else neutralise(_num(row[c])) for c in EXTRACT_CSV_COLUMNS])
    return buf.getvalue()


def _num(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer():
        return int(v) if abs(v) < 1e15 else v
    return v


def build_extract_workbook(results: list[ExtractResult], lang: str = "zh"):
    from openpyxl import Workbook

    from .xlsx import _write_sheet

    lang = i18n.norm_lang(lang)
    wb = Workbook()
    ws = wb.active
    ws.title = i18n.t("sheet.projects", lang)
    prow: list[dict[str, Any]] = []
    irow: list[dict[str, Any]] = []
    for r in results:
        base = {"file": r.file, "status": i18n.label("status", r.status, lang), "_status_raw": r.status,
                "message": message_of(r, lang)}  # fmt: skip
        projects = r.projects.to_dict("records") if len(r.projects) else []
        if not projects:
            prow.append(base)
        for p in projects:
            row = dict(base)
            row.update({k: _plain(p.get(k)) for k in PROJECT_SHEET_COLUMNS if k not in base})
            prow.append(row)
        if len(r.indicators):
            irow.extend(r.indicators.to_dict("records"))
    _write_sheet(ws, PROJECT_SHEET_COLUMNS, prow, lang, status_col="status")
    _record_headers(ws, PROJECT_SHEET_COLUMNS, ProjectRecord, lang)
    ws2 = wb.create_sheet(i18n.t("sheet.indicators_extract", lang))
    _write_sheet(ws2, INDICATOR_SHEET_COLUMNS, irow, lang)
    _record_headers(ws2, INDICATOR_SHEET_COLUMNS, IndicatorRecord, lang)
    return wb


def _record_headers(ws, cols: list[str], record: type, lang: str) -> None:
    """The header row as the record declares it (``pages`` of a project is its page numbers, not a count)."""
    for c, name in enumerate(cols, start=1):
        ws.cell(row=1, column=c).value = header(name, lang, record) or i18n.header(name, lang)


def write_extract(
    results: list[ExtractResult], fmt: str, out: str | Path | None, lang: str = "zh"
) -> str | None:
    """Write ``results`` in ``fmt``; returns the text instead when ``out`` is None (json/csv)."""
    if fmt == "json":
        text = extract_json(results, lang)
        if out is None:
            return text
        Path(out).write_text(text, encoding="utf-8")
    elif fmt == "csv":
        text = extract_csv(results, lang)
        if out is None:
            return text
        Path(out).write_text(text, encoding="utf-8-sig", newline="")
    elif fmt == "xlsx":
        if out is None:
            raise ValueError("xlsx needs an output file")
        build_extract_workbook(results, lang).save(str(out))
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return None
