"""PA312: ``≥100%``, which can only mean =100%."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_satisfaction_name, percent_unit
from ..examples import OUT, failing, passing, project


class GreaterEqual100(IndicatorRule):
    code = "PA312"
    slug = "ge-100-percent"
    category = "implausible_value"
    severity = "warning"
    title_zh = "「≥100%」只能等于 100%"
    title_en = "'≥100%' can only mean =100%"
    rationale = (
        "比率最高 100%，「≥100%」「不低于 100%」实际只能等于 100%，说明目标值是随手填的；应写「=100%」，"
        "或按历史水平设一个可实现的下限（如「≥98%」）。\n"
        "A rate cannot exceed 100%, so ≥100% means =100%: write =100% or a realistic lower bound.\n"
        "满意度（满意率）名称不在此报：满意度 ≥100% 由 PA314 报，建议设为合理下限，而不是「=100%」。"
    )
    citation = "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「合理可行」 [U 未核实 unverified]"
    message = (
        "「{ind.shown}」写成「{ind.target_text}」，比率不可能超过 100%：请写「=100%」或设一个可实现的下限。"
    )
    message_en = (
        "'{ind.shown}' = '{ind.target_text}': a rate cannot exceed 100%, write =100% or a realistic bound."
    )
    examples = (
        passing(project("示例项目", [(OUT, "质量指标", "工资发放准确率", "=100%")])),
        failing(
            project(
                "示例项目",
                [
                    (OUT, "质量指标", "工资发放精准性", "≥100 百分比"),
                    (OUT, "数量指标", "居民参与率", "居民参与率不低于 100%"),
                ],
            ),
            expect=["工资发放精准性", "居民参与率"],
        ),
    )

    def check(self, ind, proj, ctx):
        # satisfaction (满意度/满意率 alike) at 100% is PA314's: =100% is no advice for it
        if is_satisfaction_name(ind, ctx.lexicons):
            return
        if percent_unit(ind, ctx.lexicons) and ind.value == 100 and ind.operator == "≥":
            yield self.hit(proj, ind)
