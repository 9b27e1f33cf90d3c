"""The real copier scan in ../shared/real2: the Changsha 普惠金融 regional target table.

A Fuji Xerox copier scan at 200 dpi, no text layer, a red 附件专用章 over the header
cells (the copier scanned it nearly grey).  Page 5 holds the 中央对地方专项转移支付区域
绩效目标表.  Its OCR cell grid is compared with ``samples/scans/changsha-scan-p5.truth.json``,
typed by hand from the page image, so this holds whatever the parser makes of the table.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perfaudit.extract import scan

ROOT = Path(__file__).resolve().parents[1]
SCAN = ROOT.parent / "shared" / "real2" / "changsha-finance-2025-transfer-target-notice-scan.pdf"
TRUTH = json.loads((ROOT / "samples" / "scans" / "changsha-scan-p5.truth.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(not SCAN.exists(), reason="../shared/real2 is not beside the repository")


def nows(s: str | None) -> str:
    return "".join((s or "").split())


@pytest.fixture(scope="module")
def page5():
    return scan.page_grids(SCAN, TRUTH["page"] - 1)


def test_one_table_with_the_typed_grid(page5):
    grids, head = page5
    assert len(grids) == 1
    got = sorted((c.row, c.col, c.rowspan, c.colspan) for c in grids[0].cells)
    assert got == sorted(tuple(c[:4]) for c in TRUTH["cells"])
    assert TRUTH["title"] in [nows(x) for x in head]


#: cells the seal lies over (rows 0-3 of the value columns): read right, or flagged doubtful
UNDER_SEAL = {(0, 2), (1, 2), (2, 2), (2, 3), (3, 2), (3, 3)}


def test_every_cell_reads_as_typed_or_is_flagged(page5):
    """Every cell clear of the seal reads exactly as typed (36 of 43); a cell under the
    seal either reads as typed or carries a confidence below the audit's 0.8, so it is
    named in the file's problems and marks every finding on it."""
    grids, _ = page5
    got = {(c.row, c.col, c.rowspan, c.colspan): c for c in grids[0].cells}
    wrong, unflagged = [], []
    for r, c, rs, cs, text in TRUTH["cells"]:
        cell = got[(r, c, rs, cs)]
        if nows(cell.text) == nows(text):
            continue
        if (r, c) not in UNDER_SEAL:
            wrong.append((r, c, text, cell.text))
        elif cell.confidence >= 0.8:
            unflagged.append((r, c, text, cell.text, cell.confidence))
    assert wrong == [] and unflagged == []


def test_seal_cells_named_in_problems(page5):
    from perfaudit.extract.scan_quality import judge_page

    kept, problems = judge_page(page5[0], TRUTH["page"])
    assert len(kept) == 1  # doubtful cells, but the table is trusted
    low = [p for p in problems if p.code == "ocr_low_confidence"]
    assert len(low) == 1 and low[0].page == 5
    doubtful = [c for c in kept[0].cells if c.confidence < 0.8]
    assert doubtful and all((c.row, c.col) in UNDER_SEAL for c in doubtful)
    for c in doubtful:
        assert f"第{c.row + 1}行第{c.col + 1}列" in low[0].message


def test_amounts_and_indicator_rows(page5):
    """The amounts and every indicator row (三级指标 + 指标值), whatever else happens."""
    g = page5[0][0]

    def text(r, c):
        cell = g.at(r, c)
        return nows(cell.text) if cell else None

    assert (text(4, 3), text(5, 3)) == ("29231", "17132")
    rows = [(text(r, 3), text(r, 4)) for r in range(8, 15)]
    want = [
        (nows(a[4]), nows(b[4]))
        for a in TRUTH["cells"]
        for b in TRUTH["cells"]
        if a[0] >= 8 and a[1] == 3 and b[0] == a[0] and b[1] == 4
    ]
    assert rows == want and len(rows) == 7
