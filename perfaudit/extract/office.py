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

from ..models import STATUS_DAMAGED
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


def _check_container(path: Path, kind: str) -> None:
    """Raise OfficeError for empty, encrypted, legacy or non-zip files (decided in .sniff)."""
    from .sniff import Refusal, examine, wrong_content

    try:
        found = examine(path)
    except OSError as exc:
        raise OfficeError(
            f"无法读取文件：{path.name}", f"cannot read the file: {exc.strerror or exc}"
        ) from exc
    if isinstance(found, Refusal):
        raise OfficeError(found.zh, found.en, found.status)
    if found != kind:  # a PDF, or the other Office format, under this name
        refusal = wrong_content(f".{kind}")
        raise OfficeError(refusal.zh, refusal.en, refusal.status)
    _check_unzipped_size(path)


def _check_unzipped_size(path: Path) -> None:
    """A zip bomb is refused before anything is inflated: the parts' declared sizes are summed.

    zipfile never yields more than a part's declared size, so the sum bounds what is read."""
    from ..limits import UNIT_MB, check, current

    try:
        with zipfile.ZipFile(path) as z:
            total = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError):
        return  # the reader reports the damage
    check(
        total / (1 << 20),
        current().max_unzipped_mb,
        f"解压后共 {total / (1 << 20):,.0f} MB",
        f"{total / (1 << 20):,.0f} MB once unzipped",
        UNIT_MB,
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
    m = re.search(r"[0#?,]*\.?([0#?]*)", core[core.find("0") if "0" in core else 0 :])
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
    """Every table of every worksheet of an .xlsx file, as grids (``source="xlsx"``).

    The workbook is read in one streaming pass per sheet (openpyxl's read-only parser) that
    keeps only the cells the file holds: a full load would build an object for every cell a
    merged range covers and restyle its edges, which is slow on big real workbooks and
    unbounded on hostile ones.  Merged ranges are checked against the limits first."""
    from ..limits import LimitExceeded

    path = Path(path)
    _check_container(path, "xlsx")
    try:
        import openpyxl

        wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    except MemoryError:
        raise
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException, XML errors
        raise _damaged(path, "xlsx", exc) from exc
    grids: list[Grid] = []
    try:
        for sheet_no, ws in enumerate(wb.worksheets, start=1):
            try:
                sheet = _read_sheet(wb, ws)
            except (LimitExceeded, MemoryError):
                raise
            except Exception as exc:  # a damaged sheet part
                raise _damaged(path, "xlsx", exc) from exc
            grids.extend(_sheet_grids(sheet, sheet_no))
    finally:
        wb.close()
    return grids


class _SheetData:
    """What the grids need of one worksheet: its cells and merged ranges."""

    def __init__(self, title: str):
        self.title = title
        # (row, col, value, number_format, has_border, is_formula) of every cell in the file
        self.cells: list[tuple[int, int, Any, str, bool, bool]] = []
        self.merges: list[tuple[int, int, int, int]] = []  # (min_row, min_col, max_row, max_col)


def _read_sheet(wb, ws) -> _SheetData:
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class _Parser(WorkSheetParser):
        def parse_cell(self, element):  # the cached value, and whether a formula produced it
            cell = super().parse_cell(element)
            cell["formula"] = element.find(FORMULA_TAG) is not None
            return cell

    sheet = _SheetData(ws.title)
    styles: dict[int, tuple[str, bool]] = {}
    with ws._get_source() as src:
        parser = _Parser(src, ws._shared_strings, data_only=True, epoch=wb.epoch, date_formats=wb._date_formats,
                         timedelta_formats=wb._timedelta_formats)  # fmt: skip
        for _idx, row in parser.parse():
            for c in row:
                sid = c["style_id"] or 0
                if sid not in styles:
                    rc = ReadOnlyCell(ws, c["row"], c["column"], None, "n", sid)
                    styles[sid] = (rc.number_format, _has_border(rc))
                fmt, border = styles[sid]
                sheet.cells.append((c["row"], c["column"], c["value"], fmt, border, c["formula"]))
    for m in getattr(parser.merged_cells, "mergeCell", None) or []:
        try:
            c0, r0, c1, r1 = range_boundaries(m.ref)
        except (ValueError, TypeError):
            continue
        sheet.merges.append((r0, c0, r1, c1))
    _check_merges(sheet)
    return sheet


def _check_merges(sheet: _SheetData) -> None:
    """Refuse a merged range (or all of them) covering more cells than the limits allow."""
    from openpyxl.utils.cell import get_column_letter

    from ..limits import UNIT_CELLS, check, current

    lim = current()
    total = 0
    for r0, c0, r1, c1 in sheet.merges:
        area = (r1 - r0 + 1) * (c1 - c0 + 1)
        total += area
        ref = f"{get_column_letter(c0)}{r0}:{get_column_letter(c1)}{r1}"
        check(
            area,
            lim.max_merged_cells,
            f"工作表“{sheet.title}”的合并单元格 {ref} 覆盖 {area:,} 个单元格",
            f"the merged range {ref} of sheet '{sheet.title}' covers {area:,} cells",
            UNIT_CELLS,
        )
        check(
            total,
            lim.max_sheet_cells,
            f"工作表“{sheet.title}”的合并单元格共覆盖 {total:,} 个单元格",
            f"the merged ranges of sheet '{sheet.title}' cover {total:,} cells",
            UNIT_CELLS,
        )


def _has_border(cell) -> bool:
    b = getattr(cell, "border", None)
    if b is None:
        return False
    return any(getattr(getattr(b, side, None), "style", None) for side in ("left", "right", "top", "bottom"))


def _merged(merges: list[tuple[int, int, int, int]]) -> tuple[dict, dict, set[int], set[int]]:
    """Merged ranges: top-left -> (rowspan, colspan), covered cell -> top-left, rows a vertical
    merge runs through (top row included) and rows continuing a merge from above."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    vrows: set[int] = set()
    cont_rows: set[int] = set()
    for r0, c0, r1, c1 in merges:  # their total area is within the limits (_check_merges)
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered[(r, c)] = (r0, c0)
        if r1 > r0:
            vrows.update(range(r0, r1 + 1))
            cont_rows.update(range(r0 + 1, r1 + 1))
    return spans, covered, vrows, cont_rows


def _sheet_grids(sheet: _SheetData, sheet_no: int) -> list[Grid]:
    """The tables of one worksheet: its cells' text, checked against the size limits, cut
    into blocks of consecutive rows, each block split into tables and context lines."""
    from .text import clean_line

    spans, covered, vrows, cont_rows = _merged(sheet.merges)
    text, unknown, border = _sheet_text(sheet, covered)
    used = set(text) | unknown | set(spans)
    if not used:
        return []
    rows_used = {r for r, _ in used}
    _check_sheet_size(sheet.title, used, rows_used | vrows)
    values: dict[int, list[tuple[int, str]]] = {}
    for (r, c), t in sorted(text.items()):
        values.setdefault(r, []).append((c, t))
    boxed: dict[int, int] = {}  # row -> bordered cells holding text or a merge
    for r, c in border:
        if (r, c) in text or (r, c) in spans:
            boxed[r] = boxed.get(r, 0) + 1
    layout = _SheetLayout(text, spans, covered, unknown, values, boxed, cont_rows, sheet_no)
    grids: list[Grid] = []
    for block in _blocks(sorted(rows_used | vrows)):
        grids.extend(layout.block_grids(block, clean_line))
    return grids


def _sheet_text(sheet: _SheetData, covered: dict) -> tuple[dict[tuple[int, int], str], set, set]:
    """(cell -> cleaned text, formula cells without a cached value, bordered cells); cells
    a merged range covers are left out (their range's top-left cell holds the value)."""
    from .text import clean_cell

    text: dict[tuple[int, int], str] = {}
    unknown: set[tuple[int, int]] = set()
    border: set[tuple[int, int]] = set()
    for r, c, v, fmt, has_border, formula in sheet.cells:
        key = (r, c)
        if key in covered:
            continue
        t = clean_cell(format_value(v, fmt)) if v is not None else ""
        if v is None and formula:
            unknown.add(key)
        if t:
            text[key] = t
        if has_border:
            border.add(key)
    return text, unknown, border


def _check_sheet_size(title: str, used: set[tuple[int, int]], rows: set[int]) -> None:
    """Refuse a sheet whose content spans more cells, or more rows, than the limits allow."""
    from ..limits import UNIT_CELLS, UNIT_ROWS, check, current

    rows_used = {r for r, _ in used}
    cols_used = {c for _, c in used}
    area = (max(rows_used) - min(rows_used) + 1) * (max(cols_used) - min(cols_used) + 1)
    check(
        area,
        current().max_sheet_cells,
        f"工作表“{title}”的内容跨越 {area:,} 个单元格",
        f"the content of sheet '{title}' spans {area:,} cells",
        UNIT_CELLS,
    )
    check(
        len(rows),
        current().max_table_rows,
        f"工作表“{title}”有 {len(rows_used):,} 行",
        f"sheet '{title}' has {len(rows_used):,} rows",
        UNIT_ROWS,
    )


def _blocks(rows: list[int]) -> list[list[int]]:
    """Runs of consecutive row numbers."""
    blocks: list[list[int]] = []
    for r in rows:
        if blocks and r == blocks[-1][-1] + 1:
            blocks[-1].append(r)
        else:
            blocks.append([r])
    return blocks


class _SheetLayout:
    """One worksheet's cells, indexed by row, and the splitting of a block of rows into tables."""

    def __init__(self, text, spans, covered, unknown, values, boxed, cont_rows, sheet_no):
        self.text, self.spans, self.covered, self.unknown = text, spans, covered, unknown
        self.values, self.boxed, self.cont_rows, self.sheet_no = values, boxed, cont_rows, sheet_no
        self.spans_by_row: dict[int, list[tuple[int, int]]] = {}
        for (r, c), (_rs, cs) in spans.items():
            self.spans_by_row.setdefault(r, []).append((c, cs))
        self.unknown_by_row: dict[int, list[int]] = {}
        for r, c in unknown:
            self.unknown_by_row.setdefault(r, []).append(c)

    def table_like(self, r: int, bordered: bool) -> bool:
        vals = self.values.get(r, [])
        if bordered:
            n = self.boxed.get(r, 0)
            return n >= 2 or (n == 1 and len(vals) >= 2)
        return len(vals) >= 2 and not all(_is_context_text(t) for _, t in vals)

    def block_grids(self, block: list[int], clean_line) -> list[Grid]:
        bordered = any(self.boxed.get(r) for r in block)
        grids: list[Grid] = []
        context: list[str] = []
        table_rows: list[int] = []
        first_label: str | None = None
        for r in block:
            vals = self.values.get(r, [])
            if table_rows:
                starts_new = (
                    bool(vals)
                    and first_label is not None
                    and vals[0][1] == first_label
                    and r not in self.cont_rows
                )
                ends = not self.table_like(r, bordered) and len(vals) == 1 and _is_context_text(vals[0][1])
                if starts_new or ends:
                    grids.append(self.grid(table_rows, context))
                    context, table_rows, first_label = [], [], None
                    if ends:
                        context.extend(clean_line(t) for _, t in vals)
                        continue
                else:
                    table_rows.append(r)
                    continue
            if self.table_like(r, bordered):
                table_rows.append(r)
                first_label = vals[0][1] if vals else None
            elif vals:
                context.extend(clean_line(t) for _, t in vals)
        if table_rows:
            grids.append(self.grid(table_rows, context))
        return grids

    def grid(self, rows: list[int], context: list[str]) -> Grid:
        r_first, r_last = rows[0], rows[-1]
        cols: set[int] = set()
        for r in range(r_first, r_last + 1):
            for c, _t in self.values.get(r, []):
                rs, cs = self.spans.get((r, c), (1, 1))
                cols.update(range(c, c + cs))
            for c, cs in self.spans_by_row.get(r, []):
                cols.update(range(c, c + cs))
            cols.update(self.unknown_by_row.get(r, []))
        c_first, c_last = min(cols), max(cols)
        cells: list[Cell] = []
        for r in range(r_first, r_last + 1):
            for c in range(c_first, c_last + 1):
                top = self.covered.get((r, c))
                if top is not None and r_first <= top[0] and c_first <= top[1]:
                    continue
                rs, cs = self.spans.get((r, c), (1, 1))
                rs = min(rs, r_last - r + 1)
                cs = min(cs, c_last - c + 1)
                cells.append(
                    Cell(
                        row=r - r_first,
                        col=c - c_first,
                        text=self.text.get((r, c), ""),
                        rowspan=rs,
                        colspan=cs,
                        page=self.sheet_no,
                        confidence=0.0 if (r, c) in self.unknown else 1.0,
                    )
                )
        return Grid(cells=cells, page=self.sheet_no, source="xlsx", context=[c for c in context if c])


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

    from ..limits import UNIT_ROWS, check, current
    from .text import clean_cell

    lim = current()
    cells: list[Cell] = []
    open_cols: dict[int, Cell] = {}  # grid column -> cell a vMerge may continue
    r = 0
    for tr in tbl.iterchildren(qn("w:tr")):
        col = 0
        trpr = tr.find(qn("w:trPr"))
        if trpr is not None:
            gb = trpr.find(qn("w:gridBefore"))
            if gb is not None:
                col = _span_value(gb.get(qn("w:val"), "0"), 0, "gridBefore")
        seen: set[int] = set()
        for tc in _row_cells(tr, qn):
            tcpr = tc.find(qn("w:tcPr"))
            span, vmerge = 1, None
            if tcpr is not None:
                gs = tcpr.find(qn("w:gridSpan"))
                if gs is not None:
                    span = max(_span_value(gs.get(qn("w:val"), "1"), 1, "gridSpan"), 1)
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
        if r > lim.max_table_rows:
            check(
                r,
                lim.max_table_rows,
                f"表格超过 {lim.max_table_rows:,} 行",
                f"a table has over {lim.max_table_rows:,} rows",
                UNIT_ROWS,
            )
    return Grid(cells=cells, page=page, source="docx")


def _span_value(raw: str | None, default: int, what: str) -> int:
    """A gridSpan/gridBefore number, refused above the span limit (a cell cannot span 2 billion columns)."""
    from ..limits import UNIT_COLS, check, current

    try:
        n = int(raw or default)
    except ValueError:
        return default
    check(
        n,
        current().max_span,
        f"表格单元格跨 {n:,} 列（{what}）",
        f"a table cell spans {n:,} columns ({what})",
        UNIT_COLS,
    )
    return n


def _row_cells(tr, qn):
    """The w:tc of a row, looking through w:sdt / w:customXml wrappers."""
    for child in tr.iterchildren():
        if child.tag == qn("w:tc"):
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _row_cells(content, qn)
