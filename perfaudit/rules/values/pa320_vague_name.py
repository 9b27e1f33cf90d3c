"""PA320: an indicator name that is a slogan, not a measure."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_graded, is_vague_name
from ..examples import BEN, OUT, failing, passing, project


class VagueName(IndicatorRule):
    code = "PA320"
    slug = "vague-indicator-name"
    category = "vague"
    severity = "warning"
    title_zh = "指标名称空泛，不可衡量"
    title_en = "Indicator name is a slogan, not a measure"
    rationale = (
        "「工作顺利开展」「提高效率」「提供优质服务」「助力社区发展」是口号，不是可以计量或判断的指标。"
        "判断：名称属于空泛短语词表（vague.names），或以「提高、提升、保障、促进、做好……」开头且不含任何计量词（率、数、量、度、次……）。\n"
        "Slogans (工作顺利开展, 提高效率) or verb phrases with no measure word (提升…, 促进…) cannot be assessed."
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第十一条「指向明确」「细化量化」（不能以量化形式表述的，采用定"
        "性的分级分档形式表述） [U 未核实 unverified]"
    )
    message = (
        "指标「{ind.shown}」是口号式表述，无法衡量：请写明考核对象和计量方式，如「××事项办结数」「"
        "××按时完成率」。"
    )
    message_en = "'{ind.shown}' is a slogan, not a measure: name what is measured and how."
    examples = (
        passing(
            project(
                "营商环境改革经费",
                [
                    (OUT, "质量指标", "企业开办平均时长", "≤1 天"),
                    (BEN, "社会效益指标", "提升政务服务事项网办率", "≥90%"),
                ],
            )
        ),
        passing(
            project("人大工作经费", [(OUT, "质量指标", "完善人大代表“家站点”建设", "达标")]),
            note="达标 is a graded value: the row can be assessed",
        ),
        failing(
            project(
                "营商环境改革经费",
                [
                    (BEN, "经济效益指标", "提高效率", "≥95%"),
                    (BEN, "社会效益指标", "提供优质服务", "≥95%"),
                    (BEN, "可持续影响指标", "工作顺利开展", "≥95%"),
                ],
            ),
            expect=["提高效率", "提供优质服务", "工作顺利开展"],
        ),
    )

    def check(self, ind, proj, ctx):
        # a graded target (达标, 达到预期目标, 是/否 …) makes the row assessable whatever its name
        if is_vague_name(ind.name, ctx.lexicons) and not is_graded(ind.target, ctx.lexicons):
            yield self.hit(proj, ind)
