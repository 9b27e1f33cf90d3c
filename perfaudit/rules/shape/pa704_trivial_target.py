"""PA704: a count target so low it says nothing (≥1 个, ≥0)."""

from __future__ import annotations

from ..base import IndicatorRule
from ..examples import OUT, failing, passing, project
from ..vocab import is_count_unit, is_percent


class TrivialTarget(IndicatorRule):
    code = "PA704"
    slug = "trivial-target"
    category = "implausible_value"
    severity = "warning"
    title_zh = "指标值过低、没有约束"
    title_en = "Trivial target"
    rationale = (
        "「≥1个」「≥0」「>0%」这样的下限几乎不可能完不成，不能反映年度工作量。以 ≥ 或 > 写的计数指标值不超过 max_value"
        "（默认 1）、或百分比指标值为 0 时提出；写「=1 次」（计划就办一次）不算。\n"
        "Lower bounds such as '≥1 个' or '>0%' cannot be missed. Count targets with ≥/> and a value ≤ max_value (1), or a "
        "percentage of 0, are flagged; '=1 次' (one planned event) is not."
    )
    citation = "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「合理可行」「细化量化」 [U 未核实 unverified]"
    thresholds = {"max_value": 1}
    message = "「{ind.shown}」的指标值「{ind.target_text}」几乎不可能完不成：请按年度计划写实际数量。"
    message_en = "'{ind.shown}' target '{ind.target_text}' cannot be missed: give the planned number."
    examples = (
        passing(project("寒暑托班经费", [(OUT, "数量指标", "寒托班、暑托班开设班级数", "≥4 个")])),
        passing(project("质量月活动经费", [(OUT, "数量指标", "质量月活动", "=1 次")])),
        failing(
            project("寒暑托班经费", [(OUT, "数量指标", "寒托班、暑托班开设班级数", "≥1.00(个)")]),
            expect=["寒托班、暑托班开设班级数"],
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        if not ind.level3 or ind.kind != "number" or ind.value is None or ind.operator not in ("≥", ">"):
            return
        trivial = (is_count_unit(ind.unit, lex) and ind.value <= ctx.t("max_value")) or (
            is_percent(ind.unit, lex) and ind.value == 0
        )
        if trivial:
            yield self.hit(proj, ind)
