"""PA420: total-cost indicators far below the budget."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import OUT, failing, passing, project
from ._money import budget_yuan, cost_rows, is_unit_cost, row_yuan


class CostFarBelowBudget(ProjectRule):
    code = "PA420"
    slug = "cost-far-below-budget"
    category = "budget_arithmetic"
    severity = "warning"
    title_zh = "成本指标远低于预算"
    title_en = "Cost indicators far below the budget"
    rationale = (
        "成本指标与预算要两头对照：超出预算由 PA403 提出；总额类成本指标（不含人均、单个等单位成本）合计不到预算的 "
        "min_share（默认 20%）同样可疑——其余资金用在哪里、目标是否按预算测算，都说不清。\n"
        "Costs are checked against the budget both ways: above it is PA403's; total-cost rows (unit costs excluded) "
        "adding up to less than min_share (20%) of the budget leave most of the money unexplained."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「相应匹配」（绩效目标要与预算确定的投资额或资金量相匹配）"
        " [U 未核实 unverified]；财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》成本指标部分"
        " [U 未核实 unverified]"
    )
    thresholds = {"min_share": 0.2}
    message = (
        "成本指标（{names}）合计 {amount:,.2f} 元，只占预算 {budget:,.2f} 元的 {share:.0%}："
        "其余资金的用途和成本没有反映，请按预算测算成本指标。"
    )
    message_en = (
        "Cost rows ({names}) total {amount:,.2f} yuan, {share:.0%} of the budget of {budget:,.2f} yuan: "
        "the rest of the money is unexplained."
    )
    examples = (
        passing(
            project("政府采购专家评审费", [(OUT, "成本指标", "评审专家劳务费", "≤4 万元")], budget_total=4.0)
        ),
        passing(
            project(
                "政府采购专家评审费", [(OUT, "成本指标", "单个项目评审费", "≤1000 元")], budget_total=4.0
            ),
            note="单位成本不计入",
        ),
        failing(
            project(
                "政府采购专家评审费", [(OUT, "成本指标", "评审专家劳务费", "≤0.5 万元")], budget_total=4.0
            ),
            expect=[None],
        ),
    )

    def check(self, proj, ctx):
        budget = budget_yuan(proj)
        if not budget or budget <= 0:
            return
        totals = [
            i
            for i in cost_rows(proj, ctx.lexicons)
            if not is_unit_cost(i, ctx.lexicons) and i.operator in (None, "≤", "=", "<")
        ]
        amount = sum(row_yuan(i) or 0.0 for i in totals)
        if totals and amount < budget * ctx.t("min_share"):
            yield self.hit(
                proj,
                names="、".join(i.shown for i in totals),
                amount=amount,
                budget=budget,
                share=amount / budget,
            )
