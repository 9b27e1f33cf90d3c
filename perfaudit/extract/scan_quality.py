"""What the OCR of one page can be trusted with: low-confidence cells, unreadable pages.

* A cell read below :data:`LOW_CONFIDENCE` is named in the file's problems (page, row,
  column and what was read), so the reviewer knows which figure to check on paper.
  Indicator rows carry the lowest confidence of their cells
  (:mod:`perfaudit.extract.parse`), which marks every finding on them.
* A page whose table is read so badly that its rows cannot be trusted (a large share
  of its cells unreadable or doubtful) gives no grids at all, and a problem saying why,
  rather than rows made of misread text.
"""

from __future__ import annotations

from ..models import Problem
from .grid import Cell, Grid

#: cells read with a lower confidence are doubtful (the audit's default low_confidence)
LOW_CONFIDENCE = 0.8
#: a table with more doubtful cells than this share (of the cells holding ink) is not used
UNTRUSTED_SHARE = 0.3
#: ... provided it has at least this many doubtful cells (a 4-cell table with one bad cell is kept)
UNTRUSTED_MIN = 4
#: at most this many cells are named in one problem line
NAMED = 6


def doubtful(cell: Cell) -> bool:
    """A cell with ink read below the threshold (an empty cell is 1.0, an unreadable one 0.0)."""
    return cell.confidence < LOW_CONFIDENCE


def _name(cell: Cell, en: bool) -> str:
    text = cell.text.replace("\n", "")
    if len(text) > 12:
        text = text[:12] + "…"
    shown = f"“{text}”" if en else f"「{text}」"
    if not text:
        shown = "(unreadable)" if en else "（无法识别）"
    where = f"row {cell.row + 1} col {cell.col + 1} " if en else f"第{cell.row + 1}行第{cell.col + 1}列"
    return f"{where}{shown} {cell.confidence:.2f}"


def _low_problem(page: int, cells: list[Cell]) -> Problem:
    named_zh = "、".join(_name(c, False) for c in cells[:NAMED]) + ("等" if len(cells) > NAMED else "")
    named_en = "; ".join(_name(c, True) for c in cells[:NAMED]) + ("; …" if len(cells) > NAMED else "")
    return Problem(
        "ocr_low_confidence",
        f"第 {page} 页有 {len(cells)} 个单元格识别置信度低于 {LOW_CONFIDENCE:.2f}，请核对原件：{named_zh}",
        f"page {page}: {len(cells)} cell(s) read with confidence below {LOW_CONFIDENCE:.2f}, "
        f"check them on the original: {named_en}",
        page,
    )


def untrusted(grid: Grid) -> tuple[int, int]:
    """(doubtful cells, cells with ink) when the table cannot be trusted, else (0, 0)."""
    inked = [c for c in grid.cells if c.text or c.confidence < 1.0]
    bad = [c for c in inked if doubtful(c)]
    if len(bad) >= UNTRUSTED_MIN and len(bad) > UNTRUSTED_SHARE * max(len(inked), 1):
        return len(bad), len(inked)
    return 0, 0


def judge_page(grids: list[Grid], page: int) -> tuple[list[Grid], list[Problem]]:
    """The grids of one OCR'd page worth parsing, and the problems to report for it."""
    kept: list[Grid] = []
    problems: list[Problem] = []
    for g in grids:
        bad, inked = untrusted(g)
        if bad:
            problems.append(
                Problem(
                    "ocr_untrusted",
                    f"第 {page} 页扫描件识别质量过差（{inked} 个单元格中 {bad} 个无法可靠识别），该页表格未采用，"
                    "请提供更清晰的扫描件或原始电子文件",
                    f"page {page}: the scan is read too poorly to trust its table ({bad} of {inked} cells "
                    "unreliable); the table was not used: supply a clearer scan or the original file",
                    page,
                )
            )
            continue
        kept.append(g)
        low = sorted(
            (c for c in g.cells if doubtful(c) and (c.text or c.confidence < 1.0)),
            key=lambda c: (c.row, c.col),
        )
        if low:
            problems.append(_low_problem(page, low))
    return kept, problems
