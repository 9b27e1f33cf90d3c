"""PA012: an indicator without a target value."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import target_missing
from ..examples import OUT, failing, passing, project


class MissingTarget(IndicatorRule):
    code = "PA012"
    slug = "missing-target"
    category = "missing_value"
    severity = "error"
    title_zh = "指标值为空"
    title_en = "Indicator has no target value"
    rationale = (
        "每个三级指标都要有指标值：定量指标写运算符、数值和单位（≥200 人次），定性指标写可判断"
        "的等级（达到预期目标/优良中低差）。\n"
        "Every indicator needs a target: operator, number and unit for quantitative ones, a checkable grade for qualitative ones."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「细化量化」（绩效指标应尽量定量表述，设定指标值） ["
        "U 未核实 unverified]"
    )
    message = "指标「{ind.shown}」没有填写指标值：请填写运算符、数值和单位，如「≥ N 人次」「≥ X%」。"
    message_en = "Indicator '{ind.shown}' has no target: write operator, number and unit, e.g. ≥ N 人次."
    examples = (
        passing(project("干部教育培训经费", [(OUT, "数量指标", "培训人次", "≥200 人次")])),
        failing(project("干部教育培训经费", [(OUT, "数量指标", "培训人次", "")]), expect=["培训人次"]),
    )

    def check(self, ind, proj, ctx):
        if target_missing(ind) and ind.name:
            yield self.hit(proj, ind)
