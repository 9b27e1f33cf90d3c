"""PA211: a non-satisfaction indicator under 满意度指标."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_satisfaction_name
from ..examples import SAT, failing, passing, project


class NotSatisfaction(IndicatorRule):
    code = "PA211"
    slug = "not-satisfaction"
    category = "misclassified"
    severity = "error"
    title_zh = "满意度指标下填了非满意度内容"
    title_en = "Non-satisfaction indicator under 满意度"
    rationale = (
        "满意度指标下只能填服务对象满意度（含「满意」「认可度」「好评」等）；「活动完成率」「工作完成率」是产出，不是满意度。\n"
        "Only satisfaction measures belong under 满意度指标; 活动完成率 is an output."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标包括产出指标〔数量、质量、时效、成本〕、效益指"
        "标〔经济、社会、生态效益，可持续影响〕和满意度指标） [U 未核实 unverified]（满意度指标反映服务对象或"
        "项目受益人的认可程度）"
    )
    message = (
        "满意度指标下填的「{ind.shown}」不是满意度：请改为「××（服务对象）满意度 ≥ X%」，"
        "并把该指标移到相应产出类别。"
    )
    message_en = "'{ind.shown}' under 满意度 is not a satisfaction measure: write e.g. ××满意度 ≥ X%."
    examples = (
        passing(project("政务服务大厅运行经费", [(SAT, "服务对象满意度指标", "办事群众满意率", "≥95%")])),
        failing(
            project("政务服务大厅运行经费", [(SAT, "服务对象满意度指标", "活动完成率", "≥95%")]),
            expect=["活动完成率"],
        ),
    )

    def check(self, ind, proj, ctx):
        if ind.dim2 == "满意度" and ind.name and not is_satisfaction_name(ind, ctx.lexicons):
            yield self.hit(proj, ind)
