"""PA314: a satisfaction target of exactly 100%."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_satisfaction_name, percent_unit
from ..examples import SAT, failing, passing, project


class Satisfaction100(IndicatorRule):
    code = "PA314"
    slug = "satisfaction-100"
    category = "implausible_value"
    severity = "info"
    title_zh = "满意度目标为 100%"
    title_en = "Satisfaction target of 100%"
    rationale = (
        "要求全部服务对象都满意（=100%）在调查中几乎不可能，目标不现实；建议「≥90%」或按上年实际值设定。"
        "「≥100%」「=100%」都在此报（满意度、满意率同样处理）。\n"
        "Expecting every respondent to be satisfied is unrealistic (=100% and ≥100% alike)."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「合理可行」 [U 未核实 unverified]；国"
        "家文件未规定满意度上限，100% 的判断为审核实务"
    )
    message = (
        "满意度「{ind.shown}」目标为 100%（{ind.target_text}），难以实现：建议设为「≥90%」或参考上年实际值。"
    )
    message_en = (
        "Satisfaction '{ind.shown}' target of 100% is unrealistic: use about ≥90% or last year's result."
    )
    examples = (
        passing(project("寒暑托班", [(SAT, "服务对象满意度指标", "家长满意度", "≥95%")])),
        failing(
            project("寒暑托班", [(SAT, "服务对象满意度指标", "家长及学生满意比例", "满意率100%")]),
            expect=["家长及学生满意比例"],
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        if (
            is_satisfaction_name(ind, lex)
            and percent_unit(ind, lex)
            and ind.value == 100
            and ind.operator in (None, "=", "≥")
        ):
            yield self.hit(proj, ind)
