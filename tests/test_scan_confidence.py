"""Confidence of a scanned table's header cells (issue 12): a project-level cell (name, code,
money, goal …) read by OCR below the threshold marks every finding about the project.

Cheap: the parse test reads the text layer of the seed's page 5 (no OCR) and lowers the
confidence of its 预算数 value cell as a smudged scan would; the engine test uses a project
in the JSON shape.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from perfaudit.config import AuditConfig
from perfaudit.engine import run_rules
from perfaudit.extract.parse import parse_grids_checked
from perfaudit.extract.pdf import PdfSettings, page_grids
from perfaudit.extract.serialize import result_from_dict
from perfaudit.rules.examples import GOOD_ROWS, file, project

ROOT = Path(__file__).resolve().parents[1]


def _seed_p5_grids():
    with pdfplumber.open(ROOT / "samples" / "seed-word.pdf") as pdf:
        return page_grids(pdf.pages[4].dedupe_chars(tolerance=1.0), PdfSettings())


def _money_cell(grid):
    """The value cell right of the 预算数 label (5.00 on this page)."""
    label = next(c for c in grid.cells if c.text == "预算数")
    return next(c for c in grid.cells if c.row == label.row and c.col == label.right + 1)


def test_project_confidence_is_the_lowest_header_cell():
    grids = _seed_p5_grids()
    projects, _ = parse_grids_checked(grids)
    assert projects[0]["confidence"] == 1.0  # a text layer is certain
    money = _money_cell(grids[0])
    assert money.text == "5.00"
    money.confidence = 0.42  # a smudged scan of the money cell
    projects, _ = parse_grids_checked(grids)
    assert projects[0]["code"] == "13030322P00408910001D" and projects[0]["budget_total"] == 5.0
    assert projects[0]["confidence"] == 0.42
    # an indicator row is not made doubtful by the header: it keeps its own confidence
    assert {i["confidence"] for i in projects[0]["indicators"]} == {1.0}


def _result(confidence: float):
    p = project("示例", GOOD_ROWS, goal="示例")  # the goal restates the name: PA501, a project-level rule
    p["confidence"] = confidence
    return result_from_dict(file(p))


def test_project_level_finding_carries_low_confidence():
    cfg = AuditConfig(select=["PA501"], low_confidence=0.8)
    (f,) = run_rules([_result(0.42)], cfg)
    assert f.rule == "PA501" and f.low_confidence
    assert "该表表头识别置信度 0.42，低于 0.80，请对照原件核实" in f.message
    assert "header cells 0.42 is below 0.80" in f.message_en
    (f,) = run_rules([_result(1.0)], cfg)
    assert not f.low_confidence and "置信度" not in f.message
    # the threshold is the config's: lowered below the cell, the finding is plain again
    (f,) = run_rules([_result(0.42)], AuditConfig(select=["PA501"], low_confidence=0.4))
    assert not f.low_confidence


def test_project_confidence_survives_the_json_round_trip():
    d = _result(0.42).to_dict()
    assert d["projects"][0]["confidence"] == 0.42
    assert result_from_dict(d).projects["confidence"].tolist() == [0.42]
