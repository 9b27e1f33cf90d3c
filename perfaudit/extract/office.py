"""Read 绩效目标表 from .xlsx (openpyxl) and .docx (python-docx) into grids.

Nothing in a file is executed: workbooks are opened with ``data_only=True`` so a formula
cell yields the value Excel/WPS/LibreOffice cached when the file was saved (a formula
without a cached value gives ``""`` with confidence 0.0, so findings on it say the value
could not be read).  Macros, external links and embedded objects are never touched.

xlsx: every worksheet; tables are runs of rows split by blank rows, or by title rows
between two tables; merged ranges become exact row/col spans.  Rows above a table that
are not part of it (title, ``单位：万元``, department line) become ``Grid.context``.
``Grid.page`` is the 1-based sheet number.

docx: every top-level table in body order; ``gridSpan`` gives colspans and ``vMerge``
rowspans; the paragraphs between the previous table and this one are its context.
``Grid.page`` counts explicit and last-rendered page breaks before the table.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..models import STATUS_DAMAGED, STATUS_EMPTY, STATUS_ENCRYPTED, STATUS_NOT_PDF
from .grid import Cell, Grid

__all__ = ["OfficeError", "xlsx_grids", "docx_grids"]


class OfficeError(Exception):
    """A workbook/document that cannot be read: ``OfficeError(message_zh, message_en, status)``."""

    def __init__(self, message_zh: str, message_en: str, status: str = STATUS_DAMAGED):
        super().__init__(message_zh, message_en, status)
        self.message_zh = message_zh
        self.message_en = message_en
        self.status = status

    def __str__(self) -> str:
        return f"{self.message_zh} / {self.message_en}"


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _check_container(path: Path, kind: str) -> None:
    """Raise OfficeError for empty, encrypted, legacy or non-zip files."""
    name = path.name
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise OfficeError(f"无法读取文件：{name}", f"cannot read the file: {exc.strerror or exc}") from exc
    if not head:
        raise OfficeError(f"文件为空：{name}", f"the file is empty: {name}", STATUS_EMPTY)
    if head == _OLE_MAGIC:
        with open(path, "rb") as fh:
            blob = fh.read(1 << 20)
        if "EncryptionInfo".encode("utf-16-le") in blob or b"EncryptedPackage" in blob or \
                "EncryptedPackage".encode("utf-16-le") in blob:
            raise OfficeError(
                f"文件已加密（设有打开密码），请去除密码后重新提交：{name}",
                f"the {kind} file is password protected; remove the password and resubmit: {name}",
                STATUS_ENCRYPTED,
            )
        legacy = "xls" if kind == "xlsx" else "doc"
        raise OfficeError(
            f"这是旧版 .{legacy} 格式的文件，请另存为 .{kind} 后重试：{name}",
            f"this is a legacy .{legacy} file; save it as .{kind} and retry: {name}",
            STATUS_NOT_PDF,
        )
    if not zipfile.is_zipfile(path):
        raise OfficeError(
            f"文件不是有效的 {kind} 文件（可能已损坏或扩展名错误）：{name}",
            f"not a valid {kind} file (damaged or wrong suffix): {name}",
            STATUS_DAMAGED,
        )


def _damaged(path: Path, kind: str, exc: Exception) -> OfficeError:
    return OfficeError(
        f"{kind} 文件已损坏，无法读取：{path.name}",
        f"the {kind} file is damaged and cannot be read ({type(exc).__name__}): {path.name}",
        STATUS_DAMAGED,
    )


# --------------------------------------------------------------------------- values


def format_value(value: Any, number_format: str | None = None) -> str:
    """The text a spreadsheet shows for a cached cell value (common number formats)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, int | float):
        return _format_number(float(value), number_format or "General")
    return str(value)


_SECTION = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def _format_number(v: float, fmt: str) -> str:
    sect = fmt.split(";")[0]
    core = _SECTION.sub("", sect)
    if core.strip().lower() in ("general", "", "@"):
        if v == int(v) and abs(v) < 1e15:
            return str(int(v))
        return f"{v:.10g}"
    percent = "%" in core
    m = re.search(r"[0#?,]*\.?([0#?]*)", core[core.find("0") if "0" in core else 0:])
    decimals = len(m.group(1)) if m and "." in core else 0
    if percent:
        v *= 100
    thousands = "," in core.split(".")[0]
    text = f"{v:,.{decimals}f}" if thousands else f"{v:.{decimals}f}"
    return text + ("%" if percent else "")


# --------------------------------------------------------------------------- xlsx

_CONTEXT_LIKE = re.compile(
    r"^(金额)?单位[:：]|绩效目标(申报|填报|审核)?表|^[(（]?\d{4}\s*年度?[)）]?$|^\d{6}\s*\S+|^(填报|编制|申报)单位"
)


def _is_context_text(text: str) -> bool:
    return bool(_CONTEXT_LIKE.search(text.replace(" ", "")))


def xlsx_grids(path: str | Path) -> list[Grid]:
    """Every table of every worksheet of an .xlsx file, as grids (``source="xlsx"``)."""
    path = Path(path)
    _check_container(path, "xlsx")
    try:
        import openpyxl

        wb = openpyxl.load_workbook(path, data_only=True, read_only=False)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException, XML errors
        raise _damaged(path, "xlsx", exc) from exc
    formulas = _formula_cells(path)
    grids: list[Grid] = []
    try:
        for sheet_no, ws in enumerate(wb.worksheets, start=1):
            grids.extend(_sheet_grids(ws, sheet_no, formulas.get(ws.title, set())))
    finally:
        wb.close()
    return grids


def _formula_cells(path: Path) -> dict[str, set[tuple[int, int]]]:
    """(row, col) of formula cells per sheet (to tell a missing cached value from an empty cell)."""
    try:
        import openpyxl

        wb = openpyxl.load_workbook(path, data_only=False, read_only=True)
    except Exception:
        return {}
    out: dict[str, set[tuple[int, int]]] = {}
    try:
        for ws in wb.worksheets:
            cells = set()
            for row in ws.iter_rows():
                for c in row:
                    if getattr(c, "data_type", None) == "f":
                        cells.add((c.row, c.column))
            out[ws.title] = cells
    finally:
        wb.close()
    return out


def _has_border(cell) -> bool:
    b = getattr(cell, "border", None)
    if b is None:
        return False
    return any(getattr(getattr(b, side, None), "style", None) for side in ("left", "right", "top", "bottom"))


def _sheet_grids(ws, sheet_no: int, formula_cells: set[tuple[int, int]]) -> list[Grid]:
    from .text import clean_cell, clean_line

    max_row, max_col = ws.max_row or 0, ws.max_column or 0
    if max_row == 0 or max_col == 0:
        return []
    # merged ranges: top-left -> (rowspan, colspan); covered positions -> top-left
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:
        r0, c0, r1, c1 = rng.min_row, rng.min_col, rng.max_row, rng.max_col
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered[(r, c)] = (r0, c0)

    text: dict[tuple[int, int], str] = {}
    unknown: set[tuple[int, int]] = set()
    border: set[tuple[int, int]] = set()
    for row in ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col):
        for c in row:
            key = (c.row, c.column)
            if key in covered:
                continue
            v = c.value
            t = clean_cell(format_value(v, c.number_format)) if v is not None else ""
            if v is None and key in formula_cells:
                unknown.add(key)
            if t:
                text[key] = t
            if _has_border(c):
                border.add(key)

    def row_used(r: int) -> bool:
        for c in range(1, max_col + 1):
            k = (r, c)
            if k in text or k in unknown:
                return True
            if k in covered and covered[k][0] < r:
                return True  # a vertical merge continues into this row
            if k in spans and spans[k][0] > 1:
                return True
        return False

    def row_values(r: int) -> list[tuple[int, str]]:
        return [(c, text[(r, c)]) for c in range(1, max_col + 1) if (r, c) in text]

    # blocks of consecutive used rows
    blocks: list[list[int]] = []
    cur: list[int] = []
    for r in range(1, max_row + 1):
        if row_used(r):
            cur.append(r)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)

    grids: list[Grid] = []
    for block in blocks:
        bordered = any(k[0] in block for k in border if k in text or k in spans)

        def table_like(r: int, bordered: bool = bordered) -> bool:
            vals = row_values(r)
            if bordered:
                n = sum(1 for c in range(1, max_col + 1) if (r, c) in border and ((r, c) in text or (r, c) in spans))
                return n >= 2 or (n == 1 and len(vals) >= 2)
            return len(vals) >= 2 and not all(_is_context_text(t) for _, t in vals)

        context: list[str] = []
        table_rows: list[int] = []
        first_label: str | None = None
        for r in block:
            vals = row_values(r)
            if table_rows:
                starts_new = bool(vals) and first_label is not None and vals[0][1] == first_label \
                    and not any(covered.get((r, c), (r, 0))[0] < r for c in range(1, max_col + 1))
                ends = not table_like(r) and len(vals) == 1 and _is_context_text(vals[0][1])
                if starts_new or ends:
                    grids.append(_xlsx_grid(table_rows, spans, covered, text, unknown, sheet_no, context))
                    context, table_rows, first_label = [], [], None
                    if ends:
                        context.extend(clean_line(t) for _, t in vals)
                        continue
                else:
                    table_rows.append(r)
                    continue
            if table_like(r):
                table_rows.append(r)
                first_label = vals[0][1] if vals else None
            elif vals:
                context.extend(clean_line(t) for _, t in vals)
        if table_rows:
            grids.append(_xlsx_grid(table_rows, spans, covered, text, unknown, sheet_no, context))
    return grids


def _xlsx_grid(rows, spans, covered, text, unknown, sheet_no, context) -> Grid:
    r_first, r_last = rows[0], rows[-1]
    cols: set[int] = set()
    for (r, c), t in text.items():
        if r_first <= r <= r_last and t:
            cols.add(c)
            rs, cs = spans.get((r, c), (1, 1))
            cols.update(range(c, c + cs))
    for (r, c), (_rs, cs) in spans.items():
        if r_first <= r <= r_last:
            cols.update(range(c, c + cs))
    for r, c in unknown:
        if r_first <= r <= r_last:
            cols.add(c)
    c_first, c_last = min(cols), max(cols)
    cells: list[Cell] = []
    for r in range(r_first, r_last + 1):
        for c in range(c_first, c_last + 1):
            if (r, c) in covered:
                top = covered[(r, c)]
                if r_first <= top[0] and c_first <= top[1]:
                    continue
            rs, cs = spans.get((r, c), (1, 1))
            rs = min(rs, r_last - r + 1)
            cs = min(cs, c_last - c + 1)
            cells.append(Cell(row=r - r_first, col=c - c_first, text=text.get((r, c), ""), rowspan=rs,
                              colspan=cs, page=sheet_no, confidence=0.0 if (r, c) in unknown else 1.0))
    return Grid(cells=cells, page=sheet_no, source="xlsx", context=[c for c in context if c])


# --------------------------------------------------------------------------- docx


def docx_grids(path: str | Path) -> list[Grid]:
    """Every top-level table of a .docx file, in body order, as grids (``source="docx"``)."""
    path = Path(path)
    _check_container(path, "docx")
    try:
        import docx

        document = docx.Document(str(path))
    except Exception as exc:
        raise _damaged(path, "docx", exc) from exc
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    from .text import clean_line

    body = document.element.body
    rendered_breaks = any(True for _ in body.iter(qn("w:lastRenderedPageBreak")))
    grids: list[Grid] = []
    context: list[str] = []
    page = 1
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            page += _page_breaks(child, rendered_breaks, qn)
            t = clean_line(Paragraph(child, document).text)
            if t:
                context.append(t)
        elif child.tag == qn("w:tbl"):
            grid = _docx_table(child, document, page, qn)
            if grid.cells:
                grid.context = context
                grids.append(grid)
            context = []
            page += _table_breaks(child, rendered_breaks, qn)
    return grids


def _page_breaks(p, rendered: bool, qn) -> int:
    if rendered:
        return sum(1 for _ in p.iter(qn("w:lastRenderedPageBreak")))
    n = sum(1 for br in p.iter(qn("w:br")) if br.get(qn("w:type")) == "page")
    ppr = p.find(qn("w:pPr"))
    if ppr is not None and ppr.find(qn("w:pageBreakBefore")) is not None:
        n += 1
    return n


def _table_breaks(tbl, rendered: bool, qn) -> int:
    if rendered:
        return sum(1 for _ in tbl.iter(qn("w:lastRenderedPageBreak")))
    return 0


def _docx_table(tbl, document, page: int, qn) -> Grid:
    from docx.text.paragraph import Paragraph

    from .text import clean_cell

    cells: list[Cell] = []
    open_cols: dict[int, Cell] = {}  # grid column -> cell a vMerge may continue
    r = 0
    for tr in tbl.iterchildren(qn("w:tr")):
        col = 0
        trpr = tr.find(qn("w:trPr"))
        if trpr is not None:
            gb = trpr.find(qn("w:gridBefore"))
            if gb is not None:
                col = int(gb.get(qn("w:val"), "0") or 0)
        seen: set[int] = set()
        for tc in _row_cells(tr, qn):
            tcpr = tc.find(qn("w:tcPr"))
            span, vmerge = 1, None
            if tcpr is not None:
                gs = tcpr.find(qn("w:gridSpan"))
                if gs is not None:
                    span = max(int(gs.get(qn("w:val"), "1") or 1), 1)
                vm = tcpr.find(qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(qn("w:val")) or "continue"
            if vmerge == "continue" and col in open_cols and open_cols[col].colspan == span:
                above = open_cols[col]
                above.rowspan = r - above.row + 1
                seen.update(range(col, col + span))
                col += span
                continue
            paras = [Paragraph(p, document).text for p in tc.iterchildren(qn("w:p"))]
            cell = Cell(row=r, col=col, text=clean_cell("\n".join(paras)), rowspan=1, colspan=span, page=page)
            cells.append(cell)
            for c in range(col, col + span):
                open_cols.pop(c, None)
            open_cols[col] = cell
            seen.update(range(col, col + span))
            col += span
        # a column not present in this row closes any vertical merge through it
        for c in list(open_cols):
            if c not in seen:
                del open_cols[c]
        r += 1
    return Grid(cells=cells, page=page, source="docx")


def _row_cells(tr, qn):
    """The w:tc of a row, looking through w:sdt / w:customXml wrappers."""
    for child in tr.iterchildren():
        if child.tag == qn("w:tc"):
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _row_cells(content, qn)
