"""Issue 11: the checks a reviewer makes on the table as a whole, item by item, on the seed and Wanli.

Each test names one item of the reviewer's list and asserts the finding that covers it (rule,
project and, where it is about a row, the row).  The Wanli tables are read from the PDF once.

What cannot be decided from the table (documented here and in docs/rules.md):
* seed 1/4/5 「the only 数量 row is a rate」 is PA217's (rate under 数量), already in the catalogue;
* the Hebei layout has no 项目总目标, so PA510 (annual goal = whole-period goal) runs on Shanghai
  tables only;
* the Shanghai layout has no 资金用途, so PA423 (name against use) runs on Hebei tables only;
* seed 3's per-person cost: the table gives no money cost at all, so what is asked is a money cost
  (PA422); whether 263万 / 23人 is the right wage level needs the wage standard, not in the table.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import perfaudit
from perfaudit.config import AuditConfig
from perfaudit.engine import run_rules
from perfaudit.extract.serialize import result_from_dict

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "source" / "seed.json"
WANLI = ROOT / "samples" / "real" / "sh-putuo-wanli-street-2023-dept-budget.pdf"
SOURCE = ROOT / "samples" / "source"


@pytest.fixture(scope="module")
def seed():
    return run_rules([result_from_dict(json.loads(SEED.read_text(encoding="utf-8")))])


@pytest.fixture(scope="module")
def wanli():
    result = perfaudit.extract(WANLI)
    assert result.status == "ok" and len(result.projects) == 5
    return run_rules([result])


def found(findings, rule, project, level3=None):
    return [
        f for f in findings if f.rule == rule and project in (f.project_name or "") and f.level3 == level3
    ]


# --------------------------------------------------------------------------- Wanli


def test_wanli_annual_goal_copies_the_total_goal_in_all_five(wanli):
    assert sorted(f.project_name for f in wanli if f.rule == "PA510") == sorted(
        [
            "新建万里街道社区公共服务中心",
            "就业援助基地补贴",
            "社区环境整治和建设经费",
            "各类工作经费",
            "公共服务设施运行经费",
        ]
    )


def test_wanli_planned_floor_area_is_the_whole_building(wanli):
    (f,) = found(wanli, "PA513", "新建万里街道社区公共服务中心", "规划建筑面积")
    assert "「规划」" in f.message and "约 305 元" in f.message  # 4,100,000 元 / 13,459 ㎡


def test_wanli_employment_subsidy_has_no_recipients_standard_or_employment_effect(wanli):
    msgs = [f.message for f in found(wanli, "PA601", "就业援助基地补贴")]
    assert len(msgs) == 3
    assert any("补贴人数" in m for m in msgs) and any("补贴标准" in m for m in msgs)
    assert any("就业效果" in m for m in msgs)


def test_wanli_rent_and_other_goal_activities_without_indicator(wanli):
    (rent,) = found(wanli, "PA511", "公共服务设施运行经费")
    assert "「租赁」" in rent.message
    (env,) = found(wanli, "PA511", "社区环境整治和建设经费")
    assert "「防汛」" in env.message and "「垃圾分类」" in env.message


def test_wanli_bundled_project_and_misfiled_quality_rows(wanli):
    (bundle,) = found(wanli, "PA706", "各类工作经费")
    assert int(bundle.message.split("涉及 ")[1].split(" 类")[0]) >= 12  # about twelve functions
    assert found(wanli, "PA705", "各类工作经费", "中心全年活动人次")  # a count under 质量
    assert found(wanli, "PA705", "公共服务设施运行经费", "维修处理及时率")  # a 及时率 under 质量


# --------------------------------------------------------------------------- seed


@pytest.mark.parametrize("code", ["13030322P00408910001D", "13030322P00409210001W", "13030322P00409310001J"])
def test_seed_uniform_95_percent_targets(seed, code):
    (f,) = [f for f in seed if f.rule == "PA703" and f.project_code == code]
    assert "「≥95 百分比」" in f.message


@pytest.mark.parametrize("code", ["13030322P00408910001D", "13030322P00409210001W", "13030322P00409310001J"])
def test_seed_only_quantity_row_is_a_rate(seed, code):
    assert [f.level3 for f in seed if f.rule == "PA217" and f.project_code == code] == ["综合事务保障率"]


def test_seed_one_year_gives_no_completion_date(seed):
    assert found(seed, "PA708", "跨省通办", "网络安全建设正式运行时间")


def test_seed3_fixed_headcount_and_no_money_cost(seed):
    (f,) = found(seed, "PA707", "行政审批服务中心专项补助", "保障人数")
    assert "=23人" in f.message
    (cost,) = found(seed, "PA422", "行政审批服务中心专项补助")
    assert "263.00 万元" in cost.message


def test_seed9_name_against_use(seed):
    (f,) = found(seed, "PA423", "民生热线综合服务平台建设经费")
    assert "信息化" in f.message and "工资福利" in f.message


def test_seed4_and_seed12_expert_review_budgeted_twice(seed):
    (f,) = [f for f in seed if f.rule == "PA424"]
    assert f.project_code == "13030322P00409210001W"
    assert f.related == [
        "13030322P00409210001W 行政审批及政府采购等专家评审费",
        "13030322P00409610001K 政府采购评审费",
    ]


# --------------------------------------------------------------------------- clean projects of every type


def _source(name):
    return result_from_dict(json.loads((SOURCE / name).read_text(encoding="utf-8")))


def test_every_profile_type_has_a_clean_project():
    from perfaudit.rules.profile._profiles import classify, load_profiles
    from perfaudit.rules.views import build_submission
    from perfaudit.rules.vocab import load_lexicons

    kinds = set()
    for i, name in enumerate(["clean.json", "clean-shanghai.json", "clean-types.json"]):
        for p in build_submission(_source(name), i).projects:
            prof = classify(p, load_profiles(), load_lexicons())
            kinds.add(prof.key if prof else None)
    assert kinds >= {
        "employment",
        "wage",
        "subsidy",
        "construction",
        "it",
        "meeting",
        "procurement",
        "routine",
    }


def test_clean_types_draw_nothing_together_with_the_other_clean_files():
    results = [_source(n) for n in ("clean.json", "clean-shanghai.json", "clean-types.json")]
    assert [(f.file, f.rule, f.message) for f in run_rules(results)] == []


def test_clean_types_pdf_draws_no_warning_or_error():
    r = perfaudit.extract(ROOT / "samples" / "clean-types.pdf")
    assert (r.status, len(r.projects), len(r.indicators)) == ("ok", 6, 38)
    assert [(f.rule, f.level3) for f in perfaudit.audit([r]) if f.severity in ("error", "warning")] == []


# --------------------------------------------------------------------------- bureau settings


def test_satisfaction_floor_is_a_bureau_setting():
    doc = json.loads(SEED.read_text(encoding="utf-8"))
    cfg = AuditConfig(select=["PA313"], thresholds={"PA313": {"min_percent": 96}})
    assert {f.level3 for f in run_rules([result_from_dict(doc)], cfg)} == {
        "满意率",
        "群众满意率",
    }  # ≥95 百分比 on seed 5, 9, 12 (满意率) and eight others (群众满意率)


def test_bureau_profile_extends_the_types_without_code():
    veteran = {
        "title": "优抚对象补助",
        "title_en": "Veterans",
        "match": ["优抚"],
        "expect": [{"what": "优抚对象人数", "names": ["人数"]}],
    }
    doc = {
        "file": "x.pdf",
        "pages": 1,
        "status": "ok",
        "projects": [
            {
                "code": "V1",
                "name": "优抚对象慰问经费",
                "use": "优抚对象节日慰问",
                "goal": "走访慰问优抚对象",
                "money_unit": "万元",
                "budget_total": 5.0,
                "layout": "hebei",
                "indicators": [
                    {"level1": "产出指标", "level2": "数量指标", "level3": "慰问次数", "target": "=2 次"}
                ],
            }
        ],
    }
    plain = run_rules([result_from_dict(doc)], AuditConfig(select=["PA601"]))
    assert "补贴对象数量" in plain[0].message  # built in: 慰问 is a subsidy
    cfg = AuditConfig(select=["PA601"], profiles={"veteran": veteran})
    (f,) = run_rules([result_from_dict(doc)], cfg)
    assert "优抚对象补助" in f.message and "优抚对象人数" in f.message


def test_local_basis_is_cited_alongside():
    from perfaudit.rules import get_rule

    cfg = AuditConfig(local_basis="《示范区区级预算项目绩效目标管理办法》（示财绩〔2023〕5号）第十条")
    cite = cfg.citation_for(get_rule("PA313"))
    assert cite.startswith(get_rule("PA313").citation) and cite.endswith("示财绩〔2023〕5号）第十条")
    assert AuditConfig().citation_for(get_rule("PA313")) == get_rule("PA313").citation
    with pytest.raises(ValueError):
        AuditConfig(local_basis=[1])


def test_an_empty_spreadsheet_name_cell_does_not_stop_the_rules():
    """real2 shaanxi special-fund xlsx: an empty 三级 cell arrives as NaN (a float); the engine ran into it."""
    doc = {
        "file": "x.xlsx",
        "pages": 1,
        "status": "ok",
        "projects": [
            {
                "code": "N1",
                "name": "专项资金",
                "money_unit": "万元",
                "budget_total": 5.0,
                "layout": "hebei",
                "indicators": [
                    {"level1": "产出指标", "level2": "数量指标", "level3": float("nan"), "target": "=2 次"}
                ],
            }
        ],
    }
    findings = run_rules([result_from_dict(doc)])
    assert not [f for f in findings if "运行出错" in f.message]
    assert "PA011" in {f.rule for f in findings}  # the blank name is reported, as for any blank cell
