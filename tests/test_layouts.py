"""Layouts as data: the vocabulary of perfaudit/data/layouts.toml, table kinds, and the
parser's refusal to be silently wrong (unknown columns, rows without a project, empty tables)."""

from __future__ import annotations

from pathlib import Path

import perfaudit
from perfaudit.extract.grid import Cell, Grid
from perfaudit.extract.layouts import _load_raw, build, extend, vocabulary
from perfaudit.extract.parse import label_inside, parse_grids_checked, split_code_name
from perfaudit.extract.serialize import result_from_dict
from perfaudit.rules.examples import project


def grid(rows: list[list[str]], page: int = 1, context: list[str] | None = None) -> Grid:
    cells = [Cell(r, c, t, page=page) for r, row in enumerate(rows) for c, t in enumerate(row)]
    return Grid(cells, page=page, context=context or [])


HEADER = [
    "项目名称",
    "资金总额",
    "绩效目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "计量单位",
]


def test_kinds_from_titles():
    v = vocabulary()
    assert v.kind_of("预算13表 部门整体支出绩效目标表") == "department"
    assert v.kind_of("中央对地方专项转移支付区域绩效目标表（2021年度）") == "regional"
    assert v.kind_of("预算表12 项目支出绩效目标表") == "project"
    assert v.kind_of("2026年度 收支总表") is None


def test_indicator_columns_by_label():
    v = vocabulary()
    got = {
        t: v.indicator_field(t)
        for t in (
            "绩效指标性质",
            "本年绩效指标值",
            "绩效度量单位",
            "实施周期指标值",
            "年度指标值",
            "分值",
            "指标权重(%)",
            "是否核心",
            "评（扣）分标准",
            "指标值类型",
            "备注",
        )
    }
    assert got == {
        "绩效指标性质": "operator",
        "本年绩效指标值": "target",
        "绩效度量单位": "unit",
        "实施周期指标值": "period_target",
        "年度指标值": "annual_target",
        "分值": "score",
        "指标权重(%)": "weight",
        "是否核心": "core",
        "评（扣）分标准": "scoring",
        "指标值类型": "value_type",
        "备注": "remark",
    }


def test_a_bureau_adds_a_synonym_and_a_layout_without_code():
    raw = extend(
        _load_raw(),
        {
            "project_labels": {"name": ["资金项目"]},
            "layout": [
                {
                    "id": "qingshi",
                    "name": "青石县",
                    "labels_any": ["资金项目"],
                    "required": ["name", "goal"],
                    "money_unit": "元",
                }
            ],
        },
    )
    v = build(raw)
    assert v.project_index["资金项目"] == "name"
    lay = v.layout({"资金项目"}, set())
    assert (lay.id, lay.required, lay.money_unit) == ("qingshi", ("name", "goal"), "元")
    assert vocabulary().layout({"资金项目"}, set()).id == "generic"  # the built-in file is unchanged


def test_code_joined_to_name_and_label_inside_a_value():
    assert split_code_name("11000026T000003742841-就业管理工作经费项目") == (
        "11000026T000003742841",
        "就业管理工作经费项目",
    )
    assert split_code_name("2026年医疗服务与保障能力提升补助资金") == (
        None,
        "2026年医疗服务与保障能力提升补助资金",
    )
    assert label_inside("项目总额1,620.200000") == ("project", "budget_total", "1,620.200000")
    assert label_inside("绩效完全不相关") is None


def test_many_projects_in_one_table_each_by_its_name_cell():
    rows = [
        HEADER,
        [
            "11000026T000000000001-甲项目",
            "10",
            "完成甲",
            "产出指标",
            "数量指标",
            "培训人次",
            "≥",
            "200",
            "人次",
        ],
        ["", "", "", "满意度指标", "满意度指标", "满意度", "定性", "高", ""],
        ["11000026T000000000002-乙项目", "5", "完成乙", "产出指标", "质量指标", "合格率", "＝", "100", "%"],
    ]
    g = grid(rows)
    for c in g.cells:  # the first project's cells span its two rows
        if c.row == 1 and c.col < 3:
            c.rowspan = 2
    g.cells = [c for c in g.cells if not (c.row == 2 and c.col < 3)]
    projects, issues = parse_grids_checked([g])
    assert issues == []
    assert [(p["code"], p["name"], p["budget_total"], p["goal"], len(p["indicators"])) for p in projects] == [
        ("11000026T000000000001", "甲项目", 10.0, "完成甲", 2),
        ("11000026T000000000002", "乙项目", 5.0, "完成乙", 1),
    ]
    first, qual = projects[0]["indicators"]
    assert (first["target"], first["operator"], first["value"], first["unit"]) == (
        "≥200人次",
        "≥",
        200.0,
        "人次",
    )
    assert (qual["target"], qual["operator"], qual["target_kind"]) == ("高", None, "qualitative")
    assert projects[1]["indicators"][0]["target"] == "=100%"


def test_unknown_column_is_a_problem_not_silence():
    rows = [
        ["项目名称", "甲项目"],
        ["一级指标", "二级指标", "三级指标", "指标值", "神秘栏目"],
        ["产出指标", "数量指标", "培训人次", "≥200人次", "x"],
    ]
    projects, issues = parse_grids_checked([grid(rows)])
    assert len(projects) == 1
    assert [i.code for i in issues] == ["unknown_column"] and "神秘栏目" in issues[0].zh


def test_indicator_rows_without_a_project_name_are_reported():
    rows = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人次", "≥200人次"]]
    projects, issues = parse_grids_checked([grid(rows, page=7)])
    assert [i.code for i in issues] == ["orphan_rows"] and "第 7 页" in issues[0].zh


def test_empty_table_is_a_table_with_no_rows_and_a_problem():
    projects, issues = parse_grids_checked([grid([HEADER], page=16)])
    assert [(p["kind"], p["name"], len(p["indicators"])) for p in projects] == [("project", None, 0)]
    assert [i.code for i in issues] == ["empty_table"]


def test_department_table_takes_its_unit_as_name_and_kind_from_title():
    rows = [
        ["部门名称", "某某局"],
        ["活动", "绩效指标", "指标性质", "指标值", "度量单位"],
        ["就业管理", "城镇新增就业", "≥", "28", "万人"],
    ]
    projects, issues = parse_grids_checked([grid(rows, context=["预算13表 部门整体支出绩效目标表"])])
    assert issues == []
    assert [(p["kind"], p["name"], len(p["indicators"])) for p in projects] == [("department", "某某局", 1)]
    assert projects[0]["indicators"][0]["activity"] == "就业管理"  # 活动 is kept per indicator


def test_partial_read_is_never_a_clean_ok(tmp_path):
    from perfaudit.extract import _read_result
    from perfaudit.extract.parse import _Issue

    r = _read_result("x.pdf", 3, [], [], [_Issue("orphan_rows", "第 2 页…", "page 2 …", 2)]).result()
    assert (
        r.status == "ok"
        and r.message.startswith("部分内容未能完整识别")
        and [p.code for p in r.problems] == ["orphan_rows"]
    )


def _doc(kind: str) -> dict:
    p = project("干部教育培训经费", [("产出指标", "数量指标", "培训人次", "")], goal=None, kind=kind)
    return {"file": f"{kind}.pdf", "pages": 1, "status": "ok", "message": "", "projects": [p]}


def test_project_rules_skip_department_tables():
    dept = perfaudit.audit([result_from_dict(_doc("department"))])
    proj = perfaudit.audit([result_from_dict(_doc("project"))])
    assert {f.rule for f in proj} >= {"PA010"}
    assert [f.rule for f in dept if f.project_name] == []


# --------------------------------------------------------------------------- real documents in samples/real2

REAL2 = Path(__file__).resolve().parents[1] / "samples" / "real2"


def test_regional_table_from_pdf_and_docx_agree():
    docs = [
        perfaudit.extract(REAL2 / f"tianjin-tjutvt-2021-central-transfer-regional-targets.{x}").to_dict()
        for x in ("pdf", "docx")
    ]
    for d in docs:  # hand count: one 区域绩效目标表 with 12 indicators
        assert [(p["kind"], len(p["indicators"])) for p in d["projects"]] == [("regional", 12)]
    assert [i["level3"] for i in docs[0]["projects"][0]["indicators"]] == [
        i["level3"] for i in docs[1]["projects"][0]["indicators"]
    ]


def test_empty_project_table_and_department_table_without_indicators():
    d = perfaudit.extract(REAL2 / "beijing-civmil-office-2026-dept-budget-tables.pdf").to_dict()
    assert [(p["kind"], p["name"], len(p["indicators"])) for p in d["projects"]] == [
        ("project", None, 0),
        ("department", "中共北京市委军民融合发展委员会办公室", 0),
    ]
    assert [p["code"] for p in d["problems"]] == ["empty_table"] and d["message"]
