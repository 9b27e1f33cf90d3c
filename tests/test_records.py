"""The records (perfaudit/record.py): one declaration of a project and an indicator field.

* a field added to a record (one line, as a contributor writes it) reaches the DataFrame, the JSON,
  the CSV and the xlsx of ``perfaudit extract``;
* the JSON shape documented in README "Extraction" is unchanged (keys typed from the README);
* the rules' views keep every attribute the rules read, and read the parsed target columns
  instead of parsing the target again;
* the package's import graph has no cycle.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from perfaudit import record
from perfaudit.extract.serialize import INDICATOR_KEYS, PROJECT_KEYS, result_from_dict
from perfaudit.models import INDICATOR_COLUMNS, PROJECT_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "source" / "seed.json"

# typed from README "Extraction: the Python API and `perfaudit extract`" (the JSON block and column lists)
README_PROJECT_KEYS = ["code", "name", "unit_code", "unit_name", "money_unit", "budget_total", "budget_fiscal",
                       "budget_other", "use", "goal", "plan", "pages", "layout", "title", "extra", "source", "kind",
                       "department", "period", "period_goal", "tasks", "confidence"]  # fmt: skip
README_INDICATOR_KEYS = ["level1", "level2", "level3", "description", "target", "basis", "page", "operator", "value",
                         "unit", "target_kind", "confidence", "annual_target", "period_target", "score", "weight",
                         "core", "scoring", "value_type", "explanation", "remark", "activity"]  # fmt: skip
README_PROJECT_COLUMNS = ["file", "project_id", "code", "name", "unit_code", "unit_name", "money_unit",
                          "budget_total", "budget_fiscal", "budget_other", "use", "goal", "plan", "pages", "page",
                          "layout", "title", "extra", "source"]  # fmt: skip
README_INDICATOR_COLUMNS = ["file", "project_id", "project_code", "project_name", "page", "row", "level1", "level2",
                            "level3", "description", "target", "basis", "operator", "value", "unit", "target_kind",
                            "confidence"]  # fmt: skip


def _seed():
    return result_from_dict(json.loads(SEED.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- the documented shapes


def test_json_keys_and_columns_are_the_documented_ones():
    assert PROJECT_KEYS == README_PROJECT_KEYS
    assert INDICATOR_KEYS == README_INDICATOR_KEYS
    assert PROJECT_COLUMNS[: len(README_PROJECT_COLUMNS)] == README_PROJECT_COLUMNS
    assert INDICATOR_COLUMNS[: len(README_INDICATOR_COLUMNS)] == README_INDICATOR_COLUMNS
    assert set(PROJECT_COLUMNS) == set(README_PROJECT_KEYS) | {"file", "project_id", "page"}


def test_json_shape_of_an_extraction_is_unchanged():
    """``to_dict`` of the seed: the README's keys in its order, and the values typed in the source."""
    source = json.loads(SEED.read_text(encoding="utf-8"))
    d = result_from_dict(source).to_dict()
    assert list(d) == ["file", "pages", "status", "message", "problems", "projects"]
    assert len(d["projects"]) == 12
    for got, typed in zip(d["projects"], source["projects"], strict=True):
        assert list(got) == README_PROJECT_KEYS + ["indicators"]
        assert {k: got[k] for k in typed if k != "indicators" and k in got} == {
            k: v for k, v in typed.items() if k != "indicators" and k in README_PROJECT_KEYS
        }
        for gi, ti in zip(got["indicators"], typed["indicators"], strict=True):
            assert list(gi) == README_INDICATOR_KEYS
            assert {k: gi[k] for k in ti if k in gi} == {
                k: v for k, v in ti.items() if k in README_INDICATOR_KEYS
            }
    first = d["projects"][0]
    assert first["budget_other"] is None and first["kind"] == "project" and first["tasks"] == []
    assert first["indicators"][0]["confidence"] == 1.0


def test_missing_parts_of_a_target_are_parsed_when_the_record_is_made():
    """A hand-written row with only the target text gets its parts once, in the DataFrame."""
    r = result_from_dict({"file": "x.pdf", "projects": [{"name": "示例", "indicators": [
        {"level3": "培训人次", "target": "≥200 人次"}, {"level3": "完成时间", "target": "2022年11月30日前"},
        {"level3": "录入", "target": "准确", "value": 98, "unit": "%"}]}]})  # fmt: skip
    parts = r.indicators[["operator", "value", "unit", "target_kind"]].astype(object)
    rows = [tuple(None if v != v else v for v in row) for row in parts.itertuples(index=False)]
    assert rows == [
        ("≥", 200.0, "人次", "number"),
        ("≤", None, None, "deadline"),
        (None, 98.0, "%", "number"),
    ]


def test_headers_come_from_the_records():
    from perfaudit import i18n

    assert i18n.header("budget_other") == "其他资金" and i18n.header("budget_other", "en") == "Other funds"
    assert i18n.header("annual_target") == "年度指标值"  # a field added with the regional layouts
    assert i18n.header("pages") == "页数"  # the summary's count, declared in i18n
    assert record.header("pages", "zh", record.ProjectRecord) == "所在页码"


# --------------------------------------------------------------------------- adding a field

ADDED = {
    "ProjectRecord": '    funding_source: str | None = text("资金来源", "Funding source")\n',
    "IndicatorRecord": '    evidence: str | None = text("佐证材料", "Evidence")\n',
}

PROBE = r"""
import json, sys
from perfaudit.extract.serialize import result_from_dict
from perfaudit.report.extract_out import build_extract_workbook, extract_csv
src = {"file": "x.pdf", "pages": 1, "status": "ok", "message": "", "projects": [
    {"name": "示例项目", "funding_source": "一般公共预算", "indicators": [
        {"level3": "培训人次", "target": "≥200 人次", "evidence": "签到表"}]}]}
r = result_from_dict(src)
wb = build_extract_workbook([r])
sheets = [[[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets]
print(json.dumps({
    "frame": [list(r.projects.columns), r.projects.to_dict("records")[0]["funding_source"],
              list(r.indicators.columns), r.indicators.to_dict("records")[0]["evidence"]],
    "json": r.to_dict()["projects"][0],
    "csv": extract_csv([r]).splitlines()[:2],
    "xlsx": sheets,
}, ensure_ascii=False, default=str))
"""


def test_a_field_added_to_a_record_reaches_every_output(tmp_path):
    """One line per record, in a copy of the package: DataFrame, JSON, CSV and xlsx all carry the field."""
    pkg = tmp_path / "perfaudit"
    shutil.copytree(ROOT / "perfaudit", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    src = (pkg / "record.py").read_text(encoding="utf-8")
    for cls, line in ADDED.items():  # appended at the end of the class body
        head = src.index(f"class {cls}")
        end = src.index("\n\n\n", head) + 1
        src = src[:end] + line + src[end:]
    (pkg / "record.py").write_text(src, encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}, timeout=120)  # fmt: skip
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    pcols, pvalue, icols, ivalue = got["frame"]
    assert pcols[-1] == "funding_source" and pvalue == "一般公共预算"
    assert icols[-1] == "evidence" and ivalue == "签到表"
    assert (
        got["json"]["funding_source"] == "一般公共预算"
        and got["json"]["indicators"][0]["evidence"] == "签到表"
    )
    header, row = (line.split(",") for line in got["csv"])
    header[0] = header[0].lstrip("\ufeff")
    assert row[header.index("funding_source")] == "一般公共预算" and row[header.index("evidence")] == "签到表"
    projects, indicators = got["xlsx"]
    assert projects[0][-1] == "资金来源" and projects[1][-1] == "一般公共预算"
    assert indicators[0][-1] == "佐证材料" and indicators[1][-1] == "签到表"


# --------------------------------------------------------------------------- the rules' views

#: every attribute of the views that the rules, the review and the reporters read (grep of perfaudit/rules)
INDICATOR_ATTRS = ["row", "page", "level1", "level2", "level3", "description", "target", "basis", "confidence",
                   "operator", "value", "unit", "kind", "dim1", "dim2", "name", "target_text", "shown", "parsed",
                   "category_label", "label"]  # fmt: skip
PROJECT_ATTRS = ["file", "file_index", "index", "project_id", "code", "name", "unit_code", "unit_name", "money_unit",
                 "budget_total", "budget_fiscal", "budget_other", "use", "goal", "plan", "page", "layout", "title",
                 "extra", "indicators", "kind", "required", "layout_money_unit", "label", "context_text",
                 "framework", "dims", "dim1s"]  # fmt: skip


def test_views_keep_the_attributes_the_rules_read():
    from perfaudit.rules.views import build_submission

    sub = build_submission(_seed(), 0)
    assert (sub.index, sub.status, len(sub.projects)) == (0, "ok", 12)
    proj = sub.projects[0]
    ind = proj.indicators[0]
    assert all(hasattr(proj, a) for a in PROJECT_ATTRS)
    assert all(hasattr(ind, a) for a in INDICATOR_ATTRS)
    assert (proj.index, proj.project_id, proj.page, proj.budget_other, proj.kind) == (
        1,
        "1",
        None,
        None,
        "project",
    )
    assert [i.row for i in proj.indicators] == list(range(1, len(proj.indicators) + 1))
    assert isinstance(proj, record.ProjectRecord) and isinstance(ind, record.IndicatorRecord)


def test_views_read_the_parsed_target_columns(monkeypatch):
    """Targets are parsed once: the views read operator/value/unit/target_kind, the parser is not called."""
    from perfaudit.extract import target
    from perfaudit.rules.views import build_submission

    result = _seed()

    def no_second_parse(text):
        raise AssertionError(f"target parsed again: {text!r}")

    monkeypatch.setattr(target, "parse_target", no_second_parse)
    inds = [i for p in build_submission(result, 0).projects for i in p.indicators]
    sat = next(i for i in inds if i.target == "≥95 百分比")
    assert (sat.operator, sat.value, sat.unit, sat.kind) == ("≥", 95.0, "百分比", "number")
    typed = [i for p in json.loads(SEED.read_text(encoding="utf-8"))["projects"] for i in p["indicators"]]
    assert [(i.operator, i.value, i.unit, i.kind) for i in inds] == [
        (t["operator"], t["value"], t["unit"], t["target_kind"]) for t in typed
    ]


def test_views_parse_a_table_made_without_the_parsed_columns():
    from perfaudit.rules.views import build_submission

    result = _seed()
    result.indicators = result.indicators.drop(columns=["operator", "value", "unit", "target_kind"])
    sat = next(
        i for p in build_submission(result, 0).projects for i in p.indicators if i.target == "≥95 百分比"
    )
    assert (sat.operator, sat.value, sat.unit, sat.kind) == ("≥", 95.0, "百分比", "number")


@pytest.mark.parametrize("cell", [float("nan"), None, "   "])
def test_views_read_an_empty_cell_as_none(cell):
    from perfaudit.rules.views import build_submission

    result = _seed()
    result.indicators["level3"] = result.indicators["level3"].astype(object)
    result.indicators.loc[result.indicators.index[0], "level3"] = cell
    ind = build_submission(result, 0).projects[0].indicators[0]
    assert ind.level3 is None and ind.name == ""


# --------------------------------------------------------------------------- import graph


def test_the_import_graph_has_no_cycle():
    """No module imports (at top level or inside a function) one that leads back to it."""
    import grimp

    graph = grimp.build_graph("perfaudit", cache_dir=None)
    cycles = sorted(
        (a, b)
        for a in graph.modules
        for b in graph.find_modules_directly_imported_by(a)
        if a != b and graph.chain_exists(importer=b, imported=a)
    )
    assert cycles == []


def test_records_module_imports_nothing_heavy():
    code = "import sys, perfaudit.record; print(sorted(m for m in ('pandas', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr
