"""PA421: quantity × unit cost does not reconcile with the budget."""

from __future__ import annotations

from ..base import ProjectRule
from ..examples import COST, OUT, failing, passing, project
from ..vocab import is_count_unit, is_percent, unit_key
from ._money import budget_yuan, cost_rows, is_unit_cost, row_yuan


def _quantity_for(cost, rows, lex):
    """The 数量 row a unit cost multiplies: same unit as the cost's denominator, else the only count row."""
    counts = [
        i
        for i in rows
        if i.dim2 == "数量"
        and i.kind == "number"
        and i.value
        and is_count_unit(i.unit, lex)
        and not is_percent(i.unit, lex)
    ]
    per = unit_key(cost.unit).split("/")[1] if "/" in unit_key(cost.unit) else None
    if per:
        same = [i for i in counts if unit_key(i.unit) and unit_key(i.unit) in per]
        if same:
            return same[0]
    return counts[0] if len(counts) == 1 else None


class QuantityTimesUnitCost(ProjectRule):
    code = "PA421"
    slug = "quantity-times-unit-cost"
    category = "budget_arithmetic"
    severity = "warning"
    title_zh = "数量×单位成本与预算不符"
    title_en = "Quantity × unit cost does not match the budget"
    rationale = (
        "同时填了数量指标和单位成本（人均、单个、每户……或 元/人）时，二者相乘应与预算大体相当：相差超过 tolerance"
        "（默认 ±10%）说明数量、单价或预算至少有一个不实。单位带「月」的（元/人·月）按 12 个月计。"
        "有几个数量指标而单位对不上时不判断。\n"
        "Where a 数量 row and a unit cost are both given, their product should match the budget within tolerance (±10%); "
        "per-month unit costs count twelve months. Not decided when the quantity cannot be paired."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「相应匹配」（与计划期内的任务数相对应，与预算确定的资金量"
        "相匹配） [U 未核实 unverified]"
    )
    thresholds = {"tolerance": 0.10}
    message = (
        "「{qty.shown}」{qty.target_text} ×「{cost.shown}」{cost.target_text}{months} = {product:,.0f} 元，"
        "与预算 {budget:,.0f} 元相差 {gap:.0%}：请核对数量、单位成本和预算。"
    )
    message_en = (
        "'{qty.shown}' × '{cost.shown}' = {product:,.0f} yuan against a budget of {budget:,.0f} yuan "
        "({gap:.0%} apart): check quantity, unit cost and budget."
    )
    examples = (
        passing(
            project(
                "企业开办服务经费",
                [
                    (OUT, "数量指标", "免费刻制印章企业户数", "≥800 户"),
                    (OUT, "成本指标", "每户印章刻制及寄递成本", "≤87.5 元"),
                ],
                budget_total=7.0,
            )
        ),
        passing(
            project(
                "编外人员工资保障",
                [
                    (OUT, "数量指标", "保障人数", "=23 人"),
                    (COST, "经济成本指标", "人均工资", "≤9500 元/人·月"),
                ],
                budget_total=263.0,
            )
        ),
        failing(
            project(
                "企业开办服务经费",
                [
                    (OUT, "数量指标", "免费刻制印章企业户数", "≥200 户"),
                    (OUT, "成本指标", "每户印章刻制及寄递成本", "≤87.5 元"),
                ],
                budget_total=7.0,
            ),
            expect=[None],
        ),
    )

    def check(self, proj, ctx):
        budget = budget_yuan(proj)
        lex = ctx.lexicons
        if not budget:
            return
        for cost in cost_rows(proj, lex):
            if not is_unit_cost(cost, lex) or not row_yuan(cost):
                continue
            qty = _quantity_for(cost, proj.indicators, lex)
            if qty is None:
                continue
            months = 12 if "月" in unit_key(cost.unit) else 1
            product = row_yuan(cost) * qty.value * months
            if abs(product - budget) <= budget * ctx.t("tolerance"):
                continue
            yield self.hit(
                proj,
                qty=qty,
                cost=cost,
                months="×12个月" if months == 12 else "",
                product=product,
                budget=budget,
                gap=abs(product - budget) / budget,
            )
            return
