"""PA513: a whole-project quantity given as this year's output."""

from __future__ import annotations

from ..base import IndicatorRule
from ..budget._money import budget_yuan
from ..examples import OUT, failing, passing, project
from ..profile._profiles import classify, load_profiles
from ..vocab import compact, is_percent, unit_key


def _is_construction(proj, ctx) -> bool:
    prof = classify(proj, load_profiles(ctx.t("profiles")), ctx.lexicons)
    return prof is not None and prof.key == "construction"


class WholeProjectQuantity(IndicatorRule):
    code = "PA513"
    slug = "whole-project-quantity"
    category = "implausible_value"
    severity = "warning"
    title_zh = "以项目总规模作为年度产出"
    title_en = "Whole-project quantity given as this year's output"
    rationale = (
        "年度指标应是本年度的产出。名称写「规划」「总建筑面积」「总规模」等（词表 goal_check.whole_project_words）的数量指标"
        "是整个项目的规模，不是本年完成量；面积指标折算的每平方米预算低于 min_yuan_per_m2（默认 1000 元/㎡，远低于建安造价）"
        "也说明本年只是一期拨款（只对按 profiles.toml 判断为工程建设的项目折算，物业保洁等按面"
        "积计费的不算）。阈值 profiles 由配置中的 [tool.perfaudit.profiles] 自动填入（单位增补"
        "的项目类型），无需单独设置。应写本年度完成的面积、形象进度或投资完成额。\n"
        "Annual indicators are this year's output. A 数量 row named 规划/总建筑面积/总规模 is the whole project; an area whose "
        "budget per m² is below min_yuan_per_m2 (1000 yuan) is also one year's tranche (construction"
        " projects only). The profiles threshold is filled from [tool.perfaudit.profiles] (a "
        "bureau's own types). Give this year's share instead."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第五条（年度绩效目标是一个预算年度内预期达到的产出和效果）、"
        "第十一条「相应匹配」（与预算确定的资金量相匹配） [U 未核实 unverified]"
    )
    thresholds = {"min_yuan_per_m2": 1000, "profiles": {}}
    message = (
        "「{ind.shown}」{ind.target_text}：名称中的「{whole}」指整个项目{money}。"
        "年度指标应写本年度完成的面积、形象进度或投资完成额。"
    )
    message_en = "'{ind.shown}' {ind.target_text} is the whole project{money_en}: give this year's share."
    message_scale = (
        "「{ind.shown}」{ind.target_text}：这是整个项目的规模{money}。年度指标应写本年度完成的面积、"
        "形象进度或投资完成额。"
    )
    message_scale_en = (
        "'{ind.shown}' {ind.target_text} is the whole project{money_en}: give this year's share."
    )
    clause_money = "；本年预算折合每平方米约 {per_m2:,.0f} 元，只是一期拨款"
    clause_money_en = " (about {per_m2:,.0f} yuan per m² this year)"
    examples = (
        passing(
            project(
                "新建社区公共服务中心",
                [(OUT, "数量指标", "本年完成主体结构建筑面积", "≥1200 平方米")],
                money_unit="元",
                budget_total=4100000.0,
                budget_fiscal=4100000.0,
            )
        ),
        failing(
            project(
                "新建社区公共服务中心",
                [(OUT, "数量指标", "规划建筑面积", "≥13459.00(平方米)")],
                money_unit="元",
                budget_total=4100000.0,
                budget_fiscal=4100000.0,
            ),
            expect=["规划建筑面积"],
        ),
        failing(
            project(
                "新建社区公共服务中心",
                [(OUT, "数量指标", "主体结构建筑面积", "≥13459 平方米")],
                money_unit="元",
                budget_total=4100000.0,
                budget_fiscal=4100000.0,
            ),
            expect=["主体结构建筑面积"],
            note="名称没写「规划」，但本年预算折合每平方米约 305 元：只是一期拨款",
        ),
    )

    def check(self, ind, proj, ctx):
        if (
            not ind.level3
            or ind.dim2 != "数量"
            or ind.kind != "number"
            or not ind.value
            or is_percent(ind.unit, ctx.lexicons)
        ):
            return
        lex = ctx.lexicons
        name = compact(ind.level3)
        whole = next((w for w in lex.words("goal_check.whole_project_words") if w in name), None)
        per_m2 = None
        budget = budget_yuan(proj)
        if (
            unit_key(ind.unit) in lex.words("goal_check.area_units")
            and budget
            and _is_construction(proj, ctx)
        ):
            per_m2 = budget / ind.value
        cheap = per_m2 is not None and per_m2 < ctx.t("min_yuan_per_m2")
        if not whole and not cheap:
            return
        money = (self.clause_money, self.clause_money_en) if per_m2 is not None else ("", "")
        yield self.hit(
            proj,
            ind,
            "message" if whole else "message_scale",
            whole=whole,
            money=money[0].format(per_m2=per_m2),
            money_en=money[1].format(per_m2=per_m2),
        )
