"""PA707: a fixed number (headcount) written as a minimum."""

from __future__ import annotations

from ..base import IndicatorRule
from ..examples import OUT, failing, passing, project
from ..vocab import compact


class FixedNumberAsMinimum(IndicatorRule):
    code = "PA707"
    slug = "fixed-number-as-minimum"
    category = "direction"
    severity = "warning"
    title_zh = "固定数写成「≥」"
    title_en = "A fixed number written as a minimum"
    rationale = (
        "保障人数、在编人数等（词表 shape.fixed_count_names）是核定的固定数，预算按这个人数测算，应写「=23人」；"
        "写「≥23人」等于说人数可以无限增加，预算也就对不上。\n"
        "Headcounts (lexicon shape.fixed_count_names) are fixed figures the budget is computed from: write '=23 人', "
        "not '≥23 人'."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「相应匹配」（绩效目标要与计划期内的任务数相对应，与预算"
        "确定的资金量相匹配） [U 未核实 unverified]"
    )
    thresholds = {}
    message = (
        "「{ind.shown}」是核定的固定人数，应写「={ind.value:g}{unit}」而不是「{ind.target_text}」，"
        "并与预算测算的人数一致。"
    )
    message_en = "'{ind.shown}' is a fixed headcount: write '={ind.value:g}', not '{ind.target_text}'."
    examples = (
        passing(project("编外人员工资保障", [(OUT, "数量指标", "保障编外人员人数", "=23 人")])),
        failing(
            project("行政审批服务中心专项补助", [(OUT, "数量指标", "保障人数", "≥23 人")]),
            expect=["保障人数"],
        ),
    )

    def check(self, ind, proj, ctx):
        if not ind.level3 or ind.kind != "number" or ind.operator not in ("≥", ">", "≤", "<"):
            return
        name = compact(ind.level3)
        if any(w in name for w in ctx.lexicons.words("shape.fixed_count_names")):
            yield self.hit(proj, ind, unit=ind.unit or "")
