"""PA403: cost indicators add up to more than the budget."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import OUT, failing, passing, project
from ..vocab import money_factor


class CostExceedsBudget(ProjectRule):
    code = "PA403"
    slug = "cost-exceeds-budget"
    category = "cost_exceeds_budget"
    severity = "error"
    title_zh = "成本指标超过预算"
    title_en = "Cost indicators exceed the budget"
    rationale = (
        "成本指标的取值不得超出预算支出标准：总额类成本指标（元、万元、≤/=）换算成同一单位后相"
        "加，超过预算数的 (1+tolerance) 倍即报出。"
        "单位成本（元/人）不计入。\n"
        "Total-cost rows (元/万元, ≤ or =) are converted and summed; more than budget × (1+tolerance) is flagged. "
        "Unit costs are not summed."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「相应匹配」（与预算确定的资金量相匹配） [U 未核实"
        " unverified]；财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》附件1"
        " 成本指标（取值不得超出预算支出标准） [U 未核实 unverified]"
    )
    thresholds = {"tolerance": 0.05}
    message = (
        "成本指标（{rows}）合计 {total:,.2f} 元，超过预算数 {budget:,.2f} 元：成本目标不得超出预算，"
        "请核对金额和单位。"
    )
    message_en = (
        "Cost indicators ({rows_en}) total {total:,.2f} yuan, above the budget of {budget:,.2f} yuan."
    )
    examples = (
        passing(
            project(
                "跨省通办网络建设及设备费",
                [(OUT, "成本指标", "项目成本", "≤5 万元")],
                budget_total=5.0,
                budget_fiscal=5.0,
            )
        ),
        failing(
            project(
                "跨省通办网络建设及设备费",
                [(OUT, "成本指标", "设备购置成本", "≤40000 元"), (OUT, "成本指标", "网络建设成本", "≤3 万")],
                budget_total=5.0,
                budget_fiscal=5.0,
            ),
            expect=[None],
        ),
    )

    def check(self, proj, ctx):
        unit = proj.money_unit or proj.layout_money_unit  # the layout's unit when the table prints none
        budget_f = money_factor(unit) if unit else None
        if proj.budget_total is None or budget_f is None:
            return
        total = 0.0
        rows = []
        for ind in proj.indicators:
            if ind.dim2 != "成本" or ind.kind != "number" or ind.value is None:
                continue
            if ind.operator not in (None, "≤", "=", "<"):
                continue
            f = money_factor(ind.unit)
            if f is None:
                continue
            total += ind.value * f
            rows.append(ind.name)
        budget = proj.budget_total * budget_f
        if rows and total > budget * (1 + ctx.t("tolerance")) + 0.005:
            yield self.hit(proj, rows="、".join(rows), rows_en=", ".join(rows), total=total, budget=budget)
