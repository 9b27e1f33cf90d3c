"""xlsx and docx readers against samples/office (made from samples/source/seed.json)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from perfaudit.extract.office import OfficeError, docx_grids, format_value, xlsx_grids

ROOT = Path(__file__).resolve().parents[1]
OFFICE = ROOT / "samples" / "office"
EXPECTED = json.loads((OFFICE / "seed.expected.json").read_text(encoding="utf-8"))
SEED = json.loads((ROOT / "samples" / "source" / "seed.json").read_text(encoding="utf-8"))


def cells_of(grid) -> list[list]:
    return sorted([c.row, c.col, c.rowspan, c.colspan, c.text] for c in grid.cells)


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_every_cell_of_every_table(kind):
    grids = xlsx_grids(OFFICE / "seed.xlsx") if kind == "xlsx" else docx_grids(OFFICE / "seed.docx")
    want = EXPECTED[kind]
    assert len(grids) == len(want) == 12
    total = sum(len(w["cells"]) for w in want)
    exact = sum(
        a == b
        for g, w in zip(grids, want, strict=True)
        for a, b in zip(cells_of(g), w["cells"], strict=False)
    )
    assert (exact, total) == (924, 924)
    for g, w in zip(grids, want, strict=True):
        assert cells_of(g) == w["cells"]
        assert g.context == w["context"]
        assert g.source == kind
        assert all(c.confidence == 1.0 for c in g.cells)
    if kind == "xlsx":
        assert [g.page for g in grids] == [1] * 4 + [2] * 4 + [3] * 4  # sheet number
    else:
        assert [g.page for g in grids] == list(range(1, 13))  # one page break per project


def test_formula_cached_value_is_read():
    import openpyxl

    wb = openpyxl.load_workbook(OFFICE / "seed.xlsx")  # formulas, not values
    ws = wb["项目1-4"]
    assert ws["C5"].value == "=SUM(E5,G5)"
    wb.close()
    grid = xlsx_grids(OFFICE / "seed.xlsx")[0]
    budget = next(c for c in grid.cells if (c.row, c.col) == (1, 2))
    assert budget.text == "5.00" and budget.confidence == 1.0
    assert [c.text for c in grid.cells if c.row == 4 and c.text] == ["25%", "50%", "75%", "100%"]


def test_formula_without_cached_value_is_empty_and_unsure(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "某项目", "预算数", None])
    ws.append(["财政资金", 3, "其他资金", 2])
    ws["D1"] = "=B2+D2"  # openpyxl stores no cached value
    path = tmp_path / "nocache.xlsx"
    wb.save(path)
    (grid,) = xlsx_grids(path)
    cell = next(c for c in grid.cells if (c.row, c.col) == (0, 3))
    assert (cell.text, cell.confidence) == ("", 0.0)
    assert cells_of(grid) == [
        [0, 0, 1, 1, "项目名称"],
        [0, 1, 1, 1, "某项目"],
        [0, 2, 1, 1, "预算数"],
        [0, 3, 1, 1, ""],
        [1, 0, 1, 1, "财政资金"],
        [1, 1, 1, 1, "3"],
        [1, 2, 1, 1, "其他资金"],
        [1, 3, 1, 1, "2"],
    ]


def test_borderless_sheet_split_by_blank_rows_with_context(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    ws.append(["1.甲项目绩效目标表"])
    ws.append(["单位：万元"])
    ws.append(["项目名称", "甲", "预算数", 12.5])
    ws.append(["一级指标", "二级指标", "三级指标", "指标值"])
    ws.append(["产出指标", "数量指标", "人数", "≥10 人"])
    ws.append([])
    ws.append(["2.乙项目绩效目标表"])
    ws.append(["项目名称", "乙", "预算数", 3])
    wb.create_sheet("空白")
    path = tmp_path / "two.xlsx"
    wb.save(path)
    g1, g2 = xlsx_grids(path)
    assert g1.context == ["1.甲项目绩效目标表", "单位：万元"]
    assert [[c.text for c in row] for row in g1.rows()] == [
        ["项目名称", "甲", "预算数", "12.5"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "人数", "≥10 人"],
    ]
    assert g2.context == ["2.乙项目绩效目标表"]
    assert [[c.text for c in row] for row in g2.rows()] == [["项目名称", "乙", "预算数", "3"]]


def test_docx_vmerge_and_gridspan(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("3.丙项目绩效目标表")
    d.add_paragraph("")
    d.add_paragraph("单位：元")
    t = d.add_table(rows=3, cols=4)
    a = t.cell(0, 0).merge(t.cell(2, 0))
    a.text = "产出指标"
    b = t.cell(0, 1).merge(t.cell(0, 3))
    b.text = "数量指标"
    for col, text in ((1, "x"), (2, "y\n第二行"), (3, "z")):
        t.cell(1, col).text = text
    c = t.cell(2, 1).merge(t.cell(2, 2))
    c.text = "合并"
    path = tmp_path / "t.docx"
    d.save(path)
    (g,) = docx_grids(path)
    assert g.context == ["3.丙项目绩效目标表", "单位：元"]
    assert cells_of(g) == [
        [0, 0, 3, 1, "产出指标"],
        [0, 1, 1, 3, "数量指标"],
        [1, 1, 1, 1, "x"],
        [1, 2, 1, 1, "y第二行"],
        [1, 3, 1, 1, "z"],
        [2, 1, 1, 2, "合并"],
        [2, 3, 1, 1, ""],
    ]


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_bad_files_raise_clear_office_errors(tmp_path, kind):
    reader = xlsx_grids if kind == "xlsx" else docx_grids
    empty = tmp_path / f"empty.{kind}"
    empty.write_bytes(b"")
    with pytest.raises(OfficeError) as e:
        reader(empty)
    assert e.value.status == "empty" and "文件为空" in e.value.message_zh

    ole = tmp_path / f"enc.{kind}"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le"))
    with pytest.raises(OfficeError) as e:
        reader(ole)
    assert e.value.status == "encrypted" and "密码" in e.value.message_zh and "password" in e.value.message_en

    legacy = tmp_path / f"old.{kind}"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500)
    with pytest.raises(OfficeError) as e:
        reader(legacy)
    assert f"另存为 .{kind}" in e.value.message_zh

    junk = tmp_path / f"junk.{kind}"
    junk.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(OfficeError) as e:
        reader(junk)
    assert e.value.status == "damaged"

    wrongzip = tmp_path / f"wrong.{kind}"
    with zipfile.ZipFile(wrongzip, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(OfficeError) as e:
        reader(wrongzip)
    assert e.value.status == "damaged" and e.value.args == (e.value.message_zh, e.value.message_en, "damaged")


def test_format_value():
    from datetime import datetime

    assert format_value(5, "0.00") == "5.00"
    assert format_value(1234567.5, "#,##0.00") == "1,234,567.50"
    assert format_value(0.255, "0.0%") == "25.5%"
    assert format_value(3.0, "General") == "3"
    assert format_value(19.68, "General") == "19.68"
    assert format_value(datetime(2023, 1, 1), "yyyy-mm-dd") == "2023-01-01"
    assert format_value("≥95 百分比") == "≥95 百分比"
    assert format_value(None) == ""


@pytest.mark.parametrize("name", ["seed.xlsx", "seed.docx"])
def test_extract_office_gives_the_source_projects(name):
    import perfaudit

    res = perfaudit.extract(OFFICE / name)
    assert res.status == "ok" and res.problems == []
    assert len(res.projects) == 12 and len(res.indicators) == 108
    assert set(res.projects["source"]) == {name.split(".")[1]}
    for i, src in enumerate(SEED["projects"]):
        got = res.projects.iloc[i]
        for key in (
            "code",
            "name",
            "unit_code",
            "unit_name",
            "money_unit",
            "use",
            "title",
            "budget_total",
            "budget_fiscal",
        ):
            assert got[key] == src[key], (i, key)
        inds = res.indicators[res.indicators["project_id"] == got["project_id"]]
        rows = [
            {k: r[k] for k in ("level1", "level2", "level3", "description", "target", "basis")}
            for _, r in inds.iterrows()
        ]
        assert rows == [{k: ind[k] for k in rows[0]} for ind in src["indicators"]]
        assert set(inds["confidence"]) == {1.0}
