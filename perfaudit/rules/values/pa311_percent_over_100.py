"""PA311: a percentage above 100."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import percent_unit
from ..examples import OUT, failing, passing, project


class PercentOver100(IndicatorRule):
    code = "PA311"
    slug = "percent-over-100"
    category = "implausible_value"
    severity = "error"
    title_zh = "百分比超过 100%"
    title_en = "Percentage above 100"
    rationale = (
        "比率不可能超过 100%（「>100%」也不可能达到）；超过说明单位或数值写错。增长类指标（增"
        "长率、提高率）可以超过 100%，不检查。\n"
        "A rate cannot exceed 100% (nor be '> 100%'); growth rates are exempt."
    )
    citation = "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「合理可行」 [U 未核实 unverified]"
    message = (
        "「{ind.shown}」的指标值「{ind.target_text}」超过 100%，不可能达到：请核对数值，比率最高写「=100%」。"
    )
    message_en = (
        "'{ind.shown}' = '{ind.target_text}' exceeds 100%: check the value; the most a rate can be is =100%."
    )
    examples = (
        passing(
            project(
                "示例项目",
                [(OUT, "质量指标", "验收合格率", "=100%"), (OUT, "质量指标", "业务量增长率", "≥120%")],
            )
        ),
        failing(
            project(
                "示例项目",
                [(OUT, "质量指标", "验收合格率", "≥110%"), (OUT, "质量指标", "资料归档率", ">100%")],
            ),
            expect=["验收合格率", "资料归档率"],
        ),
    )

    def check(self, ind, proj, ctx):
        if not percent_unit(ind, ctx.lexicons) or ind.value is None:
            return
        if any(w in ind.name for w in ("增长", "增幅", "提高率", "提升率", "增加率")):
            return
        if ind.value > 100 or (ind.value >= 100 and ind.operator == ">"):
            yield self.hit(proj, ind)
