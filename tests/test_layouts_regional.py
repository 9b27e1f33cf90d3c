"""Regional template quirks read by labels, on small hand-made grids (no PDF needed).

Each case is a shape found in ../shared/real2 (see docs/real2-counts-*.md): prose-only targets
(Guangzhou 交通运输局), 实施期 and 年度 columns side by side with template placeholders
(Shaanxi 表16 sheet 23), an indicator named like a label (三级指标 资金总额), a second table printed
without its name label, the year under a title, and project codes that do not add up."""

from perfaudit.extract.grid import Cell, Grid
from perfaudit.extract.parse import parse_grids_checked


def grid(rows: list[list[str]], page: int = 1, context: list[str] | None = None) -> Grid:
    cells = [Cell(r, c, text, page=page) for r, row in enumerate(rows) for c, text in enumerate(row)]
    return Grid(cells, page=page, source="xlsx", context=context or [])


def codes(issues) -> list[str]:
    return [i.code for i in issues]


def test_prose_targets_are_projects_with_a_goal_and_said_once():
    g = grid(
        [
            ["项目", "预算数（单位：万元）", "绩效目标"],
            ["合计", "850.00", ""],
            [
                "北城养护项目",
                "750",
                "通过日常维护，主要达到以下目标：1.完成辖内国省道维护；2.投诉处理率100%。",
            ],
            [
                "广园养护项目",
                "100",
                "1、1-产出指标；11-数量指标；道路养护长度；实施周期指标值:47.1公里；年度指标值:47.1公里。",
            ],
        ],
        page=85,
    )
    projects, issues = parse_grids_checked([g])
    assert [(p["name"], p["budget_total"], len(p["indicators"])) for p in projects] == [
        ("北城养护项目", 750.0, 0),
        ("广园养护项目", 100.0, 1),
    ]
    assert projects[0]["goal"].startswith("通过日常维护")
    assert projects[1]["indicators"][0]["level3"] == "道路养护长度"
    assert codes(issues) == ["prose_targets"]
    assert "绩效目标为文字表述，未找到指标表" in issues[0].zh and "1 个项目" in issues[0].zh


def test_side_by_side_period_and_annual_columns_read_the_annual_side():
    g = grid(
        [
            ["专项资金名称", "培训项目", "", "", "", ""],
            ["实施期资金总额：", "300", "", "年度资金总额：", "100", ""],
            ["二级指标", "指标内容", "指标值", "二级指标", "指标内容", "指标值"],
            ["数量指标", "指标1：培训人次", "8万人次", "数量指标", "指标1：培训人次", "4.5万人次"],
            ["", "", "", "", "指标2：培训天数", "5天"],
            ["经济效益指标", "指标1：", "", "经济效益指标", "指标1：", ""],
            ["", "……", "", "", "……", ""],
        ]
    )
    projects, _ = parse_grids_checked([g])
    (p,) = projects
    got = [(i["level3"], i["target"], i["period_target"]) for i in p["indicators"]]
    assert got == [("指标1：培训人次", "4.5万人次", "8万人次"), ("指标2：培训天数", "5天", None)]


def test_an_indicator_named_like_a_label_stays_an_indicator():
    g = grid(
        [
            ["专项（项目）名称", "", "", "扶贫资金", ""],
            ["资金金额（万元）", "", "", "实施期资金总额：", "414000"],
            ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值"],
            ["", "产出指标", "数量指标", "脱贫人数", "18.34万人"],
            ["", "", "成本指标", "资金总额", "414000"],
        ]
    )
    (p,), _ = parse_grids_checked([g])
    assert [i["level3"] for i in p["indicators"]] == ["脱贫人数", "资金总额"]
    assert p["budget_total"] == 414000.0


def test_a_second_table_without_its_name_label_is_a_new_project():
    first = grid(
        [
            ["专项（项目）名称", "学校建设", "", "", ""],
            ["资金金额（万元）", "", "", "年度资金总额：", "100"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
            ["", "产出指标", "数量指标", "学校数量", "65所"],
        ]
    )
    second = grid(
        [
            ["", "实施期资金总额：", "15516", "年度资金总额：", "5172"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
            ["", "产出指标", "数量指标", "培训人次", "4.5万人次"],
        ],
        context=["中小学幼儿园校长教师培训"],
    )  # the sheet prints the name alone, no label
    projects, _ = parse_grids_checked([first, second])
    assert [(p["name"], len(p["indicators"])) for p in projects] == [
        ("学校建设", 1),
        ("中小学幼儿园校长教师培训", 1),
    ]


def test_the_year_under_the_title_is_the_period():
    g = grid(
        [
            ["项目名称", "信访业务培训", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人次", "≥100人次"],
        ],
        context=["信访业务培训绩效目标表", "（2026 年度）"],
    )
    (p,), _ = parse_grids_checked([g])
    assert p["period"] == "2026年度"


def test_project_codes_that_do_not_match_the_tables_read_are_reported():
    head = ["项目名称", "项目总额", "绩效目标", "一级指标", "二级指标", "三级指标", "指标值"]
    g = grid(
        [
            head,
            ["11000022T000000432696-救助基金", "221.8", "保障运转", "产出指标", "质量指标", "可靠性", "≥99%"],
            [
                "11000022T000000432728-交通标志",
                "50",
                "维护设施",
                "产出指标",
                "数量指标",
                "巡视台班",
                "≥6500个",
            ],
            ["护项目", "", "", "效益指标", "社会效益指标", "整洁有效率", "≥90%"],
        ]
    )
    projects, issues = parse_grids_checked([g])  # the cut name's tail read as a third table
    assert len(projects) == 3 and "count_mismatch" in codes(issues)
    assert "2 个项目编码，读出 3 个项目表" in next(i.zh for i in issues if i.code == "count_mismatch")
    g = Grid([c for c in g.cells if c.text != "护项目"], page=1, source="xlsx")
    projects, issues = parse_grids_checked([g])
    assert len(projects) == 2 and "count_mismatch" not in codes(issues)
