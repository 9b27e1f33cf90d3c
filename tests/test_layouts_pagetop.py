"""A continuous project table (Beijing 预算表12) whose page tops repeat the title and header with
the text of cells cut by the page break drawn through them: the table and its projects go on.
Made after the traffic-police budget (../shared/real2, pp.18–19 and 57–58); values typed here."""

from perfaudit.extract.grid import Cell, Grid
from perfaudit.extract.parse import parse_grids_checked

HEADER = ["项目名称", "项目总额", "绩效目标", "一级指标", "二级指标", "三级指标", "本年绩效指标值"]


def page(
    n: int, title: str, header: list[str], body: list[list[str]], name_rows: list[tuple[int, int]]
) -> Grid:
    """A grid: title row, header row, body rows; ``name_rows`` are (first body row, rows spanned)
    of the name cells (column 0), the other body cells are one row each."""
    cells = [Cell(0, 0, title, colspan=7, page=n)] + [Cell(1, c, t, page=n) for c, t in enumerate(header)]
    spans = dict(name_rows)
    for r, row in enumerate(body):
        for c, t in enumerate(row):
            if c == 0 and r not in spans:
                continue  # inside a name cell spanning rows
            cells.append(Cell(2 + r, c, t, rowspan=spans.get(r, 1) if c == 0 else 1, page=n))
    return Grid(cells, page=n)


def test_page_top_drawn_over_continues_the_project_and_joins_a_cut_name():
    p1 = page(
        1,
        "预算表12 项目支出绩效目标表",
        HEADER,
        [
            [
                "11000022T000000432413-绩效审计购买服务",
                "34.27",
                "开展审计",
                "产出指标",
                "数量指标",
                "开展绩效审计项目",
                "5",
            ],
            ["", "", "", "成本指标", "经济成本指标", "基础费用", "30"],
            ["11000026T000003712938-道路交通信号", "9.5", "采购", "产出指标", "数量指标", "采购信号灯", "10"],
        ],
        [(0, 2), (2, 1)],
    )
    p2 = page(
        2,
        "济预性算、表效率12性、项目支出绩效目标表1",  # the title with a cut goal drawn through it
        [
            "服务项目名称",
            "项目1总9.额594000",
            "绩效目标",
            "一级指标",
            "二级指标",
            "三级指标",
            "本年绩效指标值",
        ],
        [
            ["灯专用设备采购项目（第四期）", "", "", "产出指标", "质量指标", "验收合格率", "100"],
            [
                "11000022T000000432696-救助基金综合管理运行经费",
                "221.8",
                "保障运转",
                "满意度指标",
                "服务对象满意度指标",
                "满意度",
                "90",
            ],
        ],
        [(0, 1), (1, 1)],
    )
    p1.open_bottom = True  # the last name cell reaches the page end
    projects, _ = parse_grids_checked([p1, p2])
    got = [(p["code"], p["name"], len(p["indicators"])) for p in projects]
    assert got == [
        ("11000022T000000432413", "绩效审计购买服务", 2),
        ("11000026T000003712938", "道路交通信号灯专用设备采购项目（第四期）", 2),
        ("11000022T000000432696", "救助基金综合管理运行经费", 1),
    ]
