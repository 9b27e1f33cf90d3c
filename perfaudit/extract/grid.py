"""The cell grid every source (PDF text layer, OCR, xlsx, docx) is turned into.

A :class:`Grid` is one table as a list of :class:`Cell` with explicit row/column
spans.  The label-driven parser (:mod:`perfaudit.extract.parse`) reads only grids, so
a new source needs to produce grids and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    row: int  # 0-based top row
    col: int  # 0-based left column
    text: str  # normalised text (see perfaudit.extract.text.clean_cell)
    rowspan: int = 1
    colspan: int = 1
    page: int = 1  # 1-based page the cell was read on
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in page points
    confidence: float = 1.0  # OCR confidence; 1.0 for text layers and office files

    @property
    def bottom(self) -> int:
        """Index of the last row the cell covers."""
        return self.row + self.rowspan - 1

    @property
    def right(self) -> int:
        return self.col + self.colspan - 1


@dataclass
class Grid:
    cells: list[Cell]
    page: int  # first page of the table (1-based)
    source: str = "pdf"  # pdf / ocr / xlsx / docx
    context: list[str] = field(default_factory=list)  # text lines above the table (title, unit line …)
    col_edges: list[float] = field(default_factory=list)  # x boundaries, for page stitching
    top: float = 0.0  # y of the table's top edge on its page
    bottom_y: float = 0.0  # y of the table's bottom edge on its last page
    page_height: float = 0.0
    open_top: bool = False  # no ruling drawn at the top edge: continues a row from the previous page
    open_bottom: bool = False  # no ruling at the bottom edge: a row is cut by the page break

    # Readers call nrows/ncols/at once per row or per field: they are answered from an index
    # built once per grid (O(cells)), so reading an n-row table costs O(n), not O(n²).  The
    # index is rebuilt if cells are added; cells are not otherwise changed once in a grid.

    def _index(self) -> dict:
        idx = self.__dict__.get("_idx")
        if idx is None or idx["n"] != len(self.cells):
            nrows = max((c.bottom for c in self.cells), default=-1) + 1
            ncols = max((c.right for c in self.cells), default=-1) + 1
            at: dict[tuple[int, int], Cell] = {}
            for c in reversed(self.cells):  # the first cell listed wins, as in a scan of the list
                for r in range(c.row, c.bottom + 1):
                    for k in range(c.col, c.right + 1):
                        at[(r, k)] = c
            idx = {"n": len(self.cells), "nrows": nrows, "ncols": ncols, "at": at}
            self.__dict__["_idx"] = idx
        return idx

    @property
    def nrows(self) -> int:
        return self._index()["nrows"]

    @property
    def ncols(self) -> int:
        return self._index()["ncols"]

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by their top row, each row sorted left to right."""
        out: list[list[Cell]] = [[] for _ in range(self.nrows)]
        for c in self.cells:
            out[c.row].append(c)
        for r in out:
            r.sort(key=lambda c: c.col)
        return out

    def at(self, row: int, col: int) -> Cell | None:
        """The cell covering (row, col), if any (O(1))."""
        return self._index()["at"].get((row, col))

    def text(self) -> str:
        return "".join(c.text for c in sorted(self.cells, key=lambda c: (c.row, c.col)))
