"""PA301: a cost indicator not expressed in money."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_cost_row, target_missing
from ..examples import COST, OUT, failing, passing, project
from ..vocab import is_money, is_percent


class CostNotMoney(IndicatorRule):
    code = "PA301"
    slug = "cost-not-money"
    category = "unit_mismatch"
    severity = "error"
    title_zh = "成本指标不是金额"
    title_en = "Cost indicator not in money"
    rationale = (
        "成本指标（产出成本，或 2021 框架的经济成本）应是金额（元、万元）或单位成本（元/人）；"
        "百分比「标准」（工资保险发放标准 ≥100%）"
        "或「合规」之类的文字不是成本。节支率、成本控制率等成本控制比率可以用 %（cost_ratio_patterns"
        "）。社会成本、生态环境成本多为定性，不检查。\n"
        "Cost rows must be amounts or unit costs; a % is allowed only for cost-control ratios"
        ". 社会成本/生态环境成本 are not checked."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标包括产出指标〔数量、质量、时效、成本〕、效益指"
        "标〔经济、社会、生态效益，可持续影响〕和满意度指标） [U 未核实 unverified]（成本指标反映预期提供产品"
        "和服务所需的成本，分单位成本和总成本）；财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（"
        "试行）》附件1 成本指标（经济成本） [U 未核实 unverified]"
    )
    message = (
        "成本指标「{ind.shown}」的指标值「{ind.target_text}」不是金额："
        "请填写不超过预算的成本金额或单位成本，如「≤{budget}」「≤ X 元/人」。"
    )
    message_en = (
        "Cost indicator '{ind.shown}' = '{ind.target_text}' is not an amount: give a cost in 元/万元 or a "
        "unit cost."
    )
    examples = (
        passing(
            project(
                "干部教育培训经费",
                [
                    (OUT, "成本指标", "人均培训成本", "≤500 元/人"),
                    (COST, "经济成本指标", "培训总成本", "≤10 万元"),
                    (OUT, "成本指标", "政府采购节支率", "≥3%"),
                ],
            )
        ),
        failing(
            project(
                "人员工资保障",
                [
                    (OUT, "成本指标", "工资保险发放(缴纳)标准", "≥100 百分比"),
                    (OUT, "成本指标", "预算内经费", "合规"),
                ],
            ),
            expect=["工资保险发放(缴纳)标准", "预算内经费"],
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        if not is_cost_row(ind) or target_missing(ind):
            return
        if ind.kind == "number" and is_money(ind.unit, lex):
            return
        ratio_ok = any(p.search(ind.name) for p in lex.patterns("names.cost_ratio_patterns"))
        if ind.kind == "number" and ratio_ok and is_percent(ind.unit, lex):
            return
        budget = (
            f"{proj.budget_total:,.2f}".rstrip("0").rstrip(".") + f" {proj.money_unit or '万元'}"
            if proj.budget_total is not None
            else "预算金额"
        )
        yield self.hit(proj, ind, budget=budget)
