"""PA422: a large project without a cost indicator in money."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import OUT, failing, passing, project
from ._money import budget_yuan, cost_rows


class CostRequired(ProjectRule):
    code = "PA422"
    slug = "cost-in-money-required"
    category = "missing_category"
    judges_indicator_set = True
    same_cause_as = ("PA301",)  # the cost row that is not money: one 意见 with it
    severity = "warning"
    title_zh = "较大项目没有以金额表示的成本指标"
    title_en = "A large project has no cost indicator in money"
    rationale = (
        "预算达到 min_budget_wan（默认 50 万元）的项目，应至少有一条以金额表示的成本指标（总成本或人均、单位成本），"
        "审核人员才能把目标和预算对上。只有百分比、「合规」之类成本行的项目提出（该行本身由 PA301 提出）；"
        "完全没有成本指标的由 PA204 提出，本规则不重复。\n"
        "Projects of min_budget_wan (500,000 yuan) or more need at least one cost row in money (total or unit cost) so the "
        "budget can be reconciled. Projects with no cost row at all are PA204's."
    )
    citation = (
        "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》成本指标（经济成本指标反映实施项目"
        "产生的直接经济成本） [U 未核实 unverified]；财预〔2015〕88号 第八条（达到预期产出所需"
        "要的成本资源） [U 未核实 unverified]"
    )
    thresholds = {"min_budget_wan": 50}
    message = (
        "项目预算 {wan:,.2f} 万元，却没有以金额表示的成本指标：请按预算测算填写总成本（如「项目总成本 "
        "≤{wan:,.2f} 万元」）或人均、单位成本，以便与预算核对。"
    )
    message_en = "The budget is {wan:,.2f} 万元 but no cost row is in money: give a total or unit cost."
    examples = (
        passing(
            project(
                "编外人员工资保障",
                [(OUT, "成本指标", "人均年工资及社保成本", "≤11.43 万元")],
                budget_total=263.0,
            )
        ),
        passing(
            project("专家评审费", [(OUT, "成本指标", "成本控制", "≤100%")], budget_total=7.0),
            note="预算低于门槛",
        ),
        failing(
            project(
                "行政审批服务中心专项补助",
                [(OUT, "成本指标", "工资保险发放(缴纳)标准", "≥100 百分比")],
                budget_total=263.0,
            ),
            expect=[None],
        ),
    )

    def check(self, proj, ctx):
        budget = budget_yuan(proj)
        if not budget or budget < ctx.t("min_budget_wan") * 10000:
            return
        if not any(i.dim2 == "成本" for i in proj.indicators) or cost_rows(proj, ctx.lexicons):
            return
        yield self.hit(proj, wan=budget / 10000)
