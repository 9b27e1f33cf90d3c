"""PA304: satisfaction not expressed in %."""

from __future__ import annotations

from ..base import IndicatorRule
from ..common import is_satisfaction_name
from ..examples import SAT, failing, passing, project
from ..vocab import is_percent


class SatisfactionNotPercent(IndicatorRule):
    code = "PA304"
    slug = "satisfaction-not-percent"
    category = "unit_mismatch"
    severity = "error"
    title_zh = "满意度不是百分比"
    title_en = "Satisfaction not in %"
    rationale = (
        "满意度是调查中表示满意的比例，应写成「≥90%」；「90.00(度)」「90 分」「8 人」的单位不对，无法与调查结果比较。\n"
        "Satisfaction is a share of respondents and must be a %: 90.00(度) cannot be checked against a survey."
        "\n「90(度)」这类只是单位写法不规范、数值清楚的，只作提示（info）。"
    )
    citation = (
        "财预〔2015〕88号《中央部门预算绩效目标管理办法》第九条（绩效指标包括产出指标〔数量、质量、时效、成本〕、效益指"
        "标〔经济、社会、生态效益，可持续影响〕和满意度指标） [U 未核实 unverified]（满意度指标）；财预〔20"
        "15〕88号《中央部门预算绩效目标管理办法》第十一条「细化量化」 [U 未核实 unverified]"
    )
    message = "满意度「{ind.shown}」写成「{ind.target_text}」（{unit}）：满意度应以百分比表示，如「≥ X%」。"
    message_en = "Satisfaction '{ind.shown}' = '{ind.target_text}' is not a %: write e.g. ≥ X%."
    examples = (
        passing(project("社区工作经费", [(SAT, "服务对象满意度指标", "特殊人员及群体满意度", "≥90%")])),
        failing(
            project("社区工作经费", [(SAT, "服务对象满意度指标", "特殊人员及群体满意", "90.00(度)")]),
            expect=["特殊人员及群体满意"],
        ),
    )

    def check(self, ind, proj, ctx):
        lex = ctx.lexicons
        if ind.kind == "number" and is_satisfaction_name(ind, lex) and not is_percent(ind.unit, lex):
            unit = ind.unit or "无单位"
            trivial = unit in ("度", "分")  # 「90(度)」: the value is clear, only the unit is odd -> advice
            yield self.hit(proj, ind, unit=unit, severity="info" if trivial else None)
