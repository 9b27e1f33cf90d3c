"""Golden tests on the real Shanghai PDFs.

Expected values were typed from the PDF pages as printed (pp.31-35 of the Wanli 2023
部门预算), not copied from perfaudit's output."""

from pathlib import Path

import pandas as pd
import pytest

import perfaudit

ROOT = Path(__file__).resolve().parents[1]
WANLI = ROOT / "samples" / "real" / "sh-putuo-wanli-street-2023-dept-budget.pdf"
SHARED_REAL = ROOT.parent / "shared" / "real"
if not WANLI.exists():  # the same bytes beside the repo, before samples/real is made
    WANLI = SHARED_REAL / WANLI.name

SH = "上海市普陀区人民政府万里街道办事处"


@pytest.fixture(scope="module")
def wanli():
    if not WANLI.exists():
        pytest.skip("samples/real not generated")
    return perfaudit.extract(WANLI)


def test_wanli_five_projects(wanli):
    assert wanli.status == "ok"
    assert wanli.pages == 35
    p = wanli.projects
    assert p["name"].tolist() == [
        "新建万里街道社区公共服务中心",
        "就业援助基地补贴",
        "社区环境整治和建设经费",
        "各类工作经费",
        "公共服务设施运行经费",
    ]
    assert wanli.indicators.groupby("project_id").size().tolist() == [5, 4, 4, 43, 9]
    assert [pages for pages in p["pages"]] == [[31], [32], [33], [34], [35]]
    assert set(p["layout"]) == {"shanghai"}
    assert set(p["money_unit"]) == {"元"}
    assert p["budget_total"].tolist() == [4100000.0, 6351000.0, 4563800.0, 7595500.0, 10903043.0]
    assert p["budget_fiscal"].tolist() == [4100000.0, 6351000.0, 4563800.0, 7595500.0, 10903043.0]
    assert p["budget_other"].tolist() == [0.0] * 5
    assert p["code"].isna().all()  # the Shanghai layout has no 项目编码: null, not invented


def test_wanli_project_fields(wanli):
    first = wanli.projects.iloc[0]
    assert first["unit_name"] == SH
    assert first["extra"]["项目性质"] == "阶段性项目"
    assert first["extra"]["项目类别"] == "特定目标类"
    assert first["extra"]["主管部门"] == SH
    assert first["extra"]["实施单位"] == SH
    assert first["extra"]["计划开始日期"] == "2023-01-01"
    assert first["extra"]["计划完成日期"] == "2023-12-31"
    assert first["extra"]["年度资金申请总额"] == "4,100,000.00"
    assert first["extra"]["其中当年财政拨款"] == "4,100,000.00"
    assert first["extra"]["上年结转资金"] == "0.00"
    assert first["goal"] == (
        "建成后作为万里街道社区事务受理、社区管理、社区文化艺术活动场所。更有效的整合社区公共服务资源，"
        "为周边居民提供便捷、优质的社区服务和生活配套设施。"
    )
    assert first["extra"]["项目总目标"] == first["goal"]  # both columns hold the same text on p.31
    last = wanli.projects.iloc[4]
    assert last["extra"]["项目类别"] == "其他运转类"
    assert last["extra"]["其中当年财政拨款"] == "11,419,043.00"  # larger than the annual total: a real defect


def rows(result, pid):
    ind = result.indicators[result.indicators["project_id"] == pid]
    return [tuple(r) for r in ind[["level1", "level2", "level3", "target"]].itertuples(index=False)]


def test_wanli_indicator_cells(wanli):
    assert rows(wanli, "1") == [
        ("产出指标", "数量指标", "规划建筑面积", "≥13459.00(平方米)"),
        ("产出指标", "质量指标", "完工及时率", "及时率"),
        ("产出指标", "成本指标", "预算内经费", "合规"),
        ("效益指标", "社会效益指标", "完善社区基础设施建设", "完善率"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "满意度"),
    ]
    assert rows(wanli, "2") == [
        ("产出指标", "数量指标", "补贴对象申请审核完成率", "=100.00(%)"),
        ("产出指标", "质量指标", "补贴对象审核达标率", "=100.00(%)"),
        ("效益指标", "社会效益指标", "补贴对象生活改善度", "补贴对象生活改善度不低于80%"),
        ("满意度指标", "服务对象满意度指标", "补贴对象满意度", "≥80.00(%)"),
    ]
    assert rows(wanli, "3") == [
        ("产出指标", "数量指标", "整治行动、病媒消杀", "≥12.00(次)"),
        ("产出指标", "质量指标", "项目质量可控性", "可控性100%"),
        ("效益指标", "社会效益指标", "社区居民满意度、幸福感", "不低于50%"),
        ("满意度指标", "服务对象满意度指标", "市容环境满意度", "不低于50%"),
    ]
    assert rows(wanli, "5") == [
        ("产出指标", "数量指标", "开展活动300场", "=300.00(场)"),
        ("产出指标", "数量指标", "环境卫生及保安服务", "卫生整洁、内部安全有序"),
        ("产出指标", "质量指标", "居民参与率", "居民参与率不低于100%"),
        ("产出指标", "质量指标", "维修处理及时率", "维修响应速度快"),
        ("产出指标", "质量指标", "房屋质量", "房屋完好"),
        ("效益指标", "社会效益指标", "加强工作人员队伍建设", "是"),
        ("效益指标", "社会效益指标", "安全责任事故", "安全无事故"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "90%"),
        ("满意度指标", "服务对象满意度指标", "工作人员满意度", "≥95.00(%)"),
    ]
    big = rows(wanli, "4")
    assert big[0] == ("产出指标", "数量指标", "成立社戒社康人员习得规范小组", ">6.00(次)")
    assert big[14] == ("产出指标", "数量指标", "15个居民区全覆盖", "居民区全覆盖")
    assert big[15] == ("产出指标", "质量指标", "做好禁毒示范城区标准化建设", "做好禁毒示范城区标准化建设")
    assert big[23] == ("效益指标", "社会效益指标", "扩大禁毒宣传教育覆盖面", "扩大")
    assert big[-1] == ("满意度指标", "服务对象满意度指标", "党员群众满意度", "党员群众满意度不少于80%")
    assert [r[2] for r in big].count("") == 0


def test_wanli_parsed_targets_and_nulls(wanli):
    ind = wanli.indicators
    area = ind[ind["level3"] == "规划建筑面积"].iloc[0]
    assert (area["operator"], area["value"], area["unit"], area["target_kind"]) == (
        "≥",
        13459.0,
        "平方米",
        "number",
    )
    assert area["page"] == 31
    assert ind["description"].isna().all() and ind["basis"].isna().all()  # four-column layout
    q = ind[ind["level3"] == "预算内经费"].iloc[0]
    assert q["target_kind"] == "qualitative" and pd.isna(q["operator"]) and pd.isna(q["value"])


@pytest.mark.skipif(not SHARED_REAL.exists(), reason="../shared/real not beside the repo")
@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in SHARED_REAL.glob("*.pdf") if "wanli-street-2023" not in p.name)
    if SHARED_REAL.exists()
    else [],
)
def test_other_real_pdfs_hold_no_tables(name):
    r = perfaudit.extract(SHARED_REAL / name)
    assert r.status == "no_tables"
    assert len(r.projects) == 0 and len(r.indicators) == 0
    assert r.message.startswith("未找到绩效目标表（共 ") and r.message.endswith(" 页）")
    assert r.message_en.startswith("no performance-target table")
